/**
 * Reader for `terraform show -json` output: a saved plan or a state.
 *
 * Facts this relies on (Terraform JSON output format, checked against 1.11.4):
 * - a plan has `resource_changes[]` (address, module_address, mode, type,
 *   name, index, provider_name, change.{actions,before,after,after_unknown});
 *   a state has `values.root_module.{resources,child_modules}`;
 * - unknown values are omitted from `after` and flagged `true` in
 *   `after_unknown`, which mirrors nested blocks as lists/objects;
 * - sets are JSON arrays; nested blocks are arrays even with MaxItems 1;
 * - consumers ignore unknown keys and must reject an unknown *major*
 *   `format_version` — we warn instead and try, failing only on a shape we
 *   cannot read.
 *
 * Resources are recognised by `type`, never by `provider_name` (the registry
 * namespace moved from snowflake-labs to snowflakedb).
 */
import { UserError } from '../errors.js';

export type ChangeKind = 'create' | 'update' | 'delete' | 'replace' | 'forget' | 'no-op' | 'read' | 'existing';

export interface ResourceChange {
  /** Full address, e.g. `module.env["prod"].snowflake_grant_account_role.x[0]`. */
  address: string;
  /** `module.a.module.b` part (with instance keys), '' for the root module. */
  moduleAddress: string;
  mode: string;
  type: string;
  name: string;
  index?: string | number;
  providerName?: string;
  /** Terraform's `actions` as printed ([] for a state resource). */
  actions: string[];
  kind: ChangeKind;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  afterUnknown: unknown;
  actionReason?: string;
  replacePaths?: unknown;
  /** 1-based line of this resource in the plan file (for annotations/SARIF), when found. */
  line?: number;
}

export interface ConfigResource {
  address: string;
  type: string;
  name: string;
  expressions: Record<string, unknown>;
}

export interface TerraformDoc {
  /** Path as given (shown in findings, SARIF artifact location). */
  file: string;
  /** Label for parity: an environment name (dev/staging/prod) or the file's base name. */
  label: string;
  kind: 'plan' | 'state';
  formatVersion?: string;
  terraformVersion?: string;
  resources: ResourceChange[];
  /** configuration resources by module path ('' root, 'a.b' nested) then `type.name`. */
  config: Map<string, Map<string, ConfigResource>>;
  /** Problems found while reading that did not stop it (unknown format version, errored plan). */
  warnings: string[];
}

const KNOWN_MAJORS = new Set(['0', '1']);

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Classify Terraform's action list. Unknown combinations containing delete count as delete/replace so they never pass silently. */
export function changeKind(actions: string[]): ChangeKind {
  const a = actions.join(',');
  switch (a) {
    case 'no-op':
      return 'no-op';
    case 'read':
      return 'read';
    case 'create':
      return 'create';
    case 'update':
      return 'update';
    case 'delete':
      return 'delete';
    case 'delete,create':
    case 'create,delete':
      return 'replace';
    case 'forget':
      return 'forget';
    case 'create,forget':
      // Created, then left unmanaged: the object exists afterwards, so its content is checked like a create.
      return 'create';
  }
  if (actions.includes('delete')) return actions.includes('create') ? 'replace' : 'delete';
  if (actions.includes('forget')) return 'forget';
  if (actions.includes('create')) return 'create';
  if (actions.includes('update')) return 'update';
  return 'no-op';
}

/** Split a module address `module.a["k"].module.b[0]` into module names `['a','b']` (instance keys dropped). */
export function moduleNames(moduleAddress: string): string[] {
  const names: string[] = [];
  let i = 0;
  const s = moduleAddress;
  while (i < s.length) {
    if (s.startsWith('module.', i)) {
      i += 7;
      let j = i;
      while (j < s.length && s[j] !== '.' && s[j] !== '[') j++;
      names.push(s.slice(i, j));
      i = j;
      if (s[i] === '[') i = skipIndex(s, i);
      if (s[i] === '.') i++;
    } else break;
  }
  return names;
}

/** Index just after a `[...]` group starting at i, honouring quoted keys with escapes. */
function skipIndex(s: string, i: number): number {
  let j = i + 1;
  if (s[j] === '"') {
    j++;
    while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
    j++;
  } else {
    while (j < s.length && s[j] !== ']') j++;
  }
  return j + 1;
}

/** Module address part of a full resource address (everything before the last `type.name`). */
export function moduleAddressOf(address: string): string {
  let i = 0;
  let end = 0;
  while (address.startsWith('module.', i)) {
    i += 7;
    while (i < address.length && address[i] !== '.' && address[i] !== '[') i++;
    if (address[i] === '[') i = skipIndex(address, i);
    end = i;
    if (address[i] === '.') i++;
  }
  return address.slice(0, end);
}

/**
 * Line numbers of `"address": "…"` entries, computed in one pass over the
 * text (from `resource_changes` on, so a plan's annotations point at its
 * change rather than at planned_values).
 */
function lineIndex(text: string): (address: string) => number | undefined {
  let map: Map<string, number> | undefined;
  return (address) => {
    if (!map) {
      map = new Map();
      const rcKey = text.indexOf('"resource_changes"');
      const start = rcKey >= 0 ? rcKey : 0;
      let line = 1;
      let pos = 0;
      const re = /"address"\s*:\s*("(?:[^"\\]|\\.)*")/g;
      re.lastIndex = start;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        // Count newlines between matches only: `terraform show -json` prints one line, and searching for the
        // next '\n' from every match scanned to the end of the text each time (quadratic: 100k resources took minutes).
        for (let k = pos; k < m.index; k++) if (text.charCodeAt(k) === 10) line++;
        pos = m.index;
        let key: string;
        try {
          key = JSON.parse(m[1]!) as string;
        } catch {
          continue;
        }
        if (!map.has(key)) map.set(key, line);
      }
    }
    return map.get(address);
  };
}

function collectConfig(mod: unknown, path: string[], out: Map<string, Map<string, ConfigResource>>): void {
  if (!isObj(mod)) return;
  const key = path.join('.');
  const resources = Array.isArray(mod.resources) ? mod.resources : [];
  let m = out.get(key);
  if (!m) out.set(key, (m = new Map()));
  for (const r of resources) {
    if (!isObj(r) || typeof r.type !== 'string' || typeof r.name !== 'string') continue;
    if (r.mode !== undefined && r.mode !== 'managed') continue;
    m.set(`${r.type}.${r.name}`, { address: String(r.address ?? `${r.type}.${r.name}`), type: r.type, name: r.name, expressions: isObj(r.expressions) ? r.expressions : {} });
  }
  if (isObj(mod.module_calls)) {
    for (const [name, call] of Object.entries(mod.module_calls)) {
      if (isObj(call)) collectConfig(call.module, [...path, name], out);
    }
  }
}

function where(file: string, what: string): string {
  return `${file}: ${what}`;
}

const HOW_TO_EXPORT = 'Export the plan as JSON with `terraform plan -out=tfplan && terraform show -json tfplan > plan.json` (or a state with `terraform show -json > state.json`) and pass that file.';

/**
 * Parse the text of `terraform show -json`. Throws UserError for text that is
 * not JSON or a document that is not a plan/state we can read.
 */
export function parseTerraformJson(text: string, file: string, label?: string): TerraformDoc {
  if (text.startsWith('PK')) {
    throw new UserError(where(file, 'this is a binary Terraform plan file, not its JSON export.'), { hint: HOW_TO_EXPORT });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new UserError(where(file, `not valid JSON (${(err as Error).message}).`), { hint: HOW_TO_EXPORT });
  }
  if (!isObj(doc)) throw new UserError(where(file, 'not a Terraform plan or state: the JSON is not an object.'), { hint: HOW_TO_EXPORT });
  const warnings: string[] = [];
  const fv = doc.format_version;
  const isPlan = 'resource_changes' in doc || 'planned_values' in doc;
  const isState = !isPlan && 'values' in doc;
  if (!isPlan && !isState) {
    if (Array.isArray(doc.resources) && 'version' in doc && 'lineage' in doc) {
      throw new UserError(where(file, 'this is a raw terraform.tfstate file, not `terraform show -json` output.'), { hint: 'Run `terraform show -json > state.json` (it reads the state) and pass that file.' });
    }
    if (fv === undefined && doc.values === undefined) {
      // An empty state prints just {"format_version":"1.0"}; anything else without the keys isn't Terraform's.
      throw new UserError(where(file, 'not a Terraform plan or state: it has none of resource_changes, planned_values or values.'), { hint: HOW_TO_EXPORT });
    }
  }
  if (fv !== undefined && typeof fv !== 'string') throw new UserError(where(file, `format_version must be a string, got ${JSON.stringify(fv)}.`), { hint: HOW_TO_EXPORT });
  if (typeof fv === 'string' && !KNOWN_MAJORS.has(fv.split('.')[0]!)) {
    warnings.push(`${file}: format_version ${fv} is newer than this version of Slipway knows (1.x); reading it anyway.`);
  }
  if (doc.errored === true) warnings.push(`${file}: Terraform reported errors while planning (errored: true); the plan may be incomplete.`);
  if (doc.complete === false) warnings.push(`${file}: the plan is not complete (complete: false), e.g. a targeted or deferred plan; only the resources it contains were checked.`);

  const line = lineIndex(text);
  const config = new Map<string, Map<string, ConfigResource>>();
  if (isObj(doc.configuration)) collectConfig(doc.configuration.root_module, [], config);

  const resources: ResourceChange[] = [];
  if (isPlan) {
    const rcs = doc.resource_changes ?? [];
    if (!Array.isArray(rcs)) throw new UserError(where(file, 'resource_changes is not an array; this is not a plan shape Slipway can read.'), { hint: HOW_TO_EXPORT });
    rcs.forEach((rc, i) => resources.push(readChange(rc, i, file, line)));
    // Terraform ≥ 1.9 with -allow-deferral: changes postponed to a later plan are still checked, never skipped silently.
    if (Array.isArray(doc.deferred_changes) && doc.deferred_changes.length) {
      doc.deferred_changes.forEach((d, i) => {
        if (isObj(d) && isObj(d.resource_change)) resources.push(readChange(d.resource_change, i, file, line, `deferred_changes[${i}].resource_change`));
      });
      warnings.push(`${file}: ${doc.deferred_changes.length} change(s) are deferred to a later plan (deferred_changes); they were checked as planned here, but may still change.`);
    }
  } else if (doc.values !== undefined && doc.values !== null) {
    if (!isObj(doc.values)) throw new UserError(where(file, 'values is not an object; this is not a state shape Slipway can read.'), { hint: HOW_TO_EXPORT });
    readStateModule(doc.values.root_module, 'values.root_module', file, resources, line);
  }
  return {
    file,
    label: label ?? file,
    kind: isPlan ? 'plan' : 'state',
    formatVersion: typeof fv === 'string' ? fv : undefined,
    terraformVersion: typeof doc.terraform_version === 'string' ? doc.terraform_version : undefined,
    resources,
    config,
    warnings,
  };
}

/** The action lists Terraform prints (docs "Change Representation", plus forget from 1.7 and create-then-forget from 1.9). */
const KNOWN_ACTIONS = new Set(['no-op', 'create', 'read', 'update', 'delete,create', 'create,delete', 'delete', 'forget', 'create,forget']);

/**
 * Read one `resource_changes` entry. A malformed entry is a UserError naming
 * it, never a silent pass: an unknown or empty action list, `before`/`after`
 * that are not objects, a create/update/replace without `after`, a delete
 * without `before`, a mode other than managed/data, an `after_unknown` that is
 * not an object or boolean. (Reading `after: "oops"` as "no attributes" made
 * every rule see nothing and pass.)
 */
function readChange(rc: unknown, i: number, file: string, line: (n: string) => number | undefined, at = `resource_changes[${i}]`): ResourceChange {
  if (!isObj(rc)) throw new UserError(where(file, `${at} is not an object.`), { hint: HOW_TO_EXPORT });
  for (const k of ['address', 'type', 'name'] as const) {
    if (typeof rc[k] !== 'string' || rc[k] === '') throw new UserError(where(file, `${at}.${k} is missing or not a string; this is not a plan shape Slipway can read.`), { hint: HOW_TO_EXPORT });
  }
  const address = rc.address as string;
  const bad = (what: string): UserError => new UserError(where(file, `${at} (${address.slice(0, 200)}): ${what}; Slipway refuses to pass a resource it cannot read.`), { hint: HOW_TO_EXPORT });
  const change = rc.change;
  if (!isObj(change) || !Array.isArray(change.actions) || !change.actions.every((a) => typeof a === 'string')) {
    throw new UserError(where(file, `${at}.change.actions is missing or not a list of strings (${address.slice(0, 200)}).`), { hint: HOW_TO_EXPORT });
  }
  const actions = change.actions as string[];
  if (!KNOWN_ACTIONS.has(actions.join(','))) throw bad(`change.actions ${JSON.stringify(actions).slice(0, 120)} is not an action list Terraform prints`);
  if (rc.mode !== undefined && rc.mode !== 'managed' && rc.mode !== 'data') throw bad(`mode ${JSON.stringify(rc.mode).slice(0, 60)} is neither "managed" nor "data"`);
  for (const k of ['before', 'after'] as const) {
    if (change[k] !== undefined && change[k] !== null && !isObj(change[k])) throw bad(`change.${k} is ${Array.isArray(change[k]) ? 'a list' : typeof change[k]}, not an object or null`);
  }
  const au = change.after_unknown;
  if (au !== undefined && au !== null && typeof au !== 'boolean' && !isObj(au)) throw bad(`change.after_unknown is ${Array.isArray(au) ? 'a list' : typeof au}, not an object`);
  const before = isObj(change.before) ? change.before : null;
  const after = isObj(change.after) ? change.after : null;
  const base = changeKind(actions);
  if ((base === 'create' || base === 'update' || base === 'replace') && !after && au !== true) throw bad(`it ${base}s the resource but change.after is missing`);
  if ((base === 'delete' || base === 'update' || base === 'forget') && !before) throw bad(`it ${base === 'update' ? 'updates' : base === 'delete' ? 'deletes' : 'forgets'} the resource but change.before is missing`);
  return {
    address,
    moduleAddress: typeof rc.module_address === 'string' ? rc.module_address : moduleAddressOf(address),
    mode: typeof rc.mode === 'string' ? rc.mode : 'managed',
    type: rc.type as string,
    name: rc.name as string,
    index: typeof rc.index === 'string' || typeof rc.index === 'number' ? rc.index : undefined,
    providerName: typeof rc.provider_name === 'string' ? rc.provider_name : undefined,
    actions,
    // An import that changes nothing still brings an existing grant under management: check its content.
    kind: base === 'no-op' && isObj(change.importing) ? 'existing' : base,
    before,
    after,
    afterUnknown: au ?? {},
    actionReason: typeof rc.action_reason === 'string' ? rc.action_reason : undefined,
    replacePaths: change.replace_paths,
    line: line(address),
  };
}

function readStateModule(mod: unknown, at: string, file: string, out: ResourceChange[], line: (n: string) => number | undefined): void {
  if (mod === undefined || mod === null) return;
  if (!isObj(mod)) throw new UserError(where(file, `${at} is not an object; this is not a state shape Slipway can read.`), { hint: HOW_TO_EXPORT });
  const rs = mod.resources ?? [];
  if (!Array.isArray(rs)) throw new UserError(where(file, `${at}.resources is not an array.`), { hint: HOW_TO_EXPORT });
  rs.forEach((r, i) => {
    if (!isObj(r) || typeof r.address !== 'string' || typeof r.type !== 'string') {
      throw new UserError(where(file, `${at}.resources[${i}] has no address/type; this is not a state shape Slipway can read.`), { hint: HOW_TO_EXPORT });
    }
    if (r.values !== undefined && r.values !== null && !isObj(r.values)) {
      throw new UserError(where(file, `${at}.resources[${i}] (${r.address.slice(0, 200)}): values is not an object; Slipway refuses to pass a resource it cannot read.`), { hint: HOW_TO_EXPORT });
    }
    const values = isObj(r.values) ? r.values : {};
    out.push({
      address: r.address,
      moduleAddress: moduleAddressOf(r.address),
      mode: typeof r.mode === 'string' ? r.mode : 'managed',
      type: r.type,
      name: typeof r.name === 'string' ? r.name : '',
      index: typeof r.index === 'string' || typeof r.index === 'number' ? r.index : undefined,
      providerName: typeof r.provider_name === 'string' ? r.provider_name : undefined,
      actions: [],
      kind: r.mode === 'data' ? 'read' : 'existing',
      before: values,
      after: values,
      afterUnknown: {},
      line: line(r.address),
    });
  });
  const kids = mod.child_modules ?? [];
  if (!Array.isArray(kids)) throw new UserError(where(file, `${at}.child_modules is not an array.`), { hint: HOW_TO_EXPORT });
  kids.forEach((k, i) => readStateModule(k, `${at}.child_modules[${i}]`, file, out, line));
}

// ------------------------------------------------------------------ attribute access

/** Does the `after_unknown` mirror mark this path (or anything under it, or a prefix of it) unknown? */
export function isUnknown(rc: ResourceChange, path: (string | number)[]): boolean {
  let node: unknown = rc.afterUnknown;
  for (const seg of path) {
    if (node === true) return true;
    if (Array.isArray(node) && typeof seg === 'number') node = node[seg];
    else if (isObj(node) && typeof seg === 'string') node = node[seg];
    else return false;
  }
  return containsTrue(node);
}

function containsTrue(node: unknown): boolean {
  if (node === true) return true;
  if (Array.isArray(node)) return node.some(containsTrue);
  if (isObj(node)) return Object.values(node).some(containsTrue);
  return false;
}

/** The object a rule should read: `after` for anything that exists after apply, `before` for a delete/forget. */
export function valuesOf(rc: ResourceChange): Record<string, unknown> {
  if (rc.kind === 'delete' || rc.kind === 'forget') return rc.before ?? {};
  return rc.after ?? rc.before ?? {};
}

/** Does the resource exist after apply? */
export function survives(rc: ResourceChange): boolean {
  return rc.kind === 'create' || rc.kind === 'update' || rc.kind === 'replace' || rc.kind === 'no-op' || rc.kind === 'existing';
}

/** Would this change make a grant/role exist (create/update/replace, or present in a state)? */
export function writesContent(rc: ResourceChange): boolean {
  return rc.kind === 'create' || rc.kind === 'update' || rc.kind === 'replace' || rc.kind === 'existing';
}

/**
 * Resources of each (module address, `type.name`), built once per address map:
 * looking instances up by scanning every resource made reference resolution
 * quadratic on plans with many unknown role names.
 */
const instanceIndex = new WeakMap<Map<string, ResourceChange>, Map<string, ResourceChange[]>>();
function instancesOf(byAddress: Map<string, ResourceChange>): Map<string, ResourceChange[]> {
  let idx = instanceIndex.get(byAddress);
  if (!idx) {
    idx = new Map();
    for (const r of byAddress.values()) {
      const k = `${r.moduleAddress}\u0000${r.type}.${r.name}`;
      const list = idx.get(k);
      if (list) list.push(r);
      else idx.set(k, [r]);
    }
    instanceIndex.set(byAddress, idx);
  }
  return idx;
}

/**
 * Resolve an attribute that is unknown at plan time through the
 * configuration: `expressions.<attr>.references` naming another resource in
 * the same module (e.g. `snowflake_account_role.r.fully_qualified_name`), whose
 * planned `name` is known. Returns the referenced resource's name, or undefined.
 */
export function resolveReference(doc: TerraformDoc, rc: ResourceChange, attr: string, byAddress: Map<string, ResourceChange>): { name: string; address: string } | undefined {
  const mod = moduleNames(rc.moduleAddress).join('.');
  const cfg = doc.config.get(mod)?.get(`${rc.type}.${rc.name}`);
  const expr = cfg?.expressions[attr];
  if (!isObj(expr) || !Array.isArray(expr.references)) return undefined;
  for (const ref of expr.references) {
    if (typeof ref !== 'string') continue;
    const m = /^([A-Za-z0-9_]+)\.([A-Za-z0-9_-]+)(\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?/.exec(ref);
    if (!m || ['var', 'local', 'module', 'data', 'each', 'count', 'path', 'terraform', 'self'].includes(m[1]!)) continue;
    const base = `${m[1]}.${m[2]}`;
    const prefix = rc.moduleAddress ? `${rc.moduleAddress}.` : '';
    // A literal instance key in the reference, then the same key as this instance (for_each/count over the same collection), then a single instance.
    const literal = m[3] ? byAddress.get(`${prefix}${base}${m[3]}`) : undefined;
    const sameKey = rc.index !== undefined ? byAddress.get(`${prefix}${base}[${JSON.stringify(rc.index)}]`) : undefined;
    let target = literal ?? sameKey ?? byAddress.get(`${prefix}${base}`);
    if (!target) {
      const instances = instancesOf(byAddress).get(`${rc.moduleAddress}\u0000${base}`);
      if (instances?.length === 1) target = instances[0];
    }
    if (!target) continue;
    const v = valuesOf(target);
    const name = typeof v.name === 'string' && !isUnknown(target, ['name']) ? v.name : undefined;
    if (name) {
      const db = typeof v.database === 'string' ? v.database : undefined;
      return { name: target.type === 'snowflake_database_role' && db ? `${db}.${name}` : name, address: target.address };
    }
    return { name: '', address: target.address };
  }
  return undefined;
}
