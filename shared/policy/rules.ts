/**
 * The built-in rule pack: the SF-… catalogue of
 * shared/research/terraform-grant-policy.md §B3.3, re-implemented in
 * TypeScript (no Rego/OPA/conftest binary). Each rule reads the normalised
 * grant model (model.ts) and emits findings; rules skip `no-op` and `read`
 * changes, and a value unknown at plan time never passes silently.
 */
import picomatch from 'picomatch';
import type { RoleIntent } from './intent.js';
import {
  DATA_CONTAINER_TYPES,
  DEPRECATED_TYPES,
  MULTIPLE_GRANTS_TYPES,
  ROLE_TYPES,
  granteeText,
  isGrantType,
  normName,
  type GrantInfo,
  type Grantee,
} from './model.js';
import { isUnknown, survives, valuesOf, writesContent, type ResourceChange, type TerraformDoc } from './plan.js';

export type Level = 'deny' | 'warn';

export interface RuleMeta {
  id: string;
  level: Level;
  title: string;
  /** What the rule checks and why (docs, SARIF fullDescription). */
  description: string;
  /** One line: how to fix it. */
  remediation: string;
}

/** A finding before configuration (level overrides, exceptions) is applied. */
export interface RawFinding {
  rule: string;
  /** Overrides the rule's default level for this finding (e.g. ownership with REVOKE is a deny). */
  level?: Level;
  message: string;
  rc: ResourceChange;
  grantee?: string;
  privileges?: string[];
  target?: string;
  remediation?: string;
  /** Attributes unknown at plan time that stopped the rule from deciding. */
  unknown?: string[];
  /** Internal: this finding exists only because of an unknown (its level is capped at warn). */
  undecided?: boolean;
}

export interface RuleOptions {
  retentionMinDays: number;
  retentionDatabases: string[];
  denyAccountPrivileges: string[];
}

export const DEFAULT_RULE_OPTIONS: RuleOptions = {
  retentionMinDays: 1,
  retentionDatabases: ['*'],
  denyAccountPrivileges: ['MANAGE GRANTS', 'CREATE ROLE', 'CREATE USER', 'CREATE INTEGRATION', 'ALL PRIVILEGES'],
};

export interface EvalContext {
  doc: TerraformDoc;
  intent: RoleIntent;
  options: RuleOptions;
  byAddress: Map<string, ResourceChange>;
  grants: Map<ResourceChange, GrantInfo>;
  /** Managed resources that rules look at (no data sources). */
  resources: ResourceChange[];
}

interface Rule extends RuleMeta {
  /** Per-resource check (called for managed resources whose kind is not no-op/read). */
  check?(rc: ResourceChange, g: GrantInfo | undefined, ctx: EvalContext): RawFinding[] | RawFinding | undefined;
  /** Whole-plan check. */
  checkAll?(ctx: EvalContext): RawFinding[];
}

// ------------------------------------------------------------------ helpers

const retentionMatchers = new WeakMap<RuleOptions, (db: string) => boolean>();
function retentionMatcher(o: RuleOptions): (db: string) => boolean {
  let m = retentionMatchers.get(o);
  if (!m) retentionMatchers.set(o, (m = picomatch(o.retentionDatabases, { nocase: true })));
  return m;
}

const changed = (rc: ResourceChange) => rc.kind !== 'no-op' && rc.kind !== 'read';
const roleGrantees = (g: GrantInfo) => g.grantees.filter((x) => x.kind === 'ROLE' && x.name);
const names = (gs: Grantee[]) => (gs.length ? gs.map(granteeText).join(', ') : undefined);
const base = (rc: ResourceChange, g: GrantInfo | undefined) => ({
  rc,
  grantee: g ? names(g.grantees) : undefined,
  privileges: g?.privileges,
  target: g?.target?.text,
});
const isTrueish = (v: unknown) => v === true || v === 'true';

// ------------------------------------------------------------------ the catalogue

const RULES: Rule[] = [
  {
    id: 'SF-LEGACY-MULTIPLE-GRANTS',
    level: 'deny',
    title: 'Legacy grant without enable_multiple_grants = true',
    description:
      'Legacy grant resources (provider ≤ 0.92) default to enable_multiple_grants = false: the resource then owns every grant of that privilege on the object and revokes grants made outside Terraform (or by other resources) on the next apply.',
    remediation: 'Set enable_multiple_grants = true, or better, migrate to snowflake_grant_privileges_to_account_role / snowflake_grant_account_role.',
    check(rc, g) {
      if (!MULTIPLE_GRANTS_TYPES.has(rc.type) || !writesContent(rc)) return;
      const v = valuesOf(rc);
      const unknown = rc.kind !== 'existing' && isUnknown(rc, ['enable_multiple_grants']);
      if (v.enable_multiple_grants === true && !unknown) return;
      const what = g?.category === 'role' ? `membership of ${g.target?.text ?? 'the role'}` : `${g?.privileges.join(', ') || 'the privilege'} on ${g?.target?.text ?? 'the object'}`;
      return {
        ...base(rc, g),
        rule: this.id,
        message: unknown
          ? `enable_multiple_grants is unknown until apply; unless it is true, applying revokes every other grant of ${what}.`
          : `enable_multiple_grants is ${v.enable_multiple_grants === false ? 'false' : 'not set (defaults to false)'}: applying revokes every other grant of ${what}, including grants made outside Terraform.`,
        unknown: unknown ? ['enable_multiple_grants'] : undefined,
      };
    },
  },
  {
    id: 'SF-DEPRECATED-RESOURCE',
    level: 'warn',
    title: 'Resource type removed from the provider',
    description: 'Legacy grant resources and snowflake_grant_privileges_to_role were removed in provider v0.93.0, snowflake_role in v1.0.0; they block provider upgrades.',
    remediation: 'Migrate to snowflake_grant_privileges_to_account_role / snowflake_grant_account_role / snowflake_grant_ownership / snowflake_account_role (see the provider MIGRATION_GUIDE).',
    check(rc, g) {
      if (!DEPRECATED_TYPES.has(rc.type) || !changed(rc)) return;
      const since = rc.type === 'snowflake_role' ? 'v1.0.0' : 'v0.93.0';
      return { ...base(rc, g), rule: this.id, message: `${rc.type} was removed in provider ${since}; this configuration cannot be upgraded past it.` };
    },
  },
  {
    id: 'SF-NO-PUBLIC',
    level: 'deny',
    title: 'Grant to PUBLIC',
    description: 'PUBLIC is granted to every user and role in the account, so anything granted to it is account-wide.',
    remediation: 'Grant to a functional role (e.g. REPORTER) instead of PUBLIC.',
    check(rc, g) {
      if (!g || !writesContent(rc)) return;
      const pub = g.grantees.filter((x) => x.kind === 'ROLE' && x.name.toUpperCase() === 'PUBLIC');
      if (!pub.length) return;
      const what = g.category === 'role' ? (g.target?.text ?? 'a role') : `${g.privileges.join(', ') || 'privileges'} on ${g.target?.text ?? 'an object'}`;
      return { ...base(rc, g), grantee: 'PUBLIC', rule: this.id, message: `${what} is granted to PUBLIC, i.e. to every user and role in the account.` };
    },
  },
  {
    id: 'SF-ADMIN-ROLE-GRANT',
    level: 'deny',
    title: 'Admin role granted to a non-admin role or service user',
    description: 'ACCOUNTADMIN, SECURITYADMIN, USERADMIN, SYSADMIN and ORGADMIN must not be inherited by functional roles or service users.',
    remediation: 'Remove the grant; give the role only the specific privileges it needs.',
    check(rc, g, ctx) {
      if (!g || g.category !== 'role' || !g.grantedRole || !writesContent(rc) || !ctx.intent.isAdmin(g.grantedRole)) return;
      const bad = g.grantees.filter((x) => x.name && ((x.kind === 'ROLE' && !ctx.intent.isAdmin(x.name)) || (x.kind === 'USER' && ctx.intent.isServiceUser(x.name)) || x.kind === 'DATABASE ROLE' || x.kind === 'SHARE'));
      if (!bad.length) return;
      return { ...base(rc, g), grantee: names(bad), rule: this.id, message: `Admin role ${g.grantedRole} is granted to ${names(bad)}, which then holds all of ${g.grantedRole}'s power.` };
    },
  },
  {
    id: 'SF-REPORTER-READONLY',
    level: 'deny',
    title: 'Read-only role gets write access',
    description: 'Roles of a read-only class (default: REPORTER) may hold only read privileges (by default USAGE, SELECT, REFERENCES, MONITOR, READ, IMPORTED PRIVILEGES), without grant option, and must not inherit a writer role.',
    remediation: 'Grant only read privileges (SELECT/USAGE/REFERENCES) to read-only roles; give writes to a TRANSFORMER/LOADER role.',
    check(rc, g, ctx) {
      if (!g || !writesContent(rc)) return;
      const out: RawFinding[] = [];
      for (const x of roleGrantees(g)) {
        const cls = ctx.intent.classOf(x.name);
        if (!cls?.readOnly) continue;
        if (g.category === 'role') {
          const granted = g.grantedRole ? ctx.intent.classOf(g.grantedRole) : undefined;
          if (granted && !granted.readOnly) {
            out.push({ ...base(rc, g), grantee: x.name, rule: this.id, message: `Read-only role ${x.name} (${cls.name} class) inherits ${g.grantedRole} (${granted.name} class, which writes).` });
          }
          continue;
        }
        if (g.unknown.includes('privileges') || g.unknown.includes('privilege') || g.unknown.includes('all_privileges')) {
          out.push({ ...base(rc, g), grantee: x.name, rule: this.id, undecided: true, unknown: g.unknown, message: `Privileges granted to read-only role ${x.name} are unknown until apply; cannot confirm they are read-only.` });
          continue;
        }
        const bad = g.privileges.filter((p) => !ctx.intent.isReadPrivilege(p));
        if (bad.length || g.withGrantOption) {
          const what = [bad.length ? bad.join(', ') : undefined, g.withGrantOption ? 'WITH GRANT OPTION' : undefined].filter(Boolean).join(' and ');
          out.push({ ...base(rc, g), grantee: x.name, privileges: bad.length ? bad : g.privileges, rule: this.id, message: `Read-only role ${x.name} (${cls.name} class) gets ${what} on ${g.target?.text ?? 'an object'}.` });
        }
      }
      return out;
    },
  },
  {
    id: 'SF-ROLE-SCOPE',
    level: 'deny',
    title: 'Role touches a database outside its class',
    description: "Each role class may read and write only the databases the role intent gives it (default: LOADER writes RAW, TRANSFORMER reads RAW and writes ANALYTICS, REPORTER reads ANALYTICS). Databases no class mentions are out of scope unless strict_databases is set.",
    remediation: "Grant on a database the role's class may use, or change the role intent file if the design changed.",
    check(rc, g, ctx) {
      if (!g || g.category === 'role' || !writesContent(rc)) return;
      const out: RawFinding[] = [];
      for (const x of roleGrantees(g)) {
        const cls = ctx.intent.classOf(x.name);
        if (!cls) continue;
        const db = g.target?.database;
        if (!db) {
          const u = g.unknown.filter((a) => a.startsWith('on'));
          if (u.length) out.push({ ...base(rc, g), grantee: x.name, rule: this.id, undecided: true, unknown: u, message: `The target of this grant to ${x.name} (${cls.name} class) is unknown until apply; cannot check its database.` });
          continue;
        }
        const write = g.category === 'ownership' || g.privileges.some((p) => !ctx.intent.isReadPrivilege(p));
        if (!cls.canRead(db)) {
          if (!ctx.intent.knowsDatabase(db) && !ctx.intent.strictDatabases) continue;
          out.push({ ...base(rc, g), grantee: x.name, rule: this.id, message: `${x.name} (${cls.name} class) may not access database ${db}, but gets ${g.privileges.join(', ') || 'privileges'} on ${g.target?.text}.` });
        } else if (!write && !cls.readOnly && !cls.canWrite(db) && g.unknown.some((a) => a === 'privileges' || a === 'privilege' || a === 'all_privileges')) {
          out.push({ ...base(rc, g), grantee: x.name, rule: this.id, undecided: true, unknown: g.unknown.filter((a) => a.startsWith('privilege') || a === 'all_privileges'), message: `${x.name} (${cls.name} class) may only read database ${db}; the privileges on ${g.target?.text} are unknown until apply.` });
        } else if (write && !cls.readOnly && !cls.canWrite(db)) {
          const w = g.privileges.filter((p) => !ctx.intent.isReadPrivilege(p));
          out.push({ ...base(rc, g), grantee: x.name, privileges: w, rule: this.id, message: `${x.name} (${cls.name} class) may only read database ${db}, but gets ${w.join(', ')} on ${g.target?.text}.` });
        }
      }
      return out;
    },
  },
  {
    id: 'SF-OWNERSHIP-CHANGE',
    level: 'warn',
    title: 'Ownership transfer',
    description: 'Ownership decides who can grant on and drop an object; a transfer can lock Terraform out, and outbound_privileges = "REVOKE" strips every existing grant on the object (deny).',
    remediation: 'Confirm the new owner; prefer outbound_privileges = "COPY" so existing grants survive.',
    check(rc, g) {
      if (!g || g.category !== 'ownership' || !['create', 'update', 'delete', 'replace'].includes(rc.kind)) return;
      const v = valuesOf(rc);
      const revoke = String(v.outbound_privileges ?? '').toUpperCase() === 'REVOKE';
      const unknownOutbound = rc.kind !== 'delete' && isUnknown(rc, ['outbound_privileges']);
      const verb = rc.kind === 'delete' ? 'is no longer managed for' : 'moves to';
      return {
        ...base(rc, g),
        rule: this.id,
        level: revoke ? 'deny' : undefined,
        unknown: unknownOutbound ? ['outbound_privileges'] : undefined,
        message: `Ownership of ${g.target?.text ?? 'an object'} ${verb} ${names(g.grantees) ?? 'another role'}${revoke ? ' with outbound_privileges = REVOKE: every existing grant on it is revoked' : unknownOutbound ? ' (outbound_privileges is unknown until apply: existing grants may be revoked)' : ''}.`,
        remediation: revoke ? 'Use outbound_privileges = "COPY" to keep existing grants, or confirm every current grant may be dropped.' : undefined,
      };
    },
  },
  {
    id: 'SF-DESTROY-ROLE',
    level: 'deny',
    title: 'Role destroyed',
    description: 'Dropping a role drops all its grants and breaks every user and tool that uses it (a replace drops it too).',
    remediation: 'Keep the role (lifecycle { prevent_destroy = true }), or use a removed { lifecycle { destroy = false } } block if only Terraform should stop managing it.',
    check(rc) {
      if (!ROLE_TYPES.has(rc.type) || (rc.kind !== 'delete' && rc.kind !== 'replace')) return;
      const name = valuesOf(rc).name;
      return { rc, target: `ROLE ${typeof name === 'string' ? normName(name) : rc.address}`, rule: this.id, message: `Role ${typeof name === 'string' ? normName(name) : rc.address} is ${rc.kind === 'replace' ? 'replaced (dropped and re-created)' : 'dropped'}: all its grants are lost.` };
    },
  },
  {
    id: 'SF-DESTROY-DATA-CONTAINER',
    level: 'deny',
    title: 'Database, schema or table destroyed',
    description: 'Dropping a database, schema or table loses data (and its grants).',
    remediation: 'Add lifecycle { prevent_destroy = true } to data containers, and confirm the drop is intended before applying.',
    check(rc) {
      if (!DATA_CONTAINER_TYPES.has(rc.type) || (rc.kind !== 'delete' && rc.kind !== 'replace')) return;
      const v = valuesOf(rc);
      const kind = rc.type.replace(/^snowflake_/, '').replace(/_/g, ' ').toUpperCase();
      const name = [v.database, v.schema, v.name].filter((x) => typeof x === 'string').map((x) => normName(String(x))).join('.');
      return { rc, target: `${kind} ${name || rc.address}`, rule: this.id, message: `${kind} ${name || rc.address} is ${rc.kind === 'replace' ? 'replaced (dropped and re-created)' : 'dropped'}: its data is lost.` };
    },
  },
  {
    id: 'SF-DESTROY-GRANT',
    level: 'warn',
    title: 'Grant revoked',
    description: 'Deleting a grant resource revokes the privilege or role membership; a reviewer must confirm nobody depends on it.',
    remediation: 'Confirm the revoke is intended; if the grant moved to another address, use a moved block instead.',
    check(rc, g) {
      if (!isGrantType(rc.type) || rc.kind !== 'delete') return;
      const what = g?.category === 'role' ? (g.target?.text ?? 'a role') : `${g?.privileges.join(', ') || 'privileges'} on ${g?.target?.text ?? 'an object'}`;
      return { ...base(rc, g), rule: this.id, message: `Revokes ${what} from ${names(g?.grantees ?? []) ?? 'its grantees'}.` };
    },
  },
  {
    id: 'SF-REPLACE-GRANT',
    level: 'warn',
    title: 'Grant replaced (revoke then grant)',
    description: 'A grant resource replaced through a ForceNew attribute (with_grant_option, on_*, grantee) is revoked and granted again; queries fail in between, and a failed apply leaves it revoked.',
    remediation: 'Apply outside busy hours, or create the new grant under a new address first and remove the old one in a second apply.',
    check(rc, g) {
      if (!isGrantType(rc.type) || rc.kind !== 'replace') return;
      const paths = Array.isArray(rc.replacePaths) ? rc.replacePaths.map((p) => (Array.isArray(p) ? p.join('.') : String(p))).join(', ') : '';
      const order = rc.actions[0] === 'delete' ? 'revoked, then granted again' : 'granted again, then the old grant revoked';
      return { ...base(rc, g), rule: this.id, message: `Replaced (${order})${paths ? ` because ${paths} changed` : ''}.` };
    },
  },
  {
    id: 'SF-FORGET-GRANT',
    level: 'warn',
    title: 'Grant or role forgotten',
    description: 'A removed { lifecycle { destroy = false } } block makes Terraform stop managing the resource while the privilege stays in Snowflake.',
    remediation: 'Confirm the grant should keep existing unmanaged, or revoke it explicitly.',
    check(rc, g) {
      if (rc.kind !== 'forget' || !(isGrantType(rc.type) || ROLE_TYPES.has(rc.type))) return;
      return { ...base(rc, g), rule: this.id, message: `Terraform stops managing ${rc.address}; ${ROLE_TYPES.has(rc.type) ? 'the role' : 'the grant'} stays in Snowflake, unmanaged.` };
    },
  },
  {
    id: 'SF-ALL-PRIVILEGES',
    level: 'warn',
    title: 'ALL PRIVILEGES granted',
    description: 'ALL PRIVILEGES over-grants and includes privileges added to Snowflake later.',
    remediation: 'List the privileges the role needs instead of all_privileges = true / ALL PRIVILEGES.',
    check(rc, g) {
      if (!g || !writesContent(rc)) return;
      const unknown = g.unknown.filter((a) => a === 'all_privileges' || a === 'privilege');
      if (!g.allPrivileges && !unknown.length) return;
      return {
        ...base(rc, g),
        rule: this.id,
        undecided: !g.allPrivileges,
        unknown: unknown.length ? unknown : undefined,
        message: g.allPrivileges ? `ALL PRIVILEGES on ${g.target?.text ?? 'an object'} to ${names(g.grantees) ?? 'its grantees'}.` : `${unknown.join(', ')} is unknown until apply; cannot rule out ALL PRIVILEGES.`,
      };
    },
  },
  {
    id: 'SF-GRANT-OPTION',
    level: 'warn',
    title: 'WITH GRANT OPTION',
    description: 'A grantee with grant option can re-grant the privilege to anyone, outside Terraform.',
    remediation: 'Set with_grant_option = false unless the role must delegate the privilege.',
    check(rc, g) {
      if (!g || !writesContent(rc)) return;
      const unknown = g.unknown.includes('with_grant_option');
      if (!g.withGrantOption && !unknown) return;
      return {
        ...base(rc, g),
        rule: this.id,
        undecided: !g.withGrantOption,
        unknown: unknown ? ['with_grant_option'] : undefined,
        message: g.withGrantOption ? `${names(g.grantees) ?? 'The grantee'} can re-grant ${g.privileges.join(', ') || 'the privileges'} on ${g.target?.text ?? 'the object'} to anyone.` : 'with_grant_option is unknown until apply.',
      };
    },
  },
  {
    id: 'SF-ACCOUNT-PRIV',
    level: 'warn',
    title: 'Account-level privilege',
    description: 'Account privileges are account-wide power. MANAGE GRANTS, CREATE ROLE, CREATE USER, CREATE INTEGRATION and ALL PRIVILEGES to a non-admin role are denied (MANAGE GRANTS bypasses managed-access schemas).',
    remediation: 'Keep account privileges on admin roles; give functional roles object-level privileges.',
    check(rc, g, ctx) {
      if (!g || !writesContent(rc)) return;
      if (g.privileges.length === 0) {
        if (g.target?.scope === 'account' && g.unknown.some((a) => a === 'privileges' || a === 'privilege')) {
          return { ...base(rc, g), rule: this.id, undecided: true, unknown: ['privileges'], message: 'Account-level privileges are unknown until apply.' };
        }
        return;
      }
      if (g.target?.scope !== 'account') {
        // The target is unknown until apply: it could be the account.
        if (!g.target && g.unknown.includes('on_account') && g.grantees.some((x) => !(x.kind === 'ROLE' && ctx.intent.isAdmin(x.name)))) {
          return { ...base(rc, g), rule: this.id, undecided: true, unknown: ['on_account'], message: `on_account is unknown until apply; ${g.privileges.join(', ')} may be granted on the account.` };
        }
        return;
      }
      const nonAdmin = g.grantees.filter((x) => !(x.kind === 'ROLE' && ctx.intent.isAdmin(x.name)));
      if (!nonAdmin.length) return;
      const deny = new Set(ctx.options.denyAccountPrivileges.map((p) => p.toUpperCase()));
      const dangerous = g.privileges.filter((p) => deny.has(p));
      return {
        ...base(rc, g),
        grantee: names(nonAdmin),
        rule: this.id,
        level: dangerous.length ? 'deny' : undefined,
        message: `Account-level ${g.privileges.join(', ')} to ${names(nonAdmin)}${dangerous.length ? ` (${dangerous.join(', ')} must stay with admin roles)` : ''}.`,
      };
    },
  },
  {
    id: 'SF-ROLE-NOT-UNDER-SYSADMIN',
    level: 'warn',
    title: 'Custom role not under SYSADMIN',
    description: 'Every custom role should be granted (directly or through other roles) to SYSADMIN so administrators can manage what it owns. Fires for a new role with no path to SYSADMIN in the plan, and for a removed edge to SYSADMIN.',
    remediation: 'Add snowflake_grant_account_role { role_name = <role>, parent_role_name = "SYSADMIN" } (or to a role that is under SYSADMIN).',
    checkAll(ctx) {
      const out: RawFinding[] = [];
      // Edges child → parent that exist after apply, and edges removed by this plan.
      const edges = new Map<string, Set<string>>();
      const removed: { rc: ResourceChange; child: string; parent: string }[] = [];
      const addEdge = (m: Map<string, Set<string>>, c: string, p: string) => {
        let s = m.get(c);
        if (!s) m.set(c, (s = new Set()));
        s.add(p);
      };
      const surviving = new Set<string>();
      for (const rc of ctx.resources) {
        const g = ctx.grants.get(rc);
        if (!g || g.category !== 'role' || !g.grantedRole || (rc.type !== 'snowflake_grant_account_role' && rc.type !== 'snowflake_role_grants')) continue;
        const parents = g.grantees.filter((x) => x.kind === 'ROLE' && x.name).map((x) => x.name.toUpperCase());
        const child = g.grantedRole.toUpperCase();
        if (survives(rc)) for (const p of parents) {
          addEdge(edges, child, p);
          surviving.add(`${child}>${p}`);
        }
        // For a replace/update the edge before apply may differ from the one after.
        const before = rc.before;
        if ((rc.kind === 'delete' || rc.kind === 'replace' || rc.kind === 'update') && before) {
          const bChild = typeof before.role_name === 'string' ? normName(before.role_name).toUpperCase() : undefined;
          const bParents = rc.type === 'snowflake_role_grants' ? (Array.isArray(before.roles) ? before.roles.map((r) => normName(String(r)).toUpperCase()) : []) : typeof before.parent_role_name === 'string' ? [normName(before.parent_role_name).toUpperCase()] : [];
          if (bChild) for (const p of bParents) if (p === 'SYSADMIN') removed.push({ rc, child: bChild, parent: p });
        }
      }
      const reaches = (role: string): boolean => {
        const seen = new Set<string>();
        const stack = [role];
        while (stack.length) {
          const r = stack.pop()!;
          if (r === 'SYSADMIN') return true;
          if (seen.has(r)) continue;
          seen.add(r);
          for (const p of edges.get(r) ?? []) stack.push(p);
        }
        return false;
      };
      for (const r of removed) {
        if (surviving.has(`${r.child}>${r.parent}`)) continue;
        out.push({ rc: r.rc, grantee: 'SYSADMIN', target: `ROLE ${r.child}`, rule: 'SF-ROLE-NOT-UNDER-SYSADMIN', message: `Removes ${r.child} from SYSADMIN${reaches(r.child) ? '' : `; ${r.child} then has no path to SYSADMIN`}.` });
      }
      for (const rc of ctx.resources) {
        if ((rc.type !== 'snowflake_account_role' && rc.type !== 'snowflake_role') || !(rc.kind === 'create' || rc.kind === 'replace' || rc.kind === 'existing')) continue;
        const v = valuesOf(rc);
        if (typeof v.name !== 'string') {
          if (isUnknown(rc, ['name'])) out.push({ rc, rule: 'SF-ROLE-NOT-UNDER-SYSADMIN', undecided: true, unknown: ['name'], message: 'The role name is unknown until apply; cannot check it is granted to SYSADMIN.' });
          continue;
        }
        const name = normName(v.name).toUpperCase();
        if (ctx.intent.isAdmin(name) || name === 'PUBLIC' || reaches(name)) continue;
        out.push({ rc, target: `ROLE ${name}`, rule: 'SF-ROLE-NOT-UNDER-SYSADMIN', message: `New role ${name} has no path to SYSADMIN in this plan.` });
      }
      return out;
    },
  },
  {
    id: 'SF-FUTURE-GRANT-SHADOWING',
    level: 'warn',
    title: 'Schema-level future grant shadows database-level one',
    description: 'When a schema has future grants for an object type, Snowflake ignores the database-level future grants for that type in that schema: roles relying on the database-level grant silently get nothing on new objects.',
    remediation: 'Define future grants at one level only: repeat the database-level grantees on the schema-level future grant, or drop the schema-level one.',
    checkAll(ctx) {
      const out: RawFinding[] = [];
      const dbLevel = new Map<string, ResourceChange[]>();
      const schemaLevel: { rc: ResourceChange; g: GrantInfo; key: string }[] = [];
      for (const rc of ctx.resources) {
        if (!survives(rc)) continue;
        const g = ctx.grants.get(rc);
        const t = g?.target;
        if (!g || !t || t.scope !== 'future' || !t.database || t.kind === 'SCHEMAS') continue;
        const key = `${t.database.toUpperCase()}|${t.kind}`;
        if (t.schema) schemaLevel.push({ rc, g, key });
        else {
          const l = dbLevel.get(key);
          if (l) l.push(rc);
          else dbLevel.set(key, [rc]);
        }
      }
      // Per database × object type: who the database-level grants are for, and whether any of them changes.
      const summary = new Map<string, { grantees: string; addresses: string; allNoop: boolean }>();
      const list = (xs: string[]) => (xs.length > 3 ? `${xs.slice(0, 3).join(', ')} and ${xs.length - 3} more` : xs.join(', '));
      for (const [key, dbs] of dbLevel) {
        const grantees = [...new Set(dbs.flatMap((d) => ctx.grants.get(d)!.grantees.map(granteeText)))];
        summary.set(key, { grantees: list(grantees), addresses: list(dbs.map((d) => d.address)), allNoop: dbs.every((d) => d.kind === 'no-op') });
      }
      for (const s of schemaLevel) {
        const db = summary.get(s.key);
        if (!db) continue;
        if (s.rc.kind === 'no-op' && db.allNoop) continue;
        out.push({ ...base(s.rc, s.g), rule: 'SF-FUTURE-GRANT-SHADOWING', message: `${s.g.target!.text} overrides the database-level future grants on ${s.g.target!.kind} in ${s.g.target!.database} (to ${db.grantees}; ${db.addresses}): those grantees get nothing on new objects in this schema.` });
      }
      return out;
    },
  },
  {
    id: 'SF-ALWAYS-APPLY',
    level: 'warn',
    title: 'always_apply = true',
    description: 'always_apply makes the grant show a change in every plan by design, which hides real drift in PR plans.',
    remediation: 'Remove always_apply unless you need to re-assert the grant on every apply.',
    check(rc, g) {
      if (!writesContent(rc)) return;
      const v = valuesOf(rc);
      if (!isTrueish(v.always_apply)) return;
      return { ...base(rc, g), rule: this.id, message: 'always_apply = true: this grant shows a change in every plan.' };
    },
  },
  {
    id: 'SF-STRICT-PRIVILEGES',
    level: 'warn',
    title: 'strict_privilege_management = true',
    description: 'Experimental strict privilege management revokes, on the next apply, every privilege on the object not listed in the configuration — like the old enable_multiple_grants = false.',
    remediation: 'Confirm every privilege on the object is managed by this resource, or remove strict_privilege_management.',
    check(rc, g) {
      if (!writesContent(rc)) return;
      if (!isTrueish(valuesOf(rc).strict_privilege_management)) return;
      return { ...base(rc, g), rule: this.id, message: `strict_privilege_management = true: privileges on ${g?.target?.text ?? 'the object'} not in this resource are revoked on apply.` };
    },
  },
  {
    id: 'SF-UNKNOWN-GRANTEE',
    level: 'warn',
    title: 'Grantee unknown at plan time',
    description: 'The grantee (or granted role) is computed during apply and could not be resolved through the configuration, so the other rules cannot check it.',
    remediation: 'Reference the role resource directly (snowflake_account_role.x.name) or use a literal name so the plan shows it.',
    check(rc, g) {
      if (!g || !writesContent(rc)) return;
      const attrs = g.unknown.filter((a) => ['account_role_name', 'database_role_name', 'parent_role_name', 'parent_database_role_name', 'user_name', 'role_name', 'roles', 'users', 'to_role_name', 'share_name', 'shares', 'to_share'].includes(a));
      if (!attrs.length) return;
      return { ...base(rc, g), rule: this.id, unknown: attrs, message: `${attrs.join(', ')} ${attrs.length > 1 ? 'are' : 'is'} unknown until apply and not resolvable through the configuration; grantee rules could not run.` };
    },
  },
  {
    id: 'SF-RETENTION-FOR-ROLLBACK',
    level: 'warn',
    title: 'Retention too short for rollback',
    description: 'Time-travel rollback of a deploy needs data retention; a transient database/schema or retention below the configured minimum (default 1 day) removes it.',
    remediation: 'Set data_retention_time_in_days to at least the configured minimum and keep deploy targets non-transient.',
    check(rc, _g, ctx) {
      if ((rc.type !== 'snowflake_database' && rc.type !== 'snowflake_schema') || !writesContent(rc)) return;
      const v = valuesOf(rc);
      const name = [rc.type === 'snowflake_schema' ? v.database : undefined, v.name].filter((x) => typeof x === 'string').map((x) => normName(String(x))).join('.');
      const db = rc.type === 'snowflake_schema' ? (typeof v.database === 'string' ? normName(v.database) : '') : normName(String(v.name ?? ''));
      if (db && !retentionMatcher(ctx.options)(db)) return;
      const kind = rc.type === 'snowflake_database' ? 'DATABASE' : 'SCHEMA';
      const target = `${kind} ${name || rc.address}`;
      if (rc.kind !== 'existing' && isUnknown(rc, ['data_retention_time_in_days'])) {
        return { rc, target, rule: this.id, undecided: true, unknown: ['data_retention_time_in_days'], message: `data_retention_time_in_days of ${target} is unknown until apply.` };
      }
      if (isTrueish(v.is_transient)) return { rc, target, rule: this.id, message: `${target} is transient: no fail-safe, and time travel is at most 1 day.` };
      const r = v.data_retention_time_in_days;
      const days = typeof r === 'number' && r >= 0 ? r : undefined; // -1 / null: Snowflake's default (1 day)
      const min = ctx.options.retentionMinDays;
      if (days !== undefined ? days < min : 1 < min) {
        return { rc, target, rule: this.id, message: `${target} keeps ${days ?? 'the default 1'} day(s) of time travel; rollback needs at least ${min}.` };
      }
      return undefined;
    },
  },
];

export const PARITY_RULE: RuleMeta = {
  id: 'SF-ENV-PARITY',
  level: 'warn',
  title: 'Grant differs between environments',
  description: 'Given plans for several environments, a grant (grantee × privilege × target, environment names normalised) present in one and missing in another.',
  remediation: 'Add the grant to the environment that lacks it, or remove it from the one that has it (environments should differ only in names).',
};

export const EXPIRED_EXCEPTION_RULE: RuleMeta = {
  id: 'SF-EXCEPTION-EXPIRED',
  level: 'deny',
  title: 'Policy exception expired',
  description: 'An exception in the policy configuration is past its expiry date; it no longer applies, and this finding fails the check until it is renewed or removed.',
  remediation: 'Fix the excepted findings and delete the exception, or extend its expires date with a fresh reason.',
};

export const BUILTIN_RULES: readonly Rule[] = RULES;
export const RULE_CATALOGUE: readonly RuleMeta[] = [...RULES.map(({ id, level, title, description, remediation }) => ({ id, level, title, description, remediation })), PARITY_RULE, EXPIRED_EXCEPTION_RULE];
export const BUILTIN_RULE_IDS = new Set(RULE_CATALOGUE.map((r) => r.id));

/** Run every enabled built-in rule over one plan/state. */
export function runBuiltinRules(ctx: EvalContext, enabled: (id: string) => boolean): RawFinding[] {
  const out: RawFinding[] = [];
  const push = (r: RawFinding[] | RawFinding | undefined) => {
    if (!r) return;
    // A loop, not push(...r): spreading a million findings overflowed the call stack (a crash on 1M-resource plans).
    if (Array.isArray(r)) for (const f of r) out.push(f);
    else out.push(r);
  };
  const active = RULES.filter((r) => enabled(r.id));
  const perResource = active.filter((r) => r.check);
  for (const rc of ctx.resources) {
    if (!changed(rc)) continue;
    const g = ctx.grants.get(rc);
    for (const r of perResource) push(r.check!(rc, g, ctx));
  }
  for (const r of active) if (r.checkAll) push(r.checkAll(ctx));
  return out;
}
