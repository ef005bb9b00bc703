/**
 * How a cutover, a rollback or a PR-schema cleanup waits for readers on
 * PostgreSQL. An ACCESS EXCLUSIVE lock request queues behind running readers
 * and blocks new ones, so each attempt waits a bounded time and then gives
 * every lock back (a reader holding one view while waiting for another must
 * never be the one the deadlock detector aborts). Steady readers used to
 * starve a cutover that gave up after 100 attempts; the policy now has no
 * attempt limit, only a wall-clock budget:
 *
 *  - attempt waits grow ×1.5 from `firstWaitMs`, capped at half of the
 *    server's deadlock_timeout (so our wait always ends first);
 *  - between attempts a short, growing, jittered pause lets queued readers
 *    drain, so the next attempt meets fewer of them;
 *  - it gives up only when `budgetMs` has passed (default 5 minutes).
 */
export const DEFAULT_LOCK_BUDGET_MS = 5 * 60_000;

export interface LockWaitOptions {
  firstWaitMs: number;
  deadlockTimeoutMs: number;
  budgetMs: number;
  /** For tests: the clock and the jitter source. */
  now?: () => number;
  random?: () => number;
}

export class LockWaitPolicy {
  attempts = 0;
  lastWaitMs = 0;
  private readonly started: number;
  private readonly now: () => number;
  private readonly random: () => number;
  constructor(private readonly o: LockWaitOptions) {
    this.now = o.now ?? Date.now;
    this.random = o.random ?? Math.random;
    this.started = this.now();
  }
  /** The cap of one attempt's wait: below deadlock_timeout, never under 5 ms. */
  get capMs(): number {
    return Math.max(5, Math.floor(this.o.deadlockTimeoutMs / 2));
  }
  nextWaitMs(): number {
    this.attempts++;
    this.lastWaitMs = Math.max(1, Math.min(Math.floor(this.o.firstWaitMs * 1.5 ** (this.attempts - 1)), this.capMs));
    return this.lastWaitMs;
  }
  pauseMs(): number {
    return Math.floor(1 + this.random() * Math.min(5 + this.attempts * 2, 50));
  }
  elapsedMs(): number {
    return this.now() - this.started;
  }
  exhausted(): boolean {
    return this.elapsedMs() >= this.o.budgetMs;
  }
}
