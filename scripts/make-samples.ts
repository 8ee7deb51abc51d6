/**
 * Made-up, structurally valid samples for the token table's rows that have a structure check:
 * `npx tsx scripts/make-samples.ts <kind> [count]` prints them, one a line. None is a real credential.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { base62, crc32 } from '../src/detectors/formats/structure.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function pick(alphabet: string, n: number): string {
  return Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/** GitHub's and npm's shape: prefix, 30 random base62 characters, their CRC-32 in 6 base62 characters. */
function checksummed(prefix: string): string {
  const random = pick(ALNUM, 30);
  return `${prefix}${random}${base62(crc32(random), 6)}`;
}

const KINDS: Record<string, () => string> = {
  npm: () => checksummed('npm_'),
  ghp: () => checksummed('ghp_'),
  gho: () => checksummed('gho_'),
  ghu: () => checksummed('ghu_'),
  ghs: () => checksummed('ghs_'),
  ghr: () => checksummed('ghr_'),
  // a version-2 macaroon: location pypi.org, an identifier (a UUID), end of section, a signature
  pypi: () => {
    const id = Buffer.from(randomUUID());
    const bytes = Buffer.concat([Buffer.from([2, 1, 8]), Buffer.from('pypi.org'), Buffer.from([2, id.length]), id, Buffer.from([0, 0, 6, 32]), randomBytes(32)]);
    return `pypi-${bytes.toString('base64url')}`;
  },
  pem: () => Buffer.concat([Buffer.from('308204a30201000282010100', 'hex'), randomBytes(400)]).toString('base64'),
};

const [kind = '', count = '1'] = process.argv.slice(2);
const make = KINDS[kind];
if (!make) {
  console.error(`kind is one of: ${Object.keys(KINDS).join(', ')}`);
  process.exit(2);
}
for (let i = 0; i < Number(count); i++) console.log(make());
