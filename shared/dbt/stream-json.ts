/**
 * Streaming reader for large JSON artifacts (no dependency).
 *
 * `JSON.parse` needs the whole file as one string, and V8 caps strings at
 * ~512 MiB (2^29 - 24 characters), so a big project's manifest.json can't be
 * read that way at all. This reader reads the file in chunks, walks the
 * *shallow* structure itself (the root object and its direct members) and
 * hands each value at `captureDepth` (default 2: e.g. one entry of `nodes`)
 * to `JSON.parse` as a small slice. Result: the same object `JSON.parse`
 * would give, without ever holding the file as one string, at close to
 * native speed (the byte scanner jumps from quote to quote with indexOf).
 *
 * Only UTF-8 input is supported (that is what dbt writes). Multi-byte
 * characters never contain ASCII bytes, so scanning bytes for structure is
 * safe and slices are decoded only when complete.
 */
import { constants as bufferConstants } from 'node:buffer';
import { open } from 'node:fs/promises';

export class JsonStreamError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

interface Frame {
  kind: 'obj' | 'arr';
  value: any;
  key?: string;
  /** key: want a key or '}'; colon; value; next: want ',' or the closing bracket. */
  expect: 'key' | 'colon' | 'value' | 'next' | 'first';
}

interface Capture {
  start: number; // absolute byte offset of the value's first byte within `buf`
  kind: 'string' | 'container' | 'scalar';
  pos: number; // scan position within buf
  depth: number;
  inStr: boolean;
  isKey: boolean;
}

/**
 * The largest single value (a string, or an object/array parsed whole at
 * captureDepth) this reader accepts, in bytes: the value must become one
 * JavaScript string for JSON.parse, and V8 strings hold at most
 * 2^29 - 24 characters (~512 MiB). A bigger value is refused as soon as the
 * reader has seen this many bytes of it, instead of buffering the rest.
 */
export const MAX_VALUE_BYTES = bufferConstants.MAX_STRING_LENGTH;

export interface StreamOptions {
  /** Refuse a single value larger than this many bytes (default and maximum MAX_VALUE_BYTES). */
  maxValueBytes?: number;
  /** Values at this nesting depth (root = 0) and deeper are parsed whole with JSON.parse. Default 2. */
  captureDepth?: number;
  /** Read size. Default 1 MiB (bigger chunks leave more garbage ArrayBuffers alive between GCs). */
  chunkSize?: number;
  /**
   * Keys to blank out (set to undefined) in every object value captured at
   * captureDepth, right after it is parsed, so their strings can be freed
   * (e.g. compiled_code when only selection is needed).
   */
  dropKeys?: readonly string[];
}

/** Is the quote at `idx` escaped (preceded by an odd number of backslashes)? */
function escaped(buf: Buffer, idx: number, floor: number): boolean {
  let n = 0;
  for (let j = idx - 1; j >= floor && buf[j] === BACKSLASH; j--) n++;
  return (n & 1) === 1;
}

/** Incremental parser; feed() chunks, then end(). */
export class ShallowJsonParser {
  /** Unconsumed input: a view of `store` (which has spare room to append into). */
  private buf: Buffer = Buffer.alloc(0);
  private store: Buffer = Buffer.alloc(0);
  private readonly maxValueBytes: number;
  private base = 0; // absolute offset of buf[0] in the stream
  private i = 0;
  private stack: Frame[] = [];
  private cap: Capture | undefined;
  private done = false;
  private result: unknown;
  private readonly captureDepth: number;
  private readonly dropKeys: readonly string[];

  constructor(opts: StreamOptions = {}) {
    this.captureDepth = Math.max(0, opts.captureDepth ?? 2);
    this.dropKeys = opts.dropKeys ?? [];
    this.maxValueBytes = Math.min(opts.maxValueBytes ?? MAX_VALUE_BYTES, MAX_VALUE_BYTES);
  }

  feed(chunk: Buffer): void {
    // Keep only the unconsumed tail (from an open capture's start, or from i).
    const keepFrom = this.cap ? this.cap.start : this.i;
    const tail = this.buf.subarray(keepFrom);
    this.buf = this.append(tail, chunk);
    this.base += keepFrom;
    if (this.cap) {
      this.cap.pos -= keepFrom;
      this.cap.start = 0;
    }
    this.i -= keepFrom;
    this.run(false);
  }

  /**
   * tail + chunk, in amortised linear time. Copying the whole open value into
   * a new buffer for every chunk (Buffer.concat) made one long string value
   * quadratic: a 600 MB value meant ~180 GB of copying. The store grows by
   * doubling and keeps its spare room, so each byte is copied O(1) times.
   */
  private append(tail: Buffer, chunk: Buffer): Buffer {
    if (tail.length === 0) return chunk; // nothing pending: use the chunk as is (no copy)
    const need = tail.length + chunk.length;
    const tailInStore = tail.buffer === this.store.buffer && tail.byteOffset >= this.store.byteOffset && tail.byteOffset + tail.length <= this.store.byteOffset + this.store.length;
    if (tailInStore && tail.byteOffset - this.store.byteOffset + need <= this.store.length) {
      // room after the tail: append in place
      const start = tail.byteOffset - this.store.byteOffset;
      chunk.copy(this.store, start + tail.length);
      return this.store.subarray(start, start + need);
    }
    if (need <= this.store.length && !tailInStore) {
      tail.copy(this.store, 0);
      chunk.copy(this.store, tail.length);
      return this.store.subarray(0, need);
    }
    if (tailInStore && need <= this.store.length) {
      // the tail sits late in the store: move it to the front, then append
      this.store.copy(this.store, 0, tail.byteOffset - this.store.byteOffset, tail.byteOffset - this.store.byteOffset + tail.length);
      chunk.copy(this.store, tail.length);
      return this.store.subarray(0, need);
    }
    const grown = Buffer.allocUnsafe(Math.max(need * 2, 1024 * 1024));
    tail.copy(grown, 0);
    chunk.copy(grown, tail.length);
    this.store = grown;
    return grown.subarray(0, need);
  }

  end(): unknown {
    this.run(true);
    if (this.cap?.kind === 'scalar') {
      const v = this.finishCapture(this.buf.length);
      this.deliver(v);
    }
    // trailing whitespace only
    while (this.i < this.buf.length && isWs(this.buf[this.i]!)) this.i++;
    if (!this.done || this.cap || this.stack.length) throw new JsonStreamError('Unexpected end of JSON input', this.base + this.buf.length);
    if (this.i < this.buf.length) throw new JsonStreamError('Unexpected data after the JSON value', this.base + this.i);
    return this.result;
  }

  private fail(msg: string, at: number): never {
    throw new JsonStreamError(msg, this.base + at);
  }

  private finishCapture(end: number): unknown {
    const cap = this.cap!;
    this.cap = undefined;
    this.i = end;
    const text = this.buf.toString('utf8', cap.start, end);
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (err) {
      this.fail(`Invalid JSON value (${(err as Error).message})`, cap.start);
    }
    if (this.dropKeys.length && !cap.isKey && this.stack.length === this.captureDepth && v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      // Assigning undefined (not delete) keeps V8's fast object shape.
      for (const k of this.dropKeys) if (k in o) o[k] = undefined;
    }
    return v;
  }

  /** Continue scanning the open capture; returns the end offset or -1 if more input is needed. */
  private scanCapture(atEof: boolean): number {
    const end = this.scanCaptureRaw(atEof);
    const cap = this.cap!;
    const size = (end < 0 ? this.buf.length : end) - cap.start;
    if (size > this.maxValueBytes) {
      this.fail(
        `A single JSON ${cap.kind === 'string' ? 'string' : 'value'} is larger than ${Math.floor(this.maxValueBytes / 1048576)} MiB (the most one JavaScript string can hold); the file is not a dbt artifact Slipway can read`,
        cap.start,
      );
    }
    return end;
  }

  private scanCaptureRaw(atEof: boolean): number {
    const buf = this.buf;
    const cap = this.cap!;
    const n = buf.length;
    if (cap.kind === 'scalar') {
      let p = cap.pos;
      while (p < n) {
        const c = buf[p]!;
        if (c === COMMA || c === RBRACE || c === RBRACKET || isWs(c)) return p;
        p++;
      }
      cap.pos = p;
      return atEof ? n : -1;
    }
    if (cap.kind === 'string') {
      let p = cap.pos;
      for (;;) {
        const q = buf.indexOf(QUOTE, p);
        if (q < 0) {
          cap.pos = n;
          return -1;
        }
        if (!escaped(buf, q, cap.start + 1)) return q + 1;
        p = q + 1;
      }
    }
    // container: one tight loop over the bytes (faster than indexOf per string,
    // since manifests are mostly short keys and values).
    let p = cap.pos;
    let depth = cap.depth;
    let inStr = cap.inStr;
    while (p < n) {
      const c = buf[p]!;
      if (inStr) {
        if (c === BACKSLASH) {
          if (p + 1 >= n) break; // need the escaped byte: wait for more input
          p += 2;
          continue;
        }
        if (c === QUOTE) inStr = false;
      } else if (c === QUOTE) inStr = true;
      else if (c === LBRACE || c === LBRACKET) depth++;
      else if (c === RBRACE || c === RBRACKET) {
        if (--depth === 0) return p + 1;
      }
      p++;
    }
    cap.pos = p;
    cap.depth = depth;
    cap.inStr = inStr;
    return -1;
  }

  private startCapture(at: number, isKey: boolean): void {
    const c = this.buf[at]!;
    const kind = c === QUOTE ? 'string' : c === LBRACE || c === LBRACKET ? 'container' : 'scalar';
    this.cap = { start: at, kind, pos: at + 1, depth: kind === 'container' ? 1 : 0, inStr: false, isKey };
  }

  private deliver(v: unknown): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      this.done = true;
      this.result = v;
      return;
    }
    if (top.kind === 'obj') {
      if (top.expect === 'key' || top.expect === 'first') {
        if (typeof v !== 'string') this.fail('Expected a property name', this.i);
        top.key = v;
        top.expect = 'colon';
      } else {
        // "__proto__" must become an own property, as JSON.parse makes it, never the object's prototype.
        if (top.key === '__proto__') Object.defineProperty(top.value, '__proto__', { value: v, writable: true, enumerable: true, configurable: true });
        else top.value[top.key!] = v;
        top.expect = 'next';
      }
    } else {
      top.value.push(v);
      top.expect = 'next';
    }
  }

  private run(atEof: boolean): void {
    const buf = this.buf;
    const n = buf.length;
    for (;;) {
      if (this.cap) {
        const end = this.scanCapture(atEof);
        if (end < 0) return;
        this.deliver(this.finishCapture(end));
        continue;
      }
      let i = this.i;
      while (i < n && isWs(buf[i]!)) i++;
      this.i = i;
      if (i >= n) return;
      if (this.done) this.fail('Unexpected data after the JSON value', i);
      const c = buf[i]!;
      const top = this.stack[this.stack.length - 1];
      const wantValue = !top || top.expect === 'value' || (top.kind === 'arr' && top.expect === 'first');
      if (top && top.expect === 'colon') {
        if (c !== COLON) this.fail("Expected ':'", i);
        top.expect = 'value';
        this.i = i + 1;
        continue;
      }
      if (top && top.expect === 'next') {
        if (c === COMMA) {
          top.expect = top.kind === 'obj' ? 'key' : 'value';
          this.i = i + 1;
          continue;
        }
        if ((top.kind === 'obj' && c === RBRACE) || (top.kind === 'arr' && c === RBRACKET)) {
          this.i = i + 1;
          this.stack.pop();
          this.deliver(top.value);
          continue;
        }
        this.fail(`Expected ',' or '${top.kind === 'obj' ? '}' : ']'}'`, i);
      }
      if (top && top.expect === 'first' && ((top.kind === 'obj' && c === RBRACE) || (top.kind === 'arr' && c === RBRACKET))) {
        this.i = i + 1;
        this.stack.pop();
        this.deliver(top.value);
        continue;
      }
      if (!wantValue) {
        // object wants a key
        if (c !== QUOTE) this.fail('Expected a property name', i);
        this.startCapture(i, true);
        continue;
      }
      if ((c === LBRACE || c === LBRACKET) && this.stack.length < this.captureDepth) {
        this.stack.push({ kind: c === LBRACE ? 'obj' : 'arr', value: c === LBRACE ? {} : [], expect: 'first' });
        this.i = i + 1;
        continue;
      }
      if (c === RBRACE || c === RBRACKET || c === COMMA || c === COLON) this.fail(`Unexpected '${String.fromCharCode(c)}'`, i);
      this.startCapture(i, false);
    }
  }
}

/** Parse a JSON file without materialising it as a single string. */
export async function readJsonStreaming(path: string, opts: StreamOptions = {}): Promise<unknown> {
  const chunkSize = opts.chunkSize ?? 1024 * 1024;
  const parser = new ShallowJsonParser(opts);
  const fh = await open(path, 'r');
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(chunkSize);
      const { bytesRead } = await fh.read(chunk, 0, chunkSize, null);
      if (bytesRead === 0) break;
      parser.feed(bytesRead === chunkSize ? chunk : chunk.subarray(0, bytesRead));
    }
  } finally {
    await fh.close();
  }
  return parser.end();
}

/** Same, over an in-memory buffer (tests). */
export function parseJsonStreaming(data: Buffer | string, opts: StreamOptions = {}): unknown {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const parser = new ShallowJsonParser(opts);
  const size = opts.chunkSize ?? 8 * 1024 * 1024;
  for (let off = 0; off < buf.length; off += size) parser.feed(buf.subarray(off, Math.min(buf.length, off + size)));
  return parser.end();
}
