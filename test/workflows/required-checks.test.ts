/**
 * Branch protection must never wait forever: a workflow whose checks
 * action-examples/team/branch-protection.md makes required may not filter its
 * pull_request trigger by path (a filtered-out workflow reports nothing, so a
 * docs-only PR could never merge).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/dbt.js';

const examples = join(repoRoot, 'action-examples', 'workflows');
const protection = readFileSync(join(repoRoot, 'action-examples', 'team', 'branch-protection.md'), 'utf8');
/** Example files named in the "Status checks to require" table. */
const required = [...new Set([...protection.matchAll(/\| `[^`]+` \| `([a-z-]+\.yml)`/g)].map((m) => m[1]!))];

describe('required checks always report', () => {
  it('the branch-protection template names example workflows', () => {
    expect(required).toEqual(expect.arrayContaining(['pr-ci.yml', 'grant-policy.yml']));
  });

  it.each(required)('%s has no paths filter on pull_request', (file) => {
    const wf = parse(readFileSync(join(examples, file), 'utf8'));
    const pr = wf.on?.pull_request ?? {};
    expect(pr.paths, file).toBeUndefined();
    expect(pr['paths-ignore'], file).toBeUndefined();
  });
});
