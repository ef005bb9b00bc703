#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  checkRowCounts,
  countTargetsFromManifest,
  cutoverMarkdown,
  cutoverText,
  defaultActor,
  defaultRunUrl,
  deployGates,
  deployJson,
  failedMarkdown,
  loadArtifacts,
  matchesModel,
  measureRowCounts,
  parseLease,
  parseSchemas,
  parseTolerance,
  parseWarnPolicy,
  prepareText,
  recordRowCounts,
  recordStatements,
  statusText
} from "../chunks/chunk-H24SQDYW.js";
import {
  freshnessDryRun,
  loadGateConfig,
  parseFailOn,
  runFreshnessGate,
  sourcePaths
} from "../chunks/chunk-GUEYHZPP.js";
import {
  freshnessDialect,
  freshnessText,
  gatePassed,
  publishReports,
  rowCountText
} from "../chunks/chunk-ROXONESX.js";
import "../chunks/chunk-O5CWYNID.js";
import {
  POLICY_FORMATS,
  formatReport,
  runPolicy
} from "../chunks/chunk-TCDLS37B.js";
import {
  assertTimeTravel,
  defaultActor as defaultActor2,
  defaultRunUrl as defaultRunUrl2,
  loadMetadataFile,
  reportText,
  runRollback,
  validateRollbackFlags
} from "../chunks/chunk-EE6ZBDJW.js";
import {
  abortDeploy,
  cutoverDeploy,
  cutoverPlan,
  deployStatus,
  formatChecks,
  prepareDeploy,
  preparePlan,
  unlockDeploy
} from "../chunks/chunk-CNVGF5AA.js";
import "../chunks/chunk-TI3OI3EX.js";
import {
  countRequests,
  openPullsLookup,
  parseRepo
} from "../chunks/chunk-JQNQIA72.js";
import {
  DEFAULT_PREFIX,
  createPrSchema,
  dropPrSchema,
  dryRunCreatePrSchema,
  parsePrNumber,
  planDropPrSchema,
  prSchemaName,
  renderCreateMarkdown,
  renderSweepMarkdown,
  renderSweepText,
  sweepPrSchemas
} from "../chunks/chunk-K7CEE2WU.js";
import {
  artifactPath,
  dialectOf,
  handle,
  resolveConnection,
  withArtifactOptions,
  withConnectionOptions,
  withDryRunOptions,
  withFormatOption
} from "../chunks/chunk-ECURHBFG.js";
import {
  formatPlan
} from "../chunks/chunk-3MAQJBEG.js";
import {
  DEFAULT_STATE_DIR,
  KEY_PREFIX,
  LocalDirStateCache,
  defaultLocalCacheDir,
  loadStateDir,
  restoreState,
  saveState,
  selectNodes
} from "../chunks/chunk-AYJ4PHMR.js";
import {
  loadManifest,
  loadSources
} from "../chunks/chunk-3V3GFLJ6.js";
import "../chunks/chunk-RCJNHNKN.js";
import "../chunks/chunk-XBQYJD25.js";
import {
  createOctokit
} from "../chunks/chunk-TPBBWOFJ.js";
import "../chunks/chunk-J4UHCTT6.js";
import {
  connect
} from "../chunks/chunk-S34CNGQ3.js";
import "../chunks/chunk-3MA4WQK5.js";
import "../chunks/chunk-YASYTQ2Y.js";
import "../chunks/chunk-V2UDNE4W.js";
import {
  ExitCode,
  GateFailure,
  UserError
} from "../chunks/chunk-WLODUQ4F.js";

// shared/cli/program.ts
import { Command as Command2, CommanderError } from "../vendor/commander.js";

// shared/cli/commands/warehouse.ts
function register(program) {
  const wh = program.command("warehouse").description("inspect the warehouse connection Slipway would use");
  withFormatOption(withConnectionOptions(wh.command("info").description("connect, print the engine, version and capabilities, and disconnect"))).option("--project-dir <dir>", "dbt project folder (its dbt_project.yml names the profile)", ".").action(
    handle(async (opts, { rt, emit }) => {
      const config = await resolveConnection(opts, rt);
      const warehouse = await connect(config, { queryTag: { action: "warehouse-info" } });
      try {
        const versionSql = dialectOf(config) === "snowflake" ? 'SELECT CURRENT_VERSION() AS "version"' : 'SELECT version() AS "version"';
        const { rows } = await warehouse.query(versionSql);
        const info = { engine: config.type, dialect: warehouse.dialect, description: warehouse.description, version: rows[0]?.version, capabilities: warehouse.capabilities };
        emit(
          info,
          (i) => [`${i.description}`, `  dialect: ${i.dialect}`, `  version: ${i.version}`, ...Object.entries(i.capabilities).map(([k, v]) => `  ${k}: ${v ? "yes" : "no"}`)].join("\n")
        );
      } finally {
        await warehouse.close();
      }
    })
  );
}

// shared/cli/commands/select.ts
import { Command, Option } from "../vendor/commander.js";
import { join } from "node:path";
import { existsSync } from "node:fs";
var collect = (v, prev) => [...prev, v];
function formatSelection(r) {
  const lines = [];
  lines.push(`Selected ${r.selected.length} resource(s) with --select ${r.select.map((s) => JSON.stringify(s)).join(" ")}${r.exclude.length ? ` --exclude ${r.exclude.map((s) => JSON.stringify(s)).join(" ")}` : ""} (${r.runnable.length} that dbt build would run).`);
  if (r.state) {
    lines.push(`State: dbt ${r.state.dbtVersion ?? "?"} manifest v${r.state.schemaVersion ?? "?"}${r.state.generatedAt ? ` generated ${r.state.generatedAt}` : ""}; current: dbt ${r.current.dbtVersion ?? "?"} manifest v${r.current.schemaVersion ?? "?"}.`);
  }
  const sel = new Set(r.selected);
  const section = (title, ids, note) => {
    if (!ids.length) return;
    lines.push("", `${title} (${ids.length}):`);
    for (const id of ids) lines.push(`  ${id}${note ? note(id) : ""}`);
  };
  section("Matched directly", r.direct, (id) => r.modified[id] ? `  [${r.modified[id].join(", ")}]` : "");
  section("Downstream / upstream (graph operators)", r.downstream);
  section("Tests attached to selected nodes", r.tests);
  const modifiedNotSelected = Object.keys(r.modified).filter((id) => !sel.has(id));
  section("Modified but not selected", modifiedNotSelected, (id) => `  [${r.modified[id].join(", ")}]`);
  if (!r.selected.length) lines.push("", "Nothing selected: nothing to build.");
  for (const w of r.warnings) lines.push(`warning: ${w.message}`);
  return lines.join("\n");
}
function register2(program) {
  const cmd = new Command("select").description(
    "Compute dbt's node selection over manifests, exactly as dbt-core does (default `state:modified+`), and say why each node is selected.\nMethods: state:, result:, source_status:, tag:, path:, file:, fqn: and bare names, resource_type:, package:, config.<key>:, source:, exposure:, metric:, test_type:, test_name:, group:, access:, version:, unit_test:, semantic_model:, saved_query:.\nOperators: +x, x+, n+x, x+n, @x, space = union, comma = intersection, --exclude."
  ).option("--state <path>", "production manifest.json, or a folder holding it (run_results.json and sources.json beside it are used by result: and source_status:)").option("--manifest <file>", "current (PR) manifest.json (default: <project-dir>/target/manifest.json)").option("--project-dir <dir>", "dbt project folder", ".").addOption(new Option("-s, --select <expr>", "selector expression; repeat for a union").argParser(collect).default([], "state:modified+")).addOption(new Option("--exclude <expr>", "selector expression to leave out; repeatable").argParser(collect).default([], "none")).addOption(new Option("--indirect-selection <mode>", "which tests to add for selected nodes").choices(["eager", "cautious", "buildable", "empty"]).default("eager")).addOption(
    new Option("--state-modified-compare-more-unrendered-values <bool>", "dbt's flag of the same name (default: dbt's default for the current manifest's version: true from 1.12)").choices(["true", "false"])
  ).option("--sources <file>", "current sources.json for source_status: (default: <project-dir>/target/sources.json)");
  withFormatOption(cmd);
  cmd.action(
    handle(async (opts, ctx) => {
      const manifestPath = opts.manifest ?? join(opts.projectDir ?? ".", "target", "manifest.json");
      const manifest = await loadManifest(manifestPath, { slim: true });
      let state;
      if (opts.state) state = await loadStateDir(opts.state);
      const sourcesPath = opts.sources ?? join(opts.projectDir ?? ".", "target", "sources.json");
      const needsSources = [...opts.select, ...opts.exclude].some((s) => s.includes("source_status:"));
      if (opts.sources && !existsSync(opts.sources)) throw new UserError(`--sources ${opts.sources} does not exist.`, { hint: "Run `dbt source freshness` first." });
      const currentSources = needsSources && existsSync(sourcesPath) ? await loadSources(sourcesPath) : void 0;
      const flag = opts.stateModifiedCompareMoreUnrenderedValues;
      const result = selectNodes({
        manifest,
        state: state?.manifest,
        stateRunResults: state?.runResults,
        stateSources: state?.sources,
        currentSources,
        select: opts.select,
        exclude: opts.exclude,
        indirectSelection: opts.indirectSelection,
        compareMoreUnrenderedValues: flag === void 0 ? void 0 : flag === "true"
      });
      if (ctx.format === "json") for (const w of result.warnings) ctx.rt.warn(w.message);
      ctx.emit(result, formatSelection);
    })
  );
  program.addCommand(cmd);
}

// shared/cli/commands/state.ts
import { Option as Option2 } from "../vendor/commander.js";
function withCacheOptions(cmd) {
  return cmd.requiredOption("--target <name>", "production target the state belongs to (part of the key slipway-state-<target>-<sha>)").option("--state-dir <dir>", "folder state is staged in / restored into (must be the same for save and restore on GitHub)", DEFAULT_STATE_DIR).addOption(new Option2("--backend <backend>", "where state is kept: actions = the GitHub Actions cache, local = a folder; auto picks actions inside a GitHub Actions job").choices(["auto", "actions", "local"]).default("auto")).option("--cache-dir <dir>", "folder for --backend local (default: $SLIPWAY_CACHE_DIR, $XDG_CACHE_HOME/slipway or ~/.cache/slipway)");
}
async function openCache(opts, rt) {
  const backend = opts.backend ?? "auto";
  if (backend === "local" || backend === "auto" && !process.env.ACTIONS_RUNTIME_TOKEN) {
    return new LocalDirStateCache(opts.cacheDir ?? defaultLocalCacheDir());
  }
  const { ActionsStateCache } = await import("../chunks/cache-INVGN3J6.js");
  if (!ActionsStateCache.available()) {
    if (backend === "actions") {
      throw new UserError("The GitHub Actions cache service is not available here.", { hint: "Run inside a GitHub Actions job (ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL set), or use --backend local." });
    }
    rt.info("GitHub Actions cache not available; using the local cache folder.");
    return new LocalDirStateCache(opts.cacheDir ?? defaultLocalCacheDir());
  }
  return new ActionsStateCache();
}
function register3(program) {
  const state = program.command("state").description(`production state (manifest.json + run_results.json) for slim CI, keyed ${KEY_PREFIX}<target>-<sha>`);
  withFormatOption(
    withArtifactOptions(
      withCacheOptions(
        state.command("save").description("after a successful production deploy: store the deployed manifest (and run_results.json / sources.json) under slipway-state-<target>-<sha>").option("--sha <commit>", "the deployed commit (default: $GITHUB_SHA)")
      )
    )
  ).action(
    handle(async (opts, { rt, emit }) => {
      const sha = opts.sha ?? process.env.GITHUB_SHA;
      if (!sha) throw new UserError("No commit to key the state by.", { hint: "Pass --sha <deployed commit> (in a workflow, $GITHUB_SHA is used automatically)." });
      const cache = await openCache(opts, rt);
      const r = await saveState({
        target: opts.target,
        sha,
        manifestPath: artifactPath(opts, "manifest"),
        runResultsPath: opts.runResults || artifactPath(opts, "run-results"),
        sourcesPath: opts.sources,
        cache,
        stateDir: opts.stateDir,
        rt
      });
      emit({ ...r, cache: cache.description }, (x) => `${x.saved ? "saved" : "already present (not overwritten)"}: ${x.key}
  files: ${x.files.join(", ")}
  manifest sha256: ${x.manifestSha256}
  in: ${x.cache}`);
    })
  );
  withFormatOption(
    withCacheOptions(
      state.command("restore").description("restore the newest production state: the cache first, then the newest successful deploy-workflow run's artifact; exit 2 when there is none").option("--prefer-sha <commit>", "try this commit's state first (e.g. the PR base), then the newest").option("--deploy-workflow <file>", "deploy workflow file name or id for the artifact fallback (needs GITHUB_TOKEN)").option("--artifact-name <name>", "name of the state artifact", "slipway-state").option("--repo <owner/name>", "repository for the artifact fallback (default: $GITHUB_REPOSITORY)").option("--branch <name>", "branch the deploy runs on (default: the repository's default branch)").option("--live-manifest-sha <sha256>", "the live deployment's manifest SHA-256; warn when the restored state differs")
    )
  ).action(
    handle(async (opts, { rt, emit }) => {
      const cache = await openCache(opts, rt);
      let artifact;
      if (opts.deployWorkflow) {
        const slug = opts.repo ?? process.env.GITHUB_REPOSITORY;
        if (!slug) throw new UserError("--deploy-workflow needs the repository.", { hint: "Pass --repo owner/name or set GITHUB_REPOSITORY." });
        const token = process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN;
        if (!token) throw new UserError("--deploy-workflow needs a GitHub token to read workflow runs.", { hint: "Set GITHUB_TOKEN (a token with actions: read)." });
        rt.mask(token);
        const { owner, repo } = parseRepo(slug);
        artifact = { octokit: createOctokit({ token, log: rt }), owner, repo, workflow: opts.deployWorkflow, artifactName: opts.artifactName, branch: opts.branch };
      }
      const r = await restoreState({ target: opts.target, cache, artifact, preferSha: opts.preferSha, stateDir: opts.stateDir, liveManifestSha: opts.liveManifestSha, onMissing: "fail", rt });
      const out = { source: r.source, sha: r.sha, key: r.key, runId: r.runId, runUrl: r.runUrl, dir: r.dir, manifest: r.manifestPath, runResults: r.runResultsPath, manifestSha256: r.manifestSha256, liveMismatch: r.liveMismatch, description: r.description, warnings: r.warnings };
      emit(out, (x) => `restored from ${x.description}
  into: ${x.dir}
  manifest sha256: ${x.manifestSha256}`);
    })
  );
  withFormatOption(
    state.command("list").description("list the entries of the local state cache (the GitHub Actions cache is listed in the repository's Actions → Caches page)").option("--cache-dir <dir>", "local cache folder (default: $SLIPWAY_CACHE_DIR, $XDG_CACHE_HOME/slipway or ~/.cache/slipway)").option("--target <name>", "only this target")
  ).action(
    handle(async (opts, { emit }) => {
      const cache = new LocalDirStateCache(opts.cacheDir ?? defaultLocalCacheDir());
      const prefix = opts.target ? `${KEY_PREFIX}${opts.target}-` : KEY_PREFIX;
      const entries = (await cache.list()).filter((e) => e.key.startsWith(prefix)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      emit({ dir: cache.dir, entries }, (x) => x.entries.length ? x.entries.map((e) => `${e.createdAt}  ${e.key}`).join("\n") : `no state in ${x.dir}`);
    })
  );
}

// shared/cli/commands/pr-schema.ts
var collect2 = (value, previous = []) => [...previous, ...value.split(",").map((s) => s.trim()).filter(Boolean)];
function repoOption(value, env = process.env) {
  const repo = value ?? env.GITHUB_REPOSITORY;
  if (!repo) {
    throw new UserError("No repository was given.", { hint: "Pass --repo owner/name (or set GITHUB_REPOSITORY); it is recorded in the schema so the sweep knows whose it is." });
  }
  return repo;
}
function text(r) {
  const where = r.database ? `${r.database}.${r.schema}` : r.schema;
  if (r.plan !== void 0) return `-- ${where}: ${r.action}
${r.plan}`;
  const lines = [`${where}: ${r.action}${r.recreateReason ? ` (${r.recreateReason})` : ""}`];
  for (const g of r.grants) lines.push(`  grant to ${g.role} (${g.kind}): ${g.privileges}`);
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  return lines.join("\n");
}
function register4(program) {
  const group = program.command("pr-schema").description("a schema per pull request (<prefix><number>), transient on Snowflake, with an ownership record the sweep reads");
  withFormatOption(withDryRunOptions(withConnectionOptions(group.command("create")))).description("create the PR schema (idempotent), record its owner, grant CI and reviewer roles").requiredOption("--pr <number>", "pull request number").option("--prefix <prefix>", "schema name prefix (letters, digits, underscores)", DEFAULT_PREFIX).option("--database <name>", "database for the schema (Snowflake; default: the connection's)").option("--repo <owner/name>", "repository the PR belongs to (default: $GITHUB_REPOSITORY)").option("--head-sha <sha>", "head commit of the PR (the TTL restarts when it changes)").option("--base-sha <sha>", "base commit of the PR (recorded for recreate-on-base-change)").option("--ci-role <role>", "role that builds in the schema: USAGE + CREATE (repeatable, or comma-separated)", collect2, []).option("--reviewer-role <role>", "role that may read the schema: USAGE + SELECT on all/future tables and views (repeatable)", collect2, []).option("--recreate", "drop everything in the schema first, so nothing stale can shadow production under --defer").option("--recreate-on-base-change", "recreate only when --base-sha differs from the base recorded in the schema").option("--project-dir <dir>", "dbt project folder (its dbt_project.yml names the profile)", ".").action(
    handle(async (opts, { rt, emit }) => {
      const pr = parsePrNumber(opts.pr, "--pr");
      const repo = repoOption(opts.repo);
      const core = {
        pr,
        repo,
        prefix: opts.prefix,
        database: opts.database,
        headSha: opts.headSha,
        baseSha: opts.baseSha,
        ciRoles: opts.ciRole,
        reviewerRoles: opts.reviewerRole,
        recreate: !!opts.recreate,
        recreateOnBaseChange: !!opts.recreateOnBaseChange
      };
      if (opts.recreateOnBaseChange && !opts.baseSha) {
        throw new UserError("--recreate-on-base-change needs --base-sha.", { hint: "Pass the base commit of the PR, e.g. --base-sha $(git merge-base origin/main HEAD)." });
      }
      if (opts.dryRun && opts.dialect) {
        const r = dryRunCreatePrSchema(opts.dialect, core);
        emit({ ...r, plan: formatPlan(r.statements, opts.dialect) }, text);
        return;
      }
      const config = await resolveConnection(opts, rt);
      const wh = await connect(config, { queryTag: { action: "pr-schema", pr } });
      try {
        const r = await createPrSchema(wh, { ...core, dryRun: !!opts.dryRun });
        for (const w of r.warnings) rt.warn(w);
        if (opts.dryRun) {
          emit({ ...r, plan: formatPlan(r.statements, dialectOf(config)) }, text);
          return;
        }
        rt.setOutput("schema", r.schema);
        rt.setOutput("database", r.database);
        await rt.appendSummary(renderCreateMarkdown(r));
        emit(r, text);
      } finally {
        await wh.close();
      }
    })
  );
  withFormatOption(group.command("name")).description("print the schema name for a PR in a dialect (no connection)").requiredOption("--pr <number>", "pull request number").option("--prefix <prefix>", "schema name prefix", DEFAULT_PREFIX).option("--dialect <dialect>", "snowflake (folds to upper case) or postgres (lower case)", "snowflake").action(
    handle(async (opts, { emit }) => {
      if (opts.dialect !== "snowflake" && opts.dialect !== "postgres") throw new UserError(`Unknown dialect '${opts.dialect}'.`, { hint: "Use --dialect snowflake or --dialect postgres." });
      const schema = prSchemaName(opts.prefix, parsePrNumber(opts.pr, "--pr"), opts.dialect);
      emit({ schema }, (r) => r.schema);
    })
  );
}

// shared/cli/commands/schema-cleanup.ts
function dropText(r) {
  return r.plan !== void 0 ? `-- ${r.reason}
${r.plan}` : `${r.status}: ${r.reason}`;
}
function number(value, flag, hint) {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) throw new UserError(`${flag} '${value}' is not a number.`, { hint });
  return n;
}
function register5(program) {
  withFormatOption(withDryRunOptions(withConnectionOptions(program.command("schema-cleanup")))).description("drop a closed PR's schema (--pr), or sweep every PR schema whose PR is closed or stale (--sweep)").option("--pr <number>", "drop this pull request's schema (a missing schema is success)").option("--sweep", "list every <prefix><number> schema, ask GitHub which PRs are open, drop the closed and the stale").option("--prefix <prefix>", "schema name prefix", DEFAULT_PREFIX).option("--database <name>", "database to clean (Snowflake; repeatable for the sweep; default: the connection's)", collect2, []).option("--repo <owner/name>", "repository whose PRs own the schemas (default: $GITHUB_REPOSITORY); the sweep reads GITHUB_TOKEN").option("--ttl-days <days>", "sweep: also drop schemas with no new head for this many days (0 = off)", "7").option("--keep <schema>", "sweep: never drop this schema (repeatable; name or database.name)", collect2, []).option("--concurrency <n>", "sweep: DROP statements in flight at once", "4").option("--project-dir <dir>", "dbt project folder (its dbt_project.yml names the profile)", ".").addHelpText("after", "\nExit codes: 0 done (or nothing to do), 1 a drop failed or was refused, 2 bad input, 3 internal error.").action(
    handle(async (opts, { rt, emit }) => {
      if (!!opts.pr === !!opts.sweep) {
        throw new UserError(opts.pr ? "--pr and --sweep cannot be combined." : "Say what to clean: --pr <number> or --sweep.", {
          hint: "Use --pr <n> on pull_request: closed, and --sweep on a schedule."
        });
      }
      if (opts.pr) {
        const pr = parsePrNumber(opts.pr, "--pr");
        if (opts.database.length > 1) throw new UserError("--pr takes at most one --database.", { hint: "Name the database the PR schema lives in." });
        const base = { pr, prefix: opts.prefix, database: opts.database[0], repo: opts.repo ?? process.env.GITHUB_REPOSITORY };
        if (opts.dryRun && opts.dialect) {
          const r = planDropPrSchema(opts.dialect, base);
          emit({ ...r, plan: formatPlan(r.statements, opts.dialect) }, dropText);
          return;
        }
        const config2 = await resolveConnection(opts, rt);
        const wh2 = await connect(config2, { queryTag: { action: "schema-cleanup", pr } });
        try {
          const r = await dropPrSchema(wh2, { ...base, dryRun: !!opts.dryRun });
          if (r.status === "left-alone") rt.warn(r.reason);
          if (opts.dryRun) emit({ ...r, plan: formatPlan(r.statements, dialectOf(config2)) }, dropText);
          else emit(r, dropText);
        } finally {
          await wh2.close();
        }
        return;
      }
      const repo = repoOption(opts.repo);
      if (opts.dialect) rt.warn("--dialect is ignored with --sweep: the sweep must read the warehouse to know which schemas exist (its --dry-run drops nothing).");
      const ttlDays = number(opts.ttlDays, "--ttl-days", "Pass a number of days, e.g. --ttl-days 7 (0 = off).");
      const concurrency = number(opts.concurrency, "--concurrency", "Pass a whole number such as 4.");
      const token = process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN;
      if (!token) {
        throw new UserError("The sweep asks GitHub which pull requests are open, but GITHUB_TOKEN is not set.", {
          hint: "Export GITHUB_TOKEN (a token that can read pull requests of the repository) and run again."
        });
      }
      rt.mask(token);
      const octokit = createOctokit({ token, baseUrl: process.env.GITHUB_API_URL, log: rt });
      const calls = countRequests(octokit);
      const config = await resolveConnection(opts, rt);
      const wh = await connect(config, { queryTag: { action: "schema-cleanup" } });
      let report;
      try {
        report = await sweepPrSchemas(
          wh,
          { repo, prefix: opts.prefix, databases: opts.database, ttlDays, keep: opts.keep, dryRun: !!opts.dryRun, concurrency },
          openPullsLookup(octokit),
          (m) => rt.info(m)
        );
      } finally {
        await wh.close();
      }
      await rt.appendSummary(renderSweepMarkdown(report));
      rt.debug(`GitHub API requests: ${calls.count}`);
      emit({ ...report, githubRequests: calls.count, plan: report.dryRun ? formatPlan(report.statements, report.dialect) : void 0 }, (r) => renderSweepText(r));
      if (report.counts.failed > 0) {
        rt.error(`${report.counts.failed} schema(s) could not be dropped; see the report above.`);
        return ExitCode.gateFailed;
      }
    })
  );
}

// shared/cli/commands/deploy.ts
import { Option as Option3 } from "../vendor/commander.js";
var collect3 = (value, previous = []) => [...previous, ...value.split(",").map((s) => s.trim()).filter(Boolean)];
function withDeployOptions(cmd) {
  return cmd.requiredOption("--environment <name>", "deploy environment (its own lock and history), e.g. production").option("--schemas <list>", "published (consumer-facing) schemas, comma-separated or repeated (default: the schemas of the manifest's models)", collect3, []).option("--admin-schema <name>", "schema holding DEPLOY_STATE and DEPLOY_LOCK", "SLIPWAY").option("--database <name>", "database of the published and admin schemas (Snowflake; default: the connection's)").option("--suffix-blue <suffix>", "suffix of the blue colour schemas", "__BLUE").option("--suffix-green <suffix>", "suffix of the green colour schemas", "__GREEN").option("--suffix-next <suffix>", "suffix of the staging schema that holds the next (after the swap: the previous) views", "__NEXT").option("--actor <name>", "who runs this, recorded in DEPLOY_STATE (default: $GITHUB_ACTOR or $USER)").option("--run-url <url>", "workflow run URL recorded with the lock and rows (default: from GITHUB_* variables)").option("--git-sha <sha>", "commit being deployed (default: $GITHUB_SHA)").option("--lease-minutes <n>", "deploy lock lease; must cover the dbt build between prepare and cutover (default 180)").option("--project-dir <dir>", "dbt project folder (artifacts are read from <dir>/target/)", ".").option("--manifest <file>", "manifest.json of the build (default: <project-dir>/target/manifest.json when present)").addOption(new Option3("--colour <colour>", "with --dry-run: the colour to show the plan for (default green)").choices(["blue", "green"])).option("--database-swap", "Snowflake: cut every published schema over with ONE ALTER DATABASE <published-database> SWAP WITH <published-database>__NEXT (needs --published-database and --database); without it each schema swaps atomically and the window between them is reported").option("--published-database <name>", "with --database-swap: the consumer-facing database, holding only the published view schemas (the colour and admin schemas stay in --database)");
}
function common(opts) {
  return {
    environment: opts.environment,
    schemas: parseSchemas(opts.schemas),
    adminSchema: opts.adminSchema,
    database: opts.database,
    suffixBlue: opts.suffixBlue,
    suffixGreen: opts.suffixGreen,
    suffixNext: opts.suffixNext,
    actor: opts.actor ?? defaultActor(),
    runUrl: opts.runUrl ?? defaultRunUrl(),
    gitSha: opts.gitSha ?? process.env.GITHUB_SHA,
    leaseMinutes: parseLease(opts.leaseMinutes),
    databaseSwap: !!opts.databaseSwap,
    publishedDatabase: opts.publishedDatabase
  };
}
function register6(program) {
  const group = program.command("deploy").description("blue-green deploys: build the idle colour, prove it, cut over in one atomic step, audit everything in DEPLOY_STATE");
  withFormatOption(withDryRunOptions(withConnectionOptions(withDeployOptions(group.command("prepare"))))).description("take the deploy lock, pick the idle colour, record STARTED; prints the colour schemas dbt must build into").action(
    handle(async (opts, { rt, emit }) => {
      const c = common(opts);
      const { manifest, manifestSha256 } = await loadArtifacts({ manifest: opts.manifest }, rt);
      if (opts.dryRun && opts.dialect) {
        const plan = await preparePlan({ ...c, dialect: opts.dialect, manifest, colour: opts.colour });
        emit({ plan: formatPlan(plan, opts.dialect), statements: plan.length }, (r) => r.plan);
        return;
      }
      const config = await resolveConnection(opts, rt);
      if (opts.dryRun) {
        const d = dialectOf(config);
        const plan = await preparePlan({ ...c, dialect: d, manifest, colour: opts.colour });
        emit({ plan: formatPlan(plan, d), statements: plan.length }, (r) => r.plan);
        return;
      }
      const wh = await connect(config, { queryTag: { action: "deploy-prepare", sha: c.gitSha } });
      try {
        const r = await prepareDeploy(wh, { ...c, manifest, manifestSha256 }, rt);
        emit(deployJson(r), () => prepareText(r));
      } finally {
        await wh.close();
      }
    })
  );
  withFormatOption(withDryRunOptions(withConnectionOptions(withDeployOptions(group.command("cutover"))))).description("run the pre-cutover checks, then publish the new colour in one atomic step, record LIVE and release the lock").option("--deploy-id <id>", "the deploy to cut over (default: the one holding the lock)").option("--run-results <file>", "run_results.json of the build (default: <project-dir>/target/run_results.json when present)").option("--checks-dir <dir>", "folder of .sql files that must each return zero rows ({{ suffix }} / {{ colour }} are replaced)").option("--row-count-tolerance <pct>", "allowed row-count change per table vs the live colour, in percent, or none (default 50; a populated table going empty always fails)").addOption(new Option3("--warn-policy <policy>", "whether dbt warnings in run_results block the cutover").choices(["allow", "fail"]).default("allow")).option("--freshness", "also gate on source freshness: every source with a dbt freshness SLA, measured in the warehouse in one statement").option("--row-count-history", "also gate on row-count anomalies against <admin-schema>.ROW_COUNT_HISTORY, and record the new counts once LIVE").option("--freshness-config <file>", "slipway-freshness.yml with SLA overrides and row-count rules (see docs/freshness-gate.md)").action(
    handle(async (opts, { rt, emit, format }) => {
      const c = common(opts);
      const tolerance = parseTolerance(opts.rowCountTolerance);
      const warnPolicy = parseWarnPolicy(opts.warnPolicy);
      const arts = await loadArtifacts(
        { manifest: opts.manifest, runResults: opts.runResults, defaultManifest: artifactPath(opts, "manifest"), defaultRunResults: opts.dryRun ? void 0 : artifactPath(opts, "run-results") },
        rt
      );
      if (opts.dryRun && opts.dialect) {
        const plan = await cutoverPlan({ ...c, dialect: opts.dialect, manifest: arts.manifest, colour: opts.colour });
        emit({ plan: formatPlan(plan, opts.dialect), statements: plan.length, "swap-statements": plan.filter((s) => /SWAP WITH|RENAME TO/.test(s.sql)).length }, (r) => r.plan);
        return;
      }
      const config = await resolveConnection(opts, rt);
      if (opts.dryRun) {
        const d = dialectOf(config);
        const plan = await cutoverPlan({ ...c, dialect: d, manifest: arts.manifest, colour: opts.colour });
        emit({ plan: formatPlan(plan, d), statements: plan.length }, (r) => r.plan);
        return;
      }
      const gates = await deployGates({ freshness: opts.freshness, rowCountHistory: opts.rowCountHistory, configFile: opts.freshnessConfig, adminSchema: c.adminSchema });
      const wh = await connect(config, { queryTag: { action: "deploy-cutover", sha: c.gitSha } });
      try {
        const r = await cutoverDeploy(wh, { ...c, ...arts, deployId: opts.deployId, checksDir: opts.checksDir, rowCountTolerancePct: tolerance, warnPolicy, ...gates }, rt);
        await rt.appendSummary(cutoverMarkdown(r));
        emit(deployJson(r), () => cutoverText(r));
      } catch (err) {
        const checks = err instanceof GateFailure ? err.details?.checks : void 0;
        if (checks) {
          rt.error(`Pre-cutover checks:
${formatChecks(checks)}`);
          await rt.appendSummary(failedMarkdown(opts.deployId ?? "(holder of the lock)", c.environment, checks));
          if (format === "json") emit({ status: "FAILED", environment: c.environment, checks }, () => "");
        }
        throw err;
      } finally {
        await wh.close();
      }
    })
  );
  withFormatOption(withConnectionOptions(group.command("status"))).description("the live deploy, the deploy lock and the recent deploys of an environment").requiredOption("--environment <name>", "deploy environment").option("--admin-schema <name>", "schema holding DEPLOY_STATE", "SLIPWAY").option("--database <name>", "database of the admin schema (Snowflake)").option("--limit <n>", "how many recent deploys to list", "10").option("--project-dir <dir>", "dbt project folder", ".").action(
    handle(async (opts, { rt, emit }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UserError(`--limit must be a positive whole number, got '${opts.limit}'.`, { hint: "e.g. --limit 20" });
      const wh = await connect(await resolveConnection(opts, rt), { queryTag: { action: "deploy-status" } });
      try {
        const s = await deployStatus(wh, { environment: opts.environment, adminSchema: opts.adminSchema, database: opts.database, limit });
        emit(s, () => statusText(s));
      } finally {
        await wh.close();
      }
    })
  );
  withFormatOption(withConnectionOptions(group.command("abort"))).description("end this deploy after a failed build: record FAILED and release the lock (nothing is published); refuses another deploy's lock").requiredOption("--environment <name>", "deploy environment").requiredOption("--reason <text>", "what failed (recorded in DEPLOY_STATE)").option("--deploy-id <id>", "the deploy to abort (default: the one holding the lock)").option("--actor <name>", "who aborts (default: $GITHUB_ACTOR or $USER)").option("--admin-schema <name>", "schema holding DEPLOY_STATE", "SLIPWAY").option("--database <name>", "database of the admin schema (Snowflake)").option("--project-dir <dir>", "dbt project folder", ".").action(
    handle(async (opts, { rt, emit }) => {
      const wh = await connect(await resolveConnection(opts, rt), { queryTag: { action: "deploy-abort" } });
      try {
        const r = await abortDeploy(wh, { environment: opts.environment, deployId: opts.deployId, reason: opts.reason, actor: opts.actor ?? defaultActor(), runUrl: defaultRunUrl(), adminSchema: opts.adminSchema, database: opts.database }, rt);
        emit(r, () => r.aborted ? `aborted deploy ${r.deployId} in ${r.environment}; the lock is released` : `nothing to abort in ${r.environment}`);
      } finally {
        await wh.close();
      }
    })
  );
  withFormatOption(withConnectionOptions(group.command("unlock"))).description("clear a dead deploy lock (audited: the holder is recorded FAILED with your name and reason)").requiredOption("--environment <name>", "deploy environment").requiredOption("--reason <text>", "why the holder is dead (recorded in DEPLOY_STATE)").option("--actor <name>", "who unlocks (default: $GITHUB_ACTOR or $USER)").option("--admin-schema <name>", "schema holding DEPLOY_STATE", "SLIPWAY").option("--database <name>", "database of the admin schema (Snowflake)").option("--project-dir <dir>", "dbt project folder", ".").action(
    handle(async (opts, { rt, emit }) => {
      if (!opts.reason.trim()) throw new UserError("--reason is empty.", { hint: "Say why the lock holder is dead; it is recorded in DEPLOY_STATE." });
      const wh = await connect(await resolveConnection(opts, rt), { queryTag: { action: "deploy-unlock" } });
      try {
        const r = await unlockDeploy(wh, { environment: opts.environment, reason: opts.reason, actor: opts.actor ?? defaultActor(), runUrl: defaultRunUrl(), adminSchema: opts.adminSchema, database: opts.database }, rt);
        emit(r, () => r.clearedHolder ? `cleared the deploy lock of ${r.clearedHolder} in ${r.environment}` : `the deploy lock of ${r.environment} was already free`);
      } finally {
        await wh.close();
      }
    })
  );
}

// shared/cli/commands/rollback.ts
var list = (value, previous = []) => [...previous, ...value.split(",").map((s) => s.trim()).filter(Boolean)];
function register7(program) {
  const cmd = program.command("rollback").description("go back to the previous good deploy (one swap per published schema), or restore the live tables to a point in time (Snowflake time travel)").option("--reason <text>", "why (required; written to the audit trail with who and from/to which deploy)").option("--environment <name>", "deploy environment (its own DEPLOY_STATE history and lock)", process.env.SLIPWAY_ENVIRONMENT ?? "production").option("--to <deploy-id>", "re-swap to this earlier deploy (default: the previous LIVE deploy)").option("--at <timestamp>", "point-in-time recovery: restore the live tables as of this ISO 8601 time with a zone (e.g. 2026-11-22T09:30:00Z)").option("--before-statement <query-id>", "point-in-time recovery: restore the live tables as of just before this Snowflake statement (DML/SELECT, last 14 days)").option("--partial", "point-in-time recovery: apply even if some tables cannot be recovered; they are named, audited and left as they are").option("--schemas <list>", "published schemas (comma-separated or repeated; default: those of the live deploy)", list, []).option("--colour-schemas <list>", "point-in-time recovery: the schemas holding the tables, when DEPLOY_STATE cannot tell", list, []).option("--admin-schema <name>", "schema holding DEPLOY_STATE, DEPLOY_LOCK and PITR_LOG", "SLIPWAY").option("--database <name>", "database (Snowflake; default: the connection's)").option("--actor <name>", "who is rolling back (default: $GITHUB_ACTOR or the OS user)").option("--run-url <url>", "link recorded in the audit trail (default: the GitHub run, when in Actions)").option("--suffix-blue <suffix>", "suffix of the blue colour schemas (as configured for deploys)", "__BLUE").option("--suffix-green <suffix>", "suffix of the green colour schemas", "__GREEN").option("--suffix-next <suffix>", "suffix of the staging schema holding the previous views", "__NEXT").option("--metadata-file <file>", "point-in-time recovery --dry-run from recorded metadata instead of a connection").option("--project-dir <dir>", "dbt project folder (its dbt_project.yml names the profile)", ".");
  withFormatOption(withDryRunOptions(withConnectionOptions(cmd)));
  cmd.addHelpText(
    "after",
    `
Examples:
  slipway rollback --reason "orders doubled after deploy 20261122T0900" --environment production
  slipway rollback --to 20261120T081500Z-1a2b3c --reason "INC-123"
  slipway rollback --at 2026-11-22T08:30:00-08:00 --reason "INC-123" --dry-run
  slipway rollback --before-statement 01b8a2f3-0000-7c1e-0000-00a1b2c3d4e5 --reason "bad MERGE" --partial

Exit codes: 0 rolled back (or dry run printed), 1 refused (colour rebuilt, lock held, tables not recoverable), 2 bad input, 3 internal error.`
  );
  cmd.action(
    handle(async (opts, { rt, emit }) => {
      const { reason, environment, point } = validateRollbackFlags(opts);
      const base = {
        environment,
        reason,
        point,
        to: opts.to,
        partial: !!opts.partial,
        schemas: opts.schemas,
        colourSchemas: opts.colourSchemas,
        adminSchema: opts.adminSchema,
        database: opts.database,
        actor: opts.actor ?? defaultActor2(),
        runUrl: opts.runUrl ?? defaultRunUrl2(),
        dryRun: !!opts.dryRun,
        suffixBlue: opts.suffixBlue,
        suffixGreen: opts.suffixGreen,
        suffixNext: opts.suffixNext
      };
      if (point && opts.dryRun && opts.dialect === "postgres") {
        assertTimeTravel({ capabilities: { timeTravel: false }, description: "postgres dialect", dialect: "postgres" });
      }
      if (opts.metadataFile) {
        if (!point || !opts.dryRun) throw new UserError("--metadata-file plans a point-in-time recovery offline; it needs --at/--before-statement and --dry-run.", { hint: "Add --dry-run (and --at or --before-statement)." });
        const r = await runRollback(void 0, { ...base, metadata: await loadMetadataFile(opts.metadataFile) }, rt);
        emit(r, reportText);
        return;
      }
      const config = await resolveConnection(opts, rt);
      if (point && dialectOf(config) !== "snowflake") {
        assertTimeTravel({ capabilities: { timeTravel: false }, description: `${config.type} connection`, dialect: "postgres" });
      }
      const wh = await connect(config, { queryTag: { action: "rollback", run: base.runUrl } });
      try {
        const r = await runRollback(wh, base, rt);
        emit(r, reportText);
        return;
      } finally {
        await wh.close();
      }
    })
  );
}

// shared/cli/commands/freshness.ts
import { Option as Option4 } from "../vendor/commander.js";
function register8(program) {
  const fresh = program.command("freshness").description(
    "source freshness gate: judge every dbt source with a freshness SLA (warn_after/error_after) from sources.json (`dbt source freshness`) or by measuring it in the warehouse (--measure, one statement for all sources); exit 1 when a source is at or past --fail-on"
  ).option("--measure", "measure in the warehouse instead of reading sources.json (no dbt needed; Snowflake sources without loaded_at_field use INFORMATION_SCHEMA.TABLES.LAST_ALTERED)").option("--config <file>", "Slipway freshness config (default: <project-dir>/slipway-freshness.yml when present)").addOption(new Option4("--fail-on <level>", "fail the gate on error (stale past error_after, or not measurable) or also on warn").choices(["error", "warn"])).addOption(new Option4("--evaluate-at <when>", "sources.json mode: judge ages at dbt's snapshot time or now").choices(["snapshot", "now"]));
  withFormatOption(withDryRunOptions(withConnectionOptions(withArtifactOptions(fresh, ["manifest", "sources"]))));
  fresh.action(
    handle(async (opts, { rt, emit, format }) => {
      if (opts.sources && opts.measure) throw new UserError("--sources and --measure cannot be used together.", { hint: "Use --sources to read dbt source freshness output, or --measure to query the warehouse." });
      const inputs = { mode: opts.measure ? "warehouse" : "sources-json", projectDir: opts.projectDir, manifest: opts.manifest, sources: opts.sources, config: opts.config, failOn: parseFailOn(opts.failOn), evaluateAt: opts.evaluateAt };
      if (opts.dryRun) {
        if (!opts.measure) throw new UserError("--dry-run shows the SQL of --measure; sources.json mode runs no SQL.", { hint: "Add --measure." });
        const dialect = opts.dialect ?? (opts.profilesDir || opts.profile || opts.target ? dialectOf(await resolveConnection(opts, rt)) : "snowflake");
        const dry = await freshnessDryRun(inputs, dialect);
        for (const p of dry.problems) rt.warn(`${p.source}: ${p.problem}`);
        emit({ dialect, statements: dry.statements, problems: dry.problems }, () => dry.text || "-- no source has a freshness SLA: nothing to measure");
        return;
      }
      const { report, manifest } = await runFreshnessGate(rt, inputs, {
        openWarehouse: async () => connect(await resolveConnection(opts, rt), { queryTag: { action: "freshness" } })
      });
      await publishReports({ rt: quietAnnotations(rt, format), freshness: report, sourcePaths: sourcePaths(manifest) });
      emit(report, freshnessText);
      return report.passed ? 0 : 1;
    })
  );
  const rc = fresh.command("row-counts").description(`row-count anomalies: record each model's row count in <admin-schema>.ROW_COUNT_HISTORY, and flag a count outside the expected range`);
  const common2 = (cmd) => withFormatOption(withConnectionOptions(withArtifactOptions(cmd, ["manifest"]))).option("--config <file>", "Slipway freshness config with a row-counts: section (default: <project-dir>/slipway-freshness.yml when present)").option("--environment <name>", "history is kept per environment (default: config row-counts.environment, else prod)").option("--admin-schema <schema>", "schema holding ROW_COUNT_HISTORY (default: config row-counts.admin-schema, else SLIPWAY)").option("--models <patterns...>", "only these models (unique_id, name, or glob)").option("--include-views", "also count views (runs their query)");
  withDryRunOptions(common2(rc.command("record").description("count rows of every table model in the manifest and record them as good counts (run after a successful deploy)"))).option("--deploy-id <id>", "deploy id stored with the counts").action(
    handle(async (opts, { rt, emit }) => {
      const { targets, settings } = await rowCountInputs(opts);
      if (opts.dryRun) {
        const dialect = opts.dialect ?? "snowflake";
        const d = freshnessDialect(dialect);
        const count = { sql: d.unionAll(targets.map((t) => d.rowCountBranch({ id: t.model, relation: t.relation }))), purpose: `count rows of ${targets.length} model(s) in one statement` };
        const rec = recordStatements(dialect, { adminSchema: settings.adminSchema, environment: settings.environment, deployId: opts.deployId, counts: {} });
        const text2 = formatPlan(targets.length ? [count, ...rec] : rec, dialect) + "\n\n-- then one INSERT of the measured counts";
        emit({ dialect, statements: [count, ...rec] }, () => text2);
        return;
      }
      const wh = await connect(await resolveConnection(opts, rt), { queryTag: { action: "freshness-row-counts" } });
      try {
        const m = await measureRowCounts(wh, targets);
        for (const e of m.errors) rt.warn(`${e.model}: could not count rows: ${e.error}`);
        const relations = Object.fromEntries(targets.map((t) => [t.model, freshnessDialect(wh.dialect).relationSql(t.relation)]));
        const r = await recordRowCounts(wh, { adminSchema: settings.adminSchema, environment: settings.environment, deployId: opts.deployId, counts: m.counts, relations });
        const out = { recorded: r.recorded, environment: settings.environment, adminSchema: settings.adminSchema, counts: Object.fromEntries(m.counts), errors: m.errors };
        emit(out, (o) => `Recorded ${o.recorded} row count(s) for ${o.environment} in ${o.adminSchema}.ROW_COUNT_HISTORY${o.errors.length ? `; ${o.errors.length} model(s) could not be counted` : ""}.`);
        return m.errors.length ? 1 : 0;
      } finally {
        await wh.close();
      }
    })
  );
  common2(rc.command("check").description("count rows now and compare with the recorded history; exit 1 on an anomaly")).option("--record", "also record the counts (anomalous ones are kept out of future baselines)").option("--deploy-id <id>", "deploy id stored with recorded counts").action(
    handle(async (opts, { rt, emit, format }) => {
      const { targets, settings, config } = await rowCountInputs(opts);
      const wh = await connect(await resolveConnection(opts, rt), { queryTag: { action: "freshness-row-counts" } });
      try {
        const m = await measureRowCounts(wh, targets);
        const report = await checkRowCounts(wh, { adminSchema: settings.adminSchema, environment: settings.environment, counts: m.counts, config: config["row-counts"] });
        report.errors.push(...m.errors);
        if (opts.record) {
          const anomalous = report.findings.filter((f) => f.verdict === "fail").map((f) => f.model);
          await recordRowCounts(wh, { adminSchema: settings.adminSchema, environment: settings.environment, deployId: opts.deployId, counts: m.counts, anomalous });
        }
        await publishReports({ rt: quietAnnotations(rt, format), rowCounts: report });
        emit(report, rowCountText);
        return gatePassed(void 0, report) ? 0 : 1;
      } finally {
        await wh.close();
      }
    })
  );
}
async function rowCountInputs(opts) {
  const config = await loadGateConfig({ config: opts.config, projectDir: opts.projectDir });
  const rcc = config["row-counts"] ?? {};
  const manifest = await loadManifest(artifactPath(opts, "manifest"));
  const pats = opts.models ?? [];
  const targets = countTargetsFromManifest(manifest, { includeViews: opts.includeViews ?? rcc["include-views"], select: pats.length ? (id) => pats.some((p) => matchesModel(p, id)) : void 0 });
  if (pats.length && targets.length === 0) throw new UserError(`--models ${pats.join(" ")} matches no table model in the manifest.`, { hint: 'Use unique_ids (model.pkg.name), names, or globs like "fct_*".' });
  return { config, targets, settings: { environment: opts.environment ?? rcc.environment ?? "prod", adminSchema: opts.adminSchema ?? rcc["admin-schema"] ?? "SLIPWAY" } };
}
function quietAnnotations(rt, _format) {
  return Object.assign(Object.create(rt), rt, { annotate: (_l, message) => rt.debug(message) });
}

// shared/cli/commands/policy.ts
import { Option as Option5 } from "../vendor/commander.js";
var collect4 = (v, prev = []) => [...prev, v];
function register9(program) {
  program.command("policy").description(
    "Check Terraform plans (or states) of the Snowflake provider against the grant policy: PUBLIC grants, admin roles, read-only reporters, role scope, destroys, legacy enable_multiple_grants and the rest of the SF-… rules.\nInput is `terraform show -json tfplan`; pass --plan once per environment to also check parity between them.\nExit codes: 0 no deny (and no warn with --fail-on-warn), 1 a deny remains, 2 bad input or configuration."
  ).requiredOption("--plan <file>", "plan or state JSON from `terraform show -json` (repeatable; `prod=plan.json` names the environment)", collect4).option("--config <file>", "policy configuration YAML: rule levels, exceptions, custom rules, role intent (default: built-in defaults)").addOption(new Option5("--format <format>", "output: text for people; json, github (workflow annotations), sarif (code scanning) or junit on stdout").choices([...POLICY_FORMATS]).default("text")).option("--fail-on-warn", "exit 1 on warnings too").action(
    handle(async (opts, ctx) => {
      const report = await runPolicy({ plans: opts.plan, configFile: opts.config, failOnWarn: !!opts.failOnWarn });
      for (const w of report.warnings) ctx.rt.warn(w);
      process.stdout.write(ctx.rt.redact(formatReport(report, opts.format)));
      return report.summary.result === "fail" ? ExitCode.gateFailed : ExitCode.ok;
    })
  );
}

// shared/cli/commands/index.ts
function registerAll(program) {
  for (const register10 of [register, register2, register3, register4, register5, register6, register7, register8, register9]) register10(program);
}

// shared/cli/program.ts
var VERSION = "0.1.0";
function buildProgram() {
  const program = new Command2("slipway").description(
    "CI/CD for dbt + Snowflake: slim CI, PR schemas, blue-green deploys, rollback, freshness gates and grant policy.\nEvery command calls the same core as its GitHub Action, so on-call can act from any shell.\n\nExit codes: 0 ok, 1 a gate or policy failed, 2 usage or configuration error, 3 internal error."
  ).version(VERSION, "-V, --version").option("-v, --verbose", "debug logging on stderr").showHelpAfterError("(run with --help for usage)").enablePositionalOptions();
  registerAll(program);
  const exitOverride = (cmd) => {
    cmd.exitOverride((err) => {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") throw err;
      throw Object.assign(err, { exitCode: ExitCode.usage });
    });
    cmd.commands.forEach(exitOverride);
  };
  exitOverride(program);
  return program;
}
async function runCli(argv) {
  process.env.SNOWFLAKE_DISABLE_MINICORE ??= "1";
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const program = buildProgram();
  if (argv.length <= 2) {
    program.outputHelp();
    return;
  }
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    throw err;
  }
}

// shared/cli/bin.ts
runCli(process.argv).catch((err) => {
  process.stderr.write(`Internal error: ${err instanceof Error ? err.message : String(err)}
`);
  process.exitCode = 3;
});
