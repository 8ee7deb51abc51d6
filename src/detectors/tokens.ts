/**
 * The token table as detectors: one compiled regex per format, run only when one of the format's
 * keywords occurs in the value, with placeholders and low-entropy candidates dropped.
 */
import type { Detector, DetectorMatch } from '../types.js';
import { patternAnchor } from './anchors.js';
import { shannonEntropy } from './entropy.js';
import { looksRandom } from './formats/structure.js';
import { holdsCountingRun, isPlaceholder } from './placeholders.js';
import { charge, scanAll } from './work.js';
import { TOKEN_FORMATS, type TokenFormat } from './token-formats.js';

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function tokenDetector(format: TokenFormat): Detector {
  // 'd' gives the offsets of the `secret` group. matchAll copies the regex, so `regex` itself is
  // never advanced and concurrent or re-entrant calls cannot share a lastIndex.
  const regex = new RegExp(format.pattern.source, format.pattern.flags.includes('i') ? 'gdi' : 'gd');
  // The keywords are part of the contract, not only a speed-up: for 'medium' formats they are the
  // context (a Twilio SID counts only where "twilio" is said), so detect() checks them itself and
  // gives the same answer whether or not the engine's pre-filter ran first.
  const keywordGate = format.keywords.length > 0 ? new RegExp(format.keywords.map(escapeRegex).join('|'), 'i') : undefined;
  const anchor = patternAnchor(format.pattern, format.keywords);
  return {
    id: format.id,
    title: format.title,
    keywords: format.keywords,
    ...(anchor ? { anchor } : {}),
    detect(value): DetectorMatch[] {
      if (keywordGate) charge(value.length);
      if (keywordGate && !keywordGate.test(value)) return [];
      const out: DetectorMatch[] = [];
      for (const m of scanAll(regex, value)) {
        const [start, end] = m.indices?.groups?.['secret'] ?? [m.index, m.index + m[0].length];
        const secret = value.slice(start, end);
        // (a made-up body counting `12345678` is a sample's, never a generated token's)
        if (isPlaceholder(secret) || holdsCountingRun(secret)) continue;
        if (format.entropy !== undefined && shannonEntropy(secret) < format.entropy) continue;
        if (format.verify && !format.verify(secret)) continue;
        const checked = format.checksum?.(secret);
        if (checked === true) out.push({ detectorId: format.id, start, end, description: `${format.title}, checksum verifies`, confidence: 'high' });
        else if (checked === false) {
          // a random body with a wrong checksum: a test token or a mistyped one, still a leak
          if (!looksRandom(secret.slice(secret.indexOf('_') + 1))) continue;
          out.push({ detectorId: format.id, start, end, description: `${format.title}, checksum does not match (a test value or a mistyped token)`, confidence: 'medium' });
        } else if (format.keyStructure && !format.keyStructure(secret)) {
          out.push({ detectorId: format.id, start, end, description: `${format.title}, its body not a key's structure (made up, cut or damaged)`, confidence: 'medium' });
        } else out.push({ detectorId: format.id, start, end, description: format.title });
      }
      return out;
    },
  };
}

export const tokenDetectors: Detector[] = TOKEN_FORMATS.map(tokenDetector);

/** Every token detector (or those in `onlyIds`) over one value, by position. */
export function detectTokens(value: string, onlyIds?: ReadonlySet<string>): DetectorMatch[] {
  const matches: DetectorMatch[] = [];
  for (const detector of tokenDetectors) {
    if (onlyIds && !onlyIds.has(detector.id)) continue;
    matches.push(...detector.detect(value, { key: undefined }));
  }
  return matches.sort((a, b) => a.start - b.start || a.end - b.end);
}
