/** The headline every format shows: how many findings, and how many secrets they are. */
import type { Finding } from '../types.js';
import { countDistinctSecrets } from '../findings/urgency.js';

export interface Headline {
  /** Findings about secrets (not suppressed). */
  findings: number;
  /** Distinct secret values among them. */
  secrets: number;
  /** Findings about the artifacts themselves (stale pairs), not suppressed. */
  problems: number;
  /** "53 findings of 20 distinct secrets", "… and 1 artifact problem". */
  text: string;
}

export function headline(findings: readonly Finding[]): Headline {
  const open = findings.filter((f) => !f.suppressed);
  const secretFindings = open.filter((f) => f.secretId !== undefined);
  const secrets = countDistinctSecrets(open);
  const problems = open.length - secretFindings.length;
  const parts = secretFindings.length > 0 || problems === 0 ? [`${plural(secretFindings.length, 'finding')} of ${plural(secrets, 'distinct secret')}`] : [];
  if (problems > 0) parts.push(plural(problems, 'artifact problem'));
  return { findings: secretFindings.length, secrets, problems, text: parts.join(' and ') };
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * The line on baseline entries that no finding matched (text's last line, a SARIF note); undefined when there are none.
 * An entry whose artifact could not be read is not fixed: it could not be checked.
 */
export function staleBaselineLine(stale: { file: string; count: number; unchecked?: number } | undefined): string | undefined {
  if (!stale) return undefined;
  const unchecked = stale.unchecked ?? 0;
  const parts: string[] = [];
  if (stale.count > 0) parts.push(`${stale.count} baseline entr${stale.count === 1 ? 'y is' : 'ies are'} no longer found in the artifacts: fixed, and removable from ${stale.file} (--prune-baseline, which accepts nothing new)`);
  if (unchecked > 0) parts.push(`${unchecked} baseline entr${unchecked === 1 ? 'y' : 'ies'} of ${stale.file} could not be checked: ${unchecked === 1 ? 'its' : 'their'} artifact could not be read`);
  return parts.length > 0 ? parts.join('; ') : undefined;
}
