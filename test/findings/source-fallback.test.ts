/**
 * A finding's source file: the file that holds the value, with its position; found in none, the node's own
 * file as dbt recorded it. A node known by its id only (a catalog scanned without its manifest) has no
 * file to name: it was given dbt_project.yml, which SARIF then made the finding's location, a file that
 * need not exist and never held a column's comment (red team, session 41). Nor is a node's own file
 * named when it is not there: no dbt_project.yml above the target, a model removed since (red team 50).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { scan } from '../../src/engine/scan.js';
import { dbtJson, manifest, SCHEMA, tempDir } from '../helpers.js';

const SLACK_BOT = 'xoxb-2056953118-6132642469771-NpfRL3OKbJgGBgRVW0Kkw26Q';

t.test("a catalog alone names no source file; a manifest's node names its own", async (t) => {
  const project = tempDir();
  const target = path.join(project, 'target');
  mkdirSync(target);
  writeFileSync(path.join(project, 'dbt_project.yml'), 'name: shop\n');
  const catalog = path.join(target, 'catalog.json');
  const node = { unique_id: 'model.shop.orders', metadata: { type: 'table', comment: null }, columns: { c: { name: 'c', comment: `notify ${SLACK_BOT}` } }, stats: {} };
  writeFileSync(catalog, dbtJson({ metadata: { dbt_schema_version: SCHEMA('catalog', 1), env: {} }, nodes: { 'model.shop.orders': node }, sources: {}, errors: null }));
  const alone = scan({ paths: [catalog], jobs: 1 }).findings;
  t.equal(alone.length, 1);
  t.equal(alone[0]?.source, undefined, 'no source file for a node known by its id only');

  // the same node in a manifest: its own file, though the value is not in it
  const model = { resource_type: 'model', unique_id: 'model.shop.orders', name: 'orders', package_name: 'shop', original_file_path: 'models/orders.sql', raw_code: 'select 1', meta: { notify: SLACK_BOT } };
  const manifestFile = path.join(target, 'manifest.json');
  writeFileSync(manifestFile, dbtJson(manifest({ nodes: { 'model.shop.orders': model } })));
  mkdirSync(path.join(project, 'models'));
  writeFileSync(path.join(project, 'models', 'orders.sql'), 'select 1\n');
  const withManifest = scan({ paths: [manifestFile], jobs: 1 }).findings;
  t.match(withManifest[0]?.source, { file: 'models/orders.sql' });
  t.notOk(withManifest[0]?.source?.start, 'named without a position');

  // that file removed since (or the target copied without its project): named nowhere, the artifact is the place
  rmSync(path.join(project, 'models', 'orders.sql'));
  t.equal(scan({ paths: [manifestFile], jobs: 1 }).findings[0]?.source, undefined, 'a file that is not there is not named');
  rmSync(path.join(project, 'dbt_project.yml'));
  writeFileSync(path.join(project, 'models', 'orders.sql'), 'select 1\n');
  t.equal(scan({ paths: [manifestFile], jobs: 1 }).findings[0]?.source, undefined, 'nor is one of no project folder known');
});
