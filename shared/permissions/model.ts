/**
 * Slipway's one permission model: which role needs which privilege, on what,
 * for which command, and why. The docs table (docs/permissions.md), the
 * reference Terraform (action-examples/terraform) and `slipway doctor` all
 * follow this list; test/permissions checks that they agree with it and that
 * every privilege the generated SQL needs appears here.
 *
 * Design: no role needs MANAGE GRANTS unless a feature that truly needs it is
 * switched on. Readers (consumers, PR reviewers, CI reading production for
 * `--defer`) get their reads from database-level future grants that an
 * administrator declares once in Terraform; Slipway's roles only create and
 * own schemas, so the grants they do make are on objects they own.
 */

/** The three roles of a Slipway setup (names as in the reference Terraform). */
export type RoleKey = 'ci' | 'deploy' | 'reader';

export const ROLES: Record<RoleKey, { example: string; postgresExample: string; who: string }> = {
  ci: { example: 'TRANSFORMER_DEV', postgresExample: 'slipway_ci', who: 'pull-request CI: pr-schema, slim-ci, schema-cleanup' },
  deploy: { example: 'TRANSFORMER_PROD', postgresExample: 'slipway_deploy', who: 'production: blue-green-swap, rollback, freshness-gate, the production run' },
  reader: { example: 'REPORTER_PROD', postgresExample: 'reporter', who: 'consumers of the published schemas (BI tools, analysts)' },
};

/** What a privilege is on, by the part of the setup it names. */
export type Target =
  | 'warehouse' // the role's virtual warehouse (Snowflake)
  | 'database' // the database the role builds in (ANALYTICS_<env>)
  | 'prod database' // production's database (ANALYTICS_PROD), read by CI for --defer
  | 'raw database' // where sources live (RAW_<env>)
  | 'account';

export type ObjectKind = 'warehouse' | 'database' | 'future schemas' | 'future tables' | 'future views' | 'account';

/** A feature a command uses; opt-in features are switched on by an input or flag. */
export type Feature =
  | 'pr-schema'
  | 'slim-ci'
  | 'schema-cleanup'
  | 'deploy'
  | 'rollback'
  | 'freshness'
  | 'consumer'
  | 'reviewer-roles'
  | 'schema-future-grants'
  | 'database-swap';

/** Every feature a user can name (`--features`, the doctor action's `features`). */
export const FEATURES: readonly Feature[] = ['pr-schema', 'slim-ci', 'schema-cleanup', 'deploy', 'rollback', 'freshness', 'reviewer-roles', 'schema-future-grants', 'database-swap'];

export const OPT_IN_FEATURES: Record<string, string> = {
  'reviewer-roles': 'pr-schema input `reviewer-roles` (`--reviewer-roles`): schema-level future grants on each PR schema',
  'schema-future-grants': 'published schemas that carry schema-level future grants, which the cutover mirrors onto the new views schema',
  'database-swap': 'blue-green-swap input `database-swap` (`--database-swap`): one ALTER DATABASE … SWAP WITH for every published schema',
};

export interface Permission {
  role: RoleKey;
  privileges: string[];
  kind: ObjectKind;
  target: Target;
  features: Feature[];
  commands: string[];
  why: string;
  /** The Postgres statement-level equivalent, when there is one (Postgres has no warehouses or future grants). */
  postgres?: { privileges: string[]; on: 'database' | 'schemas' };
  /** Set for rows only an opt-in feature needs. */
  optIn?: keyof typeof OPT_IN_FEATURES;
}

export const PERMISSIONS: readonly Permission[] = [
  // ---- CI (pull requests) ----
  { role: 'ci', privileges: ['USAGE'], kind: 'warehouse', target: 'warehouse', features: ['pr-schema', 'slim-ci', 'schema-cleanup'], commands: ['pr-schema create', 'slim-ci', 'schema-cleanup'], why: 'run any query' },
  {
    role: 'ci', privileges: ['USAGE', 'CREATE SCHEMA'], kind: 'database', target: 'database', features: ['pr-schema', 'slim-ci', 'schema-cleanup'],
    commands: ['pr-schema create', 'slim-ci (dbt build)', 'schema-cleanup'],
    why: 'create CI_PR_<n>; the CI role then owns it, so it can build in it, grant on it and drop it with no further privilege',
    postgres: { privileges: ['CONNECT', 'CREATE'], on: 'database' },
  },
  { role: 'ci', privileges: ['USAGE'], kind: 'database', target: 'raw database', features: ['slim-ci'], commands: ['slim-ci (dbt build)'], why: 'dbt reads the sources' },
  { role: 'ci', privileges: ['USAGE'], kind: 'future schemas', target: 'raw database', features: ['slim-ci'], commands: ['slim-ci (dbt build)'], why: 'dbt reads the sources' },
  { role: 'ci', privileges: ['SELECT'], kind: 'future tables', target: 'raw database', features: ['slim-ci'], commands: ['slim-ci (dbt build)'], why: 'dbt reads the sources' },
  { role: 'ci', privileges: ['USAGE'], kind: 'database', target: 'prod database', features: ['slim-ci'], commands: ['slim-ci (dbt build --defer)'], why: "--defer reads unchanged parents from production's live colour schema" },
  { role: 'ci', privileges: ['USAGE'], kind: 'future schemas', target: 'prod database', features: ['slim-ci'], commands: ['slim-ci (dbt build --defer)'], why: "--defer reads unchanged parents from production's live colour schema", postgres: { privileges: ['USAGE'], on: 'schemas' } },
  { role: 'ci', privileges: ['SELECT'], kind: 'future tables', target: 'prod database', features: ['slim-ci'], commands: ['slim-ci (dbt build --defer)'], why: "--defer reads unchanged parents from production's live colour schema", postgres: { privileges: ['SELECT'], on: 'schemas' } },
  { role: 'ci', privileges: ['SELECT'], kind: 'future views', target: 'prod database', features: ['slim-ci'], commands: ['slim-ci (dbt build --defer)'], why: "--defer reads unchanged parents from production's live colour schema" },
  {
    role: 'ci', privileges: ['MANAGE GRANTS'], kind: 'account', target: 'account', features: ['reviewer-roles'], commands: ['pr-schema create --reviewer-roles'], optIn: 'reviewer-roles',
    why: 'only with reviewer-roles: GRANT … ON FUTURE … IN SCHEMA needs MANAGE GRANTS even for the owner. Without it, give reviewers database-level future grants in Terraform instead',
  },
  // ---- deploy (production) ----
  { role: 'deploy', privileges: ['USAGE'], kind: 'warehouse', target: 'warehouse', features: ['deploy', 'rollback', 'freshness'], commands: ['deploy prepare|cutover|abort|adopt', 'rollback', 'freshness'], why: 'run any query' },
  {
    role: 'deploy', privileges: ['USAGE', 'CREATE SCHEMA'], kind: 'database', target: 'database', features: ['deploy', 'rollback'],
    commands: ['deploy prepare', 'deploy cutover', 'rollback'],
    why: 'create (and so own) the colour schemas <S>__BLUE/<S>__GREEN, the views schema <S>__NEXT and the SLIPWAY admin schema; SWAP WITH and time travel need ownership of both schemas, which the creator has',
    postgres: { privileges: ['CONNECT', 'CREATE'], on: 'database' },
  },
  { role: 'deploy', privileges: ['USAGE'], kind: 'database', target: 'raw database', features: ['deploy', 'freshness'], commands: ['dbt build', 'freshness'], why: 'dbt and the freshness gate read the sources' },
  { role: 'deploy', privileges: ['USAGE'], kind: 'future schemas', target: 'raw database', features: ['deploy', 'freshness'], commands: ['dbt build', 'freshness'], why: 'dbt and the freshness gate read the sources' },
  { role: 'deploy', privileges: ['SELECT'], kind: 'future tables', target: 'raw database', features: ['deploy', 'freshness'], commands: ['dbt build', 'freshness'], why: 'dbt and the freshness gate read the sources' },
  {
    role: 'deploy', privileges: ['MANAGE GRANTS'], kind: 'account', target: 'account', features: ['schema-future-grants'], commands: ['deploy cutover'], optIn: 'schema-future-grants',
    why: 'only when a published schema carries schema-level future grants: the cutover re-creates them on the new views schema. Declare future grants at database level (the reference Terraform does) and this is never needed',
  },
  {
    role: 'deploy', privileges: ['CREATE DATABASE'], kind: 'account', target: 'account', features: ['database-swap'], commands: ['deploy cutover --database-swap'], optIn: 'database-swap',
    why: 'only with database-swap: the first deploy creates the consumer database\'s staging twin <DB>__NEXT, which the deploy role then owns and swaps',
  },
  // ---- readers ----
  { role: 'reader', privileges: ['USAGE'], kind: 'database', target: 'database', features: ['consumer'], commands: ['(consumers)'], why: 'reach the published schemas' },
  { role: 'reader', privileges: ['USAGE'], kind: 'future schemas', target: 'database', features: ['consumer'], commands: ['(consumers)'], why: 'every schema Slipway creates is readable with no grant of its own', postgres: { privileges: ['USAGE'], on: 'schemas' } },
  { role: 'reader', privileges: ['SELECT'], kind: 'future tables', target: 'database', features: ['consumer'], commands: ['(consumers)'], why: 'read the colour tables the published views select from', postgres: { privileges: ['SELECT'], on: 'schemas' } },
  { role: 'reader', privileges: ['SELECT'], kind: 'future views', target: 'database', features: ['consumer'], commands: ['(consumers)'], why: 'read the published views, which the cutover re-creates on every deploy' },
];

/** Which role a feature's commands run as. */
export function roleForFeature(f: Feature): RoleKey {
  const row = PERMISSIONS.find((p) => p.features.includes(f));
  return row?.role ?? 'reader';
}

/** The rows a role needs for the features that are switched on (opt-in rows only when their feature is named). */
export function permissionsFor(role: RoleKey, features: readonly Feature[]): Permission[] {
  return PERMISSIONS.filter((p) => p.role === role && p.features.some((f) => features.includes(f)));
}

/** The privileges every row names, upper case, for coverage checks. */
export function allPrivileges(): Set<string> {
  return new Set(PERMISSIONS.flatMap((p) => p.privileges.map((x) => x.toUpperCase())));
}

function kindText(p: Permission): string {
  const on = p.target === 'warehouse' ? 'the warehouse' : p.target === 'account' ? 'the account' : `the ${p.target}`;
  switch (p.kind) {
    case 'future schemas':
      return `future schemas in ${on}`;
    case 'future tables':
      return `future tables in ${on}`;
    case 'future views':
      return `future views in ${on}`;
    default:
      return on;
  }
}

/** The Markdown table of docs/permissions.md (between its generated-table markers). */
export function permissionsTable(): string {
  const lines = ['| role | privileges | on | needed by | why |', '| --- | --- | --- | --- | --- |'];
  for (const p of PERMISSIONS) {
    const role = `${p.role} (\`${ROLES[p.role].example}\`)`;
    const privs = p.privileges.join(', ') + (p.optIn ? ' *(opt-in)*' : '');
    lines.push(`| ${role} | ${privs} | ${kindText(p)} | ${p.commands.map((c) => `\`${c}\``).join(', ')} | ${p.why} |`);
  }
  return lines.join('\n');
}
