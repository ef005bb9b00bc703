import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  createOctokit,
  rateLimitKind
} from "./chunk-4FBTO444.js";
import {
  GITHUB_LIMITS,
  commentMarker,
  truncateMarkdown
} from "./chunk-7EY7NJ5E.js";
import {
  OperationError
} from "./chunk-IZF6KDBA.js";

// shared/github/reporter.ts
var silentLog = { debug() {
}, info() {
}, warn() {
}, error() {
} };
function classifyGitHubError(err) {
  let e = err;
  if (e instanceof OperationError && e.cause) e = e.cause;
  if (!e || typeof e !== "object") return "other";
  if (rateLimitKind(e)) return "rate-limited";
  switch (e.status) {
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "not-found";
    case 422:
      return "validation";
    case void 0:
      return /fetch failed|ECONN|ETIMEDOUT|ENOTFOUND|socket/i.test(e.message ?? "") ? "network" : "other";
    default:
      return e.status >= 500 ? "server" : "other";
  }
}
function explainGitHubError(err, what, permission) {
  const kind = classifyGitHubError(err);
  const raw = err?.response?.data?.message ?? err?.message ?? String(err);
  switch (kind) {
    case "forbidden":
      return `Could not ${what}: GitHub answered 403 (${raw}). The workflow's token may not write here: pull requests from forks get a read-only token, and otherwise the job needs \`permissions: ${permission}\`. The result is still in the job summary; this does not change the check's verdict.`;
    case "unauthorized":
      return `Could not ${what}: the GitHub token was rejected (401 ${raw}). Pass a valid token (the default \`\${{ github.token }}\` works).`;
    case "not-found":
      return `Could not ${what}: GitHub answered 404 (${raw}). Check the repository and pull request number, and that the token can see the repository.`;
    case "rate-limited":
      return `Could not ${what}: ${raw}`;
    default:
      return `Could not ${what}: ${raw}`;
  }
}
function skippingReporter(reason, log = silentLog) {
  let said = false;
  const say = () => {
    if (!said) log.warn(reason);
    said = true;
  };
  return {
    async upsertStickyComment() {
      say();
      return { id: 0, action: "skipped" };
    },
    async startCheckRun() {
      say();
      return { id: 0, async complete() {
      } };
    }
  };
}
function createReporterFromToken(opts) {
  const log = opts.log ?? silentLog;
  if (opts.isForkPullRequest) {
    return skippingReporter(
      "This pull request comes from a fork, so its GitHub token is read-only: Slipway will not post a PR comment or check run. The full report is in the job summary.",
      log
    );
  }
  if (!opts.token) {
    return skippingReporter("No GitHub token was given, so Slipway will not post a PR comment or check run. Pass `github-token: ${{ github.token }}` (the default).", log);
  }
  return createGitHubReporter(createOctokit({ ...opts, token: opts.token }), opts);
}
function chunk(items, size) {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
function cutPlain(text, max) {
  if (Buffer.byteLength(text, "utf8") <= max) return text;
  let s = text.slice(0, max);
  while (Buffer.byteLength(s, "utf8") > max - 1) s = s.slice(0, Math.floor(s.length * 0.95));
  return s.replace(/[\uD800-\uDBFF]$/, "") + "…";
}
function sanitizeAnnotation(a) {
  const start = Math.max(1, Math.floor(a.start_line || 1));
  const end = Math.max(start, Math.floor(a.end_line || start));
  const out = {
    path: a.path.replace(/^\.?\//, "") || ".",
    start_line: start,
    end_line: end,
    annotation_level: a.annotation_level,
    message: cutPlain(a.message || "(no message)", GITHUB_LIMITS.annotationMessage)
  };
  if (a.title) out.title = cutPlain(a.title, GITHUB_LIMITS.annotationTitle);
  if (a.raw_details) out.raw_details = cutPlain(a.raw_details, GITHUB_LIMITS.annotationMessage);
  return out;
}
function composeStickyBody(marker, body, fullReportAt) {
  const line = commentMarker(marker);
  const text = body.startsWith(line) ? body : `${line}
${body}`;
  return truncateMarkdown(text, { limit: GITHUB_LIMITS.commentBody, measure: "utf16", fullReportAt }).text;
}
function hasMarker(body, line) {
  if (!body) return false;
  return body.startsWith(line) || body.split("\n").some((l) => l.trim() === line);
}
function createGitHubReporter(octokit, opts = {}) {
  const log = opts.log ?? silentLog;
  const onError = opts.onError ?? "warn";
  const maxAnnotations = opts.maxAnnotations ?? 1e3;
  const now = opts.now ?? (() => /* @__PURE__ */ new Date());
  const fail = (err, what, permission) => {
    if (onError === "throw") throw err;
    log.warn(explainGitHubError(err, what, permission));
  };
  async function upsert(req) {
    const line = commentMarker(req.marker);
    const body = composeStickyBody(req.marker, req.body, req.fullReportAt);
    const base = { owner: req.owner, repo: req.repo };
    const found = [];
    for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, { ...base, issue_number: req.issueNumber, per_page: 100 })) {
      for (const c of page.data) if (hasMarker(c.body, line)) found.push({ id: c.id, body: c.body ?? "" });
    }
    found.sort((a, b) => a.id - b.id);
    const [keep, ...duplicates] = found;
    for (const dup of duplicates) {
      try {
        await octokit.rest.issues.deleteComment({ ...base, comment_id: dup.id });
        log.info(`Deleted duplicate Slipway comment ${dup.id} (marker ${req.marker}).`);
      } catch (err) {
        log.warn(`Could not delete duplicate Slipway comment ${dup.id}: ${err.message}`);
      }
    }
    if (!keep) {
      const res2 = await octokit.rest.issues.createComment({ ...base, issue_number: req.issueNumber, body });
      log.info(`Created the ${req.marker} comment: ${res2.data.html_url}`);
      return { id: res2.data.id, action: "created" };
    }
    if (keep.body === body) {
      log.debug(`The ${req.marker} comment is already up to date.`);
      return { id: keep.id, action: "unchanged" };
    }
    const res = await octokit.rest.issues.updateComment({ ...base, comment_id: keep.id, body });
    log.info(`Updated the ${req.marker} comment: ${res.data.html_url}`);
    return { id: keep.id, action: "updated" };
  }
  async function complete(req, id, result) {
    const base = { owner: req.owner, repo: req.repo, check_run_id: id };
    const all = (result.annotations ?? []).map(sanitizeAnnotation);
    const kept = all.slice(0, maxAnnotations);
    let summary = result.summary;
    if (all.length > kept.length) {
      summary += `

> ${(all.length - kept.length).toLocaleString("en-US")} more annotations were not attached (Slipway attaches at most ${maxAnnotations.toLocaleString("en-US")}).`;
    }
    const output = {
      title: cutPlain(result.title, 1e3),
      summary: truncateMarkdown(summary, { limit: GITHUB_LIMITS.checkRunText, measure: "utf8", fullReportAt: result.fullReportAt }).text,
      ...result.text ? { text: truncateMarkdown(result.text, { limit: GITHUB_LIMITS.checkRunText, measure: "utf8", fullReportAt: result.fullReportAt }).text } : {}
    };
    const batches = chunk(kept, GITHUB_LIMITS.annotationsPerRequest);
    await octokit.rest.checks.update({
      ...base,
      status: "completed",
      conclusion: result.conclusion,
      completed_at: now().toISOString(),
      output: { ...output, ...batches[0] ? { annotations: batches[0] } : {} }
    });
    for (let i = 1; i < batches.length; i++) {
      try {
        await octokit.rest.checks.update({ ...base, output: { ...output, annotations: batches[i] } });
      } catch (err) {
        const sent = i * GITHUB_LIMITS.annotationsPerRequest;
        if (onError === "throw") throw err;
        log.warn(`The check run '${req.name}' is complete, but only ${sent} of ${kept.length} annotations were attached: ${err.message}`);
        return;
      }
    }
    log.debug(`Completed check run '${req.name}' (${result.conclusion}, ${kept.length} annotations in ${Math.max(1, batches.length)} requests).`);
  }
  return {
    async upsertStickyComment(req) {
      try {
        return await upsert(req);
      } catch (err) {
        fail(err, `post the ${req.marker} comment on #${req.issueNumber}`, "pull-requests: write");
        return { id: 0, action: "skipped" };
      }
    },
    async startCheckRun(req) {
      let created;
      try {
        const res = await octokit.rest.checks.create({
          owner: req.owner,
          repo: req.repo,
          name: req.name,
          head_sha: req.headSha,
          status: "in_progress",
          started_at: now().toISOString(),
          ...req.detailsUrl ? { details_url: req.detailsUrl } : {}
        });
        created = res.data;
      } catch (err) {
        fail(err, `create the check run '${req.name}'`, "checks: write");
        return { id: 0, async complete() {
        } };
      }
      return {
        id: created.id,
        htmlUrl: created.html_url ?? void 0,
        complete: async (result) => {
          try {
            await complete(req, created.id, result);
          } catch (err) {
            fail(err, `complete the check run '${req.name}'`, "checks: write");
          }
        }
      };
    }
  };
}

export {
  createReporterFromToken
};
