// Builds dist/: one ESM bundle per action (dist/<action>/index.js) and the CLI
// (dist/cli/index.js), with third-party code in dist/vendor/ — a separate
// build, so vendor files change only when dependencies change and a change
// to Slipway's own code rewrites only the small app files. snowflake-sdk is a
// vendor entry reached only through a dynamic import, so actions that never
// open a Snowflake connection never load it.
//
// Why esbuild and not ncc: ncc cannot emit ESM for the ESM-only @actions/* 3.x
// toolkit together with snowflake-sdk (which needs __dirname); see README.
import * as esbuild from 'esbuild';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.SNOWFLAKE_DISABLE_MINICORE = '1';
import { existsSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

const DIST = 'dist';
// Packages resolved from node_modules at run time instead of bundled: PGlite
// ships WASM/data files it loads relative to itself; only the CLI's embedded
// engine (demo, tests) uses it, never an action.
const RUNTIME_EXTERNAL = new Set(['@electric-sql/pglite']);

// CommonJS code inside an ESM bundle expects require, __filename and __dirname.
// The banner provides them under names of its own and `define` points free
// references there, so a bundled ESM module that declares its own
// `__filename` (as @actions/cache's dependencies do) does not collide.
const banner =
  "import { createRequire as __slipwayCreateRequire } from 'node:module';" +
  " import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';" +
  " import { dirname as __slipwayDirname } from 'node:path';" +
  ' const require = __slipwayCreateRequire(import.meta.url);' +
  ' const __slipway_filename = __slipwayFileURLToPath(import.meta.url);' +
  ' const __slipway_dirname = __slipwayDirname(__slipway_filename);';

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const isBare = (p) => !p.startsWith('.') && !p.startsWith('/') && !builtins.has(p) && !p.startsWith('node:');
const pkgName = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
const vendorFile = (spec) => spec.replace(/^@/, '').replace(/[/]/g, '__');

const entries = {};
for (const name of readdirSync('actions').sort()) {
  const entry = join('actions', name, 'index.ts');
  if (existsSync(entry)) entries[`${name}/index`] = entry;
}
entries['cli/index'] = 'shared/cli/bin.ts';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  splitting: true,
  banner: { js: banner },
  define: { __filename: '__slipway_filename', __dirname: '__slipway_dirname' },
  legalComments: 'none',
  logLevel: 'warning',
  charset: 'utf8',
};

// 1. Slipway's own code. Every bare import becomes an external import of dist/vendor/<pkg>.js.
const vendorSpecs = new Set();
const vendorPlugin = {
  name: 'vendor-externals',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (!isBare(args.path)) return undefined;
      if (RUNTIME_EXTERNAL.has(pkgName(args.path))) return { path: args.path, external: true };
      vendorSpecs.add(args.path);
      // Entries (dist/<name>/index.js) and chunks (dist/chunks/*.js) are both one level deep.
      return { path: `../vendor/${vendorFile(args.path)}.js`, external: true };
    });
  },
};

rmSync(DIST, { recursive: true, force: true });
mkdirSync(DIST, { recursive: true });
await esbuild.build({
  ...common,
  entryPoints: entries,
  outdir: DIST,
  entryNames: '[dir]/[name]',
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [vendorPlugin],
});

// 2. Third-party code: one entry per imported specifier re-exporting exactly what the package exports.
const vendorEntries = {};
const contents = {};
for (const spec of [...vendorSpecs].sort()) {
  const mod = await import(spec);
  const names = Object.keys(mod).filter((k) => k !== 'default' && /^[A-Za-z_$][\w$]*$/.test(k)).sort();
  const lines = [];
  if (names.length) lines.push(`export { ${names.join(', ')} } from ${JSON.stringify(spec)};`);
  if ('default' in mod) lines.push(`export { default } from ${JSON.stringify(spec)};`);
  contents[spec] = lines.join('\n') + '\n';
  vendorEntries[vendorFile(spec)] = `vendor-entry:${spec}`;
}
await esbuild.build({
  ...common,
  entryPoints: vendorEntries,
  outdir: join(DIST, 'vendor'),
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [
    {
      name: 'vendor-entries',
      setup(build) {
        build.onResolve({ filter: /^vendor-entry:/ }, (args) => ({ path: args.path.slice('vendor-entry:'.length), namespace: 'vendor-entry' }));
        build.onLoad({ filter: /.*/, namespace: 'vendor-entry' }, (args) => ({ contents: contents[args.path], resolveDir: process.cwd(), loader: 'js' }));
        build.onResolve({ filter: /^[^./]/ }, (args) => (RUNTIME_EXTERNAL.has(pkgName(args.path)) ? { path: args.path, external: true } : undefined));
      },
    },
  ],
});
writeFileSync(join(DIST, 'package.json'), JSON.stringify({ type: 'module' }, null, 2) + '\n');
console.log(`built ${Object.keys(entries).length} entries and ${vendorSpecs.size} vendor modules into ${DIST}/`);
