/**
 * The README, the docs and the runbooks must only show `slipway` commands that
 * exist: every command line in their shell blocks is checked against the real
 * CLI (subcommands, every --flag, required flags present, choices valid).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../shared/cli/program.js';
import { repoRoot } from '../helpers/fixtures.js';

const files = [
  ...readdirSync(join(repoRoot, 'docs', 'runbooks'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', 'runbooks', f)),
  ...readdirSync(join(repoRoot, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f)),
  'README.md',
];

/** `slipway …` invocations inside ```sh blocks (also inside `$( … )`), one per line. */
function commandsIn(markdown: string): string[] {
  const out: string[] = [];
  for (const block of markdown.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)) {
    for (const line of block[1]!.split('\n')) {
      const m = /(?:^|\$\(|&&\s*|\s)(?:npx\s+)?slipway\s+([^)|#]*)/.exec(line);
      if (m) out.push(m[1]!.trim());
    }
  }
  return out;
}

function tokens(s: string): string[] {
  return [...s.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

function check(line: string, program: Command): string[] {
  const problems: string[] = [];
  let cmd = program;
  const args = tokens(line);
  let i = 0;
  for (; i < args.length; i++) {
    const sub = cmd.commands.find((c) => c.name() === args[i]);
    if (!sub) break;
    cmd = sub;
  }
  const builtin = ['--help', '-h', '--version', '-V'];
  if (cmd === program && args.length > 0 && args.every((a) => builtin.includes(a))) return [];
  if (cmd === program) return [`'${line}': no such command`];
  const known: Option[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) known.push(...c.options);
  const seen = new Set<string>();
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-')) continue;
    const [flag] = a.split('=');
    if (builtin.includes(flag!)) continue;
    const opt = known.find((o) => o.long === flag || o.short === flag);
    if (!opt) {
      problems.push(`'${line}': ${cmd.name()} has no option ${flag}`);
      continue;
    }
    seen.add(opt.long!);
    if (opt.argChoices && !a.includes('=')) {
      const v = args[i + 1];
      if (v && !opt.argChoices.includes(v)) problems.push(`'${line}': ${flag} ${v} is not one of ${opt.argChoices.join(', ')}`);
    }
  }
  for (const o of cmd.options) if (o.mandatory && !seen.has(o.long!)) problems.push(`'${line}': required ${o.long} missing`);
  return problems;
}

describe('runbook commands match the real CLI', () => {
  const program = buildProgram();
  it.each(files)('%s', (file) => {
    const cmds = commandsIn(readFileSync(join(repoRoot, file), 'utf8'));
    if (file.includes('runbooks') || file.endsWith('rollback.md')) expect(cmds.length, 'commands found').toBeGreaterThan(0);
    expect(cmds.flatMap((c) => check(c, program))).toEqual([]);
  });

  it('the checker itself catches a wrong flag, a missing required flag and a bad choice', () => {
    expect(check('rollback --reason x --bogus', program)).toEqual([`'rollback --reason x --bogus': rollback has no option --bogus`]);
    expect(check('deploy status', program)).toEqual([`'deploy status': required --environment missing`]);
    expect(check('rollback --reason x --dry-run --dialect oracle', program)[0]).toMatch(/not one of snowflake, postgres/);
  });

  it('every runbook covers commands, DEPLOY_STATE SQL and confirming recovery', () => {
    for (const f of ['failed-deploy.md', 'bad-deploy-rollback.md', 'stale-source.md', 'stuck-deploy-lock.md']) {
      const text = readFileSync(join(repoRoot, 'docs', 'runbooks', f), 'utf8');
      expect(text, f).toMatch(/```sh\n[\s\S]*slipway /);
      expect(text, f).toMatch(/```sql\n[\s\S]*SLIPWAY\.DEPLOY_(STATE|LOCK|CURRENT)/);
      expect(text, f).toMatch(/## \d\. Confirm recovery/);
      expect(text, f).toMatch(/^SEV: /m);
    }
  });
});
