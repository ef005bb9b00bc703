/**
 * The body of actions/grant-policy, free of @actions/* and of any warehouse
 * code (it must never load snowflake-sdk): the entry parses the inputs
 * (inputs.ts) and passes the runtime and the event context, so tests drive it
 * with fakes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { EventContext } from '../../shared/actions-adapter/context.js';
import { GateFailure } from '../../shared/errors.js';
import { createReporterFromToken } from '../../shared/github/reporter.js';
import type { GitHubReporter } from '../../shared/github/types.js';
import type { PolicyReport } from '../../shared/policy/engine.js';
import { formatMarkdown, formatSarif } from '../../shared/policy/format.js';
import { runPolicy } from '../../shared/policy/index.js';
import type { Inputs } from '../../shared/runtime/inputs.js';
import type { Runtime } from '../../shared/runtime/port.js';
import { COMMENT_MARKER, parseGrantPolicyInputs, type GrantPolicyInputs } from './inputs.js';

export { COMMENT_MARKER };
/** Workflow-command annotations per run (GitHub displays at most 10 errors and 10 warnings per step anyway). */
export const MAX_ANNOTATIONS = 50;

export interface GrantPolicyDeps {
  /** Tests: replace the reporter used for the sticky comment. */
  reporter?: GitHubReporter;
  now?: Date;
}

export type GrantPolicyEvent = Pick<EventContext, 'repo' | 'pullRequest' | 'runUrl'>;

/** Parse the inputs, then run: what the entry does in two stages, in one call (tests). */
export async function grantPolicyAction(rt: Runtime, inputs: Inputs, event: GrantPolicyEvent, deps: GrantPolicyDeps = {}): Promise<PolicyReport> {
  return runGrantPolicy(rt, parseGrantPolicyInputs(inputs), event, deps);
}

export async function runGrantPolicy(rt: Runtime, opts: GrantPolicyInputs, event: GrantPolicyEvent, deps: GrantPolicyDeps = {}): Promise<PolicyReport> {
  const { token, plans, configFile, failOnWarn, comment, sarifFile } = opts;
  if (token) rt.mask(token);

  const report = await runPolicy({ plans, configFile, failOnWarn, now: deps.now });
  const s = report.summary;
  for (const w of report.warnings) rt.warn(w);

  // Annotations on the run (the plan JSON is rarely in the diff, so they show on the run page).
  // GitHub shows 10 errors and 10 warnings per step; deny first, capped so huge plans don't flood the log.
  const active = report.findings.filter((f) => !f.excepted).sort((a, b) => (a.level === b.level ? 0 : a.level === 'deny' ? -1 : 1));
  const shown = active.slice(0, MAX_ANNOTATIONS);
  if (active.length > shown.length) rt.info(`${active.length - shown.length} more finding(s) are not annotated; all are in the job summary${sarifFile ? ' and the SARIF file' : ''}.`);
  for (const f of shown) {
    rt.annotate(f.level === 'deny' ? 'error' : 'warning', `${f.address}: ${f.message} Fix: ${f.remediation}`, {
      title: `${f.rule}${s.plans.length > 1 && f.environment ? ` [${f.environment}]` : ''}`,
      file: f.plan,
      startLine: f.line,
    });
  }

  const markdown = formatMarkdown(report);
  await rt.appendSummary(markdown);
  const commentBody = event.runUrl ? `${markdown}\n[Workflow run](${event.runUrl}) · rules: docs/grant-policy.md\n` : markdown;

  if (sarifFile) {
    await mkdir(dirname(sarifFile), { recursive: true });
    await writeFile(sarifFile, formatSarif(report));
    rt.info(`SARIF written to ${sarifFile} (upload it with github/codeql-action/upload-sarif).`);
  }

  if (comment && event.pullRequest) {
    const reporter = deps.reporter ?? createReporterFromToken({ token, log: rt, isForkPullRequest: event.pullRequest.isFork });
    try {
      await reporter.upsertStickyComment({ owner: event.repo.owner, repo: event.repo.repo, issueNumber: event.pullRequest.number, marker: COMMENT_MARKER, body: commentBody });
    } catch (err) {
      rt.warn(`Could not post the grant-policy PR comment: ${(err as Error).message}. The report is in the job summary.`);
    }
  }

  rt.setOutput('result', s.result);
  rt.setOutput('deny-count', s.deny);
  rt.setOutput('warn-count', s.warn);
  rt.setOutput('excepted-count', s.excepted);
  if (sarifFile) rt.setOutput('sarif-file', sarifFile);
  rt.info(`Grant policy: ${s.deny} deny, ${s.warn} warn, ${s.excepted} excepted over ${s.resources} resources in ${s.plans.length} file(s).`);

  if (s.result === 'fail') {
    const why = s.deny > 0 ? `${s.deny} deny finding(s)` : `${s.warn} warning(s) with fail-on-warn`;
    throw new GateFailure(`Grant policy failed: ${why}.`, {
      hint: 'Fix the findings listed in the job summary, or add an exception (rule, address, reason, expires) to the policy configuration.',
      details: report.findings.filter((f) => !f.excepted),
    });
  }
  return report;
}
