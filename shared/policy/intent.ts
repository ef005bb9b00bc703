/**
 * Role intent: which role classes exist, which databases each may read or
 * write, and which roles belong to each (permifrost-like). The read-only and
 * role-scope rules read it. Defaults follow the LOADER / TRANSFORMER /
 * REPORTER pattern (LOADER writes RAW, TRANSFORMER reads RAW and writes
 * ANALYTICS, REPORTER reads ANALYTICS). An example file with the same
 * content is docs/examples/role-intent.yml.
 */
import picomatch from 'picomatch';
import { z } from 'zod';

export const DEFAULT_ENVIRONMENTS = ['DEV', 'DEVELOPMENT', 'TEST', 'QA', 'UAT', 'STG', 'STAGE', 'STAGING', 'PREPROD', 'PRD', 'PROD', 'PRODUCTION'];
export const DEFAULT_ADMIN_ROLES = ['ACCOUNTADMIN', 'SECURITYADMIN', 'USERADMIN', 'SYSADMIN', 'ORGADMIN'];
export const DEFAULT_READ_PRIVILEGES = ['USAGE', 'SELECT', 'REFERENCES', 'MONITOR', 'READ', 'IMPORTED PRIVILEGES'];

const NameList = z.array(z.string().min(1, 'must not be empty'));

export const RoleClassSchema = z
  .object({
    description: z.string().optional(),
    /** Role names or globs (`REPORTER*`, `*_READ`), case-insensitive; environment suffixes are normalised first. */
    roles: NameList.default([]),
    /** Databases (names or globs) the class may read. Writing implies reading. */
    reads: NameList.default([]),
    /** Databases (names or globs) the class may write (create, modify, own). */
    writes: NameList.default([]),
    /** Read-only classes may hold only read privileges (default: true when `writes` is empty). */
    read_only: z.boolean().optional(),
  })
  .strict();

export const RoleIntentSchema = z
  .object({
    version: z.literal(1).default(1),
    classes: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'class names are letters, digits, _ and -'), RoleClassSchema),
    admin_roles: NameList.default(DEFAULT_ADMIN_ROLES),
    /** Users that are services (granting them an admin role is denied). Names or globs. */
    service_users: NameList.default(['*_SVC', 'SVC_*', '*_SERVICE', 'FIVETRAN*', 'AIRBYTE*', 'DBT*', 'LOADER*', 'TRANSFORMER*']),
    /** Privileges a read-only class may hold. */
    read_privileges: NameList.default(DEFAULT_READ_PRIVILEGES),
    /** Environment tokens stripped from role/database names before matching (`ANALYTICS_PROD` → `ANALYTICS`). */
    environments: NameList.default(DEFAULT_ENVIRONMENTS),
    /** When true, a classified role touching a database no class mentions is a role-scope violation too. */
    strict_databases: z.boolean().default(false),
  })
  .strict();

export type RoleIntentInput = z.input<typeof RoleIntentSchema>;
export type RoleIntentConfig = z.output<typeof RoleIntentSchema>;

export const DEFAULT_ROLE_INTENT: RoleIntentInput = {
  version: 1,
  classes: {
    LOADER: { description: 'Ingestion tools (Fivetran, Airbyte, Snowpipe): write raw data.', roles: ['LOADER*', 'FIVETRAN*', 'AIRBYTE*', 'STITCH*'], reads: [], writes: ['RAW'] },
    TRANSFORMER: { description: 'dbt: reads raw data, builds analytics.', roles: ['TRANSFORMER*', 'DBT*'], reads: ['RAW'], writes: ['ANALYTICS'] },
    REPORTER: { description: 'BI tools and analysts: read analytics only.', roles: ['REPORTER*', 'ANALYST*', 'READER*'], reads: ['ANALYTICS'], writes: [] },
    READ_ACCESS: { description: 'Access roles that only read (<DB>_READ, <DB>_R_AR): read-only, on any database.', roles: ['*_READ', '*_R_AR', '*_RO'], reads: ['*'], writes: [] },
  },
  admin_roles: DEFAULT_ADMIN_ROLES,
  service_users: ['*_SVC', 'SVC_*', '*_SERVICE', 'FIVETRAN*', 'AIRBYTE*', 'DBT*', 'LOADER*', 'TRANSFORMER*'],
  read_privileges: DEFAULT_READ_PRIVILEGES,
  environments: DEFAULT_ENVIRONMENTS,
  strict_databases: false,
};

export interface RoleClass {
  name: string;
  description?: string;
  readOnly: boolean;
  matchRole: (normalisedRole: string) => boolean;
  exactRoles: Set<string>;
  canRead: (db: string) => boolean;
  canWrite: (db: string) => boolean;
}

export interface RoleIntent {
  classes: RoleClass[];
  classOf(role: string): RoleClass | undefined;
  isAdmin(role: string): boolean;
  isServiceUser(user: string): boolean;
  isReadPrivilege(p: string): boolean;
  /** Does any class mention this database? */
  knowsDatabase(db: string): boolean;
  strictDatabases: boolean;
  normaliseEnv(name: string): string;
  environments: string[];
}

function memo(fn: (s: string) => boolean): (s: string) => boolean {
  const cache = new Map<string, boolean>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      v = fn(s);
      if (cache.size > 10_000) cache.clear();
      cache.set(s, v);
    }
    return v;
  };
}

function globs(patterns: string[]): (s: string) => boolean {
  if (patterns.length === 0) return () => false;
  return picomatch(patterns.map((p) => p.toUpperCase()), { nocase: true, dot: true });
}

/** Strip environment tokens from each dot-separated part: `TRANSFORMER_PROD` → `TRANSFORMER`, `DEV_RAW.S` → `RAW.S`. */
export function makeEnvNormaliser(environments: string[]): (name: string) => string {
  const envs = new Set(environments.map((e) => e.toUpperCase()));
  return (name: string) =>
    name
      .split('.')
      .map((part) => {
        const tokens = part.split(/[_-]/);
        const kept = tokens.filter((t) => !envs.has(t.toUpperCase()));
        return kept.length === 0 || kept.length === tokens.length ? part : kept.join('_');
      })
      .join('.');
}

export function buildRoleIntent(cfg: RoleIntentConfig): RoleIntent {
  const normaliseEnv = makeEnvNormaliser(cfg.environments);
  const up = (s: string) => normaliseEnv(s.toUpperCase());
  const classes: RoleClass[] = Object.entries(cfg.classes).map(([name, c]) => {
    const exact = new Set(c.roles.filter((r) => !/[*?[\]{}]/.test(r)).map((r) => r.toUpperCase()));
    const roleGlob = globs(c.roles);
    const reads = globs([...c.reads, ...c.writes]);
    const writes = globs(c.writes);
    return {
      name,
      description: c.description,
      readOnly: c.read_only ?? c.writes.length === 0,
      exactRoles: exact,
      matchRole: (r) => roleGlob(r) || roleGlob(up(r)),
      canRead: memo((db) => reads(db.toUpperCase()) || reads(up(db))),
      canWrite: memo((db) => writes(db.toUpperCase()) || writes(up(db))),
    };
  });
  const admins = new Set(cfg.admin_roles.map((r) => r.toUpperCase()));
  const service = globs(cfg.service_users);
  const readPrivs = new Set(cfg.read_privileges.map((p) => p.toUpperCase()));
  // Databases the intent names (a class that may read `*` names none).
  const allDbs = globs(Object.values(cfg.classes).flatMap((c) => [...c.reads, ...c.writes]).filter((d) => !/^\*+$/.test(d)));
  const cache = new Map<string, RoleClass | undefined>();
  return {
    classes,
    classOf(role) {
      const key = role.toUpperCase();
      if (cache.has(key)) return cache.get(key);
      if (admins.has(key) || key === 'PUBLIC') {
        cache.set(key, undefined);
        return undefined;
      }
      const found = classes.find((c) => c.exactRoles.has(key) || c.exactRoles.has(up(key))) ?? classes.find((c) => c.matchRole(key));
      cache.set(key, found);
      return found;
    },
    isAdmin: (role) => admins.has(role.toUpperCase()),
    isServiceUser: (user) => service(user.toUpperCase()),
    isReadPrivilege: (p) => readPrivs.has(p.toUpperCase()),
    knowsDatabase: memo((db) => allDbs(db.toUpperCase()) || allDbs(up(db))),
    strictDatabases: cfg.strict_databases,
    normaliseEnv,
    environments: cfg.environments,
  };
}

export const defaultRoleIntent = (): RoleIntent => buildRoleIntent(RoleIntentSchema.parse(DEFAULT_ROLE_INTENT));
