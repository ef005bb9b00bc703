/**
 * Many manifests of one project differ in a handful of entries. They are
 * committed as one JSON document: every entry (a node, a macro, a map…) is
 * stored once in `pool` under a short content hash; the first manifest lists,
 * per top-level key, entry id → hash, and every other one only the entries
 * that differ from the first (hash, or null when removed). unpackManifest()
 * rebuilds each manifest's content except `created_at` timestamps, set to 0 so
 * equal entries from different parses are stored once (selection never reads
 * them); entries new to a manifest come after the first manifest's.
 */
import { createHash } from 'node:crypto';

const strip = (v) => {
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === 'object') {
    const o = {};
    for (const [k, x] of Object.entries(v)) o[k] = k === 'created_at' ? 0 : strip(x);
    return o;
  }
  return v;
};

/** @param {Record<string, any>} manifests name → manifest */
export function packManifests(manifests) {
  const pool = {};
  const put = (value) => {
    const text = JSON.stringify(strip(value));
    const h = createHash('sha256').update(text).digest('base64url').slice(0, 12);
    pool[h] = JSON.parse(text);
    return h;
  };
  const out = {};
  let first;
  for (const [name, m] of Object.entries(manifests)) {
    const packed = {};
    for (const [key, value] of Object.entries(m)) {
      if (value && typeof value === 'object' && !Array.isArray(value) && key !== 'metadata') {
        packed[key] = Object.fromEntries(Object.entries(value).map(([id, entry]) => [id, put(entry)]));
      } else {
        packed[key] = { '': put(value) };
      }
    }
    if (!first) {
      first = packed;
      out[name] = { full: packed };
      continue;
    }
    const diff = {};
    for (const key of new Set([...Object.keys(first), ...Object.keys(packed)])) {
      const a = first[key] ?? {};
      const b = packed[key];
      if (!b) {
        diff[key] = null;
        continue;
      }
      const d = {};
      for (const id of new Set([...Object.keys(a), ...Object.keys(b)])) if (a[id] !== b[id]) d[id] = b[id] ?? null;
      if (Object.keys(d).length || !(key in first)) diff[key] = d;
    }
    out[name] = { base: Object.keys(out)[0], diff };
  }
  return { format: 'slipway-conformance-pack/2', manifests: out, pool };
}

/** Rebuild one manifest from packManifests() output. */
export function unpackManifest(pack, name) {
  const p = pack.manifests[name];
  if (!p) throw new Error(`no manifest "${name}" in the conformance pack`);
  let entries = p.full;
  if (!entries) {
    entries = structuredClone(pack.manifests[p.base].full);
    for (const [key, d] of Object.entries(p.diff)) {
      if (d === null) {
        delete entries[key];
        continue;
      }
      entries[key] ??= {};
      for (const [id, h] of Object.entries(d)) {
        if (h === null) delete entries[key][id];
        else entries[key][id] = h;
      }
    }
  }
  const m = {};
  for (const [key, e] of Object.entries(entries)) {
    if (Object.keys(e).length === 1 && '' in e) m[key] = structuredClone(pack.pool[e['']]);
    else m[key] = Object.fromEntries(Object.entries(e).map(([id, h]) => [id, structuredClone(pack.pool[h])]));
  }
  return m;
}
