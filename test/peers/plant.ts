/**
 * Plants a fresh token of every peer format (shapes.ts) into the places a secret leaks into dbt
 * artifacts, and decoys of the same shapes that are not secrets, then scans them all in one run
 * and tells, for each plant, whether a finding covers it.
 *
 * Each format gets its own folder: a manifest.json (metadata.env, a node's meta, a node's compiled
 * SQL) and a run_results.json (args.vars, a result's error message), so that a finding's file and
 * JSON pointer name the plant it is about. Decoys get folders of their own, beside them.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { scan } from '../../src/engine/scan.js';
import type { Finding } from '../../src/types.js';
import { dbtJson, manifest, runResults, tempDir } from '../helpers.js';
import { makeToken, type Peer, PEERS, type PeerShape, placeholderOf, prefixOf, randomOf, seeded, SHAPES } from './shapes.js';

export type Place = 'meta' | 'env' | 'vars' | 'sql' | 'log';
export const PLACES: readonly Place[] = ['meta', 'env', 'vars', 'sql', 'log'];

export type DecoyKind = 'placeholder' | 'truncated' | 'in-word' | 'checksum' | 'uuid' | 'docs-example';

export interface Plant {
  shape: PeerShape | undefined;
  place: Place;
  /** The planted text that must (secret) or must not (decoy) be reported. */
  value: string;
  decoy?: DecoyKind;
  file: string;
  pointer: string;
}

export interface Outcome extends Plant {
  /** A finding at the plant's pointer covers (part of) the value. */
  flagged: boolean;
  detectors: string[];
}

/** The places of one value, written as a dbt project would leak it. `name` is the context name, or a neutral one. */
function artifacts(dir: string, name: string, value: string, text: Record<Place, string>, shape: PeerShape | undefined, decoy: DecoyKind | undefined): Plant[] {
  const target = path.join(dir, 'target');
  mkdirSync(target, { recursive: true });
  const envName = `DBT_ENV_CUSTOM_ENV_${name.toUpperCase()}`;
  const m = manifest(
    {
      nodes: {
        'model.peers.notes': { unique_id: 'model.peers.notes', resource_type: 'model', original_file_path: 'models/notes.sql', meta: { owner_note: text.meta } },
        'model.peers.calls': { unique_id: 'model.peers.calls', resource_type: 'model', original_file_path: 'models/calls.sql', compiled_code: text.sql },
      },
    },
    { [envName]: text.env },
  );
  const r = runResults({
    args: { vars: { [name.toLowerCase()]: text.vars }, which: 'run' },
    results: [{ unique_id: 'model.peers.calls', status: 'error', message: text.log, thread_id: 'Thread-1', execution_time: 0.4, adapter_response: {}, failures: null, timing: [] }],
  });
  const manifestFile = path.join(target, 'manifest.json');
  const runFile = path.join(target, 'run_results.json');
  writeFileSync(manifestFile, dbtJson(m));
  writeFileSync(runFile, dbtJson(r));
  const at = (place: Place, file: string, pointer: string): Plant => ({ shape, place, value, file, pointer, ...(decoy ? { decoy } : {}) });
  return [
    at('meta', manifestFile, '/nodes/model.peers.notes/meta/owner_note'),
    at('env', manifestFile, `/metadata/env/${envName}`),
    at('vars', runFile, `/args/vars/${name.toLowerCase()}`),
    at('sql', manifestFile, '/nodes/model.peers.calls/compiled_code'),
    at('log', runFile, '/results/0/message'),
  ];
}

/** A secret's five places: beside its vendor's name when it needs one, else under neutral names. */
function secretTexts(token: string, key: string | undefined): Record<Place, string> {
  if (key) {
    return {
      meta: `rotate quarterly; current ${key}=${token}`,
      env: token,
      vars: token,
      sql: `set ${key.toLowerCase()} = '${token}';\nselect * from raw.events`,
      log: `Runtime Error in model calls (models/calls.sql)\n  request with ${key}=${token} was refused (401)`,
    };
  }
  return {
    meta: `old service credential ${token} (rotated in March)`,
    env: token,
    vars: token,
    sql: `select * from table(api_fetch('https://api.vendor.example/v1/export', '${token}'))`,
    log: `Runtime Error in model calls (models/calls.sql)\n  HTTP 401 Unauthorized for credential ${token}`,
  };
}

/** A decoy's places: free text that says what it is, the same in each (a decoy is never a secret, wherever it sits). */
function decoyTexts(text: string): Record<Place, string> {
  return {
    meta: text,
    env: text,
    vars: text,
    sql: `select '${text.replace(/'/g, "''")}' as note`,
    log: `Compilation Error in model calls (models/calls.sql)\n  unexpected value ${text}`,
  };
}

/** The decoys of one format: its placeholder, a token cut short for display, its keyword inside an ordinary word. */
function formatDecoys(shape: PeerShape, token: string, rand: () => number): { kind: DecoyKind; text: string }[] {
  const out: { kind: DecoyKind; text: string }[] = [];
  const placeholder = placeholderOf(shape.shape);
  const prefix = prefixOf(shape.shape);
  if (placeholder && prefix.length >= 3) out.push({ kind: 'placeholder', text: shape.key ? `${shape.key}=${placeholder}` : placeholder });
  if (prefix.length >= 3) out.push({ kind: 'truncated', text: `${token.slice(0, prefix.length + 4)}...` });
  if (shape.word) out.push({ kind: 'in-word', text: `${shape.word}: ${makeToken(shape.shape, rand)}` });
  // a token's prefix glued to a word (not a URL's or a connection string's: glued to a word, those still leak)
  else if (prefix.length >= 3 && /^[A-Za-z0-9][A-Za-z0-9_.~-]*$/.test(prefix)) out.push({ kind: 'in-word', text: `legacy${token}` });
  for (const text of shape.decoys ?? []) out.push({ kind: 'in-word', text });
  return out;
}

/** Values that only look like secrets: what dbt artifacts are full of, and documentation's examples. */
function genericDecoys(rand: () => number): { kind: DecoyKind; text: string }[] {
  return [
    { kind: 'checksum', text: randomOf('h', 64, rand) },
    { kind: 'checksum', text: randomOf('h', 40, rand) },
    { kind: 'checksum', text: randomOf('h', 32, rand) },
    { kind: 'uuid', text: `${randomOf('h', 8, rand)}-${randomOf('h', 4, rand)}-4${randomOf('h', 3, rand)}-8${randomOf('h', 3, rand)}-${randomOf('h', 12, rand)}` },
    { kind: 'docs-example', text: 'sk_test_4eC39HqLyjWDarjtT1zdp7dc' },
    { kind: 'docs-example', text: 'AKIAIOSFODNN7EXAMPLE' },
    { kind: 'placeholder', text: 'ghp_XXXXXXXXXXXX' },
    { kind: 'placeholder', text: 'sk-proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX' },
  ];
}

export interface Measured {
  outcomes: Outcome[];
  /** Per peer: secrets planted, found, missed; decoys of its formats flagged. */
  byPeer: Record<Peer, { formats: number; planted: number; found: number; decoys: number; decoysFlagged: number }>;
}

/** Plants every format (seeded: the same tokens every run), scans them in one run, and counts. */
export function measure(seed = 20261130): Measured {
  const rand = seeded(seed);
  const root = tempDir();
  const plants: Plant[] = [];
  SHAPES.forEach((shape, i) => {
    const token = makeToken(shape.shape, rand);
    const name = shape.key ?? 'release_ref';
    plants.push(...artifacts(path.join(root, `f${i}`), name, token, secretTexts(token, shape.key), shape, undefined));
    formatDecoys(shape, token, rand).forEach((d, j) => {
      plants.push(...artifacts(path.join(root, `f${i}-d${j}`), 'build_ref', d.text, decoyTexts(d.text), shape, d.kind));
    });
  });
  genericDecoys(rand).forEach((d, j) => {
    plants.push(...artifacts(path.join(root, `g${j}`), 'build_ref', d.text, decoyTexts(d.text), undefined, d.kind));
  });
  const outcomes = scanPlants(plants);
  const byPeer = Object.fromEntries(PEERS.map((peer) => [peer, { formats: 0, planted: 0, found: 0, decoys: 0, decoysFlagged: 0 }])) as Measured['byPeer'];
  for (const peer of PEERS) byPeer[peer].formats = SHAPES.filter((s) => s.peers.includes(peer)).length;
  for (const o of outcomes) {
    for (const peer of o.shape?.peers ?? PEERS) {
      const counts = byPeer[peer];
      if (o.decoy) {
        counts.decoys++;
        if (o.flagged) counts.decoysFlagged++;
      } else {
        counts.planted++;
        if (o.flagged) counts.found++;
      }
    }
  }
  return { outcomes, byPeer };
}

/** Scans the plants' folders in one run and tells, for each plant, whether a finding at its pointer covers its value. */
export function scanPlants<P extends { file: string; pointer: string; value: string }>(plants: P[]): (P & { flagged: boolean; detectors: string[] })[] {
  const dirs = [...new Set(plants.map((p) => path.dirname(p.file)))];
  const { findings } = scan({ paths: dirs });
  const byPlace = new Map<string, Finding[]>();
  for (const f of findings) {
    const k = `${f.file}#${f.jsonPointer}`;
    byPlace.set(k, [...(byPlace.get(k) ?? []), f]);
  }
  const texts = new Map<string, string>();
  return plants.map((p) => {
    const here = byPlace.get(`${p.file.split(path.sep).join('/')}#${p.pointer}`) ?? [];
    let text = texts.get(p.file);
    if (text === undefined) texts.set(p.file, (text = readFileSync(p.file, 'utf8')));
    const covering = here.filter((f) => overlaps(spanOf(text!, f), p.value));
    return { ...p, flagged: covering.length > 0, detectors: [...new Set(covering.map((f) => f.detectorId))] };
  });
}

/** The decoded text a finding spans in its file. */
function spanOf(fileText: string, f: Finding): string {
  const raw = fileText.slice(f.charOffset, f.charOffset + f.charLength);
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/** Whether a finding is about the planted value: one holds the other (`KEY=value` reported whole, or the value's secret part). */
function overlaps(found: string, value: string): boolean {
  if (found.length === 0) return false;
  return value.includes(found) || found.includes(value);
}
