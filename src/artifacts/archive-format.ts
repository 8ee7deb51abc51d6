/**
 * What the archive reader shares between the scan's thread and its worker: which names are
 * archives, which entries a scan reads, and an entry's name made safe to write under a folder.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import { ARTIFACT_NAMES } from './candidate.js';
import { textFileKind } from './text-files.js';

export type ArchiveFormat = 'zip' | 'tar' | 'tar.gz' | 'gzip';

/** How much of a file's start tells its archive format. */
export const ARCHIVE_HEAD = 4096;

/** The archive format a file's first bytes show (zip, tar, a gzip-ed tar or other file), or undefined. */
export function archiveFormatOfHead(head: Buffer): ArchiveFormat | undefined {
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6)) return 'zip';
  if (isTar(head)) return 'tar';
  if (head[0] === 0x1f && head[1] === 0x8b) return isTar(gunzipHead(head)) ? 'tar.gz' : 'gzip';
  return undefined;
}

/** A POSIX tar header: `ustar` at byte 257. */
function isTar(head: Buffer): boolean {
  return head.length >= 262 && head.toString('latin1', 257, 262) === 'ustar';
}

/**
 * The start of what a gzip-ed head unpacks to (nothing when it is not gzip): its first 4 KB, which unpack to a few MB
 * at most (deflate's ratio is below 1:1032). The whole head of a JSON file that compresses well unpacked past the
 * limit, was taken for no tar, and a tar.gz of a manifest was read as one gzip-ed JSON file (red team 64).
 */
function gunzipHead(head: Buffer): Buffer {
  try {
    return gunzipSync(head.subarray(0, ARCHIVE_HEAD), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: ARCHIVE_HEAD * 1032 + 1024 });
  } catch {
    return Buffer.alloc(0);
  }
}

/** The archive format a file's name says, or undefined when it names none. */
export function archiveFormat(file: string): ArchiveFormat | undefined {
  const name = file.toLowerCase();
  if (name.endsWith('.zip')) return 'zip';
  if (name.endsWith('.tar')) return 'tar';
  if (name.endsWith('.tar.gz') || name.endsWith('.tgz')) return 'tar.gz';
  if (name.endsWith('.gz')) return 'gzip';
  return undefined;
}

/** Archive and compression formats Node cannot read without a native package: named, so that the error says what to do. */
const UNREAD = /\.(xz|txz|bz2|tbz2?|zst|tzst|7z|rar|lz4|lzma|z)$/i;

/** The extension of an archive format that is not read (`.xz`), or undefined. */
export function unreadArchive(file: string): string | undefined {
  return UNREAD.exec(file)?.[0];
}

/**
 * Entries a scan can read: the artifacts, the rendered SQL and Python and logs beside them, and the project
 * files that findings are placed in (models, YAML). The rest (seeds' CSVs, images) is skipped unread.
 */
const WANTED = /\.(json|msgpack|html|sql|py|ya?ml|log|md)$/i;

export function wanted(rel: string): boolean {
  const base = path.posix.basename(rel);
  // (and a log's backups, dbt.log.1, dbt.log-20261204, read with the log as on disk: red team 81)
  return ARTIFACT_NAMES.has(base) || WANTED.test(base) || textFileKind(base) === 'log';
}

/** The most folders an entry's path may hold: a deeper one is refused (no run's upload nests so deep). */
export const MAX_ENTRY_DEPTH = 64;

/** An entry's name as a relative path with no `..`, no root and no drive; undefined when it leaves its folder or is too deep. */
export function safeEntryPath(name: string): string | undefined {
  const parts = entryParts(name);
  if (parts.length === 0 || parts.length > MAX_ENTRY_DEPTH || parts.some((p) => p === '..' || p.includes('\0'))) return undefined;
  return parts.join('/');
}

/** Why safeEntryPath refused an entry's name, as a warning says it. */
export function refusedEntryReason(name: string): string {
  const parts = entryParts(name);
  return parts.length > MAX_ENTRY_DEPTH && !parts.some((p) => p === '..' || p.includes('\0'))
    ? `a path more than ${MAX_ENTRY_DEPTH} folders deep`
    : "a path outside the archive's folder";
}

function entryParts(name: string): string[] {
  const parts = name.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length > 0 && /^[A-Za-z]:$/.test(parts[0]!)) parts.shift();
  return parts;
}

export interface ExtractRequest {
  /** The archive on local disk (a remote one is copied first). */
  file: string;
  /** How the archive is named in messages: the path or URL the user gave. */
  display: string;
  /** The private folder the entries are written under. */
  root: string;
  maxFileSize: number;
  maxTotalBytes: number;
  maxEntries: number;
  /** Only list the artifacts' names (into `files`): write nothing. */
  listOnly?: boolean;
}

export interface ExtractReply {
  /** Entries written, relative to the root, with forward slashes. */
  files: string[];
  /** Entries met (files, folders, links). */
  entries: number;
  /** Files not wanted (never written). */
  skipped: number;
  /** Entries refused, with why: a path out of the folder, a link, an archive in the archive. */
  refused: string[];
  /** Entries unpacked that a person should know of: a path met more than once (each copy is scanned). */
  notes?: string[];
  /**
   * The archive's damage (it ends early, an entry's checksum does not match), where entries before it were unpacked
   * whole: those are scanned, and the damage is an unreadable input of the run (exit 2).
   */
  damaged?: string;
  /**
   * Entries not read, each one's reason with the archive's and the entry's name (encrypted, compressed in a way not read,
   * over --max-file-size, a checksum that does not match): the other entries are unpacked and scanned, and each of these
   * is an unreadable input of the run (exit 2).
   */
  unread?: string[];
}

/** The archives directly in a folder, by name (for the hint of a folder that holds no artifact). */
export function archivesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => archiveFormat(name) !== undefined)
      .sort();
  } catch {
    return [];
  }
}

/** Whether a name is inside an archive as findings show it (`runs.zip!/target/manifest.json`). */
export function inArchive(name: string): boolean {
  return /\.(?:zip|tar|tgz|gz)!(?:\/|$)/i.test(name);
}
