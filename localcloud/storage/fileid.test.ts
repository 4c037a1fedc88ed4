import { bucketOf, formatFileId, invalidCloudPath, MAX_CLOUD_PATH_BYTES, parseFileId } from './fileid';

// The shape of real ids (docs/wechat-contracts.md §1.6), e.g.
// cloud://test-9p1vk.7465-test-9p1vk-1302837475/WechatIMG6.jpeg
const REAL_SHAPE = /^cloud:\/\/([a-z0-9-]+)\.([0-9a-f]{4})-\1-(\d{10})\/(.+)$/;

describe('cloud:// file ids', () => {
  it('have the real format: env, hex of the env prefix, env again, a 10-digit bucket app id, the path', () => {
    const id = formatFileId('test-9p1vk', 'goods/1.png');
    const m = REAL_SHAPE.exec(id);
    expect(m).not.toBeNull();
    expect(m![1]).toBe('test-9p1vk');
    expect(m![2]).toBe('7465'); // "te", as in the real id above
    expect(m![4]).toBe('goods/1.png');
  });

  it('are stable for an env: the same bucket every time, a different one for another env', () => {
    expect(bucketOf('local-env')).toBe(bucketOf('local-env'));
    expect(bucketOf('local-env')).not.toBe(bucketOf('prod-env'));
  });

  it('parse back to env and path, including nested and Chinese paths', () => {
    for (const cloudPath of ['a.txt', 'a/b/c.txt', '商品/图 1.png', 'a//b']) {
      expect(parseFileId(formatFileId('local-env', cloudPath))).toEqual({
        envId: 'local-env', bucket: bucketOf('local-env'), cloudPath,
      });
    }
  });

  it('refuse what is not one of our ids: other schemes, a foreign bucket, no path', () => {
    expect(parseFileId('https://example.com/a.png')).toBeUndefined();
    expect(parseFileId('cloud://local-env.7465-local-env-1300000000/a.png')).toBeUndefined();
    expect(parseFileId(`cloud://local-env.${bucketOf('local-env')}/`)).toBeUndefined();
    expect(parseFileId('cloud://nodot/a.png')).toBeUndefined();
    expect(parseFileId(42)).toBeUndefined();
  });
});

describe('cloud paths', () => {
  it('accept ordinary file paths', () => {
    expect(invalidCloudPath('a/b.txt')).toBeUndefined();
    expect(invalidCloudPath('商品/封面.jpg')).toBeUndefined();
  });

  it('refuse empty paths, folders and keys over the COS limit, saying why', () => {
    expect(invalidCloudPath('')).toMatch(/non-empty/);
    expect(invalidCloudPath(undefined)).toMatch(/non-empty/);
    expect(invalidCloudPath('a/')).toMatch(/folder/);
    expect(invalidCloudPath('x'.repeat(MAX_CLOUD_PATH_BYTES + 1))).toMatch(/850 bytes/);
  });
});
