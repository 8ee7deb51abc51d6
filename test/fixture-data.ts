/** The committed fixtures and what was planted in them, read from the leak cases in fixtures/cases. */
import path from 'node:path';
import { loadCases, type FixtureFamily } from '../scripts/fixtures/cases.js';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const LEAKY = path.join(ROOT, 'fixtures', 'jaffle-shop-leaky');
export const CLEAN = path.join(ROOT, 'fixtures', 'jaffle-shop-clean');
export const LEGACY = path.join(ROOT, 'fixtures', 'legacy-leaky');

export interface Planted {
  /** The artifact, relative to the fixture folder. */
  file: string;
  pointer: string;
  secret: string;
  rule: string;
  detector: string;
  kind: string;
}

const FAMILIES: Record<string, FixtureFamily | null> = { 'jaffle-shop-leaky': 'jaffle-shop', 'legacy-leaky': 'legacy-leaky', 'jaffle-shop-clean': null, 'static-page-leaky': 'static-page', 'static-page-clean': null };

/** Every string of a fixture's artifacts that holds a planted secret: what must be found there, by which rule and detector. */
export function plantedSecrets(fixture: string): Planted[] {
  const family = FAMILIES[path.basename(fixture)];
  if (family === undefined) throw new Error(`${fixture} is not a generated fixture`);
  if (family === null) return [];
  return loadCases(family).secrets.flatMap((s) => s.found.map(({ encode: _, ...f }) => ({ ...f, kind: s.kind })));
}
