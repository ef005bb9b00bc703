/**
 * The GitHub reporting contract every action uses. Implemented in
 * shared/github/ (Octokit with retry + throttling); features depend only on
 * these types, and tests can pass fakes.
 */
export interface RepoRef {
  owner: string;
  repo: string;
}

export interface StickyCommentRequest extends RepoRef {
  issueNumber: number;
  /** Identifies the comment across runs, e.g. `slim-ci` (rendered as a hidden HTML marker; one comment per marker per PR). */
  marker: string;
  /** Markdown; truncated safely at GitHub's 65,536-character limit. */
  body: string;
  /**
   * Where the full report can be read if the body has to be truncated,
   * completing "The full report is in …" (e.g. "the job summary of [this run](url)").
   */
  fullReportAt?: string;
}

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
  raw_details?: string;
}

export interface CheckRunRequest extends RepoRef {
  name: string;
  headSha: string;
  detailsUrl?: string;
}

export interface CheckRunResult {
  conclusion: 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required';
  title: string;
  /** Markdown; truncated safely at GitHub's limit. */
  summary: string;
  text?: string;
  /** Any number: sent 50 per request, as GitHub requires. */
  annotations?: CheckAnnotation[];
  /** Where the full report can be read if summary/text have to be truncated. */
  fullReportAt?: string;
}

export interface CheckRunHandle {
  /** 0 when the check run could not be created (no permission) and reporting was skipped. */
  id: number;
  /** The check run's page on GitHub, when created. */
  htmlUrl?: string;
  complete(result: CheckRunResult): Promise<void>;
}

export interface GitHubReporter {
  /**
   * `skipped`: the comment could not be written (no token, a fork PR's
   * read-only token, missing `pull-requests: write`) and the best-effort
   * reporter logged a warning instead of failing; `id` is 0.
   */
  upsertStickyComment(req: StickyCommentRequest): Promise<{ id: number; action: 'created' | 'updated' | 'unchanged' | 'skipped' }>;
  /** Creates the check run `in_progress`; complete it with the verdict. */
  startCheckRun(req: CheckRunRequest): Promise<CheckRunHandle>;
}
