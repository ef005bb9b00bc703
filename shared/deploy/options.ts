/** Parsing of the options the CLI and the action share (tolerance, warn policy, lease, artifacts). */
import { invocation } from '../config/invocation.js';
import { existsSync } from 'node:fs';
import { UserError } from '../errors.js';
import { loadManifest, loadRunResults, type Manifest, type RunResults } from '../dbt/artifacts.js';
import type { Runtime } from '../runtime/port.js';
import type { WarnPolicy } from './checks.js';
import { sha256File } from './prepare.js';

/** `25` / `25%` → 25; `none` / `off` → null (only the populated → empty guard); empty → undefined (default). */
export function parseTolerance(v: string | undefined, what = '--row-count-tolerance'): number | null | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const s = v.trim().toLowerCase();
  if (s === 'none' || s === 'off') return null;
  const n = Number(s.replace(/%$/, ''));
  if (!Number.isFinite(n) || n < 0 || n > 100000) {
    throw new UserError(`${what} must be a percentage such as 25, or none; got '${v}'.`, { hint: `Pass ${what} 25 to allow ±25% row-count change per table, or none to keep only the populated → empty guard.` });
  }
  return n;
}

export function parseWarnPolicy(v: string | undefined, what = '--warn-policy'): WarnPolicy {
  if (v === undefined || v === '' || v === 'allow') return 'allow';
  if (v === 'fail') return 'fail';
  throw new UserError(`${what} must be allow or fail, got '${v}'.`, { hint: 'allow: dbt warnings do not block the cutover; fail: they do.' });
}

export function parseLease(v: string | undefined, what = '--lease-minutes'): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 7 * 24 * 60) throw new UserError(`${what} must be a whole number of minutes between 1 and 10080, got '${v}'.`, { hint: 'It must cover the dbt build between prepare and cutover (default 180).' });
  return n;
}

export function parseSchemas(values: string[] | string | undefined): string[] | undefined {
  const list = (Array.isArray(values) ? values : values ? [values] : []).flatMap((v) => v.split(/[,\n]/)).map((s) => s.trim()).filter(Boolean);
  return list.length ? list : undefined;
}

/** Load the manifest (and its SHA-256) and run_results: explicit paths must exist; default paths are used when present. */
export async function loadArtifacts(
  paths: { manifest?: string; runResults?: string; defaultManifest?: string; defaultRunResults?: string },
  rt: Runtime,
): Promise<{ manifest?: Manifest; manifestSha256?: string; runResults?: RunResults }> {
  const out: { manifest?: Manifest; manifestSha256?: string; runResults?: RunResults } = {};
  const m = paths.manifest ?? (paths.defaultManifest && existsSync(paths.defaultManifest) ? paths.defaultManifest : undefined);
  if (m) {
    out.manifest = await loadManifest(m);
    out.manifestSha256 = await sha256File(m);
  } else if (paths.defaultManifest) rt.info(`No manifest at ${paths.defaultManifest}: the models-exist check is skipped and every relation in the new colour is published.`);
  const r = paths.runResults ?? (paths.defaultRunResults && existsSync(paths.defaultRunResults) ? paths.defaultRunResults : undefined);
  if (r) out.runResults = await loadRunResults(r);
  else if (paths.defaultRunResults) rt.info(`No run_results.json at ${paths.defaultRunResults}: the dbt build results are not checked.`);
  return out;
}

/** Who runs this: GITHUB_ACTOR, else the local user. */
/** Who acts, recorded in DEPLOY_STATE: the one rule of shared/config/invocation.ts (GITHUB_ACTOR in Actions; SLIPWAY_ACTOR or the OS user in a shell). */
export function defaultActor(env: NodeJS.ProcessEnv = process.env): string {
  return invocation(env).actor;
}

/** The run URL recorded with it (Actions only). */
export function defaultRunUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return invocation(env).runUrl;
}
