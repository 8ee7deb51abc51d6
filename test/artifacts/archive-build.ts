/**
 * Test archives written byte by byte, so that a case can hold what no archiver writes on purpose:
 * names that climb out of the folder, links, sizes that lie, checksums that do not match.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntryInput {
  name: string;
  body: Buffer | string;
  /** 0 stored, 8 deflate (default), or any other number written as is. */
  method?: number;
  /** Unix mode in the external attributes (0o120777 for a symbolic link). */
  mode?: number;
  /** General-purpose flags (bit 0: encrypted). */
  flags?: number;
  /** The uncompressed size the headers claim (default: the true one). */
  claimedSize?: number;
  /** The CRC-32 the headers claim (default: the true one). */
  claimedCrc?: number;
  /** The index of an earlier entry whose local header and data this directory record points at (an overlapping zip: no bytes of its own). */
  sharesWith?: number;
  /** The entry's MS-DOS time and date as written (default 2 January 2025, 12:00; 0 and 0x21: no time, 1980-01-01). */
  dosTime?: number;
  dosDate?: number;
}

export function zipArchive(entries: readonly ZipEntryInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const offsets: number[] = [];
  for (const e of entries) {
    offsets.push(offset);
    const body = Buffer.isBuffer(e.body) ? e.body : Buffer.from(e.body);
    const method = e.method ?? 8;
    const data = method === 8 ? deflateRawSync(body) : body;
    const name = Buffer.from(e.name);
    const crc = e.claimedCrc ?? crc32(body);
    const size = e.claimedSize ?? body.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE((e.flags ?? 0) | 0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE((e.flags ?? 0) | 0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(e.dosTime ?? 0x6000, 12);
    central.writeUInt16LE(e.dosDate ?? ((2025 - 1980) << 9) | (1 << 5) | 2, 14);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((e.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(e.sharesWith === undefined ? offset : offsets[e.sharesWith]!, 42);
    centrals.push(central, name);
    if (e.sharesWith !== undefined) continue;
    locals.push(local, name, data);
    offset += local.length + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export interface TarEntryInput {
  name: string;
  body?: Buffer | string;
  /** '0' file (default), '2' symbolic link, '5' folder. */
  type?: string;
  linkTo?: string;
  /** Seconds since 1970 (default 0o15000000000, 2023); 0 is what reproducible archives write for no time. */
  mtime?: number;
}

/** A ustar archive (names up to 100 bytes; longer ones through a pax record). */
export function tarArchive(entries: readonly TarEntryInput[]): Buffer {
  const blocks: Buffer[] = [];
  const header = (name: string, size: number, type: string, linkTo = '', mtime = 0o15000000000) => {
    const h = Buffer.alloc(512);
    h.write(name.slice(0, 100), 0, 'utf8');
    h.write('0000644\0', 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write(size.toString(8).padStart(11, '0') + '\0', 124);
    h.write(mtime.toString(8).padStart(11, '0') + '\0', 136);
    h.write(type, 156);
    h.write(linkTo, 157);
    h.write('ustar\0', 257);
    h.write('00', 263);
    h.fill(32, 148, 156);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
    return h;
  };
  const data = (body: Buffer) => [body, Buffer.alloc((512 - (body.length % 512)) % 512)];
  for (const e of entries) {
    const body = e.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(e.body) ? e.body : Buffer.from(e.body);
    if (Buffer.byteLength(e.name) > 100) {
      const record = (length: number) => `${length} path=${e.name}\n`;
      let length = Buffer.byteLength(record(0));
      while (Buffer.byteLength(record(length)) !== length) length = Buffer.byteLength(record(length));
      const pax = Buffer.from(record(length));
      blocks.push(header('PaxHeaders/x', pax.length, 'x'), ...data(pax));
    }
    blocks.push(header(e.name, body.length, e.type ?? '0', e.linkTo, e.mtime), ...data(body));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}
