/**
 * A finding as the engine keeps it until the report is written: a findings-heavy scan holds
 * hundreds of thousands (600 MB of manifest: 200,000), so what can be worked out from the rest is
 * not stored. The JSON pointer and the stable location follow from the JSON path, and the
 * positions are four numbers; they are made when read (getters on the prototype), and `toJSON`
 * writes every field in the order a plain finding has them. So reading a property, the json
 * format and a copy through `plainFinding` (what crosses threads) see the same finding as before.
 */
import type { ArtifactKind, Finding, Lifetime, Position, Severity, Suppression } from '../types.js';
import { stablePath } from './fingerprint.js';
import { jsonPathSegments, toJsonPointer } from './paths.js';

/** What a finding stores; `jsonPointer`, `location`, `start` and `end` are derived. */
export interface StoredFields {
  ruleId: string;
  detectorId: string;
  severity: Severity;
  message: string;
  file: string;
  artifactKind: ArtifactKind;
  jsonPath: string;
  charOffset: number;
  charLength: number;
  uniqueId: string | undefined;
  originalFilePath: string | undefined;
  source: Finding['source'];
  preview: string;
  fingerprint: string;
  secretId: string;
  lifetime: Lifetime;
  expiresAt: string | undefined;
  suppressed: Suppression | undefined;
  confidence: 'high' | 'medium' | undefined;
}

export class ArtifactFinding {
  declare ruleId: string;
  declare detectorId: string;
  declare severity: Severity;
  declare message: string;
  declare file: string;
  declare artifactKind: ArtifactKind;
  declare jsonPath: string;
  declare charOffset: number;
  declare charLength: number;
  declare uniqueId?: string;
  declare originalFilePath?: string;
  declare source?: Finding['source'];
  declare preview: string;
  declare fingerprint: string;
  declare secretId?: string;
  declare lifetime?: Lifetime;
  declare expiresAt?: string;
  declare suppressed?: Suppression;
  declare confidence?: 'high' | 'medium';
  declare expired?: boolean;
  readonly #startLine: number;
  readonly #startColumn: number;
  readonly #endLine: number;
  readonly #endColumn: number;

  /** Own properties in a plain finding's order (the optional ones only when present). */
  constructor(f: StoredFields, start: Position, end: Position) {
    this.ruleId = f.ruleId;
    this.detectorId = f.detectorId;
    this.severity = f.severity;
    this.message = f.message;
    this.file = f.file;
    this.artifactKind = f.artifactKind;
    this.jsonPath = f.jsonPath;
    this.charOffset = f.charOffset;
    this.charLength = f.charLength;
    if (f.uniqueId !== undefined) this.uniqueId = f.uniqueId;
    if (f.originalFilePath) this.originalFilePath = f.originalFilePath;
    if (f.source) this.source = f.source;
    this.preview = f.preview;
    this.fingerprint = f.fingerprint;
    this.secretId = f.secretId;
    this.lifetime = f.lifetime;
    if (f.expiresAt) this.expiresAt = f.expiresAt;
    if (f.suppressed) this.suppressed = f.suppressed;
    if (f.confidence) this.confidence = f.confidence;
    this.#startLine = start.line;
    this.#startColumn = start.column;
    this.#endLine = end.line;
    this.#endColumn = end.column;
  }

  get jsonPointer(): string {
    return toJsonPointer(jsonPathSegments(this.jsonPath));
  }

  get location(): string {
    return stablePath(jsonPathSegments(this.jsonPath), this.uniqueId);
  }

  get start(): Position {
    return { line: this.#startLine, column: this.#startColumn };
  }

  get end(): Position {
    return { line: this.#endLine, column: this.#endColumn };
  }

  /** The plain finding: its own properties in order, the derived ones where a plain finding has them (after jsonPath). */
  toJSON(): Finding {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(this)) {
      out[key] = this[key as keyof this];
      if (key === 'jsonPath') {
        out.jsonPointer = this.jsonPointer;
        out.location = this.location;
        out.start = this.start;
        out.end = this.end;
      }
    }
    return out as unknown as Finding;
  }
}

/** A finding as a plain object (what a worker thread posts: a copy across threads keeps own data properties only). */
export function plainFinding(f: Finding): Finding {
  return f instanceof ArtifactFinding ? f.toJSON() : f;
}
