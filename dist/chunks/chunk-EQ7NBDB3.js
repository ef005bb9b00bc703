import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  loadManifest,
  loadRunResults,
  loadSources,
  schemaVersion
} from "./chunk-545Z3XKG.js";
import {
  GateFailure,
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/impact/tag.ts
var TAG_ENV = "SLIPWAY_QUERY_TAG";
function prTag(env = process.env) {
  const explicit = env[TAG_ENV]?.trim();
  if (explicit) return explicit.slice(0, 63);
  const pr = /^refs\/pull\/(\d+)\//.exec(env.GITHUB_REF ?? "")?.[1];
  const run = env.GITHUB_RUN_ID;
  if (!pr && !run) return void 0;
  const repo = (env.GITHUB_REPOSITORY ?? "").split("/").pop() ?? "";
  return ["slipway", repo, pr ? `pr${pr}` : "", run ? `run${run}${env.GITHUB_RUN_ATTEMPT && env.GITHUB_RUN_ATTEMPT !== "1" ? `.${env.GITHUB_RUN_ATTEMPT}` : ""}` : ""].filter(Boolean).join(":").replace(/[^A-Za-z0-9:._-]/g, "_").slice(0, 63);
}

// shared/dbt/selection/index.ts
import { existsSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";

// shared/dbt/selection/graph.ts
var MEMBER_COLLECTIONS = ["nodes", "sources", "exposures", "metrics", "semantic_models", "saved_queries", "unit_tests", "functions"];
function isEnabled(node) {
  return node?.config?.enabled !== false;
}
var SelectionGraph = class {
  constructor(manifest) {
    this.manifest = manifest;
    for (const collection of MEMBER_COLLECTIONS) {
      const coll = manifest[collection];
      if (!coll) continue;
      for (const id in coll) {
        const node = coll[id];
        if (!isEnabled(node)) continue;
        this.members.set(id, { id, node, collection });
      }
    }
    for (const id of this.members.keys()) {
      this.parents.set(id, []);
      this.children.set(id, []);
    }
    for (const [id, m] of this.members) {
      const deps = m.node.depends_on?.nodes;
      if (!Array.isArray(deps)) continue;
      const ps = this.parents.get(id);
      for (const p of deps) {
        if (typeof p !== "string" || !this.members.has(p) || ps.includes(p)) continue;
        ps.push(p);
        this.children.get(p).push(id);
      }
    }
  }
  manifest;
  members = /* @__PURE__ */ new Map();
  parents = /* @__PURE__ */ new Map();
  children = /* @__PURE__ */ new Map();
  has(id) {
    return this.members.has(id);
  }
  walk(start, adj, maxDepth) {
    const out = /* @__PURE__ */ new Set();
    let frontier = [...start];
    const seen = new Set(frontier);
    let depth = 0;
    while (frontier.length && (maxDepth === void 0 || depth < maxDepth)) {
      const next = [];
      for (const id of frontier) {
        for (const n of adj.get(id) ?? []) {
          out.add(n);
          if (!seen.has(n)) {
            seen.add(n);
            next.push(n);
          }
        }
      }
      frontier = next;
      depth++;
    }
    return out;
  }
  /** All descendants (up to maxDepth layers). May include members of `ids` that descend from others. */
  descendants(ids, maxDepth) {
    return this.walk(ids, this.children, maxDepth);
  }
  ancestors(ids, maxDepth) {
    return this.walk(ids, this.parents, maxDepth);
  }
  /** Direct children of any of `ids`. */
  successors(ids) {
    const out = /* @__PURE__ */ new Set();
    for (const id of ids) for (const c of this.children.get(id) ?? []) out.add(c);
    return out;
  }
  /** `@X`: descendants of X, X, and every ancestor of those. */
  childrensParents(ids) {
    const base = /* @__PURE__ */ new Set([...ids, ...this.descendants(ids)]);
    for (const a of this.ancestors(base)) base.add(a);
    return base;
  }
};

// shared/dbt/selection/compare.ts
var ContractBreakingChangeError = class extends GateFailure {
};
function deepEqual(a, b) {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") {
    return false;
  }
  const aa = Array.isArray(a);
  if (aa !== Array.isArray(b)) return false;
  if (aa) {
    const x2 = a;
    const y2 = b;
    if (x2.length !== y2.length) return false;
    for (let i = 0; i < x2.length; i++) if (!deepEqual(x2[i], y2[i])) return false;
    return true;
  }
  const x = a;
  const y = b;
  let nx = 0;
  for (const k in x) {
    nx++;
    if (!(k in y) || !deepEqual(x[k], y[k])) return false;
  }
  let ny = 0;
  for (const _k in y) ny++;
  return nx === ny;
}
var nul = (v) => v === void 0 ? null : v;
function isEmptyish(v) {
  if (v === null || v === void 0) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === "object") {
    for (const k in v) if (!isEmptyish(v[k])) return false;
    return true;
  }
  return false;
}
function lenientEqual(a, b) {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  const aa = Array.isArray(a);
  if (aa !== Array.isArray(b)) return false;
  if (aa) {
    const x2 = a;
    const y2 = b;
    return x2.length === y2.length && x2.every((v, i) => lenientEqual(v, y2[i]));
  }
  const x = a;
  const y = b;
  for (const k in x) {
    if (k in y) {
      if (!lenientEqual(x[k], y[k])) return false;
    } else if (!isEmptyish(x[k])) return false;
  }
  for (const k in y) if (!(k in x) && !isEmptyish(y[k])) return false;
  return true;
}
function rawCode(n) {
  return n.raw_code ?? n.raw_sql ?? "";
}
function unrendered(n) {
  return n.unrendered_config ?? {};
}
function contractOf(n) {
  const c = n.contract;
  return { enforced: c?.enforced === true, checksum: c?.checksum ?? null };
}
function columnsOf(n) {
  return n.columns ?? {};
}
function isGenericTest(n) {
  return n.resource_type === "test" && n.test_metadata != null;
}
var NODE_EXCLUDED = /* @__PURE__ */ new Set(["alias", "schema", "database", "tags", "group"]);
var METRIC_EXCLUDED = /* @__PURE__ */ new Set(["group"]);
var TEST_MODIFIERS = ["severity", "where", "limit", "fail_calc", "warn_if", "error_if", "store_failures", "store_failures_as", "sql_header"];
function compareKey(a, b, key) {
  const inA = key in a;
  const inB = key in b;
  if (!inA && !inB) return true;
  if (inA !== inB) return false;
  return deepEqual(a[key], b[key]);
}
function differingConfigKeys(a, b, excluded, lenient) {
  const out = /* @__PURE__ */ new Set();
  for (const k of /* @__PURE__ */ new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (excluded.has(k)) continue;
    const differs = lenient ? k in a && k in b ? !lenientEqual(a[k], b[k]) : !isEmptyish(k in a ? a[k] : b[k]) : !compareKey(a, b, k);
    if (differs) out.add(k);
  }
  return [...out].sort();
}
function sameConfigDicts(a, b, excluded, lenient) {
  if (lenient) {
    for (const k in a) if (!excluded.has(k) && (k in b ? !lenientEqual(a[k], b[k]) : !isEmptyish(a[k]))) return false;
    for (const k in b) if (!excluded.has(k) && !(k in a) && !isEmptyish(b[k])) return false;
    return true;
  }
  for (const k in a) if (!excluded.has(k) && !compareKey(a, b, k)) return false;
  for (const k in b) if (!excluded.has(k) && !(k in a)) return false;
  return true;
}
function constraintSupport(adapter, type) {
  const t = type.toLowerCase();
  switch ((adapter ?? "").toLowerCase()) {
    case "snowflake":
      return t === "not_null" ? "enforced" : t === "check" ? "not_supported" : "not_enforced";
    case "bigquery":
      return t === "not_null" ? "enforced" : t === "check" || t === "unique" ? "not_supported" : "not_enforced";
    case "redshift":
      return t === "not_null" ? "enforced" : t === "check" ? "not_supported" : "not_enforced";
    case "databricks":
    case "spark":
      return t === "not_null" || t === "check" ? "enforced" : "not_enforced";
    case "postgres":
      return "enforced";
    default:
      return t === "check" ? "not_supported" : "enforced";
  }
}
var CONSTRAINED_MATERIALIZATIONS = /* @__PURE__ */ new Set(["table", "incremental"]);
var StateComparator = class _StateComparator {
  constructor(current, state, opts) {
    this.current = current;
    this.state = state;
    this.opts = opts;
    const minor = (v) => /^(\d+\.\d+)/.exec(String(v ?? ""))?.[1] ?? String(v);
    this.lenient = opts.crossVersion ?? minor(current.metadata?.dbt_version) !== minor(state.metadata?.dbt_version);
    this.eq = this.lenient ? lenientEqual : deepEqual;
    this.oldIndex = /* @__PURE__ */ new Map();
    const stateVersion = schemaVersion(state.metadata)?.version ?? 12;
    const order = ["functions", "saved_queries", "unit_tests", "semantic_models", "metrics", "exposures", "sources", "nodes"];
    for (const c of order) {
      if (c === "metrics" && stateVersion <= 9) continue;
      const coll = state[c];
      if (!coll) continue;
      for (const id in coll) this.oldIndex.set(id, coll[id]);
    }
  }
  current;
  state;
  opts;
  warnings = [];
  oldIndex;
  cache = /* @__PURE__ */ new Map();
  modifiedMacros;
  taintedMacros;
  removedChecked = false;
  contractChecked = /* @__PURE__ */ new Set();
  lenient;
  eq;
  previous(id) {
    return this.oldIndex.get(id);
  }
  // ---- macros -----------------------------------------------------------
  computeMacros() {
    const oldM = this.state.macros ?? {};
    const newM = this.current.macros ?? {};
    const modified = /* @__PURE__ */ new Set();
    for (const id in newM) {
      const o = oldM[id];
      if (!o || o.macro_sql !== newM[id].macro_sql) modified.add(id);
    }
    for (const id in oldM) if (!(id in newM)) modified.add(id);
    this.modifiedMacros = modified;
    const dependents = /* @__PURE__ */ new Map();
    for (const id in newM) {
      for (const d of newM[id].depends_on?.macros ?? []) {
        if (typeof d !== "string") continue;
        let l = dependents.get(d);
        if (!l) dependents.set(d, l = []);
        l.push(id);
      }
    }
    const tainted = new Set(modified);
    const queue = [...modified];
    while (queue.length) {
      const m = queue.pop();
      for (const dep of dependents.get(m) ?? []) {
        if (!tainted.has(dep)) {
          tainted.add(dep);
          queue.push(dep);
        }
      }
    }
    this.taintedMacros = tainted;
  }
  /** dbt's check_macros_modified: any macro reachable from the node's depends_on.macros changed, was added or removed. */
  macrosModified(member) {
    if (member.collection === "sources") return false;
    if (!this.modifiedMacros) this.computeMacros();
    const deps = member.node.depends_on?.macros;
    if (!deps || !deps.length) return false;
    for (const d of deps) {
      if (typeof d !== "string") {
        throw new UserError(`${member.id} depends on a macro or generic test that does not exist (depends_on.macros holds ${JSON.stringify(d)}).`, {
          hint: "A macro or generic test definition was deleted while something still calls it; restore it or remove the reference, then run `dbt parse` again."
        });
      }
    }
    if (this.modifiedMacros.size === 0) return false;
    const macros = this.current.macros ?? {};
    for (const d of deps) {
      if (this.taintedMacros.has(d)) return true;
      if (!(d in macros)) {
        throw new UserError(`${member.id} depends on macro ${d}, which is in neither manifest.`, {
          hint: "The manifest is inconsistent; regenerate it with `dbt parse`."
        });
      }
    }
    return false;
  }
  // ---- per-check comparisons (new vs old) -------------------------------
  sameBody(n, o) {
    if (n.resource_type === "seed") return this.sameSeeds(n, o);
    return rawCode(n) === rawCode(o);
  }
  sameSeeds(n, o) {
    const a = n.checksum;
    const b = o.checksum;
    const result = !!a && !!b && a.name === b.name && a.checksum === b.checksum;
    if (a?.name === "path") {
      if (b?.name !== "path") {
        this.warn(n.unique_id, `Seed ${n.unique_id} grew beyond the seed size limit (dbt --maximum-seed-size-mib, default 1 MiB); it is treated as modified, and later content changes will not be detected.`);
      } else if (result) {
        this.warn(n.unique_id, `Seed ${n.unique_id} is larger than the seed size limit, so dbt compares its path only: content changes are not detected.`);
      }
    } else if (a?.name === "none") {
      return false;
    }
    return result;
  }
  /** Which config keys differ from the state manifest's (empty when unknown or unchanged): says what "configs" means in a report. */
  changedConfigKeys(m) {
    const o = this.previous(m.id);
    if (!o) return [];
    const a = unrendered(m.node);
    const b = unrendered(o);
    switch (m.collection) {
      case "nodes":
      case "functions":
        if (m.node.resource_type === "test") return TEST_MODIFIERS.filter((k) => !compareKey(a, b, k));
        return differingConfigKeys(a, b, NODE_EXCLUDED, this.lenient);
      case "sources":
      case "exposures":
        return differingConfigKeys(a, b, /* @__PURE__ */ new Set(), this.lenient);
      case "metrics":
        return differingConfigKeys(a, b, METRIC_EXCLUDED, this.lenient);
      default:
        return [];
    }
  }
  sameConfig(m, o) {
    const n = m.node;
    const a = unrendered(n);
    const b = unrendered(o);
    switch (m.collection) {
      case "nodes":
      case "functions":
        if (n.resource_type === "test") {
          for (const k of TEST_MODIFIERS) if (!compareKey(a, b, k)) return false;
          return true;
        }
        return sameConfigDicts(a, b, NODE_EXCLUDED, this.lenient);
      case "sources":
      case "exposures":
        return sameConfigDicts(a, b, /* @__PURE__ */ new Set(), this.lenient);
      case "metrics":
        return sameConfigDicts(a, b, METRIC_EXCLUDED, this.lenient);
      case "semantic_models":
      case "saved_queries":
        return this.eq(n.config ?? null, o.config ?? null);
      default:
        return true;
    }
  }
  samePersistedDescription(n, o) {
    const pd = n.config?.persist_docs ?? {};
    if (pd.relation && nul(n.description) !== nul(o.description)) return false;
    if (pd.columns) {
      const cd = (x) => Object.fromEntries(Object.entries(columnsOf(x)).map(([k, v]) => [k, nul(v?.description)]));
      if (!deepEqual(cd(n), cd(o))) return false;
    }
    return true;
  }
  sameDatabaseRepresentation(m, o) {
    const n = m.node;
    if (m.collection === "sources") {
      const useUnrendered = this.opts.compareMoreUnrenderedValues && "unrendered_schema" in n && "unrendered_schema" in o;
      const pick = (x, k) => nul(useUnrendered ? x[`unrendered_${k}`] : x[k]);
      return pick(n, "database") === pick(o, "database") && pick(n, "schema") === pick(o, "schema") && nul(n.identifier) === nul(o.identifier);
    }
    const a = unrendered(n);
    const b = unrendered(o);
    for (const k of ["database", "schema", "alias"]) if (!deepEqual(nul(a[k]), nul(b[k]))) return false;
    return true;
  }
  /** ModelNode.same_contract; records breaking-change warnings, throws for versioned models. Non-models: always same. */
  sameContract(n, o) {
    if (n.resource_type !== "model" || o.resource_type !== "model") return true;
    const nc = contractOf(n);
    const oc = contractOf(o);
    if (!oc.enforced && !nc.enforced) return true;
    if (!oc.enforced && nc.enforced) return false;
    if (nc.checksum === oc.checksum && nc.enforced) return true;
    if (this.contractChecked.has(n.unique_id)) return false;
    this.contractChecked.add(n.unique_id);
    const problems = [];
    if (oc.enforced && !nc.enforced) problems.push("Contract enforcement was removed");
    const adapter = this.opts.adapterType ?? this.current.metadata?.adapter_type;
    const oldCols = columnsOf(o);
    const newCols = columnsOf(n);
    const oldMat = o.config?.materialized;
    const newMat = n.config?.materialized;
    const enforcesConstraints = CONSTRAINED_MATERIALIZATIONS.has(oldMat);
    let columnConstraintsExist = false;
    const removed = [];
    const typeChanges = [];
    const colConstraintRemoved = [];
    for (const key of Object.keys(oldCols).sort()) {
      const oc2 = oldCols[key];
      const cons = oc2?.constraints ?? [];
      if (cons.length) columnConstraintsExist = true;
      const nc2 = newCols[key];
      if (!nc2) {
        removed.push(oc2?.name ?? key);
        continue;
      }
      const base = (t) => String(t ?? "").split("(")[0].trim().toLowerCase();
      if (base(oc2?.data_type) !== base(nc2?.data_type)) typeChanges.push(`${oc2?.name ?? key} (${oc2?.data_type} -> ${nc2?.data_type})`);
      if (enforcesConstraints) {
        for (const c of cons) {
          if (constraintSupport(adapter, String(c?.type ?? "")) !== "enforced") continue;
          if (!(nc2.constraints ?? []).some((x) => deepEqual(x, c))) colConstraintRemoved.push(`${oc2?.name ?? key} (${c?.type})`);
        }
      }
    }
    const modelCons = o.constraints ?? [];
    const modelConsRemoved = [];
    if (enforcesConstraints) {
      for (const c of modelCons) {
        if (constraintSupport(adapter, String(c?.type ?? "")) !== "enforced") continue;
        if (!(n.constraints ?? []).some((x) => deepEqual(x, c))) modelConsRemoved.push(String(c?.type));
      }
    }
    if (removed.length) problems.push(`Columns were removed: ${removed.join(", ")}`);
    if (typeChanges.length) problems.push(`Columns with data_type changes: ${typeChanges.join(", ")}`);
    if (colConstraintRemoved.length) problems.push(`Enforced column level constraints were removed: ${colConstraintRemoved.join(", ")}`);
    if (modelConsRemoved.length) problems.push(`Enforced model level constraints were removed: ${modelConsRemoved.join(", ")}`);
    if (enforcesConstraints && !CONSTRAINED_MATERIALIZATIONS.has(newMat) && (modelCons.length > 0 || columnConstraintsExist)) {
      problems.push(`Materialization changed with enforced constraints: ${oldMat} -> ${newMat}`);
    }
    if (problems.length) this.breaking(n, problems);
    return false;
  }
  breaking(n, problems) {
    const versioned = n.version != null;
    const text = `${versioned ? "Breaking change to contracted, versioned model" : "While comparing to previous project state, dbt detected a breaking change to an unversioned model"} ${n.unique_id}:
  - ${problems.join("\n  - ")}`;
    if (versioned) {
      throw new ContractBreakingChangeError(text, {
        hint: "Create a new version of the model (versions: in its YAML) instead of changing the contract of an existing one, or revert the change."
      });
    }
    this.warn(n.unique_id, text);
  }
  /** dbt's same_contract_removed: contracted models deleted or disabled since the state. */
  checkRemovedContracts() {
    if (this.removedChecked) return;
    this.removedChecked = true;
    const today = /* @__PURE__ */ new Date();
    const disabled = this.current.disabled ?? {};
    const stateNodes = this.state.nodes ?? {};
    for (const id in stateNodes) {
      const o = stateNodes[id];
      if (o.resource_type !== "model" || !contractOf(o).enforced) continue;
      const cur = this.current.nodes[id];
      if (cur && isEnabled(cur)) continue;
      const dep = o.deprecation_date ? new Date(String(o.deprecation_date)) : void 0;
      if (dep && !Number.isNaN(dep.getTime()) && dep < today) continue;
      const how = cur || id in disabled ? "disabled" : "deleted or renamed";
      const msg = `Contracted model '${id}' was ${how}.`;
      if (o.version != null) {
        throw new ContractBreakingChangeError(`Breaking change to contracted, versioned model: ${msg}`, {
          hint: "Keep the old version until its deprecation_date has passed, or set a deprecation_date in the past before removing it."
        });
      }
      this.warn(id, `${msg} This is a breaking change for anything that relies on it.`);
    }
  }
  warn(uniqueId, message) {
    if (!this.warnings.some((w) => w.uniqueId === uniqueId && w.message === message)) this.warnings.push({ uniqueId, message });
  }
  // ---- whole-resource comparison -----------------------------------------
  /**
   * Reasons a resource differs from state, the way `same_contents` decides
   * (empty set: unchanged). Sources/exposures/metrics/semantic models/saved
   * queries with no previous counterpart are "unchanged" (dbt quirk).
   */
  differences(m) {
    const cached = this.cache.get(m.id);
    if (cached) return cached;
    const r = /* @__PURE__ */ new Set();
    const n = m.node;
    const o = this.previous(m.id);
    switch (m.collection) {
      case "nodes":
      case "functions": {
        if (!o) {
          r.add("new");
          break;
        }
        const contractSame = this.sameContract(n, o);
        if (isGenericTest(n)) {
          if (!this.sameConfig(m, o)) r.add("configs");
          if (!deepEqual(n.fqn ?? null, o.fqn ?? null)) r.add("fqn");
          break;
        }
        if (!this.sameBody(n, o)) r.add("body");
        if (!this.sameConfig(m, o)) r.add("configs");
        if (!this.samePersistedDescription(n, o)) r.add("persisted_descriptions");
        if (!deepEqual(n.fqn ?? null, o.fqn ?? null)) r.add("fqn");
        if (!this.sameDatabaseRepresentation(m, o)) r.add("relation");
        if (!contractSame) r.add("contract");
        if (n.resource_type === "model") {
          if ((n.access ?? "protected") !== (o.access ?? "protected")) r.add("access");
          if (nul(n.latest_version) !== nul(o.latest_version) || nul(n.deprecation_date) !== nul(o.deprecation_date)) r.add("version");
        }
        if (m.collection === "functions") {
          if (!deepEqual(nul(n.arguments), nul(o.arguments)) || !deepEqual(nul(n.returns), nul(o.returns))) r.add("properties");
          const ov = (x) => (x.overloads ?? []).map((v) => [nul(v?.defined_in), nul(v?.arguments), nul(v?.returns), nul(v?.raw_body)]);
          if (!deepEqual(ov(n), ov(o))) r.add("properties");
        }
        break;
      }
      case "sources": {
        if (!o) break;
        if (!this.sameDatabaseRepresentation(m, o)) r.add("relation");
        if (!deepEqual(n.fqn ?? null, o.fqn ?? null)) r.add("fqn");
        if (!this.sameConfig(m, o)) r.add("configs");
        if (!deepEqual(nul(n.quoting), nul(o.quoting))) r.add("quoting");
        if (!deepEqual(nul(n.freshness), nul(o.freshness)) || nul(n.loaded_at_field) !== nul(o.loaded_at_field)) r.add("freshness");
        if (!deepEqual(nul(n.external), nul(o.external))) r.add("external");
        break;
      }
      case "exposures": {
        if (!o) break;
        if (!deepEqual(n.fqn ?? null, o.fqn ?? null)) r.add("fqn");
        const owner = (x) => {
          const ow = x.owner ?? {};
          return { ...ow, email: nul(ow.email), name: nul(ow.name) };
        };
        const deps = (x) => [...new Set(x.depends_on?.nodes ?? [])].sort();
        if (nul(n.type) !== nul(o.type) || !deepEqual(owner(n), owner(o)) || nul(n.maturity) !== nul(o.maturity) || nul(n.url) !== nul(o.url) || nul(n.description ?? "") !== nul(o.description ?? "") || nul(n.label) !== nul(o.label) || !deepEqual(deps(n), deps(o)))
          r.add("properties");
        if (!this.sameConfig(m, o)) r.add("configs");
        break;
      }
      case "metrics": {
        if (!o) break;
        if (nul(n.type) !== nul(o.type) || nul(n.description ?? "") !== nul(o.description ?? "") || nul(n.label) !== nul(o.label)) r.add("properties");
        if (!this.sameConfig(m, o)) r.add("configs");
        break;
      }
      case "semantic_models": {
        if (!o) break;
        for (const k of ["model", "description", "defaults", "entities", "dimensions", "measures", "primary_entity", "group"]) {
          if (!this.eq(nul(n[k]), nul(o[k]))) r.add("properties");
        }
        if (!this.sameConfig(m, o)) r.add("configs");
        break;
      }
      case "saved_queries": {
        if (!o) break;
        const qp = (x, k) => nul(x.query_params?.[k]);
        for (const k of ["metrics", "group_by", "where"]) if (!deepEqual(qp(n, k), qp(o, k))) r.add("properties");
        for (const k of ["description", "label", "group", "tags"]) if (!deepEqual(nul(n[k]), nul(o[k]))) r.add("properties");
        const ex = (x) => (x.exports ?? []).map((e) => [e?.name, nul(e?.unrendered_config?.export_as), nul(e?.unrendered_config?.schema), nul(e?.unrendered_config?.alias)]);
        if (!deepEqual(ex(n), ex(o))) r.add("properties");
        if (!this.sameConfig(m, o)) r.add("configs");
        break;
      }
      case "unit_tests": {
        if (!o) {
          r.add("new");
          break;
        }
        if (nul(n.checksum) !== nul(o.checksum) && !deepEqual(n.checksum, o.checksum)) r.add("checksum");
        break;
      }
    }
    this.cache.set(m.id, r);
    return r;
  }
  /** dbt's check_modified_content plus the reasons (macros added). */
  modifiedReasons(m) {
    const r = new Set(this.differences(m));
    if (this.macrosModified(m)) r.add("macros");
    return [...r];
  }
  // ---- sub-selectors (check_modified_factory) ----------------------------
  /** Does the resource type "have" this comparison (decides whether new ones are selected)? */
  static hasCheck(m, check) {
    switch (m.collection) {
      case "nodes":
      case "functions":
        return true;
      case "sources":
        return check === "configs" || check === "relation";
      case "exposures":
      case "metrics":
      case "semantic_models":
      case "saved_queries":
        return check === "configs";
      default:
        return false;
    }
  }
  subselector(m, check) {
    if (!_StateComparator.hasCheck(m, check)) return false;
    const o = this.previous(m.id);
    if (!o) return true;
    switch (check) {
      case "body":
        return !this.sameBody(m.node, o);
      case "configs":
        return !this.sameConfig(m, o);
      case "persisted_descriptions":
        return !this.samePersistedDescription(m.node, o);
      case "relation":
        return !this.sameDatabaseRepresentation(m, o);
      case "contract":
        return !this.sameContract(m.node, o);
    }
  }
};

// shared/dbt/selection/methods.ts
import picomatch from "../vendor/picomatch.js";
var fnCache = /* @__PURE__ */ new Map();
function fnmatch(name, pattern) {
  let re = fnCache.get(pattern);
  if (!re) {
    let out = "";
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === "*") out += "[\\s\\S]*";
      else if (c === "?") out += "[\\s\\S]";
      else if (c === "[") {
        const close = pattern.indexOf("]", i + 2);
        if (close < 0) out += "\\[";
        else {
          let body = pattern.slice(i + 1, close);
          if (body.startsWith("!")) body = "^" + body.slice(1);
          out += "[" + body.replace(/\\/g, "\\\\") + "]";
          i = close;
        }
      } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    }
    re = new RegExp("^" + out + "$");
    fnCache.set(pattern, re);
  }
  return re.test(name);
}
var hasWildcard = (s) => /[*?[\]]/.test(s);
function isSelectedNode(fqn, selector, versioned) {
  if (!fqn.length) return false;
  if (versioned) {
    const flat = selector.split(".");
    if (fqn[fqn.length - 2] === selector) return true;
    if (fqn.slice(-2).join("_") === flat.slice(-2).join("_")) return true;
  } else if (fqn[fqn.length - 1] === selector) return true;
  const flatFqn = fqn.flatMap((s) => s.split("."));
  const parts = selector.split(".");
  if (flatFqn.length < parts.length) return false;
  for (let i = 0; i < parts.length; i++) {
    if (hasWildcard(parts[i])) return fnmatch(flatFqn.slice(i).join("."), parts.slice(i).join("."));
    if (flatFqn[i] !== parts[i]) return false;
  }
  return true;
}
function needState(c, what, hint) {
  throw new UserError(`The selector "${c.raw}" needs ${what}.`, { hint });
}
var posixPath = (p) => p.replace(/\\/g, "/").replace(/^\.\//, "").replace(/\/+$/, "");
function searchMethod(c, ctx) {
  const out = /* @__PURE__ */ new Set();
  const v = c.value;
  const all = ctx.graph.members;
  const each = (filter, pred) => {
    for (const m of all.values()) if (filter(m) && pred(m.node, m)) out.add(m.id);
  };
  const parsed = (m) => m.collection === "nodes";
  const any = () => true;
  switch (c.method) {
    case "fqn":
      if (v === "*") {
        each((m) => m.collection === "nodes" || m.collection === "unit_tests" || m.collection === "functions", () => true);
        break;
      }
      each(
        (m) => m.collection === "nodes" || m.collection === "unit_tests" || m.collection === "functions",
        (n) => {
          const fqn = n.fqn ?? [];
          const versioned = n.version != null;
          return isSelectedNode(fqn, v, versioned) || isSelectedNode(fqn.slice(1), v, versioned);
        }
      );
      break;
    case "wildcard":
      each(any, () => true);
      break;
    case "tag":
      each(any, (n) => (n.tags ?? []).some((t) => fnmatch(t, v)));
      break;
    case "group":
      each((m) => m.collection === "nodes" || m.collection === "metrics", (n) => (n.config?.group ?? n.group) === v);
      break;
    case "access":
      each(parsed, (n) => n.resource_type === "model" && (n.access ?? "protected") === v);
      break;
    case "version": {
      each(parsed, (n) => {
        if (n.resource_type !== "model" || n.version == null) return false;
        const latest = n.latest_version;
        if (v === "latest") return String(n.version) === String(latest);
        if (v === "prerelease") return latest != null && Number(n.version) > Number(latest);
        if (v === "old") return latest != null && Number(n.version) < Number(latest);
        if (v === "none") return false;
        return String(n.version) === v;
      });
      break;
    }
    case "source": {
      const parts = v.split(".");
      let pkg = "*";
      let src;
      let table = "*";
      if (parts.length === 1) src = parts[0];
      else if (parts.length === 2) [src, table] = parts;
      else if (parts.length === 3) [pkg, src, table] = parts;
      else throw new UserError(`Invalid source selector value "${v}".`, { hint: "Sources are selected as source:<source_name>, source:<source_name>.<table_name> or source:<package>.<source_name>.<table_name>." });
      each(
        (m) => m.collection === "sources",
        (n) => fnmatch(n.package_name, pkg) && fnmatch(String(n.source_name ?? ""), src) && fnmatch(n.name, table)
      );
      break;
    }
    case "exposure":
    case "metric":
    case "semantic_model":
    case "saved_query":
    case "unit_test": {
      const coll = { exposure: "exposures", metric: "metrics", semantic_model: "semantic_models", saved_query: "saved_queries", unit_test: "unit_tests" }[c.method];
      const parts = v.split(".");
      let pkg = "*";
      let name;
      if (parts.length === 1) name = parts[0];
      else if (parts.length === 2) [pkg, name] = parts;
      else if (c.method === "unit_test") {
        each((m) => m.collection === coll, (n) => isSelectedNode(n.fqn ?? [], v, false));
        break;
      } else throw new UserError(`Invalid ${c.method} selector value "${v}".`, { hint: `Use ${c.method}:<name> or ${c.method}:<package>.<name>.` });
      each((m) => m.collection === coll, (n) => fnmatch(n.package_name, pkg) && fnmatch(n.name, name));
      break;
    }
    case "path": {
      const sel = posixPath(v);
      const isMatch = hasWildcard(sel) ? picomatch(sel, { dot: true }) : (p) => p === sel;
      const hit = (p) => {
        if (!p) return false;
        let q = posixPath(p);
        for (; ; ) {
          if (isMatch(q)) return true;
          const slash = q.lastIndexOf("/");
          if (slash < 0) return false;
          q = q.slice(0, slash);
        }
      };
      each(any, (n) => hit(n.original_file_path) || typeof n.patch_path === "string" && hit(n.patch_path.split("://")[1]));
      break;
    }
    case "file":
      each(any, (n) => {
        const p = posixPath(String(n.original_file_path ?? ""));
        const name = p.slice(p.lastIndexOf("/") + 1);
        const dot = name.lastIndexOf(".");
        const stem = dot > 0 ? name.slice(0, dot) : name;
        return fnmatch(name, v) || fnmatch(stem, v);
      });
      break;
    case "package": {
      const pat = v === "this" && ctx.projectName ? ctx.projectName : v;
      each(any, (n) => fnmatch(n.package_name, pat));
      break;
    }
    case "config": {
      const severity = c.methodArgs.length === 1 && c.methodArgs[0] === "severity";
      const eq = (x) => {
        if (typeof x === "string" && severity) return x.toUpperCase() === v.toUpperCase();
        if (x === true) return v.toLowerCase() === "true";
        if (x === false) return v.toLowerCase() === "false";
        return x === v;
      };
      each(
        (m) => m.collection === "nodes" || m.collection === "sources",
        (n) => {
          let x = n.config;
          for (const a of c.methodArgs) {
            if (x === null || typeof x !== "object" || !(a in x)) return false;
            x = x[a];
          }
          return Array.isArray(x) ? x.some(eq) : eq(x);
        }
      );
      break;
    }
    case "resource_type":
      each(parsed, (n) => n.resource_type === v);
      if (v !== "model") each((m) => m.collection !== "nodes", (n) => n.resource_type === v);
      break;
    case "test_name":
      each(parsed, (n) => {
        if (!isGenericTest(n)) return false;
        const tm = n.test_metadata;
        return fnmatch(String(tm.name ?? ""), v) || (tm.namespace ? fnmatch(`${tm.namespace}.${tm.name}`, v) : false);
      });
      break;
    case "test_type":
      if (v === "unit") each((m) => m.collection === "unit_tests", () => true);
      else if (v === "generic" || v === "schema") each(parsed, (n) => isGenericTest(n));
      else each(parsed, (n) => n.resource_type === "test" && !isGenericTest(n));
      break;
    case "result": {
      if (!ctx.stateRunResults) {
        needState(c, "a run_results.json beside the state manifest", "Put the production run_results.json next to the manifest given to --state (dbt writes it to target/).");
      }
      const ids = new Set(ctx.stateRunResults.results.filter((r) => r.status === v).map((r) => r.unique_id));
      for (const id of ids) if (all.has(id)) out.add(id);
      break;
    }
    case "source_status": {
      if (!ctx.stateSources || !ctx.currentSources) {
        needState(
          c,
          "sources.json from `dbt source freshness` on both sides",
          "Put the previous sources.json beside the state manifest and the current one in <project-dir>/target/ (or pass --sources)."
        );
      }
      const loaded = (s) => {
        const m = /* @__PURE__ */ new Map();
        for (const r of s.results) if (r.max_loaded_at != null) m.set(r.unique_id, Date.parse(String(r.max_loaded_at)));
        return m;
      };
      const cur = loaded(ctx.currentSources);
      const prev = loaded(ctx.stateSources);
      for (const [id, t] of cur) {
        const p = prev.get(id);
        if ((p === void 0 || t > p) && all.has(id)) out.add(id);
      }
      break;
    }
    case "state": {
      const cmp = ctx.comparator;
      if (!cmp) {
        needState(c, "a comparison manifest (the production manifest.json)", "Pass --state <dir or manifest.json> with the manifest of the last production deploy.");
      }
      const value = v;
      if (value === "modified" || value === "unmodified" || value === "modified.contract") cmp.checkRemovedContracts();
      for (const m of all.values()) {
        let hit;
        switch (value) {
          case "new":
            hit = !cmp.previous(m.id);
            break;
          case "old":
            hit = !!cmp.previous(m.id);
            break;
          case "modified":
            hit = cmp.modifiedReasons(m).length > 0;
            break;
          case "unmodified":
            hit = cmp.modifiedReasons(m).length === 0;
            break;
          case "modified.macros":
            hit = cmp.macrosModified(m);
            break;
          case "modified.body":
            hit = cmp.subselector(m, "body");
            break;
          case "modified.configs":
            hit = cmp.subselector(m, "configs");
            break;
          case "modified.persisted_descriptions":
            hit = cmp.subselector(m, "persisted_descriptions");
            break;
          case "modified.relation":
            hit = cmp.subselector(m, "relation");
            break;
          case "modified.contract":
            hit = cmp.subselector(m, "contract");
            break;
          default:
            hit = false;
        }
        if (hit) out.add(m.id);
      }
      break;
    }
  }
  return out;
}

// shared/dbt/selection/parser.ts
var METHODS = [
  "fqn",
  "tag",
  "group",
  "access",
  "source",
  "path",
  "file",
  "package",
  "config",
  "test_name",
  "test_type",
  "resource_type",
  "state",
  "exposure",
  "metric",
  "result",
  "source_status",
  "wildcard",
  "version",
  "semantic_model",
  "saved_query",
  "unit_test"
];
var STATE_VALUES = [
  "new",
  "old",
  "modified",
  "unmodified",
  "modified.body",
  "modified.configs",
  "modified.persisted_descriptions",
  "modified.relation",
  "modified.macros",
  "modified.contract"
];
var SelectorSyntaxError = class extends UserError {
  constructor(flag, expression, position, length, problem, hint) {
    const caret = " ".repeat(position) + "^".repeat(Math.max(1, length));
    super(`Invalid ${flag} expression at position ${position + 1}: ${problem}
    ${expression}
    ${caret}`, {
      hint: hint ?? "See https://docs.getdbt.com/reference/node-selection/syntax for the selector syntax."
    });
    this.flag = flag;
    this.expression = expression;
    this.position = position;
    this.length = length;
  }
  flag;
  expression;
  position;
  length;
};
var CRITERION_RE = /^(@)?(?:(\d*)\+)?(?:([\w.]+):)?(.*?)(?:\+(\d*))?$/s;
function defaultMethod(value) {
  if (value.includes("/") || value.includes("\\")) return "path";
  const lower = value.toLowerCase();
  if (lower.endsWith(".sql") || lower.endsWith(".py") || lower.endsWith(".csv")) return "file";
  return "fqn";
}
function parseCriterion(raw, offset, expression, flag) {
  const err = (at2, len, problem, hint) => {
    throw new SelectorSyntaxError(flag, expression, offset + at2, len, problem, hint);
  };
  const m = CRITERION_RE.exec(raw);
  if (!m) err(0, raw.length, `cannot parse "${raw}"`);
  const [, at, parentsDepth, methodText, value = "", childrenDepth] = m;
  const childrensParents = at === "@";
  const parents = parentsDepth !== void 0;
  const children = childrenDepth !== void 0;
  if (childrensParents && children) {
    err(0, raw.length, `"${raw}": the "@" prefix and the "+" suffix cannot be combined`, "Use either @x (x, its descendants and their ancestors) or x+ (x and its descendants).");
  }
  const prefixLen = (at ? 1 : 0) + (parents ? parentsDepth.length + 1 : 0);
  let method;
  let methodArgs = [];
  if (methodText !== void 0) {
    const [name, ...args] = methodText.split(".");
    if (!METHODS.includes(name)) {
      err(prefixLen, name.length, `"${name}" is not a valid selector method`, `Valid methods: ${METHODS.join(", ")}.`);
    }
    method = name;
    methodArgs = args;
    if (method === "config") {
      if (args.length === 0 || args.some((a) => a === "")) {
        err(prefixLen, methodText.length, '"config" needs a key, as in config.materialized:table');
      }
    } else if (args.length > 0) {
      err(prefixLen, methodText.length, `"${methodText}": only the config method takes arguments (config.<key>:value)`);
    }
  } else {
    if (value.includes(":")) {
      const colon = value.indexOf(":");
      const name = value.slice(0, colon);
      err(prefixLen, Math.max(1, colon), `"${name}" is not a valid selector method`, `Valid methods: ${METHODS.join(", ")}.`);
    }
    method = defaultMethod(value);
  }
  const valueOffset = prefixLen + (methodText !== void 0 ? methodText.length + 1 : 0);
  if (value === "") err(valueOffset, 1, `"${raw}" has no value to select`);
  if (/^[@+]/.test(value)) err(valueOffset, 1, `"${raw}": "${value[0]}" is in the wrong place`, "Write operators as @x, n+x, x+n (the @ first, parents depth before the +).");
  if (method === "state" && !STATE_VALUES.includes(value)) {
    err(valueOffset, value.length, `"${value}" is not a valid state: value`, `Valid values: ${STATE_VALUES.join(", ")}.`);
  }
  if (method === "source_status" && value !== "fresher") {
    err(valueOffset, value.length, `"${value}" is not a valid source_status: value`, "The only value is fresher (source_status:fresher).");
  }
  if (method === "test_type" && !["generic", "schema", "singular", "data", "unit"].includes(value)) {
    err(valueOffset, value.length, `"${value}" is not a test type`, "Use test_type:generic, test_type:singular or test_type:unit.");
  }
  return {
    kind: "criterion",
    raw,
    offset,
    expression,
    method,
    methodArgs,
    explicitMethod: methodText !== void 0,
    value,
    childrensParents,
    parents,
    parentsDepth: parents && parentsDepth !== "" ? Number(parentsDepth) : void 0,
    children,
    childrenDepth: children && childrenDepth !== "" ? Number(childrenDepth) : void 0
  };
}
function parseExpression(expression, flag = "--select") {
  const components = [];
  const re = /\S+/g;
  let m;
  while (m = re.exec(expression)) {
    const word = m[0];
    const parts = [];
    let off = 0;
    for (const part of word.split(",")) {
      if (part === "") {
        throw new SelectorSyntaxError(flag, expression, m.index + off, 1, `empty criterion in "${word}" (stray comma)`);
      }
      parts.push(parseCriterion(part, m.index + off, expression, flag));
      off += part.length + 1;
    }
    components.push({ kind: "intersection", raw: word, components: parts });
  }
  return { kind: "union", components };
}
function parseSelectors(expressions, flag = "--select") {
  const out = { kind: "union", components: [] };
  for (const e of expressions) out.components.push(...parseExpression(e, flag).components);
  return out;
}
function allCriteria(u) {
  return u.components.flatMap((i) => i.components);
}

// shared/dbt/selection/index.ts
var DEFAULT_SELECT = ["state:modified+"];
var LS_DEFAULT_RESOURCE_TYPES = ["model", "snapshot", "seed", "test", "source", "exposure", "metric", "saved_query", "semantic_model", "unit_test", "function"];
var LS_ALL_RESOURCE_TYPES = [...LS_DEFAULT_RESOURCE_TYPES, "analysis"];
function resolveResourceTypes(include, exclude) {
  if (!include?.length && !exclude?.length) return void 0;
  const known = /* @__PURE__ */ new Set([...LS_ALL_RESOURCE_TYPES, "operation", "sql_operation"]);
  const check = (t, flag) => {
    if (!known.has(t) && !(flag === "--resource-type" && (t === "all" || t === "default"))) {
      throw new UserError(`Unknown resource type "${t}" in ${flag}.`, { hint: `Use one of: ${flag === "--resource-type" ? "all, default, " : ""}${[...LS_ALL_RESOURCE_TYPES].join(", ")}.` });
    }
  };
  const out = /* @__PURE__ */ new Set();
  if (include?.length) {
    for (const t of include) {
      check(t, "--resource-type");
      if (t === "all") for (const x of LS_ALL_RESOURCE_TYPES) out.add(x);
      else if (t === "default") for (const x of LS_DEFAULT_RESOURCE_TYPES) out.add(x);
      else out.add(t);
    }
  } else {
    for (const x of known) out.add(x);
  }
  for (const t of exclude ?? []) {
    check(t, "--exclude-resource-type");
    out.delete(t);
  }
  return out;
}
function parseVersion(v) {
  const m = /^(\d+)\.(\d+)/.exec(v ?? "");
  return m ? [Number(m[1]), Number(m[2])] : void 0;
}
function defaultCompareMoreUnrendered(dbtVersion) {
  const v = parseVersion(dbtVersion);
  if (!v) return false;
  return v[0] > 1 || v[0] === 1 && v[1] >= 12;
}
function meta(m) {
  return {
    dbtVersion: m.metadata?.dbt_version,
    schemaVersion: schemaVersion(m.metadata)?.version,
    projectName: m.metadata?.project_name,
    generatedAt: m.metadata?.generated_at
  };
}
function checkSameProject(current, state) {
  const a = current.metadata ?? {};
  const b = state.metadata ?? {};
  const differ = a.project_name && b.project_name ? a.project_name !== b.project_name : a.project_id && b.project_id ? a.project_id !== b.project_id : false;
  if (differ) {
    throw new UserError(
      `The state manifest belongs to another dbt project (${b.project_name ?? b.project_id}) than the current one (${a.project_name ?? a.project_id}).`,
      { hint: "Pass --state the manifest.json of the last production deploy of this same project." }
    );
  }
}
var Selector = class {
  constructor(req, comparator) {
    this.req = req;
    this.graph = new SelectionGraph(req.manifest);
    this.ctx = {
      graph: this.graph,
      comparator,
      stateRunResults: req.stateRunResults,
      stateSources: req.stateSources,
      currentSources: req.currentSources,
      projectName: req.manifest.metadata?.project_name
    };
  }
  req;
  graph;
  ctx;
  /** id → how it was first reached (for reporting). */
  matchedDirectly = /* @__PURE__ */ new Set();
  reachedByOperator = /* @__PURE__ */ new Set();
  reachedAsTest = /* @__PURE__ */ new Set();
  allSourceIds;
  canSelectIndirectly(id) {
    const m = this.graph.members.get(id);
    return !!m && (m.node.resource_type === "test" || m.collection === "unit_tests" || m.node.resource_type === "unit_test");
  }
  sources() {
    if (!this.allSourceIds) {
      this.allSourceIds = new Set([...this.graph.members.values()].filter((m) => m.collection === "sources").map((m) => m.id));
    }
    return this.allSourceIds;
  }
  parentsOf(id) {
    return this.graph.parents.get(id) ?? [];
  }
  /** NodeSelector.expand_selection. */
  expand(selected, mode) {
    const direct = new Set(selected);
    const indirect = /* @__PURE__ */ new Set();
    let selectedAndParents;
    if (mode === "buildable") {
      selectedAndParents = /* @__PURE__ */ new Set([...selected, ...this.graph.ancestors(selected), ...this.sources()]);
    }
    for (const id of this.graph.successors(selected)) {
      if (!this.canSelectIndirectly(id)) continue;
      const ps = this.parentsOf(id);
      if (mode === "eager" || ps.every((p) => selected.has(p))) {
        if (!direct.has(id)) this.reachedAsTest.add(id);
        direct.add(id);
      } else if (mode === "buildable" && ps.every((p) => selectedAndParents.has(p))) {
        if (!direct.has(id)) this.reachedAsTest.add(id);
        direct.add(id);
      } else if (mode !== "empty") {
        indirect.add(id);
      }
    }
    return { direct, indirect };
  }
  /** NodeSelector.incorporate_indirect_nodes. */
  incorporate(direct, indirect, mode) {
    const selected = new Set(direct);
    if (mode === "cautious") {
      for (const id of indirect) {
        if (this.parentsOf(id).every((p) => selected.has(p))) {
          selected.add(id);
          this.reachedAsTest.add(id);
        }
      }
    } else if (mode === "buildable") {
      const sap = /* @__PURE__ */ new Set([...selected, ...this.graph.ancestors(selected)]);
      for (const id of indirect) {
        if (this.parentsOf(id).every((p) => sap.has(p))) {
          selected.add(id);
          this.reachedAsTest.add(id);
        }
      }
    }
    return selected;
  }
  criterion(c, mode) {
    const collected = searchMethod(c, this.ctx);
    for (const id of collected) this.matchedDirectly.add(id);
    const neighbours = /* @__PURE__ */ new Set();
    if (c.childrensParents) for (const id of this.graph.childrensParents(collected)) neighbours.add(id);
    if (c.parents) for (const id of this.graph.ancestors(collected, c.parentsDepth)) neighbours.add(id);
    if (c.children) for (const id of this.graph.descendants(collected, c.childrenDepth)) neighbours.add(id);
    for (const id of neighbours) if (!collected.has(id)) this.reachedByOperator.add(id);
    const selected = /* @__PURE__ */ new Set([...collected, ...neighbours]);
    if (mode === "empty") return { direct: selected, indirect: /* @__PURE__ */ new Set() };
    return this.expand(selected, mode);
  }
  combine(bundles, op, mode) {
    const directSets = bundles.map((b) => b.direct);
    const indirectSets = bundles.map((b) => /* @__PURE__ */ new Set([...b.direct, ...b.indirect]));
    const join2 = (sets) => {
      if (!sets.length) return /* @__PURE__ */ new Set();
      if (op === "union") {
        const out = /* @__PURE__ */ new Set();
        for (const s of sets) for (const x of s) out.add(x);
        return out;
      }
      const [first, ...rest] = sets;
      return new Set([...first].filter((x) => rest.every((s) => s.has(x))));
    };
    const initialDirect = join2(directSets);
    const indirect = join2(indirectSets);
    const direct = this.incorporate(initialDirect, indirect, mode);
    return { direct, indirect };
  }
  intersection(i, mode, warnings, warnEmpty) {
    const b = this.combine(
      i.components.map((c) => this.criterion(c, mode)),
      "intersection",
      mode
    );
    if (warnEmpty && b.direct.size === 0) warnings.push({ code: "no-match", message: `The selection criterion "${i.raw}" does not match any enabled nodes.` });
    return b;
  }
  union(u, mode, warnings, warnEmpty) {
    return this.combine(
      u.components.map((i) => this.intersection(i, mode, warnings, warnEmpty)),
      "union",
      mode
    );
  }
};
var COLLECTION_TYPES = { sources: "source", exposures: "exposure", metrics: "metric", semantic_models: "semantic_model", saved_queries: "saved_query", unit_tests: "unit_test", functions: "function" };
function resourceTypeOf(graph, id) {
  const m = graph.members.get(id);
  if (!m) return "";
  return m.node.resource_type ?? COLLECTION_TYPES[m.collection] ?? "";
}
var NOT_RUNNABLE_COLLECTIONS = /* @__PURE__ */ new Set(["sources", "exposures", "metrics", "semantic_models", "saved_queries"]);
function isRunnable(graph, id) {
  const m = graph.members.get(id);
  if (!m || NOT_RUNNABLE_COLLECTIONS.has(m.collection)) return false;
  const n = m.node;
  if (n.resource_type === "model") {
    if (n.config?.materialized === "ephemeral") return false;
    if (rawCode(n).trim() === "" && n.language !== "python") return false;
  }
  if (n.resource_type === "analysis" || n.resource_type === "operation" || n.resource_type === "sql_operation" || n.resource_type === "doc") return false;
  return true;
}
function selectNodes(req) {
  if (!req.manifest || typeof req.manifest !== "object" || !req.manifest.nodes) {
    throw new UserError("selectNodes needs the current manifest.", { hint: "Load it with loadManifest(<target>/manifest.json)." });
  }
  const select = req.select && req.select.length ? req.select : DEFAULT_SELECT;
  const exclude = req.exclude ?? [];
  const mode = req.indirectSelection ?? "eager";
  if (!["eager", "cautious", "buildable", "empty"].includes(mode)) {
    throw new UserError(`Unknown indirect selection mode "${mode}".`, { hint: "Use eager, cautious, buildable or empty." });
  }
  const resourceTypes = resolveResourceTypes(req.resourceTypes, req.excludeResourceTypes);
  const included = parseSelectors(select, "--select");
  const excluded = parseSelectors(exclude, "--exclude");
  const criteria = [...allCriteria(included), ...allCriteria(excluded)];
  const usesState = criteria.some((c) => c.method === "state");
  const raisesContracts = criteria.some((c) => c.method === "state" && (c.value === "modified" || c.value === "unmodified" || c.value === "modified.contract"));
  const current = req.manifest;
  const cur = meta(current);
  const compareMore = req.compareMoreUnrenderedValues ?? defaultCompareMoreUnrendered(cur.dbtVersion);
  const warnings = [];
  let comparator;
  if (req.state) {
    checkSameProject(current, req.state);
    comparator = new StateComparator(current, req.state, { compareMoreUnrenderedValues: compareMore, adapterType: current.metadata?.adapter_type });
    const st = meta(req.state);
    if (st.dbtVersion && cur.dbtVersion && st.dbtVersion !== cur.dbtVersion) {
      warnings.push({
        code: "dbt-version",
        message: `The state manifest was written by dbt ${st.dbtVersion} and the current one by dbt ${cur.dbtVersion}: built-in macro and unrendered_config changes between dbt versions can mark nodes modified. Pin one dbt version for production and CI.`
      });
    }
    if (st.schemaVersion !== void 0 && cur.schemaVersion !== void 0 && st.schemaVersion !== cur.schemaVersion) {
      warnings.push({
        code: "cross-version",
        message: `Comparing a manifest v${st.schemaVersion} (state) with v${cur.schemaVersion} (current); fields the older schema lacks take dbt's defaults.`
      });
    }
    if (compareMore) {
      const lacks = Object.values(req.state.sources ?? {}).some((s) => !("unrendered_schema" in s)) && Object.keys(current.sources ?? {}).length > 0;
      if (lacks) {
        warnings.push({
          code: "state-unrendered",
          message: "The state manifest predates dbt 1.9 and has no unrendered_database/unrendered_schema on sources; sources are compared on their rendered database/schema instead."
        });
      }
    }
  } else if (usesState) {
    const c = criteria.find((x) => x.method === "state");
    throw new UserError(`Got a state selector method ("${c.raw}"), but no comparison manifest.`, {
      hint: "Pass --state <dir or manifest.json> with the manifest of the last production deploy."
    });
  }
  const sel = new Selector(req, comparator);
  const inc = sel.union(included, mode, warnings, true);
  const matchedInclude = new Set(sel.matchedDirectly);
  const operatorInclude = new Set(sel.reachedByOperator);
  const testsInclude = new Set(sel.reachedAsTest);
  const exc = excluded.components.length ? sel.union(excluded, "eager", [], false) : { direct: /* @__PURE__ */ new Set(), indirect: /* @__PURE__ */ new Set() };
  const selectedSet = new Set([...inc.direct].filter((x) => !exc.direct.has(x) && (!resourceTypes || resourceTypes.has(resourceTypeOf(sel.graph, x)))));
  const selected = [...selectedSet].sort();
  const modified = {};
  const changedConfigs = {};
  if (comparator) {
    const guard = (fn) => {
      try {
        fn();
      } catch (err) {
        if (raisesContracts || !(err instanceof ContractBreakingChangeError)) throw err;
        warnings.push({ code: "contract", message: err.message });
      }
    };
    guard(() => comparator.checkRemovedContracts());
    for (const m of sel.graph.members.values()) {
      guard(() => {
        const reasons = comparator.modifiedReasons(m);
        if (reasons.length) modified[m.id] = reasons;
        if (reasons.includes("configs")) {
          const keys = comparator.changedConfigKeys(m);
          if (keys.length) changedConfigs[m.id] = keys;
        }
      });
    }
    for (const w of comparator.warnings) {
      warnings.push({ code: w.message.includes("Seed") ? "seed-size" : "contract", message: w.message, uniqueId: w.uniqueId });
    }
  }
  const sortedModified = {};
  for (const k of Object.keys(modified).sort()) sortedModified[k] = modified[k];
  const isTest = (id) => {
    const m = sel.graph.members.get(id);
    return !!m && (m.node.resource_type === "test" || m.collection === "unit_tests");
  };
  const direct = selected.filter((id) => matchedInclude.has(id));
  const tests = selected.filter((id) => !matchedInclude.has(id) && isTest(id));
  const downstream = selected.filter((id) => !matchedInclude.has(id) && !isTest(id));
  void operatorInclude;
  void testsInclude;
  return {
    selected,
    runnable: selected.filter((id) => isRunnable(sel.graph, id)),
    modified: sortedModified,
    changedConfigs,
    direct,
    downstream,
    tests,
    warnings,
    select,
    exclude,
    indirectSelection: mode,
    compareMoreUnrenderedValues: compareMore,
    state: req.state ? meta(req.state) : void 0,
    current: cur
  };
}
async function loadStateDir(pathOrFile, opts = {}) {
  let dir;
  let manifestPath;
  let isDir = false;
  try {
    isDir = statSync(pathOrFile).isDirectory();
  } catch {
    throw new UserError(`The state path ${pathOrFile} does not exist.`, {
      hint: "Pass --state the folder holding the production manifest.json (or the file itself)."
    });
  }
  if (isDir) {
    dir = pathOrFile;
    manifestPath = join(dir, "manifest.json");
    if (!existsSync(manifestPath)) {
      throw new UserError(`The state folder ${dir} has no manifest.json.`, {
        hint: "Copy the manifest.json of the last production run there (dbt writes it to target/), or pass the file itself."
      });
    }
  } else {
    manifestPath = pathOrFile;
    dir = dirname(pathOrFile);
    if (!basename(pathOrFile).endsWith(".json")) {
      throw new UserError(`--state ${pathOrFile} is neither a folder nor a .json file.`, { hint: "Pass the folder holding manifest.json, or manifest.json itself." });
    }
  }
  const manifest = await loadManifest(manifestPath, { slim: opts.slim ?? true });
  const rr = join(dir, "run_results.json");
  const src = join(dir, "sources.json");
  const runResults = existsSync(rr) ? await loadRunResults(rr) : void 0;
  const sources = existsSync(src) ? await loadSources(src) : void 0;
  return { manifest, runResults, sources, dir };
}

export {
  TAG_ENV,
  prTag,
  parseSelectors,
  selectNodes,
  loadStateDir
};
