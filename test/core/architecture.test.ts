/** Architectural rules the brief sets, checked on the sources. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/fixtures.js';

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('architecture', () => {
  const core = tsFiles(join(repoRoot, 'shared'));
  it('only shared/actions-adapter imports @actions/*', () => {
    const offenders = core
      .filter((f) => !relative(repoRoot, f).startsWith('shared/actions-adapter/'))
      .filter((f) => /from\s+['"]@actions\/|import\(\s*['"]@actions\//.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(repoRoot, f))).toEqual([]);
  });
  it('snowflake-sdk is only ever imported lazily, from the Snowflake adapter', () => {
    const offenders = core.filter((f) => {
      const src = readFileSync(f, 'utf8');
      const staticImport = /^import[^;]*from\s+['"]snowflake-sdk['"]/m.test(src);
      const dynamic = /import\(\s*['"]snowflake-sdk['"]\s*\)/.test(src);
      return staticImport || (dynamic && !f.endsWith(join('warehouse', 'snowflake.ts')));
    });
    expect(offenders.map((f) => relative(repoRoot, f))).toEqual([]);
  });
  it('action entries are thin: they go through runAction', () => {
    const actionsDir = join(repoRoot, 'actions');
    for (const name of readdirSync(actionsDir)) {
      const entry = join(actionsDir, name, 'index.ts');
      const src = readFileSync(entry, 'utf8');
      expect(src, entry).toContain('runAction(');
      expect(src.split('\n').length, `${entry} should stay thin`).toBeLessThan(150);
    }
  });
});
