/**
 * A small, dependency-free reader for the zip archives GitHub serves for
 * workflow artifacts (store or deflate entries, no encryption, no zip64).
 * Reads the central directory, then inflates only the entries asked for, and
 * checks each entry's CRC-32 and size. Entry names are data, never paths:
 * callers pick entries by name and write them where they choose, so a hostile
 * archive cannot write outside the target folder ("zip slip").
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { UserError } from '../errors.js';

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

function bad(what: string, why: string): UserError {
  return new UserError(`${what} is not a readable zip archive: ${why}.`, {
    hint: 'Re-upload the state artifact with actions/upload-artifact (it writes standard zip archives), or seed the cache with `slipway state save`.',
  });
}

/** List the entries of a zip archive held in memory. */
export function listZip(buf: Buffer, what = 'The archive'): ZipEntry[] {
  // The end-of-central-directory record is in the last 22 + 65535 bytes.
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bad(what, 'no end-of-central-directory record');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw bad(what, 'zip64 archives are not supported');
  if (cdOffset + cdSize > eocd) throw bad(what, 'the central directory lies outside the file');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CEN_SIG) throw bad(what, `central directory entry ${n + 1} is damaged`);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localHeaderOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    if (flags & 0x1) throw bad(what, `entry ${name} is encrypted`);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localHeaderOffset === 0xffffffff) throw bad(what, 'zip64 archives are not supported');
    entries.push({ name, method, crc, compressedSize, size, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The uncompressed bytes of one entry, verified against its CRC-32 and size. */
export function readZipEntry(buf: Buffer, entry: ZipEntry, what = 'The archive'): Buffer {
  const p = entry.localHeaderOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOC_SIG) throw bad(what, `the local header of ${entry.name} is damaged`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw bad(what, `${entry.name} is truncated`);
  const raw = buf.subarray(start, end);
  let data: Buffer;
  if (entry.method === 0) data = Buffer.from(raw);
  else if (entry.method === 8) {
    try {
      data = inflateRawSync(raw, { maxOutputLength: Math.max(entry.size, 1) });
    } catch (err) {
      throw bad(what, `${entry.name} does not inflate (${(err as Error).message})`);
    }
  } else throw bad(what, `${entry.name} uses compression method ${entry.method} (only store and deflate are supported)`);
  if (data.length !== entry.size) throw bad(what, `${entry.name} has ${data.length} bytes, the directory says ${entry.size}`);
  if ((crc32(data) >>> 0) !== entry.crc >>> 0) throw bad(what, `${entry.name} fails its CRC-32 check`);
  return data;
}

/** Base name of an entry (zip names use `/`; some writers use `\`). */
export function entryBaseName(name: string): string {
  const parts = name.split(/[\\/]/);
  return parts[parts.length - 1] ?? '';
}
