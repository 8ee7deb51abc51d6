/**
 * Red team 100: four x's in one case anywhere in a value made it a placeholder, and random bodies hold them by chance
 * (an RSA key's base64, a GitHub token whose checksum verifies, an AWS secret key, a SQL password); an SSH public key's
 * base64 without its type under `ssh_host_key` was reported as a secret; so was the signature of AWS's documented
 * presigned URL, made with the docs' example key. Beside each, the placeholders and secrets that stay as they were.
 */
import t from 'tap';
import { isPlaceholder } from '../../src/detectors/placeholders.js';
import { isSshPublicKey } from '../../src/detectors/formats/structure.js';
import { ruleProbe } from './rule-probe.js';

/** An RSA key whose base64 holds `XXXX` by chance (in its 22nd line). */
const RSA_KEY = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEACxMxOtjIUGr4oiO3iotyW6UESeYOP7gGJz9yfmEoyKnm3et/',
  'fH1mx1Wi+TWfF+WjG4mfBhSqaYdQ51bTh0LduILKS/Aq9xVANi+QcvrJRLIXhfTA',
  '7UXMo1iG+D6FzjZomQXuHsSrlv4qPhqA8owTpsBSeJN20PyCTioW/a6x7a0Ew3L4',
  '9wgadGyI7TCCAFU5FZYcGkng5nwmGTPNjS3xP9ekzDrMhOVe666EN5Cqhg7skC86',
  'ypxMzeSoZO3r6H+JGjEdfoTo4qGC0tIaT+t4TXFLcNBKHPtB9ZJLBzJ0OoLC3bEc',
  'L2WVLgL704FHDEtDCoTcY49gSd7mjzUGaDI9VNNw9HL1O4PTkoO2RJhtpZoLvWse',
  'Jjzcp1NtRDgH2Kg8zyudX/ckdndEbw7UrRznhP0Xz0fhSCDfcx3xqAvxOhvjKwp6',
  'WETCphuL0GY7MbDBJsCi5E0XFrHH+KeQGRkYePeJRHa3cdgETaDwIIvj51Cv6pFd',
  's2aRWEB03Dh3OgOiZss68NQ4MtHETMP8uDNRbksC1MzTEcueAxm+DMpvqc57Z02P',
  'Taw5mYqXzwILL6QD9L3x6vQWen2JfseSs8ZNIXveanTYvKXkKGxswhONTneIlKHH',
  '5Z9EmBn+HR8CPKFTR3pwYP83JyhHGrYLdnWQKgfQ6ZdlwJ+kkRqa+TxhL+EJ8L9J',
  'ECYRXL2yclUw4PM3M2p9U5as9gqHlq0bSKojwOs9SGGNtGYd44FKn9i19kOz4z/t',
  '0cLR83U4PUYRSXpFZ6iXgIGAe2ZTDthFoz8Yhxp/yztihVpfVPg9+1/wkiUEDj4g',
  'NTf+wQigRddLvePtnUkryuUhdI3vPlPva6AuIaBQhuTSB3uiDWuPo8r5Ce1c8RYZ',
  'VW5LXLPo8gNi+W4avM27fcBye94lYJpXtnNBlLKUgtfrsNb8oJdNA4RPybhcypju',
  'SKe+moZ/peYdTYxx9RL/GOvHbIQaFNPqn1aNz5RviRFNFBTtLxDA3+tStNdxr9Ua',
  'l2UEAAgBlxqYhW37rCPZRTXSgv3Em8IJeYmnZBZCS0L1xgoMcJJKK5/BxOjThQJd',
  'g2UjPrd10nw+gEgoCs+A29VypDnTRLwoDEKcsZnjUrlmn2wJMyUEcpT2En8hhcZv',
  'zUuutgQ8tBS1llAGKJS0Z73fjrX1FKM9UEFqHJ9PcF1jf6J3s5p3YHBjQF36F1G7',
  'd8jOKD4E3J37oXnxwU2SyL6kRlbZkUYcoGjui3qthQZj0RI0Ao8eCWaFILpsgAZt',
  'I4T7In6XXXXnqNsWbr5rPyv92ozxSPPcRXIV9RQgCv63kMIVSYiw0m09ENrRx3nF',
  'O5VdBbTvG+Hym55HzTfnz+L2YWTRbz37b2ezIhPoqn2t6YvLc75LAMxe/luY1xIS',
  'zEShzrhjyYZxOwQQGKLDukSWNdBSY18zxWgLDkthIbkKuiLLSgTxu31Oohf+CeUZ',
  'My0yI3Oih0F4ANlxQ4oJXN0BHfwsSQ9jtH7d4Txfj4aZx4KFAGC7mifiQKLojJQs',
  'yfWAlZo3cgro3erPkxWUR0raigEdg3bVRcubgW/cdVDaaT7Fn6Sn/0kAbs249DpN',
  'Buc=',
  '-----END RSA PRIVATE KEY-----',
].join('\n');

t.test('a run of four x\'s inside a random body is no placeholder', async (t) => {
  ruleProbe('sftp_private_key').finds(t, 'config-meta', [[RSA_KEY, RSA_KEY]]);
  // its CRC-32 verifies: never a placeholder, whatever its body holds
  ruleProbe('ci_token').finds(t, 'config-meta', [['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', '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']]);
  ruleProbe('aws_secret_access_key').finds(t, 'config-meta', [['kQ9v2Lw8XXXXb7TzR1nY4cPm6sHjF0dGuAeK3oWi', 'kQ9v2Lw8XXXXb7TzR1nY4cPm6sHjF0dGuAeK3oWi']]);
  ruleProbe('compiled_code').finds(t, 'compiled-code', [["create user x password = 'q7XXXXk2!Lm9'", 'q7XXXXk2!Lm9']]);
  t.notOk(isPlaceholder('kQ9v2Lw8XXXXb7TzR1nY4cPm6sHjF0dGuAeK3oWi'), 'four X\'s in 40 random characters');
});

t.test('x\'s that fill the value, or the part where its secret goes, stay a placeholder', async (t) => {
  for (const value of ['xxxxxxxx', 'xxxx-xxxx-xxxx', 'sk_test_XXXXXXXXXXXXXXXXXXXXXXXX', 'https://user:xxxx@host', 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'AKIAXXXXXXXXXXXXXXXX', 'AKIAXXXX1234XXXX', 'sk_live_xxxx', 'Bearer xxxx', 'xoxb-2056953118-6132642469771-xxxxxxxxxxxxxxxxxxxxxxxx']) {
    t.ok(isPlaceholder(value), value);
  }
  ruleProbe('password').findsNothing(t, 'config-meta', ['xxxxxxxx', 'xxxx-xxxx-xxxx']);
  ruleProbe('stripe_key').findsNothing(t, 'config-meta', ['sk_test_XXXXXXXXXXXXXXXXXXXXXXXX']);
  ruleProbe('ci_token').findsNothing(t, 'config-meta', ['ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'token=xxxx-xxxx-xxxx']);
  ruleProbe('connection').findsNothing(t, 'config-meta', ['postgresql://user:xxxx@db.internal:5432/analytics', 'https://user:xxxx@host']);
  ruleProbe('sftp_private_key').findsNothing(t, 'config-meta', ['-----BEGIN RSA PRIVATE KEY-----\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n-----END RSA PRIVATE KEY-----']);
});

const ED25519 = 'AAAAC3NzaC1lZDI1NTE5AAAAIHx0Q2d3bWZ0a3VtYXJnb2xkZW5oYXJib3JmYWxjb24x';
const RSA_PUBLIC = 'AAAAB3NzaC1yc2EAAAADAQABAAAAgQDowacUuUr1QddUoqLCPa8SXArVcVQEU+o7dx5frSaE8EJviOEG31YKll/Z5OXb0+doY2xlhRpaKh2wImpbcaxTsvcACzDGHDOVNIJgJs+oGqlfCtHaUwGZaHTmg1P7lrx82xvEsfviQ0RhCsBSOGvzNTK/l9ueYsE1rFfQHg1Cjw==';
const ECDSA = 'AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBOSEjUjostNyCeU1fLRkwJz4lp2atnfWWM3cnB2HE9YpUVAEV/YgTsSiEEfiSIfDkRgl5TIrlBgGE4pX/OFM/+Y=';

t.test('an SSH public key\'s base64 is public, with or without its type and a comment', async (t) => {
  for (const value of [ED25519, RSA_PUBLIC, ECDSA, `${ED25519} deploy@ci`, `ssh-ed25519 ${ED25519} deploy@ci`]) t.ok(isSshPublicKey(value), value.slice(0, 40));
  ruleProbe('ssh_host_key').findsNothing(t, 'config-meta', [ED25519, RSA_PUBLIC, ECDSA, `${ED25519} deploy@ci`]);
  // one byte more or less than the type's fields, another type's name before it, or no type's name at all: judged as
  // any value (a private key's bytes or a random secret that starts with AAAA)
  const cut = 'AAAAC3NzaC1lZDI1NTE5AAAAIHx0Q2d3bWZ0a3VtYXJnb2xkZW5oYXJib3JmYWxjb24xAAAA';
  for (const value of [cut, `ssh-rsa ${ED25519}`, 'AAAAQ2x2R8kd2Q7LmZp3Vw9Nb4Tc6Yh1Fj3RnFg5Lq']) t.notOk(isSshPublicKey(value), value.slice(0, 40));
  ruleProbe('ssh_host_key').finds(t, 'config-meta', [[cut, cut]]);
});

t.test('the signature of a presigned URL whose credential is a documented example key is an example', async (t) => {
  const docs =
    'https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404';
  ruleProbe('location').findsNothing(t, 'locations-urls', [docs]);
  const signature = 'b2754f5b6a3f2f0f8f5e4b7c41e0a6f3d5c1a9b8e7f6d5c4b3a2918f7e6d5c4b';
  const real = `https://acme-exports.s3.amazonaws.com/daily.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA4QZ7RWPLMX2NVKTD%2F20260105%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260105T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=${signature}`;
  t.same(ruleProbe('location').found(real, 'locations-urls'), ['AKIA4QZ7RWPLMX2NVKTD', signature], 'a real key\'s URL: the key and the signature');
  // the example's credential says nothing of the next URL
  ruleProbe('description').finds(t, 'free-text', [[`docs: ${docs} ours: ${real.replace('AKIA4QZ7RWPLMX2NVKTD%2F', '')}`, signature]]);
});
