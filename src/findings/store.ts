/**
 * Where an artifact's findings keep what only the report reads: the JSON path, the positions, the
 * node, the preview and the fingerprint (findings/record.ts). A findings-heavy manifest makes
 * hundreds of thousands of findings (600 MB: 200,000); as objects and strings these fields took
 * about 300 bytes of heap each, and they were held until the report was written. Here each is a
 * line of JSON text: in memory up to `STORE_TUNING.memoryBytes`, then in a spill file (see
 * util/spill-file.ts), read back a record at a time when a report asks for it. Nothing in them is
 * secret: they are what a report prints (masked previews, masked paths), so the file is not encrypted.
 *
 * Reports read findings mostly in the order they were made (sorted by file and offset): a read
 * takes a block of records at once, and the last records read are kept decoded (a few, by index), as
 * a formatter reads several fields of one finding in turn and a report grouped by secret goes back
 * and forth between a group's findings.
 */
import { readSync, writeSync } from 'node:fs';
import { closeSpill, openSpill, type Spill } from '../util/spill-file.js';

/** The fields of one finding that stay in the store. */
export interface ColdFields {
  jsonPath: string;
  charLength: number;
  uniqueId: string | undefined;
  originalFilePath: string | undefined;
  preview: string;
  fingerprint: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

type Line = [string, number, string | 0, string | 0, string, string, number, number, number, number];

export const STORE_TUNING = {
  /** Records held in memory before the store moves them to a spill file (about 5,000 findings). */
  memoryBytes: 1024 * 1024,
  /** Bytes read from the spill file at a time. */
  blockBytes: 4096,
};

/** How many decoded records a store keeps. */
const DECODED = 16;

/** Spill files of stores no longer reachable are closed when the store is collected. */
const closer = new FinalizationRegistry<Spill>((spill) => closeSpill(spill));

export class FindingStore {
  /** Where each record ends (the next one starts there). */
  private ends = new Float64Array(64);
  private count = 0;
  /** Records not yet in the file, from byte `written` on; `chunks` before them while the store is in memory only. */
  private tail = Buffer.allocUnsafe(1024);
  private tailUsed = 0;
  private chunks: Buffer[] = [];
  private chunkBytes = 0;
  private written = 0;
  private spill: Spill | undefined;
  /** The spill file could not be made or written: the records stay in memory. */
  private inMemory = false;
  /** The last block read from the file. */
  private block: Buffer | undefined;
  private blockStart = 0;
  private blockEnd = 0;
  /** Records decoded lately, by index modulo their number. */
  private readonly decodedIndex = new Int32Array(DECODED).fill(-1);
  private readonly decoded: (ColdFields | undefined)[] = new Array<ColdFields | undefined>(DECODED).fill(undefined);

  /** Keep `fields`; returns the index to read them back by. */
  add(fields: ColdFields): number {
    const record: Line = [
      fields.jsonPath,
      fields.charLength,
      fields.uniqueId ?? 0,
      fields.originalFilePath ?? 0,
      fields.preview,
      fields.fingerprint,
      fields.startLine,
      fields.startColumn,
      fields.endLine,
      fields.endColumn,
    ];
    const text = JSON.stringify(record);
    const bytes = Buffer.byteLength(text, 'utf8');
    if (this.tailUsed + bytes > this.tail.length) this.makeRoom(bytes);
    this.tail.write(text, this.tailUsed, 'utf8');
    this.tailUsed += bytes;
    if (this.count === this.ends.length) {
      const grown = new Float64Array(this.count * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.ends[this.count] = this.written + this.chunkBytes + this.tailUsed;
    return this.count++;
  }

  /** The fields kept under `index`. */
  get(index: number): ColdFields {
    const slot = index % DECODED;
    if (this.decodedIndex[slot] === index) return this.decoded[slot]!;
    const start = index === 0 ? 0 : this.ends[index - 1]!;
    const end = this.ends[index]!;
    const [jsonPath, charLength, uniqueId, originalFilePath, preview, fingerprint, startLine, startColumn, endLine, endColumn] = JSON.parse(this.text(start, end)) as Line;
    const fields = { jsonPath, charLength, uniqueId: uniqueId || undefined, originalFilePath: originalFilePath || undefined, preview, fingerprint, startLine, startColumn, endLine, endColumn };
    this.decodedIndex[slot] = index;
    this.decoded[slot] = fields;
    return fields;
  }

  /** Record bytes held in memory (not yet in the spill file), with the room left in the last chunk. */
  get bytesInMemory(): number {
    return this.chunkBytes + this.tail.length;
  }

  /** The bytes start…end as text, wherever they are. */
  private text(start: number, end: number): string {
    const inFile = this.written;
    if (start >= inFile) {
      // in memory: the chunks, then the tail
      let at = inFile;
      for (const chunk of this.chunks) {
        if (start < at + chunk.length) return chunk.toString('utf8', start - at, end - at);
        at += chunk.length;
      }
      return this.tail.toString('utf8', start - at, end - at);
    }
    if (!this.block || start < this.blockStart || end > this.blockEnd) {
      const length = Math.max(STORE_TUNING.blockBytes, end - start);
      const block = this.block && this.block.length >= length ? this.block : Buffer.allocUnsafe(length);
      let n = 0;
      const want = Math.min(length, inFile - start);
      while (n < want) {
        const read = readSync(this.spill!.fd, block, n, want - n, start + n);
        if (read === 0) throw new Error('internal: a finding store spill file ended early');
        n += read;
      }
      this.block = block;
      this.blockStart = start;
      this.blockEnd = start + n;
    }
    return this.block.toString('utf8', start - this.blockStart, end - this.blockStart);
  }

  /** The tail is full: keep it as a chunk (or write it out), and start a new one large enough for `bytes`. */
  private makeRoom(bytes: number): void {
    if (this.tailUsed > 0) {
      // a record never spans two chunks: reading one is a slice of a chunk or of a block
      this.chunks.push(this.tail.subarray(0, this.tailUsed));
      this.chunkBytes += this.tailUsed;
      if (!this.inMemory && this.written + this.chunkBytes >= STORE_TUNING.memoryBytes) this.writeChunks();
    }
    // the tail grows with the store up to 64 KiB: a store of a few findings takes little
    const size = Math.max(bytes, Math.min(64 * 1024, this.tail.length * 2));
    this.tail = Buffer.allocUnsafe(size);
    this.tailUsed = 0;
  }

  /** Move the chunks to the spill file (made on the first call). */
  private writeChunks(): void {
    try {
      if (!this.spill) {
        this.spill = openSpill('findings');
        closer.register(this, this.spill);
      }
      while (this.chunks.length > 0) {
        const chunk = this.chunks[0]!;
        for (let done = 0; done < chunk.length; ) done += writeSync(this.spill.fd, chunk, done, chunk.length - done, this.written + done);
        this.written += chunk.length;
        this.chunkBytes -= chunk.length;
        this.chunks.shift();
      }
    } catch {
      // what a failed write left in the file past `written` is not read; the chunks stay here
      this.inMemory = true;
    }
  }
}
