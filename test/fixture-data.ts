/** The committed fixtures and what was planted in them. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const LEAKY = path.join(ROOT, 'fixtures', 'jaffle-shop-leaky');
export const CLEAN = path.join(ROOT, 'fixtures', 'jaffle-shop-clean');
export const LEGACY = path.join(ROOT, 'fixtures', 'legacy-leaky');

export interface Planted {
  file: string;
  pointer: string;
  secret: string;
  rule: string;
  kind: string;
}

export function plantedSecrets(fixture: string): Planted[] {
  return (JSON.parse(readFileSync(path.join(fixture, 'expected.json'), 'utf8')) as { secrets: Planted[] }).secrets;
}
