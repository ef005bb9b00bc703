/**
 * `slipway doctor`: is this setup able to do what it is configured to do?
 * Connection and profile, the grants each feature needs (from the one
 * permission model, shared/permissions/model.ts), DEPLOY_STATE and the deploy
 * lock, a production state folder, and a GitHub token. Every missing grant is
 * printed as the statement an administrator runs; anything missing makes the
 * verdict "not ready" (exit 1).
 */
import { doctorSql, type DoctorSql } from '../dialects/doctor.js';
import { loadManifest } from '../dbt/artifacts.js';
import { readDeployState } from '../deploy/state.js';
import { OPT_IN_FEATURES, permissionsFor, roleForFeature, type Feature, type Permission, type RoleKey } from '../permissions/model.js';
import { resolveName } from '../sql/identifiers.js';
import { runStatement } from '../warehouse/run.js';
import type { Queryable, Warehouse } from '../warehouse/types.js';

export type CheckStatus = 'ok' | 'missing' | 'warn' | 'skip';

export interface DoctorCheck {
  area: 'connection' | 'grants' | 'deploy-state' | 'state' | 'github';
  name: string;
  status: CheckStatus;
  detail: string;
  /** Ready-to-run SQL (missing grants) or the command that fixes it. */
  fix?: string;
}

export interface DoctorReport {
  ready: boolean;
  role: RoleKey;
  features: Feature[];
  connection: { dialect: string; description: string; role?: string; database?: string; warehouse?: string | null };
  checks: DoctorCheck[];
}

export interface DoctorOptions {
  /** Which of Slipway's roles this connection plays; default from the features. */
  as?: RoleKey;
  /** Features to check (opt-in ones only when named). */
  features: Feature[];
  rawDatabase?: string;
  prodDatabase?: string;
  /** DEPLOY_STATE checks for this environment. */
  environment?: string;
  adminSchema?: string;
  /** A production state folder (manifest.json) to validate. */
  stateDir?: string;
  github?: { token?: string; repository?: string; apiUrl?: string };
}

export const DEFAULT_FEATURES: Record<RoleKey, Feature[]> = {
  ci: ['pr-schema', 'slim-ci', 'schema-cleanup'],
  deploy: ['deploy', 'rollback', 'freshness'],
  reader: ['consumer'],
};

/**
 * Which role and features to check: `as` when given, else the role of the
 * first named (non-opt-in) feature, else deploy for a target named prod*,
 * else ci. Opt-in features alone add to the role's defaults.
 */
export function doctorScope(as: RoleKey | undefined, features: readonly Feature[], target?: string): { as: RoleKey; features: Feature[] } {
  const plain = features.filter((f) => !(f in OPT_IN_FEATURES));
  const role: RoleKey = as ?? (plain.length ? roleForFeature(plain[0]!) : /^prod/i.test(target ?? '') ? 'deploy' : 'ci');
  return { as: role, features: plain.length ? [...features] : [...DEFAULT_FEATURES[role], ...features] };
}

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** A grant Snowflake says a role holds: privilege on (kind, name). */
interface Held {
  privilege: string;
  kind: string;
  name: string;
}

/**
 * Everything `role` holds on Snowflake, following granted roles (bounded):
 * direct grants from SHOW GRANTS TO ROLE, future grants from SHOW FUTURE
 * GRANTS IN DATABASE for each database named.
 */
export async function snowflakeHeld(q: Queryable, sql: DoctorSql, role: string, databases: string[]): Promise<{ held: Held[]; roles: string[] }> {
  const roles = new Set<string>([role.toUpperCase()]);
  const queue = [role];
  const held: Held[] = [];
  for (let i = 0; i < queue.length && i < 200; i++) {
    for (const r of await runStatement(q, sql.grantsToRole!(queue[i]))) {
      const on = str(r.granted_on).toUpperCase();
      const name = str(r.name);
      const privilege = str(r.privilege).toUpperCase();
      if (on === 'ROLE' && privilege === 'USAGE' && !roles.has(name.toUpperCase())) {
        roles.add(name.toUpperCase());
        queue.push(name);
      }
      held.push({ privilege, kind: on, name: name.replace(/^"|"$/g, '') });
    }
  }
  for (const db of databases) {
    let future: Record<string, unknown>[] = [];
    try {
      future = await runStatement(q, sql.futureGrantsInDatabase!(db));
    } catch {
      continue; // no access to the database at all: its USAGE check already says so
    }
    for (const r of future) {
      if (!roles.has(str(r.grantee_name).toUpperCase())) continue;
      held.push({ privilege: str(r.privilege).toUpperCase(), kind: `FUTURE ${str(r.grant_on).toUpperCase()}`, name: db });
    }
  }
  return { held, roles: [...roles] };
}

function snowflakeHas(held: Held[], privilege: string, p: Permission, name: string): boolean {
  const kind = { warehouse: 'WAREHOUSE', database: 'DATABASE', account: 'ACCOUNT', 'future schemas': 'FUTURE SCHEMA', 'future tables': 'FUTURE TABLE', 'future views': 'FUTURE VIEW' }[p.kind];
  const sameName = (h: Held) => p.kind === 'account' || h.name.toUpperCase() === name.toUpperCase() || h.name.toUpperCase().endsWith(`.${name.toUpperCase()}`);
  return held.some((h) => h.kind === kind && sameName(h) && (h.privilege === privilege || (h.privilege === 'OWNERSHIP' && p.kind !== 'account')));
}

export async function runDoctor(warehouse: Warehouse, opts: DoctorOptions): Promise<DoctorReport> {
  const sql = doctorSql(warehouse.dialect);
  const checks: DoctorCheck[] = [];
  const role: RoleKey = opts.as ?? roleForFeature(opts.features[0] ?? 'pr-schema');
  const features = opts.features.length ? opts.features : DEFAULT_FEATURES[role];
  const who = (await runStatement(warehouse, sql.whoAmI()))[0] ?? {};
  const me = { role: str(who.role), database: str(who.database), warehouse: (who.warehouse as string | null) ?? null };
  checks.push({ area: 'connection', name: 'connect', status: 'ok', detail: `${warehouse.description}; ${warehouse.dialect === 'snowflake' ? 'role' : 'user'} ${me.role}, database ${me.database || '(none)'}` });
  if (warehouse.dialect === 'snowflake' && !me.database) {
    checks.push({ area: 'connection', name: 'database', status: 'missing', detail: 'The session has no current database.', fix: 'Set `database:` in the profile (or SNOWFLAKE_DATABASE).' });
  }
  if (warehouse.dialect === 'snowflake' && !me.warehouse) {
    checks.push({ area: 'connection', name: 'warehouse', status: 'missing', detail: 'The session has no current warehouse, so no query can run.', fix: 'Set `warehouse:` in the profile (or SNOWFLAKE_WAREHOUSE), and grant USAGE on it.' });
  }

  const needed = permissionsFor(role, features);
  const targetName = (p: Permission): string | undefined =>
    p.target === 'warehouse' ? me.warehouse ?? undefined : p.target === 'database' ? me.database : p.target === 'raw database' ? opts.rawDatabase : p.target === 'prod database' ? opts.prodDatabase : undefined;

  if (warehouse.dialect === 'snowflake') {
    const dbs = [...new Set([me.database, opts.rawDatabase, opts.prodDatabase].filter((x): x is string => !!x).map((d) => resolveName(d, 'snowflake')))];
    const { held } = await snowflakeHeld(warehouse, sql, me.role, dbs);
    for (const p of needed) {
      const name = p.kind === 'account' ? 'ACCOUNT' : targetName(p);
      if (!name) {
        checks.push({ area: 'grants', name: `${p.privileges.join(', ')} on ${p.kind} (${p.target})`, status: 'skip', detail: `not checked: name the ${p.target} with --${p.target === 'raw database' ? 'raw' : 'prod'}-database` });
        continue;
      }
      const resolved = p.kind === 'account' ? name : resolveName(name, 'snowflake');
      for (const privilege of p.privileges) {
        const ok = snowflakeHas(held, privilege, p, resolved);
        checks.push({
          area: 'grants',
          name: `${privilege} on ${p.kind}${p.kind === 'account' ? '' : ` ${resolved}`}`,
          status: ok ? 'ok' : p.optIn ? 'missing' : 'missing',
          detail: `${p.commands.join(', ')}: ${p.why}`,
          fix: ok ? undefined : `${sql.grant(privilege, { kind: p.kind, name: resolved }, me.role).sql};`,
        });
      }
    }
  } else {
    const db = (await runStatement(warehouse, sql.databasePrivileges!()))[0] ?? {};
    for (const p of needed.filter((x) => x.postgres?.on === 'database')) {
      for (const privilege of p.postgres!.privileges) {
        const ok = db[privilege.toLowerCase()] === true;
        checks.push({ area: 'grants', name: `${privilege} on database ${me.database}`, status: ok ? 'ok' : 'missing', detail: `${p.commands.join(', ')}: ${p.why}`, fix: ok ? undefined : `${sql.grant(privilege, { kind: 'database', name: me.database }, me.role).sql};` });
      }
    }
    // CI's --defer (and readers) must read the live colour schemas, known from DEPLOY_STATE.
    if (needed.some((x) => x.postgres?.on === 'schemas') && role !== 'deploy') {
      const live = opts.environment ? await liveSchemas(warehouse, opts) : undefined;
      if (!live?.length) {
        checks.push({ area: 'grants', name: 'read the live colour schemas', status: 'skip', detail: opts.environment ? `nothing is live in ${opts.environment} yet` : 'not checked: pass --environment so doctor can find the live colour schemas in DEPLOY_STATE' });
      }
      for (const schema of live ?? []) {
        const r = (await runStatement(warehouse, sql.schemaReadable!(schema)))[0];
        const usage = r ? r.usage === true : false;
        const unreadable = r ? Number(r.unreadable) : 0;
        const ok = !!r && usage && unreadable === 0;
        const fix = ok ? undefined : [!usage ? sql.grant('USAGE', { kind: 'future schemas', name: schema }, me.role).sql : '', unreadable > 0 || !usage ? sql.grant('SELECT', { kind: 'future tables', name: schema }, me.role).sql : ''].filter(Boolean).map((s) => `${s};`).join('\n');
        checks.push({ area: 'grants', name: `read ${schema}`, status: ok ? 'ok' : 'missing', detail: r ? (usage ? `${unreadable} relation(s) not readable` : 'no USAGE on the schema') : 'the schema does not exist', fix });
      }
    }
  }

  if (opts.environment) checks.push(...(await deployStateChecks(warehouse, opts)));
  if (opts.stateDir) checks.push(await stateCheck(opts.stateDir));
  if (opts.github?.token) checks.push(await githubCheck(opts.github));

  return {
    ready: !checks.some((c) => c.status === 'missing'),
    role,
    features,
    connection: { dialect: warehouse.dialect, description: warehouse.description, role: me.role, database: me.database, warehouse: me.warehouse },
    checks,
  };
}

async function liveSchemas(warehouse: Warehouse, opts: DoctorOptions): Promise<string[] | undefined> {
  try {
    const state = await readDeployState(warehouse, { environment: opts.environment!, adminSchema: opts.adminSchema });
    const live = state.live;
    if (!live?.colour) return undefined;
    const suffix = live.colour === 'blue' ? '__BLUE' : '__GREEN';
    return live.schemas.map((s) => `${s}${suffix}`);
  } catch {
    return undefined;
  }
}

async function deployStateChecks(warehouse: Warehouse, opts: DoctorOptions): Promise<DoctorCheck[]> {
  const env = opts.environment!;
  try {
    const state = await readDeployState(warehouse, { environment: env, adminSchema: opts.adminSchema });
    if (!state.initialised) return [{ area: 'deploy-state', name: 'DEPLOY_STATE', status: 'warn', detail: `No DEPLOY_STATE in this database yet: nothing was ever deployed to ${env} here. The first \`deploy prepare\` creates it.` }];
    const out: DoctorCheck[] = [];
    const live = state.live;
    out.push({ area: 'deploy-state', name: 'live deploy', status: live ? 'ok' : 'warn', detail: live ? `${live.deployId} (${live.colour}) since ${live.updatedAt ?? '?'} by ${live.actor ?? '?'}` : `Nothing is live in ${env} yet.` });
    const lock = state.lock;
    if (lock?.holder) {
      out.push(
        lock.expired
          ? { area: 'deploy-state', name: 'deploy lock', status: 'warn', detail: `Held by ${lock.holder} (${lock.actor ?? '?'}) but expired at ${lock.expiresAt}: the next deploy takes it over.`, fix: `slipway deploy unlock --environment ${env} --reason "<why>"` }
          : { area: 'deploy-state', name: 'deploy lock', status: 'ok', detail: `Held by ${lock.holder} (${lock.actor ?? '?'}${lock.runUrl ? `, ${lock.runUrl}` : ''}) until ${lock.expiresAt}.` },
      );
    } else out.push({ area: 'deploy-state', name: 'deploy lock', status: 'ok', detail: 'free' });
    const last = state.deploys[state.deploys.length - 1];
    if (last && (last.status === 'STARTED' || last.status === 'BUILT' || last.status === 'CHECKED') && !lock?.holder) {
      out.push({ area: 'deploy-state', name: 'unfinished deploy', status: 'warn', detail: `${last.deployId} is ${last.status} but holds no lock: it was abandoned.`, fix: `slipway deploy abort --environment ${env} --reason "<why>"` });
    }
    return out;
  } catch (err) {
    return [{ area: 'deploy-state', name: 'DEPLOY_STATE', status: 'missing', detail: `Cannot read DEPLOY_STATE: ${(err as Error).message}`, fix: 'Grant the role read access to the SLIPWAY admin schema, or pass --admin-schema.' }];
  }
}

async function stateCheck(dir: string): Promise<DoctorCheck> {
  try {
    const m = await loadManifest(`${dir.replace(/\/+$/, '')}/manifest.json`);
    return { area: 'state', name: 'production state', status: 'ok', detail: `${dir}/manifest.json: ${Object.keys(m.nodes ?? {}).length} nodes` };
  } catch (err) {
    return { area: 'state', name: 'production state', status: 'missing', detail: `${dir}/manifest.json cannot be used: ${(err as Error).message}`, fix: 'Run a deploy (it saves state), or `slipway state save` from a good production build.' };
  }
}

async function githubCheck(gh: NonNullable<DoctorOptions['github']>): Promise<DoctorCheck> {
  if (!gh.repository) return { area: 'github', name: 'GitHub token', status: 'skip', detail: 'GITHUB_TOKEN is set but GITHUB_REPOSITORY is not: cannot check it against a repository.' };
  try {
    // Loaded here: only this check needs the GitHub client (~45 ms of CPU on every doctor run otherwise).
    const { createOctokit } = await import('../github/client.js');
    const octokit = createOctokit({ token: gh.token!, baseUrl: gh.apiUrl, retries: 0, requestTimeoutMs: 10_000 });
    const [owner, repo] = gh.repository.split('/');
    const res = await octokit.request('GET /repos/{owner}/{repo}', { owner, repo });
    const scopes = res.headers['x-oauth-scopes'];
    return { area: 'github', name: 'GitHub token', status: 'ok', detail: `reads ${gh.repository}${scopes !== undefined ? `; scopes: ${scopes || '(none)'}` : ''}` };
  } catch (err) {
    const status = (err as { status?: number }).status;
    return {
      area: 'github',
      name: 'GitHub token',
      status: 'missing',
      detail: `GET /repos/${gh.repository} failed${status ? ` with ${status}` : ''}: ${(err as Error).message}`,
      fix: status === 401 ? 'The token is invalid or expired: renew it.' : 'Give the token read access to the repository (contents: read), plus pull-requests: write and checks: write for reports.',
    };
  }
}

/** The report for people: one line per check, then the SQL to run. */
export function doctorText(r: DoctorReport): string {
  const mark: Record<CheckStatus, string> = { ok: 'ok  ', missing: 'MISS', warn: 'warn', skip: 'skip' };
  const lines = [`slipway doctor — ${r.connection.description} as the ${r.role} role (${r.features.join(', ')})`, ''];
  for (const c of r.checks) lines.push(`  [${mark[c.status]}] ${c.area}: ${c.name} — ${c.detail}`);
  const fixes = r.checks.filter((c) => c.status === 'missing' && c.fix).map((c) => c.fix!);
  if (fixes.length) lines.push('', 'To fix, an administrator runs:', '', ...fixes.map((f) => `  ${f.replace(/\n/g, '\n  ')}`));
  lines.push('', r.ready ? 'Ready.' : `Not ready: ${r.checks.filter((c) => c.status === 'missing').length} thing(s) missing.`);
  return lines.join('\n');
}
