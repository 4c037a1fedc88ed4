// The sandbox's platform certificate (wire.ts): whatever random bytes its serial starts from, the certificate
// parses and carries that serial — a serial starting 00 made one certificate-mode cloud in 256 unusable.
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { selfSignedCertificate } from './cert';
import { certSerialOf } from './wire';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

test.each([
  ['a leading zero byte', '00'],
  ['a leading byte with the high bit set', 'FF'],
  ['a leading byte under 0x10', '0A'],
  ['an ordinary leading byte', '5C'],
])('a serial from bytes with %s gives a certificate that parses with that serial', (_, first) => {
  const serial = certSerialOf(Buffer.from(first + '00'.repeat(19), 'hex'));
  expect(serial).toMatch(/^1[0-9A-F]{39}$/);
  const pem = selfSignedCertificate({ serialHex: serial, publicKey, privateKey, notBefore: Date.now() - 1000, notAfter: Date.now() + 86_400_000 });
  expect(new X509Certificate(pem).serialNumber.toUpperCase()).toBe(serial);
});
