import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/errors.js';
import { DEFAULT_ROLE_INTENT, loadPolicyConfig, RoleIntentSchema } from '../../shared/policy/index.js';
import { repoRoot } from '../helpers/fixtures.js';
import { check, gpar, onDb, pairs, rc } from './helpers.js';

const G = 'snowflake_grant_privileges_to_account_role';
const dir = mkdtempSync(join(tmpdir(), 'slipway-policy-'));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
async function userError(p: Promise<unknown>): Promise<UserError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return e as UserError;
  }
  throw new Error('expected a UserError');
}

const publicGrant = (name: string, module = '') => rc(`${module}${G}.${name}`, ['create'], { after: gpar('"PUBLIC"', ['USAGE'], onDb('"ANALYTICS"')), moduleAddress: module ? module.slice(0, -1) : undefined });
const NOW = new Date('2026-06-15T12:00:00Z');

describe('policy configuration', () => {
  it('rule levels: override, disable, and options without a level keep per-finding levels', async () => {
    const plan = [publicGrant('p'), rc(`${G}.go`, ['create'], { after: gpar('"LOADER"', ['USAGE'], { ...onDb('"RAW"'), with_grant_option: true }) })];
    expect(pairs(await check(plan, { rules: { 'SF-NO-PUBLIC': 'warn', 'SF-GRANT-OPTION': 'deny' } }))).toEqual([`${G}.go SF-GRANT-OPTION deny`, `${G}.p SF-NO-PUBLIC warn`]);
    const off = await check(plan, { rules: { 'SF-NO-PUBLIC': 'off', 'SF-GRANT-OPTION': { level: 'off' } } });
    expect(off.findings).toEqual([]);
    expect(off.summary.rules['SF-NO-PUBLIC']!.level).toBe('off');
    expect(off.rules.map((r) => r.id)).not.toContain('SF-NO-PUBLIC');
  });

  it('exceptions mark findings (never hide them), match globs incl. instance keys, and are tallied', async () => {
    const plan = [publicGrant('a'), publicGrant('b', 'module.legacy.'), rc(`module.legacy.${G}.c["x"]`, ['create'], { after: gpar('"PUBLIC"', ['USAGE'], onDb('"ANALYTICS"')), index: 'x' })];
    const r = await check(plan, {
      exceptions: [
        { rule: 'SF-NO-PUBLIC', address: `module.legacy.${G}.*`, reason: 'migration DATA-1', expires: '2026-12-31' },
        { rule: 'SF-NO-PUBLIC', address: 'nothing.matches', reason: 'stale', expires: '2026-12-31' },
      ],
    }, { now: NOW });
    expect(pairs(r)).toEqual([
      `${G}.a SF-NO-PUBLIC deny`,
      `module.legacy.${G}.b SF-NO-PUBLIC deny excepted`,
      `module.legacy.${G}.c["x"] SF-NO-PUBLIC deny excepted`,
    ].sort());
    expect(r.summary).toMatchObject({ deny: 1, excepted: 2, result: 'fail', expiredExceptions: 0 });
    expect(r.summary.rules['SF-NO-PUBLIC']).toMatchObject({ deny: 1, excepted: 2 });
    expect(r.findings.find((f) => f.excepted)!.excepted).toEqual({ reason: 'migration DATA-1', expires: '2026-12-31', address: `module.legacy.${G}.*` });
    expect(r.summary.unusedExceptions).toEqual([{ rule: 'SF-NO-PUBLIC', address: 'nothing.matches', reason: 'stale', expires: '2026-12-31' }]);
    expect(r.warnings.join()).toMatch(/matched no finding/);
    const all = await check(plan, { exceptions: [{ rule: '*', address: '**', reason: 'sandbox account', expires: '2026-06-15' }] }, { now: NOW });
    expect(all.summary).toMatchObject({ deny: 0, excepted: 3, result: 'pass' });
  });

  it('an expired exception stops applying and fails loudly with SF-EXCEPTION-EXPIRED', async () => {
    const r = await check([publicGrant('a')], { exceptions: [{ rule: 'SF-NO-PUBLIC', address: `${G}.a`, reason: 'temporary', expires: '2026-06-14' }] }, { now: NOW });
    expect(pairs(r)).toEqual([`${G}.a SF-EXCEPTION-EXPIRED deny`, `${G}.a SF-NO-PUBLIC deny`]);
    const exp = r.findings.find((f) => f.rule === 'SF-EXCEPTION-EXPIRED')!;
    expect(exp.message).toMatch(/expired on 2026-06-14 \("temporary"\)/);
    expect(r.summary).toMatchObject({ result: 'fail', expiredExceptions: 1, deny: 2 });
    // Even when it matches nothing any more.
    const gone = await check([], { exceptions: [{ rule: 'SF-NO-PUBLIC', address: 'x.y', reason: 'r', expires: '2020-01-01' }] }, { now: NOW });
    expect(gone.summary.result).toBe('fail');
  });

  it('custom rules: type globs, conditions, any/all, virtual attributes, message placeholders, unknowns', async () => {
    const wh = (name: string, after: Record<string, unknown>, unknown: string[] = []) => rc(`snowflake_warehouse.${name}`, ['create'], { after, unknown });
    const custom = [
      { id: 'ORG-WH-SUSPEND', level: 'warn' as const, type: 'snowflake_warehouse', when: [{ attribute: 'auto_suspend', gt: 600 }], message: '{address} suspends after {attribute}s' },
      { id: 'ORG-WH-SIZE', type: ['snowflake_warehouse'], match: 'any' as const, when: [{ attribute: 'warehouse_size', in: ['X4LARGE', 'X5LARGE'] }, { attribute: 'max_cluster_count', gte: 5 }], message: 'too big: {name}' },
      { id: 'ORG-NO-INSERT', type: 'snowflake_grant_*', when: [{ attribute: '@privileges', contains: 'insert' }, { attribute: 'on_schema_object.*.object_type', equals: 'TABLE' }], message: 'INSERT on a table' },
      { id: 'ORG-DELETES', type: '*', actions: ['delete' as const], message: '{type} deleted' },
    ];
    const r = await check([
      wh('big', { name: 'BIG', auto_suspend: 3600, warehouse_size: 'x4large', max_cluster_count: 1 }),
      wh('ok', { name: 'OK', auto_suspend: 60, warehouse_size: 'XSMALL', max_cluster_count: 1 }),
      wh('unk', { name: 'U', warehouse_size: 'XSMALL', max_cluster_count: 1 }, ['auto_suspend']),
      rc(`${G}.ins`, ['create'], { after: gpar('"TRANSFORMER"', ['INSERT'], { on_schema_object: [{ all: [], future: [], inherited: [], object_name: '"ANALYTICS"."M"."T"', object_type: 'TABLE' }] }) }),
      rc('snowflake_schema.s', ['delete'], { before: { database: 'X', name: 'S' } }),
    ], { custom_rules: custom, rules: { 'SF-DESTROY-DATA-CONTAINER': 'off', 'ORG-WH-SIZE': 'warn' } });
    expect(pairs(r)).toEqual([
      `${G}.ins ORG-NO-INSERT deny`,
      'snowflake_schema.s ORG-DELETES deny',
      'snowflake_warehouse.big ORG-WH-SIZE warn',
      'snowflake_warehouse.big ORG-WH-SUSPEND warn',
      'snowflake_warehouse.unk ORG-WH-SUSPEND warn',
    ]);
    expect(r.findings.find((f) => f.address === 'snowflake_warehouse.big' && f.rule === 'ORG-WH-SUSPEND')!.message).toBe('snowflake_warehouse.big suspends after 3600s');
    expect(r.findings.find((f) => f.address === 'snowflake_warehouse.unk')!).toMatchObject({ unknown: ['auto_suspend'] });
    expect(r.findings.find((f) => f.address === 'snowflake_warehouse.unk')!.message).toMatch(/undecided/);
    expect(r.rules.map((x) => x.id)).toContain('ORG-WH-SIZE');
  });

  it('invalid configuration: each error names the key path and the line in the file', async () => {
    const p = write('bad.yml', [
      'version: 1',
      'rules:',
      '  SF-NOPE: deny',
      '  SF-NO-PUBLIC: block',
      'exceptions:',
      '  - rule: SF-NO-PUBLIC',
      '    address: "x.*"',
      '    reason: ""',
      '    expires: 31/12/2026',
      'custom_rules:',
      '  - id: org-lower',
      '    type: snowflake_warehouse',
      '    message: m',
      '    when:',
      '      - attribute: auto_suspend',
      '        gt: 5',
      '        lt: 9',
      '      - attribute: name',
      '        matches: "("',
      'surprise: true',
    ].join('\n'));
    const e = await userError(loadPolicyConfig(p));
    const m = e.message;
    expect(m).toMatch(/Invalid policy configuration/);
    expect(m).toMatch(/bad\.yml:4:3 rules\.SF-NO-PUBLIC: /);
    expect(m).toMatch(/bad\.yml:8:5 exceptions\[0\]\.reason: say why/);
    expect(m).toMatch(/bad\.yml:9:5 exceptions\[0\]\.expires: must be a date YYYY-MM-DD/);
    expect(m).toMatch(/bad\.yml:11:5 custom_rules\[0\]\.id: use upper-case words/);
    expect(m).toMatch(/custom_rules\[0\]\.when\[0\]: has gt and lt; use exactly one operator/);
    expect(m).toMatch(/custom_rules\[0\]\.when\[1\]\.matches: is not a valid regular expression/);
    expect(m).toMatch(/surprise/);
    const unknownRule = await userError(loadPolicyConfig(write('unknown-rule.yml', 'rules:\n  SF-NOPE: deny\n')));
    expect(unknownRule.message).toMatch(/unknown-rule\.yml:2:3 rules\.SF-NOPE: unknown rule id SF-NOPE/);
    const reserved = await userError(loadPolicyConfig(write('reserved.yml', 'custom_rules:\n  - id: SF-MINE\n    type: x\n    message: m\n')));
    expect(reserved.message).toMatch(/custom_rules\[0\]\.id: the SF- prefix is reserved/);
    const yamlErr = await userError(loadPolicyConfig(write('syntax.yml', 'rules: [unclosed\n')));
    expect(yamlErr.message).toMatch(/not valid YAML/);
    const missing = await userError(loadPolicyConfig(join(dir, 'missing.yml')));
    expect(missing.message).toMatch(/cannot be read \(ENOENT\)/);
  });

  it('role intent: from a file relative to the config, inline, and errors pointing at role_intent keys', async () => {
    write('intent.yml', 'classes:\n  READERS:\n    roles: [BI_*]\n    reads: [MARTS]\n');
    const cfg = await loadPolicyConfig(write('with-intent.yml', 'role_intent: ./intent.yml\n'));
    expect(cfg.roleIntent.classes.READERS!.reads).toEqual(['MARTS']);
    const badInline = await userError(loadPolicyConfig(write('bad-intent.yml', 'role_intent:\n  classes:\n    R:\n      roles: [X]\n      writes: nope\n')));
    expect(badInline.message).toMatch(/bad-intent\.yml:5:7 role_intent\.classes\.R\.writes: /);
    write('bad-intent-file.yml', 'classes:\n  R:\n    rolez: [X]\n');
    const badFile = await userError(loadPolicyConfig(write('points-at-bad.yml', 'role_intent: bad-intent-file.yml\n')));
    expect(badFile.message).toMatch(/Invalid role intent:\n.*bad-intent-file\.yml:3:5 classes\.R: Unrecognized key.*rolez/);
    const missing = await userError(loadPolicyConfig(write('points-nowhere.yml', 'role_intent: nowhere.yml\n')));
    expect(missing.message).toMatch(/role_intent file .*nowhere\.yml cannot be read/);
  });

  it('a custom role intent changes what read-only and role-scope mean', async () => {
    const plan = [rc(`${G}.x`, ['create'], { after: gpar('"BI_TOOL"', ['INSERT'], onDb('"MARTS"')) }), rc(`${G}.y`, ['create'], { after: gpar('"BI_TOOL"', ['USAGE'], onDb('"RAW"')) })];
    expect(pairs(await check(plan))).toEqual([]);
    const r = await check(plan, { role_intent: { classes: { READERS: { roles: ['BI_*'], reads: ['MARTS'] }, LOADERS: { roles: ['ETL'], writes: ['RAW'] } } } });
    expect(pairs(r)).toEqual([`${G}.x SF-REPORTER-READONLY deny`, `${G}.y SF-ROLE-SCOPE deny`]);
  });

  it('the docs examples are valid, and docs/examples/role-intent.yml equals the built-in defaults', async () => {
    const cfg = await loadPolicyConfig(join(repoRoot, 'docs', 'examples', 'grant-policy.yml'));
    expect(cfg.customRules.map((c) => c.id)).toEqual(['ORG-WAREHOUSE-AUTO-SUSPEND', 'ORG-NO-OWNERSHIP-TO-SERVICE']);
    const { readFileSync } = await import('node:fs');
    const example = RoleIntentSchema.parse(YAML.parse(readFileSync(join(repoRoot, 'docs', 'examples', 'role-intent.yml'), 'utf8')));
    expect(example).toEqual(RoleIntentSchema.parse(DEFAULT_ROLE_INTENT));
  });
});
