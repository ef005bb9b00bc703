import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  ActionsStateCache
} from "../chunks/chunk-Y3K5X3GW.js";
import {
  GITHUB_LIMITS,
  code,
  codeBlock,
  createReporterFromToken,
  details,
  escapeHtml,
  table,
  truncateMarkdown
} from "../chunks/chunk-LMWHFBB5.js";
import {
  eventContext,
  runAction
} from "../chunks/chunk-KJH36VYR.js";
import {
  DEFAULT_STATE_DIR,
  exists,
  restoreState,
  saveState,
  selectNodes
} from "../chunks/chunk-AYJ4PHMR.js";
import {
  loadManifest,
  loadRunResults,
  loadSources
} from "../chunks/chunk-3V3GFLJ6.js";
import {
  currentDeploy
} from "../chunks/chunk-RCJNHNKN.js";
import "../chunks/chunk-XBQYJD25.js";
import {
  createOctokit
} from "../chunks/chunk-TPBBWOFJ.js";
import {
  loadProfile
} from "../chunks/chunk-J4UHCTT6.js";
import {
  connect
} from "../chunks/chunk-S34CNGQ3.js";
import "../chunks/chunk-3MA4WQK5.js";
import "../chunks/chunk-YASYTQ2Y.js";
import "../chunks/chunk-V2UDNE4W.js";
import {
  GateFailure,
  OperationError,
  UserError
} from "../chunks/chunk-WLODUQ4F.js";

// shared/slim-ci/action.ts
import { existsSync } from "node:fs";
import { join as join2 } from "node:path";

// shared/slim-ci/live.ts
async function liveManifestSha(opts) {
  const rt = opts.rt;
  try {
    const config = await loadProfile({ projectDir: opts.projectDir, profilesDir: opts.profilesDir, profile: opts.profile, target: opts.target, env: opts.env ?? process.env, mask: (s) => rt.mask(s) });
    const warehouse = await connect(config, { queryTag: { action: "slim-ci" } });
    try {
      const live = await currentDeploy(warehouse, { environment: opts.environment, adminSchema: opts.adminSchema, database: opts.database });
      if (!live) {
        rt.info(`No live deployment of ${opts.environment} is recorded in DEPLOY_STATE; the live-state check is skipped.`);
        return void 0;
      }
      if (!live.manifestSha256) {
        rt.info(`The live deployment ${live.deployId} of ${opts.environment} recorded no manifest SHA-256; the live-state check is skipped.`);
        return void 0;
      }
      return live.manifestSha256;
    } finally {
      await warehouse.close();
    }
  } catch (err) {
    rt.warn(`Could not read the live deployment of ${opts.environment} from DEPLOY_STATE (${err.message}); the live-state check is skipped.`);
    return void 0;
  }
}

// shared/slim-ci/report.ts
var COMMENT_MARKER = "slim-ci";
var ERROR_STATUSES = /* @__PURE__ */ new Set(["error", "fail", "runtime error"]);
var WARN_STATUSES = /* @__PURE__ */ new Set(["warn"]);
var SKIP_STATUSES = /* @__PURE__ */ new Set(["skipped"]);
function lookup(m, id) {
  return m.nodes[id] ?? m.sources[id] ?? m.exposures[id] ?? m.metrics?.[id] ?? m.semantic_models?.[id] ?? m.saved_queries?.[id] ?? m.unit_tests?.[id] ?? m.functions?.[id];
}
function resourceType(m, id) {
  return lookup(m, id)?.resource_type ?? id.split(".")[0] ?? "node";
}
function isTest(m, id) {
  const t = resourceType(m, id);
  return t === "test" || t === "unit_test";
}
function statusIcon(status) {
  if (ERROR_STATUSES.has(status)) return "❌";
  if (WARN_STATUSES.has(status)) return "⚠️";
  if (SKIP_STATUSES.has(status)) return "⏭️";
  return "✅";
}
function oneLine(msg, max = 400) {
  if (!msg) return "";
  const flat = msg.replace(/\s+/g, " ").trim();
  return escapeHtml(flat.length > max ? flat.slice(0, max - 1) + "…" : flat);
}
function capped(rows, max) {
  return rows.length > max ? { rows: rows.slice(0, max), rest: rows.length - max } : { rows, rest: 0 };
}
function summariseResults(rr) {
  const r = rr?.results ?? [];
  const errors = r.filter((x) => ERROR_STATUSES.has(x.status)).length;
  const warnings = r.filter((x) => WARN_STATUSES.has(x.status)).length;
  const skipped = r.filter((x) => SKIP_STATUSES.has(x.status)).length;
  return { total: r.length, errors, warnings, skipped, ok: r.length - errors - warnings - skipped };
}
function rank(r) {
  if (ERROR_STATUSES.has(r.status)) return 0;
  if (WARN_STATUSES.has(r.status)) return 1;
  if (SKIP_STATUSES.has(r.status)) return 2;
  return 3;
}
function stateLine(input) {
  const s = input.state;
  if (s.source === "none") {
    return `> [!WARNING]
> **FULL BUILD: no production state was found for target ${code(input.stateTarget)}**, so every node was built (\`on-missing-state: full-build\`). Save state after each production deploy (the slim-ci action with \`mode: save-state\`, or \`slipway state save\`) to get slim CI back.`;
  }
  const commit = s.sha ? ` at commit ${code(s.sha.slice(0, 12))}` : "";
  const run = s.runUrl ? ` ([deploy run](${s.runUrl}))` : "";
  const kind = s.source === "cache" ? "cache" : "deploy-workflow artifact";
  return `**State:** production manifest for ${code(input.stateTarget)}${commit}, from the ${kind}${run}: ${escapeHtml(s.description)}.`;
}
function renderReport(input) {
  const max = input.maxRows ?? 100;
  const m = input.manifest;
  const sum = summariseResults(input.runResults);
  const failed = input.dbtExitCode !== void 0 && input.dbtExitCode !== 0;
  const verdict = input.nothingToBuild ? "✅ Nothing to build" : failed ? `❌ dbt failed${sum.total ? `: ${sum.errors} error${sum.errors === 1 ? "" : "s"}` : ` (exit code ${input.dbtExitCode})`}` : input.dbtExitCode === 0 ? `✅ dbt succeeded${sum.warnings ? ` with ${sum.warnings} warning${sum.warnings === 1 ? "" : "s"}` : ""}` : "⏸️ dbt not run";
  const out = [];
  out.push(`### Slipway slim CI: ${verdict}${input.target ? ` (target ${code(input.target)})` : ""}`);
  out.push("");
  out.push(stateLine(input));
  if (input.state.liveMismatch) {
    out.push("");
    out.push(`> [!WARNING]
> The restored state is not the live deployment's manifest (sha256 ${code((input.state.manifestSha256 ?? "").slice(0, 12))} differs from what the last deploy recorded). The comparison may include or miss changes.`);
  }
  for (const w of [...input.state.warnings.filter((w2) => !w2.includes("building EVERYTHING")), ...input.selectionWarnings ?? []]) {
    out.push("", `> [!NOTE]
> ${oneLine(w, 600)}`);
  }
  out.push("");
  const modifiedIds = Object.keys(input.modified).sort();
  const modSet = new Set(modifiedIds);
  const tests = input.tests ?? input.selected.filter((id) => isTest(m, id));
  const testSet = new Set(tests);
  const downstream = (input.downstream ?? input.selected).filter((id) => !modSet.has(id) && !testSet.has(id) && !isTest(m, id));
  if (input.nothingToBuild) {
    out.push(
      input.selected.length === 0 ? "**Nothing to build:** no node differs from production state, so dbt was not run and the warehouse was not touched." : `**Nothing to build:** the selection (${input.selected.length} node${input.selected.length === 1 ? "" : "s"}) has nothing the dbt command runs, so dbt was not run and the warehouse was not touched.`
    );
  } else if (input.fullBuild) {
    out.push(`**${input.toRun.length}** nodes built (full build).`);
  } else {
    const modNodes = modifiedIds.filter((id) => !testSet.has(id) && !isTest(m, id)).length;
    const modTests = modifiedIds.length - modNodes;
    out.push(
      `**${input.selected.length}** selected: **${modNodes}** modified, **${downstream.length}** downstream, **${tests.length}** test${tests.length === 1 ? "" : "s"}` + (modTests ? ` (${modTests} of them new or changed)` : "") + "."
    );
  }
  let succeeded;
  if (input.runResults && input.runResults.results.length) {
    const results = [...input.runResults.results].sort((a, b) => rank(a) - rank(b) || a.unique_id.localeCompare(b.unique_id));
    const bad = results.filter((r) => rank(r) < 3);
    const good = results.filter((r) => rank(r) === 3);
    out.push("");
    out.push(`#### Results: ${sum.ok} passed, ${sum.errors} failed, ${sum.warnings} warned, ${sum.skipped} skipped`);
    const row = (r) => [
      `${statusIcon(r.status)} ${r.status}`,
      code(r.unique_id),
      typeof r.execution_time === "number" ? `${r.execution_time.toFixed(1)}s` : "",
      oneLine(r.message, input.messageMax ?? 400)
    ];
    if (bad.length) {
      const c = capped(bad, max);
      out.push("", table(["status", "node", "time", "message"], c.rows.map(row)));
      if (c.rest) out.push("", `…and ${c.rest} more not shown.`);
    }
    if (good.length) {
      const c = capped(good, max);
      const body = table(["status", "node", "time", "message"], c.rows.map(row)) + (c.rest ? `

…and ${c.rest} more not shown.` : "");
      succeeded = details(`${good.length} succeeded`, body, { open: bad.length === 0 && good.length <= 20 });
    }
  } else if (failed) {
    out.push("", `dbt exited with code ${input.dbtExitCode} before writing run_results.json; see the job log.`);
  }
  if (!input.fullBuild && modifiedIds.length) {
    const c = capped(modifiedIds, max);
    const body = table(
      ["node", "type", "why"],
      c.rows.map((id) => [code(id), resourceType(m, id), (input.modified[id] ?? []).join(", ")])
    ) + (c.rest ? `

…and ${c.rest} more not shown.` : "");
    out.push("", details(`Modified (${modifiedIds.length})`, body, { open: modifiedIds.length <= 30 }));
  }
  if (succeeded) out.push("", succeeded);
  if (!input.fullBuild && downstream.length) {
    const c = capped(downstream, max);
    const body = c.rows.map((id) => `- ${code(id)}`).join("\n") + (c.rest ? `
- …and ${c.rest} more` : "");
    out.push("", details(`Downstream (${downstream.length})`, body));
  }
  if (!input.fullBuild && tests.length) {
    const c = capped(tests, max);
    const body = c.rows.map((id) => `- ${code(id)}`).join("\n") + (c.rest ? `
- …and ${c.rest} more` : "");
    out.push("", details(`Tests (${tests.length})`, body));
  }
  if (input.dbtArgv) {
    out.push("", details("dbt command", codeBlock(input.dbtArgv.map(shellQuoteForDisplay).join(" "), "sh")));
  }
  if (input.runUrl) out.push("", `<sub>[Workflow run](${input.runUrl}) · Slipway slim CI</sub>`);
  return out.join("\n") + "\n";
}
function shellQuoteForDisplay(arg) {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
function renderForComment(input) {
  return truncateMarkdown(renderReport({ maxRows: 50, messageMax: 300, ...input }), {
    limit: GITHUB_LIMITS.commentBody - 200,
    fullReportAt: input.runUrl ? `the job summary of [this run](${input.runUrl})` : "the job summary"
  }).text;
}
function renderForSummary(input) {
  return truncateMarkdown(renderReport({ ...input, maxRows: Math.max(input.maxRows ?? 100, 1e3), messageMax: Math.max(input.messageMax ?? 400, 2e3) }), { limit: 1e6, measure: "utf8" }).text;
}

// shared/slim-ci/run.ts
import { rm } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";

// shared/slim-ci/dbt.ts
import { spawn } from "node:child_process";
import { basename } from "node:path";
var RUNNABLE = /* @__PURE__ */ new Set(["build", "run", "test", "seed", "snapshot", "compile", "clone", "ls", "list", "docs", "show", "run-operation", "retry"]);
function splitWords(line) {
  const out = [];
  let cur = "";
  let has = false;
  let quote;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = void 0;
      else if (c === "\\" && quote === '"' && (line[i + 1] === '"' || line[i + 1] === "\\")) cur += line[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (/\s/.test(c)) {
      if (has || cur) out.push(cur);
      cur = "";
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (quote) throw new UserError(`The dbt command has an unterminated ${quote} quote: ${line}`, { hint: 'Close the quote, e.g. command: dbt build --vars "{x: 1}".' });
  if (has || cur) out.push(cur);
  return out;
}
function parseDbtCommand(line) {
  const words = splitWords(line.trim());
  const i = words.findIndex((w) => /^dbt(\.exe)?$/i.test(basename(w)));
  const hint = "Use a dbt invocation such as 'dbt build' or 'uv run dbt build --fail-fast'.";
  if (i < 0) throw new UserError(`The command '${line}' does not run dbt (no word named dbt).`, { hint });
  const sub = words[i + 1];
  if (!sub || sub.startsWith("-")) throw new UserError(`The command '${line}' names no dbt subcommand.`, { hint });
  if (!RUNNABLE.has(sub)) throw new UserError(`'dbt ${sub}' cannot be used for slim CI.`, { hint: `Use one of: ${[...RUNNABLE].filter((s) => s !== "ls" && s !== "list").join(", ")}.` });
  for (const f of ["--select", "-s", "--exclude", "--state", "--defer", "--models", "-m", "--selector"]) {
    if (words.slice(i + 2).includes(f)) {
      throw new UserError(`The dbt command must not contain ${f}: slim CI adds the selection and deferral itself.`, {
        hint: "Move the selection to the select/exclude inputs (or --select/--exclude), and use the defer / favor-state inputs."
      });
    }
  }
  return { exe: words.slice(0, i + 1), subcommand: sub, extra: words.slice(i + 2) };
}
function runProgram(argv, opts) {
  const [file, ...args] = argv;
  if (!file) throw new Error("runProgram: empty argv");
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file, args, { cwd: opts.cwd, env: opts.env ?? process.env, shell: false, stdio: ["ignore", "pipe", "pipe"] });
    const pump = (stream) => {
      let buf = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk) => {
        buf += chunk;
        let nl;
        while ((nl = buf.indexOf("\n")) >= 0) {
          opts.rt.info(buf.slice(0, nl).replace(/\r$/, ""));
          buf = buf.slice(nl + 1);
        }
      });
      stream.on("end", () => {
        if (buf) opts.rt.info(buf);
      });
    };
    pump(child.stdout);
    pump(child.stderr);
    child.on("error", (err) => {
      if (err.code === "ENOENT") {
        reject(new UserError(`Could not start ${file}: it is not installed or not on PATH.`, { hint: "Install dbt with its adapter before this step (e.g. pip install dbt-snowflake), or set the command input to the full path of dbt." }));
      } else reject(err);
    });
    child.on("close", (code2, signal) => resolvePromise(code2 ?? (signal ? 128 : 1)));
  });
}

// shared/slim-ci/selection.ts
var defaultSelect = (input) => {
  const r = selectNodes(input);
  return { selected: r.selected, modified: r.modified, runnable: r.runnable, downstream: r.downstream, tests: r.tests, warnings: r.warnings };
};

// shared/slim-ci/run.ts
var DEFAULT_SELECT = ["state:modified+"];
var RUNS = {
  build: ["model", "seed", "snapshot", "test", "unit_test", "function"],
  run: ["model"],
  test: ["test", "unit_test"],
  seed: ["seed"],
  snapshot: ["snapshot"],
  compile: ["model", "test", "analysis", "snapshot", "unit_test"],
  clone: ["model", "seed", "snapshot"],
  docs: ["model", "seed", "snapshot", "test", "source"],
  show: ["model", "seed", "snapshot", "analysis", "test"],
  "run-operation": [],
  retry: ["model", "seed", "snapshot", "test", "unit_test", "function"]
};
var STATE_METHOD = /(^|[\s,+@])(\d*\+)?(state|result|source_status):/;
function isRunnable(manifest, id, sub) {
  const types = RUNS[sub];
  if (!types || types.length === 0) return true;
  const node = manifest.nodes[id] ?? manifest.unit_tests?.[id] ?? manifest.functions?.[id];
  if (!node) return false;
  if (node.config && node.config.enabled === false) return false;
  return types.includes(resourceType(manifest, id));
}
async function optional(path, load, rt, what) {
  if (!path || !await exists(path)) return void 0;
  try {
    return await load(path);
  } catch (err) {
    rt.warn(`Ignoring the state's ${what}: ${err.message}`);
    return void 0;
  }
}
async function runSlimCi(opts) {
  const rt = opts.rt;
  const cmd = parseDbtCommand(opts.command ?? "dbt build");
  const projectDir = resolve(opts.projectDir ?? ".");
  const targetDir = resolve(projectDir, opts.targetPath ?? "target");
  const select = opts.select && opts.select.length ? opts.select : DEFAULT_SELECT;
  const exclude = opts.exclude ?? [];
  const stateTarget = opts.stateTarget ?? "prod";
  const env = opts.env ?? process.env;
  if (opts.manifest && !await exists(opts.manifest)) {
    throw new UserError(`The manifest ${opts.manifest} does not exist.`, { hint: "Pass the manifest.json your dbt parse/compile step wrote, or leave the manifest input empty so slim CI runs dbt parse." });
  }
  if (!await exists(projectDir)) throw new UserError(`The dbt project folder ${projectDir} does not exist.`, { hint: "Set project-dir to the folder holding dbt_project.yml." });
  const state = await rt.group(
    "Restore production state",
    () => restoreState({ ...opts.state, target: stateTarget, onMissing: opts.onMissingState ?? "fail", rt })
  );
  const fullBuild = state.source === "none";
  const common = ["--project-dir", projectDir, ...opts.profilesDir ? ["--profiles-dir", resolve(opts.profilesDir)] : [], ...opts.target ? ["--target", opts.target] : []];
  let manifestPath = opts.manifest ? resolve(opts.manifest) : join(targetDir, "manifest.json");
  if (!opts.manifest) {
    const parseArgv = [...cmd.exe, "parse", ...common];
    const code2 = await rt.group("dbt parse", () => runProgram(parseArgv, { cwd: projectDir, env, rt }));
    if (code2 !== 0) {
      throw new GateFailure(`dbt parse failed (exit code ${code2}); nothing was built.`, { hint: "Fix the project errors shown in the log above (dbt parse must succeed before anything can be selected)." });
    }
    manifestPath = join(targetDir, "manifest.json");
  }
  const manifest = await loadManifest(manifestPath);
  if (state.manifest) checkSameProject(state.manifest, manifest, state.manifestPath ?? "state manifest", manifestPath);
  const selectFn = opts.selectFn ?? defaultSelect;
  let sel;
  let dbtSelect;
  let dbtExclude;
  if (fullBuild) {
    dbtSelect = select.filter((s) => !STATE_METHOD.test(s));
    dbtExclude = exclude.filter((s) => !STATE_METHOD.test(s));
    if (dbtSelect.length !== select.length || dbtExclude.length !== exclude.length) {
      rt.warn(`Without production state the state-based selectors (${[...select, ...exclude].filter((s) => STATE_METHOD.test(s)).join(" ")}) cannot be evaluated and were dropped: full build.`);
    }
    sel = await selectFn({ manifest, select: dbtSelect.length ? dbtSelect : ["fqn:*"], exclude: dbtExclude });
    sel = { ...sel, modified: {} };
  } else {
    const [stateRunResults, stateSources, currentSources] = await Promise.all([
      optional(state.runResultsPath, loadRunResults, rt, "run_results.json"),
      optional(state.sourcesPath, loadSources, rt, "sources.json"),
      optional(join(targetDir, "sources.json"), loadSources, rt, "current sources.json")
    ]);
    sel = await selectFn({ manifest, state: state.manifest, stateRunResults, stateSources, currentSources, select, exclude });
    dbtSelect = select;
    dbtExclude = exclude;
  }
  for (const w of sel.warnings ?? []) rt.warn(w.message);
  const selected = [...new Set(sel.selected)].sort();
  const modified = sel.modified;
  const toRun = (sel.runnable ?? selected).filter((id) => isRunnable(manifest, id, cmd.subcommand));
  rt.info(`Selected ${selected.length} node(s), ${toRun.length} for dbt ${cmd.subcommand}; ${Object.keys(modified).length} modified.`);
  const baseReport = {
    target: opts.target,
    stateTarget,
    state,
    manifest,
    selected,
    modified,
    toRun,
    downstream: sel.downstream,
    tests: sel.tests,
    selectionWarnings: (sel.warnings ?? []).map((w) => w.message),
    fullBuild,
    nothingToBuild: false,
    runUrl: opts.runUrl
  };
  if (toRun.length === 0) {
    rt.info("Nothing to build: dbt was not run and the warehouse was not touched.");
    const input2 = { ...baseReport, nothingToBuild: true };
    const report2 = await publish(opts, input2);
    setOutputs(rt, { selected, state, dbtArgs: [] });
    return { state, selected, modified, toRun, nothingToBuild: true, fullBuild, dbtArgs: [], report: report2 };
  }
  const dbtArgs = [
    cmd.subcommand,
    ...cmd.extra,
    ...dbtSelect.length ? ["--select", ...dbtSelect] : [],
    ...dbtExclude.length ? ["--exclude", ...dbtExclude] : [],
    ...fullBuild ? [] : ["--state", state.dir],
    ...!fullBuild && opts.defer !== false ? ["--defer"] : [],
    ...!fullBuild && opts.defer !== false && opts.favorState ? ["--favor-state"] : [],
    ...common
  ];
  const argv = [...cmd.exe, ...dbtArgs];
  const runResultsPath = join(targetDir, "run_results.json");
  await rm(runResultsPath, { force: true });
  const exitCode = await rt.group(`dbt ${cmd.subcommand}`, () => runProgram(argv, { cwd: projectDir, env, rt }));
  let runResults;
  if (await exists(runResultsPath)) {
    try {
      runResults = await loadRunResults(runResultsPath);
    } catch (err) {
      rt.warn(`Could not read ${runResultsPath}: ${err.message}`);
    }
  }
  const input = { ...baseReport, dbtArgv: argv.map(forDisplay), dbtExitCode: exitCode, runResults };
  annotateFailures(rt, manifest, runResults, projectDir);
  const report = await publish(opts, input);
  setOutputs(rt, { selected, state, dbtArgs });
  if (exitCode !== 0) {
    const s = summariseResults(runResults);
    if (runResults && s.errors > 0) {
      throw new GateFailure(`dbt ${cmd.subcommand} failed: ${s.errors} of ${s.total} node(s) errored or failed (exit code ${exitCode}).`, {
        hint: "See the report for each failing node and its message.",
        details: runResults.results.filter((r) => ["error", "fail", "runtime error"].includes(r.status)).map((r) => ({ unique_id: r.unique_id, status: r.status, message: r.message }))
      });
    }
    throw new OperationError(`dbt ${cmd.subcommand} exited with code ${exitCode}${runResults ? "" : " without writing run_results.json"}.`, {
      hint: "See the dbt output in the log above (exit code 2 means dbt itself failed: connection, profile or project errors)."
    });
  }
  return { state, selected, modified, toRun, nothingToBuild: false, fullBuild, dbtArgs, dbtExitCode: exitCode, runResults, report };
}
function forDisplay(arg) {
  const rel = relative(process.cwd(), arg);
  return isAbsolute(arg) && rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : arg;
}
function annotateFailures(rt, manifest, rr, projectDir) {
  const bad = (rr?.results ?? []).filter((r) => ["error", "fail", "runtime error"].includes(r.status)).slice(0, 20);
  for (const r of bad) {
    const node = manifest.nodes[r.unique_id] ?? manifest.unit_tests?.[r.unique_id];
    const file = node?.original_file_path ? relative(process.cwd(), join(projectDir, String(node.original_file_path).replace(/\\/g, "/"))) : void 0;
    rt.annotate("error", `${r.unique_id}: ${(r.message ?? r.status).trim()}`, { title: `dbt ${r.status}`, file: file && !file.startsWith("..") ? file : void 0 });
  }
}
function checkSameProject(state, current, statePath, currentPath) {
  const a = state.metadata;
  const b = current.metadata;
  const differ = a.project_name && b.project_name ? a.project_name !== b.project_name : a.project_id && b.project_id ? a.project_id !== b.project_id : false;
  if (differ) {
    throw new UserError(
      `The production state (${statePath}) is from another dbt project (${a.project_name ?? a.project_id}) than this one (${b.project_name ?? b.project_id} in ${currentPath}); nothing was run.`,
      { hint: "Use a state target / cache key per project (state-target input), and check the deploy-workflow and state-artifact inputs point at this project." }
    );
  }
}
async function publish(opts, input) {
  const summary = renderForSummary(input);
  await opts.rt.appendSummary(summary);
  if (opts.comment) {
    try {
      await opts.comment(renderForComment(input));
    } catch (err) {
      opts.rt.warn(`Could not post the slim CI comment on the pull request: ${err.message}. The report is in the job summary.`);
    }
  }
  return summary;
}
function setOutputs(rt, r) {
  rt.setOutput("selected", JSON.stringify(r.selected));
  rt.setOutput("selected-count", String(r.selected.length));
  rt.setOutput("state-source", r.state.source);
  rt.setOutput("state-sha", r.state.sha ?? "");
  rt.setOutput("dbt-args", JSON.stringify(r.dbtArgs));
}

// shared/slim-ci/action.ts
function selectorWords(value) {
  if (value === void 0) return void 0;
  const words = value.split(/\s+/).filter(Boolean);
  return words.length ? words : void 0;
}
function onMissing(value) {
  const v = (value ?? "fail").trim().toLowerCase();
  if (v === "fail" || v === "full-build") return v;
  throw new UserError(`Input on-missing-state must be fail or full-build, got '${value}'.`, {
    hint: "fail (the default) refuses to run without production state; full-build builds everything and says so in the report."
  });
}
function mode(value) {
  const v = (value ?? "check").trim().toLowerCase();
  if (v === "check" || v === "save-state") return v;
  throw new UserError(`Input mode must be check or save-state, got '${value}'.`, {
    hint: "check (the default) runs slim CI on a pull request; save-state stores the production manifest after a deploy."
  });
}
async function slimCiAction(rt, inputs, event, deps) {
  if (mode(inputs.get("mode")) === "save-state") return saveStateAction(rt, inputs, event, deps);
  return checkAction(rt, inputs, event, deps);
}
async function saveStateAction(rt, inputs, event, deps) {
  if (!deps.cache) {
    throw new UserError("The GitHub Actions cache service is not available on this runner, so state cannot be saved to it.", {
      hint: "Upload target/manifest.json as an artifact instead (actions/upload-artifact, name slipway-state) and set deploy-workflow on the slim CI step."
    });
  }
  if (event.pullRequest) rt.warn("Saving state from a pull request run: caches written on a PR branch are not readable from other PRs. Save state from the deploy workflow on the default branch.");
  const projectDir = inputs.get("project-dir") ?? ".";
  const targetDir = join2(projectDir, "target");
  const sourcesPath = join2(targetDir, "sources.json");
  const r = await saveState({
    target: inputs.get("state-target") ?? "prod",
    sha: inputs.get("sha") ?? event.sha,
    manifestPath: inputs.get("manifest") ?? join2(targetDir, "manifest.json"),
    runResultsPath: join2(targetDir, "run_results.json"),
    sourcesPath: existsSync(sourcesPath) ? sourcesPath : void 0,
    cache: deps.cache,
    stateDir: DEFAULT_STATE_DIR,
    rt
  });
  rt.setOutput("state-key", r.key);
  rt.setOutput("state-sha", (inputs.get("sha") ?? event.sha).toLowerCase());
  await rt.appendSummary(
    `### Slipway: production state saved

${r.saved ? "Saved" : "Already present (entries are immutable)"}: \`${r.key}\` (${r.files.join(", ")}; manifest sha256 \`${r.manifestSha256.slice(0, 16)}…\`).
`
  );
  return r;
}
async function checkAction(rt, inputs, event, deps) {
  const token = inputs.get("github-token");
  if (token) rt.mask(token);
  const deployWorkflow = inputs.get("deploy-workflow");
  const artifactName = inputs.get("state-artifact") ?? "slipway-state";
  const comment = inputs.bool("comment", true);
  const onMissingState = onMissing(inputs.get("on-missing-state"));
  const { owner, repo } = event.repo;
  if (!deps.cache) rt.warn("The GitHub Actions cache service is not available on this runner; production state can only come from the deploy workflow artifact.");
  let artifact;
  if (deployWorkflow) {
    if (!owner || !repo) throw new UserError("deploy-workflow needs the repository of this run, but GITHUB_REPOSITORY is not set.", { hint: "Run the action inside GitHub Actions." });
    if (!token && !deps.octokit) throw new UserError("deploy-workflow needs a GitHub token to read the deploy workflow runs.", { hint: "Leave github-token at its default (${{ github.token }}) and grant `actions: read`." });
    const repository = event.payload.repository;
    artifact = {
      octokit: deps.octokit ?? createOctokit({ token, log: rt }),
      owner,
      repo,
      workflow: deployWorkflow,
      artifactName,
      branch: repository?.default_branch
    };
  }
  const pr = event.pullRequest;
  let post;
  if (comment && pr) {
    const reporter = deps.reporter ?? createReporterFromToken({ token, log: rt, isForkPullRequest: pr.isFork });
    post = async (body) => {
      await reporter.upsertStickyComment({ owner, repo, issueNumber: pr.number, marker: COMMENT_MARKER, body });
    };
  } else if (comment && !pr) {
    rt.info(`No pull request in this ${event.eventName} event: the report goes to the job summary only.`);
  }
  let liveSha = inputs.get("live-manifest-sha");
  const liveEnv = inputs.get("live-state-environment");
  if (!liveSha && liveEnv) {
    liveSha = await (deps.liveSha ?? liveManifestSha)({
      environment: liveEnv,
      adminSchema: inputs.get("admin-schema") ?? "SLIPWAY",
      projectDir: inputs.get("project-dir") ?? ".",
      profilesDir: inputs.get("profiles-dir"),
      target: inputs.get("target"),
      env: deps.env,
      rt
    });
  }
  return runSlimCi({
    command: inputs.get("command") ?? "dbt build",
    projectDir: inputs.get("project-dir") ?? ".",
    profilesDir: inputs.get("profiles-dir"),
    target: inputs.get("target"),
    stateTarget: inputs.get("state-target") ?? "prod",
    select: selectorWords(inputs.get("select")),
    exclude: selectorWords(inputs.get("exclude")) ?? [],
    defer: inputs.bool("defer", true),
    favorState: inputs.bool("favor-state", false),
    onMissingState,
    manifest: inputs.get("manifest"),
    state: {
      cache: deps.cache,
      artifact,
      preferSha: pr?.baseSha,
      stateDir: DEFAULT_STATE_DIR,
      liveManifestSha: liveSha
    },
    comment: post,
    runUrl: event.runUrl,
    env: deps.env,
    rt
  });
}

// actions/slim-ci/index.ts
void runAction(async (rt, inputs) => {
  await slimCiAction(rt, inputs, eventContext(), { cache: ActionsStateCache.available() ? new ActionsStateCache() : void 0 });
});
