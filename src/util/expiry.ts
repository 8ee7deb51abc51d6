/**
 * When an `expires` ends (ms): a day holds through its end (UTC), a time is that time; NaN when it is neither. One reading
 * for a node's meta suppression and the config's allowlist entries, so that the same date lapses at the same moment.
 */
export function expiryOf(expires: string): number {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(expires.trim());
  return day ? Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]) + 1) : Date.parse(expires);
}
