/**
 * Connection configuration: a dbt `profiles.yml` (profile + target, with
 * `{{ env_var('X') }}` / `{{ env_var('X', 'default') }}` rendered; any other
 * Jinja is refused) or explicit settings, validated with zod. Secrets are
 * handed to `mask` the moment they are read.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { UserError } from '../errors.js';
import type { ConnectionConfig } from '../warehouse/index.js';
import type { PgliteConfig } from '../warehouse/pglite.js';
import type { SnowflakeConfig } from '../warehouse/snowflake.js';

export type { ConnectionConfig };

/** Keys whose values are secrets in a dbt profile. */
const SECRET_KEYS = new Set(['password', 'private_key', 'private_key_passphrase', 'token', 'oauth_client_secret', 'pass']);

const ENV_VAR = /\{\{\s*env_var\(\s*(['"])([^'"]+)\1\s*(?:,\s*(['"])((?:(?!\3).)*)\3\s*)?\)\s*(?:\|\s*(as_number|as_bool|as_text|int)\s*)?\}\}/g;

/** Render dbt's env_var() calls inside one string value; anything else that looks like Jinja is an error. */
export function renderEnvVars(value: string, env: NodeJS.ProcessEnv, where: string): string {
  const out = value.replace(ENV_VAR, (_m, _q, name: string, _q2, dflt: string | undefined) => {
    const v = env[name];
    if (v !== undefined) return v;
    if (dflt !== undefined) return dflt;
    throw new UserError(`${where} uses env_var('${name}'), but ${name} is not set and there is no default.`, {
      hint: `Set the environment variable ${name} (in GitHub: from a secret, under env:), or give a default: env_var('${name}', '…').`,
    });
  });
  if (/\{\{|\{%|\{#/.test(out)) {
    throw new UserError(`${where} contains Jinja that Slipway cannot render: ${value.slice(0, 120)}`, {
      hint: "Slipway renders only {{ env_var('NAME') }} and {{ env_var('NAME', 'default') }} in profiles.yml; replace other expressions with an environment variable.",
    });
  }
  return out;
}

function renderTree(node: unknown, env: NodeJS.ProcessEnv, path: string, mask: (s: string) => void): unknown {
  if (typeof node === 'string') {
    const v = renderEnvVars(node, env, path);
    const key = path.split('.').pop() ?? '';
    if (SECRET_KEYS.has(key)) mask(v);
    return v;
  }
  if (Array.isArray(node)) return node.map((n, i) => renderTree(n, env, `${path}[${i}]`, mask));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, renderTree(v, env, `${path}.${k}`, mask)]));
  }
  return node;
}

const intLike = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);

const snowflakeTarget = z
  .object({
    type: z.literal('snowflake'),
    account: z.string().min(1),
    user: z.string().min(1),
    password: z.string().optional(),
    private_key: z.string().optional(),
    private_key_path: z.string().optional(),
    private_key_passphrase: z.string().optional(),
    authenticator: z.string().optional(),
    token: z.string().optional(),
    role: z.string().optional(),
    warehouse: z.string().optional(),
    database: z.string().optional(),
    schema: z.string().optional(),
    query_timeout: intLike.optional(),
    connect_retries: intLike.optional(),
  })
  .passthrough();

const postgresTarget = z
  .object({
    type: z.enum(['postgres', 'postgresql']),
    host: z.string().min(1),
    port: intLike.default(5432),
    user: z.string().min(1),
    password: z.string().optional(),
    pass: z.string().optional(),
    dbname: z.string().min(1).optional(),
    database: z.string().min(1).optional(),
    schema: z.string().optional(),
    sslmode: z.string().optional(),
  })
  .passthrough();

const pgliteTarget = z.object({ type: z.literal('pglite'), path: z.string().min(1).default('memory'), schema: z.string().optional() }).passthrough();

function zodMessage(err: z.ZodError, where: string): string {
  return err.issues
    .map((i) => {
      const key = i.path.join('.') || '(root)';
      return `${where}: '${key}' ${i.code === 'invalid_type' && /undefined/.test(i.message) ? 'is missing' : i.message}`;
    })
    .join('; ');
}

async function readPem(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    throw new UserError(`private_key_path '${path}' cannot be read.`, { hint: 'Point private_key_path at the PEM file, or put the key itself in private_key.' });
  }
}

/** Turn one rendered target mapping into a validated ConnectionConfig. */
export async function targetToConfig(target: Record<string, unknown>, where: string): Promise<ConnectionConfig & { schema?: string }> {
  const type = target.type;
  if (type === 'snowflake') {
    const p = snowflakeTarget.safeParse(target);
    if (!p.success) throw new UserError(zodMessage(p.error, where), { hint: 'See dbt-snowflake profile docs; Slipway reads the same keys.' });
    const t = p.data;
    let auth: SnowflakeConfig['auth'];
    const authn = (t.authenticator ?? '').toLowerCase();
    if (t.private_key || t.private_key_path) {
      auth = { method: 'keypair', privateKey: t.private_key ?? (await readPem(t.private_key_path!)), privateKeyPassphrase: t.private_key_passphrase };
    } else if (authn === 'oauth') {
      if (!t.token) throw new UserError(`${where}: authenticator is oauth but 'token' is missing.`, { hint: "Add token: \"{{ env_var('SNOWFLAKE_OAUTH_TOKEN') }}\"." });
      auth = { method: 'oauth', token: t.token };
    } else if (t.password) {
      auth = { method: 'password', password: t.password };
    } else {
      throw new UserError(`${where}: no Snowflake credentials (private_key, private_key_path, password, or authenticator: oauth with token).`, {
        hint: "Key-pair auth is recommended in CI: private_key: \"{{ env_var('SNOWFLAKE_PRIVATE_KEY') }}\".",
      });
    }
    return {
      type: 'snowflake',
      account: t.account,
      user: t.user,
      auth,
      role: t.role,
      warehouse: t.warehouse,
      database: t.database,
      schema: t.schema,
      statementTimeoutSeconds: t.query_timeout,
      connectRetries: t.connect_retries,
    };
  }
  if (type === 'postgres' || type === 'postgresql') {
    const p = postgresTarget.safeParse(target);
    if (!p.success) throw new UserError(zodMessage(p.error, where), { hint: 'See dbt-postgres profile docs; Slipway reads the same keys.' });
    const t = p.data;
    const dbname = t.dbname ?? t.database;
    if (!dbname) throw new UserError(`${where}: 'dbname' is missing.`, { hint: 'Add dbname: <database> to the target.' });
    return { type: 'postgres', host: t.host, port: t.port, user: t.user, password: t.password ?? t.pass, dbname, schema: t.schema, sslmode: t.sslmode };
  }
  if (type === 'pglite') {
    const p = pgliteTarget.safeParse(target);
    if (!p.success) throw new UserError(zodMessage(p.error, where), { hint: 'type: pglite takes path: <data directory> or path: memory.' });
    return { type: 'pglite', path: p.data.path === 'memory' ? 'memory' : resolve(p.data.path), schema: p.data.schema } as PgliteConfig & { schema?: string };
  }
  throw new UserError(`${where}: warehouse type '${String(type)}' is not supported.`, { hint: 'Use type: snowflake, postgres, or pglite (the embedded engine).' });
}

export interface ProfileSelection {
  profilesDir?: string;
  profile?: string;
  target?: string;
  /** dbt_project.yml directory: its `profile:` names the default profile. */
  projectDir?: string;
  env?: NodeJS.ProcessEnv;
  mask?: (secret: string) => void;
}

/** Where dbt would look for profiles.yml: --profiles-dir, DBT_PROFILES_DIR, the project dir, ~/.dbt. */
export function profilesPath(sel: ProfileSelection): string {
  const env = sel.env ?? process.env;
  const candidates = [sel.profilesDir, env.DBT_PROFILES_DIR, sel.projectDir ?? '.', join(homedir(), '.dbt')].filter((d): d is string => !!d);
  for (const dir of candidates) {
    const p = join(dir, 'profiles.yml');
    if (existsSync(p)) return p;
  }
  throw new UserError(`No profiles.yml found (looked in ${candidates.join(', ')}).`, {
    hint: 'Pass --profiles-dir (or set DBT_PROFILES_DIR) to the folder holding profiles.yml.',
  });
}

export async function loadProfile(sel: ProfileSelection): Promise<ConnectionConfig & { schema?: string; profile: string; target: string }> {
  const env = sel.env ?? process.env;
  const mask = sel.mask ?? (() => undefined);
  const file = profilesPath(sel);
  let doc: unknown;
  try {
    doc = YAML.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new UserError(`${file} is not valid YAML: ${(err as Error).message}`, { hint: 'Fix the YAML syntax (yamllint can point at the line).' });
  }
  if (!doc || typeof doc !== 'object') throw new UserError(`${file} is empty or not a mapping.`, { hint: 'A profiles.yml maps profile names to { target, outputs }.' });
  let profileName = sel.profile ?? env.DBT_PROFILE;
  if (!profileName && sel.projectDir && existsSync(join(sel.projectDir, 'dbt_project.yml'))) {
    const proj = YAML.parse(await readFile(join(sel.projectDir, 'dbt_project.yml'), 'utf8')) as { profile?: string } | null;
    profileName = proj?.profile;
  }
  const profiles = Object.keys(doc).filter((k) => k !== 'config');
  if (!profileName) {
    if (profiles.length === 1) profileName = profiles[0]!;
    else throw new UserError(`${file} has ${profiles.length} profiles (${profiles.join(', ')}); which one?`, { hint: 'Pass --profile <name>.' });
  }
  const profile = (doc as Record<string, unknown>)[profileName] as { target?: string; outputs?: Record<string, unknown> } | undefined;
  if (!profile || typeof profile !== 'object') {
    throw new UserError(`Profile '${profileName}' is not in ${file} (it has: ${profiles.join(', ') || 'none'}).`, { hint: 'Pass --profile with one of those names.' });
  }
  const targetName = sel.target ?? env.DBT_TARGET ?? (profile.target ? renderEnvVars(profile.target, env, `${profileName}.target`) : undefined);
  if (!targetName) throw new UserError(`Profile '${profileName}' has no default target.`, { hint: 'Pass --target <name> or add target: to the profile.' });
  const outputs = profile.outputs ?? {};
  const raw = outputs[targetName];
  if (!raw || typeof raw !== 'object') {
    throw new UserError(`Target '${targetName}' is not in profile '${profileName}' (it has: ${Object.keys(outputs).join(', ') || 'none'}).`, {
      hint: 'Pass --target with one of those names.',
    });
  }
  const where = `${file} → ${profileName}.outputs.${targetName}`;
  const rendered = renderTree(raw, env, `${profileName}.outputs.${targetName}`, mask) as Record<string, unknown>;
  const config = await targetToConfig(rendered, where);
  return { ...config, profile: profileName, target: targetName };
}

/**
 * Connection from plain environment variables (no profiles.yml), as actions
 * usually receive secrets: SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER, SNOWFLAKE_PRIVATE_KEY
 * (or SNOWFLAKE_PASSWORD / SNOWFLAKE_OAUTH_TOKEN), SNOWFLAKE_ROLE, …; or
 * SLIPWAY_PGLITE_PATH; or DATABASE_URL / PGHOST… for Postgres.
 */
export async function configFromEnv(env: NodeJS.ProcessEnv, mask: (s: string) => void = () => undefined): Promise<ConnectionConfig | undefined> {
  if (env.SNOWFLAKE_ACCOUNT) {
    const t: Record<string, unknown> = {
      type: 'snowflake',
      account: env.SNOWFLAKE_ACCOUNT,
      user: env.SNOWFLAKE_USER,
      role: env.SNOWFLAKE_ROLE,
      warehouse: env.SNOWFLAKE_WAREHOUSE,
      database: env.SNOWFLAKE_DATABASE,
      schema: env.SNOWFLAKE_SCHEMA,
      private_key: env.SNOWFLAKE_PRIVATE_KEY,
      private_key_path: env.SNOWFLAKE_PRIVATE_KEY_PATH,
      private_key_passphrase: env.SNOWFLAKE_PRIVATE_KEY_PASSPHRASE,
      password: env.SNOWFLAKE_PASSWORD,
      token: env.SNOWFLAKE_OAUTH_TOKEN,
      authenticator: env.SNOWFLAKE_OAUTH_TOKEN ? 'oauth' : undefined,
    };
    for (const k of ['private_key', 'private_key_passphrase', 'password', 'token']) if (typeof t[k] === 'string') mask(t[k] as string);
    return targetToConfig(Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined && v !== '')), 'environment (SNOWFLAKE_*)');
  }
  if (env.SLIPWAY_PGLITE_PATH) return { type: 'pglite', path: env.SLIPWAY_PGLITE_PATH };
  if (env.DATABASE_URL) {
    const u = new URL(env.DATABASE_URL);
    if (u.password) mask(decodeURIComponent(u.password));
    return {
      type: 'postgres',
      host: u.hostname,
      port: Number(u.port || 5432),
      user: decodeURIComponent(u.username || 'postgres'),
      password: u.password ? decodeURIComponent(u.password) : undefined,
      dbname: u.pathname.replace(/^\//, '') || 'postgres',
      sslmode: u.searchParams.get('sslmode') ?? undefined,
    };
  }
  return undefined;
}
