import { describe, expect, it } from 'vitest';
import { environmentLabel } from '../../shared/policy/parity.js';
import { buildPolicyConfig, evaluate, formatGithub, formatJson, formatJunit, formatMarkdown, formatText, labelDocs, parseTerraformJson, sarifReport, type PolicyReport } from '../../shared/policy/index.js';
import { check, gpar, onDb, onFuture, planJson, rc, roleGrant } from './helpers.js';

const G = 'snowflake_grant_privileges_to_account_role';

async function envs(plans: Record<string, ReturnType<typeof rc>[]>, config = {}): Promise<PolicyReport> {
  const cfg = await buildPolicyConfig(config);
  const docs = Object.entries(plans).map(([file, rcs]) => parseTerraformJson(planJson(rcs), file));
  labelDocs(docs, cfg);
  return evaluate(docs, { config: cfg });
}

describe('environment parity', () => {
  it('labels plans from file names, config globs and explicit labels', () => {
    expect(environmentLabel('plans/tfplan-prod.json')).toBe('prod');
    expect(environmentLabel('out/Staging.plan.json')).toBe('staging');
    expect(environmentLabel('dev.json')).toBe('dev');
    expect(environmentLabel('plans/production_plan.json')).toBe('prod');
    expect(environmentLabel('plans/blue.json')).toBe('blue.json');
    expect(environmentLabel('plans/blue.json', { 'plans/blue*': 'prod' })).toBe('prod');
  });

  it('reports grants present in one environment and missing in another, after normalising names', async () => {
    const r = await envs({
      'plan-dev.json': [
        rc(`${G}.usage`, ['create'], { after: gpar('"TRANSFORMER_DEV"', ['USAGE'], onDb('"ANALYTICS_DEV"')) }),
        rc(`${G}.future`, ['no-op'], { before: gpar('"REPORTER_DEV"', ['SELECT'], onFuture('VIEWS', '"ANALYTICS_DEV"')), after: gpar('"REPORTER_DEV"', ['SELECT'], onFuture('VIEWS', '"ANALYTICS_DEV"')) }),
        rc(`${G}.extra`, ['create'], { after: gpar('"TRANSFORMER_DEV"', ['CREATE SCHEMA', 'USAGE'], onDb('"DEV_RAW"')) }),
        rc('snowflake_grant_account_role.edge', ['create'], { after: roleGrant('"REPORTER_DEV"', '"SYSADMIN"') }),
        rc(`${G}.gone`, ['delete'], { before: gpar('"LOADER_DEV"', ['USAGE'], onDb('"RAW_DEV"')) }),
      ],
      'plan-prod.json': [
        rc(`${G}.usage`, ['no-op'], { before: gpar('"TRANSFORMER_PROD"', ['USAGE'], onDb('"ANALYTICS_PROD"')), after: gpar('"TRANSFORMER_PROD"', ['USAGE'], onDb('"ANALYTICS_PROD"')) }),
        rc(`${G}.future`, ['create'], { after: gpar('"REPORTER_PROD"', ['SELECT'], onFuture('VIEWS', '"ANALYTICS_PROD"')) }),
        rc(`${G}.extra`, ['create'], { after: gpar('"TRANSFORMER_PROD"', ['USAGE'], onDb('"PROD_RAW"')) }),
        rc('snowflake_grant_account_role.edge', ['create'], { after: roleGrant('"REPORTER_PROD"', '"SYSADMIN"') }),
      ],
    }, { rules: { 'SF-ROLE-SCOPE': 'off' } });
    const parity = r.findings.filter((f) => f.rule === 'SF-ENV-PARITY');
    expect(parity.map((f) => `${f.environment} ${f.address} ${f.message}`)).toEqual([
      `dev ${G}.extra Present in dev, missing in prod: CREATE SCHEMA on DATABASE RAW to ROLE TRANSFORMER.`,
    ]);
    expect(parity[0]).toMatchObject({ level: 'warn', plan: 'plan-dev.json' });
    const off = await envs({ 'a-dev.json': [rc(`${G}.x`, ['create'], { after: gpar('"R"', ['USAGE'], onDb('"D"')) })], 'a-prod.json': [] }, { rules: { 'SF-ENV-PARITY': 'off' } });
    expect(off.findings).toEqual([]);
    const one = await check([rc(`${G}.x`, ['create'], { after: gpar('"R"', ['USAGE'], onDb('"D"')) })]);
    expect(one.findings).toEqual([]);
  });
});

describe('output formats', () => {
  let report: PolicyReport;
  const plan = [
    rc(`${G}.pub`, ['create'], { after: gpar('"PUBLIC"', ['USAGE'], onDb('"ANALYTICS"')) }),
    rc(`${G}.go`, ['create'], { after: gpar('"LOADER"', ['USAGE'], { ...onDb('"RAW"'), with_grant_option: true }) }),
    rc(`module.m.${G}.exc["a,b:c"]`, ['create'], { after: gpar('"PUBLIC"', ['SELECT'], onDb('"ANALYTICS"')), moduleAddress: 'module.m', index: 'a,b:c' }),
  ];
  const config = { exceptions: [{ rule: 'SF-NO-PUBLIC', address: 'module.m.**', reason: 'demo <&> "quoted"', expires: '2099-01-01' }] };

  it('json: { findings, summary } with every documented field', async () => {
    report = await check(plan, config);
    const j = JSON.parse(formatJson(report));
    expect(Object.keys(j)).toEqual(['findings', 'summary', 'warnings']);
    for (const key of ['rule', 'level', 'address', 'type', 'actions', 'grantee', 'privileges', 'target', 'remediation', 'message', 'plan']) expect(j.findings[0]).toHaveProperty(key);
    expect(j.summary).toMatchObject({ result: 'fail', deny: 1, warn: 1, excepted: 1, resources: 3, changes: 3 });
  });

  it('text: grouped by deny / warn / excepted with a verdict line', async () => {
    report = await check(plan, config);
    const t = formatText(report);
    expect(t).toMatch(/^DENY \(1\)\n  SF-NO-PUBLIC  snowflake_grant_privileges_to_account_role.pub \(create\)/);
    expect(t).toMatch(/WARN \(1\)/);
    expect(t).toMatch(/EXCEPTED \(1\)[\s\S]*excepted: demo/);
    expect(t.trim().split('\n').pop()).toBe('1 plan, 3 resources, 3 changes: 1 deny, 1 warn, 1 excepted. FAIL');
  });

  it('github: one workflow command per finding, properties escaped', async () => {
    report = await check(plan, config);
    const lines = formatGithub(report).trim().split('\n');
    expect(lines[0]).toMatch(/^::error file=plan\.json,line=\d+,title=SF-NO-PUBLIC%3A snowflake_grant_privileges_to_account_role\.pub::USAGE on DATABASE ANALYTICS/);
    expect(lines.find((l) => l.startsWith('::warning'))).toMatch(/SF-GRANT-OPTION/);
    const notice = lines.find((l) => l.startsWith('::notice'))!;
    expect(notice).toContain('exc["a%2Cb%3Ac"]');
    expect(lines.filter((l) => l.startsWith('::'))).toHaveLength(3);
  });

  it('sarif: version 2.1.0, driver rules, results with ruleId/level/locations, suppressions for exceptions', async () => {
    report = await check(plan, config);
    const s = sarifReport(report) as any;
    expect(s.version).toBe('2.1.0');
    expect(s.$schema).toMatch(/sarif-2\.1\.0/);
    expect(s.runs).toHaveLength(1);
    const driver = s.runs[0].tool.driver;
    expect(driver.name).toBe('slipway-grant-policy');
    const ids = driver.rules.map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('SF-NO-PUBLIC');
    for (const r of driver.rules) {
      expect(r.shortDescription.text).toBeTruthy();
      expect(['error', 'warning']).toContain(r.defaultConfiguration.level);
    }
    expect(s.runs[0].results).toHaveLength(3);
    for (const res of s.runs[0].results) {
      expect(typeof res.ruleId).toBe('string');
      expect(driver.rules[res.ruleIndex].id).toBe(res.ruleId);
      expect(['error', 'warning', 'note']).toContain(res.level);
      expect(res.message.text).toBeTruthy();
      expect(res.locations[0].physicalLocation.artifactLocation.uri).toBe('plan.json');
      expect(res.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
      expect(res.locations[0].logicalLocations[0].fullyQualifiedName).toBeTruthy();
    }
    const abs = sarifReport({ ...report, findings: report.findings.map((f) => ({ ...f, plan: `${process.cwd()}/plans/x.json` })) }) as any;
    expect(abs.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('plans/x.json');
    const outside = sarifReport({ ...report, findings: report.findings.map((f) => ({ ...f, plan: '/elsewhere/x.json' })) }) as any;
    expect(outside.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('file:///elsewhere/x.json');
    const suppressed = s.runs[0].results.filter((r: any) => r.suppressions);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0].suppressions[0]).toMatchObject({ kind: 'external', status: 'accepted' });
  });

  it('junit: failures for deny, skipped for excepted, warnings as output unless fail-on-warn; XML escaped', async () => {
    report = await check(plan, config);
    const x = formatJunit(report);
    expect(x).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="grant-policy" tests="3" failures="1" errors="0" skipped="1">/);
    expect(x).toContain('<skipped message="excepted: demo &lt;&amp;&gt; &quot;quoted&quot; (until 2099-01-01)"/>');
    expect(x).toContain('<system-out>warn:');
    expect((x.match(/<testcase /g) ?? []).length).toBe(3);
    const strict = await check(plan, config, { failOnWarn: true });
    expect(formatJunit(strict)).toMatch(/failures="2"/);
    const clean = await check([]);
    expect(formatJunit(clean)).toMatch(/tests="1" failures="0"/);
  });

  it('markdown summary: verdict, a table per rule, deny rules first, excepted shown', async () => {
    report = await check(plan, config);
    const m = formatMarkdown(report);
    expect(m).toMatch(/^### ❌ Grant policy: failed/);
    expect(m.indexOf('`SF-NO-PUBLIC`')).toBeLessThan(m.indexOf('`SF-GRANT-OPTION`'));
    expect(m).toMatch(/\| excepted \(demo <&> "quoted", until 2099-01-01\) \|/);
    expect(m).toContain('| Level | Address | Actions | Grantee | Privileges | Target | Finding |');
    expect(formatMarkdown(await check([]))).toMatch(/✅ Grant policy: passed[\s\S]*No findings\./);
  });
});
