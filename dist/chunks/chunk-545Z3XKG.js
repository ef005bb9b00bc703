import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/dbt/artifacts.ts
import { readFile, stat } from "node:fs/promises";

// shared/dbt/stream-json.ts
import { constants as bufferConstants } from "node:buffer";
import { open } from "node:fs/promises";
var JsonStreamError = class extends Error {
  constructor(message, offset) {
    super(`${message} at byte ${offset}`);
    this.offset = offset;
  }
  offset;
};
var QUOTE = 34;
var BACKSLASH = 92;
var LBRACE = 123;
var RBRACE = 125;
var LBRACKET = 91;
var RBRACKET = 93;
var COLON = 58;
var COMMA = 44;
function isWs(c) {
  return c === 32 || c === 10 || c === 13 || c === 9;
}
var MAX_VALUE_BYTES = bufferConstants.MAX_STRING_LENGTH;
function escaped(buf, idx, floor) {
  let n = 0;
  for (let j = idx - 1; j >= floor && buf[j] === BACKSLASH; j--) n++;
  return (n & 1) === 1;
}
var ShallowJsonParser = class {
  /** Unconsumed input: a view of `store` (which has spare room to append into). */
  buf = Buffer.alloc(0);
  store = Buffer.alloc(0);
  maxValueBytes;
  base = 0;
  // absolute offset of buf[0] in the stream
  i = 0;
  stack = [];
  cap;
  done = false;
  result;
  captureDepth;
  dropKeys;
  constructor(opts = {}) {
    this.captureDepth = Math.max(0, opts.captureDepth ?? 2);
    this.dropKeys = opts.dropKeys ?? [];
    this.maxValueBytes = Math.min(opts.maxValueBytes ?? MAX_VALUE_BYTES, MAX_VALUE_BYTES);
  }
  feed(chunk) {
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
  append(tail, chunk) {
    if (tail.length === 0) return chunk;
    const need = tail.length + chunk.length;
    const tailInStore = tail.buffer === this.store.buffer && tail.byteOffset >= this.store.byteOffset && tail.byteOffset + tail.length <= this.store.byteOffset + this.store.length;
    if (tailInStore && tail.byteOffset - this.store.byteOffset + need <= this.store.length) {
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
  end() {
    this.run(true);
    if (this.cap?.kind === "scalar") {
      const v = this.finishCapture(this.buf.length);
      this.deliver(v);
    }
    while (this.i < this.buf.length && isWs(this.buf[this.i])) this.i++;
    if (!this.done || this.cap || this.stack.length) throw new JsonStreamError("Unexpected end of JSON input", this.base + this.buf.length);
    if (this.i < this.buf.length) throw new JsonStreamError("Unexpected data after the JSON value", this.base + this.i);
    return this.result;
  }
  fail(msg, at) {
    throw new JsonStreamError(msg, this.base + at);
  }
  finishCapture(end) {
    const cap = this.cap;
    this.cap = void 0;
    this.i = end;
    const text = this.buf.toString("utf8", cap.start, end);
    let v;
    try {
      v = JSON.parse(text);
    } catch (err) {
      this.fail(`Invalid JSON value (${err.message})`, cap.start);
    }
    if (this.dropKeys.length && !cap.isKey && this.stack.length === this.captureDepth && v && typeof v === "object" && !Array.isArray(v)) {
      const o = v;
      for (const k of this.dropKeys) if (k in o) o[k] = void 0;
    }
    return v;
  }
  /** Continue scanning the open capture; returns the end offset or -1 if more input is needed. */
  scanCapture(atEof) {
    const end = this.scanCaptureRaw(atEof);
    const cap = this.cap;
    const size = (end < 0 ? this.buf.length : end) - cap.start;
    if (size > this.maxValueBytes) {
      this.fail(
        `A single JSON ${cap.kind === "string" ? "string" : "value"} is larger than ${Math.floor(this.maxValueBytes / 1048576)} MiB (the most one JavaScript string can hold); the file is not a dbt artifact Slipway can read`,
        cap.start
      );
    }
    return end;
  }
  scanCaptureRaw(atEof) {
    const buf = this.buf;
    const cap = this.cap;
    const n = buf.length;
    if (cap.kind === "scalar") {
      let p2 = cap.pos;
      while (p2 < n) {
        const c = buf[p2];
        if (c === COMMA || c === RBRACE || c === RBRACKET || isWs(c)) return p2;
        p2++;
      }
      cap.pos = p2;
      return atEof ? n : -1;
    }
    if (cap.kind === "string") {
      let p2 = cap.pos;
      for (; ; ) {
        const q = buf.indexOf(QUOTE, p2);
        if (q < 0) {
          cap.pos = n;
          return -1;
        }
        if (!escaped(buf, q, cap.start + 1)) return q + 1;
        p2 = q + 1;
      }
    }
    let p = cap.pos;
    let depth = cap.depth;
    let inStr = cap.inStr;
    while (p < n) {
      const c = buf[p];
      if (inStr) {
        if (c === BACKSLASH) {
          if (p + 1 >= n) break;
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
  startCapture(at, isKey) {
    const c = this.buf[at];
    const kind = c === QUOTE ? "string" : c === LBRACE || c === LBRACKET ? "container" : "scalar";
    this.cap = { start: at, kind, pos: at + 1, depth: kind === "container" ? 1 : 0, inStr: false, isKey };
  }
  deliver(v) {
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      this.done = true;
      this.result = v;
      return;
    }
    if (top.kind === "obj") {
      if (top.expect === "key" || top.expect === "first") {
        if (typeof v !== "string") this.fail("Expected a property name", this.i);
        top.key = v;
        top.expect = "colon";
      } else {
        if (top.key === "__proto__") Object.defineProperty(top.value, "__proto__", { value: v, writable: true, enumerable: true, configurable: true });
        else top.value[top.key] = v;
        top.expect = "next";
      }
    } else {
      top.value.push(v);
      top.expect = "next";
    }
  }
  run(atEof) {
    const buf = this.buf;
    const n = buf.length;
    for (; ; ) {
      if (this.cap) {
        const end = this.scanCapture(atEof);
        if (end < 0) return;
        this.deliver(this.finishCapture(end));
        continue;
      }
      let i = this.i;
      while (i < n && isWs(buf[i])) i++;
      this.i = i;
      if (i >= n) return;
      if (this.done) this.fail("Unexpected data after the JSON value", i);
      const c = buf[i];
      const top = this.stack[this.stack.length - 1];
      const wantValue = !top || top.expect === "value" || top.kind === "arr" && top.expect === "first";
      if (top && top.expect === "colon") {
        if (c !== COLON) this.fail("Expected ':'", i);
        top.expect = "value";
        this.i = i + 1;
        continue;
      }
      if (top && top.expect === "next") {
        if (c === COMMA) {
          top.expect = top.kind === "obj" ? "key" : "value";
          this.i = i + 1;
          continue;
        }
        if (top.kind === "obj" && c === RBRACE || top.kind === "arr" && c === RBRACKET) {
          this.i = i + 1;
          this.stack.pop();
          this.deliver(top.value);
          continue;
        }
        this.fail(`Expected ',' or '${top.kind === "obj" ? "}" : "]"}'`, i);
      }
      if (top && top.expect === "first" && (top.kind === "obj" && c === RBRACE || top.kind === "arr" && c === RBRACKET)) {
        this.i = i + 1;
        this.stack.pop();
        this.deliver(top.value);
        continue;
      }
      if (!wantValue) {
        if (c !== QUOTE) this.fail("Expected a property name", i);
        this.startCapture(i, true);
        continue;
      }
      if ((c === LBRACE || c === LBRACKET) && this.stack.length < this.captureDepth) {
        this.stack.push({ kind: c === LBRACE ? "obj" : "arr", value: c === LBRACE ? {} : [], expect: "first" });
        this.i = i + 1;
        continue;
      }
      if (c === RBRACE || c === RBRACKET || c === COMMA || c === COLON) this.fail(`Unexpected '${String.fromCharCode(c)}'`, i);
      this.startCapture(i, false);
    }
  }
};
async function readJsonStreaming(path, opts = {}) {
  const chunkSize = opts.chunkSize ?? 1024 * 1024;
  const parser = new ShallowJsonParser(opts);
  const fh = await open(path, "r");
  try {
    for (; ; ) {
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

// shared/dbt/artifacts.ts
var SCHEMA_RE = /\/dbt\/(manifest|run-results|sources|catalog)\/v(\d+)(?:\.json)?$/;
var IDENTICAL_SCHEMAS = {
  manifest: { 20: 12 }
};
function schemaVersion(meta) {
  const v = meta?.dbt_schema_version;
  if (typeof v !== "string") return void 0;
  const m = SCHEMA_RE.exec(v);
  if (!m) return void 0;
  const declared = Number(m[2]);
  return { kind: m[1], version: IDENTICAL_SCHEMAS[m[1]]?.[declared] ?? declared, declared };
}
var SUPPORTED = {
  manifest: { min: 4, max: 12 },
  "run-results": { min: 1, max: 6 },
  sources: { min: 1, max: 3 }
};
var DEFAULT_STREAM_THRESHOLD = 64 * 1024 * 1024;
var streamThreshold;
function currentStreamThreshold() {
  if (streamThreshold !== void 0) return streamThreshold;
  const env = Number(process.env.SLIPWAY_JSON_STREAM_THRESHOLD);
  return Number.isFinite(env) && env > 0 ? env : DEFAULT_STREAM_THRESHOLD;
}
async function readJsonFile(path, what, opts = {}) {
  let size;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new Error("not a file");
    size = st.size;
  } catch {
    throw missingFile(path, what);
  }
  const invalid = (err) => new UserError(`The ${what} file ${path} is not valid JSON: ${err.message}`, {
    hint: "The file is truncated or corrupted; regenerate it with dbt."
  });
  if (size >= (opts.streamThreshold ?? currentStreamThreshold())) {
    try {
      return await readJsonStreaming(path, { dropKeys: opts.dropKeys });
    } catch (err) {
      if (err instanceof JsonStreamError || err instanceof SyntaxError) throw invalid(err);
      throw missingFile(path, what);
    }
  }
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if (err.code === "ERR_STRING_TOO_LONG" || err instanceof RangeError) {
      try {
        return await readJsonStreaming(path, { dropKeys: opts.dropKeys });
      } catch (e) {
        throw invalid(e);
      }
    }
    throw missingFile(path, what);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw invalid(err);
  }
}
function missingFile(path, what) {
  return new UserError(`The ${what} file ${path} does not exist or cannot be read.`, {
    hint: what === "manifest" ? "Run `dbt parse` (or `dbt compile`) first, or pass --manifest <path>." : `Pass the path to ${what} explicitly, or run the dbt command that writes it.`
  });
}
function checkArtifact(doc, path, kind) {
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
    throw new UserError(`${path} is not a dbt ${kind} artifact (expected a JSON object).`, { hint: `Point at the ${kind} file dbt writes in target/.` });
  }
  const sv = schemaVersion(doc.metadata);
  if (!sv) {
    throw new UserError(`${path} has no metadata.dbt_schema_version, so it is not a dbt ${kind} artifact.`, {
      hint: `Point at the ${kind === "run-results" ? "run_results" : kind}.json that dbt writes in target/.`
    });
  }
  if (sv.kind !== kind) {
    throw new UserError(`${path} is a dbt ${sv.kind} artifact, not a ${kind} one.`, { hint: `Pass the ${kind} file instead.` });
  }
  const range = SUPPORTED[kind];
  if (sv.version < range.min || sv.version > range.max) {
    const same = Object.entries(IDENTICAL_SCHEMAS[kind] ?? {}).map(([a, b]) => ` and v${a} (= v${b})`).join("");
    const by = doc.metadata?.dbt_version ? ` (written by dbt ${String(doc.metadata.dbt_version)})` : "";
    throw new UserError(`${path} uses ${kind} schema v${sv.declared}${by}; Slipway reads v${range.min} to v${range.max}${same}.`, {
      hint: sv.version < range.min ? "That manifest comes from dbt older than 1.0: regenerate it with dbt ≥ 1.0 (dbt parse)." : "This dbt is newer than Slipway knows; upgrade Slipway, or open an issue with the dbt version."
    });
  }
}
function normaliseManifest(doc) {
  for (const k of ["nodes", "sources", "macros", "exposures", "metrics", "semantic_models", "saved_queries", "unit_tests", "functions", "groups", "disabled"]) {
    if (doc[k] == null) doc[k] = {};
  }
  return doc;
}
function parseManifest(doc, path = "manifest.json") {
  checkArtifact(doc, path, "manifest");
  return checkManifestShape(normaliseManifest(doc), path);
}
function checkManifestShape(m, path) {
  const broken = (what) => new UserError(`${path} is not a usable dbt manifest: ${what}.`, { hint: "Regenerate it with `dbt parse` (or the dbt build that produced it); a truncated or hand-edited manifest cannot be used as state." });
  for (const k of ["nodes", "sources", "macros", "exposures", "metrics", "semantic_models", "saved_queries", "unit_tests", "groups", "disabled"]) {
    const v = m[k];
    if (typeof v !== "object" || Array.isArray(v)) throw broken(`'${k}' is ${Array.isArray(v) ? "a list" : typeof v}, not an object`);
  }
  for (const k of ["nodes", "sources"]) {
    for (const [id, node] of Object.entries(m[k])) {
      if (!node || typeof node !== "object" || Array.isArray(node)) throw broken(`${k}['${id.slice(0, 200)}'] is ${node === null ? "null" : Array.isArray(node) ? "a list" : typeof node}, not a node`);
      const n = node;
      if (typeof n.unique_id !== "string" || typeof n.resource_type !== "string") throw broken(`${k}['${id.slice(0, 200)}'] has no unique_id/resource_type`);
    }
  }
  return m;
}
var SLIM_DROPPED_KEYS = ["compiled_code", "compiled_sql", "extra_ctes", "extra_ctes_injected", "compiled", "compiled_path", "build_path", "created_at", "refs", "doc_blocks", "root_path"];
async function loadManifest(path, opts = {}) {
  const read = opts.slim ? { dropKeys: SLIM_DROPPED_KEYS, streamThreshold: Math.min(8 * 1024 * 1024, currentStreamThreshold()) } : {};
  return parseManifest(await readJsonFile(path, "manifest", read), path);
}
function parseRunResults(doc, path = "run_results.json") {
  checkArtifact(doc, path, "run-results");
  if (!Array.isArray(doc.results)) throw new UserError(`${path} has no results array.`, { hint: "Regenerate it with dbt build/run/test." });
  return doc;
}
async function loadRunResults(path) {
  return parseRunResults(await readJsonFile(path, "run_results"), path);
}
function parseSources(doc, path = "sources.json") {
  checkArtifact(doc, path, "sources");
  if (!Array.isArray(doc.results)) throw new UserError(`${path} has no results array.`, { hint: "Regenerate it with `dbt source freshness`." });
  return doc;
}
async function loadSources(path) {
  return parseSources(await readJsonFile(path, "sources"), path);
}

export {
  schemaVersion,
  loadManifest,
  loadRunResults,
  loadSources
};
