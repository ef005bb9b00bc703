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
}

export interface CheckRunHandle {
  id: number;
  complete(result: CheckRunResult): Promise<void>;
}

export interface GitHubReporter {
  upsertStickyComment(req: StickyCommentRequest): Promise<{ id: number; action: 'created' | 'updated' | 'unchanged' }>;
  /** Creates the check run `in_progress`; complete it with the verdict. */
  startCheckRun(req: CheckRunRequest): Promise<CheckRunHandle>;
}
