/**
 * `dbt docs generate --static` writes target/static_index.html with the manifest and catalog
 * inlined verbatim into its JavaScript (`var n = { manifest: {…}, catalog: {…} }`). We scan only
 * those embedded JSON values, never the minified bundle around them, and keep positions true to
 * the HTML file.
 */
import { JsonSyntaxError, skipValue } from './json-text.js';

/** An embedded artifact is a JSON object that starts with its metadata and schema version. */
const EMBEDDED_START = /\{\s*"metadata"\s*:\s*\{\s*"dbt_schema_version"\s*:/g;

export interface EmbeddedSegment {
  start: number;
  end: number;
}

export function looksLikeHtml(text: string): boolean {
  return /^\s*<(?:!doctype|html|head|script|meta)/i.test(text.slice(0, 512));
}

/** Start and end offsets of each embedded artifact; a truncated one ends at the end of the text. */
export function embeddedArtifacts(text: string): EmbeddedSegment[] {
  const segments: EmbeddedSegment[] = [];
  EMBEDDED_START.lastIndex = 0;
  for (let m = EMBEDDED_START.exec(text); m !== null; m = EMBEDDED_START.exec(text)) {
    let end: number;
    try {
      end = skipValue(text, m.index);
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      end = text.length;
    }
    segments.push({ start: m.index, end });
    EMBEDDED_START.lastIndex = end;
  }
  return segments;
}

/**
 * The segment as a JSON text of the same length up to its end: everything before it becomes spaces
 * (line breaks kept), so JSON.parse reads it and every offset, line and column is the HTML file's.
 */
export function segmentView(text: string, segment: EmbeddedSegment): string {
  return text.slice(0, segment.start).replace(/[^\n]/g, ' ') + text.slice(segment.start, segment.end);
}
