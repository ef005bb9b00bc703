/**
 * Debug lines for `-v/--verbose` (or SLIPWAY_DEBUG=1): what Slipway is doing
 * step by step — every statement sent to the warehouse, every file read —
 * on stderr, secrets never included (callers pass statements, not binds).
 */
let sink: ((line: string) => void) | undefined;

/** Turn debug lines on (the CLI does, for -v) with where they go; undefined turns them off. */
export function setDebugSink(write: ((line: string) => void) | undefined): void {
  sink = write;
}

export function debugEnabled(): boolean {
  return sink !== undefined || !!process.env.SLIPWAY_DEBUG;
}

/** One debug line; a no-op unless debugging is on. */
export function debug(message: string): void {
  if (sink) sink(`debug: ${message}`);
  else if (!!process.env.SLIPWAY_DEBUG) process.stderr.write(`debug: ${message}\n`);
}

/** A statement for a debug line: first 300 characters, one line. */
export function debugSql(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 299)}…` : flat;
}
