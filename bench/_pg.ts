/**
 * A PostgreSQL server for benchmarks: the one named by SLIPWAY_TEST_PG_URL or
 * DATABASE_URL, else a throwaway one started the way the tests start theirs
 * (test/setup/global-setup.ts). Undefined, with a note, when none can run.
 */
export async function postgresServer(): Promise<{ url: string; stop: () => void } | undefined> {
  const existing = process.env.SLIPWAY_TEST_PG_URL ?? process.env.DATABASE_URL;
  if (existing) return { url: existing, stop: () => undefined };
  const { default: setup } = await import('../test/setup/global-setup.js');
  try {
    const stop = setup();
    return process.env.SLIPWAY_TEST_PG_URL ? { url: process.env.SLIPWAY_TEST_PG_URL, stop } : undefined;
  } catch (err) {
    console.log(`(no PostgreSQL server: ${(err as Error).message.split('\n')[0]})`);
    return undefined;
  }
}
