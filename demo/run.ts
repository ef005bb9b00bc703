/**
 * `npm run demo`: Slipway's whole lifecycle on an embedded warehouse (PGlite;
 * with real dbt, a throwaway local PostgreSQL),
 * with no account and nothing outside this repository.
 *
 * Every warehouse step runs the real `slipway` command in this process (the
 * same code the GitHub Actions run), printed before it runs.
 *
 * dbt: when a real dbt with dbt-postgres is there (SLIPWAY_DBT, or `dbt` on
 * PATH), the demo runs it — dbt's own output lines are shown — against a
 * PostgreSQL server it can reach (demo/real-dbt.ts says why that is not
 * PGlite). Only without any dbt does demo/dbt-cli.ts stand in (it parses the
 * sample project and runs its SQL in dependency order, naming schemas exactly
 * as dbt-postgres would: shared/dbt/relation-names.ts), and the demo says so
 * once. GitHub is always a stand-in: the PR comment and job summaries are
 * written as Markdown files, and the sweep is told which PRs are open.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProgram } from '../shared/cli/program.js';
import { CliRuntime } from '../shared/runtime/cli-runtime.js';
import { runSlimCi } from '../shared/slim-ci/run.js';
import { LocalDirStateCache } from '../shared/slim-ci/state-cache.js';
import { withImpactSection } from '../shared/slim-ci/report.js';
import { createPrSchema, sweepPrSchemas, renderSweepMarkdown } from '../shared/pr-schema/index.js';
import { connect } from '../shared/warehouse/index.js';
import type { Warehouse } from '../shared/warehouse/types.js';
import { catalogSchemaName, readProjectQuoting } from '../shared/dbt/relation-names.js';
import { buildProject, loadRawData, parseProject } from './dbt-standin.js';
import { findDbt, runDbtShowingOutput, startServer, type DemoServer } from './real-dbt.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sample = join(repo, 'test', 'sample-project');
const root = resolve(process.env.SLIPWAY_DEMO_DIR ?? join(repo, '.slipway-demo'));
const out = join(root, 'out');
const whDir = join(root, 'warehouse');
const profilesDir = join(root, 'profiles');
const cacheDir = join(root, 'state-cache');
const REPO = 'acme/shop';
const ENV = 'production';
const started = Date.now();
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string) => (color ? `\x1b[2m${s}\x1b[0m` : s);
const green = (s: string) => (color ? `\x1b[32m${s}\x1b[0m` : s);
const red = (s: string) => (color ? `\x1b[31m${s}\x1b[0m` : s);

let stepNo = 0;
const surprises: string[] = [];
/** The demo checks its own story: anything that did not happen as narrated makes it exit 1. */
function expectThat(ok: boolean, what: string): void {
  if (!ok) {
    surprises.push(what);
    console.log(`   ${red('unexpected: ' + what)}`);
  }
}
function step(title: string, why: string): void {
  stepNo++;
  console.log(`\n${bold(`── ${stepNo}. ${title}`)}\n${dim(why)}`);
}
function note(s: string): void {
  console.log(`   ${s}`);
}
function wrote(file: string): void {
  note(`wrote ${relative(process.cwd(), file)}`);
}

/** Run a real `slipway` command in-process; print it, its stdout (indented) and its exit code. */
async function slipway(args: string[], opts: { summary?: string; quiet?: boolean } = {}): Promise<{ code: number; stdout: string }> {
  console.log(`\n   ${bold('$ slipway ' + args.map((a) => (/[\s"'$]/.test(a) ? JSON.stringify(a) : a)).join(' '))}`);
  const summaryFile = opts.summary ? join(out, opts.summary) : undefined;
  if (summaryFile) process.env.SLIPWAY_SUMMARY_FILE = summaryFile;
  else delete process.env.SLIPWAY_SUMMARY_FILE;
  let stdout = '';
  const realWrite = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  process.exitCode = 0;
  try {
    await buildProgram().parseAsync(['node', 'slipway', ...args]);
  } finally {
    process.stdout.write = realWrite;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  if (!opts.quiet) for (const line of stdout.trimEnd().split('\n')) if (line) console.log(dim('   │ ') + line);
  console.log(`   ${code === 0 ? green('exit 0') : red(`exit ${code}`)}`);
  if (summaryFile && existsSync(summaryFile)) wrote(summaryFile);
  return { code, stdout };
}

const conn = ['--profiles-dir', profilesDir, '--target', 'prod'];
/** The published schema: the prod target's schema (generate_schema_name appends the colour suffix). */
const PUBLISHED = 'analytics';

/** Real dbt (and the server it builds on), or undefined: the stand-in on PGlite. */
let real: { bin: string; version?: string; server: DemoServer } | undefined;

function warehouseConfig(): Parameters<typeof connect>[0] {
  if (!real) return { type: 'pglite', path: whDir };
  const u = new URL(real.server.url);
  return { type: 'postgres', host: u.hostname, port: Number(u.port), user: decodeURIComponent(u.username), dbname: u.pathname.slice(1) } as Parameters<typeof connect>[0];
}

async function withWarehouse<T>(fn: (wh: Warehouse) => Promise<T>): Promise<T> {
  const wh = await connect(warehouseConfig());
  try {
    return await fn(wh);
  } finally {
    await wh.close();
  }
}

/**
 * `dbt build --target prod` with SLIPWAY_SCHEMA_SUFFIX, as the deploy workflow
 * runs it: Slipway's generate_schema_name macro puts every model into
 * `analytics<suffix>`. Real dbt when there is one (its own output shown);
 * otherwise the stand-in, which names the schema as dbt-postgres would.
 */
async function buildColour(projectDir: string, suffix: string, label: string): Promise<{ manifest: string; runResults: string }> {
  const dir = join(root, 'artifacts', label);
  mkdirSync(dir, { recursive: true });
  let rr: { results: Array<{ status: string }> };
  if (real) {
    console.log(`\n   ${bold(`$ SLIPWAY_SCHEMA_SUFFIX=${suffix} dbt build --target prod`)}`);
    const code = await runDbtShowingOutput(real.bin, ['build', '--target', 'prod', '--project-dir', projectDir], {
      cwd: projectDir,
      env: { ...process.env, DBT_PROFILES_DIR: profilesDir, SLIPWAY_SCHEMA_SUFFIX: suffix },
      print: (line) => console.log(dim('   dbt │ ') + line),
    });
    console.log(`   ${code === 0 ? green('exit 0') : red(`exit ${code}`)}`);
    cpSync(join(projectDir, 'target', 'manifest.json'), join(dir, 'manifest.json'));
    cpSync(join(projectDir, 'target', 'run_results.json'), join(dir, 'run_results.json'));
    rr = JSON.parse(readFileSync(join(dir, 'run_results.json'), 'utf8'));
  } else {
    const rendered = PUBLISHED + suffix;
    const schema = catalogSchemaName(rendered, 'postgres', readProjectQuoting(projectDir));
    note(dim(`dbt build (demo stand-in, not dbt) of ${label} into ${schema}`));
    const manifest = parseProject(projectDir, { schema: rendered });
    const built = await withWarehouse((wh) => buildProject(manifest, wh, { schemaFor: () => schema }));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    writeFileSync(join(dir, 'run_results.json'), JSON.stringify(built));
    rr = built;
  }
  const bad = rr.results.filter((r) => r.status !== 'success' && r.status !== 'pass');
  note(`${rr.results.length} nodes built and tested, ${bad.length} not ok`);
  return { manifest: join(dir, 'manifest.json'), runResults: join(dir, 'run_results.json') };
}

async function count(sql: string): Promise<number> {
  return withWarehouse(async (wh) => Number((await wh.query<{ n: string | number }>(sql)).rows[0]!.n));
}

function projectCopy(name: string, variant?: string): string {
  const dir = join(root, 'projects', name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(sample, dir, { recursive: true, filter: (src) => !src.includes(`${join(sample, 'variants')}`) });
  if (variant) cpSync(join(sample, 'variants', variant), dir, { recursive: true });
  // As a user adopts Slipway: action-examples' generate_schema_name in the project's macros/.
  mkdirSync(join(dir, 'macros'), { recursive: true });
  cpSync(join(repo, 'action-examples', 'dbt', 'macros', 'generate_schema_name.sql'), join(dir, 'macros', 'generate_schema_name.sql'));
  return dir;
}

/** deploy prepare → (dbt build) → deploy cutover, as the dbt-deploy workflow runs them. */
async function deploy(label: string, projectDir: string, sha: string): Promise<{ code: number; colour?: string }> {
  const prep = await slipway(['deploy', 'prepare', ...conn, '--environment', ENV, '--schemas', 'analytics', '--git-sha', sha, '--actor', 'demo', '--format', 'json'], {
    summary: `deploy-${label}-prepare.md`,
  });
  if (prep.code !== 0) return { code: prep.code };
  const p = JSON.parse(prep.stdout) as { colour: string; schemas: string[]; deployId: string; schemaSuffix: string };
  note(`deploy ${p.deployId}: dbt builds into ${p.schemas.join(', ')} (colour ${p.colour}); consumers keep reading the live colour`);
  const art = await buildColour(projectDir, p.schemaSuffix, label);
  const cut = await slipway(
    ['deploy', 'cutover', ...conn, '--environment', ENV, '--deploy-id', p.deployId, '--actor', 'demo', '--manifest', art.manifest, '--run-results', art.runResults, '--row-count-tolerance', '50', '--freshness-gate', '--row-count-history'],
    { summary: `deploy-${label}-cutover.md` },
  );
  return { code: cut.code, colour: p.colour };
}

async function main(): Promise<void> {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  mkdirSync(profilesDir, { recursive: true });
  const dbt = findDbt();
  let standinWhy = dbt.why;
  if (dbt.bin) {
    const server = await startServer();
    if ('why' in server) standinWhy = `dbt is at ${dbt.bin}, but ${server.why}`;
    else real = { bin: dbt.bin, version: dbt.version, server };
  }
  try {
    await story(standinWhy);
  } finally {
    await real?.server.stop();
  }
}

async function story(standinWhy: string | undefined): Promise<void> {
  const pgProfile = (u: URL, schema: string) => [
    '      type: postgres',
    `      host: ${u.hostname}`,
    `      port: ${u.port}`,
    `      user: ${decodeURIComponent(u.username)}`,
    '      password: ""',
    `      dbname: ${u.pathname.slice(1)}`,
    `      schema: ${schema}`,
    '      threads: 4',
  ];
  if (real) {
    const u = new URL(real.server.url);
    writeFileSync(
      join(profilesDir, 'profiles.yml'),
      ['shop:', '  target: prod', '  outputs:', '    prod:', ...pgProfile(u, PUBLISHED), '    ci:', ...pgProfile(u, `"{{ env_var('DBT_SCHEMA') }}"`), ''].join('\n'),
    );
  } else writeFileSync(
    join(profilesDir, 'profiles.yml'),
    [
      'shop:',
      '  target: prod',
      '  outputs:',
      '    prod:',
      '      type: pglite            # Slipway\'s embedded engine (PostgreSQL in WASM)',
      `      path: ${JSON.stringify(whDir)}`,
      '      schema: analytics',
      '    ci:',
      '      type: pglite',
      `      path: ${JSON.stringify(whDir)}`,
      `      schema: "{{ env_var('DBT_SCHEMA') }}"`,
      '',
    ].join('\n'),
  );
  console.log(bold(`Slipway demo: a dbt project's pull request and deploys, ${real ? 'with real dbt on a local PostgreSQL' : 'on an embedded warehouse'}`));
  console.log(dim(`Working folder: ${relative(process.cwd(), root) || '.'} (warehouse data, artifacts, and the Markdown Slipway would post, in ${relative(process.cwd(), out)}/)`));
  if (real) {
    console.log(dim(`dbt: the real one, ${real.bin} (dbt-core ${real.version ?? '?'}), building on ${real.server.label}; its own output is shown after "dbt │".`));
    console.log(dim('Stand-in, said once: GitHub is not reachable, so comments and summaries are written to files.'));
  } else {
    console.log(dim(`Stand-ins, said once: no real dbt (${standinWhy}), so demo/dbt-cli.ts plays \`dbt parse\`/\`dbt build\` for the sample project (not dbt); GitHub is not reachable, so comments and summaries are written to files.`));
  }

  step('Connect', `Slipway reads dbt's own profiles.yml; this one points at ${real ? 'the local PostgreSQL dbt builds on' : 'the embedded engine'}.`);
  expectThat((await slipway(['warehouse', 'info', ...conn])).code === 0, 'warehouse info failed');
  await withWarehouse((wh) => loadRawData(sample, wh, { customers: 1, orders: 1, payments: 1 }));
  note('loaded raw.customers, raw.orders, raw.payments (sources, loaded an hour ago)');

  step('First production deploy (blue)', 'prepare takes the deploy lock and picks the idle colour; dbt builds there; cutover checks and switches in one step.');
  const main1 = projectCopy('main');
  expectThat((await deploy('1-main', main1, 'a1b2c3d')).code === 0, 'the first deploy did not go live');
  await slipway(['state', 'save', '--state-target', 'prod', '--sha', 'a1b2c3d', '--manifest', join(root, 'artifacts', '1-main', 'manifest.json'), '--run-results', join(root, 'artifacts', '1-main', 'run_results.json'), '--cache-dir', cacheDir, '--state-dir', join(root, 'state-staging')]);

  step('PR #42 opened: a schema of its own', 'pr-schema creates CI_PR_42 (lower-case on PostgreSQL) with an ownership record the sweep reads back.');
  expectThat((await slipway(['pr-schema', 'create', ...conn, '--pr-number', '42', '--repo', REPO, '--head-sha', 'f00dfeed'], { summary: 'pr-42-schema-summary.md' })).code === 0, 'pr-schema create failed');

  step('PR #42: slim CI', 'Restore production state, build state:modified+ with --defer in one dbt run, and report what changed and why from the manifest that run wrote.');
  const pr = projectCopy('pr-42', 'pr-42');
  const rt = new CliRuntime({ summaryFile: join(out, 'pr-42-slim-ci-summary.md') });
  const slim = await runSlimCi({
    command: `${real ? real.bin : join(repo, 'demo', 'bin', 'dbt')} build`,
    projectDir: pr,
    profilesDir,
    target: 'ci',
    stateTarget: 'prod',
    state: { cache: new LocalDirStateCache(cacheDir), stateDir: join(root, 'state') },
    env: { ...process.env, DBT_SCHEMA: 'ci_pr_42', DBT_SEND_ANONYMOUS_USAGE_STATS: 'false', DBT_USE_COLORS: 'false' },
    comment: async (body) => writeFileSync(join(out, 'pr-42-comment.md'), body),
    rt,
  });
  expectThat(JSON.stringify(slim.modified) === JSON.stringify({ 'model.shop.orders': ['body'] }), `slim CI should find exactly model.shop.orders modified (body), found ${JSON.stringify(slim.modified)}`);
  note(`modified: ${Object.entries(slim.modified).map(([id, why]) => `${id} (${why.join(', ')})`).join('; ')}`);
  note(`selected ${slim.selected.length} nodes; dbt ${slim.dbtArgs.slice(0, 6).join(' ')} …`);
  wrote(join(out, 'pr-42-comment.md'));
  wrote(join(out, 'pr-42-slim-ci-summary.md'));

  step('PR #42: what the change does to the data', 'slipway impact compares each model the PR modified with production (the live colour), in the warehouse: one aggregate statement per model, only aggregates leave it.');
  const savedSchema = process.env.DBT_SCHEMA;
  process.env.DBT_SCHEMA = 'ci_pr_42'; // the ci target's schema, as in the slim CI step
  const impact = await slipway(['impact', '--profiles-dir', profilesDir, '--target', 'ci', '--project-dir', pr, '--state', join(root, 'state'), '--markdown', join(out, 'pr-42-impact.md')], { summary: 'pr-42-impact-summary.md' });
  if (savedSchema === undefined) delete process.env.DBT_SCHEMA;
  else process.env.DBT_SCHEMA = savedSchema;
  expectThat(impact.code === 0, `slipway impact should report on PR #42 (exit ${impact.code})`);
  if (existsSync(join(out, 'pr-42-impact.md'))) {
    const section = readFileSync(join(out, 'pr-42-impact.md'), 'utf8');
    expectThat(/^- .*`orders`/m.test(section), 'the impact section should have a line for orders');
    // What the slim CI action does with impact: true: the section joins the sticky comment.
    writeFileSync(join(out, 'pr-42-comment.md'), withImpactSection(readFileSync(join(out, 'pr-42-comment.md'), 'utf8'), section));
    wrote(join(out, 'pr-42-impact.md'));
  }

  step('Merge: freshness gate, then deploy (green)', 'The gate measures every source in one statement before anything is built.');
  expectThat((await slipway(['freshness', '--mode', 'warehouse', ...conn, '--manifest', join(root, 'artifacts', '1-main', 'manifest.json')], { summary: 'freshness-1.md' })).code === 0, 'fresh sources should pass the gate');
  const merged = projectCopy('main-2', 'pr-42');
  expectThat((await deploy('2-pr-42', merged, 'b2c3d4e')).code === 0, 'the green deploy did not go live');
  await slipway(['deploy', 'status', ...conn, '--environment', ENV]);

  step('A bad number is reported: roll back', 'The previous deploy\'s views are waiting in ANALYTICS__NEXT; rollback is the same one-step swap in reverse, audited.');
  const t0 = Date.now();
  expectThat((await slipway(['rollback', ...conn, '--environment', ENV, '--reason', 'credit_card_amount double-counts refunds', '--actor', 'on-call'])).code === 0, 'rollback failed');
  note(`rollback took ${Date.now() - t0} ms end to end`);
  await slipway(['deploy', 'status', ...conn, '--environment', ENV]);

  step('A source goes stale', 'The payments loader stopped three days ago: the freshness gate fails and the deploy never starts.');
  await withWarehouse((wh) => wh.query(`UPDATE "raw"."payments" SET "_loaded_at" = now() - interval '72 hours'`));
  const gate = await slipway(['freshness', '--mode', 'warehouse', ...conn, '--manifest', join(root, 'artifacts', '1-main', 'manifest.json')], { summary: 'freshness-2-stale.md' });
  expectThat(gate.code === 1, 'the freshness gate should fail on the stale source');
  if (gate.code === 1) note('gate failed as it should: deploy blocked');
  await withWarehouse((wh) => wh.query(`UPDATE "raw"."payments" SET "_loaded_at" = now() - interval '30 minutes'`));
  note('the loader caught up (payments reloaded)');

  step('A bad change: orders collapse', 'A filter drops most orders. The pre-cutover row-count check refuses the cutover; consumers never see it.');
  const before = await count(`SELECT count(*) AS n FROM "analytics"."orders"`);
  const bad = await deploy('3-bad-load', projectCopy('bad', 'bad-load'), 'c3d4e5f');
  const after = await count(`SELECT count(*) AS n FROM "analytics"."orders"`);
  expectThat(bad.code === 1 && after === before, `the collapsed deploy should be refused with production unchanged (exit ${bad.code}, rows ${before} → ${after})`);
  if (bad.code === 1) note(`cutover refused; analytics.orders still has ${after} rows (was ${before})`);

  step('PR #42 closed: clean up, then the nightly sweep', 'Its schema is dropped; the sweep finds leaked PR schemas and drops exactly those whose PR is closed.');
  expectThat((await slipway(['schema-cleanup', ...conn, '--pr-number', '42', '--repo', REPO])).code === 0, 'schema-cleanup --pr-number 42 failed');
  await withWarehouse(async (wh) => {
    // What pr-schema made for two other PRs (with its ownership record), and what people made by hand.
    const longAgo = new Date(Date.now() - 30 * 24 * 3600 * 1000);
    await createPrSchema(wh, { pr: 7, repo: REPO, headSha: 'a7a7a7a', now: longAgo });
    await createPrSchema(wh, { pr: 51, repo: REPO, headSha: 'abc1234' });
    for (const s of ['ci_pr_9', 'ci_pr_12_backup', 'ci_pr_x']) await wh.query(`CREATE SCHEMA IF NOT EXISTS "${s}"`);
  });
  note('leftovers in the warehouse: ci_pr_7 (PR closed long ago), ci_pr_51 (PR open), ci_pr_9 (made by hand, no Slipway record), and look-alikes ci_pr_12_backup, ci_pr_x');
  note(dim('GitHub stand-in: the sweep is told PR #51 is the only open PR'));
  const report = await withWarehouse((wh) =>
    sweepPrSchemas(wh, { repo: REPO, prefix: 'CI_PR_', ttlDays: 7, keep: [], dryRun: false, concurrency: 2 }, async () => ({ open: new Map([[51, { number: 51, headSha: 'abc1234', baseRef: 'main', updatedAt: new Date().toISOString() }]]), pages: 1 })),
  );
  for (const e of report.entries) note(`${e.schema.padEnd(16)} ${e.verdict.padEnd(6)} ${e.reason}`);
  const dropped = report.entries.filter((e) => e.status === 'dropped').map((e) => e.schema);
  expectThat(JSON.stringify(dropped) === JSON.stringify(['ci_pr_7']), `the sweep should drop exactly ci_pr_7, dropped ${JSON.stringify(dropped)}`);
  writeFileSync(join(out, 'sweep-summary.md'), renderSweepMarkdown(report));
  wrote(join(out, 'sweep-summary.md'));

  if (surprises.length) {
    console.log(`\n${red(`The demo did not go as narrated (${surprises.length}):`)}\n${surprises.map((x) => `  - ${x}`).join('\n')}`);
    process.exitCode = 1;
    return;
  }
  console.log(`\n${bold('Done')} in ${((Date.now() - started) / 1000).toFixed(1)} s. Markdown Slipway would post: ${relative(process.cwd(), out)}/`);
  console.log(dim('Next: docs/adoption.md (5 minutes to adopt), action-examples/ (copy-paste workflows).'));
}

main().catch((err) => {
  console.error(red(`demo failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`));
  process.exitCode = 1;
});
