/**
 * The worker that unpacks an archive of artifacts (zip, tar, tar.gz, a gzip-ed file) into a
 * private folder, streaming: the synchronous scan waits for it (archive.ts), and nothing is held
 * whole, however large the archive or its entries. Only the files a scan reads are written (see
 * wanted()); every entry's name is made safe first (no `..`, no absolute path, no link followed),
 * and the sizes are capped as they are written, so an archive built to fill the disk stops early.
 * Errors name the archive and the entry, never a byte of the content.
 */
import { closeSync, createReadStream, fstatSync, mkdirSync, openSync, readSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import path from 'node:path';
import { createGunzip, createInflateRaw, crc32 } from 'node:zlib';
import type { Readable } from 'node:stream';
import { serveAsync, tick } from '../engine/worker-sync.js';
import { archiveFormat, refusedEntryReason, safeEntryPath, wanted, type ExtractReply, type ExtractRequest } from './archive-format.js';
import { ARTIFACT_NAMES } from './candidate.js';

class ArchiveError extends Error {
  override readonly name = 'InputError';
}

/**
 * An entry time before 1980-01-02 is none: tar's 0 (1970) and zip's DOS epoch (1980-01-01 00:00) are what reproducible
 * archives and Python's ZipInfo write for no time. Read as such, --since left a fresh upload's runs out as years old,
 * and an audit passed with a leaked password in them (red team 98).
 */
const NO_TIME_BEFORE = Date.UTC(1980, 0, 2);

/**
 * What keeps one entry from being read but not the next (it is encrypted, compressed in a way not read, over
 * --max-file-size, its checksum does not match): said, and the archive's other entries are unpacked and scanned (red team
 * 65: an encrypted catalog.json hid the manifest and run results beside it). See ExtractReply.unread.
 */
class EntryError extends ArchiveError {}

/** Writes the wanted entries under `root` and counts them against the caps. */
class Sink {
  readonly reply: ExtractReply = { files: [], entries: 0, skipped: 0, refused: [] };
  private total = 0;
  /** The entry being written (opened, not done), by its name under the root: a damage met in it leaves a part of it (see extract). */
  current: string | undefined;
  /** How many times each path was written: a path met again is written beside it (see open). */
  private readonly written = new Map<string, number>();
  constructor(private readonly request: ExtractRequest) {}

  /** A file to write `name` into, or undefined when the entry is not one the scan reads (its bytes are then skipped). */
  open(name: string, declaredSize: number | undefined): { fd: number; rel: string } | undefined {
    this.reply.entries++;
    if (this.reply.entries > this.request.maxEntries) throw new ArchiveError(`${this.request.display}: more than ${this.request.maxEntries} entries; not read further`);
    let rel = safeEntryPath(name);
    if (rel === undefined) {
      this.reply.refused.push(`${printable(name)} (${refusedEntryReason(name)})`);
      return undefined;
    }
    if (!wanted(rel)) {
      // an archive inside the archive is not opened: said, not skipped in silence
      if (NESTED_ARCHIVE.test(rel)) this.reply.refused.push(`${printable(rel)} (an archive inside the archive: unpack it and scan it on its own)`);
      else this.reply.skipped++;
      return undefined;
    }
    // listing only (is this an archive of artifacts?): the artifacts' names, nothing written
    if (this.request.listOnly) {
      if (ARTIFACT_NAMES.has(path.posix.basename(rel))) this.reply.files.push(rel);
      return undefined;
    }
    if (declaredSize !== undefined && declaredSize > this.request.maxFileSize) this.tooLarge(rel);
    // the same path twice (a zip appended to, a tar with a file added again, `./target/…` beside `target/…`): an
    // unpacker keeps the last, but each copy is what the archive holds and may hold a secret. The later copies are
    // written under `duplicate-N/`, scanned and named so.
    const times = (this.written.get(rel) ?? 0) + 1;
    this.written.set(rel, times);
    if (times > 1) {
      const first = rel;
      rel = `duplicate-${times}/${rel}`;
      (this.reply.notes ??= []).push(`${printable(first)} appears ${times} times (each copy is scanned: this one as ${printable(rel)})`);
    }
    const file = path.join(this.request.root, rel);
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    this.current = rel;
    return { fd: openSync(file, 'w', 0o600), rel };
  }

  /** Entry `rel` (its file open as `fd`, or none yet) is not read: its part removed, the reason said (see EntryError). */
  unread(error: EntryError, out: { fd: number; rel: string } | undefined): void {
    if (out) {
      closeSync(out.fd);
      rmSync(path.join(this.request.root, out.rel), { force: true });
    }
    this.current = undefined;
    (this.reply.unread ??= []).push(error.message.startsWith('entry ') ? `${this.request.display}: ${error.message}` : error.message);
  }

  /** Counts `bytes` more of entry `rel` (already `written`): over a cap, stops. */
  count(rel: string, written: number, bytes: number): void {
    this.total += bytes;
    if (written + bytes > this.request.maxFileSize) this.tooLarge(rel);
    if (this.total > this.request.maxTotalBytes) {
      throw new ArchiveError(`${this.request.display}: unpacks to more than ${this.request.maxTotalBytes} bytes (at ${rel}); not read further`);
    }
    if ((this.total & 0xffffff) < bytes) tick();
  }

  /** An entry written with its time (--since reads it), or none: then the unpacked file's is the unpacking's, and is read since any time. */
  done(rel: string, fd: number, mtime: Date | undefined): void {
    closeSync(fd);
    this.current = undefined;
    if (mtime && !Number.isNaN(mtime.getTime()) && mtime.getTime() >= NO_TIME_BEFORE) utimesSync(path.join(this.request.root, rel), mtime, mtime);
    this.reply.files.push(rel);
  }

  private tooLarge(rel: string): never {
    throw new EntryError(`${this.request.display}: entry ${rel} is over the --max-file-size limit of ${this.request.maxFileSize} bytes`);
  }
}

/** A member that is an archive itself (`target.zip` in `artifacts.tar.gz`). */
const NESTED_ARCHIVE = /\.(?:zip|tar|tgz|tar\.gz|gz)$/i;

/** A name as it may be shown: control characters escaped. */
function printable(name: string): string {
  return JSON.stringify(name.slice(0, 200)).slice(1, -1);
}

/** What says the archive's bytes are damaged (not a cap reached, not the file system's error): see ExtractReply.damaged. */
const DAMAGE = /ends early|does not match the archive's checksum|damaged|not a readable/;
/** What says the archive was cut short (see extract). */
const TRUNCATED = /ends early/;

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

async function extract(request: ExtractRequest): Promise<ExtractReply> {
  const sink = new Sink(request);
  try {
    await extractInto(request, sink);
  } catch (error) {
    // entries unpacked whole before the damage are what the archive still holds: scanned, the damage said (a tar.gz cut at
    // 80 % dropped the findings of the manifest before the cut)
    if (error instanceof ArchiveError && DAMAGE.test(error.message) && !request.listOnly) {
      // The entry the archive's end cut (a .gz or .tar.gz half uploaded) is scanned up to the cut: a JSON artifact cut
      // short is read as far as it goes and said not whole (read.ts), as on disk; one whose checksum failed is not read.
      const part = sink.current;
      const cut = part !== undefined && TRUNCATED.test(error.message) && sizeOf(path.join(request.root, part)) > 0;
      if (cut) sink.reply.files.push(part);
      else if (part !== undefined) rmSync(path.join(request.root, part), { force: true });
      if (sink.reply.files.length > 0) return { ...sink.reply, damaged: cut ? `${error.message}: the part of ${printable(part)} before the cut was read` : error.message };
    }
    throw error;
  }
  return sink.reply;
}

async function extractInto(request: ExtractRequest, sink: Sink): Promise<void> {
  const format = archiveFormat(request.file);
  try {
    if (format === 'zip') await unzip(request, sink);
    else if (format === 'gzip') await gunzipOne(request, sink);
    else await untar(format === 'tar.gz' ? createReadStream(request.file).pipe(createGunzip()) : createReadStream(request.file), request, sink);
  } catch (error) {
    if (error instanceof ArchiveError) throw error.message.startsWith('entry ') ? new ArchiveError(`${request.display}: ${error.message}`) : error;
    const code = (error as { code?: string }).code;
    const syscall = (error as { syscall?: string }).syscall;
    // the file system's own errors (a full disk, a file that cannot be read) are not the archive's fault
    if (syscall) throw new ArchiveError(`${request.display}: unpacking failed: ${code ?? 'error'} (${syscall})`);
    const message = String((error as Error).message);
    const truncated = code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(message);
    // gzip's trailer: the CRC-32 and length of all it holds, checked at its end (red team 65: said as Z_DATA_ERROR)
    const trailer = /incorrect (?:data|length) check/i.test(message);
    const why = truncated ? 'the archive ends early (truncated?)' : trailer ? "its gzip checksum does not match what it holds: the archive is damaged" : `not a readable ${format} archive (${code ?? 'corrupt data'})`;
    throw new ArchiveError(`${request.display}: ${why}`);
  }
}

// ---- gzip of one file: manifest.json.gz holds manifest.json

async function gunzipOne(request: ExtractRequest, sink: Sink): Promise<void> {
  const name = path.basename(request.file).replace(/\.gz$/i, '');
  const out = sink.open(name, undefined);
  const stream = createReadStream(request.file).pipe(createGunzip());
  if (!out) {
    stream.destroy();
    return;
  }
  try {
    await copyInto(stream, out, sink, undefined);
  } catch (error) {
    if (error instanceof EntryError) closeSync(out.fd);
    throw error;
  }
  sink.done(out.rel, out.fd, undefined);
}

async function copyInto(stream: Readable, out: { fd: number; rel: string }, sink: Sink, check: { crc: number; size: number } | undefined): Promise<void> {
  let written = 0;
  let crc = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      sink.count(out.rel, written, chunk.length);
      writeSync(out.fd, chunk);
      written += chunk.length;
      if (check) crc = crc32(chunk, crc);
    }
  } catch (error) {
    stream.destroy();
    if (error instanceof EntryError) throw error;
    closeSync(out.fd);
    throw error;
  }
  if (check && (crc >>> 0 !== check.crc >>> 0 || written !== check.size)) {
    // (the caller closes the file: it removes it too)
    throw new EntryError(`entry ${out.rel}: its content does not match the archive's checksum (corrupt archive)`);
  }
}

// ---- tar (ustar, GNU long names, pax paths), streamed

const BLOCK = 512;

async function untar(stream: Readable, request: ExtractRequest, sink: Sink): Promise<void> {
  let pending: Buffer = Buffer.alloc(0);
  /** The entry being read: its bytes left, its padding, and where they go. */
  let entry: { left: number; pad: number; out?: { fd: number; rel: string }; written: number; meta?: Buffer[]; kind: string; mtime?: Date } | undefined;
  let longName: string | undefined;
  let paxPath: string | undefined;
  let zeros = 0;
  let headers = 0;
  /** The end-of-archive blocks were read: what follows is read to its end, not unpacked (a gzip checks its trailer there). */
  let ended = false;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (ended) continue;
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      let at = 0;
      for (;;) {
        if (entry) {
          const take = Math.min(entry.left, pending.length - at);
          if (take > 0) {
            const piece = pending.subarray(at, at + take);
            if (entry.out) {
              try {
                sink.count(entry.out.rel, entry.written, take);
                writeSync(entry.out.fd, piece);
              } catch (error) {
                // over --max-file-size: its bytes are read past, the entries after it unpacked
                if (!(error instanceof EntryError)) throw error;
                sink.unread(error, entry.out);
                delete entry.out;
              }
            } else if (entry.meta) {
              entry.meta.push(Buffer.from(piece));
            }
            entry.written += take;
            entry.left -= take;
            at += take;
          }
          if (entry.left > 0) break;
          const skip = Math.min(entry.pad, pending.length - at);
          entry.pad -= skip;
          at += skip;
          if (entry.pad > 0) break;
          if (entry.out) sink.done(entry.out.rel, entry.out.fd, entry.mtime);
          else if (entry.meta) {
            const record = Buffer.concat(entry.meta);
            if (entry.kind === 'L') longName = record.toString('utf8').replace(/\0.*$/s, '');
            else if (entry.kind === 'x') paxPath = paxValue(record, 'path') ?? paxPath;
          }
          entry = undefined;
          continue;
        }
        if (pending.length - at < BLOCK) break;
        const header = pending.subarray(at, at + BLOCK);
        at += BLOCK;
        if (header.every((b) => b === 0)) {
          // (a .tar.gz cut in its gzip trailer, after the last entry, was taken for whole: its checksum never read)
          if (++zeros === 2) {
            ended = true;
            break;
          }
          continue;
        }
        zeros = 0;
        if (!checksumOk(header)) {
          throw new ArchiveError(`${request.display}: ${headers === 0 ? 'not a tar archive' : 'a damaged tar header'} (its checksum does not match)`);
        }
        headers++;
        const kind = String.fromCharCode(header[156]!);
        const size = tarNumber(header, 124, 12);
        if (size === undefined || size < 0) throw new ArchiveError(`${request.display}: a damaged tar header (size)`);
        const pad = (BLOCK - (size % BLOCK)) % BLOCK;
        if (kind === 'L' || kind === 'x') {
          if (size > 1024 * 1024) throw new ArchiveError(`${request.display}: a tar name record of ${size} bytes`);
          entry = { left: size, pad, written: 0, meta: [], kind };
          continue;
        }
        const name = longName ?? paxPath ?? headerName(header);
        longName = undefined;
        paxPath = undefined;
        // an old tar marks a folder by its name's trailing slash only
        const regular = (kind === '0' || kind === '\0' || kind === '7') && !name.endsWith('/');
        // links are never followed (a symbolic one may point anywhere, a hard one repeats a member): said, as a zip's are
        if (kind === '1' || kind === '2') {
          sink.reply.entries++;
          sink.reply.refused.push(`${printable(name)} (a ${kind === '2' ? 'symbolic' : 'hard'} link)`);
        }
        const mtime = tarNumber(header, 136, 12);
        let out: { fd: number; rel: string } | undefined;
        try {
          out = regular ? sink.open(name, size) : undefined;
        } catch (error) {
          if (!(error instanceof EntryError)) throw error;
          sink.unread(error, undefined);
        }
        entry = { left: size, pad, written: 0, kind, ...(out ? { out } : {}), ...(mtime !== undefined ? { mtime: new Date(mtime * 1000) } : {}) };
      }
      pending = pending.subarray(at);
    }
  } catch (error) {
    if (entry?.out) closeSync(entry.out.fd);
    throw error;
  }
  if (ended) return;
  if (entry?.out) closeSync(entry.out.fd);
  if (headers === 0 && !entry) throw new ArchiveError(`${request.display}: not a tar archive (no entry)`);
  // no end-of-archive blocks: cut where an entry ends (an upload's parts are multiples of tar's 512 bytes), entries
  // after the cut lost; the entries read whole are scanned, and the run does not pass
  const where = entry || pending.length > 0 ? '' : ': no end-of-archive blocks after its last entry';
  throw new ArchiveError(`${request.display}: the archive ends early (truncated?)${where}`);
}

function headerName(header: Buffer): string {
  const field = (from: number, length: number) => {
    const raw = header.subarray(from, from + length);
    const end = raw.indexOf(0);
    return raw.subarray(0, end < 0 ? length : end).toString('utf8');
  };
  const name = field(0, 100);
  // ustar ("ustar\0"): a prefix of up to 155 bytes; GNU tar ("ustar  ") keeps other fields there
  const ustar = header.subarray(257, 263).toString('latin1') === 'ustar\0';
  const prefix = ustar ? field(345, 155) : '';
  return prefix ? `${prefix}/${name}` : name;
}

/** An octal number field, or GNU's base-256 for large values (high bit set). */
function tarNumber(header: Buffer, from: number, length: number): number | undefined {
  if (header[from]! & 0x80) {
    let n = 0;
    for (let i = from + 1; i < from + length; i++) n = n * 256 + header[i]!;
    return n;
  }
  const text = header.subarray(from, from + length).toString('latin1').replace(/[\0 ]+$/g, '').trim();
  if (text === '') return 0;
  return /^[0-7]+$/.test(text) ? parseInt(text, 8) : undefined;
}

function checksumOk(header: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
  return tarNumber(header, 148, 8) === sum;
}

/** A pax record's value ("LEN key=value\n" records; LEN counts the record's bytes). */
function paxValue(records: Buffer, key: string): string | undefined {
  let at = 0;
  while (at < records.length) {
    const space = records.indexOf(0x20, at);
    const length = space < 0 ? NaN : Number(records.subarray(at, space).toString('latin1'));
    if (!(length > space - at) || at + length > records.length) return undefined;
    const record = records.subarray(space + 1, at + length).toString('utf8').replace(/\n$/, '');
    const eq = record.indexOf('=');
    if (eq > 0 && record.slice(0, eq) === key) return record.slice(eq + 1);
    at += length;
  }
  return undefined;
}

// ---- zip: the central directory, then each wanted entry streamed (stored or deflated), checksum checked

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  localOffset: number;
  mode: number;
  mtime: Date;
}

async function unzip(request: ExtractRequest, sink: Sink): Promise<void> {
  const fd = openSync(request.file, 'r');
  let entries: ZipEntry[];
  let fileSize: number;
  try {
    fileSize = fstatSync(fd).size;
    entries = centralDirectory(fd, fileSize, request);
  } finally {
    closeSync(fd);
  }
  const overlapping = overlaps(entries, request);
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    // a symbolic link (Unix mode in the high bits of the external attributes) is never followed
    if ((e.mode & 0o170000) === 0o120000) {
      sink.reply.entries++;
      sink.reply.refused.push(`${printable(e.name)} (a symbolic link)`);
      continue;
    }
    let out: { fd: number; rel: string } | undefined;
    try {
      out = sink.open(e.name, e.size);
      if (!out) continue;
      if (e.flags & 1) throw new EntryError(`${request.display}: entry ${out.rel} is encrypted; decrypt the archive first`);
      if (e.method !== 0 && e.method !== 8) throw new EntryError(`${request.display}: entry ${out.rel} is compressed with method ${e.method}, which is not read (stored and deflate are)`);
      const shared = overlapping.get(e);
      if (shared) throw new EntryError(`${request.display}: entry ${out.rel} lies in the bytes of entry ${printable(shared.name)} (overlapping entries, a zip bomb's trick): not unpacked`);
      const start = dataStart(request, e, fileSize);
      if (start + e.compressed > fileSize) {
        closeSync(out.fd);
        throw new ArchiveError(`${request.display}: the archive ends early (truncated?) in entry ${out.rel}`);
      }
      const raw = e.compressed === 0 ? undefined : createReadStream(request.file, { start, end: start + e.compressed - 1 });
      if (raw) await copyInto(e.method === 8 ? raw.pipe(createInflateRaw()) : raw, out, sink, { crc: e.crc, size: e.size });
      else if (e.size !== 0) throw new EntryError(`${request.display}: entry ${out.rel}: its content does not match the archive's checksum (corrupt archive)`);
    } catch (error) {
      if (!(error instanceof EntryError)) throw error;
      sink.unread(error, out);
      continue;
    }
    sink.done(out.rel, out.fd, e.mtime);
  }
}

/**
 * Entries whose bytes lie in an earlier entry's (its local header to the end of its data), each with that entry: a zip
 * bomb's directory points many records at one large entry, or nests each entry in the one before, to be unpacked again
 * for each (red team 65: three records at one 150 MiB entry, 450 MiB written). Each is refused; the first is unpacked.
 */
function overlaps(entries: readonly ZipEntry[], request: ExtractRequest): Map<ZipEntry, ZipEntry> {
  const found = new Map<ZipEntry, ZipEntry>();
  const files = entries.filter((e) => !e.name.endsWith('/')).sort((a, b) => a.localOffset - b.localOffset);
  let last: { entry: ZipEntry; end: number } | undefined;
  const fd = openSync(request.file, 'r');
  try {
    for (const e of files) {
      if (last && e.localOffset < last.end) {
        found.set(e, last.entry);
        continue;
      }
      const local = readAt(fd, e.localOffset, 30);
      // (a damaged header is said when the entry is unpacked)
      const end = local.length === 30 && local.readUInt32LE(0) === 0x04034b50 ? e.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28) + e.compressed : e.localOffset + 30;
      last = { entry: e, end };
    }
  } finally {
    closeSync(fd);
  }
  return found;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let n = 0;
  while (n < length) {
    const got = readSync(fd, buffer, n, length - n, position + n);
    if (got <= 0) break;
    n += got;
  }
  return buffer.subarray(0, n);
}

function centralDirectory(fd: number, fileSize: number, request: ExtractRequest): ZipEntry[] {
  const tailLength = Math.min(fileSize, 22 + 65535 + 20);
  const tail = readAt(fd, fileSize - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ArchiveError(`${request.display}: not a zip archive (no end of central directory; truncated?)`);
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  // zip64: the locator sits just before the end record
  if (eocd >= 20 && tail.readUInt32LE(eocd - 20) === 0x07064b50) {
    const at = Number(tail.readBigUInt64LE(eocd - 20 + 8));
    const record = readAt(fd, at, 56);
    if (record.length < 56 || record.readUInt32LE(0) !== 0x06064b50) throw new ArchiveError(`${request.display}: a damaged zip64 directory record`);
    count = Number(record.readBigUInt64LE(32));
    cdSize = Number(record.readBigUInt64LE(40));
    cdOffset = Number(record.readBigUInt64LE(48));
  }
  if (cdOffset + cdSize > fileSize || cdSize > 512 * 1024 * 1024) throw new ArchiveError(`${request.display}: the central directory lies outside the file (truncated?)`);
  if (count > request.maxEntries) throw new ArchiveError(`${request.display}: more than ${request.maxEntries} entries; not read`);
  const cd = readAt(fd, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > cd.length || cd.readUInt32LE(at) !== 0x02014b50) throw new ArchiveError(`${request.display}: a damaged central directory (entry ${i + 1} of ${count})`);
    const flags = cd.readUInt16LE(at + 8);
    const nameLength = cd.readUInt16LE(at + 28);
    const extraLength = cd.readUInt16LE(at + 30);
    const commentLength = cd.readUInt16LE(at + 32);
    const nameBytes = cd.subarray(at + 46, at + 46 + nameLength);
    // bit 11: UTF-8 names; else CP437, read as latin1 (artifact names are ASCII either way)
    const name = nameBytes.toString(flags & 0x800 ? 'utf8' : 'latin1');
    let size = cd.readUInt32LE(at + 24);
    let compressed = cd.readUInt32LE(at + 20);
    let localOffset = cd.readUInt32LE(at + 42);
    const extra = cd.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    for (let x = 0; x + 4 <= extra.length; ) {
      const id = extra.readUInt16LE(x);
      const length = extra.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let y = x + 4;
        const next = () => {
          const v = y + 8 <= x + 4 + length && y + 8 <= extra.length ? Number(extra.readBigUInt64LE(y)) : undefined;
          y += 8;
          return v;
        };
        if (size === 0xffffffff) size = next() ?? size;
        if (compressed === 0xffffffff) compressed = next() ?? compressed;
        if (localOffset === 0xffffffff) localOffset = next() ?? localOffset;
      }
      x += 4 + length;
    }
    const time = cd.readUInt16LE(at + 12);
    const date = cd.readUInt16LE(at + 14);
    entries.push({
      name,
      flags,
      method: cd.readUInt16LE(at + 10),
      crc: cd.readUInt32LE(at + 16),
      compressed,
      size,
      localOffset,
      mode: cd.readUInt32LE(at + 38) >>> 16,
      mtime: new Date(1980 + (date >> 9), ((date >> 5) & 15) - 1, date & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Where an entry's data starts: after its local header, whose name and extra field may differ in length from the directory's. */
function dataStart(request: ExtractRequest, e: ZipEntry, fileSize: number): number {
  const fd = openSync(request.file, 'r');
  try {
    const local = readAt(fd, e.localOffset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50 || e.localOffset + 30 > fileSize) {
      throw new ArchiveError(`${request.display}: a damaged entry header (${printable(e.name)})`);
    }
    return e.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  } finally {
    closeSync(fd);
  }
}

serveAsync<ExtractRequest, ExtractReply>(async (request) => ({ reply: await extract(request) }));
