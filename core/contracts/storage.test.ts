import { fileAllowed, parseFileId, shopFolder } from './storage';

const BUCKET = 'cloud://local-env.6c6f-local-env-1397834185';
const at = (path: string) => `${BUCKET}/${path}`;

describe('which fileIDs a shop may use', () => {
  it.each([
    ['its own photo as a picture', at('shops/S1/products/a.png'), 'picture', true],
    ['its own logo as a picture', at('shops/S1/logo/l.png'), 'picture', true],
    ['its own file as a digital good', at('shops/S1/files/book.pdf'), 'digital', true],
    ['its own file as a picture (it would be signed for every buyer)', at('shops/S1/files/book.pdf'), 'picture', false],
    ['its own photo as a digital good', at('shops/S1/products/a.png'), 'digital', false],
    ["another shop's file", at('shops/S2/files/book.pdf'), 'digital', false],
    ["a shop whose id starts with this one's", at('shops/S10/files/book.pdf'), 'digital', false],
    ['a path climbing out of the folder', at('shops/S1/files/../../S2/files/book.pdf'), 'digital', false],
    ['an empty segment', at('shops/S1/files//book.pdf'), 'digital', false],
    ['another environment', 'cloud://other-env.6f74-other-env-1300000000/shops/S1/files/book.pdf', 'digital', false],
    ["another environment's bucket under this env's name", 'cloud://local-env.6f74-other-env-1300000000/shops/S1/files/book.pdf', 'digital', false],
    ['not a fileID', 'https://example.com/shops/S1/files/book.pdf', 'digital', false],
  ] as const)('%s', (_name, fileID, kind, allowed) => {
    expect(fileAllowed(fileID, 'local-env', 'S1', kind)).toBe(allowed);
  });

  it('refuses everything when the environment is unknown', () => {
    expect(fileAllowed(at('shops/S1/products/a.png'), '', 'S1', 'picture')).toBe(false);
  });

  it('parses the parts of a fileID and names the folders', () => {
    expect(parseFileId(at('shops/S1/files/a b.pdf'))).toEqual({ envId: 'local-env', bucket: '6c6f-local-env-1397834185', cloudPath: 'shops/S1/files/a b.pdf' });
    expect(shopFolder('S1', 'files')).toBe('shops/S1/files');
  });
});
