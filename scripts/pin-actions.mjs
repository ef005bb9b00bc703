#!/usr/bin/env node
// Action pinning for Slipway's workflows (docs/releasing.md).
//
//   node scripts/pin-actions.mjs --check [files…]
//       every third-party `uses:` is pinned to a full commit SHA with its
//       version in a comment (`actions/checkout@<40 hex> # v5.1.0`); exit 1
//       naming each one that is not.
//   node scripts/pin-actions.mjs --self <sha> [files…]
//       point the reusable workflows' inner references to Slipway's own
//       actions (`<owner>/slipway/actions/<name>@…`) at commit <sha>, so a
//       caller who pins a workflow to a commit also pins every action it runs.
//
// Files default to .github/workflows/*.yml and action-examples/workflows/*.yml.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const USES = /^(\s*-?\s*uses:\s*)([^\s#]+)(\s*#\s*(\S+))?(.*)$/;
const SHA = /^[0-9a-f]{40}$/;
const SELF = /^[A-Za-z0-9-]+\/slipway\/(actions\/[a-z-]+|\.github\/workflows\/[a-z-]+\.yml)@/;

export function defaultFiles(root = process.cwd()) {
  const out = [];
  for (const dir of ['.github/workflows', 'action-examples/workflows']) {
    try {
      for (const f of readdirSync(join(root, dir))) if (f.endsWith('.yml') || f.endsWith('.yaml')) out.push(join(root, dir, f));
    } catch {
      // a folder that does not exist has nothing to pin
    }
  }
  return out;
}

/** Unpinned third-party references in a workflow's text: `[{ line, ref }]`. */
export function unpinned(text) {
  const out = [];
  text.split('\n').forEach((line, i) => {
    const m = USES.exec(line);
    if (!m) return;
    const ref = m[2];
    if (ref.startsWith('./') || ref.startsWith('docker://') || SELF.test(ref)) return;
    const at = ref.lastIndexOf('@');
    const version = at > 0 ? ref.slice(at + 1) : '';
    if (!SHA.test(version) || !m[4] || !/^v\d+(\.\d+)*$/.test(m[4])) out.push({ line: i + 1, ref });
  });
  return out;
}

/** The text with Slipway's own inner references at `sha`. */
export function pinSelf(text, sha) {
  if (!SHA.test(sha)) throw new Error(`--self needs a full 40-character commit SHA, got '${sha}'`);
  return text
    .split('\n')
    .map((line) => {
      const m = USES.exec(line);
      if (!m || !SELF.test(m[2]) || !m[2].includes('/actions/')) return line;
      const base = m[2].slice(0, m[2].lastIndexOf('@'));
      return `${m[1]}${base}@${sha}${m[3] ?? ''}${m[5] ?? ''}`;
    })
    .join('\n');
}

function main(argv) {
  const [mode, ...rest] = argv;
  if (mode === '--check') {
    const files = rest.length ? rest : defaultFiles();
    let bad = 0;
    for (const f of files) {
      for (const u of unpinned(readFileSync(f, 'utf8'))) {
        bad++;
        console.error(`${f}:${u.line}: ${u.ref} is not pinned to a commit SHA with a "# vX.Y.Z" comment`);
      }
    }
    console.log(bad ? `${bad} unpinned reference(s)` : `all third-party actions pinned in ${files.length} file(s)`);
    return bad ? 1 : 0;
  }
  if (mode === '--self') {
    const [sha, ...files] = rest;
    for (const f of files.length ? files : defaultFiles().filter((p) => p.includes('.github/workflows'))) {
      const before = readFileSync(f, 'utf8');
      const after = pinSelf(before, sha ?? '');
      if (after !== before) writeFileSync(f, after);
    }
    return 0;
  }
  console.error('usage: pin-actions.mjs --check [files…] | --self <sha> [files…]');
  return 2;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
