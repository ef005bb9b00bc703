/**
 * Environment parity: given plans for several environments, the grants that
 * exist after apply in one and not in another, once environment names are
 * normalised out of role and database names (TRANSFORMER_PROD ≈
 * TRANSFORMER_DEV, ANALYTICS_PROD ≈ ANALYTICS_DEV).
 */
import { basename } from 'node:path';
import picomatch from 'picomatch';
import type { GrantInfo } from './model.js';
import { survives, type ResourceChange, type TerraformDoc } from './plan.js';
import { PARITY_RULE, type RawFinding } from './rules.js';

const ALIASES: Record<string, string> = {
  DEV: 'dev', DEVELOPMENT: 'dev', TEST: 'test', QA: 'qa', UAT: 'uat',
  STG: 'staging', STAGE: 'staging', STAGING: 'staging', PREPROD: 'preprod',
  PRD: 'prod', PROD: 'prod', PRODUCTION: 'prod',
};

/** Environment label for a plan file: config mapping (path glob → label), else a token of the file name, else the file's base name. */
export function environmentLabel(file: string, mapping?: Record<string, string>, environments?: string[]): string {
  if (mapping) {
    for (const [glob, label] of Object.entries(mapping)) {
      if (picomatch(glob, { dot: true })(file) || picomatch(glob, { dot: true })(basename(file))) return label;
    }
  }
  const known = new Set((environments ?? Object.keys(ALIASES)).map((e) => e.toUpperCase()));
  const tokens = basename(file).replace(/\.[^.]*$/, '').split(/[^A-Za-z0-9]+/);
  for (const t of tokens) {
    const u = t.toUpperCase();
    if (known.has(u)) return ALIASES[u] ?? t.toLowerCase();
  }
  return basename(file);
}

interface Entry {
  rc: ResourceChange;
  text: string;
}

function grantKeys(g: GrantInfo, norm: (s: string) => string): { key: string; text: string }[] {
  const t = g.target;
  const target = t ? [t.kind, t.scope, t.database, t.schema, t.object].map((x) => (x ? norm(x.toUpperCase()) : '')).join('|') : '';
  const targetText = t ? t.text.toUpperCase().split(' ').map(norm).join(' ') : '?';
  const privs = g.category === 'role' ? ['(role membership)'] : g.privileges.length ? g.privileges : ['?'];
  const out: { key: string; text: string }[] = [];
  for (const x of g.grantees) {
    if (!x.name) continue;
    const who = `${x.kind} ${norm(x.name.toUpperCase())}`;
    for (const p of privs) {
      const go = g.withGrantOption ? ' WITH GRANT OPTION' : '';
      out.push({ key: `${who}|${p}|${target}|${go}`, text: g.category === 'role' ? `${targetText} to ${who}` : `${p} on ${targetText} to ${who}${go}` });
    }
  }
  return out;
}

export function parityFindings(docs: { doc: TerraformDoc; grants: Map<ResourceChange, GrantInfo> }[], norm: (s: string) => string): RawFinding[] {
  if (docs.length < 2) return [];
  const sets = docs.map(({ doc, grants }) => {
    const m = new Map<string, Entry>();
    for (const rc of doc.resources) {
      if (!survives(rc)) continue;
      const g = grants.get(rc);
      if (!g) continue;
      for (const k of grantKeys(g, norm)) if (!m.has(k.key)) m.set(k.key, { rc, text: k.text });
    }
    return m;
  });
  const out: RawFinding[] = [];
  docs.forEach(({ doc }, i) => {
    // Per resource in this plan: what other environments lack, grouped.
    const missing = new Map<ResourceChange, Map<string, string[]>>();
    for (const [key, e] of sets[i]!) {
      docs.forEach(({ doc: other }, j) => {
        if (i === j || sets[j]!.has(key)) return;
        let byEnv = missing.get(e.rc);
        if (!byEnv) missing.set(e.rc, (byEnv = new Map()));
        const l = byEnv.get(other.label);
        if (l) l.push(e.text);
        else byEnv.set(other.label, [e.text]);
      });
    }
    for (const [rc, byEnv] of missing) {
      for (const [env, texts] of byEnv) {
        out.push({ rule: PARITY_RULE.id, rc, message: `Present in ${doc.label}, missing in ${env}: ${texts.join('; ')}.` });
      }
    }
  });
  return out;
}
