import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  parseSelectors,
  selectNodes
} from "./chunk-EQ7NBDB3.js";
import {
  loadManifest,
  loadRunResults,
  loadSources
} from "./chunk-545Z3XKG.js";
import {
  parseYamlText
} from "./chunk-USRRF2GE.js";
import {
  GITHUB_LIMITS,
  code,
  codeBlock,
  details,
  escapeHtml,
  table,
  truncateMarkdown
} from "./chunk-7EY7NJ5E.js";
import {
  GateFailure,
  OperationError,
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/slim-ci/report.ts
var COMMENT_MARKER = "slim-ci";
function relativePaths(text, workspace) {
  if (!workspace) return text;
  const root = workspace.replace(/\/+$/, "");
  if (root.length < 2) return text;
  return text.split(`${root}/`).join("").split(root).join(".");
}
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
function statusIcon(status2) {
  if (ERROR_STATUSES.has(status2)) return "❌";
  if (WARN_STATUSES.has(status2)) return "⚠️";
  if (SKIP_STATUSES.has(status2)) return "⏭️";
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
  if (input.schema) {
    const where = input.database ? `${input.database}.${input.schema}` : input.schema;
    out.push(`**Built into:** ${code(where)} — this PR's own schema; query it to review the change. It is dropped when the PR closes.`, "");
  }
  out.push(relativePaths(stateLine(input), input.workspace));
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
    const outcome = input.dbtArgv ? "dbt had nothing to do and the warehouse was not touched" : "dbt was not run and the warehouse was not touched";
    out.push(
      input.selected.length === 0 ? `**Nothing to build:** no node differs from production state, so ${outcome}.` : `**Nothing to build:** the selection (${input.selected.length} node${input.selected.length === 1 ? "" : "s"}) has nothing the dbt command runs, so ${outcome}.`
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
    const bad2 = results.filter((r) => rank(r) < 3);
    const good = results.filter((r) => rank(r) === 3);
    out.push("");
    out.push(`#### Results: ${sum.ok} passed, ${sum.errors} failed, ${sum.warnings} warned, ${sum.skipped} skipped`);
    const row = (r) => [
      `${statusIcon(r.status)} ${r.status}`,
      code(r.unique_id),
      typeof r.execution_time === "number" ? `${r.execution_time.toFixed(1)}s` : "",
      oneLine(relativePaths(r.message ?? "", input.workspace), input.messageMax ?? 400)
    ];
    if (bad2.length) {
      const c = capped(bad2, max);
      out.push("", table(["status", "node", "time", "message"], c.rows.map(row)));
      if (c.rest) out.push("", `…and ${c.rest} more not shown.`);
    }
    if (good.length) {
      const c = capped(good, max);
      const body = table(["status", "node", "time", "message"], c.rows.map(row)) + (c.rest ? `

…and ${c.rest} more not shown.` : "");
      succeeded = details(`${good.length} succeeded`, body, { open: bad2.length === 0 && good.length <= 20 });
    }
  } else if (failed) {
    out.push("", `dbt exited with code ${input.dbtExitCode} before writing run_results.json; see the job log.`);
  }
  if (!input.fullBuild && modifiedIds.length) {
    const c = capped(modifiedIds, max);
    const body = table(
      ["node", "type", "why"],
      c.rows.map((id) => [code(id), resourceType(m, id), reasonText(input.modified[id] ?? [], input.changedConfigs?.[id])])
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
    out.push("", details("dbt command", codeBlock(input.dbtArgv.map((a) => shellQuoteForDisplay(relativePaths(a, input.workspace))).join(" "), "sh")));
  }
  if (input.runUrl) out.push("", `<sub>[Workflow run](${input.runUrl}) · Slipway slim CI</sub>`);
  return out.join("\n") + "\n";
}
function reasonText(reasons, configKeys) {
  return reasons.map((r) => r === "configs" && configKeys?.length ? `configs (${configKeys.map(escapeHtml).join(", ")})` : r).join(", ");
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
function withImpactSection(commentBody, impactSection, runUrl) {
  const limit = GITHUB_LIMITS.commentBody - 200;
  const fullReportAt = runUrl ? `the job summary of [this run](${runUrl})` : "the job summary";
  const section = truncateMarkdown(impactSection, { limit: Math.floor(limit / 2), fullReportAt }).text;
  const head = truncateMarkdown(commentBody.replace(/\s+$/, ""), { limit: limit - section.length - 2, fullReportAt }).text;
  return `${head}

${section}`;
}

// shared/slim-ci/state-files.ts
var STATE_FILES = ["manifest.json", "run_results.json", "sources.json", "slipway-state.json"];
var DEFAULT_STATE_DIR = ".slipway/state";
var KEY_PREFIX = "slipway-state-";

// shared/slim-ci/state.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, mkdir as mkdir2, readFile, rm as rm2, stat, writeFile as writeFile2 } from "node:fs/promises";
import { join as join2, resolve } from "node:path";

// shared/slim-ci/artifact.ts
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

// shared/slim-ci/zip.ts
import { crc32, inflateRawSync } from "node:zlib";
var EOCD_SIG = 101010256;
var CEN_SIG = 33639248;
var LOC_SIG = 67324752;
function bad(what, why) {
  return new UserError(`${what} is not a readable zip archive: ${why}.`, {
    hint: "Re-upload the state artifact with actions/upload-artifact (it writes standard zip archives), or seed the cache with `slipway state save`."
  });
}
function listZip(buf, what = "The archive") {
  const min = Math.max(0, buf.length - 22 - 65535);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bad(what, "no end-of-central-directory record");
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 65535 || cdOffset === 4294967295 || cdSize === 4294967295) throw bad(what, "zip64 archives are not supported");
  if (cdOffset + cdSize > eocd) throw bad(what, "the central directory lies outside the file");
  const entries = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CEN_SIG) throw bad(what, `central directory entry ${n + 1} is damaged`);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localHeaderOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString(flags & 2048 ? "utf8" : "latin1", p + 46, p + 46 + nameLen);
    if (flags & 1) throw bad(what, `entry ${name} is encrypted`);
    if (compressedSize === 4294967295 || size === 4294967295 || localHeaderOffset === 4294967295) throw bad(what, "zip64 archives are not supported");
    entries.push({ name, method, crc, compressedSize, size, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}
function readZipEntry(buf, entry, what = "The archive") {
  const p = entry.localHeaderOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOC_SIG) throw bad(what, `the local header of ${entry.name} is damaged`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw bad(what, `${entry.name} is truncated`);
  const raw = buf.subarray(start, end);
  let data;
  if (entry.method === 0) data = Buffer.from(raw);
  else if (entry.method === 8) {
    try {
      data = inflateRawSync(raw, { maxOutputLength: Math.max(entry.size, 1) });
    } catch (err) {
      throw bad(what, `${entry.name} does not inflate (${err.message})`);
    }
  } else throw bad(what, `${entry.name} uses compression method ${entry.method} (only store and deflate are supported)`);
  if (data.length !== entry.size) throw bad(what, `${entry.name} has ${data.length} bytes, the directory says ${entry.size}`);
  if (crc32(data) >>> 0 !== entry.crc >>> 0) throw bad(what, `${entry.name} fails its CRC-32 check`);
  return data;
}
function entryBaseName(name) {
  const parts = name.split(/[\\/]/);
  return parts[parts.length - 1] ?? "";
}

// shared/slim-ci/artifact.ts
var TRUSTED_EVENTS = /* @__PURE__ */ new Set(["push", "workflow_dispatch", "schedule"]);
function trustedRun(r, owner, repo, branch) {
  return (r.conclusion ?? "success") === "success" && r.head_branch === branch && TRUSTED_EVENTS.has(r.event ?? "") && (r.head_repository?.full_name ?? "").toLowerCase() === `${owner}/${repo}`.toLowerCase();
}
function status(err) {
  const s = err?.status;
  return typeof s === "number" ? s : void 0;
}
async function fetchStateArtifact(opts, dir, rt) {
  const { octokit, owner, repo } = opts;
  let branch = opts.branch;
  try {
    if (!branch) branch = (await octokit.rest.repos.get({ owner, repo })).data.default_branch ?? "main";
    const runs = (await octokit.rest.actions.listWorkflowRuns({
      owner,
      repo,
      workflow_id: /^\d+$/.test(opts.workflow) ? Number(opts.workflow) : opts.workflow,
      branch,
      status: "success",
      exclude_pull_requests: true,
      per_page: opts.maxRuns ?? 10
    })).data.workflow_runs;
    const trusted = runs.filter((r) => trustedRun(r, owner, repo, branch));
    if (trusted.length < runs.length) rt.info(`Ignored ${runs.length - trusted.length} run(s) of ${opts.workflow} not started by a push, dispatch or schedule of ${owner}/${repo} on ${branch}.`);
    const ordered = [...trusted].sort((a, b) => (b.created_at ?? "").localeCompare(a.created_at ?? "") || b.id - a.id);
    if (ordered.length === 0) {
      rt.info(`No successful run of ${opts.workflow} on ${branch} was found.`);
      return void 0;
    }
    let newest;
    for (const run of ordered.slice(0, opts.maxRuns ?? 10)) {
      const arts = (await octokit.rest.actions.listWorkflowRunArtifacts({ owner, repo, run_id: run.id, name: opts.artifactName, per_page: 100 })).data.artifacts;
      const art = arts.find((a) => a.name === opts.artifactName && !a.expired);
      if (!art) {
        rt.debug(`Run ${run.id} of ${opts.workflow} has no unexpired artifact named ${opts.artifactName}.`);
        continue;
      }
      const res = await octokit.rest.actions.downloadArtifact({ owner, repo, artifact_id: art.id, archive_format: "zip" });
      const buf = toBuffer(res.data);
      const files = await extractState(buf, `Artifact ${opts.artifactName} (id ${art.id}) of run ${run.id}`, dir);
      const found = { runId: run.id, runNumber: run.run_number, runUrl: run.html_url, sha: run.head_sha, branch, artifactId: art.id, files };
      if (!opts.prefer || await opts.prefer(dir)) return found;
      rt.info(`Run ${run.id} of ${opts.workflow} holds a state that is not the live deploy's manifest; looking at older runs.`);
      newest ??= { run, art, buf };
    }
    if (newest) {
      const { run, art, buf } = newest;
      const files = await extractState(buf, `Artifact ${opts.artifactName} (id ${art.id}) of run ${run.id}`, dir);
      rt.info(`None of the recent runs of ${opts.workflow} holds the live deploy's manifest; using the newest state (run ${run.id}).`);
      return { runId: run.id, runNumber: run.run_number, runUrl: run.html_url, sha: run.head_sha, branch, artifactId: art.id, files };
    }
    rt.info(`None of the last ${ordered.length} successful runs of ${opts.workflow} on ${branch} has an unexpired artifact named ${opts.artifactName}.`);
    return void 0;
  } catch (err) {
    const s = status(err);
    if (s === 404) {
      rt.warn(`The deploy workflow ${opts.workflow} was not found in ${owner}/${repo} (HTTP 404), so state could not be fetched from its artifacts.`);
      return void 0;
    }
    if (s === 403 || s === 401) {
      rt.warn(`GitHub refused to list runs of ${opts.workflow} (HTTP ${s}). Grant the job \`permissions: actions: read\` so slim CI can read the deploy workflow's artifacts.`);
      return void 0;
    }
    if (s === 410) {
      rt.warn(`The state artifact of ${opts.workflow} has expired (HTTP 410).`);
      return void 0;
    }
    throw err;
  }
}
async function extractState(buf, what, dir) {
  const entries = listZip(buf, what);
  await mkdir(dir, { recursive: true });
  const files = [];
  for (const want of STATE_FILES) {
    const e = entries.filter((x) => !x.name.endsWith("/") && entryBaseName(x.name) === want).sort((a, b) => a.name.split("/").length - b.name.split("/").length)[0];
    if (!e) {
      await rm(join(dir, want), { force: true });
      continue;
    }
    await writeFile(join(dir, want), readZipEntry(buf, e, what));
    files.push(want);
  }
  if (!files.includes("manifest.json")) {
    throw new UserError(`${what} has no manifest.json (it holds: ${entries.map((e) => e.name).slice(0, 10).join(", ") || "nothing"}).`, {
      hint: "Upload target/manifest.json (and run_results.json) in that artifact, e.g. actions/upload-artifact with `path: target/manifest.json`."
    });
  }
  return files;
}
function toBuffer(data) {
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (typeof data === "string") return Buffer.from(data, "binary");
  throw new Error(`Unexpected artifact download body (${typeof data}).`);
}

// shared/slim-ci/state.ts
var TARGET_RE = /^[A-Za-z0-9_.-]{1,100}$/;
var SHA_RE = /^[0-9a-fA-F]{7,64}$/;
function checkTarget(target) {
  if (!TARGET_RE.test(target)) {
    throw new UserError(`The state target '${target}' is not usable in a cache key.`, {
      hint: "Use the dbt target name (letters, digits, _ . -), e.g. --target prod."
    });
  }
  return target;
}
function stateKey(target, sha) {
  checkTarget(target);
  if (!SHA_RE.test(sha)) throw new UserError(`'${sha}' is not a commit SHA.`, { hint: 'Pass the deployed commit, e.g. --sha "$GITHUB_SHA".' });
  return `${KEY_PREFIX}${target}-${sha.toLowerCase()}`;
}
function stateKeyPrefix(target) {
  return `${KEY_PREFIX}${checkTarget(target)}-`;
}
var MANIFEST_SHA_RE = /^[0-9a-fA-F]{64}$/;
function manifestStateKey(target, manifestSha256) {
  checkTarget(target);
  if (!MANIFEST_SHA_RE.test(manifestSha256)) {
    throw new UserError(`'${manifestSha256}' is not a manifest SHA-256 (64 hex digits).`, { hint: "Pass the manifest_sha256 DEPLOY_STATE recorded for the live deploy (`slipway deploy status --format json`)." });
  }
  return `slipway-live-state-${target}-${manifestSha256.toLowerCase()}`;
}
async function sha256File(path) {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(path)) h.update(chunk);
  return h.digest("hex");
}
async function saveState(opts) {
  const key = stateKey(opts.target, opts.sha);
  const manifest = await loadManifest(opts.manifestPath);
  const dir = opts.stateDir ?? DEFAULT_STATE_DIR;
  await clearStateFiles(dir);
  await mkdir2(dir, { recursive: true });
  const files = [];
  await copyFile(opts.manifestPath, join2(dir, "manifest.json"));
  files.push("manifest.json");
  for (const [src, name] of [
    [opts.runResultsPath, "run_results.json"],
    [opts.sourcesPath, "sources.json"]
  ]) {
    if (!src) continue;
    if (!await isFile(src)) {
      opts.rt.warn(`${src} does not exist; saving state without ${name}.`);
      continue;
    }
    await copyFile(src, join2(dir, name));
    files.push(name);
  }
  const manifestSha256 = await sha256File(join2(dir, "manifest.json"));
  const meta = {
    target: opts.target,
    sha: opts.sha.toLowerCase(),
    savedAt: (/* @__PURE__ */ new Date()).toISOString(),
    manifestSha256,
    projectName: manifest.metadata.project_name,
    dbtVersion: manifest.metadata.dbt_version
  };
  await writeFile2(join2(dir, "slipway-state.json"), JSON.stringify(meta, null, 2) + "\n");
  files.push("slipway-state.json");
  const saved = await opts.cache.save([dir], key);
  if (saved) opts.rt.info(`Saved production state for target ${opts.target} at ${meta.sha.slice(0, 12)} to the ${opts.cache.description} as ${key}.`);
  else opts.rt.info(`State ${key} was not saved: an entry with that key already exists in the ${opts.cache.description} (entries are immutable).`);
  const manifestKey = manifestStateKey(opts.target, manifestSha256);
  if (await opts.cache.save([dir], manifestKey)) opts.rt.info(`Also saved it as ${manifestKey}, for slim CI after a rollback to this deploy.`);
  return { key, saved, manifestKey, manifestSha256, files, dir };
}
async function restoreState(opts) {
  const rt = opts.rt;
  const dir = resolve(opts.stateDir ?? DEFAULT_STATE_DIR);
  const prefix = stateKeyPrefix(opts.target);
  const warnings = [];
  const warn = (m) => {
    warnings.push(m);
    rt.warn(m);
  };
  const live = opts.liveManifestSha && MANIFEST_SHA_RE.test(opts.liveManifestSha) ? opts.liveManifestSha.toLowerCase() : void 0;
  if (opts.liveManifestSha && !live) warn(`The live manifest SHA-256 '${opts.liveManifestSha.slice(0, 80)}' is not 64 hex digits; restoring by commit only.`);
  if (opts.cache && live) {
    await clearStateFiles(dir);
    const key = manifestStateKey(opts.target, live);
    let hit;
    try {
      hit = await opts.cache.restore([opts.stateDir ?? DEFAULT_STATE_DIR], key, []);
    } catch (err) {
      warn(`Restoring the live deploy's state from the ${opts.cache.description} failed: ${err.message}`);
    }
    if (hit) {
      const st = await readState(dir, "cache", warn);
      if (st) {
        const sha = st.meta?.sha ?? "unknown";
        return finish(opts, {
          ...st.files,
          manifest: st.manifest,
          source: "cache",
          dir,
          sha,
          key: hit,
          savedAt: st.meta?.savedAt,
          description: `${opts.cache.description}, key ${hit}: the manifest of the live deploy (commit ${sha.slice(0, 12)})`,
          warnings
        });
      }
    } else {
      rt.info(`No state in the ${opts.cache.description} for the live deploy's manifest (${key}); trying by commit.`);
    }
  }
  if (opts.cache) {
    await clearStateFiles(dir);
    const primary = opts.preferSha && SHA_RE.test(opts.preferSha) ? stateKey(opts.target, opts.preferSha) : prefix;
    let key;
    try {
      key = await opts.cache.restore([opts.stateDir ?? DEFAULT_STATE_DIR], primary, [prefix]);
    } catch (err) {
      warn(`Restoring state from the ${opts.cache.description} failed: ${err.message}`);
    }
    if (key) {
      const st = await readState(dir, "cache", warn);
      if (st) {
        const sha = st.meta?.sha ?? key.slice(prefix.length);
        return finish(opts, {
          ...st.files,
          manifest: st.manifest,
          source: "cache",
          dir,
          sha,
          key,
          savedAt: st.meta?.savedAt,
          description: `${opts.cache.description}, key ${key} (commit ${sha.slice(0, 12)})`,
          warnings
        });
      }
    } else {
      rt.info(`No state in the ${opts.cache.description} for key prefix ${prefix}.`);
    }
  }
  if (opts.artifact) {
    await clearStateFiles(dir);
    const got = await fetchStateArtifact(
      { ...opts.artifact, ...live ? { prefer: async (d) => await isFile(join2(d, "manifest.json")) && await sha256File(join2(d, "manifest.json")) === live } : {} },
      dir,
      rt
    );
    if (got) {
      const st = await readState(dir, "artifact", warn);
      if (st) {
        const sha = got.sha;
        return finish(opts, {
          ...st.files,
          manifest: st.manifest,
          source: "artifact",
          dir,
          sha,
          runId: got.runId,
          runUrl: got.runUrl,
          savedAt: st.meta?.savedAt,
          description: `artifact ${opts.artifact.artifactName} of ${opts.artifact.workflow} run ${got.runNumber !== void 0 ? `#${got.runNumber}` : got.runId} on ${got.branch} (commit ${sha.slice(0, 12)})`,
          warnings
        });
      }
    }
  }
  const tried = [
    opts.cache ? `the ${opts.cache.description} (key prefix ${prefix})` : void 0,
    opts.artifact ? `artifact ${opts.artifact.artifactName} of the newest successful ${opts.artifact.workflow} runs on ${opts.artifact.branch ?? "the default branch"}` : void 0
  ].filter(Boolean);
  const where = tried.length ? `Looked in ${tried.join(" and ")}.` : "No state source was configured.";
  if (opts.onMissing === "full-build") {
    const m = `No production state for target ${opts.target}: building EVERYTHING (on-missing-state: full-build). ${where}`;
    warn(m);
    return { source: "none", description: "none: full build (on-missing-state: full-build)", warnings };
  }
  throw new UserError(`No production state found for target ${opts.target}, so slim CI cannot tell what changed. ${where} Nothing was run.`, {
    hint: (rt.kind === "github-actions" ? `Seed state once: at the end of the production deploy workflow on the default branch, add the slim-ci action with \`mode: save-state\` and \`state-target: ${opts.target}\` (it stores target/manifest.json in the cache as ${prefix}<sha>)` : `Seed state once: after a successful production deploy of ${opts.target}, run \`slipway state save --state-target ${opts.target} --sha <deployed commit>\` (it stores target/manifest.json as ${prefix}<sha>)`) + (opts.artifact ? `, or upload target/manifest.json as an artifact named ${opts.artifact.artifactName} from ${opts.artifact.workflow}` : "") + ". To build everything this once instead, set on-missing-state: full-build."
  });
}
function finish(opts, st) {
  return (async () => {
    if (st.manifestPath) st.manifestSha256 = await sha256File(st.manifestPath);
    if (opts.liveManifestSha && st.manifestSha256) {
      st.liveMismatch = opts.liveManifestSha.toLowerCase() !== st.manifestSha256;
      st.followsLive = !st.liveMismatch;
      if (st.liveMismatch) {
        const m = `The restored state (manifest sha256 ${st.manifestSha256.slice(0, 12)}…) is not what is live: DEPLOY_STATE's LIVE deploy recorded ${opts.liveManifestSha.slice(0, 12)}…, and no saved state has that manifest (cache key slipway-live-state-${opts.target}-<sha256>, nor a recent deploy artifact). Selection and --defer compare against the restored state; save state after each deploy (save-state stores it under both keys) to keep them in step.`;
        st.warnings.push(m);
        opts.rt.warn(m);
      }
    }
    opts.rt.info(`Production state: ${st.description}.`);
    return st;
  })();
}
async function readState(dir, source, warn) {
  const manifestPath = join2(dir, "manifest.json");
  let manifest;
  try {
    manifest = await loadManifest(manifestPath);
  } catch (err) {
    warn(`The state restored from the ${source} is unusable and was skipped: ${err.message}`);
    return void 0;
  }
  let meta;
  try {
    meta = JSON.parse(await readFile(join2(dir, "slipway-state.json"), "utf8"));
  } catch {
    meta = void 0;
  }
  const files = {
    manifestPath,
    runResultsPath: await isFile(join2(dir, "run_results.json")) ? join2(dir, "run_results.json") : void 0,
    sourcesPath: await isFile(join2(dir, "sources.json")) ? join2(dir, "sources.json") : void 0
  };
  return { manifest, meta, files };
}
async function clearStateFiles(dir) {
  for (const f of STATE_FILES) await rm2(join2(dir, f), { force: true });
}
async function isFile(p) {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

// shared/slim-ci/run.ts
import { readFile as readFile3, rm as rm4 } from "node:fs/promises";
import { isAbsolute, join as join4, relative, resolve as resolve3 } from "node:path";

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
  return { selected: r.selected, modified: r.modified, changedConfigs: r.changedConfigs, runnable: r.runnable, downstream: r.downstream, tests: r.tests, warnings: r.warnings };
};
function checkSelectors(select, exclude) {
  parseSelectors(select, "--select");
  parseSelectors(exclude, "--exclude");
}
function resourceTypeFlags(words) {
  const pick = (flags) => {
    const out = [];
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      const eq = w.indexOf("=");
      if (eq > 0 && flags.includes(w.slice(0, eq))) {
        out.push(w.slice(eq + 1));
        continue;
      }
      if (!flags.includes(w)) continue;
      while (i + 1 < words.length && !words[i + 1].startsWith("-")) out.push(words[++i]);
    }
    return out.length ? out : void 0;
  };
  return { resourceTypes: pick(["--resource-type", "--resource-types"]), excludeResourceTypes: pick(["--exclude-resource-type", "--exclude-resource-types"]) };
}

// shared/slim-ci/state-cache.ts
import { cp, mkdir as mkdir3, readdir, readFile as readFile2, rm as rm3, stat as stat2, writeFile as writeFile3 } from "node:fs/promises";
import { homedir } from "node:os";
import { join as join3, resolve as resolve2 } from "node:path";
function defaultLocalCacheDir(env = process.env) {
  if (env.SLIPWAY_CACHE_DIR) return resolve2(env.SLIPWAY_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return join3(env.XDG_CACHE_HOME, "slipway");
  return join3(homedir(), ".cache", "slipway");
}
var LocalDirStateCache = class {
  constructor(dir = defaultLocalCacheDir()) {
    this.dir = dir;
    this.description = `local cache ${dir}`;
  }
  dir;
  description;
  entryDir(key) {
    return join3(this.dir, "entries", encodeURIComponent(key));
  }
  async save(paths, key) {
    const dir = this.entryDir(key);
    if (await exists(join3(dir, "entry.json"))) return false;
    const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
    await rm3(tmp, { recursive: true, force: true });
    await mkdir3(join3(tmp, "data"), { recursive: true });
    for (const [i, p] of paths.entries()) await cp(p, join3(tmp, "data", String(i)), { recursive: true });
    const entry = { key, createdAt: (/* @__PURE__ */ new Date()).toISOString(), count: paths.length };
    await writeFile3(join3(tmp, "entry.json"), JSON.stringify(entry));
    const { rename } = await import("node:fs/promises");
    try {
      await rename(tmp, dir);
    } catch (err) {
      await rm3(tmp, { recursive: true, force: true });
      if (await exists(join3(dir, "entry.json"))) return false;
      throw err;
    }
    return true;
  }
  async restore(paths, primaryKey, restoreKeys) {
    const entries = await this.list();
    let hit = entries.find((e) => e.key === primaryKey);
    for (const prefix of restoreKeys) {
      if (hit) break;
      hit = entries.filter((e) => e.key.startsWith(prefix)).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    }
    if (!hit) return void 0;
    const dir = this.entryDir(hit.key);
    for (const [i, p] of paths.entries()) {
      if (i >= hit.count) break;
      await cp(join3(dir, "data", String(i)), p, { recursive: true, force: true });
    }
    return hit.key;
  }
  /** Every complete entry (unreadable ones are skipped). */
  async list() {
    let names;
    try {
      names = await readdir(join3(this.dir, "entries"));
    } catch {
      return [];
    }
    const out = [];
    for (const n of names) {
      try {
        out.push(JSON.parse(await readFile2(join3(this.dir, "entries", n, "entry.json"), "utf8")));
      } catch {
      }
    }
    return out;
  }
};
async function exists(p) {
  try {
    await stat2(p);
    return true;
  } catch {
    return false;
  }
}

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
var EXECUTES = /* @__PURE__ */ new Set(["build", "run", "test", "seed", "snapshot"]);
async function runSlimCi(opts) {
  const rt = opts.rt;
  const cmd = parseDbtCommand(opts.command ?? "dbt build");
  const projectDir = resolve3(opts.projectDir ?? ".");
  const targetDir = resolve3(projectDir, opts.targetPath ?? "target");
  const select = opts.select && opts.select.length ? opts.select : DEFAULT_SELECT;
  const exclude = opts.exclude ?? [];
  const stateTarget = opts.stateTarget ?? "prod";
  const env = opts.env ?? process.env;
  if (opts.manifest && !await exists(opts.manifest)) {
    throw new UserError(`The manifest ${opts.manifest} does not exist.`, { hint: "Pass the manifest.json your dbt parse/compile step wrote, or leave the manifest input empty so slim CI reads the one dbt writes." });
  }
  if (!await exists(projectDir)) throw new UserError(`The dbt project folder ${projectDir} does not exist.`, { hint: "Set project-dir to the folder holding dbt_project.yml." });
  checkSelectors(select, exclude);
  const state = await rt.group(
    "Restore production state",
    () => restoreState({ ...opts.state, target: stateTarget, onMissing: opts.onMissingState ?? "fail", rt })
  );
  const fullBuild = state.source === "none";
  let dbtSelect = select;
  let dbtExclude = exclude;
  if (fullBuild) {
    dbtSelect = select.filter((s) => !STATE_METHOD.test(s));
    dbtExclude = exclude.filter((s) => !STATE_METHOD.test(s));
    if (dbtSelect.length !== select.length || dbtExclude.length !== exclude.length) {
      rt.warn(`Without production state the state-based selectors (${[...select, ...exclude].filter((s) => STATE_METHOD.test(s)).join(" ")}) cannot be evaluated and were dropped: full build.`);
    }
  }
  const common = ["--project-dir", projectDir, ...opts.profilesDir ? ["--profiles-dir", resolve3(opts.profilesDir)] : [], ...opts.target ? ["--target", opts.target] : []];
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
  const runResultsPath = join4(targetDir, "run_results.json");
  const selectOn = async (manifest2, manifestPath2) => {
    if (state.manifest) checkSameProject(state.manifest, manifest2, state.manifestPath ?? "state manifest", manifestPath2);
    const selectFn = opts.selectFn ?? defaultSelect;
    const types = resourceTypeFlags(cmd.extra);
    let sel2;
    if (fullBuild) {
      sel2 = await selectFn({ manifest: manifest2, select: dbtSelect.length ? dbtSelect : ["fqn:*"], exclude: dbtExclude, ...types });
      sel2 = { ...sel2, modified: {} };
    } else {
      const [stateRunResults, stateSources, currentSources] = await Promise.all([
        optional(state.runResultsPath, loadRunResults, rt, "run_results.json"),
        optional(state.sourcesPath, loadSources, rt, "sources.json"),
        optional(join4(targetDir, "sources.json"), loadSources, rt, "current sources.json")
      ]);
      sel2 = await selectFn({ manifest: manifest2, state: state.manifest, stateRunResults, stateSources, currentSources, select, exclude, ...types });
    }
    const selected = [...new Set(sel2.selected)].sort();
    const toRun = (sel2.runnable ?? selected).filter((id) => isRunnable(manifest2, id, cmd.subcommand));
    return { selected, modified: sel2.modified, changedConfigs: sel2.changedConfigs, toRun, downstream: sel2.downstream, tests: sel2.tests, warnings: (sel2.warnings ?? []).map((w) => w.message) };
  };
  const runDbt = async () => {
    await rm4(runResultsPath, { force: true });
    const exitCode = await rt.group(`dbt ${cmd.subcommand}`, () => runProgram(argv, { cwd: projectDir, env, rt }));
    let runResults;
    if (await exists(runResultsPath)) {
      try {
        runResults = await loadRunResults(runResultsPath);
      } catch (err) {
        rt.warn(`Could not read ${runResultsPath}: ${err.message}`);
      }
    }
    return { exitCode, runResults };
  };
  const context = (manifest2, sel2) => ({
    opts,
    rt,
    cmd,
    projectDir,
    manifest: manifest2,
    sel: sel2,
    base: {
      target: opts.target,
      stateTarget,
      state,
      manifest: manifest2,
      selected: sel2.selected,
      modified: sel2.modified,
      changedConfigs: sel2.changedConfigs,
      toRun: sel2.toRun,
      downstream: sel2.downstream,
      tests: sel2.tests,
      selectionWarnings: sel2.warnings,
      fullBuild,
      nothingToBuild: false,
      runUrl: opts.runUrl,
      // Where the PR built: the pr-schema action exports DBT_SCHEMA (and the profile reads it).
      schema: env.DBT_SCHEMA || void 0,
      database: env.DBT_DATABASE || void 0,
      workspace: env.GITHUB_WORKSPACE || process.cwd()
    }
  });
  if (opts.manifest) {
    const manifestPath2 = resolve3(opts.manifest);
    const manifest2 = await loadManifest(manifestPath2);
    const sel2 = await selectOn(manifest2, manifestPath2);
    logSelection(rt, sel2, cmd.subcommand);
    if (sel2.toRun.length === 0) {
      rt.info("Nothing to build: dbt was not run and the warehouse was not touched.");
      const input = { ...context(manifest2, sel2).base, nothingToBuild: true };
      const text = await publish(opts, input);
      setOutputs(rt, { selected: sel2.selected, state, dbtArgs: [] });
      return { state, selected: sel2.selected, modified: sel2.modified, toRun: sel2.toRun, nothingToBuild: true, fullBuild, dbtArgs: [], report: text };
    }
    const run2 = await runDbt();
    const checked = reconcile(sel2, manifest2, cmd.subcommand, run2);
    for (const w of checked.warnings.slice(sel2.warnings.length)) rt.warn(w);
    return finish2(context(manifest2, checked), run2, argv, dbtArgs);
  }
  if (state.manifest) await checkProjectFile(projectDir, state.manifest, state.manifestPath ?? "state manifest");
  const manifestPath = join4(targetDir, "manifest.json");
  await rm4(manifestPath, { force: true });
  const run = await runDbt();
  if (!await exists(manifestPath)) {
    if (run.exitCode !== 0) {
      throw new GateFailure(`dbt ${cmd.subcommand} failed before it wrote ${relative(projectDir, manifestPath) || manifestPath} (exit code ${run.exitCode}): the project or profile did not load; nothing was built.`, {
        hint: "Fix the project errors shown in the log above (the project must parse before anything can be selected)."
      });
    }
    throw new OperationError(`dbt ${cmd.subcommand} exited 0 but wrote no ${manifestPath}, so the report cannot say what was selected.`, {
      hint: "If dbt_project.yml sets target-path, pass the same folder to slim CI's targetPath; otherwise check that the command runs dbt."
    });
  }
  const manifest = await loadManifest(manifestPath);
  const sel = reconcile(await selectOn(manifest, manifestPath), manifest, cmd.subcommand, run);
  logSelection(rt, sel, cmd.subcommand);
  return finish2(context(manifest, sel), run, argv, dbtArgs);
}
function logSelection(rt, sel, sub) {
  for (const w of sel.warnings) rt.warn(w);
  rt.info(`Selected ${sel.selected.length} node(s), ${sel.toRun.length} for dbt ${sub}; ${Object.keys(sel.modified).length} modified.`);
}
function reconcile(sel, manifest, sub, run) {
  if (!run.runResults || !EXECUTES.has(sub)) return sel;
  const ran = new Set(run.runResults.results.map((r) => r.unique_id));
  const planned = new Set(sel.toRun);
  const extra = [...ran].filter((id) => !planned.has(id)).sort();
  const missing = run.exitCode === 0 ? sel.toRun.filter((id) => !ran.has(id)) : [];
  if (!extra.length && !missing.length) return sel;
  const list = (ids) => ids.slice(0, 10).join(", ") + (ids.length > 10 ? `, …and ${ids.length - 10} more` : "");
  const parts = [
    ...extra.length ? [`ran ${extra.length} node(s) Slipway's selection did not include (${list(extra)})`] : [],
    ...missing.length ? [`did not run ${missing.length} node(s) Slipway's selection included (${list(missing)})`] : []
  ];
  const message = `dbt ${sub} ${parts.join(" and ")}. The report shows what dbt ran. This is a difference between Slipway's selector and dbt's: please report it with both manifests.`;
  const gone = new Set(missing);
  const keep = (ids) => ids?.filter((id) => !gone.has(id));
  const extraTests = extra.filter((id) => isTest(manifest, id));
  const extraOther = extra.filter((id) => !isTest(manifest, id) && !(id in sel.modified));
  return {
    ...sel,
    selected: [.../* @__PURE__ */ new Set([...sel.selected.filter((id) => !gone.has(id)), ...extra])].sort(),
    toRun: [.../* @__PURE__ */ new Set([...sel.toRun.filter((id) => !gone.has(id)), ...extra])].sort(),
    downstream: sel.downstream && [...keep(sel.downstream), ...extraOther].sort(),
    tests: sel.tests && [...keep(sel.tests), ...extraTests].sort(),
    warnings: [...sel.warnings, message]
  };
}
async function finish2(ctx, run, argv, dbtArgs) {
  const { opts, rt, cmd, sel } = ctx;
  const { exitCode, runResults } = run;
  const state = ctx.base.state;
  const nothingToBuild = exitCode === 0 && sel.toRun.length === 0;
  if (nothingToBuild) rt.info("Nothing to build: dbt had nothing to do, so it did not connect to the warehouse.");
  const input = { ...ctx.base, nothingToBuild, dbtArgv: argv.map(forDisplay), dbtExitCode: exitCode, runResults };
  annotateFailures(rt, ctx.manifest, runResults, ctx.projectDir);
  const report = await publish(opts, input);
  setOutputs(rt, { selected: sel.selected, state, dbtArgs });
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
  return { state, selected: sel.selected, modified: sel.modified, toRun: sel.toRun, nothingToBuild, fullBuild: ctx.base.fullBuild, dbtArgs, dbtExitCode: exitCode, runResults, report };
}
function forDisplay(arg) {
  const rel = relative(process.cwd(), arg);
  return isAbsolute(arg) && rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : arg;
}
function annotateFailures(rt, manifest, rr, projectDir) {
  const bad2 = (rr?.results ?? []).filter((r) => ["error", "fail", "runtime error"].includes(r.status)).slice(0, 20);
  for (const r of bad2) {
    const node = manifest.nodes[r.unique_id] ?? manifest.unit_tests?.[r.unique_id];
    const file = node?.original_file_path ? relative(process.cwd(), join4(projectDir, String(node.original_file_path).replace(/\\/g, "/"))) : void 0;
    rt.annotate("error", `${r.unique_id}: ${(r.message ?? r.status).trim()}`, { title: `dbt ${r.status}`, file: file && !file.startsWith("..") ? file : void 0 });
  }
}
async function checkProjectFile(projectDir, state, statePath) {
  const file = join4(projectDir, "dbt_project.yml");
  let name;
  try {
    name = parseYamlText(await readFile3(file, "utf8"), file)?.name;
  } catch {
    return;
  }
  if (typeof name !== "string" || !state.metadata.project_name) return;
  checkSameProject(state, { ...state, metadata: { ...state.metadata, project_name: name, project_id: void 0 } }, statePath, file);
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

export {
  COMMENT_MARKER,
  withImpactSection,
  defaultLocalCacheDir,
  LocalDirStateCache,
  exists,
  DEFAULT_STATE_DIR,
  KEY_PREFIX,
  saveState,
  restoreState,
  runSlimCi
};
