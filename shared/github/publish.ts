/**
 * One call for an action's report: the full Markdown goes to the job summary
 * (always, never truncated by us), the PR gets the sticky comment (truncated
 * safely, pointing at the job summary), and optionally a check run carries
 * the verdict and annotations. Reporting never fails the action: the
 * reporter is best-effort (see reporter.ts).
 */
import type { Runtime } from '../runtime/port.js';
import type { CheckAnnotation, CheckRunResult, GitHubReporter, RepoRef } from './types.js';

export interface PublishReportOptions {
  rt: Runtime;
  reporter: GitHubReporter;
  repo: RepoRef;
  /** The action's marker, e.g. `slim-ci`. */
  marker: string;
  /** The full report. */
  markdown: string;
  /** PR number: without it (a push, a schedule) no comment is posted. */
  issueNumber?: number;
  /** Link to this workflow run, used in the truncation note. */
  runUrl?: string;
  /** Write the report to the job summary too (default true). */
  jobSummary?: boolean;
  /** Also publish a check run with this verdict. */
  check?: { name: string; headSha: string; detailsUrl?: string } & Pick<CheckRunResult, 'conclusion' | 'title'> & { annotations?: CheckAnnotation[] };
}

export interface PublishReportResult {
  comment?: { id: number; action: 'created' | 'updated' | 'unchanged' | 'skipped' };
  checkRunId?: number;
}

export async function publishReport(o: PublishReportOptions): Promise<PublishReportResult> {
  if (o.jobSummary !== false) await o.rt.appendSummary(o.markdown);
  const fullReportAt = o.runUrl ? `the job summary of [this workflow run](${o.runUrl})` : 'the job summary of this workflow run';
  const out: PublishReportResult = {};
  if (o.issueNumber !== undefined) {
    out.comment = await o.reporter.upsertStickyComment({ ...o.repo, issueNumber: o.issueNumber, marker: o.marker, body: o.markdown, fullReportAt });
  }
  if (o.check) {
    const handle = await o.reporter.startCheckRun({ ...o.repo, name: o.check.name, headSha: o.check.headSha, detailsUrl: o.check.detailsUrl ?? o.runUrl });
    await handle.complete({ conclusion: o.check.conclusion, title: o.check.title, summary: o.markdown, annotations: o.check.annotations, fullReportAt });
    out.checkRunId = handle.id || undefined;
  }
  return out;
}
