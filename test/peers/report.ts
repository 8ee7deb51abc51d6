/**
 * The figures of a peer-format run, as text: per peer, then every miss and every decoy flagged; then
 * those of trufflehog's keyword-only detectors (keyword-plant.ts).
 *   npx tsx test/peers/report.ts
 */
import { keywordReport, measureKeywordOnly } from './keyword-plant.js';
import { measure, type Measured } from './plant.js';

export function report(m: Measured): string {
  const lines = ['peer            formats  planted  found  missed  decoys  flagged'];
  for (const [peer, c] of Object.entries(m.byPeer)) {
    lines.push(`${peer.padEnd(16)}${String(c.formats).padStart(7)}${String(c.planted).padStart(9)}${String(c.found).padStart(7)}${String(c.planted - c.found).padStart(8)}${String(c.decoys).padStart(8)}${String(c.decoysFlagged).padStart(9)}`);
  }
  const missed = m.outcomes.filter((o) => !o.decoy && !o.flagged);
  const flagged = m.outcomes.filter((o) => o.decoy && o.flagged);
  const byName = (list: typeof missed) => {
    const out = new Map<string, string[]>();
    for (const o of list) out.set(`${o.shape?.name ?? 'generic'}${o.decoy ? ` (${o.decoy})` : ''}`, [...(out.get(`${o.shape?.name ?? 'generic'}${o.decoy ? ` (${o.decoy})` : ''}`) ?? []), `${o.place}${o.detectors.length ? `:${o.detectors.join('+')}` : ''}`]);
    return [...out].map(([k, v]) => `  ${k}: ${v.join(', ')}`);
  };
  lines.push(`missed (${missed.length}):`, ...byName(missed), `decoys flagged (${flagged.length}):`, ...byName(flagged));
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(`${report(measure())}\n\n${keywordReport(measureKeywordOnly())}`);
