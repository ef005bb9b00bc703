/**
 * The real dbt artifacts and Terraform plans live in ../shared/fixtures (never
 * copied into this repo). Tests that read them run whenever that folder exists
 * (always in CI) and say plainly when it doesn't.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedFixtures = process.env.SLIPWAY_SHARED_FIXTURES ?? resolve(repoRoot, '..', 'shared', 'fixtures');
export const hasSharedFixtures = existsSync(sharedFixtures);

export function sharedPath(...parts: string[]): string {
  return join(sharedFixtures, ...parts);
}

/** describe() over ../shared/fixtures, or a skipped block that says the folder is missing. */
export const describeShared: typeof describe = hasSharedFixtures
  ? describe
  : (((name: string, ...rest: unknown[]) => {
      process.stderr.write(`skipped (../shared/fixtures not found beside the repo): ${name}\n`);
      return (describe.skip as any)(name, ...rest);
    }) as unknown as typeof describe);
