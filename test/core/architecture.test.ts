/**
 * Architectural rules (issue #17), checked on the real sources:
 * - no folder-level import cycles in shared/ (the folder graph is computed from
 *   every import, type-only and dynamic ones included; a cycle is printed with
 *   the file behind each edge);
 * - @actions/* is imported only in shared/actions-adapter/;
 * - domain folders of shared/ import neither shared/cli nor shared/actions-adapter;
 * - SQL text lives only under shared/dialects/;
 * - snowflake-sdk only lazily, from the Snowflake adapter; action entries thin.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/fixtures.js';

const sharedDir = join(repoRoot, 'shared');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

/** Source without comments, so a path or keyword in a comment never counts. */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/[^\n]*/g, '$1');
}

interface Import {
  spec: string;
  line: number;
}

/** Every module specifier a file imports or re-exports: static, type-only and dynamic. */
function importsOf(file: string): Import[] {
  const src = code(file);
  const out: Import[] = [];
  const re = /(?:^|[\n;])\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of src.matchAll(re)) {
    const spec = (m[1] ?? m[2])!;
    out.push({ spec, line: src.slice(0, m.index + m[0].length).split('\n').length });
  }
  return out;
}

/** The folder of shared/ a file belongs to: its first path segment ((root) for shared/errors.ts and the like). */
function folderOf(file: string): string {
  const parts = relative(sharedDir, file).split('/');
  return parts.length === 1 ? '(root)' : parts[0]!;
}

/**
 * A string or template literal that starts like a SQL statement (keywords in
 * capitals, as Slipway writes SQL) and goes on to name an object: `CREATE
 * SCHEMA` alone is a privilege name, `CREATE SCHEMA "X"` is a statement.
 * Transaction control (BEGIN/COMMIT/ROLLBACK) is the statement runner's
 * protocol, the same words in every dialect, and is not counted.
 */
const SQL =
  /^\s*(?:SELECT\s[\s\S]*\bFROM\b|SELECT\s+(?:1|CURRENT_\w+|version)\b|SELECT\s+\w+\(\)|INSERT\s+INTO\s|UPDATE\s+\S+\s+SET\s|DELETE\s+FROM\s|MERGE\s+INTO\s|(?:CREATE|ALTER|DROP|UNDROP)\s+(?:OR\s+REPLACE\s+)?(?:TRANSIENT\s+|TEMPORARY\s+)?(?:TABLE|SCHEMA|DATABASE|VIEW|SESSION)\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?["\w$]|GRANT\s[\s\S]*\bON\s[\s\S]*\bTO\b|REVOKE\s[\s\S]*\bON\s[\s\S]*\bFROM\b|SHOW\s+(?:TERSE\s+)?(?:SCHEMAS|TABLES|OBJECTS|GRANTS|DATABASES|VIEWS)\b|DESCRIBE\s+(?:TABLE|SCHEMA)\s|WITH\s+\w+\s+AS\s*\(|TRUNCATE\s+(?:TABLE\s+)?["\w])/;

const files = tsFiles(sharedDir);
const rel = (f: string) => relative(repoRoot, f);
/** shared/ and the action bodies in actions/. */
const everyFile = [...files, ...tsFiles(join(repoRoot, 'actions'))];

/**
 * Source with the text of string literals removed, so a name in a message or
 * help text never counts. A name in bracket access (`env['X']`) and the
 * expressions of a template literal (`${env.X}`) are code and stay.
 */
function withoutText(src: string): string {
  return src
    .replace(/\[\s*(['"`])(\w+)\1\s*\]/g, '[$2]')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, (m) => (m.startsWith('`') ? ` ${[...m.matchAll(/\$\{([^}]*)\}/g)].map((x) => x[1]).join(' ')} ` : "''"));
}


/** Folder graph of shared/: folder → folder → the first import that makes the edge (file:line). */
function folderGraph(): Map<string, Map<string, string>> {
  const g = new Map<string, Map<string, string>>();
  for (const f of files.filter((x) => !excepted(x))) {
    const from = folderOf(f);
    if (!g.has(from)) g.set(from, new Map());
    for (const imp of importsOf(f)) {
      if (!imp.spec.startsWith('.')) continue;
      const target = resolve(dirname(f), imp.spec);
      if (!target.startsWith(sharedDir + '/')) continue;
      const to = folderOf(target.replace(/\.js$/, '.ts'));
      if (to !== from && !g.get(from)!.has(to)) g.get(from)!.set(to, `${rel(f)}:${imp.line}`);
    }
  }
  return g;
}

/** Strongly connected components with more than one folder (Tarjan). */
function cycles(g: Map<string, Map<string, string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v)?.keys() ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of [...g.keys()].sort()) if (!idx.has(v)) visit(v);
  return out;
}

/** One concrete cycle through `start` inside its component, each edge with the import behind it. */
function describeCycle(g: Map<string, Map<string, string>>, scc: string[]): string {
  const inScc = new Set(scc);
  const start = scc[0]!;
  // Breadth-first from start back to start, staying inside the component.
  const prev = new Map<string, string>();
  const queue = [...(g.get(start)?.keys() ?? [])].filter((w) => inScc.has(w));
  for (const w of queue) prev.set(w, start);
  while (queue.length && !prev.has(`${start}#back`)) {
    const v = queue.shift()!;
    for (const w of g.get(v)?.keys() ?? []) {
      if (w === start) {
        prev.set(`${start}#back`, v);
        break;
      }
      if (inScc.has(w) && !prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  const path = [start];
  for (let v = prev.get(`${start}#back`)!; v !== start; v = prev.get(v)!) path.unshift(v);
  path.unshift(start);
  const steps = path.slice(1).map((to, i) => `  ${path[i]} → ${to}   (${g.get(path[i]!)!.get(to)})`);
  const inside = scc.flatMap((a) => [...(g.get(a) ?? [])].filter(([b]) => inSccOther(a, b)).map(([b, at]) => `  ${a} → ${b}   (${at})`));
  function inSccOther(a: string, b: string): boolean {
    return inScc.has(b) && !path.some((p, i) => p === a && path[i + 1] === b);
  }
  return `cycle among {${scc.join(', ')}}:\n${steps.join('\n')}${inside.length ? `\nother imports inside this cycle:\n${inside.join('\n')}` : ''}`;
}

/**
 * Known exceptions, by name: files whose imports are left out of the folder
 * graph and of the domain rule until the work that moves them lands. Each
 * entry says why; an entry whose file is gone no longer matters and should be
 * deleted. Empty means the rules hold everywhere.
 */
const KNOWN_IMPORTERS: { name: string; file: string; why: string }[] = [];
const excepted = (f: string) => KNOWN_IMPORTERS.some((k) => k.file === rel(f));

describe('architecture', () => {
  it('shared/ has no folder-level import cycles', () => {
    const g = folderGraph();
    expect(cycles(g).map((scc) => describeCycle(g, scc)).join('\n\n')).toBe('');
  });

  it('the cycle check finds a cycle and names the imports behind it (on a known graph)', () => {
    const g = new Map([
      ['a', new Map([['b', 'shared/a/x.ts:3']])],
      ['b', new Map([['c', 'shared/b/y.ts:1']])],
      ['c', new Map([['a', 'shared/c/z.ts:9']])],
      ['d', new Map([['a', 'shared/d/w.ts:2']])],
    ]);
    const found = cycles(g);
    expect(found).toEqual([['a', 'b', 'c']]);
    expect(describeCycle(g, found[0]!)).toBe('cycle among {a, b, c}:\n  a → b   (shared/a/x.ts:3)\n  b → c   (shared/b/y.ts:1)\n  c → a   (shared/c/z.ts:9)');
  });

  it('only shared/actions-adapter imports @actions/* (in shared/ and actions/)', () => {
    const all = [...files, ...tsFiles(join(repoRoot, 'actions'))];
    const offenders = all
      .filter((f) => !rel(f).startsWith('shared/actions-adapter/'))
      .flatMap((f) => importsOf(f).filter((i) => i.spec.startsWith('@actions/')).map((i) => `${rel(f)}:${i.line} imports ${i.spec}`));
    expect(offenders).toEqual([]);
  });

  it('domain folders of shared/ import neither shared/cli nor shared/actions-adapter', () => {
    const offenders = files
      .filter((f) => !['cli', 'actions-adapter'].includes(folderOf(f)) && !excepted(f))
      .flatMap((f) =>
        importsOf(f)
          .filter((i) => i.spec.startsWith('.'))
          .map((i) => ({ i, to: folderOf(resolve(dirname(f), i.spec)) }))
          .filter(({ to }) => to === 'cli' || to === 'actions-adapter')
          .map(({ i, to }) => `${rel(f)}:${i.line} imports shared/${to} (${i.spec})`),
      );
    // The adapter serves the CLI's runtime-free core, never the other way round.
    const adapterToCli = files.filter((f) => folderOf(f) === 'actions-adapter').flatMap((f) => importsOf(f).filter((i) => i.spec.startsWith('.') && folderOf(resolve(dirname(f), i.spec)) === 'cli').map((i) => `${rel(f)}:${i.line} imports shared/cli`));
    expect([...offenders, ...adapterToCli]).toEqual([]);
  });

  it('one way to a connection: only shared/config/connection.ts reads dbt profiles (imports shared/config/profiles.ts)', () => {
    const profiles = join(sharedDir, 'config', 'profiles.ts');
    const offenders = everyFile
      .filter((f) => rel(f) !== 'shared/config/connection.ts')
      .flatMap((f) => importsOf(f).filter((i) => i.spec.startsWith('.') && resolve(dirname(f), i.spec).replace(/\.js$/, '.ts') === profiles).map((i) => `${rel(f)}:${i.line} imports ${i.spec}`));
    expect(offenders).toEqual([]);
  });

  it('one way to open a warehouse: only shared/config/connection.ts calls the adapters\' connect (or opens an adapter itself)', () => {
    const offenders = everyFile
      .filter((f) => !rel(f).startsWith('shared/warehouse/') && rel(f) !== 'shared/config/connection.ts')
      .flatMap((f) => {
        const src = code(f);
        const hits = [
          ...src.matchAll(/\bimport\s*\{[^}]*\bconnect\b[^}]*\}\s*from\s*['"][^'"]*\/warehouse(?:\/index)?(?:\.js)?['"]/g),
          ...src.matchAll(/\bnew\s+(?:Postgres|Pglite|Snowflake)Warehouse\b|\b(?:Pglite|Snowflake)Warehouse\.open\b/g),
        ];
        return hits.map((m) => `${rel(f)}:${src.slice(0, m.index).split('\n').length}: ${m[0].replace(/\s+/g, ' ').slice(0, 80)}`);
      });
    expect(offenders).toEqual([]);
  });

  it('one actor: only shared/config/invocation.ts reads GITHUB_ACTOR, SLIPWAY_ACTOR, GITHUB_SERVER_URL or the OS user', () => {
    const NAMES = /\b(?:GITHUB_ACTOR|SLIPWAY_ACTOR|GITHUB_SERVER_URL|userInfo)\b/g;
    const offenders = everyFile
      .filter((f) => rel(f) !== 'shared/config/invocation.ts')
      .flatMap((f) => {
        const src = withoutText(code(f));
        return [...src.matchAll(NAMES)].map((m) => `${rel(f)}:${src.slice(0, m.index).split('\n').length}: ${m[0]}`);
      });
    expect(offenders).toEqual([]);
  });

  it('the actor check sees environment reads in code and templates, not in help text', () => {
    expect(withoutText("const a = env.GITHUB_ACTOR ?? '';")).toMatch(/GITHUB_ACTOR/);
    expect(withoutText("const a = env['SLIPWAY_ACTOR'];")).toMatch(/SLIPWAY_ACTOR/);
    expect(withoutText('const u = `${env.GITHUB_SERVER_URL}/x`;')).toMatch(/GITHUB_SERVER_URL/);
    expect(withoutText(".option('--actor <name>', 'default: $GITHUB_ACTOR in Actions')")).not.toMatch(/GITHUB_ACTOR/);
  });

  it('one statement runner: a Statement goes to the warehouse through shared/warehouse/run.ts', () => {
    const offenders = everyFile
      .filter((f) => !rel(f).startsWith('shared/warehouse/'))
      .flatMap((f) => {
        const src = code(f);
        return [...src.matchAll(/\.query(?:One)?\s*(?:<[^()]*>)?\(\s*[\w.!\][]+\.sql\s*[,)]/g)].map((m) => `${rel(f)}:${src.slice(0, m.index).split('\n').length}: ${m[0]} (use runStatement/runStatements)`);
      });
    expect(offenders).toEqual([]);
  });

  it('SQL text lives only under shared/dialects/ (shared/ and actions/)', () => {
    const literal = /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g;
    const offenders = everyFile
      .filter((f) => !rel(f).startsWith('shared/dialects/'))
      .flatMap((f) => {
        const src = code(f);
        return [...src.matchAll(literal)]
          .filter((m) => SQL.test(m[0].slice(1, -1)))
          .map((m) => `${rel(f)}:${src.slice(0, m.index).split('\n').length}: ${m[0].slice(0, 70).replace(/\s+/g, ' ')}`);
      });
    expect(offenders).toEqual([]);
  });

  it('the SQL check recognises statements and leaves prose alone', () => {
    const SQLish = ['SELECT 1', 'SELECT a FROM t', 'SELECT CURRENT_VERSION() AS "version"', 'SELECT pg_backend_pid() AS pid', "ALTER SESSION SET QUERY_TAG = 'x'", 'ALTER SCHEMA "A" SWAP WITH "B"', 'CREATE OR REPLACE TABLE x', 'CREATE SCHEMA IF NOT EXISTS "S"', 'GRANT USAGE ON SCHEMA s TO ROLE r', 'SHOW SCHEMAS IN DATABASE d', 'DELETE FROM t WHERE a = 1'];
    const prose = ['Select the models to build', 'Drop the schema by hand', 'ALTER USER … SET RSA_PUBLIC_KEY is needed', 'CREATE SCHEMA', 'CREATE permission is missing', 'select a deploy', 'Select one() of them', 'COMMIT', 'UPDATE'];
    expect(SQLish.filter((s) => !SQL.test(s))).toEqual([]);
    expect(prose.filter((s) => SQL.test(s))).toEqual([]);
  });

  it('snowflake-sdk is only ever imported lazily, from the Snowflake adapter', () => {
    const offenders = files.filter((f) => {
      const src = code(f);
      const staticImport = /^\s*import[^;]*from\s+['"]snowflake-sdk['"]/m.test(src);
      const dynamic = /import\(\s*['"]snowflake-sdk['"]\s*\)/.test(src);
      return staticImport || (dynamic && !f.endsWith(join('warehouse', 'snowflake.ts')));
    });
    expect(offenders.map(rel)).toEqual([]);
  });

  it('action entries are thin: they go through runAction, and each body sits beside its entry', () => {
    const actionsDir = join(repoRoot, 'actions');
    for (const name of readdirSync(actionsDir)) {
      const entry = join(actionsDir, name, 'index.ts');
      const src = readFileSync(entry, 'utf8');
      expect(src, entry).toContain('runAction(');
      expect(src.split('\n').length, `${entry} should stay thin`).toBeLessThan(40);
    }
  });
});
