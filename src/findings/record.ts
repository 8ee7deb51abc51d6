/**
 * A finding as the engine keeps it until the report is written: a findings-heavy scan holds
 * hundreds of thousands (600 MB of manifest: 200,000), so a finding object holds only what sorting,
 * counting and ranking read of every finding (file, offset, severity, secret id, suppression).
 * Its rule, detector and message are one object shared by the artifact's findings of that kind;
 * what only the report reads (JSON path, positions, node, preview, fingerprint) is in the
 * artifact's FindingStore, in memory or in a spill file (findings/store.ts). The JSON pointer and
 * the stable location follow from the JSON path. All of them are getters on the prototype, and
 * `toJSON` writes every field in the order a plain finding has them: reading a property, the json
 * format and a copy through `plainFinding` (what crosses threads) see the same finding as before.
 */
import type { ArtifactKind, FileKind, Finding, Lifetime, Position, Severity, Suppression } from '../types.js';
import { stablePath } from './fingerprint.js';
import { jsonPathSegments, toJsonPointer } from './paths.js';
import { FindingStore, type ColdFields } from './store.js';

/** What findings of one rule, detector and message share (one object for all of them in an artifact). */
export interface FindingKind {
  ruleId: string;
  detectorId: string;
  message: string;
  artifactKind: ArtifactKind;
  confidence: 'high' | 'medium' | undefined;
}

/** What a finding is made of; `jsonPointer`, `location`, `start` and `end` are derived. */
export interface StoredFields {
  kind: FindingKind;
  severity: Severity;
  file: string;
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
}

/** Whether findings in artifacts of this kind point at bytes, not characters (partial_parse.msgpack). */
export const binaryKind = (kind: FileKind): boolean => kind === 'partial-parse';

export class ArtifactFinding {
  /** Shared with the artifact's other findings of its rule, detector and message (read through the getters below). */
  declare kind: FindingKind;
  declare severity: Severity;
  declare file: string;
  declare charOffset: number;
  declare source?: Finding['source'];
  declare secretId?: string;
  declare lifetime?: Lifetime;
  declare expiresAt?: string;
  declare suppressed?: Suppression;
  declare expired?: boolean;
  /** Where the rest is kept (findings/store.ts), and under which index. */
  readonly #store: FindingStore;
  readonly #index: number;

  /** What sorting, counting and ranking read stays here; what only the report reads goes to `store`. */
  constructor(f: StoredFields, start: Position, end: Position, store: FindingStore = new FindingStore()) {
    // every field set, present or not: one hidden class for every finding
    this.kind = f.kind;
    this.severity = f.severity;
    this.file = f.file;
    this.charOffset = f.charOffset;
    this.source = f.source || undefined;
    this.secretId = f.secretId;
    this.lifetime = f.lifetime;
    this.expiresAt = f.expiresAt || undefined;
    this.suppressed = f.suppressed || undefined;
    this.expired = undefined;
    this.#store = store;
    this.#index = store.add({
      jsonPath: f.jsonPath,
      charLength: f.charLength,
      uniqueId: f.uniqueId,
      originalFilePath: f.originalFilePath || undefined,
      preview: f.preview,
      fingerprint: f.fingerprint,
      startLine: start.line,
      startColumn: start.column,
      endLine: end.line,
      endColumn: end.column,
    });
  }

  get ruleId(): string {
    return this.kind.ruleId;
  }

  get detectorId(): string {
    return this.kind.detectorId;
  }

  get message(): string {
    return this.kind.message;
  }

  /** (an archive's findings name it as `runs.zip!/…`: the finding gets a kind of its own) */
  set message(message: string) {
    if (message !== this.kind.message) this.kind = { ...this.kind, message };
  }

  get artifactKind(): ArtifactKind {
    return this.kind.artifactKind;
  }

  get confidence(): 'high' | 'medium' | undefined {
    return this.kind.confidence;
  }

  get jsonPath(): string {
    return this.#cold().jsonPath;
  }

  get charLength(): number {
    return this.#cold().charLength;
  }

  /** In a binary artifact, the offset under a name that says it counts bytes (see Finding.byteOffset); else undefined. */
  get byteOffset(): number | undefined {
    return binaryKind(this.kind.artifactKind) ? this.charOffset : undefined;
  }

  get byteLength(): number | undefined {
    return binaryKind(this.kind.artifactKind) ? this.charLength : undefined;
  }

  get uniqueId(): string | undefined {
    return this.#cold().uniqueId;
  }

  get originalFilePath(): string | undefined {
    return this.#cold().originalFilePath;
  }

  get preview(): string {
    return this.#cold().preview;
  }

  get fingerprint(): string {
    return this.#cold().fingerprint;
  }

  get jsonPointer(): string {
    return toJsonPointer(jsonPathSegments(this.jsonPath));
  }

  get location(): string {
    const cold = this.#cold();
    return stablePath(jsonPathSegments(cold.jsonPath), cold.uniqueId);
  }

  get start(): Position {
    const cold = this.#cold();
    return { line: cold.startLine, column: cold.startColumn };
  }

  get end(): Position {
    const cold = this.#cold();
    return { line: cold.endLine, column: cold.endColumn };
  }

  #cold(): ColdFields {
    return this.#store.get(this.#index);
  }

  /** The plain finding: its fields in the order a plain finding has them (the optional ones only when present). */
  toJSON(): Finding {
    const cold = this.#cold();
    const { kind } = this;
    const out: Record<string, unknown> = {
      ruleId: kind.ruleId,
      detectorId: kind.detectorId,
      severity: this.severity,
      message: kind.message,
      file: this.file,
      artifactKind: kind.artifactKind,
      jsonPath: cold.jsonPath,
      jsonPointer: this.jsonPointer,
      location: this.location,
      start: this.start,
      end: this.end,
      charOffset: this.charOffset,
      charLength: cold.charLength,
    };
    if (binaryKind(kind.artifactKind)) {
      out.byteOffset = this.charOffset;
      out.byteLength = cold.charLength;
    }
    if (cold.uniqueId !== undefined) out.uniqueId = cold.uniqueId;
    if (cold.originalFilePath) out.originalFilePath = cold.originalFilePath;
    if (this.source) out.source = this.source;
    out.preview = cold.preview;
    out.fingerprint = cold.fingerprint;
    out.secretId = this.secretId;
    out.lifetime = this.lifetime;
    if (this.expiresAt) out.expiresAt = this.expiresAt;
    if (this.suppressed) out.suppressed = this.suppressed;
    if (kind.confidence) out.confidence = kind.confidence;
    if (this.expired !== undefined) out.expired = this.expired;
    return out as unknown as Finding;
  }
}

/** A finding as a plain object (what a worker thread posts: a copy across threads keeps own data properties only). */
export function plainFinding(f: Finding): Finding {
  return f instanceof ArtifactFinding ? f.toJSON() : f;
}
