/**
 * Masked previews: at most 4 leading characters and never more than a quarter of the secret, then
 * ****. The only form in which a secret leaves the engine.
 */
export function maskSecret(secret: string): string {
  const shown = Math.min(4, Math.floor(secret.length / 4));
  // never cut a surrogate pair in half, never show a line break
  let prefix = secret.slice(0, shown).replace(/[\r\n\t]/g, ' ');
  if (/[\uD800-\uDBFF]$/.test(prefix)) prefix = prefix.slice(0, -1);
  return `${prefix}****`;
}
