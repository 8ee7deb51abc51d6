/**
 * Plants a fresh token of each trufflehog keyword-only detector (keyword-shapes.ts) where a dbt
 * project leaks a vendor's key: `--vars` (run_results.json's args.vars), an environment variable
 * (metadata.env), a model's meta nested under the vendor, a call to the vendor's API in compiled
 * SQL, a literal aliased to the key's name, and a comment naming the vendor. Beside them, decoys
 * that say the vendor's name beside what is no secret (an account's UUID, a checksum, a domain, an
 * API key's id of the token's own shape, an API's URL), which must stay silent.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dbtJson, manifest, runResults, tempDir } from '../helpers.js';
import { type KeywordShape, KEYWORD_SHAPES } from './keyword-shapes.js';
import { scanPlants } from './plant.js';
import { makeToken, prefixOf, randomOf, seeded, uuid } from './shapes.js';

export type KeywordPlace = 'vars' | 'env' | 'meta' | 'sql-call' | 'sql-alias' | 'prose';
export const KEYWORD_PLACES: readonly KeywordPlace[] = ['vars', 'env', 'meta', 'sql-call', 'sql-alias', 'prose'];

export type KeywordDecoy = 'account-uuid' | 'key-id' | 'checksum' | 'domain' | 'url' | 'placeholder';

export interface KeywordPlant {
  shape: KeywordShape;
  place: KeywordPlace;
  value: string;
  decoy?: KeywordDecoy;
  file: string;
  pointer: string;
}

export interface KeywordOutcome extends KeywordPlant {
  flagged: boolean;
  detectors: string[];
}

/** One string to plant: where, under what name (a variable's, a meta key's, a model's), and its text. */
interface Spot {
  place: KeywordPlace;
  /** vars, env: the variable's name; meta: the path under the vendor; sql: the model's name. */
  name: string;
  text: string;
}

/** Writes the spots of one value into a folder's manifest and run results; a plant per spot. */
function write(dir: string, shape: KeywordShape, value: string, spots: Spot[], decoy?: KeywordDecoy): KeywordPlant[] {
  const target = path.join(dir, 'target');
  mkdirSync(target, { recursive: true });
  const env: Record<string, string> = {};
  const vars: Record<string, string> = {};
  const meta: Record<string, Record<string, string>> = {};
  const nodes: Record<string, unknown> = {};
  const manifestFile = path.join(target, 'manifest.json');
  const runFile = path.join(target, 'run_results.json');
  const plants: KeywordPlant[] = [];
  const at = (place: KeywordPlace, file: string, pointer: string): KeywordPlant => ({ shape, place, value, file, pointer, ...(decoy ? { decoy } : {}) });
  for (const spot of spots) {
    if (spot.place === 'vars') {
      vars[spot.name] = spot.text;
      plants.push(at('vars', runFile, `/args/vars/${spot.name}`));
    } else if (spot.place === 'env') {
      env[`DBT_ENV_CUSTOM_ENV_${spot.name}`] = spot.text;
      plants.push(at('env', manifestFile, `/metadata/env/DBT_ENV_CUSTOM_ENV_${spot.name}`));
    } else if (spot.place === 'meta') {
      (meta[shape.vendor] ??= {})[spot.name] = spot.text;
      plants.push(at('meta', manifestFile, `/nodes/model.peers.${shape.vendor}_export/meta/${shape.vendor}/${spot.name}`));
    } else {
      const id = `model.peers.${spot.name}`;
      nodes[id] = { unique_id: id, resource_type: 'model', original_file_path: `models/${spot.name}.sql`, compiled_code: spot.text };
      plants.push(at(spot.place, manifestFile, `/nodes/${id}/compiled_code`));
    }
  }
  if (Object.keys(meta).length > 0) {
    const id = `model.peers.${shape.vendor}_export`;
    nodes[id] = { unique_id: id, resource_type: 'model', original_file_path: `models/${shape.vendor}_export.sql`, meta };
  }
  writeFileSync(manifestFile, dbtJson(manifest({ nodes }, env)));
  writeFileSync(runFile, dbtJson(runResults({ args: { vars, which: 'run' } })));
  return plants;
}

/** `api_key` → key (the hardest: the vendor's name alone says which key), `client_secret` → client secret, `pat` → PAT: what a comment says. */
function noun(secret: KeywordShape['secret']): string {
  if (secret === 'pat') return 'PAT';
  return secret === 'api_key' ? 'key' : secret.replace(/_/g, ' ');
}

function title(vendor: string): string {
  return vendor.split('_').map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');
}

/** A secret's six places. */
function secretSpots(shape: KeywordShape, token: string): Spot[] {
  const name = `${shape.vendor}_${shape.secret}`;
  return [
    { place: 'vars', name, text: token },
    { place: 'env', name: name.toUpperCase(), text: token },
    { place: 'meta', name: shape.secret, text: token },
    { place: 'sql-call', name: `stg_${shape.vendor}_calls`, text: `select * from table(http_get('https://${shape.host}?${shape.param ?? 'api_key'}=${token}&limit=100'))` },
    { place: 'sql-alias', name: `stg_${shape.vendor}_config`, text: `with config as (\n    select '${token}' as ${name}\n)\nselect * from config` },
    { place: 'prose', name: `stg_${shape.vendor}_events`, text: `-- ${title(shape.vendor)} ${noun(shape.secret)}: ${token}\nselect * from raw.${shape.vendor}.events` },
  ];
}

/** The decoys of one vendor: its name beside values that are no secret. */
function decoySpots(shape: KeywordShape, rand: () => number): { kind: KeywordDecoy; value: string; spots: Spot[] }[] {
  const v = shape.vendor;
  const V = v.toUpperCase();
  const id = uuid(rand);
  const sum32 = randomOf('h', 32, rand);
  const keyId = makeToken(shape.shape, rand);
  const domain = `mg.${v.replace(/_/g, '-')}.acme.io`;
  const url = `https://${shape.host}`;
  return [
    {
      kind: 'account-uuid',
      value: id,
      spots: [
        { place: 'vars', name: `${v}_account_id`, text: id },
        { place: 'env', name: `${v.toUpperCase()}_WORKSPACE_ID`, text: id },
        { place: 'meta', name: 'account_id', text: id },
        { place: 'sql-call', name: `stg_${v}_accounts`, text: `select * from raw.${v}.accounts where account_id = '${id}'` },
        { place: 'prose', name: `stg_${v}_workspaces`, text: `-- ${title(v)} workspace: ${id}\nselect * from raw.${v}.workspaces` },
      ],
    },
    // (of the token's own shape, unless that begins with a secret's prefix: `sk_live_…` is a key whatever its name)
    ...(prefixOf(shape.shape) === ''
      ? [{
          kind: 'key-id' as const,
          value: keyId,
          spots: [
            { place: 'vars' as const, name: `${v}_${shape.secret}_id`, text: keyId },
            { place: 'env' as const, name: `${v}_${shape.secret}_id`.toUpperCase(), text: keyId },
            { place: 'meta' as const, name: `${shape.secret}_id`, text: keyId },
          ],
        }]
      : []),
    {
      kind: 'checksum',
      value: sum32,
      spots: [
        { place: 'vars', name: `${v}_checksum`, text: sum32 },
        { place: 'meta', name: 'checksum', text: sum32 },
        { place: 'sql-alias', name: `stg_${v}_dedup`, text: `select *, '${sum32}' as ${v}_export_checksum from raw.${v}.exports` },
        { place: 'prose', name: `stg_${v}_files`, text: `-- ${title(v)} export, dedup key: ${sum32}\nselect * from raw.${v}.files` },
      ],
    },
    {
      kind: 'placeholder',
      value: `{{ env_var('${V}_API_KEY') }}`,
      spots: [
        { place: 'vars', name: `${v}_api_key`, text: `{{ env_var('${V}_API_KEY') }}` },
        { place: 'prose', name: `stg_${v}_sync`, text: `-- ${title(v)} key: {{ env_var('${V}_API_KEY') }}\nselect 1` },
        { place: 'sql-call', name: `stg_${v}_fetch`, text: `select * from table(http_get('https://${shape.host}?key={{ env_var('${V}_API_KEY') }}'))` },
      ],
    },
    {
      kind: 'domain',
      value: domain,
      spots: [
        { place: 'vars', name: `${v}_domain`, text: domain },
        { place: 'env', name: `${v.toUpperCase()}_DOMAIN`, text: domain },
        { place: 'meta', name: 'domain', text: domain },
      ],
    },
    {
      kind: 'url',
      value: url,
      spots: [
        { place: 'vars', name: `${v}_url`, text: url },
        { place: 'env', name: `${v.toUpperCase()}_API_URL`, text: url },
        { place: 'meta', name: 'base_url', text: url },
        { place: 'sql-call', name: `stg_${v}_pages`, text: `select * from table(http_get('${url}?limit=100&offset=200'))` },
      ],
    },
  ];
}

export interface KeywordMeasured {
  outcomes: KeywordOutcome[];
}

/** Plants every keyword-only format and its decoys (seeded: the same tokens every run), scans them in one run. */
export function measureKeywordOnly(seed = 20261201): KeywordMeasured {
  const rand = seeded(seed);
  const root = tempDir();
  const plants: KeywordPlant[] = [];
  KEYWORD_SHAPES.forEach((shape, i) => {
    const token = makeToken(shape.shape, rand);
    plants.push(...write(path.join(root, `k${i}`), shape, token, secretSpots(shape, token)));
    decoySpots(shape, rand).forEach((d, j) => plants.push(...write(path.join(root, `k${i}-d${j}`), shape, d.value, d.spots, d.kind)));
  });
  return { outcomes: scanPlants(plants) };
}

/** The figures, as text: per place, then every miss and every decoy flagged. */
export function keywordReport(m: KeywordMeasured): string {
  const secrets = m.outcomes.filter((o) => !o.decoy);
  const decoys = m.outcomes.filter((o) => o.decoy);
  const lines = [`trufflehog keyword-only: ${KEYWORD_SHAPES.length} detectors, ${secrets.filter((o) => o.flagged).length} of ${secrets.length} planted secrets found, ${decoys.filter((o) => o.flagged).length} of ${decoys.length} decoys flagged`];
  for (const place of KEYWORD_PLACES) {
    const here = secrets.filter((o) => o.place === place);
    lines.push(`  ${place.padEnd(10)} ${here.filter((o) => o.flagged).length}/${here.length}`);
  }
  const byShape = (list: KeywordOutcome[]) => {
    const out = new Map<string, string[]>();
    for (const o of list) out.set(`${o.shape.detector}${o.decoy ? ` (${o.decoy})` : ''}`, [...(out.get(`${o.shape.detector}${o.decoy ? ` (${o.decoy})` : ''}`) ?? []), `${o.place}${o.detectors.length ? `:${o.detectors.join('+')}` : ''}`]);
    return [...out].map(([k, v]) => `  ${k}: ${v.join(', ')}`);
  };
  const missed = secrets.filter((o) => !o.flagged);
  const flagged = decoys.filter((o) => o.flagged);
  lines.push(`missed (${missed.length}):`, ...byShape(missed), `decoys flagged (${flagged.length}):`, ...byShape(flagged));
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(keywordReport(measureKeywordOnly()));
