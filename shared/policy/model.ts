/**
 * What a Snowflake-provider resource grants, whatever provider generation
 * wrote it: grantees, privileges, target, grant option. Legacy grant
 * resources (≤ v0.92: one `privilege`, `roles` set, split
 * database/schema/object names, `enable_multiple_grants`) and current ones
 * (`snowflake_grant_privileges_to_account_role` & co: quoted fully-qualified
 * names, `on_*` nested blocks) normalise to the same shape.
 */
import { isUnknown, resolveReference, valuesOf, type ResourceChange, type TerraformDoc } from './plan.js';

// ------------------------------------------------------------------ resource type catalogue

/** Legacy grant resources removed in provider v0.93.0 (plus `role_grants`). */
export const LEGACY_GRANT_TYPES = new Set(
  [
    'account_grant', 'database_grant', 'external_table_grant', 'failover_group_grant', 'file_format_grant', 'function_grant',
    'integration_grant', 'masking_policy_grant', 'materialized_view_grant', 'pipe_grant', 'procedure_grant', 'resource_monitor_grant',
    'role_grants', 'role_ownership_grant', 'row_access_policy_grant', 'schema_grant', 'sequence_grant', 'stage_grant', 'stream_grant',
    'table_grant', 'tag_grant', 'task_grant', 'user_grant', 'user_ownership_grant', 'view_grant', 'warehouse_grant',
  ].map((t) => `snowflake_${t}`),
);

/** Legacy resources that carry `enable_multiple_grants` (every legacy grant except the ownership ones). */
export const MULTIPLE_GRANTS_TYPES = new Set([...LEGACY_GRANT_TYPES].filter((t) => !t.endsWith('_ownership_grant')));

/** Removed resources: legacy grants (v0.93), the interim grant_privileges_to_role (v0.93), snowflake_role (v1.0). */
export const DEPRECATED_TYPES = new Set([...LEGACY_GRANT_TYPES, 'snowflake_grant_privileges_to_role', 'snowflake_role']);

export const CURRENT_GRANT_TYPES = new Set([
  'snowflake_grant_privileges_to_account_role',
  'snowflake_grant_privileges_to_database_role',
  'snowflake_grant_privileges_to_share',
  'snowflake_grant_account_role',
  'snowflake_grant_database_role',
  'snowflake_grant_application_role',
  'snowflake_grant_ownership',
  'snowflake_grant_privileges_to_role',
]);

export const ROLE_TYPES = new Set(['snowflake_account_role', 'snowflake_role', 'snowflake_database_role']);
export const DATA_CONTAINER_TYPES = new Set(['snowflake_database', 'snowflake_shared_database', 'snowflake_secondary_database', 'snowflake_schema', 'snowflake_table']);

export function isGrantType(type: string): boolean {
  return LEGACY_GRANT_TYPES.has(type) || CURRENT_GRANT_TYPES.has(type);
}

// ------------------------------------------------------------------ identifiers

/**
 * Split a Snowflake name on unquoted dots, unquoting quoted parts (`""` → `"`)
 * and upper-casing unquoted ones: `"ANALYTICS"."Marts".fct` → [ANALYTICS, Marts, FCT].
 */
export function splitFqn(id: string): string[] {
  const cached = fqnCache.get(id);
  if (cached) return cached;
  const parts = splitFqnUncached(id);
  if (fqnCache.size > 50_000) fqnCache.clear();
  fqnCache.set(id, parts);
  return parts;
}

const fqnCache = new Map<string, string[]>();

function splitFqnUncached(id: string): string[] {
  if (!id.includes('"')) return id.trim() === '' ? [] : id.split('.').map((p) => p.trim().toUpperCase());
  const parts: string[] = [];
  let i = 0;
  const s = id.trim();
  while (i <= s.length) {
    if (s[i] === '"') {
      let j = i + 1;
      let buf = '';
      while (j < s.length) {
        if (s[j] === '"') {
          if (s[j + 1] === '"') {
            buf += '"';
            j += 2;
            continue;
          }
          break;
        }
        buf += s[j++];
      }
      parts.push(buf);
      i = j + 1;
      while (i < s.length && s[i] !== '.') i++;
    } else {
      let j = i;
      while (j < s.length && s[j] !== '.') j++;
      parts.push(s.slice(i, j).trim().toUpperCase());
      i = j;
    }
    if (s[i] === '.') i++;
    else break;
  }
  return parts.filter((p, k) => p !== '' || k < parts.length - 1);
}

export function normName(id: string): string {
  const p = splitFqn(id);
  return p.length === 1 ? p[0]! : p.join('.');
}

// ------------------------------------------------------------------ grant model

export interface Grantee {
  kind: 'ROLE' | 'DATABASE ROLE' | 'USER' | 'SHARE' | 'APPLICATION';
  /** Normalised name; '' when unknown and unresolvable. */
  name: string;
  /** The attribute it came from. */
  attr: string;
  unknown: boolean;
  /** A resource address in the same plan the name came from (resolved through configuration references). */
  via?: string;
}

export interface Target {
  /** Object type: ACCOUNT, DATABASE, SCHEMA, TABLE, VIEW, WAREHOUSE, ROLE, … (plural for all/future grants). */
  kind: string;
  scope: 'account' | 'object' | 'all' | 'future';
  database?: string;
  schema?: string;
  /** Fully-qualified object name for scope 'object'. */
  object?: string;
  text: string;
}

export interface GrantInfo {
  category: 'privilege' | 'role' | 'ownership';
  legacy: boolean;
  grantees: Grantee[];
  /** Upper-case privilege names; `ALL PRIVILEGES` when all_privileges/ALL. */
  privileges: string[];
  allPrivileges: boolean;
  withGrantOption: boolean;
  target?: Target;
  /** For role grants: the role being granted (normalised). */
  grantedRole?: string;
  /** Attributes whose planned values are unknown and could not be resolved. */
  unknown: string[];
}

export function granteeText(g: Grantee): string {
  const name = g.unknown && !g.name ? `(unknown ${g.attr})` : g.name;
  return g.kind === 'ROLE' ? name : `${g.kind} ${name}`;
}

export function targetText(kind: string, scope: Target['scope'], database?: string, schema?: string, object?: string): string {
  if (scope === 'account') return 'ACCOUNT';
  if (scope === 'all' || scope === 'future') {
    const where = schema ? `SCHEMA ${database ? database + '.' : ''}${schema}` : `DATABASE ${database ?? '?'}`;
    return `${scope.toUpperCase()} ${kind} IN ${where}`;
  }
  return `${kind} ${object ?? [database, schema].filter(Boolean).join('.')}`.trim();
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
function first(v: unknown): Record<string, unknown> | undefined {
  return Array.isArray(v) && v.length > 0 && typeof v[0] === 'object' && v[0] !== null ? (v[0] as Record<string, unknown>) : undefined;
}
function plural(kind: string): string {
  return kind.endsWith('Y') ? kind.slice(0, -1) + 'IES' : kind + 'S';
}

const ACCOUNT_OBJECT_TYPES = new Set(['USER', 'RESOURCE MONITOR', 'WAREHOUSE', 'COMPUTE POOL', 'INTEGRATION', 'CONNECTION', 'FAILOVER GROUP', 'REPLICATION GROUP', 'EXTERNAL VOLUME', 'ROLE', 'SNOWFLAKE INTELLIGENCE']);

/** Target of a named object: DATABASE x, SCHEMA db.s, TABLE db.s.t, WAREHOUSE w. */
function objectTarget(objectType: string, objectName: string): Target {
  const kind = objectType.toUpperCase();
  const parts = splitFqn(objectName);
  const object = parts.join('.');
  if (kind === 'DATABASE') return { kind, scope: 'object', database: object, object, text: `DATABASE ${object}` };
  if (ACCOUNT_OBJECT_TYPES.has(kind)) return { kind, scope: 'object', object, text: `${kind} ${object}` };
  return { kind, scope: 'object', database: parts[0], schema: parts.length > 2 ? parts[1] : parts.length === 2 ? parts[1] : undefined, object, text: `${kind} ${object}` };
}

/** `all`/`future` block {object_type_plural, in_database, in_schema}. */
function bulkTarget(block: Record<string, unknown>, scope: 'all' | 'future'): Target {
  const kind = String(block.object_type_plural ?? '?').toUpperCase();
  const inSchema = str(block.in_schema);
  let database = str(block.in_database) ? normName(String(block.in_database)) : undefined;
  let schema: string | undefined;
  if (inSchema) {
    const p = splitFqn(inSchema);
    if (p.length >= 2) {
      database = p[0];
      schema = p[1];
    } else schema = p[0];
  }
  return { kind, scope, database, schema, text: targetText(kind, scope, database, schema) };
}

function schemaObjectTarget(block: Record<string, unknown>): Target | undefined {
  const all = first(block.all);
  if (all) return bulkTarget(all, 'all');
  const future = first(block.future);
  if (future) return bulkTarget(future, 'future');
  const t = str(block.object_type);
  const n = str(block.object_name);
  if (t && n) return objectTarget(t, n);
  return undefined;
}

/** Reads a resource's grant semantics; undefined when the type is not a grant. */
export function grantInfo(rc: ResourceChange, doc: TerraformDoc, byAddress: Map<string, ResourceChange>): GrantInfo | undefined {
  const type = rc.type;
  if (!isGrantType(type)) return undefined;
  const v = valuesOf(rc);
  const readingAfter = !(rc.kind === 'delete' || rc.kind === 'forget');
  const unknown: string[] = [];
  const unk = (attr: string): boolean => {
    if (!readingAfter || !isUnknown(rc, [attr])) return false;
    return true;
  };
  const legacy = LEGACY_GRANT_TYPES.has(type);

  const grantees: Grantee[] = [];
  const role = (attr: string, kind: Grantee['kind'] = 'ROLE'): void => {
    const raw = v[attr];
    if (typeof raw === 'string' && raw !== '' && !unk(attr)) {
      grantees.push({ kind, name: normName(raw), attr, unknown: false });
    } else if (unk(attr)) {
      const r = resolveReference(doc, rc, attr, byAddress);
      if (r && r.name) grantees.push({ kind, name: normName(r.name), attr, unknown: false, via: r.address });
      else {
        grantees.push({ kind, name: '', attr, unknown: true, via: r?.address });
        unknown.push(attr);
      }
    }
  };
  const roleSet = (attr: string, kind: Grantee['kind'] = 'ROLE'): void => {
    if (unk(attr)) {
      const raw = v[attr];
      for (const r of Array.isArray(raw) ? raw : []) if (typeof r === 'string') grantees.push({ kind, name: normName(r), attr, unknown: false });
      grantees.push({ kind, name: '', attr, unknown: true });
      unknown.push(attr);
      return;
    }
    const raw = v[attr];
    if (Array.isArray(raw)) for (const r of raw) if (typeof r === 'string' && r !== '') grantees.push({ kind, name: normName(r), attr, unknown: false });
  };
  const bool = (attr: string): boolean => {
    if (unk(attr)) unknown.push(attr);
    return v[attr] === true;
  };

  let category: GrantInfo['category'] = 'privilege';
  let privileges: string[] = [];
  let allPrivileges = false;
  let target: Target | undefined;
  let grantedRole: string | undefined;

  const newPrivileges = (): void => {
    if (unk('privileges')) unknown.push('privileges');
    if (Array.isArray(v.privileges)) privileges = v.privileges.filter((p): p is string => typeof p === 'string').map((p) => p.toUpperCase());
    allPrivileges = bool('all_privileges');
  };
  const checkBlocks = (...attrs: string[]): void => {
    for (const a of attrs) if (unk(a)) unknown.push(a);
  };

  switch (type) {
    case 'snowflake_grant_privileges_to_account_role':
    case 'snowflake_grant_privileges_to_role':
    case 'snowflake_grant_privileges_to_database_role': {
      if (type === 'snowflake_grant_privileges_to_database_role') role('database_role_name', 'DATABASE ROLE');
      else role(type === 'snowflake_grant_privileges_to_role' ? 'role_name' : 'account_role_name');
      newPrivileges();
      checkBlocks('on_account', 'on_account_object', 'on_schema', 'on_schema_object', 'on_database');
      const acc = first(v.on_account_object);
      const sch = first(v.on_schema);
      const so = first(v.on_schema_object);
      if (v.on_account === true) target = { kind: 'ACCOUNT', scope: 'account', text: 'ACCOUNT' };
      else if (str(v.on_database)) target = objectTarget('DATABASE', String(v.on_database));
      else if (acc && str(acc.object_type) && str(acc.object_name)) target = objectTarget(String(acc.object_type), String(acc.object_name));
      else if (sch) {
        if (str(sch.schema_name)) target = objectTarget('SCHEMA', String(sch.schema_name));
        else if (str(sch.all_schemas_in_database)) target = bulkTarget({ object_type_plural: 'SCHEMAS', in_database: sch.all_schemas_in_database }, 'all');
        else if (str(sch.future_schemas_in_database)) target = bulkTarget({ object_type_plural: 'SCHEMAS', in_database: sch.future_schemas_in_database }, 'future');
      } else if (so) target = schemaObjectTarget(so);
      if (!target && type === 'snowflake_grant_privileges_to_database_role') {
        const dbr = typeof v.database_role_name === 'string' ? splitFqn(v.database_role_name) : [];
        if (dbr.length > 1) target = objectTarget('DATABASE', dbr[0]!);
      }
      break;
    }
    case 'snowflake_grant_privileges_to_share': {
      role('to_share', 'SHARE');
      newPrivileges();
      if (str(v.on_database)) target = objectTarget('DATABASE', String(v.on_database));
      else if (str(v.on_schema)) target = objectTarget('SCHEMA', String(v.on_schema));
      else if (str(v.on_table)) target = objectTarget('TABLE', String(v.on_table));
      else if (str(v.on_view)) target = objectTarget('VIEW', String(v.on_view));
      else if (str(v.on_all_tables_in_schema)) target = bulkTarget({ object_type_plural: 'TABLES', in_schema: v.on_all_tables_in_schema }, 'all');
      break;
    }
    case 'snowflake_grant_account_role': {
      category = 'role';
      role('parent_role_name');
      role('user_name', 'USER');
      if (unk('role_name')) {
        const r = resolveReference(doc, rc, 'role_name', byAddress);
        if (r?.name) grantedRole = normName(r.name);
        else unknown.push('role_name');
      } else if (str(v.role_name)) grantedRole = normName(String(v.role_name));
      if (grantedRole) target = { kind: 'ROLE', scope: 'object', object: grantedRole, text: `ROLE ${grantedRole}` };
      break;
    }
    case 'snowflake_grant_database_role': {
      category = 'role';
      role('parent_database_role_name', 'DATABASE ROLE');
      role('parent_role_name');
      role('share_name', 'SHARE');
      if (unk('database_role_name')) unknown.push('database_role_name');
      else if (str(v.database_role_name)) grantedRole = normName(String(v.database_role_name));
      if (grantedRole) {
        const db = splitFqn(grantedRole)[0];
        target = { kind: 'DATABASE ROLE', scope: 'object', database: db, object: grantedRole, text: `DATABASE ROLE ${grantedRole}` };
      }
      break;
    }
    case 'snowflake_grant_application_role': {
      category = 'role';
      role('parent_account_role_name');
      role('application_name', 'APPLICATION');
      if (str(v.application_role_name)) grantedRole = normName(String(v.application_role_name));
      if (grantedRole) target = { kind: 'APPLICATION ROLE', scope: 'object', object: grantedRole, text: `APPLICATION ROLE ${grantedRole}` };
      break;
    }
    case 'snowflake_grant_ownership': {
      category = 'ownership';
      role('account_role_name');
      role('database_role_name', 'DATABASE ROLE');
      privileges = ['OWNERSHIP'];
      checkBlocks('on');
      const on = first(v.on);
      if (on) target = schemaObjectTarget(on);
      break;
    }
    case 'snowflake_role_grants': {
      category = 'role';
      roleSet('roles');
      roleSet('users', 'USER');
      if (unk('role_name')) unknown.push('role_name');
      else if (str(v.role_name)) grantedRole = normName(String(v.role_name));
      if (grantedRole) target = { kind: 'ROLE', scope: 'object', object: grantedRole, text: `ROLE ${grantedRole}` };
      break;
    }
    case 'snowflake_role_ownership_grant':
    case 'snowflake_user_ownership_grant': {
      category = 'ownership';
      role('to_role_name');
      privileges = ['OWNERSHIP'];
      const on = type === 'snowflake_role_ownership_grant' ? v.on_role_name : v.on_user_name;
      const kind = type === 'snowflake_role_ownership_grant' ? 'ROLE' : 'USER';
      if (str(on)) target = objectTarget(kind, String(on));
      break;
    }
    default: {
      // Legacy per-object grant: snowflake_<kind>_grant with `privilege`, `roles`, split names.
      roleSet('roles');
      roleSet('shares', 'SHARE');
      if (unk('privilege')) unknown.push('privilege');
      const p = str(v.privilege)?.toUpperCase();
      if (p) privileges = [p];
      if (p === 'OWNERSHIP') category = 'ownership';
      if (p === 'ALL' || p === 'ALL PRIVILEGES') {
        allPrivileges = true;
        privileges = ['ALL PRIVILEGES'];
      }
      target = legacyTarget(type, v);
    }
  }

  if (allPrivileges && !privileges.includes('ALL PRIVILEGES')) privileges = [...privileges, 'ALL PRIVILEGES'];
  const withGrantOption = bool('with_grant_option');
  return { category, legacy, grantees, privileges, allPrivileges, withGrantOption, target, grantedRole, unknown: [...new Set(unknown)] };
}

const LEGACY_OBJECT_NAME_ATTR: Record<string, string> = {
  warehouse: 'warehouse_name',
  integration: 'integration_name',
  resource_monitor: 'monitor_name',
  failover_group: 'failover_group_name',
  user: 'user_name',
};

function legacyTarget(type: string, v: Record<string, unknown>): Target | undefined {
  const base = type.replace(/^snowflake_/, '').replace(/_grant$/, '');
  const kind = base.toUpperCase().replace(/_/g, ' ');
  if (base === 'account') return { kind: 'ACCOUNT', scope: 'account', text: 'ACCOUNT' };
  const db = str(v.database_name) ? normName(String(v.database_name)) : undefined;
  const schema = str(v.schema_name) ? normName(String(v.schema_name)) : undefined;
  if (base === 'database') return db ? { kind: 'DATABASE', scope: 'object', database: db, object: db, text: `DATABASE ${db}` } : undefined;
  const acctAttr = LEGACY_OBJECT_NAME_ATTR[base];
  if (acctAttr) {
    const n = str(v[acctAttr]) ?? str(v.resource_monitor_name);
    return n ? objectTarget(kind, n) : { kind, scope: 'object', text: kind };
  }
  const scope: Target['scope'] = v.on_future === true ? 'future' : v.on_all === true ? 'all' : 'object';
  if (base === 'schema') {
    if (scope !== 'object' || !schema) return { kind: 'SCHEMAS', scope: scope === 'object' ? 'all' : scope, database: db, text: targetText('SCHEMAS', scope === 'object' ? 'all' : scope, db) };
    return { kind: 'SCHEMA', scope: 'object', database: db, schema, object: `${db}.${schema}`, text: `SCHEMA ${db}.${schema}` };
  }
  if (scope !== 'object') {
    const k = plural(kind);
    return { kind: k, scope, database: db, schema, text: targetText(k, scope, db, schema) };
  }
  const objName = str(v[`${base}_name`]);
  const object = [db, schema, objName ? normName(objName) : undefined].filter(Boolean).join('.');
  return { kind, scope: 'object', database: db, schema, object, text: `${kind} ${object}` };
}
