import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  OperationError,
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/github/pulls.ts
function lastPage(link) {
  const m = /<[^>]*[?&]page=(\d+)[^>]*>;\s*rel="last"/.exec(link ?? "");
  return m ? Number(m[1]) : void 0;
}
function refused(repo, err) {
  if (err instanceof OperationError) throw err;
  const status = err.status;
  if (status === 401 || status === 403 || status === 404) {
    throw new OperationError(`GitHub refused to list the open pull requests of ${repo.owner}/${repo.repo} (HTTP ${status}); no schema was dropped.`, {
      hint: "Give the token read access to pull requests (workflow `permissions: pull-requests: read`), and check the repository name.",
      cause: err
    });
  }
  throw new OperationError(`Asking GitHub which pull requests of ${repo.owner}/${repo.repo} are open failed: ${err.message}; no schema was dropped.`, { hint: "Retry the job; GitHub may be having trouble.", cause: err });
}
async function openPullsAmong(octokit, repo, numbers) {
  const open = /* @__PURE__ */ new Map();
  const add = (p) => open.set(p.number, { number: p.number, headSha: p.head.sha, baseRef: p.base.ref, updatedAt: p.updated_at });
  let calls = 0;
  try {
    calls++;
    const first = await octokit.rest.pulls.list({ owner: repo.owner, repo: repo.repo, state: "open", per_page: 100 });
    first.data.forEach(add);
    const last = lastPage(first.headers.link);
    if (last === void 0 || last <= 1) return { open, pages: calls, strategy: "list" };
    const unseen = [...new Set(numbers)].filter((n) => !open.has(n));
    if (unseen.length < last - 1) {
      for (const n of unseen) {
        calls++;
        try {
          const { data } = await octokit.rest.pulls.get({ owner: repo.owner, repo: repo.repo, pull_number: n });
          if (data.state === "open") add(data);
        } catch (err) {
          if (err.status !== 404) throw err;
        }
      }
      return { open, pages: calls, strategy: "per-pr" };
    }
    for await (const page of octokit.paginate.iterator(octokit.rest.pulls.list, { owner: repo.owner, repo: repo.repo, state: "open", per_page: 100, page: 2 })) {
      calls++;
      page.data.forEach(add);
    }
    return { open, pages: calls, strategy: "list" };
  } catch (err) {
    refused(repo, err);
  }
}
function parseRepo(slug) {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(slug.trim());
  if (!m) throw new UserError(`The repository '${slug}' is not in owner/name form.`, { hint: "Pass --repo owner/name (in a workflow: ${{ github.repository }})." });
  return { owner: m[1], repo: m[2] };
}
async function listOpenPulls(octokit, repo) {
  const open = /* @__PURE__ */ new Map();
  let pages = 0;
  try {
    for await (const page of octokit.paginate.iterator(octokit.rest.pulls.list, { owner: repo.owner, repo: repo.repo, state: "open", per_page: 100 })) {
      pages++;
      for (const p of page.data) {
        open.set(p.number, { number: p.number, headSha: p.head.sha, baseRef: p.base.ref, updatedAt: p.updated_at });
      }
    }
  } catch (err) {
    refused(repo, err);
  }
  return { open, pages, strategy: "list" };
}
function countRequests(octokit) {
  const counter = { count: 0 };
  octokit.hook.before("request", () => {
    counter.count++;
  });
  return counter;
}
function openPullsLookup(octokit) {
  return (repo, numbers) => openPullsAmong(octokit, repo, numbers);
}

export {
  openPullsAmong,
  parseRepo,
  listOpenPulls,
  countRequests,
  openPullsLookup
};
