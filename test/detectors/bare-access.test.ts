/**
 * Session 32: `access` as a secret's name. `access=<token>` in a URL query, `access: <token>` in a
 * YAML note and a JSON key `access` hold a credential when the value reads as a token; dbt's model
 * `access: protected`, `access=public`, `access: read`, grants and `access_level` stay silent. Each
 * case names the exact secret, or none; labels never show one.
 */
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { BARE_TOKEN_MIN, mayHoldSecretUnder, mayNameSecret, secretKeyNameDetector } from '../../src/detectors/key-names.js';
import { scan } from '../../src/engine/scan.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dbtJson, manifest, tempDir } from '../helpers.js';
import { checkDetector as check } from './detector-cases.js';

check(assignmentDetector, [
  { label: 'a token in a URL query after access=', text: 'https://api.acme.io/v2/export?access=Kp4nBc7yZq8vLm2xRt9w&format=csv', secrets: ['Kp4nBc7yZq8vLm2xRt9w'] },
  { label: 'a YAML access: in a description', text: 'Partner feed:\n  url: https://feed.acme.io\n  access: Kp4nBc7yZq8vLm2xRt9w\n', secrets: ['Kp4nBc7yZq8vLm2xRt9w'] },
  { label: 'a quoted hex token under s3_access', text: "s3_access = '9f2c4e6a8b0d1f3e5a7c9b2d4f6e8a0c'", secrets: ['9f2c4e6a8b0d1f3e5a7c9b2d4f6e8a0c'] },
  { label: 'access=public', text: 'exposure url: https://docs.acme.io/models?access=public&tab=lineage', secrets: [] },
  { label: 'access: read', text: 'roles:\n  analyst:\n    access: read\n', secrets: [] },
  { label: "dbt's access: protected", text: "{{ config(access: 'protected') }}", secrets: [] },
  { label: 'access = private in a config call', text: "{{ config(materialized='table', access='private') }}", secrets: [] },
  { label: 'grants and access in a note', text: 'grants: {select: [reporter]}; access: read-write for the loader role', secrets: [] },
  { label: 'access_level is another name', text: 'access_level=Kp4nBc7yZq8vLm2xRt9w', secrets: [] },
  { label: 'accessed is another word', text: 'accessed=Kp4nBc7yZq8vLm2xRt9w', secrets: [] },
  { label: 'access: PascalCase group with a version', text: 'access: ReadWriteAccessGroup2024', secrets: [] },
  { label: 'access: a placeholder', text: 'access: ${PARTNER_ACCESS_TOKEN}', secrets: [] },
]);

check(secretKeyNameDetector, [
  { label: 'a token under the key access', key: 'access', text: 'Kp4nBc7yZq8vLm2xRt9w', secrets: ['Kp4nBc7yZq8vLm2xRt9w'] },
  { label: 'a token under vendor_access', key: 'vendor_access', text: 'Kp4nBc7yZq8vLm2xRt9w', secrets: ['Kp4nBc7yZq8vLm2xRt9w'] },
  { label: "dbt's model access", key: 'access', text: 'protected', secrets: [] },
  { label: 'access: public', key: 'access', text: 'public', secrets: [] },
  { label: 'access: read-write', key: 'access', text: 'read-write', secrets: [] },
  { label: 'a token under access_level', key: 'access_level', text: 'Kp4nBc7yZq8vLm2xRt9w', secrets: [] },
]);

t.test('the key gate lets access through, and access_level not', async (t) => {
  t.ok(mayNameSecret('access'));
  t.ok(mayNameSecret('S3_ACCESS'));
  t.notOk(mayNameSecret('access_level'));
  t.notOk(mayNameSecret('accessible'));
});

t.test("under a loose name the gate also asks for a token's length: dbt's access: protected is not read", async (t) => {
  t.notOk(mayHoldSecretUnder('access', 'protected'.length), 'access, 9 characters');
  t.notOk(mayHoldSecretUnder('s3_access', BARE_TOKEN_MIN - 1));
  // auth also names a user and password pair (`auth: [user, password]`): a short password is read
  t.ok(mayHoldSecretUnder('auth', 8));
  t.ok(mayHoldSecretUnder('access', BARE_TOKEN_MIN), 'access, a token long');
  // a secret's own name takes a value of any length
  t.ok(mayHoldSecretUnder('password', 3));
  t.ok(mayHoldSecretUnder('api_key', 3));
  // read in memory and streamed: a token under access is found, protected and private are not read as one
  const dir = path.join(tempDir(), 'target');
  mkdirSync(dir);
  const nodes = {
    'model.shop.a': { unique_id: 'model.shop.a', resource_type: 'model', original_file_path: 'models/a.sql', access: 'protected', config: { access: 'private' } },
    'model.shop.b': { unique_id: 'model.shop.b', resource_type: 'model', original_file_path: 'models/b.sql', meta: { partner: { access: 'Kp4nBc7yZq8vLm2xRt9w' } } },
  };
  writeFileSync(path.join(dir, 'manifest.json'), dbtJson(manifest({ nodes })));
  for (const stream of [false, true]) {
    const found = scan({ paths: [dir], stream, jobs: 1 }).findings.filter((f) => f.detectorId === 'secret-key-name');
    t.same(found.map((f) => f.jsonPath), ["$.nodes['model.shop.b'].meta.partner.access"], `${stream ? 'streamed' : 'in memory'}: the token only`);
  }
});
