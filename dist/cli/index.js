#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  impactGateFailure,
  impactText,
  prImpact
} from "../chunks/chunk-CCZM3JBJ.js";
import {
  DEFAULT_STATE_DIR,
  KEY_PREFIX,
  LocalDirStateCache,
  defaultLocalCacheDir,
  exists,
  restoreState,
  runSlimCi,
  saveState
} from "../chunks/chunk-FKBW4X47.js";
import {
  loadStateDir,
  selectNodes
} from "../chunks/chunk-EQ7NBDB3.js";
import {
  doctorScope,
  doctorText,
  runDoctor
} from "../chunks/chunk-SR2SWEZU.js";
import {
  freshnessDryRun,
  loadGateConfig,
  runFreshnessGate,
  sourcePaths
} from "../chunks/chunk-5HXFEX3I.js";
import {
  POLICY_FORMATS,
  formatReport,
  runPolicy
} from "../chunks/chunk-OCPYB64B.js";
import {
  createPrSchema,
  dryRunCreatePrSchema,
  renderCreateMarkdown
} from "../chunks/chunk-TSSGOT5E.js";
import {
  loadMetadataFile,
  reportText,
  runRollback,
  validateRollbackFlags
} from "../chunks/chunk-PEMTO42S.js";
import {
  dropPrSchema,
  planDropPrSchema
} from "../chunks/chunk-XGTJ2M6K.js";
import {
  renderSweepMarkdown,
  renderSweepText,
  sweepPrSchemas
} from "../chunks/chunk-GXD5WEQK.js";
import {
  countRequests,
  openPullsLookup,
  parseRepo
} from "../chunks/chunk-Y5SKMHMK.js";
import {
  checkRowCounts,
  countTargetsFromManifest,
  deployGates,
  matchesModel,
  measureRowCounts,
  recordRowCounts,
  recordStatements
} from "../chunks/chunk-4YN7C2ZH.js";
import {
  freshnessDialect,
  freshnessText,
  gatePassed,
  publishReports,
  rowCountText
} from "../chunks/chunk-TDDTI4OZ.js";
import "../chunks/chunk-O2T6RYZ3.js";
import {
  abortDeploy,
  adoptDeploy,
  adoptPlan,
  adoptPlanStatements,
  cutoverDeploy,
  cutoverMarkdown,
  cutoverPlan,
  cutoverText,
  deployJson,
  deployStatus,
  failedMarkdown,
  formatChecks,
  prepareText,
  statusText,
  unlockDeploy
} from "../chunks/chunk-G3IIXK5K.js";
import {
  defaultActor,
  defaultRunUrl,
  dryRunContext,
  loadArtifacts,
  parseLease,
  parseSchemas,
  parseTolerance,
  parseWarnPolicy,
  prepareDeploy,
  preparePlan,
  projectQuoting
} from "../chunks/chunk-WL7F7LXX.js";
import {
  catalogIdentifierName,
  catalogSchemaName,
  quotingFromManifest,
  readProjectQuoting
} from "../chunks/chunk-MP6FIDRT.js";
import {
  formatPlan,
  sqlComment
} from "../chunks/chunk-K2HM67PE.js";
import {
  loadManifest,
  loadSources
} from "../chunks/chunk-545Z3XKG.js";
import {
  createOctokit
} from "../chunks/chunk-4FBTO444.js";
import {
  parseFailOn as parseFailOn2
} from "../chunks/chunk-2PTZB4HT.js";
import {
  redactSecrets,
  stringifyOutput
} from "../chunks/chunk-V2UDNE4W.js";
import "../chunks/chunk-USRRF2GE.js";
import {
  connectTo,
  dialectOf,
  openWarehouse,
  resolveConnection
} from "../chunks/chunk-3LLOBFGJ.js";
import "../chunks/chunk-WXLAFXG2.js";
import {
  FEATURES,
  OPT_IN_FEATURES
} from "../chunks/chunk-AIQJCJRY.js";
import {
  DEFAULTS,
  DEFAULT_MAX_REQUESTS_PER_MINUTE,
  runFivetranSync,
  syncText
} from "../chunks/chunk-QFSN7465.js";
import "../chunks/chunk-7EY7NJ5E.js";
import {
  parseFailOn
} from "../chunks/chunk-4AYLGPMZ.js";
import {
  assertTimeTravel
} from "../chunks/chunk-4PQSW55K.js";
import {
  adminNames,
  checkEnvironment,
  currentDeploy,
  eventValues,
  otherColour,
  readDeployState
} from "../chunks/chunk-4W35UCXX.js";
import {
  deploySqlFor
} from "../chunks/chunk-U2YJDY4W.js";
import {
  runStatement,
  setDebugSink
} from "../chunks/chunk-JK3NYHQT.js";
import {
  DEFAULT_PREFIX,
  parsePrNumber,
  prSchemaName
} from "../chunks/chunk-E2H7YEBO.js";
import "../chunks/chunk-YTHL6NVM.js";
import "../chunks/chunk-4EJKEUIK.js";
import {
  ExitCode,
  GateFailure,
  OperationError,
  UserError,
  describeError,
  exitCodeFor
} from "../chunks/chunk-IZF6KDBA.js";

// shared/cli/program.ts
import { Command as Command3, CommanderError } from "../vendor/commander.js";

// shared/dialects/info.ts
function versionQuery(dialect) {
  return dialect === "snowflake" ? 'SELECT CURRENT_VERSION() AS "version"' : 'SELECT version() AS "version"';
}

// shared/cli/common.ts
import { Option as Option2 } from "../vendor/commander.js";
import { join } from "node:path";

// shared/runtime/cli-runtime.ts
import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
var CliRuntime = class {
  kind = "cli";
  secrets = /* @__PURE__ */ new Set();
  out = {};
  write;
  verbose;
  summaryFile;
  exported = {};
  summaries = [];
  annotations = [];
  constructor(opts = {}) {
    this.write = opts.write ?? ((line) => process.stderr.write(line + "\n"));
    this.verbose = opts.verbose ?? false;
    this.summaryFile = opts.summaryFile ?? process.env.SLIPWAY_SUMMARY_FILE;
  }
  log(prefix, message) {
    this.write(this.redact(prefix + message));
  }
  debug(message) {
    if (this.verbose) this.log("debug: ", message);
  }
  info(message) {
    this.log("", message);
  }
  warn(message, props) {
    this.annotations.push({ level: "warning", message, props });
    this.log("warning: ", message);
  }
  error(message, props) {
    this.annotations.push({ level: "error", message, props });
    this.log("error: ", message);
  }
  annotate(level, message, props) {
    if (level === "error") this.error(message, props);
    else if (level === "warning") this.warn(message, props);
    else {
      this.annotations.push({ level, message, props });
      this.log("notice: ", message);
    }
  }
  async group(title, fn) {
    this.log("", `» ${title}`);
    return fn();
  }
  mask(secret) {
    if (secret) this.secrets.add(secret);
  }
  redact(text2) {
    return redactSecrets(text2, this.secrets);
  }
  setOutput(name, value) {
    this.out[name] = stringifyOutput(value);
  }
  exportVariable(name, value) {
    this.exported[name] = value;
    process.env[name] = value;
  }
  async appendSummary(markdown) {
    this.summaries.push(markdown);
    if (this.summaryFile) {
      await mkdir(dirname(this.summaryFile), { recursive: true });
      await appendFile(this.summaryFile, this.redact(markdown) + "\n");
    }
  }
  get outputs() {
    return this.out;
  }
};

// shared/cli/naming.ts
import { Option } from "../vendor/commander.js";
var registry = /* @__PURE__ */ new WeakMap();
function camelCase(kebab) {
  return kebab.replace(/^-+/, "").replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
}
function deprecatedOption(cmd, flags, replacement, opts = {}) {
  const opt = new Option(flags, `deprecated: use ${replacement}${opts.value ? ` ${opts.value}` : ""}`).hideHelp();
  if (opts.parse) opt.argParser(opts.parse);
  cmd.addOption(opt);
  const list2 = registry.get(cmd) ?? [];
  list2.push({ old: opt.long, replacement, ...opts.value !== void 0 ? { value: opts.value } : {} });
  registry.set(cmd, list2);
  return cmd;
}
function applyDeprecations(cmd, opts, warn) {
  const touched = /* @__PURE__ */ new Set();
  for (const d of registry.get(cmd) ?? []) {
    const oldKey = camelCase(d.old);
    const newKey = camelCase(d.replacement);
    if (cmd.getOptionValueSource(oldKey) !== "cli") continue;
    const given = opts[oldKey];
    delete opts[oldKey];
    const value = d.value ?? given;
    const newFromCli = cmd.getOptionValueSource(newKey) === "cli" || touched.has(newKey);
    touched.add(newKey);
    if (newFromCli && Array.isArray(opts[newKey]) && Array.isArray(value)) {
      opts[newKey] = [...opts[newKey], ...value];
    } else if (newFromCli && opts[newKey] !== value) {
      throw new UserError(`${d.old} and ${d.replacement} were both given.`, { hint: `${d.old} is the old name of ${d.replacement}${d.value ? ` ${d.value}` : ""}; pass only ${d.replacement}.` });
    } else {
      opts[newKey] = value;
    }
    warn(`${d.old} is deprecated and will be removed in a future release: use ${d.replacement}${d.value ? ` ${d.value}` : ""} (the same name as the action input; see docs/naming.md).`);
  }
}
function withDeprecatedKeys(result, renamed) {
  const old = {};
  const map = {};
  for (const [oldKey, newKey] of Object.entries(renamed)) {
    if (!(newKey in result)) continue;
    old[oldKey] = result[newKey];
    map[oldKey] = newKey;
  }
  if (!Object.keys(map).length) return result;
  return { ...result, ...old, deprecatedKeys: map };
}

// shared/cli/common.ts
function withConnectionOptions(cmd) {
  return cmd.option("--profiles-dir <dir>", "folder holding profiles.yml (default: $DBT_PROFILES_DIR, the project dir, ~/.dbt)").option("--profile <name>", "profile in profiles.yml (default: dbt_project.yml's profile)").option("-t, --target <name>", "target in the profile (default: the profile's target)");
}
function withArtifactOptions(cmd, which = ["manifest", "run-results", "sources"]) {
  cmd.option("--project-dir <dir>", "dbt project folder (artifacts are read from <dir>/target/)", ".");
  if (which.includes("manifest")) cmd.option("--manifest <file>", "manifest.json (default: <project-dir>/target/manifest.json)");
  if (which.includes("run-results")) cmd.option("--run-results <file>", "run_results.json (default: <project-dir>/target/run_results.json)");
  if (which.includes("sources")) cmd.option("--sources <file>", "sources.json (default: <project-dir>/target/sources.json)");
  return cmd;
}
function withFormatOption(cmd) {
  return cmd.addOption(new Option2("--format <format>", "output format: text for people, json for tooling (on stdout; logs go to stderr)").choices(["text", "json"]).default("text"));
}
function withDryRunOptions(cmd) {
  return cmd.option("--dry-run", "print the SQL it would run, one statement per block ending in ;, and change nothing").addOption(new Option2("--dialect <dialect>", "SQL dialect for --dry-run (default: the connection's)").choices(["snowflake", "postgres"]));
}
function artifactPath(opts, kind) {
  const explicit = kind === "manifest" ? opts.manifest : kind === "run-results" ? opts.runResults : opts.sources;
  if (explicit) return explicit;
  const file = kind === "manifest" ? "manifest.json" : kind === "run-results" ? "run_results.json" : "sources.json";
  return join(opts.projectDir ?? ".", "target", file);
}
function mergeOptions(cmd) {
  const chain = [];
  for (let c = cmd; c; c = c.parent) chain.unshift(c);
  const merged = {};
  const explicit = /* @__PURE__ */ new Set();
  for (const c of chain) {
    for (const [key, value] of Object.entries(c.opts())) {
      const given = c.getOptionValueSource(key) !== void 0 && c.getOptionValueSource(key) !== "default";
      if (given || !explicit.has(key)) merged[key] = value;
      if (given) explicit.add(key);
    }
  }
  return merged;
}
function handle(body) {
  return async (...args) => {
    const cmd = args[args.length - 1];
    const opts = mergeOptions(cmd);
    const format = opts.format ?? "text";
    const verbose = !!opts.verbose || !!process.env.SLIPWAY_DEBUG;
    const progress = startProgress();
    const rt = new CliRuntime({ verbose, write: (line) => progress.write(line) });
    let onError = {};
    if (verbose) setDebugSink((line) => progress.write(rt.redact(line)));
    const ctx = {
      rt,
      format,
      emit(result, text2) {
        const out = format === "json" ? JSON.stringify(result, null, 2) : text2(result);
        process.stdout.write(rt.redact(out.endsWith("\n") ? out : out + "\n"));
      },
      resultOnError(result) {
        onError = result;
      }
    };
    try {
      applyDeprecations(cmd, opts, (m) => rt.warn(m));
      const code = await body(opts, ctx, cmd);
      process.exitCode = code ?? ExitCode.ok;
    } catch (err) {
      const code = exitCodeFor(err);
      process.stderr.write(rt.redact(`error: ${describeError(err)}`) + "\n");
      if (format === "json") {
        const e = err;
        const error = { kind: err instanceof Error ? e.name : "Error", message: err instanceof Error ? e.message : String(err), ...e?.hint ? { hint: e.hint } : {}, exitCode: code };
        process.stdout.write(rt.redact(JSON.stringify({ ...onError, error }, null, 2)) + "\n");
      }
      if (code === ExitCode.internal && err instanceof Error && err.stack && verbose) {
        process.stderr.write(rt.redact(err.stack) + "\n");
      }
      process.exitCode = code;
    } finally {
      progress.stop();
      if (verbose) setDebugSink(void 0);
    }
  };
}
function startProgress() {
  const setting = process.env.SLIPWAY_PROGRESS;
  const on = setting === "1" || setting !== "0" && (process.stderr.isTTY || process.env.GITHUB_ACTIONS === "true");
  const started = Date.now();
  let last = Date.now();
  let lastLine = "starting";
  let nextGap = 2e3;
  const write = (line) => {
    process.stderr.write(line + "\n");
    last = Date.now();
    nextGap = 2e3;
    const first = line.split("\n")[0].trim();
    if (first && !first.startsWith("debug:")) lastLine = first.replace(/^»\s*/, "");
  };
  if (!on) return { write, stop: () => void 0 };
  const timer = setInterval(() => {
    if (Date.now() - last < nextGap) return;
    process.stderr.write(`… still working on: ${lastLine.slice(0, 120)} (${Math.round((Date.now() - started) / 1e3)} s)
`);
    last = Date.now();
    nextGap = 5e3;
  }, 500);
  timer.unref();
  return { write, stop: () => clearInterval(timer) };
}

// shared/cli/commands/warehouse.ts
function register(program) {
  const wh = program.command("warehouse").description("inspect the warehouse connection Slipway would use");
  withFormatOption(withConnectionOptions(wh.command("info").description("connect, print the engine, version and capabilities, and disconnect"))).option("--project-dir <dir>", "dbt project folder (its dbt_project.yml names the profile)", ".").action(
    handle(async (opts, { rt, emit }) => {
      const config = await resolveConnection(opts, rt);
      const warehouse = await connectTo(config, { action: "warehouse-info" });
      try {
        const { rows } = await warehouse.query(versionQuery(dialectOf(config)));
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
import { Command as Command2, Option as Option3 } from "../vendor/commander.js";
import { join as join2 } from "node:path";
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
  const cmd = new Command2("select").description(
    "Compute dbt's node selection over manifests, exactly as dbt-core does (default `state:modified+`), and say why each node is selected.\nMethods: state:, result:, source_status:, tag:, path:, file:, fqn: and bare names, resource_type:, package:, config.<key>:, source:, exposure:, metric:, test_type:, test_name:, group:, access:, version:, unit_test:, semantic_model:, saved_query:.\nOperators: +x, x+, n+x, x+n, @x, space = union, comma = intersection, --exclude."
  ).option("--state <path>", "production manifest.json, or a folder holding it (run_results.json and sources.json beside it are used by result: and source_status:)").option("--manifest <file>", "current (PR) manifest.json (default: <project-dir>/target/manifest.json)").option("--project-dir <dir>", "dbt project folder", ".").addOption(new Option3("-s, --select <expr>", "selector expression; repeat for a union").argParser(collect).default([], "state:modified+")).addOption(new Option3("--exclude <expr>", "selector expression to leave out; repeatable").argParser(collect).default([], "none")).addOption(new Option3("--indirect-selection <mode>", "which tests to add for selected nodes").choices(["eager", "cautious", "buildable", "empty"]).default("eager")).addOption(
    new Option3("--state-modified-compare-more-unrendered-values <bool>", "dbt's flag of the same name (default: dbt's default for the current manifest's version: true from 1.12)").choices(["true", "false"])
  ).option("--sources <file>", "current sources.json for source_status: (default: <project-dir>/target/sources.json)").addOption(new Option3("--resource-type <type>", "keep only this resource type, as dbt's --resource-type (`all`, `default` as dbt ls reads them); repeatable").argParser(collect).default([], "every type")).addOption(new Option3("--exclude-resource-type <type>", "leave out this resource type; repeatable").argParser(collect).default([], "none"));
  withFormatOption(cmd);
  cmd.action(
    handle(async (opts, ctx) => {
      const manifestPath = opts.manifest ?? join2(opts.projectDir ?? ".", "target", "manifest.json");
      const manifest = await loadManifest(manifestPath, { slim: true });
      let state;
      if (opts.state) state = await loadStateDir(opts.state);
      const sourcesPath = opts.sources ?? join2(opts.projectDir ?? ".", "target", "sources.json");
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
        compareMoreUnrenderedValues: flag === void 0 ? void 0 : flag === "true",
        resourceTypes: opts.resourceType,
        excludeResourceTypes: opts.excludeResourceType
      });
      if (ctx.format === "json") for (const w of result.warnings) ctx.rt.warn(w.message);
      ctx.emit(result, formatSelection);
    })
  );
  program.addCommand(cmd);
}

// shared/cli/commands/state.ts
import { Option as Option4 } from "../vendor/commander.js";
function stateTarget(opts) {
  if (!opts.stateTarget) throw new UserError("--state-target is required.", { hint: "Name the production target the state belongs to, e.g. --state-target prod (the same as the slim-ci input state-target)." });
  return opts.stateTarget;
}
function withCacheOptions(cmd) {
  deprecatedOption(cmd, "--target <name>", "--state-target");
  return cmd.option("--state-target <name>", "production target the state belongs to (part of the key slipway-state-<target>-<sha>; required)").option("--state-dir <dir>", "folder state is staged in / restored into (must be the same for save and restore on GitHub)", DEFAULT_STATE_DIR).addOption(new Option4("--backend <backend>", "where state is kept: actions = the GitHub Actions cache, local = a folder; auto picks actions inside a GitHub Actions job").choices(["auto", "actions", "local"]).default("auto")).option("--cache-dir <dir>", "folder for --backend local (default: $SLIPWAY_CACHE_DIR, $XDG_CACHE_HOME/slipway or ~/.cache/slipway)");
}
async function openCache(opts, rt) {
  const backend = opts.backend ?? "auto";
  if (backend === "local" || backend === "auto" && !process.env.ACTIONS_RUNTIME_TOKEN) {
    return new LocalDirStateCache(opts.cacheDir ?? defaultLocalCacheDir());
  }
  const { ActionsStateCache } = await import("../chunks/cache-BDCKCCGL.js");
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
  const state = program.command("state").description(`production state (manifest.json + run_results.json) for slim CI, keyed ${KEY_PREFIX}<state-target>-<sha>`);
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
        target: stateTarget(opts),
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
      deprecatedOption(
        state.command("restore").description("restore the newest production state: the cache first, then the newest successful deploy-workflow run's artifact; exit 2 when there is none").option("--prefer-sha <commit>", "try this commit's state first (e.g. the PR base), then the newest").option("--deploy-workflow <file>", "deploy workflow file name or id for the artifact fallback (needs GITHUB_TOKEN)").option("--state-artifact <name>", "name of the state artifact", "slipway-state").option("--repo <owner/name>", "repository for the artifact fallback (default: $GITHUB_REPOSITORY)").option("--branch <name>", "branch the deploy runs on (default: the repository's default branch)").option("--live-manifest-sha <sha256>", "the live deployment's manifest SHA-256; warn when the restored state differs"),
        "--artifact-name <name>",
        "--state-artifact"
      )
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
        artifact = { octokit: createOctokit({ token, log: rt }), owner, repo, workflow: opts.deployWorkflow, artifactName: opts.stateArtifact, branch: opts.branch };
      }
      const r = await restoreState({ target: stateTarget(opts), cache, artifact, preferSha: opts.preferSha, stateDir: opts.stateDir, liveManifestSha: opts.liveManifestSha, onMissing: "fail", rt });
      const out = { source: r.source, sha: r.sha, key: r.key, runId: r.runId, runUrl: r.runUrl, dir: r.dir, manifest: r.manifestPath, runResults: r.runResultsPath, manifestSha256: r.manifestSha256, liveMismatch: r.liveMismatch, description: r.description, warnings: r.warnings };
      emit(out, (x) => `restored from ${x.description}
  into: ${x.dir}
  manifest sha256: ${x.manifestSha256}`);
    })
  );
  const list2 = withFormatOption(
    state.command("list").description("list the entries of the local state cache (the GitHub Actions cache is listed in the repository's Actions → Caches page)").option("--cache-dir <dir>", "local cache folder (default: $SLIPWAY_CACHE_DIR, $XDG_CACHE_HOME/slipway or ~/.cache/slipway)").option("--state-target <name>", "only this production target")
  );
  deprecatedOption(list2, "--target <name>", "--state-target");
  list2.action(
    handle(async (opts, { emit }) => {
      const cache = new LocalDirStateCache(opts.cacheDir ?? defaultLocalCacheDir());
      const prefix = opts.stateTarget ? `${KEY_PREFIX}${opts.stateTarget}-` : KEY_PREFIX;
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
function requirePrNumber(v) {
  if (v === void 0) throw new UserError("--pr-number is required.", { hint: "Pass the pull request number, e.g. --pr-number 123." });
  return v;
}
function text(r) {
  const where = r.database ? `${r.database}.${r.schema}` : r.schema;
  if (r.plan !== void 0) return `${sqlComment(`${where}: ${r.action}`)}
${r.plan}`;
  const lines = [`${where}: ${r.action}${r.recreateReason ? ` (${r.recreateReason})` : ""}`];
  for (const g of r.grants) lines.push(`  grant to ${g.role} (${g.kind}): ${g.privileges}`);
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  return lines.join("\n");
}
function register4(program) {
  const group = program.command("pr-schema").description("a schema per pull request (<prefix><number>), transient on Snowflake, with an ownership record the sweep reads");
  const create = withFormatOption(withDryRunOptions(withConnectionOptions(group.command("create")))).description("create the PR schema (idempotent), record its owner, grant CI and reviewer roles").option("--pr-number <number>", "pull request number (required)").option("--prefix <prefix>", "schema name prefix (letters, digits, underscores)", DEFAULT_PREFIX).option("--database <name>", "database for the schema (Snowflake; default: the connection's)").option("--repo <owner/name>", "repository the PR belongs to (default: $GITHUB_REPOSITORY)").option("--head-sha <sha>", "head commit of the PR (the TTL restarts when it changes)").option("--base-sha <sha>", "base commit of the PR (recorded for recreate-on-base-change)").option("--ci-roles <roles>", "roles that build in the schema: USAGE + CREATE (comma-separated, or repeated)", collect2, []).option("--reviewer-roles <roles>", "roles that may read the schema: USAGE + SELECT on all/future tables and views (comma-separated, or repeated)", collect2, []).option("--recreate", "drop everything in the schema first, so nothing stale can shadow production under --defer").option("--recreate-on-base-change", "recreate only when --base-sha differs from the base recorded in the schema").option("--project-dir <dir>", "dbt project folder (its dbt_project.yml names the profile)", ".");
  deprecatedOption(create, "--pr <number>", "--pr-number");
  deprecatedOption(create, "--ci-role <role>", "--ci-roles", { parse: collect2 });
  deprecatedOption(create, "--reviewer-role <role>", "--reviewer-roles", { parse: collect2 });
  create.action(
    handle(async (opts, { rt, emit }) => {
      const pr = parsePrNumber(requirePrNumber(opts.prNumber), "--pr-number");
      const repo = repoOption(opts.repo);
      const core = {
        pr,
        repo,
        prefix: opts.prefix,
        database: opts.database,
        headSha: opts.headSha,
        baseSha: opts.baseSha,
        ciRoles: opts.ciRoles,
        reviewerRoles: opts.reviewerRoles,
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
      const wh = await connectTo(config, { action: "pr-schema", pr });
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
  const name = withFormatOption(group.command("name")).description("print the schema name for a PR in a dialect (no connection)").option("--pr-number <number>", "pull request number (required)").option("--prefix <prefix>", "schema name prefix", DEFAULT_PREFIX).option("--dialect <dialect>", "snowflake (folds to upper case) or postgres (lower case)", "snowflake");
  deprecatedOption(name, "--pr <number>", "--pr-number");
  name.action(
    handle(async (opts, { emit }) => {
      if (opts.dialect !== "snowflake" && opts.dialect !== "postgres") throw new UserError(`Unknown dialect '${opts.dialect}'.`, { hint: "Use --dialect snowflake or --dialect postgres." });
      const schema = prSchemaName(opts.prefix, parsePrNumber(requirePrNumber(opts.prNumber), "--pr-number"), opts.dialect);
      emit({ schema }, (r) => r.schema);
    })
  );
}

// shared/cli/commands/schema-cleanup.ts
function dropText(r) {
  return r.plan !== void 0 ? `${sqlComment(r.reason)}
${r.plan}` : `${r.status}: ${r.reason}`;
}
function number(value, flag, hint) {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) throw new UserError(`${flag} '${value}' is not a number.`, { hint });
  return n;
}
function register5(program) {
  const cmd = withFormatOption(withDryRunOptions(withConnectionOptions(program.command("schema-cleanup")))).description("drop a closed PR's schema (--pr-number), or sweep every PR schema whose PR is closed or stale (--sweep)").option("--pr-number <number>", "drop this pull request's schema (a missing schema is success)").option("--sweep", "list every <prefix><number> schema, ask GitHub which PRs are open, drop the closed and the stale").option("--prefix <prefix>", "schema name prefix", DEFAULT_PREFIX).option("--database <name>", "database to clean (Snowflake; repeatable for the sweep; default: the connection's)", collect2, []).option("--repo <owner/name>", "repository whose PRs own the schemas (default: $GITHUB_REPOSITORY); the sweep reads GITHUB_TOKEN").option("--ttl-days <days>", "sweep: also drop schemas with no new head for this many days (0 = off)", "7").option("--keep <schema>", "sweep: never drop this schema (repeatable; name or database.name)", collect2, []).option("--concurrency <n>", "sweep: DROP statements in flight at once", "4").option("--project-dir <dir>", "dbt project folder (its dbt_project.yml names the profile)", ".").addHelpText("after", "\nExit codes: 0 done (or nothing to do), 1 a drop failed or was refused, 2 bad input, 3 internal error.");
  deprecatedOption(cmd, "--pr <number>", "--pr-number");
  cmd.action(
    handle(async (opts, { rt, emit }) => {
      if (!!opts.prNumber === !!opts.sweep) {
        throw new UserError(opts.prNumber ? "--pr-number and --sweep cannot be combined." : "Say what to clean: --pr-number <number> or --sweep.", {
          hint: "Use --pr-number <n> on pull_request: closed, and --sweep on a schedule."
        });
      }
      if (opts.prNumber) {
        const pr = parsePrNumber(opts.prNumber, "--pr-number");
        if (opts.database.length > 1) throw new UserError("--pr-number takes at most one --database.", { hint: "Name the database the PR schema lives in." });
        const base = { pr, prefix: opts.prefix, database: opts.database[0], repo: opts.repo ?? process.env.GITHUB_REPOSITORY };
        if (opts.dryRun && opts.dialect) {
          const r = planDropPrSchema(opts.dialect, base);
          emit({ ...r, plan: formatPlan(r.statements, opts.dialect) }, dropText);
          return;
        }
        const config2 = await resolveConnection(opts, rt);
        const wh2 = await connectTo(config2, { action: "schema-cleanup", pr });
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
      const wh = await connectTo(config, { action: "schema-cleanup" });
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
import { Option as Option5 } from "../vendor/commander.js";
var collect3 = (value, previous = []) => [...previous, ...value.split(",").map((s) => s.trim()).filter(Boolean)];
function withColourOptions(cmd, nextHelp) {
  return cmd.option("--admin-schema <name>", "schema holding DEPLOY_STATE and DEPLOY_LOCK", "SLIPWAY").option("--database <name>", "database of the published and admin schemas (Snowflake; default: the connection's)").option("--suffix-blue <suffix>", "suffix of the blue colour schemas", "__BLUE").option("--suffix-green <suffix>", "suffix of the green colour schemas", "__GREEN").option("--suffix-next <suffix>", nextHelp, "__NEXT");
}
function withDeployOptions(cmd) {
  return withColourOptions(
    cmd.requiredOption("--environment <name>", "deploy environment (its own lock and history), e.g. production").option("--schemas <list>", "published (consumer-facing) schemas, comma-separated or repeated (default: the schemas of the manifest's models)", collect3, []),
    "suffix of the staging schema that holds the next (after the swap: the previous) views"
  ).option("--actor <name>", "who runs this, recorded in DEPLOY_STATE (default: $GITHUB_ACTOR in Actions, else $SLIPWAY_ACTOR or the OS user)").option("--run-url <url>", "workflow run URL recorded with the lock and rows (default: from GITHUB_* variables)").option("--git-sha <sha>", "commit being deployed (default: $GITHUB_SHA)").option("--lease-minutes <n>", "deploy lock lease; must cover the dbt build between prepare and cutover (default 180)").option("--project-dir <dir>", "dbt project folder (artifacts are read from <dir>/target/)", ".").option("--manifest <file>", "manifest.json of the build (default: <project-dir>/target/manifest.json when present)").addOption(new Option5("--colour <colour>", "with --dry-run: the colour to show the plan for (default green)").choices(["blue", "green"])).option("--database-swap", "Snowflake: cut every published schema over with ONE ALTER DATABASE <published-database> SWAP WITH <published-database>__NEXT (needs --published-database and --database); without it each schema swaps atomically and the window between them is reported").option("--published-database <name>", "with --database-swap: the consumer-facing database, holding only the published view schemas (the colour and admin schemas stay in --database)");
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
    publishedDatabase: opts.publishedDatabase,
    // Colour schema names as dbt stores them: the project's quoting: (dbt-postgres quotes schemas by default).
    quoting: projectQuoting(opts.projectDir)
  };
}
function register6(program) {
  const group = program.command("deploy").description("blue-green deploys: build the idle colour, prove it, cut over in one atomic step, audit everything in DEPLOY_STATE");
  withFormatOption(withDryRunOptions(withConnectionOptions(withDeployOptions(group.command("prepare"))))).description("take the deploy lock, pick the idle colour, record STARTED; prints the colour schemas dbt must build into").action(
    handle(async (opts, { rt, emit }) => {
      const c = common(opts);
      const { manifest, manifestSha256 } = await loadArtifacts({ manifest: opts.manifest }, rt);
      if (opts.dryRun && opts.dialect) {
        const plan = await preparePlan({ ...c, dialect: opts.dialect, manifest, manifestSha256, colour: opts.colour });
        emit({ plan: formatPlan(plan, opts.dialect), statements: plan.length }, (r) => r.plan);
        return;
      }
      const config = await resolveConnection(opts, rt);
      if (opts.dryRun) {
        const d = dialectOf(config);
        const wh2 = await connectTo(config, { action: "deploy-prepare-plan", sha: c.gitSha });
        try {
          const ctx = await dryRunContext(wh2, c, "prepare");
          const plan = await preparePlan({ ...c, ...ctx, dialect: d, manifest, manifestSha256, colour: opts.colour ?? ctx.colour });
          emit({ plan: formatPlan(plan, d), statements: plan.length, colour: opts.colour ?? ctx.colour }, (r) => r.plan);
        } finally {
          await wh2.close();
        }
        return;
      }
      const wh = await connectTo(config, { action: "deploy-prepare", sha: c.gitSha });
      try {
        const r = await prepareDeploy(wh, { ...c, manifest, manifestSha256 }, rt);
        emit(deployJson(r), () => prepareText(r));
      } finally {
        await wh.close();
      }
    })
  );
  const cutover = withFormatOption(withDryRunOptions(withConnectionOptions(withDeployOptions(group.command("cutover"))))).description("run the pre-cutover checks, then publish the new colour in one atomic step, record LIVE and release the lock").option("--deploy-id <id>", "the deploy to cut over (default: the one holding the lock)").option("--run-results <file>", "run_results.json of the build (default: <project-dir>/target/run_results.json when present)").option("--checks-dir <dir>", "folder of .sql files that must each return zero rows ({{ suffix }} / {{ colour }} are replaced)").option("--row-count-tolerance <pct>", "allowed row-count change per table vs the live colour, in percent, or none (default 50; a populated table going empty always fails)").addOption(new Option5("--warn-policy <policy>", "whether dbt warnings in run_results block the cutover").choices(["allow", "fail"]).default("allow")).option("--freshness-gate", "also gate on source freshness: every source with a dbt freshness SLA, measured in the warehouse in one statement").option("--row-count-history", "also gate on row-count anomalies against <admin-schema>.ROW_COUNT_HISTORY, and record the new counts once LIVE").option("--freshness-config <file>", "slipway-freshness.yml with SLA overrides and row-count rules (see docs/freshness-gate.md)");
  deprecatedOption(cutover, "--freshness", "--freshness-gate");
  cutover.action(
    handle(async (opts, { rt, emit, resultOnError }) => {
      const c = common(opts);
      const tolerance = parseTolerance(opts.rowCountTolerance);
      const warnPolicy = parseWarnPolicy(opts.warnPolicy);
      const arts = await loadArtifacts(
        { manifest: opts.manifest, runResults: opts.runResults, defaultManifest: artifactPath(opts, "manifest"), defaultRunResults: opts.dryRun ? void 0 : artifactPath(opts, "run-results") },
        rt
      );
      if (opts.dryRun && opts.dialect) {
        const plan = await cutoverPlan({ ...c, dialect: opts.dialect, manifest: arts.manifest, manifestSha256: arts.manifestSha256, colour: opts.colour });
        emit(withDeprecatedKeys({ plan: formatPlan(plan, opts.dialect), statements: plan.length, swapStatements: plan.filter((s) => /SWAP WITH|RENAME TO/.test(s.sql)).length }, { "swap-statements": "swapStatements" }), (r) => r.plan);
        return;
      }
      const config = await resolveConnection(opts, rt);
      if (opts.dryRun) {
        const d = dialectOf(config);
        const wh2 = await connectTo(config, { action: "deploy-cutover-plan", sha: c.gitSha });
        try {
          const ctx = await dryRunContext(wh2, { ...c, deployId: opts.deployId }, "cutover");
          const plan = await cutoverPlan({ ...c, ...ctx, dialect: d, manifest: arts.manifest, manifestSha256: arts.manifestSha256, colour: opts.colour ?? ctx.colour });
          emit(withDeprecatedKeys({ plan: formatPlan(plan, d), statements: plan.length, ...ctx.deployId ? { deployId: ctx.deployId } : {} }, { "deploy-id": "deployId" }), (r) => r.plan);
        } finally {
          await wh2.close();
        }
        return;
      }
      const gates = await deployGates({ freshness: opts.freshnessGate, rowCountHistory: opts.rowCountHistory, configFile: opts.freshnessConfig, adminSchema: c.adminSchema });
      const wh = await connectTo(config, { action: "deploy-cutover", sha: c.gitSha });
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
          resultOnError({ status: "FAILED", environment: c.environment, ...opts.deployId ? { deployId: opts.deployId } : {}, checks });
        }
        throw err;
      } finally {
        await wh.close();
      }
    })
  );
  withFormatOption(withConnectionOptions(group.command("status"))).description("the live deploy, the deploy lock and the recent deploys of an environment").requiredOption("--environment <name>", "deploy environment").option("--admin-schema <name>", "schema holding DEPLOY_STATE", "SLIPWAY").option("--database <name>", "database of the admin schema (Snowflake)").option("--limit <n>", "how many recent deploys to list", "10").option("--project-dir <dir>", "dbt project folder", ".").action(
    handle(async (opts, { rt, emit, format }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UserError(`--limit must be a positive whole number, got '${opts.limit}'.`, { hint: "e.g. --limit 20" });
      const wh = await openWarehouse(opts, rt, { action: "deploy-status" });
      try {
        const s = await deployStatus(wh, { environment: opts.environment, adminSchema: opts.adminSchema, database: opts.database, limit });
        if (s.knownEnvironments && format !== "json") {
          throw new UserError(`DEPLOY_STATE has no environment '${s.environment}'.`, {
            hint: s.knownEnvironments.length ? `Known environments: ${s.knownEnvironments.join(", ")}. Pass one of them with --environment.` : "Nothing was ever deployed here; check --target/--database point at the production warehouse."
          });
        }
        emit(s, () => statusText(s));
      } finally {
        await wh.close();
      }
    })
  );
  withFormatOption(withConnectionOptions(group.command("abort"))).description("end this deploy after a failed build: record FAILED and release the lock (nothing is published); refuses another deploy's lock").requiredOption("--environment <name>", "deploy environment").requiredOption("--reason <text>", "what failed (recorded in DEPLOY_STATE)").option("--deploy-id <id>", "the deploy to abort (default: the one holding the lock)").option("--actor <name>", "who aborts (default: $GITHUB_ACTOR in Actions, else $SLIPWAY_ACTOR or the OS user)").option("--admin-schema <name>", "schema holding DEPLOY_STATE", "SLIPWAY").option("--database <name>", "database of the admin schema (Snowflake)").option("--project-dir <dir>", "dbt project folder", ".").action(
    handle(async (opts, { rt, emit }) => {
      const wh = await openWarehouse(opts, rt, { action: "deploy-abort" });
      try {
        const r = await abortDeploy(wh, { environment: opts.environment, deployId: opts.deployId, reason: opts.reason, actor: opts.actor ?? defaultActor(), runUrl: defaultRunUrl(), adminSchema: opts.adminSchema, database: opts.database }, rt);
        emit(r, () => r.aborted ? `aborted deploy ${r.deployId} in ${r.environment}; the lock is released` : `nothing to abort in ${r.environment}`);
      } finally {
        await wh.close();
      }
    })
  );
  withColourOptions(withFormatOption(withConnectionOptions(group.command("adopt"))), "suffix of the staging schema").description("take existing schemas (tables Slipway did not create) under blue/green without loss: under the deploy lock their tables move into the blue colour, consumers keep the same names through views, and blue is recorded LIVE (run --dry-run first and review the plan)").requiredOption("--environment <name>", "deploy environment, e.g. production").requiredOption("--schemas <list>", "the existing published schemas to adopt, comma-separated or repeated", collect3, []).option("--dry-run", "print the exact statements adopt would run, in order, and change nothing").option("--actor <name>", "who adopts, recorded in DEPLOY_STATE (default: $GITHUB_ACTOR in Actions, else $SLIPWAY_ACTOR or the OS user)").option("--run-url <url>", "workflow run URL recorded with the lock and row (default: from GITHUB_* variables)").option("--project-dir <dir>", "dbt project folder (its quoting: decides how colour schemas are named)", ".").action(
    handle(
      async (opts, { rt, emit }) => {
        const o = {
          environment: opts.environment,
          schemas: parseSchemas(opts.schemas) ?? [],
          adminSchema: opts.adminSchema,
          database: opts.database,
          suffixBlue: opts.suffixBlue,
          suffixGreen: opts.suffixGreen,
          suffixNext: opts.suffixNext,
          actor: opts.actor ?? defaultActor(),
          runUrl: opts.runUrl ?? defaultRunUrl(),
          gitSha: process.env.GITHUB_SHA,
          quoting: projectQuoting(opts.projectDir)
        };
        const config = await resolveConnection(opts, rt);
        const d = dialectOf(config);
        const wh = await connectTo(config, { action: opts.dryRun ? "deploy-adopt-plan" : "deploy-adopt" });
        try {
          if (opts.dryRun) {
            const plan = await adoptPlan(wh, o);
            const stmts = adoptPlanStatements(plan);
            emit({ plan: formatPlan(stmts, d), statements: stmts.length, schemas: plan.schemas }, (r2) => r2.plan);
            return;
          }
          const r = await adoptDeploy(wh, o, rt);
          emit(
            withDeprecatedKeys(
              { status: "LIVE", deployId: r.deployId, environment: r.environment, colour: r.colour, schemas: r.schemas, tablesMoved: r.tablesMoved, grantsCopied: r.grantsCopied },
              { "deploy-id": "deployId", "tables-moved": "tablesMoved", "grants-copied": "grantsCopied" }
            ),
            () => `adopted ${r.schemas.map((s) => `${s.published} (${s.tables.length} table(s) → ${s.colourSchema})`).join(", ")}; deploy ${r.deployId} is LIVE on blue; the next deploy builds green`
          );
        } finally {
          await wh.close();
        }
      }
    )
  );
  withFormatOption(withConnectionOptions(group.command("unlock"))).description("clear a dead deploy lock (audited: the holder is recorded FAILED with your name and reason)").requiredOption("--environment <name>", "deploy environment").requiredOption("--reason <text>", "why the holder is dead (recorded in DEPLOY_STATE)").option("--actor <name>", "who unlocks (default: $GITHUB_ACTOR in Actions, else $SLIPWAY_ACTOR or the OS user)").option("--admin-schema <name>", "schema holding DEPLOY_STATE", "SLIPWAY").option("--database <name>", "database of the admin schema (Snowflake)").option("--project-dir <dir>", "dbt project folder", ".").action(
    handle(async (opts, { rt, emit }) => {
      if (!opts.reason.trim()) throw new UserError("--reason is empty.", { hint: "Say why the lock holder is dead; it is recorded in DEPLOY_STATE." });
      const wh = await openWarehouse(opts, rt, { action: "deploy-unlock" });
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
  const cmd = program.command("rollback").description("go back to the previous good deploy (one swap per published schema), or restore the live tables to a point in time (Snowflake time travel)").option("--reason <text>", "why (required; written to the audit trail with who and from/to which deploy)").option("--environment <name>", "deploy environment (its own DEPLOY_STATE history and lock)", process.env.SLIPWAY_ENVIRONMENT ?? "production").option("--to <deploy-id>", "re-swap to this earlier deploy (default: the previous LIVE deploy)").option("--at <timestamp>", "point-in-time recovery: restore the live tables as of this ISO 8601 time with a zone (e.g. 2026-11-22T09:30:00Z)").option("--before-statement <query-id>", "point-in-time recovery: restore the live tables as of just before this Snowflake statement (DML/SELECT, last 14 days)").option("--partial", "point-in-time recovery: apply even if some tables cannot be recovered; they are named, audited and left as they are").option("--schemas <list>", "published schemas (comma-separated or repeated; default: those of the live deploy)", list, []).option("--colour-schemas <list>", "point-in-time recovery: the schemas holding the tables, when DEPLOY_STATE cannot tell", list, []).option("--admin-schema <name>", "schema holding DEPLOY_STATE, DEPLOY_LOCK and PITR_LOG", "SLIPWAY").option("--database <name>", "database (Snowflake; default: the connection's)").option("--actor <name>", "who is rolling back (default: $GITHUB_ACTOR in Actions, else $SLIPWAY_ACTOR or the OS user)").option("--run-url <url>", "link recorded in the audit trail (default: the GitHub run, when in Actions)").option("--suffix-blue <suffix>", "suffix of the blue colour schemas (as configured for deploys)", "__BLUE").option("--suffix-green <suffix>", "suffix of the green colour schemas", "__GREEN").option("--suffix-next <suffix>", "suffix of the staging schema holding the previous views", "__NEXT").option("--metadata-file <file>", "point-in-time recovery --dry-run from recorded metadata instead of a connection").option("--project-dir <dir>", "dbt project folder (its dbt_project.yml names the profile)", ".");
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
        actor: opts.actor ?? defaultActor(),
        runUrl: opts.runUrl ?? defaultRunUrl(),
        dryRun: !!opts.dryRun,
        suffixBlue: opts.suffixBlue,
        suffixGreen: opts.suffixGreen,
        suffixNext: opts.suffixNext,
        quoting: projectQuoting(opts.projectDir)
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
      const wh = await connectTo(config, { action: "rollback" });
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
import { Option as Option6 } from "../vendor/commander.js";
function register8(program) {
  const fresh = program.command("freshness").description(
    "source freshness gate: judge every dbt source with a freshness SLA (warn_after/error_after) from sources.json (`dbt source freshness`) or by measuring it in the warehouse (--mode warehouse, one statement for all sources); exit 1 when a source is at or past --fail-on"
  ).addOption(
    new Option6("--mode <mode>", "sources-json: judge the sources.json `dbt source freshness` wrote; warehouse: measure in the warehouse (no dbt needed; Snowflake sources without loaded_at_field use INFORMATION_SCHEMA.TABLES.LAST_ALTERED)").choices(["sources-json", "warehouse"]).default("sources-json")
  ).option("--config <file>", "Slipway freshness config (default: <project-dir>/slipway-freshness.yml when present)").addOption(new Option6("--fail-on <level>", "fail the gate on error (stale past error_after, or not measurable) or also on warn").choices(["error", "warn"])).addOption(new Option6("--evaluate-at <when>", "sources.json mode: judge ages at dbt's snapshot time or now").choices(["snapshot", "now"]));
  withFormatOption(withDryRunOptions(withConnectionOptions(withArtifactOptions(fresh, ["manifest", "sources"]))));
  deprecatedOption(fresh, "--measure", "--mode", { value: "warehouse" });
  fresh.action(
    handle(async (opts, { rt, emit, format }) => {
      const measure = opts.mode === "warehouse";
      if (opts.sources && measure) throw new UserError("--sources and --mode warehouse cannot be used together.", { hint: "Use --sources to read dbt source freshness output, or --mode warehouse to query the warehouse." });
      const inputs2 = { mode: opts.mode, projectDir: opts.projectDir, manifest: opts.manifest, sources: opts.sources, config: opts.config, failOn: parseFailOn(opts.failOn), evaluateAt: opts.evaluateAt };
      if (opts.dryRun) {
        if (!measure) throw new UserError("--dry-run shows the SQL of --mode warehouse; sources-json mode runs no SQL.", { hint: "Add --mode warehouse." });
        const dialect = opts.dialect ?? (opts.profilesDir || opts.profile || opts.target ? dialectOf(await resolveConnection(opts, rt)) : "snowflake");
        const dry = await freshnessDryRun(inputs2, dialect);
        for (const p of dry.problems) rt.warn(`${p.source}: ${p.problem}`);
        emit({ dialect, statements: dry.statements, problems: dry.problems }, () => dry.text || "-- no source has a freshness SLA: nothing to measure");
        return;
      }
      const { report, manifest } = await runFreshnessGate(rt, inputs2, {
        openWarehouse: async () => openWarehouse(opts, rt, { action: "freshness" })
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
      const wh = await openWarehouse(opts, rt, { action: "freshness-row-counts" });
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
      const wh = await openWarehouse(opts, rt, { action: "freshness-row-counts" });
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
import { Option as Option7 } from "../vendor/commander.js";
var collect4 = (v, prev = []) => [...prev, v];
function register9(program) {
  program.command("policy").description(
    "Check Terraform plans (or states) of the Snowflake provider against the grant policy: PUBLIC grants, admin roles, read-only reporters, role scope, destroys, legacy enable_multiple_grants and the rest of the SF-… rules.\nInput is `terraform show -json tfplan`; pass --plan once per environment to also check parity between them.\nExit codes: 0 no deny (and no warn with --fail-on-warn), 1 a deny remains, 2 bad input or configuration."
  ).requiredOption("--plan <file>", "plan or state JSON from `terraform show -json` (repeatable; `prod=plan.json` names the environment)", collect4).option("--config <file>", "policy configuration YAML: rule levels, exceptions, custom rules, role intent (default: built-in defaults)").addOption(new Option7("--format <format>", "output: text for people; json, github (workflow annotations), sarif (code scanning) or junit on stdout").choices([...POLICY_FORMATS]).default("text")).option("--fail-on-warn", "exit 1 on warnings too").action(
    handle(async (opts, ctx) => {
      const report = await runPolicy({ plans: opts.plan, configFile: opts.config, failOnWarn: !!opts.failOnWarn });
      for (const w of report.warnings) ctx.rt.warn(w);
      process.stdout.write(ctx.rt.redact(formatReport(report, opts.format)));
      return report.summary.result === "fail" ? ExitCode.gateFailed : ExitCode.ok;
    })
  );
}

// shared/cli/commands/fivetran.ts
var collect5 = (v, prev = []) => [...prev, ...v.split(",").map((s) => s.trim()).filter(Boolean)];
function register10(program) {
  const ft = program.command("fivetran").description("Fivetran connections: sync and wait for a definite verdict before dbt runs");
  const sync = ft.command("sync").description(
    "trigger a sync of each connection and poll until it is synced, failed, paused, broken (setup not connected), stuck (rescheduled with no progress for --stuck-after) or timed out; credentials from FIVETRAN_API_KEY / FIVETRAN_API_SECRET"
  ).option("--connectors <ids>", "connection (connector) ids to sync; comma-separated or repeated", collect5).option("--groups <ids>", "sync every connection of these groups (destinations); comma-separated or repeated", collect5).option("--api-url <url>", "Fivetran API base URL (default: $FIVETRAN_API_URL, else https://api.fivetran.com)").option("--poll-interval <seconds>", `first delay between status requests of one connection; backs off ×1.5 while nothing changes (default ${DEFAULTS.pollInterval})`).option("--timeout <seconds>", `give up on connections without a verdict after this long (default ${DEFAULTS.timeout})`).option("--stuck-after <seconds>", `judge a connection stuck after this long in scheduled/rescheduled with no progress (default ${DEFAULTS.stuckAfter})`).option("--max-requests-per-minute <n>", `API request budget of this run (default ${DEFAULT_MAX_REQUESTS_PER_MINUTE}; Fivetran allows 20,000/hour)`).option("--no-force", 'do not restart a sync that is already running (default: {"force": true})').option("--unpause", "resume paused connections and sync them (default: report them paused, change nothing)").option("--allow-paused", "a paused connection does not fail the run");
  deprecatedOption(sync, "--connector <id>", "--connectors", { parse: collect5 });
  deprecatedOption(sync, "--connection <id>", "--connectors", { parse: collect5 });
  deprecatedOption(sync, "--group <id>", "--groups", { parse: collect5 });
  withFormatOption(sync).action(
    handle(async (opts, { rt, emit }) => {
      const result = await runFivetranSync(rt, {
        connectors: opts.connectors ?? [],
        groups: opts.groups ?? [],
        apiUrl: opts.apiUrl,
        pollInterval: opts.pollInterval,
        timeout: opts.timeout,
        stuckAfter: opts.stuckAfter,
        maxRequestsPerMinute: opts.maxRequestsPerMinute,
        force: opts.force,
        unpause: opts.unpause,
        allowPaused: opts.allowPaused
      });
      emit(
        { connectors: result.report.connectors, passed: result.passed, counts: result.report.counts, requests: result.report.requests, seconds: result.report.seconds },
        () => syncText(result)
      );
      return result.passed ? 0 : 1;
    })
  );
}

// shared/cli/commands/deploy-slim.ts
import { Option as Option8 } from "../vendor/commander.js";
import { createHash } from "node:crypto";
import { existsSync as existsSync2 } from "node:fs";
import { readFile } from "node:fs/promises";
import { join as join3 } from "node:path";

// shared/slim-deploy/plan.ts
var catalogKey = (database, schema) => `${database ?? ""}\0${schema}`;
var TABLE_MATERIALIZATIONS = /* @__PURE__ */ new Set(["table", "incremental", "snapshot"]);
var REBUILT_FROM_SCRATCH = /* @__PURE__ */ new Set(["table", "seed"]);
var adapterOf = (d) => d;
var materialized = (n) => String(n.config?.materialized ?? (n.resource_type === "seed" ? "seed" : n.resource_type === "snapshot" ? "snapshot" : "view"));
var isRelationNode = (n) => ["model", "seed", "snapshot"].includes(n.resource_type) && materialized(n) !== "ephemeral" && n.config?.enabled !== false;
var isTableLike = (n) => n.resource_type === "seed" || n.resource_type === "snapshot" || n.resource_type === "model" && TABLE_MATERIALIZATIONS.has(materialized(n));
var kindOf = (n) => n.resource_type === "seed" ? "seed" : n.resource_type === "snapshot" ? "snapshot" : materialized(n);
function dbName(n, dialect, quoting) {
  const db = n.database ?? void 0;
  if (!db || dialect === "postgres") return void 0;
  const quoted = quoting?.database ?? false;
  return quoted || !/^[A-Za-z_][A-Za-z0-9_$]*$/.test(db) ? db : db.toUpperCase();
}
function relationOf(n, dialect, quoting) {
  if (!n.schema) throw new UserError(`${n.unique_id} has no schema in the manifest.`, { hint: "Use a manifest written by dbt parse/compile/build (target/manifest.json)." });
  return {
    database: dbName(n, dialect, quoting),
    schema: catalogSchemaName(n.schema, adapterOf(dialect), quoting),
    name: catalogIdentifierName(String(n.alias ?? n.name), adapterOf(dialect), quoting)
  };
}
function colourBase(schema, suffix) {
  return schema && schema.length > suffix.length && schema.endsWith(suffix) ? schema.slice(0, -suffix.length) : void 0;
}
function colourSchemas(req) {
  checkSuffixes(req);
  const seen = /* @__PURE__ */ new Map();
  for (const n of Object.values(req.newManifest.nodes)) {
    if (!isRelationNode(n)) continue;
    const base = colourBase(n.schema, req.idleSuffix);
    if (base === void 0) continue;
    const db = dbName(n, req.dialect, req.quoting);
    const live = catalogSchemaName(base + req.liveSuffix, adapterOf(req.dialect), req.quoting);
    const idle = catalogSchemaName(n.schema, adapterOf(req.dialect), req.quoting);
    seen.set(catalogKey(db, idle), { database: db, live, idle });
  }
  return [...seen.values()].sort((a, b) => `${a.database}.${a.idle}`.localeCompare(`${b.database}.${b.idle}`));
}
function checkSuffixes(req) {
  if (!req.liveSuffix || !req.idleSuffix || req.liveSuffix === req.idleSuffix) {
    throw new UserError(`The live and idle colour suffixes must be two different non-empty suffixes (got '${req.liveSuffix}' and '${req.idleSuffix}').`, {
      hint: "Pass the suffixes dbt renders, e.g. --live-suffix __BLUE --idle-suffix __GREEN (the blue-green-swap defaults)."
    });
  }
}
var norm = (s) => s.replace(/\s+/g, " ").trim().replace(/;$/, "").toLowerCase();
var escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
function asIdle(text2, pairs) {
  let out = text2;
  for (const p of pairs) out = out.replace(new RegExp(escapeRe(p.liveRendered), "gi"), p.idleRendered);
  return norm(out);
}
function fqnSelector(n) {
  const fqn = n.fqn ?? [n.package_name, n.name];
  return `fqn:${fqn.join(".")}`;
}
function planSlim(req, catalog, cloneSql) {
  checkSuffixes(req);
  const { dialect } = req;
  const base = {
    dialect,
    liveColourSuffix: req.liveSuffix,
    idleColourSuffix: req.idleSuffix,
    schemas: colourSchemas(req),
    clones: [],
    statements: [],
    refresh: !!req.refresh,
    warnings: [],
    removed: req.liveManifest ? Object.keys(req.liveManifest.nodes).filter((id) => isRelationNode(req.liveManifest.nodes[id]) && !req.newManifest.nodes[id]).sort() : []
  };
  const everything = Object.values(req.newManifest.nodes).filter(isRelationNode).map((n) => n.unique_id).sort();
  if (req.fullBuildReason) base.warnings.push(req.fullBuildReason);
  const full = (reason) => ({ ...base, mode: "full", reason, build: { select: [], nodes: everything, modified: [], fresher: [], notCloned: [] } });
  if (!req.canClone) return full(`${dialect} has no zero-copy clone: a slim deploy is a full build here (every model is rebuilt into the idle colour).`);
  if (!req.liveManifest) return full("nothing is live yet (no manifest of a live deploy): the first deploy is a full build.");
  if (req.fullBuildReason) return full(req.fullBuildReason);
  if (!cloneSql) throw new Error("planSlim needs the dialect clone SQL when clones are possible");
  const live = req.liveManifest;
  const notCloned = [];
  const candidates = [];
  const pairMap = new Map(base.schemas.map((s) => [s.live, s.idle]));
  for (const n of Object.values(req.newManifest.nodes)) {
    const b = colourBase(n.schema, req.idleSuffix);
    if (b !== void 0) pairMap.set(b + req.liveSuffix, n.schema);
  }
  const pairs = [...pairMap].map(([liveRendered, idleRendered]) => ({ liveRendered, idleRendered }));
  const lookup = (ref) => {
    const rels = catalog.get(catalogKey(ref.database, ref.schema));
    if (!rels) return null;
    return rels.find((r) => r.name === ref.name);
  };
  for (const n of Object.values(req.newManifest.nodes).sort((a, b) => a.unique_id.localeCompare(b.unique_id))) {
    if (!isRelationNode(n)) continue;
    const l = live.nodes[n.unique_id];
    const idleBase = colourBase(n.schema, req.idleSuffix);
    if (idleBase === void 0) {
      notCloned.push({ node: n.unique_id, why: `schema ${n.schema} is not an idle colour schema (*${req.idleSuffix})` });
      continue;
    }
    if (!l) continue;
    if (colourBase(l.schema, req.liveSuffix) !== idleBase || (l.database ?? null) !== (n.database ?? null)) {
      notCloned.push({ node: n.unique_id, why: `it lived in ${l.database ? `${l.database}.` : ""}${l.schema}, not in the live colour of ${n.schema}` });
      continue;
    }
    const to = relationOf(n, dialect, req.quoting);
    const from = relationOf(l, dialect, req.quoting);
    const kind = kindOf(n);
    if (isTableLike(n)) {
      const src = lookup(from);
      const dst = lookup(to);
      if (src === null) notCloned.push({ node: n.unique_id, why: `the live colour schema ${from.schema} was not listed` });
      else if (!src) notCloned.push({ node: n.unique_id, why: `no ${from.schema}.${from.name} in the live colour` });
      else if (src.kind !== "table") notCloned.push({ node: n.unique_id, why: `${from.schema}.${from.name} is a ${src.kind}, not a table, in the live colour` });
      else if (dst && dst.kind !== "table") notCloned.push({ node: n.unique_id, why: `the idle colour holds a ${dst.kind} named ${to.name}; dbt replaces it` });
      else candidates.push({ node: n, clone: { node: n.unique_id, from, to, transient: src.transient } });
    } else if (kind === "view") {
      const src = lookup(from);
      const dst = lookup(to);
      if (!dst) notCloned.push({ node: n.unique_id, why: dst === null ? "idle colour not listed" : "view missing in the idle colour" });
      else if (!src?.definition || !dst.definition) notCloned.push({ node: n.unique_id, why: "view text not readable; re-created to be sure" });
      else if (asIdle(src.definition, pairs) !== norm(dst.definition)) notCloned.push({ node: n.unique_id, why: "the idle colour's view differs from the live one" });
    } else {
      notCloned.push({ node: n.unique_id, why: `materialization ${kind} is not cloned` });
    }
  }
  const select = ["state:modified+"];
  let stateSources = req.previousSources;
  if (req.refresh) {
    if (req.previousSources && req.currentSources) select.push("source_status:fresher+");
    else {
      select.push("source:*+");
      stateSources = void 0;
      base.warnings.push(`scheduled refresh without ${req.previousSources ? "this run's" : "the previous run's"} sources.json: every source counts as fresher (everything downstream of a source is built).`);
    }
  }
  const byId = new Map(Object.values(req.newManifest.nodes).map((n) => [n.unique_id, n]));
  select.push(...[...new Set(notCloned.map((x) => fqnSelector(byId.get(x.node))))]);
  const sel = selectNodes({ manifest: req.newManifest, state: live, select, stateSources, currentSources: req.currentSources });
  for (const w of sel.warnings) base.warnings.push(w.message);
  const nodes = sel.runnable.filter((id) => byId.has(id) && isRelationNode(byId.get(id)));
  const built = new Set(nodes);
  let fresher = [];
  if (req.refresh && select.includes("source_status:fresher+")) {
    fresher = selectNodes({ manifest: req.newManifest, state: live, select: ["source_status:fresher+"], stateSources, currentSources: req.currentSources }).runnable.filter((id) => built.has(id));
  }
  const clones = candidates.filter((c) => !(built.has(c.node.unique_id) && REBUILT_FROM_SCRATCH.has(kindOf(c.node)))).map((c) => c.clone);
  const modified = Object.keys(sel.modified).filter((id) => built.has(id)).sort();
  const plan = {
    ...base,
    mode: "slim",
    reason: `clone ${clones.length} table(s) from the live colour (*${req.liveSuffix}), build ${nodes.length} of ${everything.length} node(s)`,
    clones,
    statements: clones.map((c) => cloneSql.cloneTable(c.from, c.to, c.transient)),
    build: { select, nodes, modified, fresher, notCloned }
  };
  return plan;
}

// shared/slim-deploy/run.ts
async function cloneSqlFor(dialect) {
  if (dialect === "snowflake") return (await import("../chunks/clone-XMFOIIQR.js")).snowflakeCloneSql;
  return (await import("../chunks/clone-LOGQ3YU7.js")).postgresCloneSql;
}
function truthy(v) {
  return v === true || v === 1 || typeof v === "string" && ["y", "yes", "true", "t", "1"].includes(v.toLowerCase());
}
async function readColourCatalog(q, sql, schemas) {
  const catalog = /* @__PURE__ */ new Map();
  const wanted = /* @__PURE__ */ new Map();
  for (const s of schemas) {
    wanted.set(catalogKey(s.database, s.live), { database: s.database, schema: s.live });
    wanted.set(catalogKey(s.database, s.idle), { database: s.database, schema: s.idle });
  }
  for (const [key, s] of wanted) {
    const rows = await runStatement(q, sql.listTables(s.database, s.schema));
    const rels = rows.map((r) => ({
      name: String(r.name),
      kind: r.kind === "table" || r.kind === "view" ? r.kind : "other",
      transient: truthy(r.transient)
    }));
    if (sql.viewDefinitions && rels.some((r) => r.kind === "view")) {
      const st = sql.viewDefinitions(s.database, s.schema);
      const defs = new Map((await runStatement(q, st)).map((r) => [String(r.name), r.definition == null ? null : String(r.definition)]));
      for (const r of rels) if (r.kind === "view") r.definition = defs.get(r.name) ?? null;
    }
    catalog.set(key, rels);
  }
  return catalog;
}
async function planSlimDeploy(wh, req) {
  const full = { ...req, dialect: wh.dialect, canClone: wh.capabilities.clone };
  const sql = await cloneSqlFor(wh.dialect);
  if (!full.canClone || !full.liveManifest) return planSlim(full, /* @__PURE__ */ new Map(), sql);
  const catalog = await readColourCatalog(wh, sql, colourSchemas(full));
  return planSlim(full, catalog, sql);
}
async function executeSlimPlan(wh, plan, rt, opts = {}) {
  const started = Date.now();
  if (plan.mode === "full") {
    rt.info(`slim deploy: ${plan.reason}`);
    return slimRecord(plan, 0, 0);
  }
  const n = wh.capabilities.concurrentSessions ? Math.max(1, opts.concurrency ?? 8) : 1;
  let next = 0;
  let done = 0;
  const exec = async (st) => {
    try {
      await runStatement(wh, st);
    } catch (err) {
      throw new OperationError(`Clone into the idle colour failed: ${err.message}
  Statement: ${st.sql}`, {
        hint: "The live colour is untouched. Fix the cause (privileges: the deploy role needs OWNERSHIP or SELECT on the live tables and CREATE TABLE on the idle colour schemas) and rerun; clones are CREATE OR REPLACE, so a rerun starts over cleanly. Or deploy with build: full.",
        cause: err
      });
    }
    done++;
    if (done % 100 === 0) rt.info(`slim deploy: ${done}/${plan.statements.length} clones`);
  };
  await Promise.all(
    Array.from({ length: Math.min(n, plan.statements.length) }, async () => {
      while (next < plan.statements.length) await exec(plan.statements[next++]);
    })
  );
  rt.info(`slim deploy: cloned ${plan.clones.length} table(s) into the idle colour in ${((Date.now() - started) / 1e3).toFixed(1)} s; dbt builds ${plan.build.nodes.length} node(s): dbt build --select ${plan.build.select.join(" ")}`);
  return slimRecord(plan, plan.statements.length, (Date.now() - started) / 1e3);
}
function slimRecord(plan, statementsRun, seconds) {
  return {
    mode: plan.mode,
    reason: plan.reason,
    cloned: plan.clones.map((c) => c.node),
    built: plan.build.nodes,
    select: plan.build.select,
    refresh: plan.refresh,
    statementsRun,
    seconds: Math.round(seconds * 10) / 10
  };
}
var SLIM_REASON_PREFIX = "slim-build ";
async function recordSlimDeploy(wh, opts, record) {
  const environment = checkEnvironment(opts.environment);
  const state = await readDeployState(wh, opts);
  const d = state.deploys.find((x) => x.deployId === opts.deployId);
  if (!d) {
    throw new OperationError(`Deploy ${opts.deployId} is not in DEPLOY_STATE for environment '${environment}'; the slim build cannot be recorded.`, {
      hint: "Record it after `phase: prepare` (which writes the STARTED row) with the deploy id prepare exported."
    });
  }
  const sql = await deploySqlFor(wh.dialect);
  const a = adminNames(wh.dialect, opts);
  await runStatement(wh, sql.insertEvent(a, eventValues({ deploy_id: opts.deployId, environment, status: d.status, colour: d.colour, actor: opts.actor, run_url: opts.runUrl ?? null, reason: SLIM_REASON_PREFIX + JSON.stringify(record) })));
}

// shared/slim-deploy/report.ts
function slimPlanText(plan) {
  const lines = [`-- slim deploy (${plan.mode}${plan.refresh ? ", scheduled refresh" : ""}): ${plan.reason}`];
  for (const w of plan.warnings) lines.push(`-- warning: ${w}`);
  if (plan.mode === "slim") {
    lines.push(`-- then: dbt build --select ${plan.build.select.join(" ")} --state <dir holding the live manifest.json${plan.build.select.includes("source_status:fresher+") ? " and the previous sources.json" : ""}>`);
    lines.push(`--   builds ${plan.build.nodes.length} node(s): ${plan.build.modified.length} modified or downstream, ${plan.build.fresher.length} on fresher sources, ${plan.build.notCloned.length} not clonable`);
    for (const x of plan.build.notCloned.slice(0, 50)) lines.push(`--   built, not cloned: ${x.node} (${x.why})`);
    if (plan.build.notCloned.length > 50) lines.push(`--   … and ${plan.build.notCloned.length - 50} more`);
  } else {
    lines.push("-- then: dbt build (everything) into the idle colour");
  }
  if (plan.removed.length) lines.push(`-- ${plan.removed.length} node(s) of the live deploy are gone from this one; their tables are left as they are`);
  if (plan.statements.length) lines.push("", formatPlan(plan.statements, plan.dialect));
  return lines.join("\n");
}

// shared/cli/commands/deploy-slim.ts
function withSlimOptions(cmd) {
  return withFormatOption(withConnectionOptions(cmd)).option("--project-dir <dir>", "dbt project folder (the new manifest is read from <dir>/target/; quoting from dbt_project.yml)", ".").option("--manifest <file>", "this deploy's manifest, compiled for the idle colour (default: <project-dir>/target/manifest.json)").option("--live-manifest <file>", "the manifest that built the live colour (the state slim CI and rollback use); a folder means <folder>/manifest.json").addOption(new Option8("--live-colour <colour>", "the colour consumers read now (default: from DEPLOY_STATE of --environment)").choices(["blue", "green"])).option("--environment <name>", "deploy environment: reads the live colour from DEPLOY_STATE (and is where --record writes)").option("--admin-schema <name>", "schema holding DEPLOY_STATE", "SLIPWAY").option("--database <name>", "database of the admin schema (Snowflake; default: the connection's)").option("--suffix-blue <suffix>", "suffix dbt renders for the blue colour schemas", "__BLUE").option("--suffix-green <suffix>", "suffix dbt renders for the green colour schemas", "__GREEN").option("--refresh", "scheduled refresh: also build source_status:fresher+ (needs --previous-sources and --sources)").option("--previous-sources <file>", "the previous run's sources.json (state for source_status:fresher)").option("--sources <file>", "this run's sources.json (default: <project-dir>/target/sources.json when --refresh)");
}
async function inputs(opts, wh) {
  if (!opts.liveManifest) throw new UserError("--live-manifest is required: the manifest that built the live colour.", { hint: "Download the live deploy's manifest (the same state artifact slim CI uses) and pass its path." });
  const livePath = existsSync2(join3(opts.liveManifest, "manifest.json")) ? join3(opts.liveManifest, "manifest.json") : opts.liveManifest;
  const liveManifest = await loadManifest(livePath);
  const newManifest = await loadManifest(artifactPath(opts, "manifest"));
  let live = opts.liveColour;
  let fullBuildReason;
  if (opts.environment && wh) {
    const d = await currentDeploy(wh, { environment: opts.environment, adminSchema: opts.adminSchema, database: opts.database });
    if (!live) {
      if (!d?.colour) throw new UserError(`Environment '${opts.environment}' has no live deploy in DEPLOY_STATE, so there is no live colour to clone from.`, { hint: "The first deploy is a full build (build: full)." });
      live = d.colour;
    }
    const sha = createHash("sha256").update(await readFile(livePath)).digest("hex");
    if (d?.manifestSha256 && d.manifestSha256.toLowerCase() !== sha) {
      fullBuildReason = `${livePath} (sha256 ${sha.slice(0, 12)}…) is not the manifest DEPLOY_STATE records for the live deploy ${d.deployId} (${d.manifestSha256.slice(0, 12)}…): comparing against it could skip models that changed, so this is a full build.`;
    }
  }
  if (!live) throw new UserError("Which colour is live? Pass --live-colour blue|green, or --environment with a connection to read it from DEPLOY_STATE.", { hint: "e.g. --live-colour blue" });
  const suffix = (c) => c === "blue" ? opts.suffixBlue : opts.suffixGreen;
  let previousSources;
  let currentSources;
  if (opts.refresh) {
    if (opts.previousSources) previousSources = await loadSources(opts.previousSources);
    const cur = opts.sources ?? artifactPath(opts, "sources");
    if (opts.sources || existsSync2(cur)) currentSources = await loadSources(cur);
  } else if (opts.previousSources) {
    throw new UserError("--previous-sources only applies to a scheduled refresh.", { hint: "Add --refresh, or drop --previous-sources." });
  }
  return {
    liveManifest,
    newManifest,
    liveSuffix: suffix(live),
    idleSuffix: suffix(otherColour(live)),
    refresh: !!opts.refresh,
    previousSources,
    currentSources,
    // The project's quoting: config when the project is here, else what dbt rendered into relation_name.
    fullBuildReason,
    quoting: existsSync2(join3(opts.projectDir ?? ".", "dbt_project.yml")) ? readProjectQuoting(opts.projectDir ?? ".") : quotingFromManifest(newManifest)
  };
}
function register11(program) {
  const slim = program.command("deploy-slim").description("slim deploys (build: slim): start the idle colour from zero-copy clones of the live colour's tables (Snowflake), then build only state:modified+ (and source_status:fresher+ on a scheduled refresh); Postgres has no clone and gets a full build");
  withSlimOptions(slim.command("plan").description("print the clone/build plan (connects read-only to list the colour schemas)")).action(
    handle(async (opts, { rt, emit }) => {
      const wh = await openWarehouse(opts, rt, { action: "deploy-slim" });
      try {
        const plan = await planSlimDeploy(wh, await inputs(opts, wh));
        emit(plan, slimPlanText);
      } finally {
        await wh.close();
      }
    })
  );
  withSlimOptions(slim.command("clone").description("clone the live colour's tables into the idle colour, as planned")).option("--dry-run", "print the plan (its clone statements) and change nothing").option("--record", "record what was cloned and what dbt will build in DEPLOY_STATE (needs --environment and --deploy-id)").option("--deploy-id <id>", "the deploy prepare started (SLIPWAY_DEPLOY_ID)").option("--actor <name>", "who runs this (default: $GITHUB_ACTOR in Actions, else $SLIPWAY_ACTOR or the OS user)").option("--run-url <url>", "link to this run (default: the GitHub Actions run)").option("--concurrency <n>", "clone statements in flight at once (default 8)").action(
    handle(async (opts, { rt, emit }) => {
      if (opts.record && (!opts.environment || !(opts.deployId ?? process.env.SLIPWAY_DEPLOY_ID))) {
        throw new UserError("--record needs --environment and --deploy-id (or SLIPWAY_DEPLOY_ID).", { hint: "Pass the deploy id that `slipway deploy prepare` printed." });
      }
      const conc = opts.concurrency === void 0 ? void 0 : Number(opts.concurrency);
      if (conc !== void 0 && !(Number.isInteger(conc) && conc > 0)) throw new UserError(`--concurrency must be a positive whole number, got '${opts.concurrency}'.`, { hint: "e.g. --concurrency 8" });
      const wh = await openWarehouse(opts, rt, { action: "deploy-slim" });
      try {
        const plan = await planSlimDeploy(wh, await inputs(opts, wh));
        if (opts.dryRun) {
          emit(plan, slimPlanText);
          return;
        }
        const record = await executeSlimPlan(wh, plan, rt, { concurrency: conc });
        if (opts.record) {
          await recordSlimDeploy(wh, { environment: opts.environment, adminSchema: opts.adminSchema, database: opts.database, deployId: opts.deployId ?? process.env.SLIPWAY_DEPLOY_ID, actor: opts.actor ?? defaultActor(), runUrl: opts.runUrl ?? defaultRunUrl() }, record);
        }
        rt.setOutput("select", plan.build.select.join(" "));
        emit({ plan, record }, () => `${slimPlanText(plan)}

-- done: ${record.statementsRun} clone statement(s) in ${record.seconds} s${opts.record ? "; recorded in DEPLOY_STATE" : ""}`);
      } finally {
        await wh.close();
      }
    })
  );
}

// shared/cli/commands/doctor.ts
import { Option as Option9 } from "../vendor/commander.js";
function register12(program) {
  const cmd = program.command("doctor").description(
    "Check a setup: the connection and profile, the grants each feature needs (docs/permissions.md), DEPLOY_STATE and the deploy lock, a production state folder, and the GitHub token. Prints every missing grant as a statement to run; exits 1 when anything is missing."
  ).addOption(new Option9("--as <role>", "which of Slipway's roles this connection plays (default: deploy for a target named prod*, else ci)").choices(["ci", "deploy"])).option("--features <names...>", `features to check, space- or comma-separated (default: all of the role's); opt-in: ${Object.keys(OPT_IN_FEATURES).join(", ")}`).option("--raw-database <name>", "database the sources live in (checks read access to it)").option("--prod-database <name>", "production's database, which CI reads for --defer (Snowflake)").option("--environment <name>", "also check DEPLOY_STATE and the deploy lock of this environment").option("--admin-schema <name>", "schema holding DEPLOY_STATE", "SLIPWAY").option("--state <dir>", "a production state folder (manifest.json) slim CI would use").option("--project-dir <dir>", "dbt project folder (its dbt_project.yml names the profile; profiles.yml is looked up there when --profiles-dir is not given)", ".");
  deprecatedOption(cmd, "--feature <name...>", "--features");
  withConnectionOptions(cmd);
  withFormatOption(cmd);
  cmd.action(
    handle(async (opts, ctx) => {
      const features = (opts.features ?? []).flatMap((f) => f.split(",")).map((f) => f.trim()).filter(Boolean);
      for (const f of features) {
        if (!FEATURES.includes(f)) throw new UserError(`Unknown feature '${f}' for --features.`, { hint: `Use one of: ${FEATURES.join(", ")}.` });
      }
      const scope = doctorScope(opts.as, features, opts.target);
      const wh = await openWarehouse(opts, ctx.rt, { action: "doctor" });
      try {
        const report = await runDoctor(wh, {
          ...scope,
          rawDatabase: opts.rawDatabase,
          prodDatabase: opts.prodDatabase,
          environment: opts.environment,
          adminSchema: opts.adminSchema,
          stateDir: opts.state,
          github: { token: process.env.GITHUB_TOKEN, repository: process.env.GITHUB_REPOSITORY, apiUrl: process.env.GITHUB_API_URL }
        });
        ctx.emit(report, doctorText);
        return report.ready ? 0 : 1;
      } finally {
        await wh.close();
      }
    })
  );
}

// shared/cli/commands/slim-ci.ts
import { Option as Option10 } from "../vendor/commander.js";
import { cp, mkdir as mkdir2 } from "node:fs/promises";
import { join as join4, resolve } from "node:path";
var STATE_FILES = ["manifest.json", "run_results.json", "sources.json", "slipway-state.json"];
var FolderState = class {
  constructor(dir) {
    this.dir = dir;
    this.description = `state folder ${dir}`;
  }
  dir;
  description;
  async save() {
    return false;
  }
  async restore(paths) {
    if (!await exists(join4(this.dir, "manifest.json"))) return void 0;
    const into = resolve(paths[0]);
    if (into === resolve(this.dir)) return "folder";
    await mkdir2(into, { recursive: true });
    for (const f of STATE_FILES) if (await exists(join4(this.dir, f))) await cp(join4(this.dir, f), join4(into, f));
    return "folder";
  }
};
function register13(program) {
  const cmd = program.command("slim-ci").description("Run the slim-ci action's orchestration from a shell: restore production state, state:modified+ selection and dbt build --defer --state in one dbt run, and print the PR report.").option("--project-dir <dir>", "dbt project folder", ".").option("--profiles-dir <dir>", "folder holding profiles.yml (passed to dbt)").option("-t, --target <name>", "dbt target for the CI build (e.g. ci)").option("--state <dir>", "production state: a folder holding manifest.json (and run_results.json, sources.json), e.g. a downloaded deploy artifact").option("--cache-dir <dir>", "or: the local state cache `slipway state save` wrote (default $SLIPWAY_CACHE_DIR or ~/.cache/slipway)").option("--state-target <name>", "production target whose state is compared against", "prod").option("-s, --select <selector...>", "dbt selectors (default state:modified+)").option("--exclude <selector...>", "dbt selectors to exclude").option("--command <cmd>", "the dbt invocation", "dbt build").option("--no-defer", "do not pass --defer (build parents from the PR schema only)").option("--favor-state", "pass --favor-state to dbt").addOption(new Option10("--on-missing-state <what>", "without production state: fail, or build everything").choices(["fail", "full-build"]).default("fail")).option("--manifest <file>", "the PR's manifest.json: select from it first and skip dbt when nothing changed");
  withFormatOption(cmd);
  cmd.action(
    handle(async (opts, ctx) => {
      if (opts.state && opts.cacheDir) throw new UserError("--state and --cache-dir both name where production state comes from.", { hint: "Pass one: --state <folder> for a folder of artifacts, or --cache-dir for the local state cache." });
      if (opts.state && !await exists(join4(opts.state, "manifest.json"))) {
        throw new UserError(`--state ${opts.state} holds no manifest.json.`, { hint: "Point --state at a folder with production's manifest.json (a deploy's artifact, or `slipway state restore`)." });
      }
      const cache = opts.state ? new FolderState(opts.state) : new LocalDirStateCache(opts.cacheDir ?? defaultLocalCacheDir());
      const result = await runSlimCi({
        command: opts.command,
        projectDir: opts.projectDir,
        profilesDir: opts.profilesDir,
        target: opts.target,
        stateTarget: opts.stateTarget,
        select: opts.select,
        exclude: opts.exclude,
        defer: opts.defer,
        favorState: opts.favorState,
        onMissingState: opts.onMissingState,
        manifest: opts.manifest,
        state: { cache, stateDir: join4(opts.projectDir, ".slipway", "state") },
        rt: ctx.rt
      });
      ctx.emit(
        {
          selected: result.selected,
          modified: result.modified,
          nothingToBuild: result.nothingToBuild,
          fullBuild: result.fullBuild,
          stateSource: result.state.source,
          dbtArgs: result.dbtArgs,
          dbtExitCode: result.dbtExitCode ?? null
        },
        () => result.report
      );
      return result.dbtExitCode && result.dbtExitCode !== 0 ? 1 : 0;
    })
  );
}

// shared/cli/commands/impact.ts
import { existsSync as existsSync3 } from "node:fs";
import { writeFile } from "node:fs/promises";
function positive(value, flag, opts = {}) {
  if (value === void 0) return void 0;
  const x = Number(value);
  if (!Number.isFinite(x) || x < 0 || x === 0 && !opts.allowZero || !/^\d+(\.\d+)?$/.test(value.trim())) {
    throw new UserError(`${flag} ${JSON.stringify(value)} is not a ${opts.allowZero ? "non-negative" : "positive"} number.`, { hint: `Pass a number, e.g. ${flag} 10.` });
  }
  return x;
}
function register14(program) {
  const cmd = program.command("impact").description(
    "PR impact report: per model the PR modified, compare the PR build's relation with production's (schema, rows, keys, columns) in the warehouse with one aggregate statement per model; print the cost; exit 1 when a --fail-on rule trips"
  ).option("--state <path>", "production's state: the folder holding its manifest.json (or the file)").option("--children", "also compare the direct children of modified models").option("--sensitive <columns...>", "columns whose values never leave the warehouse, besides meta: {sensitive: true}: column or model.column, comma-separated").option("--samples <n>", "opt-in: up to n differing rows per keyed model (at most 100; never sensitive columns)").option("--timeout <seconds>", "statement timeout per model (default 300)").option("--max-rows <n>", "skip relations past this many rows (estimate) unless event_time narrows them (default 200000000)").option("--max-bytes <n>", "skip relations past this many bytes unless event_time narrows them (default 100 GiB)").option("--lookback-days <n>", "days of event_time compared for a relation past the size limit (default 7)").option("--concurrency <n>", "warehouse sessions at once (default 4)").option("--fail-on <rules...>", "exit 1 when a rule trips: duplicate-keys, null-keys, row-loss=<percent>, removed-columns-used (comma-separated)").option("--tag <tag>", "the PR's tag set on every session and read from query history (default: $SLIPWAY_QUERY_TAG, else derived from the GitHub run)").option("--markdown <file>", "also write the Markdown section (PR comment / job summary) to this file");
  withFormatOption(withConnectionOptions(withArtifactOptions(cmd, ["manifest", "run-results"])));
  cmd.action(
    handle(async (opts, { rt, emit }) => {
      if (!opts.state) throw new UserError("slipway impact needs --state: the production manifest to compare against.", { hint: "Pass --state <folder with production's manifest.json> (the same state slim CI defers to)." });
      const sensitive = (opts.sensitive ?? []).flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean);
      const runOpts = {
        samples: positive(opts.samples, "--samples", { allowZero: true }),
        timeoutSeconds: positive(opts.timeout, "--timeout"),
        maxRows: positive(opts.maxRows, "--max-rows", { allowZero: true }),
        maxBytes: positive(opts.maxBytes, "--max-bytes", { allowZero: true }),
        lookbackDays: positive(opts.lookbackDays, "--lookback-days"),
        concurrency: positive(opts.concurrency, "--concurrency")
      };
      parseFailOn2(opts.failOn);
      if (opts.runResults && !existsSync3(opts.runResults)) throw new UserError(`--run-results ${opts.runResults} does not exist.`, { hint: "Pass the PR build's target/run_results.json, or leave the flag out." });
      const state = (await loadStateDir(opts.state)).manifest;
      const config = await resolveConnection(opts, rt);
      const { report, markdown } = await prImpact({
        manifestPath: artifactPath(opts, "manifest"),
        state,
        runResultsPath: opts.runResults ?? artifactPath(opts, "run-results"),
        children: opts.children,
        sensitive,
        failOn: opts.failOn,
        tag: opts.tag,
        ...runOpts,
        openWarehouse: (tag) => connectTo(config, { action: "impact", ...tag ? { run: tag } : {} })
      });
      if (opts.markdown) await writeFile(opts.markdown, markdown + "\n");
      await rt.appendSummary(markdown);
      emit(report, impactText);
      const failure = impactGateFailure(report);
      if (failure) {
        process.stderr.write(rt.redact(`error: ${describeError(failure)}`) + "\n");
        return exitCodeFor(failure);
      }
    })
  );
}

// shared/cli/commands/index.ts
function registerAll(program) {
  for (const register15 of [register, register2, register3, register4, register5, register6, register7, register8, register9, register10, register11, register12, register14, register13]) register15(program);
}

// shared/cli/program.ts
var VERSION = "0.1.0";
function buildProgram() {
  const program = new Command3("slipway").description(
    "CI/CD for dbt + Snowflake: slim CI, PR schemas, blue-green deploys, rollback, freshness gates and grant policy.\nEvery command calls the same core as its GitHub Action, so on-call can act from any shell.\n\nExit codes: 0 ok, 1 a gate or policy failed, 2 usage or configuration error, 3 internal error."
  ).version(VERSION, "-V, --version").option("-v, --verbose", "debug logging on stderr").showHelpAfterError("(run with --help for usage)").enablePositionalOptions();
  registerAll(program);
  const addVerbose = (cmd) => {
    for (const sub of cmd.commands) {
      if (!sub.options.some((o) => o.long === "--verbose")) sub.option("-v, --verbose", "debug logging on stderr (also SLIPWAY_DEBUG=1)");
      addVerbose(sub);
    }
  };
  addVerbose(program);
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
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}
runCli(process.argv).catch((err) => {
  process.stderr.write(`Internal error: ${err instanceof Error ? err.message : String(err)}
`);
  process.exitCode = 3;
});
