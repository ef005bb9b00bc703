import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  parseYamlDocument,
  yamlToJs
} from "./chunk-USRRF2GE.js";
import {
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/policy/format.ts
import { isAbsolute, relative } from "node:path";
import { pathToFileURL } from "node:url";
var POLICY_FORMATS = ["text", "json", "github", "sarif", "junit"];
var TOOL_NAME = "slipway-grant-policy";
var INFO_URI = "https://github.com/slipway-dev/slipway/blob/main/docs/grant-policy.md";
function actionText(f) {
  if (f.actions.length === 0) return f.type === "policy-exception" ? "config" : "state";
  return f.actions.join("+");
}
function verdictLine(r) {
  const s = r.summary;
  const counts = `${s.deny} deny, ${s.warn} warn, ${s.excepted} excepted`;
  const what = `${s.plans.length} ${s.plans.length === 1 ? s.plans[0].kind === "state" ? "state" : "plan" : "files"}, ${s.resources} resources, ${s.changes} changes`;
  const why = s.result === "fail" ? s.deny > 0 ? "FAIL" : "FAIL (--fail-on-warn)" : "PASS";
  return `${what}: ${counts}. ${why}`;
}
function formatText(r) {
  const lines = [];
  const groups = [
    ["deny", r.findings.filter((f) => !f.excepted && f.level === "deny")],
    ["warn", r.findings.filter((f) => !f.excepted && f.level === "warn")],
    ["excepted", r.findings.filter((f) => f.excepted)]
  ];
  const multi = r.summary.plans.length > 1;
  for (const [name, fs] of groups) {
    if (!fs.length) continue;
    lines.push(`${name.toUpperCase()} (${fs.length})`);
    for (const f of fs) {
      const where2 = multi && f.environment ? `[${f.environment}] ` : "";
      lines.push(`  ${f.rule}  ${where2}${f.address} (${actionText(f)})`);
      lines.push(`    ${f.message}`);
      if (f.excepted) lines.push(`    excepted: ${f.excepted.reason} (until ${f.excepted.expires})`);
      else lines.push(`    fix: ${f.remediation}`);
    }
    lines.push("");
  }
  for (const w of r.warnings) lines.push(`note: ${w}`);
  if (r.findings.length === 0) lines.push("No findings.");
  lines.push(verdictLine(r));
  return lines.join("\n") + "\n";
}
function reportJson(r) {
  return { findings: r.findings, summary: r.summary, warnings: r.warnings };
}
function formatJson(r) {
  return JSON.stringify(reportJson(r), null, 2) + "\n";
}
function escapeData(s) {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function formatGithub(r) {
  const out = [];
  for (const f of r.findings) {
    const cmd = f.excepted ? "notice" : f.level === "deny" ? "error" : "warning";
    const props = [`file=${escapeProperty(f.plan)}`];
    if (f.line) props.push(`line=${f.line}`);
    props.push(`title=${escapeProperty(`${f.rule}${f.excepted ? " (excepted)" : ""}: ${f.address}`)}`);
    const msg = `${f.message}${f.excepted ? ` Excepted: ${f.excepted.reason} (until ${f.excepted.expires}).` : ` Fix: ${f.remediation}`}`;
    out.push(`::${cmd} ${props.join(",")}::${escapeData(msg)}`);
  }
  out.push(verdictLine(r));
  return out.join("\n") + "\n";
}
function artifactUri(file) {
  const root = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const abs = isAbsolute(file) ? file : void 0;
  if (abs && relative(root, abs).startsWith("..")) return pathToFileURL(abs).href;
  const rel = abs ? relative(root, abs) : file;
  return rel.replace(/\\/g, "/").replace(/^\.\//, "");
}
function sarifReport(r) {
  const ruleIndex = new Map(r.rules.map((m, i) => [m.id, i]));
  const rules = r.rules.map((m) => ({
    id: m.id,
    name: m.id.replace(/(^|-)([A-Z0-9])([A-Z0-9]*)/g, (_s, _d, a, b) => a + b.toLowerCase()),
    shortDescription: { text: m.title },
    fullDescription: { text: m.description },
    help: { text: m.remediation, markdown: `**Fix:** ${m.remediation}` },
    helpUri: `${INFO_URI}#${m.id.toLowerCase()}`,
    defaultConfiguration: { level: m.level === "deny" ? "error" : "warning" },
    properties: { tags: ["security", "snowflake", "terraform"] }
  }));
  for (const f of r.findings) {
    if (!ruleIndex.has(f.rule)) {
      ruleIndex.set(f.rule, rules.length);
      rules.push({ id: f.rule, name: f.rule, shortDescription: { text: f.title }, fullDescription: { text: f.title }, help: { text: f.remediation, markdown: f.remediation }, helpUri: INFO_URI, defaultConfiguration: { level: f.level === "deny" ? "error" : "warning" }, properties: { tags: ["snowflake"] } });
    }
  }
  const results = r.findings.map((f) => {
    const res = {
      ruleId: f.rule,
      ruleIndex: ruleIndex.get(f.rule),
      level: f.level === "deny" ? "error" : "warning",
      message: { text: `${f.address}: ${f.message}` },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: artifactUri(f.plan) }, region: { startLine: f.line ?? 1 } },
          logicalLocations: [{ fullyQualifiedName: f.address, kind: "resource" }]
        }
      ],
      partialFingerprints: { "slipwayPolicy/v1": `${f.rule}|${f.address}|${f.environment}` },
      properties: { actions: f.actions, grantee: f.grantee, privileges: f.privileges, target: f.target, type: f.type, environment: f.environment, ...f.unknown ? { unknown: f.unknown } : {} }
    };
    if (f.excepted) res.suppressions = [{ kind: "external", status: "accepted", justification: `${f.excepted.reason} (until ${f.excepted.expires})` }];
    return res;
  });
  return {
    version: "2.1.0",
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, informationUri: INFO_URI, semanticVersion: "0.1.0", rules } },
        results,
        columnKind: "utf16CodeUnits"
      }
    ]
  };
}
function formatSarif(r) {
  return JSON.stringify(sarifReport(r), null, 2) + "\n";
}
function xml(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "");
}
function formatJunit(r) {
  const failOnWarn = r.summary.failOnWarn;
  const byPlan = /* @__PURE__ */ new Map();
  for (const p of r.summary.plans) byPlan.set(p.file, []);
  for (const f of r.findings) {
    const l = byPlan.get(f.plan);
    if (l) l.push(f);
    else byPlan.set(f.plan, [f]);
  }
  const suites = [];
  let total = 0;
  let failures = 0;
  let skipped = 0;
  for (const [plan, fs] of byPlan) {
    const cases = [];
    let sf = 0;
    let ss = 0;
    for (const f of fs) {
      const name = xml(`${f.rule} ${f.address}`);
      const body = xml(`${f.message}
Fix: ${f.remediation}`);
      if (f.excepted) {
        ss++;
        cases.push(`    <testcase classname="${xml(f.rule)}" name="${name}"><skipped message="${xml(`excepted: ${f.excepted.reason} (until ${f.excepted.expires})`)}"/></testcase>`);
      } else if (f.level === "deny" || failOnWarn) {
        sf++;
        cases.push(`    <testcase classname="${xml(f.rule)}" name="${name}"><failure message="${xml(f.message)}" type="${f.level}">${body}</failure></testcase>`);
      } else {
        cases.push(`    <testcase classname="${xml(f.rule)}" name="${name}"><system-out>${xml(`warn: ${f.message}`)}</system-out></testcase>`);
      }
    }
    if (fs.length === 0) cases.push(`    <testcase classname="grant-policy" name="${xml(`${plan}: no findings`)}"/>`);
    const tests = Math.max(fs.length, 1);
    total += tests;
    failures += sf;
    skipped += ss;
    suites.push(`  <testsuite name="${xml(plan)}" tests="${tests}" failures="${sf}" errors="0" skipped="${ss}">
${cases.join("\n")}
  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="grant-policy" tests="${total}" failures="${failures}" errors="0" skipped="${skipped}">
${suites.join("\n")}
</testsuites>
`;
}
function md(s) {
  return s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
function formatMarkdown(r, opts = {}) {
  const s = r.summary;
  const maxRows = opts.maxRows ?? 200;
  const icon = s.result === "pass" ? "✅" : "❌";
  const lines = [`### ${icon} Grant policy: ${s.result === "pass" ? "passed" : "failed"}`, ""];
  lines.push(`**${s.deny}** deny · **${s.warn}** warn · **${s.excepted}** excepted${s.expiredExceptions ? ` · **${s.expiredExceptions}** expired exception(s)` : ""} — ${s.plans.map((p) => `\`${p.file}\`${s.plans.length > 1 ? ` (${p.environment})` : ""}`).join(", ")}: ${s.resources} resources, ${s.changes} changes${s.failOnWarn ? " (fail-on-warn)" : ""}.`, "");
  if (r.findings.length === 0) {
    lines.push("No findings.");
    return lines.join("\n") + "\n";
  }
  const byRule = /* @__PURE__ */ new Map();
  for (const f of r.findings) {
    const l = byRule.get(f.rule);
    if (l) l.push(f);
    else byRule.set(f.rule, [f]);
  }
  const ordered = [...byRule.entries()].sort(([, a], [, b]) => rank(a) - rank(b));
  let rows = 0;
  let cut = 0;
  for (const [rule, fs] of ordered) {
    const t = s.rules[rule];
    const levelText = t ? `${t.deny} deny, ${t.warn} warn${t.excepted ? `, ${t.excepted} excepted` : ""}` : "";
    lines.push(`#### \`${rule}\` — ${md(fs[0].title)} (${levelText})`, "");
    lines.push("| Level | Address | Actions | Grantee | Privileges | Target | Finding |", "| --- | --- | --- | --- | --- | --- | --- |");
    for (const f of fs) {
      if (rows >= maxRows) {
        cut++;
        continue;
      }
      rows++;
      const lvl = f.excepted ? `excepted (${md(f.excepted.reason)}, until ${f.excepted.expires})` : f.level === "deny" ? "❌ deny" : "⚠️ warn";
      const env = s.plans.length > 1 && f.environment ? ` (${md(f.environment)})` : "";
      lines.push(`| ${lvl} | \`${md(f.address)}\`${env} | ${actionText(f)} | ${md(f.grantee ?? "")} | ${md(f.privileges.join(", "))} | ${md(f.target ?? "")} | ${md(f.message)} |`);
    }
    lines.push("", `Fix: ${md(fs[0].remediation)}`, "");
  }
  if (cut) lines.push(`_${cut} more finding(s) not shown; see the JSON or SARIF output._`, "");
  for (const w of r.warnings) lines.push(`> ${md(w)}`);
  return lines.join("\n") + "\n";
}
function rank(fs) {
  if (fs.some((f) => !f.excepted && f.level === "deny")) return 0;
  if (fs.some((f) => !f.excepted)) return 1;
  return 2;
}
function formatReport(r, format) {
  switch (format) {
    case "json":
      return formatJson(r);
    case "github":
      return formatGithub(r);
    case "sarif":
      return formatSarif(r);
    case "junit":
      return formatJunit(r);
    default:
      return formatText(r);
  }
}

// shared/policy/config.ts
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { LineCounter, isMap, isSeq } from "../vendor/yaml.js";
import { z as z2 } from "../vendor/zod.js";

// shared/policy/intent.ts
import picomatch from "../vendor/picomatch.js";
import { z } from "../vendor/zod.js";
var DEFAULT_ENVIRONMENTS = ["DEV", "DEVELOPMENT", "TEST", "QA", "UAT", "STG", "STAGE", "STAGING", "PREPROD", "PRD", "PROD", "PRODUCTION"];
var DEFAULT_ADMIN_ROLES = ["ACCOUNTADMIN", "SECURITYADMIN", "USERADMIN", "SYSADMIN", "ORGADMIN"];
var DEFAULT_READ_PRIVILEGES = ["USAGE", "SELECT", "REFERENCES", "MONITOR", "READ", "IMPORTED PRIVILEGES"];
var NameList = z.array(z.string().min(1, "must not be empty"));
var RoleClassSchema = z.object({
  description: z.string().optional(),
  /** Role names or globs (`REPORTER*`, `*_READ`), case-insensitive; environment suffixes are normalised first. */
  roles: NameList.default([]),
  /** Databases (names or globs) the class may read. Writing implies reading. */
  reads: NameList.default([]),
  /** Databases (names or globs) the class may write (create, modify, own). */
  writes: NameList.default([]),
  /** Read-only classes may hold only read privileges (default: true when `writes` is empty). */
  read_only: z.boolean().optional()
}).strict();
var RoleIntentSchema = z.object({
  version: z.literal(1).default(1),
  classes: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, "class names are letters, digits, _ and -"), RoleClassSchema),
  admin_roles: NameList.default(DEFAULT_ADMIN_ROLES),
  /** Users that are services (granting them an admin role is denied). Names or globs. */
  service_users: NameList.default(["*_SVC", "SVC_*", "*_SERVICE", "FIVETRAN*", "AIRBYTE*", "DBT*", "LOADER*", "TRANSFORMER*"]),
  /** Privileges a read-only class may hold. */
  read_privileges: NameList.default(DEFAULT_READ_PRIVILEGES),
  /** Environment tokens stripped from role/database names before matching (`ANALYTICS_PROD` → `ANALYTICS`). */
  environments: NameList.default(DEFAULT_ENVIRONMENTS),
  /** When true, a classified role touching a database no class mentions is a role-scope violation too. */
  strict_databases: z.boolean().default(false)
}).strict();
var DEFAULT_ROLE_INTENT = {
  version: 1,
  classes: {
    LOADER: { description: "Ingestion tools (Fivetran, Airbyte, Snowpipe): write raw data.", roles: ["LOADER*", "FIVETRAN*", "AIRBYTE*", "STITCH*"], reads: [], writes: ["RAW"] },
    TRANSFORMER: { description: "dbt: reads raw data, builds analytics.", roles: ["TRANSFORMER*", "DBT*"], reads: ["RAW"], writes: ["ANALYTICS"] },
    REPORTER: { description: "BI tools and analysts: read analytics only.", roles: ["REPORTER*", "ANALYST*", "READER*"], reads: ["ANALYTICS"], writes: [] },
    READ_ACCESS: { description: "Access roles that only read (<DB>_READ, <DB>_R_AR): read-only, on any database.", roles: ["*_READ", "*_R_AR", "*_RO"], reads: ["*"], writes: [] }
  },
  admin_roles: DEFAULT_ADMIN_ROLES,
  service_users: ["*_SVC", "SVC_*", "*_SERVICE", "FIVETRAN*", "AIRBYTE*", "DBT*", "LOADER*", "TRANSFORMER*"],
  read_privileges: DEFAULT_READ_PRIVILEGES,
  environments: DEFAULT_ENVIRONMENTS,
  strict_databases: false
};
function memo(fn) {
  const cache = /* @__PURE__ */ new Map();
  return (s) => {
    let v = cache.get(s);
    if (v === void 0) {
      v = fn(s);
      if (cache.size > 1e4) cache.clear();
      cache.set(s, v);
    }
    return v;
  };
}
function globs(patterns) {
  if (patterns.length === 0) return () => false;
  return picomatch(patterns.map((p) => p.toUpperCase()), { nocase: true, dot: true });
}
function makeEnvNormaliser(environments) {
  const envs = new Set(environments.map((e) => e.toUpperCase()));
  return (name) => name.split(".").map((part) => {
    const tokens = part.split(/[_-]/);
    const kept = tokens.filter((t) => !envs.has(t.toUpperCase()));
    return kept.length === 0 || kept.length === tokens.length ? part : kept.join("_");
  }).join(".");
}
function buildRoleIntent(cfg) {
  const normaliseEnv = makeEnvNormaliser(cfg.environments);
  const up = (s) => normaliseEnv(s.toUpperCase());
  const classes = Object.entries(cfg.classes).map(([name, c]) => {
    const exact = new Set(c.roles.filter((r) => !/[*?[\]{}]/.test(r)).map((r) => r.toUpperCase()));
    const roleGlob = globs(c.roles);
    const reads = globs([...c.reads, ...c.writes]);
    const writes = globs(c.writes);
    return {
      name,
      description: c.description,
      readOnly: c.read_only ?? c.writes.length === 0,
      exactRoles: exact,
      matchRole: (r) => roleGlob(r) || roleGlob(up(r)),
      canRead: memo((db) => reads(db.toUpperCase()) || reads(up(db))),
      canWrite: memo((db) => writes(db.toUpperCase()) || writes(up(db)))
    };
  });
  const admins = new Set(cfg.admin_roles.map((r) => r.toUpperCase()));
  const service = globs(cfg.service_users);
  const readPrivs = new Set(cfg.read_privileges.map((p) => p.toUpperCase()));
  const allDbs = globs(Object.values(cfg.classes).flatMap((c) => [...c.reads, ...c.writes]).filter((d) => !/^\*+$/.test(d)));
  const cache = /* @__PURE__ */ new Map();
  return {
    classes,
    classOf(role) {
      const key = role.toUpperCase();
      if (cache.has(key)) return cache.get(key);
      if (admins.has(key) || key === "PUBLIC") {
        cache.set(key, void 0);
        return void 0;
      }
      const found = classes.find((c) => c.exactRoles.has(key) || c.exactRoles.has(up(key))) ?? classes.find((c) => c.matchRole(key));
      cache.set(key, found);
      return found;
    },
    isAdmin: (role) => admins.has(role.toUpperCase()),
    isServiceUser: (user) => service(user.toUpperCase()),
    isReadPrivilege: (p) => readPrivs.has(p.toUpperCase()),
    knowsDatabase: memo((db) => allDbs(db.toUpperCase()) || allDbs(up(db))),
    strictDatabases: cfg.strict_databases,
    normaliseEnv,
    environments: cfg.environments
  };
}

// shared/policy/rules.ts
import picomatch2 from "../vendor/picomatch.js";

// shared/policy/plan.ts
var KNOWN_MAJORS = /* @__PURE__ */ new Set(["0", "1"]);
function isObj(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function changeKind(actions) {
  const a = actions.join(",");
  switch (a) {
    case "no-op":
      return "no-op";
    case "read":
      return "read";
    case "create":
      return "create";
    case "update":
      return "update";
    case "delete":
      return "delete";
    case "delete,create":
    case "create,delete":
      return "replace";
    case "forget":
      return "forget";
    case "create,forget":
      return "create";
  }
  if (actions.includes("delete")) return actions.includes("create") ? "replace" : "delete";
  if (actions.includes("forget")) return "forget";
  if (actions.includes("create")) return "create";
  if (actions.includes("update")) return "update";
  return "no-op";
}
function moduleNames(moduleAddress) {
  const names2 = [];
  let i = 0;
  const s = moduleAddress;
  while (i < s.length) {
    if (s.startsWith("module.", i)) {
      i += 7;
      let j = i;
      while (j < s.length && s[j] !== "." && s[j] !== "[") j++;
      names2.push(s.slice(i, j));
      i = j;
      if (s[i] === "[") i = skipIndex(s, i);
      if (s[i] === ".") i++;
    } else break;
  }
  return names2;
}
function skipIndex(s, i) {
  let j = i + 1;
  if (s[j] === '"') {
    j++;
    while (j < s.length && s[j] !== '"') j += s[j] === "\\" ? 2 : 1;
    j++;
  } else {
    while (j < s.length && s[j] !== "]") j++;
  }
  return j + 1;
}
function moduleAddressOf(address) {
  let i = 0;
  let end = 0;
  while (address.startsWith("module.", i)) {
    i += 7;
    while (i < address.length && address[i] !== "." && address[i] !== "[") i++;
    if (address[i] === "[") i = skipIndex(address, i);
    end = i;
    if (address[i] === ".") i++;
  }
  return address.slice(0, end);
}
function lineIndex(text) {
  let map;
  return (address) => {
    if (!map) {
      map = /* @__PURE__ */ new Map();
      const rcKey = text.indexOf('"resource_changes"');
      const start = rcKey >= 0 ? rcKey : 0;
      let line = 1;
      let pos = 0;
      const re = /"address"\s*:\s*("(?:[^"\\]|\\.)*")/g;
      re.lastIndex = start;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        for (let k = pos; k < m.index; k++) if (text.charCodeAt(k) === 10) line++;
        pos = m.index;
        let key;
        try {
          key = JSON.parse(m[1]);
        } catch {
          continue;
        }
        if (!map.has(key)) map.set(key, line);
      }
    }
    return map.get(address);
  };
}
function collectConfig(mod, path, out) {
  if (!isObj(mod)) return;
  const key = path.join(".");
  const resources = Array.isArray(mod.resources) ? mod.resources : [];
  let m = out.get(key);
  if (!m) out.set(key, m = /* @__PURE__ */ new Map());
  for (const r of resources) {
    if (!isObj(r) || typeof r.type !== "string" || typeof r.name !== "string") continue;
    if (r.mode !== void 0 && r.mode !== "managed") continue;
    m.set(`${r.type}.${r.name}`, { address: String(r.address ?? `${r.type}.${r.name}`), type: r.type, name: r.name, expressions: isObj(r.expressions) ? r.expressions : {} });
  }
  if (isObj(mod.module_calls)) {
    for (const [name, call] of Object.entries(mod.module_calls)) {
      if (isObj(call)) collectConfig(call.module, [...path, name], out);
    }
  }
}
function where(file, what) {
  return `${file}: ${what}`;
}
var HOW_TO_EXPORT = "Export the plan as JSON with `terraform plan -out=tfplan && terraform show -json tfplan > plan.json` (or a state with `terraform show -json > state.json`) and pass that file.";
function parseTerraformJson(text, file, label) {
  if (text.startsWith("PK")) {
    throw new UserError(where(file, "this is a binary Terraform plan file, not its JSON export."), { hint: HOW_TO_EXPORT });
  }
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new UserError(where(file, `not valid JSON (${err.message}).`), { hint: HOW_TO_EXPORT });
  }
  if (!isObj(doc)) throw new UserError(where(file, "not a Terraform plan or state: the JSON is not an object."), { hint: HOW_TO_EXPORT });
  const warnings = [];
  const fv = doc.format_version;
  const isPlan = "resource_changes" in doc || "planned_values" in doc;
  const isState = !isPlan && "values" in doc;
  if (!isPlan && !isState) {
    if (Array.isArray(doc.resources) && "version" in doc && "lineage" in doc) {
      throw new UserError(where(file, "this is a raw terraform.tfstate file, not `terraform show -json` output."), { hint: "Run `terraform show -json > state.json` (it reads the state) and pass that file." });
    }
    if (fv === void 0 && doc.values === void 0) {
      throw new UserError(where(file, "not a Terraform plan or state: it has none of resource_changes, planned_values or values."), { hint: HOW_TO_EXPORT });
    }
  }
  if (fv !== void 0 && typeof fv !== "string") throw new UserError(where(file, `format_version must be a string, got ${JSON.stringify(fv)}.`), { hint: HOW_TO_EXPORT });
  if (typeof fv === "string" && !KNOWN_MAJORS.has(fv.split(".")[0])) {
    warnings.push(`${file}: format_version ${fv} is newer than this version of Slipway knows (1.x); reading it anyway.`);
  }
  if (doc.errored === true) warnings.push(`${file}: Terraform reported errors while planning (errored: true); the plan may be incomplete.`);
  if (doc.complete === false) warnings.push(`${file}: the plan is not complete (complete: false), e.g. a targeted or deferred plan; only the resources it contains were checked.`);
  const line = lineIndex(text);
  const config = /* @__PURE__ */ new Map();
  if (isObj(doc.configuration)) collectConfig(doc.configuration.root_module, [], config);
  const resources = [];
  if (isPlan) {
    const rcs = doc.resource_changes ?? [];
    if (!Array.isArray(rcs)) throw new UserError(where(file, "resource_changes is not an array; this is not a plan shape Slipway can read."), { hint: HOW_TO_EXPORT });
    rcs.forEach((rc, i) => resources.push(readChange(rc, i, file, line)));
    if (Array.isArray(doc.deferred_changes) && doc.deferred_changes.length) {
      doc.deferred_changes.forEach((d, i) => {
        if (isObj(d) && isObj(d.resource_change)) resources.push(readChange(d.resource_change, i, file, line, `deferred_changes[${i}].resource_change`));
      });
      warnings.push(`${file}: ${doc.deferred_changes.length} change(s) are deferred to a later plan (deferred_changes); they were checked as planned here, but may still change.`);
    }
  } else if (doc.values !== void 0 && doc.values !== null) {
    if (!isObj(doc.values)) throw new UserError(where(file, "values is not an object; this is not a state shape Slipway can read."), { hint: HOW_TO_EXPORT });
    readStateModule(doc.values.root_module, "values.root_module", file, resources, line);
  }
  return {
    file,
    label: label ?? file,
    kind: isPlan ? "plan" : "state",
    formatVersion: typeof fv === "string" ? fv : void 0,
    terraformVersion: typeof doc.terraform_version === "string" ? doc.terraform_version : void 0,
    resources,
    config,
    warnings
  };
}
var KNOWN_ACTIONS = /* @__PURE__ */ new Set(["no-op", "create", "read", "update", "delete,create", "create,delete", "delete", "forget", "create,forget"]);
function readChange(rc, i, file, line, at = `resource_changes[${i}]`) {
  if (!isObj(rc)) throw new UserError(where(file, `${at} is not an object.`), { hint: HOW_TO_EXPORT });
  for (const k of ["address", "type", "name"]) {
    if (typeof rc[k] !== "string" || rc[k] === "") throw new UserError(where(file, `${at}.${k} is missing or not a string; this is not a plan shape Slipway can read.`), { hint: HOW_TO_EXPORT });
  }
  const address = rc.address;
  const bad = (what) => new UserError(where(file, `${at} (${address.slice(0, 200)}): ${what}; Slipway refuses to pass a resource it cannot read.`), { hint: HOW_TO_EXPORT });
  const change = rc.change;
  if (!isObj(change) || !Array.isArray(change.actions) || !change.actions.every((a) => typeof a === "string")) {
    throw new UserError(where(file, `${at}.change.actions is missing or not a list of strings (${address.slice(0, 200)}).`), { hint: HOW_TO_EXPORT });
  }
  const actions = change.actions;
  if (!KNOWN_ACTIONS.has(actions.join(","))) throw bad(`change.actions ${JSON.stringify(actions).slice(0, 120)} is not an action list Terraform prints`);
  if (rc.mode !== void 0 && rc.mode !== "managed" && rc.mode !== "data") throw bad(`mode ${JSON.stringify(rc.mode).slice(0, 60)} is neither "managed" nor "data"`);
  for (const k of ["before", "after"]) {
    if (change[k] !== void 0 && change[k] !== null && !isObj(change[k])) throw bad(`change.${k} is ${Array.isArray(change[k]) ? "a list" : typeof change[k]}, not an object or null`);
  }
  const au = change.after_unknown;
  if (au !== void 0 && au !== null && typeof au !== "boolean" && !isObj(au)) throw bad(`change.after_unknown is ${Array.isArray(au) ? "a list" : typeof au}, not an object`);
  const before = isObj(change.before) ? change.before : null;
  const after = isObj(change.after) ? change.after : null;
  const base2 = changeKind(actions);
  if ((base2 === "create" || base2 === "update" || base2 === "replace") && !after && au !== true) throw bad(`it ${base2}s the resource but change.after is missing`);
  if ((base2 === "delete" || base2 === "update" || base2 === "forget") && !before) throw bad(`it ${base2 === "update" ? "updates" : base2 === "delete" ? "deletes" : "forgets"} the resource but change.before is missing`);
  return {
    address,
    moduleAddress: typeof rc.module_address === "string" ? rc.module_address : moduleAddressOf(address),
    mode: typeof rc.mode === "string" ? rc.mode : "managed",
    type: rc.type,
    name: rc.name,
    index: typeof rc.index === "string" || typeof rc.index === "number" ? rc.index : void 0,
    providerName: typeof rc.provider_name === "string" ? rc.provider_name : void 0,
    actions,
    // An import that changes nothing still brings an existing grant under management: check its content.
    kind: base2 === "no-op" && isObj(change.importing) ? "existing" : base2,
    before,
    after,
    afterUnknown: au ?? {},
    actionReason: typeof rc.action_reason === "string" ? rc.action_reason : void 0,
    replacePaths: change.replace_paths,
    line: line(address)
  };
}
function readStateModule(mod, at, file, out, line) {
  if (mod === void 0 || mod === null) return;
  if (!isObj(mod)) throw new UserError(where(file, `${at} is not an object; this is not a state shape Slipway can read.`), { hint: HOW_TO_EXPORT });
  const rs = mod.resources ?? [];
  if (!Array.isArray(rs)) throw new UserError(where(file, `${at}.resources is not an array.`), { hint: HOW_TO_EXPORT });
  rs.forEach((r, i) => {
    if (!isObj(r) || typeof r.address !== "string" || typeof r.type !== "string") {
      throw new UserError(where(file, `${at}.resources[${i}] has no address/type; this is not a state shape Slipway can read.`), { hint: HOW_TO_EXPORT });
    }
    if (r.values !== void 0 && r.values !== null && !isObj(r.values)) {
      throw new UserError(where(file, `${at}.resources[${i}] (${r.address.slice(0, 200)}): values is not an object; Slipway refuses to pass a resource it cannot read.`), { hint: HOW_TO_EXPORT });
    }
    const values = isObj(r.values) ? r.values : {};
    out.push({
      address: r.address,
      moduleAddress: moduleAddressOf(r.address),
      mode: typeof r.mode === "string" ? r.mode : "managed",
      type: r.type,
      name: typeof r.name === "string" ? r.name : "",
      index: typeof r.index === "string" || typeof r.index === "number" ? r.index : void 0,
      providerName: typeof r.provider_name === "string" ? r.provider_name : void 0,
      actions: [],
      kind: r.mode === "data" ? "read" : "existing",
      before: values,
      after: values,
      afterUnknown: {},
      line: line(r.address)
    });
  });
  const kids = mod.child_modules ?? [];
  if (!Array.isArray(kids)) throw new UserError(where(file, `${at}.child_modules is not an array.`), { hint: HOW_TO_EXPORT });
  kids.forEach((k, i) => readStateModule(k, `${at}.child_modules[${i}]`, file, out, line));
}
function isUnknown(rc, path) {
  let node = rc.afterUnknown;
  for (const seg of path) {
    if (node === true) return true;
    if (Array.isArray(node) && typeof seg === "number") node = node[seg];
    else if (isObj(node) && typeof seg === "string") node = node[seg];
    else return false;
  }
  return containsTrue(node);
}
function containsTrue(node) {
  if (node === true) return true;
  if (Array.isArray(node)) return node.some(containsTrue);
  if (isObj(node)) return Object.values(node).some(containsTrue);
  return false;
}
function valuesOf(rc) {
  if (rc.kind === "delete" || rc.kind === "forget") return rc.before ?? {};
  return rc.after ?? rc.before ?? {};
}
function survives(rc) {
  return rc.kind === "create" || rc.kind === "update" || rc.kind === "replace" || rc.kind === "no-op" || rc.kind === "existing";
}
function writesContent(rc) {
  return rc.kind === "create" || rc.kind === "update" || rc.kind === "replace" || rc.kind === "existing";
}
var instanceIndex = /* @__PURE__ */ new WeakMap();
function instancesOf(byAddress) {
  let idx = instanceIndex.get(byAddress);
  if (!idx) {
    idx = /* @__PURE__ */ new Map();
    for (const r of byAddress.values()) {
      const k = `${r.moduleAddress}\0${r.type}.${r.name}`;
      const list = idx.get(k);
      if (list) list.push(r);
      else idx.set(k, [r]);
    }
    instanceIndex.set(byAddress, idx);
  }
  return idx;
}
function resolveReference(doc, rc, attr, byAddress) {
  const mod = moduleNames(rc.moduleAddress).join(".");
  const cfg = doc.config.get(mod)?.get(`${rc.type}.${rc.name}`);
  const expr = cfg?.expressions[attr];
  if (!isObj(expr) || !Array.isArray(expr.references)) return void 0;
  for (const ref of expr.references) {
    if (typeof ref !== "string") continue;
    const m = /^([A-Za-z0-9_]+)\.([A-Za-z0-9_-]+)(\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?/.exec(ref);
    if (!m || ["var", "local", "module", "data", "each", "count", "path", "terraform", "self"].includes(m[1])) continue;
    const base2 = `${m[1]}.${m[2]}`;
    const prefix = rc.moduleAddress ? `${rc.moduleAddress}.` : "";
    const literal = m[3] ? byAddress.get(`${prefix}${base2}${m[3]}`) : void 0;
    const sameKey = rc.index !== void 0 ? byAddress.get(`${prefix}${base2}[${JSON.stringify(rc.index)}]`) : void 0;
    let target = literal ?? sameKey ?? byAddress.get(`${prefix}${base2}`);
    if (!target) {
      const instances = instancesOf(byAddress).get(`${rc.moduleAddress}\0${base2}`);
      if (instances?.length === 1) target = instances[0];
    }
    if (!target) continue;
    const v = valuesOf(target);
    const name = typeof v.name === "string" && !isUnknown(target, ["name"]) ? v.name : void 0;
    if (name) {
      const db = typeof v.database === "string" ? v.database : void 0;
      return { name: target.type === "snowflake_database_role" && db ? `${db}.${name}` : name, address: target.address };
    }
    return { name: "", address: target.address };
  }
  return void 0;
}

// shared/policy/model.ts
var LEGACY_GRANT_TYPES = new Set(
  [
    "account_grant",
    "database_grant",
    "external_table_grant",
    "failover_group_grant",
    "file_format_grant",
    "function_grant",
    "integration_grant",
    "masking_policy_grant",
    "materialized_view_grant",
    "pipe_grant",
    "procedure_grant",
    "resource_monitor_grant",
    "role_grants",
    "role_ownership_grant",
    "row_access_policy_grant",
    "schema_grant",
    "sequence_grant",
    "stage_grant",
    "stream_grant",
    "table_grant",
    "tag_grant",
    "task_grant",
    "user_grant",
    "user_ownership_grant",
    "view_grant",
    "warehouse_grant"
  ].map((t) => `snowflake_${t}`)
);
var MULTIPLE_GRANTS_TYPES = new Set([...LEGACY_GRANT_TYPES].filter((t) => !t.endsWith("_ownership_grant")));
var DEPRECATED_TYPES = /* @__PURE__ */ new Set([...LEGACY_GRANT_TYPES, "snowflake_grant_privileges_to_role", "snowflake_role"]);
var CURRENT_GRANT_TYPES = /* @__PURE__ */ new Set([
  "snowflake_grant_privileges_to_account_role",
  "snowflake_grant_privileges_to_database_role",
  "snowflake_grant_privileges_to_share",
  "snowflake_grant_account_role",
  "snowflake_grant_database_role",
  "snowflake_grant_application_role",
  "snowflake_grant_ownership",
  "snowflake_grant_privileges_to_role"
]);
var ROLE_TYPES = /* @__PURE__ */ new Set(["snowflake_account_role", "snowflake_role", "snowflake_database_role"]);
var DATA_CONTAINER_TYPES = /* @__PURE__ */ new Set(["snowflake_database", "snowflake_shared_database", "snowflake_secondary_database", "snowflake_schema", "snowflake_table"]);
function isGrantType(type) {
  return LEGACY_GRANT_TYPES.has(type) || CURRENT_GRANT_TYPES.has(type);
}
function splitFqn(id) {
  const cached = fqnCache.get(id);
  if (cached) return cached;
  const parts = splitFqnUncached(id);
  if (fqnCache.size > 5e4) fqnCache.clear();
  fqnCache.set(id, parts);
  return parts;
}
var fqnCache = /* @__PURE__ */ new Map();
function splitFqnUncached(id) {
  if (!id.includes('"')) return id.trim() === "" ? [] : id.split(".").map((p) => p.trim().toUpperCase());
  const parts = [];
  let i = 0;
  const s = id.trim();
  while (i <= s.length) {
    if (s[i] === '"') {
      let j = i + 1;
      let buf = "";
      while (j < s.length) {
        if (s[j] === '"') {
          if (s[j + 1] === '"') {
            buf += '"';
            j += 2;
            continue;
          }
          break;
        }
        buf += s[j++];
      }
      parts.push(buf);
      i = j + 1;
      while (i < s.length && s[i] !== ".") i++;
    } else {
      let j = i;
      while (j < s.length && s[j] !== ".") j++;
      parts.push(s.slice(i, j).trim().toUpperCase());
      i = j;
    }
    if (s[i] === ".") i++;
    else break;
  }
  return parts.filter((p, k) => p !== "" || k < parts.length - 1);
}
function normName(id) {
  const p = splitFqn(id);
  return p.length === 1 ? p[0] : p.join(".");
}
function granteeText(g) {
  const name = g.unknown && !g.name ? `(unknown ${g.attr})` : g.name;
  return g.kind === "ROLE" ? name : `${g.kind} ${name}`;
}
function targetText(kind, scope, database, schema, object) {
  if (scope === "account") return "ACCOUNT";
  if (scope === "all" || scope === "future") {
    const where2 = schema ? `SCHEMA ${database ? database + "." : ""}${schema}` : `DATABASE ${database ?? "?"}`;
    return `${scope.toUpperCase()} ${kind} IN ${where2}`;
  }
  return `${kind} ${object ?? [database, schema].filter(Boolean).join(".")}`.trim();
}
function str(v) {
  return typeof v === "string" && v !== "" ? v : void 0;
}
function first(v) {
  return Array.isArray(v) && v.length > 0 && typeof v[0] === "object" && v[0] !== null ? v[0] : void 0;
}
function plural(kind) {
  return kind.endsWith("Y") ? kind.slice(0, -1) + "IES" : kind + "S";
}
var ACCOUNT_OBJECT_TYPES = /* @__PURE__ */ new Set(["USER", "RESOURCE MONITOR", "WAREHOUSE", "COMPUTE POOL", "INTEGRATION", "CONNECTION", "FAILOVER GROUP", "REPLICATION GROUP", "EXTERNAL VOLUME", "ROLE", "SNOWFLAKE INTELLIGENCE"]);
function objectTarget(objectType, objectName) {
  const kind = objectType.toUpperCase();
  const parts = splitFqn(objectName);
  const object = parts.join(".");
  if (kind === "DATABASE") return { kind, scope: "object", database: object, object, text: `DATABASE ${object}` };
  if (ACCOUNT_OBJECT_TYPES.has(kind)) return { kind, scope: "object", object, text: `${kind} ${object}` };
  return { kind, scope: "object", database: parts[0], schema: parts.length > 2 ? parts[1] : parts.length === 2 ? parts[1] : void 0, object, text: `${kind} ${object}` };
}
function bulkTarget(block, scope) {
  const kind = String(block.object_type_plural ?? "?").toUpperCase();
  const inSchema = str(block.in_schema);
  let database = str(block.in_database) ? normName(String(block.in_database)) : void 0;
  let schema;
  if (inSchema) {
    const p = splitFqn(inSchema);
    if (p.length >= 2) {
      database = p[0];
      schema = p[1];
    } else schema = p[0];
  }
  return { kind, scope, database, schema, text: targetText(kind, scope, database, schema) };
}
function schemaObjectTarget(block) {
  const all = first(block.all);
  if (all) return bulkTarget(all, "all");
  const future = first(block.future);
  if (future) return bulkTarget(future, "future");
  const t = str(block.object_type);
  const n = str(block.object_name);
  if (t && n) return objectTarget(t, n);
  return void 0;
}
function grantInfo(rc, doc, byAddress) {
  const type = rc.type;
  if (!isGrantType(type)) return void 0;
  const v = valuesOf(rc);
  const readingAfter = !(rc.kind === "delete" || rc.kind === "forget");
  const unknown = [];
  const unk = (attr) => {
    if (!readingAfter || !isUnknown(rc, [attr])) return false;
    return true;
  };
  const legacy = LEGACY_GRANT_TYPES.has(type);
  const grantees = [];
  const role = (attr, kind = "ROLE") => {
    const raw = v[attr];
    if (typeof raw === "string" && raw !== "" && !unk(attr)) {
      grantees.push({ kind, name: normName(raw), attr, unknown: false });
    } else if (unk(attr)) {
      const r = resolveReference(doc, rc, attr, byAddress);
      if (r && r.name) grantees.push({ kind, name: normName(r.name), attr, unknown: false, via: r.address });
      else {
        grantees.push({ kind, name: "", attr, unknown: true, via: r?.address });
        unknown.push(attr);
      }
    }
  };
  const roleSet = (attr, kind = "ROLE") => {
    if (unk(attr)) {
      const raw2 = v[attr];
      for (const r of Array.isArray(raw2) ? raw2 : []) if (typeof r === "string") grantees.push({ kind, name: normName(r), attr, unknown: false });
      grantees.push({ kind, name: "", attr, unknown: true });
      unknown.push(attr);
      return;
    }
    const raw = v[attr];
    if (Array.isArray(raw)) {
      for (const r of raw) if (typeof r === "string" && r !== "") grantees.push({ kind, name: normName(r), attr, unknown: false });
    }
  };
  const bool = (attr) => {
    if (unk(attr)) unknown.push(attr);
    return v[attr] === true;
  };
  let category = "privilege";
  let privileges = [];
  let allPrivileges = false;
  let target;
  let grantedRole;
  const newPrivileges = () => {
    if (unk("privileges")) unknown.push("privileges");
    if (Array.isArray(v.privileges)) privileges = v.privileges.filter((p) => typeof p === "string").map((p) => p.toUpperCase());
    allPrivileges = bool("all_privileges");
  };
  const checkBlocks = (...attrs) => {
    for (const a of attrs) if (unk(a)) unknown.push(a);
  };
  switch (type) {
    case "snowflake_grant_privileges_to_account_role":
    case "snowflake_grant_privileges_to_role":
    case "snowflake_grant_privileges_to_database_role": {
      if (type === "snowflake_grant_privileges_to_database_role") role("database_role_name", "DATABASE ROLE");
      else role(type === "snowflake_grant_privileges_to_role" ? "role_name" : "account_role_name");
      newPrivileges();
      checkBlocks("on_account", "on_account_object", "on_schema", "on_schema_object", "on_database");
      const acc = first(v.on_account_object);
      const sch = first(v.on_schema);
      const so = first(v.on_schema_object);
      if (v.on_account === true) target = { kind: "ACCOUNT", scope: "account", text: "ACCOUNT" };
      else if (str(v.on_database)) target = objectTarget("DATABASE", String(v.on_database));
      else if (acc && str(acc.object_type) && str(acc.object_name)) target = objectTarget(String(acc.object_type), String(acc.object_name));
      else if (sch) {
        if (str(sch.schema_name)) target = objectTarget("SCHEMA", String(sch.schema_name));
        else if (str(sch.all_schemas_in_database)) target = bulkTarget({ object_type_plural: "SCHEMAS", in_database: sch.all_schemas_in_database }, "all");
        else if (str(sch.future_schemas_in_database)) target = bulkTarget({ object_type_plural: "SCHEMAS", in_database: sch.future_schemas_in_database }, "future");
      } else if (so) target = schemaObjectTarget(so);
      if (!target && type === "snowflake_grant_privileges_to_database_role") {
        const dbr = typeof v.database_role_name === "string" ? splitFqn(v.database_role_name) : [];
        if (dbr.length > 1) target = objectTarget("DATABASE", dbr[0]);
      }
      break;
    }
    case "snowflake_grant_privileges_to_share": {
      role("to_share", "SHARE");
      newPrivileges();
      if (str(v.on_database)) target = objectTarget("DATABASE", String(v.on_database));
      else if (str(v.on_schema)) target = objectTarget("SCHEMA", String(v.on_schema));
      else if (str(v.on_table)) target = objectTarget("TABLE", String(v.on_table));
      else if (str(v.on_view)) target = objectTarget("VIEW", String(v.on_view));
      else if (str(v.on_all_tables_in_schema)) target = bulkTarget({ object_type_plural: "TABLES", in_schema: v.on_all_tables_in_schema }, "all");
      break;
    }
    case "snowflake_grant_account_role": {
      category = "role";
      role("parent_role_name");
      role("user_name", "USER");
      if (unk("role_name")) {
        const r = resolveReference(doc, rc, "role_name", byAddress);
        if (r?.name) grantedRole = normName(r.name);
        else unknown.push("role_name");
      } else if (str(v.role_name)) grantedRole = normName(String(v.role_name));
      if (grantedRole) target = { kind: "ROLE", scope: "object", object: grantedRole, text: `ROLE ${grantedRole}` };
      break;
    }
    case "snowflake_grant_database_role": {
      category = "role";
      role("parent_database_role_name", "DATABASE ROLE");
      role("parent_role_name");
      role("share_name", "SHARE");
      if (unk("database_role_name")) unknown.push("database_role_name");
      else if (str(v.database_role_name)) grantedRole = normName(String(v.database_role_name));
      if (grantedRole) {
        const db = splitFqn(grantedRole)[0];
        target = { kind: "DATABASE ROLE", scope: "object", database: db, object: grantedRole, text: `DATABASE ROLE ${grantedRole}` };
      }
      break;
    }
    case "snowflake_grant_application_role": {
      category = "role";
      role("parent_account_role_name");
      role("application_name", "APPLICATION");
      if (str(v.application_role_name)) grantedRole = normName(String(v.application_role_name));
      if (grantedRole) target = { kind: "APPLICATION ROLE", scope: "object", object: grantedRole, text: `APPLICATION ROLE ${grantedRole}` };
      break;
    }
    case "snowflake_grant_ownership": {
      category = "ownership";
      role("account_role_name");
      role("database_role_name", "DATABASE ROLE");
      privileges = ["OWNERSHIP"];
      checkBlocks("on");
      const on = first(v.on);
      if (on) target = schemaObjectTarget(on);
      break;
    }
    case "snowflake_role_grants": {
      category = "role";
      roleSet("roles");
      roleSet("users", "USER");
      if (unk("role_name")) unknown.push("role_name");
      else if (str(v.role_name)) grantedRole = normName(String(v.role_name));
      if (grantedRole) target = { kind: "ROLE", scope: "object", object: grantedRole, text: `ROLE ${grantedRole}` };
      break;
    }
    case "snowflake_role_ownership_grant":
    case "snowflake_user_ownership_grant": {
      category = "ownership";
      role("to_role_name");
      privileges = ["OWNERSHIP"];
      const on = type === "snowflake_role_ownership_grant" ? v.on_role_name : v.on_user_name;
      const kind = type === "snowflake_role_ownership_grant" ? "ROLE" : "USER";
      if (str(on)) target = objectTarget(kind, String(on));
      break;
    }
    default: {
      roleSet("roles");
      roleSet("shares", "SHARE");
      if (unk("privilege")) unknown.push("privilege");
      const p = str(v.privilege)?.toUpperCase();
      if (p) privileges = [p];
      if (p === "OWNERSHIP") category = "ownership";
      if (p === "ALL" || p === "ALL PRIVILEGES") {
        allPrivileges = true;
        privileges = ["ALL PRIVILEGES"];
      }
      target = legacyTarget(type, v);
    }
  }
  if (allPrivileges && !privileges.includes("ALL PRIVILEGES")) privileges = [...privileges, "ALL PRIVILEGES"];
  const withGrantOption = bool("with_grant_option");
  return { category, legacy, grantees, privileges, allPrivileges, withGrantOption, target, grantedRole, unknown: [...new Set(unknown)] };
}
var LEGACY_OBJECT_NAME_ATTR = {
  warehouse: "warehouse_name",
  integration: "integration_name",
  resource_monitor: "monitor_name",
  failover_group: "failover_group_name",
  user: "user_name"
};
function legacyTarget(type, v) {
  const base2 = type.replace(/^snowflake_/, "").replace(/_grant$/, "");
  const kind = base2.toUpperCase().replace(/_/g, " ");
  if (base2 === "account") return { kind: "ACCOUNT", scope: "account", text: "ACCOUNT" };
  const db = str(v.database_name) ? normName(String(v.database_name)) : void 0;
  const schema = str(v.schema_name) ? normName(String(v.schema_name)) : void 0;
  if (base2 === "database") return db ? { kind: "DATABASE", scope: "object", database: db, object: db, text: `DATABASE ${db}` } : void 0;
  const acctAttr = LEGACY_OBJECT_NAME_ATTR[base2];
  if (acctAttr) {
    const n = str(v[acctAttr]) ?? str(v.resource_monitor_name);
    return n ? objectTarget(kind, n) : { kind, scope: "object", text: kind };
  }
  const scope = v.on_future === true ? "future" : v.on_all === true ? "all" : "object";
  if (base2 === "schema") {
    if (scope !== "object" || !schema) return { kind: "SCHEMAS", scope: scope === "object" ? "all" : scope, database: db, text: targetText("SCHEMAS", scope === "object" ? "all" : scope, db) };
    return { kind: "SCHEMA", scope: "object", database: db, schema, object: `${db}.${schema}`, text: `SCHEMA ${db}.${schema}` };
  }
  if (scope !== "object") {
    const k = plural(kind);
    return { kind: k, scope, database: db, schema, text: targetText(k, scope, db, schema) };
  }
  const objName = str(v[`${base2}_name`]);
  const object = [db, schema, objName ? normName(objName) : void 0].filter(Boolean).join(".");
  return { kind, scope: "object", database: db, schema, object, text: `${kind} ${object}` };
}

// shared/policy/rules.ts
var DEFAULT_RULE_OPTIONS = {
  retentionMinDays: 1,
  retentionDatabases: ["*"],
  denyAccountPrivileges: ["MANAGE GRANTS", "CREATE ROLE", "CREATE USER", "CREATE INTEGRATION", "ALL PRIVILEGES"]
};
var retentionMatchers = /* @__PURE__ */ new WeakMap();
function retentionMatcher(o) {
  let m = retentionMatchers.get(o);
  if (!m) retentionMatchers.set(o, m = picomatch2(o.retentionDatabases, { nocase: true }));
  return m;
}
var changed = (rc) => rc.kind !== "no-op" && rc.kind !== "read";
var roleGrantees = (g) => g.grantees.filter((x) => x.kind === "ROLE" && x.name);
var names = (gs) => gs.length ? gs.map(granteeText).join(", ") : void 0;
var base = (rc, g) => ({
  rc,
  grantee: g ? names(g.grantees) : void 0,
  privileges: g?.privileges,
  target: g?.target?.text
});
var isTrueish = (v) => v === true || v === "true";
var RULES = [
  {
    id: "SF-LEGACY-MULTIPLE-GRANTS",
    level: "deny",
    title: "Legacy grant without enable_multiple_grants = true",
    description: "Legacy grant resources (provider ≤ 0.92) default to enable_multiple_grants = false: the resource then owns every grant of that privilege on the object and revokes grants made outside Terraform (or by other resources) on the next apply.",
    remediation: "Set enable_multiple_grants = true, or better, migrate to snowflake_grant_privileges_to_account_role / snowflake_grant_account_role.",
    check(rc, g) {
      if (!MULTIPLE_GRANTS_TYPES.has(rc.type) || !writesContent(rc)) return;
      const v = valuesOf(rc);
      const unknown = rc.kind !== "existing" && isUnknown(rc, ["enable_multiple_grants"]);
      if (v.enable_multiple_grants === true && !unknown) return;
      const what = g?.category === "role" ? `membership of ${g.target?.text ?? "the role"}` : `${g?.privileges.join(", ") || "the privilege"} on ${g?.target?.text ?? "the object"}`;
      return {
        ...base(rc, g),
        rule: this.id,
        message: unknown ? `enable_multiple_grants is unknown until apply; unless it is true, applying revokes every other grant of ${what}.` : `enable_multiple_grants is ${v.enable_multiple_grants === false ? "false" : "not set (defaults to false)"}: applying revokes every other grant of ${what}, including grants made outside Terraform.`,
        unknown: unknown ? ["enable_multiple_grants"] : void 0
      };
    }
  },
  {
    id: "SF-DEPRECATED-RESOURCE",
    level: "warn",
    title: "Resource type removed from the provider",
    description: "Legacy grant resources and snowflake_grant_privileges_to_role were removed in provider v0.93.0, snowflake_role in v1.0.0; they block provider upgrades.",
    remediation: "Migrate to snowflake_grant_privileges_to_account_role / snowflake_grant_account_role / snowflake_grant_ownership / snowflake_account_role (see the provider MIGRATION_GUIDE).",
    check(rc, g) {
      if (!DEPRECATED_TYPES.has(rc.type) || !changed(rc)) return;
      const since = rc.type === "snowflake_role" ? "v1.0.0" : "v0.93.0";
      return { ...base(rc, g), rule: this.id, message: `${rc.type} was removed in provider ${since}; this configuration cannot be upgraded past it.` };
    }
  },
  {
    id: "SF-NO-PUBLIC",
    level: "deny",
    title: "Grant to PUBLIC",
    description: "PUBLIC is granted to every user and role in the account, so anything granted to it is account-wide.",
    remediation: "Grant to a functional role (e.g. REPORTER) instead of PUBLIC.",
    check(rc, g) {
      if (!g || !writesContent(rc)) return;
      const pub = g.grantees.filter((x) => x.kind === "ROLE" && x.name.toUpperCase() === "PUBLIC");
      if (!pub.length) return;
      const what = g.category === "role" ? g.target?.text ?? "a role" : `${g.privileges.join(", ") || "privileges"} on ${g.target?.text ?? "an object"}`;
      return { ...base(rc, g), grantee: "PUBLIC", rule: this.id, message: `${what} is granted to PUBLIC, i.e. to every user and role in the account.` };
    }
  },
  {
    id: "SF-ADMIN-ROLE-GRANT",
    level: "deny",
    title: "Admin role granted to a non-admin role or service user",
    description: "ACCOUNTADMIN, SECURITYADMIN, USERADMIN, SYSADMIN and ORGADMIN must not be inherited by functional roles or service users.",
    remediation: "Remove the grant; give the role only the specific privileges it needs.",
    check(rc, g, ctx) {
      if (!g || g.category !== "role" || !g.grantedRole || !writesContent(rc) || !ctx.intent.isAdmin(g.grantedRole)) return;
      const bad = g.grantees.filter((x) => x.name && (x.kind === "ROLE" && !ctx.intent.isAdmin(x.name) || x.kind === "USER" && ctx.intent.isServiceUser(x.name) || x.kind === "DATABASE ROLE" || x.kind === "SHARE"));
      if (!bad.length) return;
      return { ...base(rc, g), grantee: names(bad), rule: this.id, message: `Admin role ${g.grantedRole} is granted to ${names(bad)}, which then holds all of ${g.grantedRole}'s power.` };
    }
  },
  {
    id: "SF-REPORTER-READONLY",
    level: "deny",
    title: "Read-only role gets write access",
    description: "Roles of a read-only class (default: REPORTER) may hold only read privileges (by default USAGE, SELECT, REFERENCES, MONITOR, READ, IMPORTED PRIVILEGES), without grant option, and must not inherit a writer role.",
    remediation: "Grant only read privileges (SELECT/USAGE/REFERENCES) to read-only roles; give writes to a TRANSFORMER/LOADER role.",
    check(rc, g, ctx) {
      if (!g || !writesContent(rc)) return;
      const out = [];
      for (const x of roleGrantees(g)) {
        const cls = ctx.intent.classOf(x.name);
        if (!cls?.readOnly) continue;
        if (g.category === "role") {
          const granted = g.grantedRole ? ctx.intent.classOf(g.grantedRole) : void 0;
          if (granted && !granted.readOnly) {
            out.push({ ...base(rc, g), grantee: x.name, rule: this.id, message: `Read-only role ${x.name} (${cls.name} class) inherits ${g.grantedRole} (${granted.name} class, which writes).` });
          }
          continue;
        }
        if (g.unknown.includes("privileges") || g.unknown.includes("privilege") || g.unknown.includes("all_privileges")) {
          out.push({ ...base(rc, g), grantee: x.name, rule: this.id, undecided: true, unknown: g.unknown, message: `Privileges granted to read-only role ${x.name} are unknown until apply; cannot confirm they are read-only.` });
          continue;
        }
        const bad = g.privileges.filter((p) => !ctx.intent.isReadPrivilege(p));
        if (bad.length || g.withGrantOption) {
          const what = [bad.length ? bad.join(", ") : void 0, g.withGrantOption ? "WITH GRANT OPTION" : void 0].filter(Boolean).join(" and ");
          out.push({ ...base(rc, g), grantee: x.name, privileges: bad.length ? bad : g.privileges, rule: this.id, message: `Read-only role ${x.name} (${cls.name} class) gets ${what} on ${g.target?.text ?? "an object"}.` });
        }
      }
      return out;
    }
  },
  {
    id: "SF-ROLE-SCOPE",
    level: "deny",
    title: "Role touches a database outside its class",
    description: "Each role class may read and write only the databases the role intent gives it (default: LOADER writes RAW, TRANSFORMER reads RAW and writes ANALYTICS, REPORTER reads ANALYTICS). Databases no class mentions are out of scope unless strict_databases is set.",
    remediation: "Grant on a database the role's class may use, or change the role intent file if the design changed.",
    check(rc, g, ctx) {
      if (!g || g.category === "role" || !writesContent(rc)) return;
      const out = [];
      for (const x of roleGrantees(g)) {
        const cls = ctx.intent.classOf(x.name);
        if (!cls) continue;
        const db = g.target?.database;
        if (!db) {
          const u = g.unknown.filter((a) => a.startsWith("on"));
          if (u.length) out.push({ ...base(rc, g), grantee: x.name, rule: this.id, undecided: true, unknown: u, message: `The target of this grant to ${x.name} (${cls.name} class) is unknown until apply; cannot check its database.` });
          continue;
        }
        const write = g.category === "ownership" || g.privileges.some((p) => !ctx.intent.isReadPrivilege(p));
        if (!cls.canRead(db)) {
          if (!ctx.intent.knowsDatabase(db) && !ctx.intent.strictDatabases) continue;
          out.push({ ...base(rc, g), grantee: x.name, rule: this.id, message: `${x.name} (${cls.name} class) may not access database ${db}, but gets ${g.privileges.join(", ") || "privileges"} on ${g.target?.text}.` });
        } else if (!write && !cls.readOnly && !cls.canWrite(db) && g.unknown.some((a) => a === "privileges" || a === "privilege" || a === "all_privileges")) {
          out.push({ ...base(rc, g), grantee: x.name, rule: this.id, undecided: true, unknown: g.unknown.filter((a) => a.startsWith("privilege") || a === "all_privileges"), message: `${x.name} (${cls.name} class) may only read database ${db}; the privileges on ${g.target?.text} are unknown until apply.` });
        } else if (write && !cls.readOnly && !cls.canWrite(db)) {
          const w = g.privileges.filter((p) => !ctx.intent.isReadPrivilege(p));
          out.push({ ...base(rc, g), grantee: x.name, privileges: w, rule: this.id, message: `${x.name} (${cls.name} class) may only read database ${db}, but gets ${w.join(", ")} on ${g.target?.text}.` });
        }
      }
      return out;
    }
  },
  {
    id: "SF-OWNERSHIP-CHANGE",
    level: "warn",
    title: "Ownership transfer",
    description: 'Ownership decides who can grant on and drop an object; a transfer can lock Terraform out, and outbound_privileges = "REVOKE" strips every existing grant on the object (deny).',
    remediation: 'Confirm the new owner; prefer outbound_privileges = "COPY" so existing grants survive.',
    check(rc, g) {
      if (!g || g.category !== "ownership" || !["create", "update", "delete", "replace"].includes(rc.kind)) return;
      const v = valuesOf(rc);
      const revoke = String(v.outbound_privileges ?? "").toUpperCase() === "REVOKE";
      const unknownOutbound = rc.kind !== "delete" && isUnknown(rc, ["outbound_privileges"]);
      const verb = rc.kind === "delete" ? "is no longer managed for" : "moves to";
      return {
        ...base(rc, g),
        rule: this.id,
        level: revoke ? "deny" : void 0,
        unknown: unknownOutbound ? ["outbound_privileges"] : void 0,
        message: `Ownership of ${g.target?.text ?? "an object"} ${verb} ${names(g.grantees) ?? "another role"}${revoke ? " with outbound_privileges = REVOKE: every existing grant on it is revoked" : unknownOutbound ? " (outbound_privileges is unknown until apply: existing grants may be revoked)" : ""}.`,
        remediation: revoke ? 'Use outbound_privileges = "COPY" to keep existing grants, or confirm every current grant may be dropped.' : void 0
      };
    }
  },
  {
    id: "SF-DESTROY-ROLE",
    level: "deny",
    title: "Role destroyed",
    description: "Dropping a role drops all its grants and breaks every user and tool that uses it (a replace drops it too).",
    remediation: "Keep the role (lifecycle { prevent_destroy = true }), or use a removed { lifecycle { destroy = false } } block if only Terraform should stop managing it.",
    check(rc) {
      if (!ROLE_TYPES.has(rc.type) || rc.kind !== "delete" && rc.kind !== "replace") return;
      const name = valuesOf(rc).name;
      return { rc, target: `ROLE ${typeof name === "string" ? normName(name) : rc.address}`, rule: this.id, message: `Role ${typeof name === "string" ? normName(name) : rc.address} is ${rc.kind === "replace" ? "replaced (dropped and re-created)" : "dropped"}: all its grants are lost.` };
    }
  },
  {
    id: "SF-DESTROY-DATA-CONTAINER",
    level: "deny",
    title: "Database, schema or table destroyed",
    description: "Dropping a database, schema or table loses data (and its grants).",
    remediation: "Add lifecycle { prevent_destroy = true } to data containers, and confirm the drop is intended before applying.",
    check(rc) {
      if (!DATA_CONTAINER_TYPES.has(rc.type) || rc.kind !== "delete" && rc.kind !== "replace") return;
      const v = valuesOf(rc);
      const kind = rc.type.replace(/^snowflake_/, "").replace(/_/g, " ").toUpperCase();
      const name = [v.database, v.schema, v.name].filter((x) => typeof x === "string").map((x) => normName(String(x))).join(".");
      return { rc, target: `${kind} ${name || rc.address}`, rule: this.id, message: `${kind} ${name || rc.address} is ${rc.kind === "replace" ? "replaced (dropped and re-created)" : "dropped"}: its data is lost.` };
    }
  },
  {
    id: "SF-DESTROY-GRANT",
    level: "warn",
    title: "Grant revoked",
    description: "Deleting a grant resource revokes the privilege or role membership; a reviewer must confirm nobody depends on it.",
    remediation: "Confirm the revoke is intended; if the grant moved to another address, use a moved block instead.",
    check(rc, g) {
      if (!isGrantType(rc.type) || rc.kind !== "delete") return;
      const what = g?.category === "role" ? g.target?.text ?? "a role" : `${g?.privileges.join(", ") || "privileges"} on ${g?.target?.text ?? "an object"}`;
      return { ...base(rc, g), rule: this.id, message: `Revokes ${what} from ${names(g?.grantees ?? []) ?? "its grantees"}.` };
    }
  },
  {
    id: "SF-REPLACE-GRANT",
    level: "warn",
    title: "Grant replaced (revoke then grant)",
    description: "A grant resource replaced through a ForceNew attribute (with_grant_option, on_*, grantee) is revoked and granted again; queries fail in between, and a failed apply leaves it revoked.",
    remediation: "Apply outside busy hours, or create the new grant under a new address first and remove the old one in a second apply.",
    check(rc, g) {
      if (!isGrantType(rc.type) || rc.kind !== "replace") return;
      const paths = Array.isArray(rc.replacePaths) ? rc.replacePaths.map((p) => Array.isArray(p) ? p.join(".") : String(p)).join(", ") : "";
      const order = rc.actions[0] === "delete" ? "revoked, then granted again" : "granted again, then the old grant revoked";
      return { ...base(rc, g), rule: this.id, message: `Replaced (${order})${paths ? ` because ${paths} changed` : ""}.` };
    }
  },
  {
    id: "SF-FORGET-GRANT",
    level: "warn",
    title: "Grant or role forgotten",
    description: "A removed { lifecycle { destroy = false } } block makes Terraform stop managing the resource while the privilege stays in Snowflake.",
    remediation: "Confirm the grant should keep existing unmanaged, or revoke it explicitly.",
    check(rc, g) {
      if (rc.kind !== "forget" || !(isGrantType(rc.type) || ROLE_TYPES.has(rc.type))) return;
      return { ...base(rc, g), rule: this.id, message: `Terraform stops managing ${rc.address}; ${ROLE_TYPES.has(rc.type) ? "the role" : "the grant"} stays in Snowflake, unmanaged.` };
    }
  },
  {
    id: "SF-ALL-PRIVILEGES",
    level: "warn",
    title: "ALL PRIVILEGES granted",
    description: "ALL PRIVILEGES over-grants and includes privileges added to Snowflake later.",
    remediation: "List the privileges the role needs instead of all_privileges = true / ALL PRIVILEGES.",
    check(rc, g) {
      if (!g || !writesContent(rc)) return;
      const unknown = g.unknown.filter((a) => a === "all_privileges" || a === "privilege");
      if (!g.allPrivileges && !unknown.length) return;
      return {
        ...base(rc, g),
        rule: this.id,
        undecided: !g.allPrivileges,
        unknown: unknown.length ? unknown : void 0,
        message: g.allPrivileges ? `ALL PRIVILEGES on ${g.target?.text ?? "an object"} to ${names(g.grantees) ?? "its grantees"}.` : `${unknown.join(", ")} is unknown until apply; cannot rule out ALL PRIVILEGES.`
      };
    }
  },
  {
    id: "SF-GRANT-OPTION",
    level: "warn",
    title: "WITH GRANT OPTION",
    description: "A grantee with grant option can re-grant the privilege to anyone, outside Terraform.",
    remediation: "Set with_grant_option = false unless the role must delegate the privilege.",
    check(rc, g) {
      if (!g || !writesContent(rc)) return;
      const unknown = g.unknown.includes("with_grant_option");
      if (!g.withGrantOption && !unknown) return;
      return {
        ...base(rc, g),
        rule: this.id,
        undecided: !g.withGrantOption,
        unknown: unknown ? ["with_grant_option"] : void 0,
        message: g.withGrantOption ? `${names(g.grantees) ?? "The grantee"} can re-grant ${g.privileges.join(", ") || "the privileges"} on ${g.target?.text ?? "the object"} to anyone.` : "with_grant_option is unknown until apply."
      };
    }
  },
  {
    id: "SF-ACCOUNT-PRIV",
    level: "warn",
    title: "Account-level privilege",
    description: "Account privileges are account-wide power. MANAGE GRANTS, CREATE ROLE, CREATE USER, CREATE INTEGRATION and ALL PRIVILEGES to a non-admin role are denied (MANAGE GRANTS bypasses managed-access schemas).",
    remediation: "Keep account privileges on admin roles; give functional roles object-level privileges.",
    check(rc, g, ctx) {
      if (!g || !writesContent(rc)) return;
      if (g.privileges.length === 0) {
        if (g.target?.scope === "account" && g.unknown.some((a) => a === "privileges" || a === "privilege")) {
          return { ...base(rc, g), rule: this.id, undecided: true, unknown: ["privileges"], message: "Account-level privileges are unknown until apply." };
        }
        return;
      }
      if (g.target?.scope !== "account") {
        if (!g.target && g.unknown.includes("on_account") && g.grantees.some((x) => !(x.kind === "ROLE" && ctx.intent.isAdmin(x.name)))) {
          return { ...base(rc, g), rule: this.id, undecided: true, unknown: ["on_account"], message: `on_account is unknown until apply; ${g.privileges.join(", ")} may be granted on the account.` };
        }
        return;
      }
      const nonAdmin = g.grantees.filter((x) => !(x.kind === "ROLE" && ctx.intent.isAdmin(x.name)));
      if (!nonAdmin.length) return;
      const deny = new Set(ctx.options.denyAccountPrivileges.map((p) => p.toUpperCase()));
      const dangerous = g.privileges.filter((p) => deny.has(p));
      return {
        ...base(rc, g),
        grantee: names(nonAdmin),
        rule: this.id,
        level: dangerous.length ? "deny" : void 0,
        message: `Account-level ${g.privileges.join(", ")} to ${names(nonAdmin)}${dangerous.length ? ` (${dangerous.join(", ")} must stay with admin roles)` : ""}.`
      };
    }
  },
  {
    id: "SF-ROLE-NOT-UNDER-SYSADMIN",
    level: "warn",
    title: "Custom role not under SYSADMIN",
    description: "Every custom role should be granted (directly or through other roles) to SYSADMIN so administrators can manage what it owns. Fires for a new role with no path to SYSADMIN in the plan, and for a removed edge to SYSADMIN.",
    remediation: 'Add snowflake_grant_account_role { role_name = <role>, parent_role_name = "SYSADMIN" } (or to a role that is under SYSADMIN).',
    checkAll(ctx) {
      const out = [];
      const edges = /* @__PURE__ */ new Map();
      const removed = [];
      const addEdge = (m, c, p) => {
        let s = m.get(c);
        if (!s) m.set(c, s = /* @__PURE__ */ new Set());
        s.add(p);
      };
      const surviving = /* @__PURE__ */ new Set();
      for (const rc of ctx.resources) {
        const g = ctx.grants.get(rc);
        if (!g || g.category !== "role" || !g.grantedRole || rc.type !== "snowflake_grant_account_role" && rc.type !== "snowflake_role_grants") continue;
        const parents = g.grantees.filter((x) => x.kind === "ROLE" && x.name).map((x) => x.name.toUpperCase());
        const child = g.grantedRole.toUpperCase();
        if (survives(rc)) for (const p of parents) {
          addEdge(edges, child, p);
          surviving.add(`${child}>${p}`);
        }
        const before = rc.before;
        if ((rc.kind === "delete" || rc.kind === "replace" || rc.kind === "update") && before) {
          const bChild = typeof before.role_name === "string" ? normName(before.role_name).toUpperCase() : void 0;
          const bParents = rc.type === "snowflake_role_grants" ? Array.isArray(before.roles) ? before.roles.map((r) => normName(String(r)).toUpperCase()) : [] : typeof before.parent_role_name === "string" ? [normName(before.parent_role_name).toUpperCase()] : [];
          if (bChild) {
            for (const p of bParents) if (p === "SYSADMIN") removed.push({ rc, child: bChild, parent: p });
          }
        }
      }
      const reaches = (role) => {
        const seen = /* @__PURE__ */ new Set();
        const stack = [role];
        while (stack.length) {
          const r = stack.pop();
          if (r === "SYSADMIN") return true;
          if (seen.has(r)) continue;
          seen.add(r);
          for (const p of edges.get(r) ?? []) stack.push(p);
        }
        return false;
      };
      for (const r of removed) {
        if (surviving.has(`${r.child}>${r.parent}`)) continue;
        out.push({ rc: r.rc, grantee: "SYSADMIN", target: `ROLE ${r.child}`, rule: "SF-ROLE-NOT-UNDER-SYSADMIN", message: `Removes ${r.child} from SYSADMIN${reaches(r.child) ? "" : `; ${r.child} then has no path to SYSADMIN`}.` });
      }
      for (const rc of ctx.resources) {
        if (rc.type !== "snowflake_account_role" && rc.type !== "snowflake_role" || !(rc.kind === "create" || rc.kind === "replace" || rc.kind === "existing")) continue;
        const v = valuesOf(rc);
        if (typeof v.name !== "string") {
          if (isUnknown(rc, ["name"])) out.push({ rc, rule: "SF-ROLE-NOT-UNDER-SYSADMIN", undecided: true, unknown: ["name"], message: "The role name is unknown until apply; cannot check it is granted to SYSADMIN." });
          continue;
        }
        const name = normName(v.name).toUpperCase();
        if (ctx.intent.isAdmin(name) || name === "PUBLIC" || reaches(name)) continue;
        out.push({ rc, target: `ROLE ${name}`, rule: "SF-ROLE-NOT-UNDER-SYSADMIN", message: `New role ${name} has no path to SYSADMIN in this plan.` });
      }
      return out;
    }
  },
  {
    id: "SF-FUTURE-GRANT-SHADOWING",
    level: "warn",
    title: "Schema-level future grant shadows database-level one",
    description: "When a schema has future grants for an object type, Snowflake ignores the database-level future grants for that type in that schema: roles relying on the database-level grant silently get nothing on new objects.",
    remediation: "Define future grants at one level only: repeat the database-level grantees on the schema-level future grant, or drop the schema-level one.",
    checkAll(ctx) {
      const out = [];
      const dbLevel = /* @__PURE__ */ new Map();
      const schemaLevel = [];
      for (const rc of ctx.resources) {
        if (!survives(rc)) continue;
        const g = ctx.grants.get(rc);
        const t = g?.target;
        if (!g || !t || t.scope !== "future" || !t.database || t.kind === "SCHEMAS") continue;
        const key = `${t.database.toUpperCase()}|${t.kind}`;
        if (t.schema) schemaLevel.push({ rc, g, key });
        else {
          const l = dbLevel.get(key);
          if (l) l.push(rc);
          else dbLevel.set(key, [rc]);
        }
      }
      const summary = /* @__PURE__ */ new Map();
      const list = (xs) => xs.length > 3 ? `${xs.slice(0, 3).join(", ")} and ${xs.length - 3} more` : xs.join(", ");
      for (const [key, dbs] of dbLevel) {
        const grantees = [...new Set(dbs.flatMap((d) => ctx.grants.get(d).grantees.map(granteeText)))];
        summary.set(key, { grantees: list(grantees), addresses: list(dbs.map((d) => d.address)), allNoop: dbs.every((d) => d.kind === "no-op") });
      }
      for (const s of schemaLevel) {
        const db = summary.get(s.key);
        if (!db) continue;
        if (s.rc.kind === "no-op" && db.allNoop) continue;
        out.push({ ...base(s.rc, s.g), rule: "SF-FUTURE-GRANT-SHADOWING", message: `${s.g.target.text} overrides the database-level future grants on ${s.g.target.kind} in ${s.g.target.database} (to ${db.grantees}; ${db.addresses}): those grantees get nothing on new objects in this schema.` });
      }
      return out;
    }
  },
  {
    id: "SF-ALWAYS-APPLY",
    level: "warn",
    title: "always_apply = true",
    description: "always_apply makes the grant show a change in every plan by design, which hides real drift in PR plans.",
    remediation: "Remove always_apply unless you need to re-assert the grant on every apply.",
    check(rc, g) {
      if (!writesContent(rc)) return;
      const v = valuesOf(rc);
      if (!isTrueish(v.always_apply)) return;
      return { ...base(rc, g), rule: this.id, message: "always_apply = true: this grant shows a change in every plan." };
    }
  },
  {
    id: "SF-STRICT-PRIVILEGES",
    level: "warn",
    title: "strict_privilege_management = true",
    description: "Experimental strict privilege management revokes, on the next apply, every privilege on the object not listed in the configuration — like the old enable_multiple_grants = false.",
    remediation: "Confirm every privilege on the object is managed by this resource, or remove strict_privilege_management.",
    check(rc, g) {
      if (!writesContent(rc)) return;
      if (!isTrueish(valuesOf(rc).strict_privilege_management)) return;
      return { ...base(rc, g), rule: this.id, message: `strict_privilege_management = true: privileges on ${g?.target?.text ?? "the object"} not in this resource are revoked on apply.` };
    }
  },
  {
    id: "SF-UNKNOWN-GRANTEE",
    level: "warn",
    title: "Grantee unknown at plan time",
    description: "The grantee (or granted role) is computed during apply and could not be resolved through the configuration, so the other rules cannot check it.",
    remediation: "Reference the role resource directly (snowflake_account_role.x.name) or use a literal name so the plan shows it.",
    check(rc, g) {
      if (!g || !writesContent(rc)) return;
      const attrs = g.unknown.filter((a) => ["account_role_name", "database_role_name", "parent_role_name", "parent_database_role_name", "user_name", "role_name", "roles", "users", "to_role_name", "share_name", "shares", "to_share"].includes(a));
      if (!attrs.length) return;
      return { ...base(rc, g), rule: this.id, unknown: attrs, message: `${attrs.join(", ")} ${attrs.length > 1 ? "are" : "is"} unknown until apply and not resolvable through the configuration; grantee rules could not run.` };
    }
  },
  {
    id: "SF-RETENTION-FOR-ROLLBACK",
    level: "warn",
    title: "Retention too short for rollback",
    description: "Time-travel rollback of a deploy needs data retention; a transient database/schema or retention below the configured minimum (default 1 day) removes it.",
    remediation: "Set data_retention_time_in_days to at least the configured minimum and keep deploy targets non-transient.",
    check(rc, _g, ctx) {
      if (rc.type !== "snowflake_database" && rc.type !== "snowflake_schema" || !writesContent(rc)) return;
      const v = valuesOf(rc);
      const name = [rc.type === "snowflake_schema" ? v.database : void 0, v.name].filter((x) => typeof x === "string").map((x) => normName(String(x))).join(".");
      const db = rc.type === "snowflake_schema" ? typeof v.database === "string" ? normName(v.database) : "" : normName(String(v.name ?? ""));
      if (db && !retentionMatcher(ctx.options)(db)) return;
      const kind = rc.type === "snowflake_database" ? "DATABASE" : "SCHEMA";
      const target = `${kind} ${name || rc.address}`;
      if (rc.kind !== "existing" && isUnknown(rc, ["data_retention_time_in_days"])) {
        return { rc, target, rule: this.id, undecided: true, unknown: ["data_retention_time_in_days"], message: `data_retention_time_in_days of ${target} is unknown until apply.` };
      }
      if (isTrueish(v.is_transient)) return { rc, target, rule: this.id, message: `${target} is transient: no fail-safe, and time travel is at most 1 day.` };
      const r = v.data_retention_time_in_days;
      const days = typeof r === "number" && r >= 0 ? r : void 0;
      const min = ctx.options.retentionMinDays;
      if (days !== void 0 ? days < min : 1 < min) {
        return { rc, target, rule: this.id, message: `${target} keeps ${days ?? "the default 1"} day(s) of time travel; rollback needs at least ${min}.` };
      }
      return void 0;
    }
  }
];
var PARITY_RULE = {
  id: "SF-ENV-PARITY",
  level: "warn",
  title: "Grant differs between environments",
  description: "Given plans for several environments, a grant (grantee × privilege × target, environment names normalised) present in one and missing in another.",
  remediation: "Add the grant to the environment that lacks it, or remove it from the one that has it (environments should differ only in names)."
};
var EXPIRED_EXCEPTION_RULE = {
  id: "SF-EXCEPTION-EXPIRED",
  level: "deny",
  title: "Policy exception expired",
  description: "An exception in the policy configuration is past its expiry date; it no longer applies, and this finding fails the check until it is renewed or removed.",
  remediation: "Fix the excepted findings and delete the exception, or extend its expires date with a fresh reason."
};
var RULE_CATALOGUE = [...RULES.map(({ id, level, title, description, remediation }) => ({ id, level, title, description, remediation })), PARITY_RULE, EXPIRED_EXCEPTION_RULE];
var BUILTIN_RULE_IDS = new Set(RULE_CATALOGUE.map((r) => r.id));
function runBuiltinRules(ctx, enabled) {
  const out = [];
  const push = (r) => {
    if (!r) return;
    if (Array.isArray(r)) for (const f of r) out.push(f);
    else out.push(r);
  };
  const active = RULES.filter((r) => enabled(r.id));
  const perResource = active.filter((r) => r.check);
  for (const rc of ctx.resources) {
    if (!changed(rc)) continue;
    const g = ctx.grants.get(rc);
    for (const r of perResource) push(r.check(rc, g, ctx));
  }
  for (const r of active) if (r.checkAll) push(r.checkAll(ctx));
  return out;
}

// shared/policy/config.ts
var LevelSchema = z2.enum(["deny", "warn", "off"]);
var RuleSettingSchema = z2.union([
  LevelSchema,
  z2.object({
    level: LevelSchema.optional(),
    /** SF-RETENTION-FOR-ROLLBACK: minimum data_retention_time_in_days. */
    min_days: z2.number().int().min(0).optional(),
    /** SF-RETENTION-FOR-ROLLBACK: databases (globs) that are deploy targets. */
    databases: z2.array(z2.string().min(1)).optional(),
    /** SF-ACCOUNT-PRIV: account privileges that are a deny for non-admin roles. */
    deny_privileges: z2.array(z2.string().min(1)).optional()
  }).strict()
]);
var DateSchema = z2.union([z2.string(), z2.date()]).transform((v, ctx) => {
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : v.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(`${s}T00:00:00Z`))) {
    ctx.addIssue({ code: "custom", message: `must be a date YYYY-MM-DD, got '${s}'` });
    return z2.NEVER;
  }
  return s;
});
var ExceptionSchema = z2.object({
  /** Rule id (built-in or custom), or '*' for every rule. */
  rule: z2.string().min(1),
  /** Resource address glob (picomatch), e.g. `module.legacy.snowflake_*_grant.*`. */
  address: z2.string().min(1),
  reason: z2.string().trim().min(1, "say why the exception is acceptable"),
  /** Last day (UTC) the exception applies. */
  expires: DateSchema
}).strict();
var Scalar = z2.union([z2.string(), z2.number(), z2.boolean(), z2.null()]);
var OPS = ["equals", "not_equals", "in", "not_in", "matches", "glob", "contains", "not_contains", "gt", "gte", "lt", "lte", "exists"];
var ConditionSchema = z2.object({
  /** Attribute path: `privileges`, `on_schema_object.0.future.0.object_type_plural`, `*` = any element; `@grantees`, `@privileges`, `@database`, `@target`, `@kind` read the normalised grant. */
  attribute: z2.string().min(1),
  equals: Scalar.optional(),
  not_equals: Scalar.optional(),
  in: z2.array(Scalar).optional(),
  not_in: z2.array(Scalar).optional(),
  matches: z2.string().optional(),
  glob: z2.string().optional(),
  contains: Scalar.optional(),
  not_contains: Scalar.optional(),
  gt: z2.number().optional(),
  gte: z2.number().optional(),
  lt: z2.number().optional(),
  lte: z2.number().optional(),
  exists: z2.boolean().optional()
}).strict().superRefine((c, ctx) => {
  const ops = OPS.filter((o) => c[o] !== void 0);
  if (ops.length !== 1) {
    ctx.addIssue({ code: "custom", message: ops.length === 0 ? `needs one operator: ${OPS.join(", ")}` : `has ${ops.join(" and ")}; use exactly one operator per condition` });
  }
  if (c.matches !== void 0) {
    try {
      new RegExp(c.matches);
    } catch (err) {
      ctx.addIssue({ code: "custom", path: ["matches"], message: `is not a valid regular expression (${err.message})` });
    }
  }
});
var ACTION_KINDS = ["create", "update", "replace", "delete", "forget", "existing"];
var CustomRuleSchema = z2.object({
  id: z2.string().regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/, "use upper-case words joined by -, e.g. ORG-WAREHOUSE-SIZE").refine((id) => !id.startsWith("SF-"), "the SF- prefix is reserved for built-in rules"),
  level: z2.enum(["deny", "warn"]).default("deny"),
  title: z2.string().optional(),
  description: z2.string().optional(),
  /** Resource type(s); globs allowed (`snowflake_grant_*`). */
  type: z2.union([z2.string().min(1), z2.array(z2.string().min(1)).min(1)]),
  /** Which changes the rule looks at (default: create, update, replace, existing). */
  actions: z2.array(z2.enum(ACTION_KINDS)).min(1).optional(),
  /** Conditions; by default all must hold (`match: any` for one of them). No conditions: every matching resource. */
  when: z2.array(ConditionSchema).default([]),
  match: z2.enum(["all", "any"]).default("all"),
  /** Shown per finding; `{address}`, `{type}`, `{name}` and `{attribute}` (the first condition's value) are filled in. */
  message: z2.string().min(1),
  remediation: z2.string().optional()
}).strict();
var PolicyConfigSchema = z2.object({
  version: z2.literal(1).default(1),
  /** Per-rule level (deny|warn|off) or { level, …options }. */
  rules: z2.record(z2.string(), RuleSettingSchema).default({}),
  exceptions: z2.array(ExceptionSchema).default([]),
  custom_rules: z2.array(CustomRuleSchema).default([]),
  /** Role intent: inline, or a path to a YAML file (relative to this file). Defaults to LOADER/TRANSFORMER/REPORTER. */
  role_intent: z2.union([z2.string().min(1), z2.unknown()]).optional(),
  /** Environment labels for plans, by path glob: { "plans/prod*.json": prod }. Otherwise guessed from file names. */
  environments: z2.record(z2.string(), z2.string().min(1)).optional()
}).strict().superRefine((c, ctx) => {
  const custom = /* @__PURE__ */ new Set();
  c.custom_rules.forEach((r, i) => {
    if (custom.has(r.id)) ctx.addIssue({ code: "custom", path: ["custom_rules", i, "id"], message: `duplicate custom rule id ${r.id}` });
    custom.add(r.id);
  });
  for (const id of Object.keys(c.rules)) {
    if (!BUILTIN_RULE_IDS.has(id) && !custom.has(id)) {
      ctx.addIssue({ code: "custom", path: ["rules", id], message: `unknown rule id ${id}; built-in rules are ${[...BUILTIN_RULE_IDS].join(", ")}` });
    }
  }
  c.exceptions.forEach((e, i) => {
    if (e.rule !== "*" && !BUILTIN_RULE_IDS.has(e.rule) && !custom.has(e.rule)) {
      ctx.addIssue({ code: "custom", path: ["exceptions", i, "rule"], message: `unknown rule id ${e.rule}` });
    }
  });
});
function pathText(path) {
  let s = "";
  for (const p of path) s += typeof p === "number" ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s || "(top level)";
}
function locate(doc, lc, path) {
  if (!doc || !lc) return "";
  let node = doc.contents;
  let pos = node?.range?.[0];
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((it) => {
        const k = it.key;
        return k && String(k.value) === String(seg);
      });
      if (!pair) break;
      pos = pair.key.range?.[0] ?? pos;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number") {
      const item = node.items[seg];
      if (!item) break;
      pos = item.range?.[0] ?? pos;
      node = item;
    } else break;
  }
  if (pos === void 0) return "";
  const { line, col } = lc.linePos(pos);
  return `:${line}:${col}`;
}
function zodError(err, what, file, doc, lc, prefix = []) {
  const lines = err.issues.slice(0, 10).map((i) => {
    const full = [...prefix, ...i.path];
    const keys = i.keys;
    const at = i.code === "unrecognized_keys" && keys?.length ? [...i.path, keys[0]] : i.path;
    return `  ${file ? `${file}${locate(doc, lc, at)} ` : ""}${pathText(full)}: ${i.message}`;
  });
  const more = err.issues.length > 10 ? `
  … and ${err.issues.length - 10} more` : "";
  return new UserError(`Invalid ${what}:
${lines.join("\n")}${more}`, { hint: "Fix the keys listed above; docs/grant-policy.md describes every setting." });
}
function parseYaml(text, file, what) {
  const lc = new LineCounter();
  const doc = parseYamlDocument(text, file, { lineCounter: lc, what });
  return { value: yamlToJs(doc, file) ?? {}, doc, lc };
}
function parseRoleIntent(value, file, doc, lc, prefix = []) {
  const r = RoleIntentSchema.safeParse(value);
  if (!r.success) throw zodError(r.error, "role intent", file, doc, lc, prefix);
  return r.data;
}
async function buildPolicyConfig(value, opts = {}) {
  const r = PolicyConfigSchema.safeParse(value ?? {});
  if (!r.success) throw zodError(r.error, "policy configuration", opts.file, opts.doc, opts.lc);
  const c = r.data;
  let roleIntent;
  if (typeof c.role_intent === "string") {
    const p = resolve(opts.baseDir ?? ".", c.role_intent);
    let text;
    try {
      text = await readFile(p, "utf8");
    } catch (err) {
      throw new UserError(`${opts.file ?? "config"}: role_intent file ${p} cannot be read (${err.code ?? err.message}).`, { hint: "Point role_intent at an existing YAML file, relative to the config file." });
    }
    const y = parseYaml(text, p, "role intent");
    roleIntent = parseRoleIntent(y.value, p, y.doc, y.lc);
  } else if (c.role_intent !== void 0 && c.role_intent !== null) {
    const sub = RoleIntentSchema.safeParse(c.role_intent);
    if (!sub.success) {
      const e = new z2.ZodError(sub.error.issues.map((i) => ({ ...i, path: ["role_intent", ...i.path] })));
      throw zodError(e, "policy configuration", opts.file, opts.doc, opts.lc);
    }
    roleIntent = sub.data;
  } else {
    roleIntent = RoleIntentSchema.parse(DEFAULT_ROLE_INTENT);
  }
  return { rules: c.rules, exceptions: c.exceptions, customRules: c.custom_rules, roleIntent, environments: c.environments, source: opts.file };
}
async function defaultPolicyConfig() {
  return buildPolicyConfig({});
}
async function loadPolicyConfig(file) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new UserError(`Policy configuration ${file} cannot be read (${err.code ?? err.message}).`, { hint: "Pass --config with the path of an existing YAML file, or omit it to use the defaults." });
  }
  const { value, doc, lc } = parseYaml(text, file, "policy configuration");
  return buildPolicyConfig(value, { file, baseDir: dirname(resolve(file)), doc, lc });
}

// shared/policy/engine.ts
import { existsSync } from "node:fs";
import { constants as bufferConstants } from "node:buffer";
import { readFile as readFile2, stat } from "node:fs/promises";
import picomatch5 from "../vendor/picomatch.js";

// shared/policy/custom.ts
import picomatch3 from "../vendor/picomatch.js";
function virtual(attr, rc, g) {
  switch (attr) {
    case "@grantees":
      return [g?.grantees.filter((x) => x.name).map(granteeText) ?? []];
    case "@privileges":
      return [g?.privileges ?? []];
    case "@database":
      return [g?.target?.database ?? null];
    case "@schema":
      return [g?.target?.schema ?? null];
    case "@target":
      return [g?.target?.text ?? null];
    case "@with_grant_option":
      return [g?.withGrantOption ?? null];
    case "@kind":
      return [rc.kind];
    case "@address":
      return [rc.address];
    default:
      return [void 0];
  }
}
function resolvePath(obj, path) {
  let cur = [obj];
  for (const seg of path.split(".")) {
    const next = [];
    for (const c of cur) {
      if (seg === "*") {
        if (Array.isArray(c)) for (const x of c) next.push(x);
        else if (c && typeof c === "object") for (const x of Object.values(c)) next.push(x);
      } else if (Array.isArray(c) && /^\d+$/.test(seg)) next.push(c[Number(seg)]);
      else if (c && typeof c === "object" && !Array.isArray(c)) next.push(c[seg]);
      else next.push(void 0);
    }
    cur = next;
  }
  return cur;
}
function knownPrefix(path) {
  const out = [];
  for (const seg of path.split(".")) {
    if (seg === "*") break;
    out.push(/^\d+$/.test(seg) ? Number(seg) : seg);
  }
  return out;
}
var eq = (a, b) => typeof a === "string" && typeof b === "string" ? a.toUpperCase() === b.toUpperCase() : a === b;
function test(c, v) {
  if (c.equals !== void 0) return eq(v, c.equals);
  if (c.in !== void 0) return c.in.some((x) => eq(v, x));
  if (c.contains !== void 0) return Array.isArray(v) ? v.some((x) => eq(x, c.contains)) : typeof v === "string" && typeof c.contains === "string" && v.toUpperCase().includes(c.contains.toUpperCase());
  if (c.matches !== void 0) return v !== void 0 && v !== null && new RegExp(c.matches).test(String(v));
  if (c.glob !== void 0) return typeof v === "string" && picomatch3(c.glob, { nocase: true, nobracket: true })(v);
  if (c.gt !== void 0) return typeof v === "number" && v > c.gt;
  if (c.gte !== void 0) return typeof v === "number" && v >= c.gte;
  if (c.lt !== void 0) return typeof v === "number" && v < c.lt;
  if (c.lte !== void 0) return typeof v === "number" && v <= c.lte;
  return false;
}
function evalCondition(c, rc, g) {
  const values = c.attribute.startsWith("@") ? virtual(c.attribute, rc, g) : resolvePath(valuesOf(rc), c.attribute);
  const readingAfter = rc.kind !== "delete" && rc.kind !== "forget" && rc.kind !== "existing";
  if (!c.attribute.startsWith("@") && readingAfter && isUnknown(rc, knownPrefix(c.attribute))) return { result: "unknown", value: void 0 };
  const value = values.length === 1 ? values[0] : values;
  if (c.exists !== void 0) return { result: values.some((v) => v !== void 0 && v !== null) === c.exists, value };
  if (c.not_equals !== void 0) return { result: !values.some((v) => eq(v, c.not_equals)), value };
  if (c.not_in !== void 0) return { result: !values.some((v) => c.not_in.some((x) => eq(v, x))), value };
  if (c.not_contains !== void 0) return { result: !values.some((v) => test({ attribute: c.attribute, contains: c.not_contains }, v)), value };
  return { result: values.some((v) => test(c, v)), value };
}
var DEFAULT_KINDS = ["create", "update", "replace", "existing"];
function compileCustomRule(rule) {
  const types = Array.isArray(rule.type) ? rule.type : [rule.type];
  const typeMatch = picomatch3(types, { nobracket: true });
  const kinds = new Set(rule.actions ?? DEFAULT_KINDS);
  return {
    rule,
    check(rc, g) {
      if (!kinds.has(rc.kind) || !typeMatch(rc.type)) return void 0;
      const results = rule.when.map((c) => ({ c, ...evalCondition(c, rc, g) }));
      const unknown = results.filter((r) => r.result === "unknown").map((r) => r.c.attribute);
      let fire;
      if (rule.match === "any") fire = results.length === 0 || results.some((r) => r.result === true) ? true : unknown.length ? "unknown" : false;
      else fire = results.some((r) => r.result === false) ? false : unknown.length ? "unknown" : true;
      if (fire === false) return void 0;
      const first2 = results[0]?.value;
      const message = rule.message.replaceAll("{address}", rc.address).replaceAll("{type}", rc.type).replaceAll("{name}", rc.name).replaceAll("{attribute}", first2 === void 0 ? "(unknown)" : typeof first2 === "string" ? first2 : JSON.stringify(first2));
      return {
        rule: rule.id,
        rc,
        grantee: g?.grantees.length ? g.grantees.map(granteeText).join(", ") : void 0,
        privileges: g?.privileges,
        target: g?.target?.text,
        message: fire === "unknown" ? `${message} (undecided: ${unknown.join(", ")} unknown until apply)` : message,
        undecided: fire === "unknown",
        unknown: unknown.length ? unknown : void 0
      };
    }
  };
}

// shared/policy/parity.ts
import { basename } from "node:path";
import picomatch4 from "../vendor/picomatch.js";
var ALIASES = {
  DEV: "dev",
  DEVELOPMENT: "dev",
  TEST: "test",
  QA: "qa",
  UAT: "uat",
  STG: "staging",
  STAGE: "staging",
  STAGING: "staging",
  PREPROD: "preprod",
  PRD: "prod",
  PROD: "prod",
  PRODUCTION: "prod"
};
function environmentLabel(file, mapping, environments) {
  if (mapping) {
    for (const [glob, label] of Object.entries(mapping)) {
      if (picomatch4(glob, { dot: true })(file) || picomatch4(glob, { dot: true })(basename(file))) return label;
    }
  }
  const known = new Set((environments ?? Object.keys(ALIASES)).map((e) => e.toUpperCase()));
  const tokens = basename(file).replace(/\.[^.]*$/, "").split(/[^A-Za-z0-9]+/);
  for (const t of tokens) {
    const u = t.toUpperCase();
    if (known.has(u)) return ALIASES[u] ?? t.toLowerCase();
  }
  return basename(file);
}
function grantKeys(g, norm) {
  const t = g.target;
  const target = t ? [t.kind, t.scope, t.database, t.schema, t.object].map((x) => x ? norm(x.toUpperCase()) : "").join("|") : "";
  const targetText2 = t ? t.text.toUpperCase().split(" ").map(norm).join(" ") : "?";
  const privs = g.category === "role" ? ["(role membership)"] : g.privileges.length ? g.privileges : ["?"];
  const out = [];
  for (const x of g.grantees) {
    if (!x.name) continue;
    const who = `${x.kind} ${norm(x.name.toUpperCase())}`;
    for (const p of privs) {
      const go = g.withGrantOption ? " WITH GRANT OPTION" : "";
      out.push({ key: `${who}|${p}|${target}|${go}`, text: g.category === "role" ? `${targetText2} to ${who}` : `${p} on ${targetText2} to ${who}${go}` });
    }
  }
  return out;
}
function parityFindings(docs, norm) {
  if (docs.length < 2) return [];
  const sets = docs.map(({ doc, grants }) => {
    const m = /* @__PURE__ */ new Map();
    for (const rc of doc.resources) {
      if (!survives(rc)) continue;
      const g = grants.get(rc);
      if (!g) continue;
      for (const k of grantKeys(g, norm)) if (!m.has(k.key)) m.set(k.key, { rc, text: k.text });
    }
    return m;
  });
  const out = [];
  docs.forEach(({ doc }, i) => {
    const missing = /* @__PURE__ */ new Map();
    for (const [key, e] of sets[i]) {
      docs.forEach(({ doc: other }, j) => {
        if (i === j || sets[j].has(key)) return;
        let byEnv = missing.get(e.rc);
        if (!byEnv) missing.set(e.rc, byEnv = /* @__PURE__ */ new Map());
        const l = byEnv.get(other.label);
        if (l) l.push(e.text);
        else byEnv.set(other.label, [e.text]);
      });
    }
    for (const [rc, byEnv] of missing) {
      for (const [env, texts] of byEnv) {
        out.push({ rule: PARITY_RULE.id, rc, message: `Present in ${doc.label}, missing in ${env}: ${texts.join("; ")}.` });
      }
    }
  });
  return out;
}

// shared/policy/engine.ts
function ruleSettings(config) {
  const options = { ...DEFAULT_RULE_OPTIONS };
  const ret = config.rules["SF-RETENTION-FOR-ROLLBACK"];
  if (ret && typeof ret === "object") {
    if (ret.min_days !== void 0) options.retentionMinDays = ret.min_days;
    if (ret.databases) options.retentionDatabases = ret.databases;
  }
  const acc = config.rules["SF-ACCOUNT-PRIV"];
  if (acc && typeof acc === "object" && acc.deny_privileges) options.denyAccountPrivileges = acc.deny_privileges;
  return {
    level: (id, dflt) => {
      const s = config.rules[id];
      if (s === void 0) return dflt;
      if (typeof s === "string") return s;
      return s.level ?? dflt;
    },
    options
  };
}
function labelDocs(docs, config, explicit = []) {
  const envs = config.roleIntent.environments;
  const labels = docs.map((d, i) => explicit[i] ?? environmentLabel(d.file, config.environments, envs));
  const counts = /* @__PURE__ */ new Map();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  docs.forEach((d, i) => {
    d.label = counts.get(labels[i]) > 1 ? d.file : labels[i];
  });
}
var MS_PER_DAY = 864e5;
var cmp = (a, b) => a < b ? -1 : a > b ? 1 : 0;
function evaluate(docs, opts) {
  const { config } = opts;
  const now = opts.now ?? /* @__PURE__ */ new Date();
  const intent = buildRoleIntent(config.roleIntent);
  const { level, options } = ruleSettings(config);
  const custom = config.customRules.map(compileCustomRule);
  const meta = new Map(RULE_CATALOGUE.map((r) => [r.id, r]));
  for (const c of config.customRules) {
    meta.set(c.id, { id: c.id, level: c.level, title: c.title ?? c.id, description: c.description ?? c.message, remediation: c.remediation ?? "See the rule description in the policy configuration." });
  }
  const enabled = (id) => level(id, meta.get(id)?.level ?? "warn") !== "off";
  const raw = [];
  const perDoc = [];
  for (const doc of docs) {
    const resources = doc.resources.filter((r) => r.mode === "managed");
    const byAddress = new Map(resources.map((r) => [r.address, r]));
    const grants = /* @__PURE__ */ new Map();
    for (const rc of resources) {
      const g = grantInfo(rc, doc, byAddress);
      if (g) grants.set(rc, g);
    }
    perDoc.push({ doc, grants });
    const ctx = { doc, intent, options, byAddress, grants, resources };
    for (const f of runBuiltinRules(ctx, enabled)) raw.push({ f, doc });
    const active2 = custom.filter((c) => enabled(c.rule.id));
    if (active2.length) {
      for (const rc of resources) {
        if (rc.kind === "no-op" || rc.kind === "read") continue;
        for (const c of active2) {
          const f = c.check(rc, grants.get(rc));
          if (f) raw.push({ f, doc });
        }
      }
    }
  }
  if (enabled(PARITY_RULE.id) && docs.length > 1) {
    const byDoc = /* @__PURE__ */ new Map();
    for (const d of docs) for (const r of d.resources) byDoc.set(r, d);
    for (const f of parityFindings(perDoc, intent.normaliseEnv)) raw.push({ f, doc: byDoc.get(f.rc) });
  }
  const today = now.getTime();
  const exceptions = config.exceptions.map((e) => {
    const match = picomatch5(e.address, { nobracket: true, dot: true });
    return { e, expired: Date.parse(`${e.expires}T00:00:00Z`) + MS_PER_DAY <= today, used: false, match: (addr) => match(addr) || match(addr.replace(/\[[^\]]*\]/g, "")) };
  });
  const findings = [];
  const order = new Map(docs.map((d, i) => [d, i]));
  const sortKey = [];
  for (const { f, doc } of raw) {
    const m = meta.get(f.rule);
    let lvl = level(f.rule, m.level);
    if (lvl === "off") continue;
    const setting = config.rules[f.rule];
    const overridden = typeof setting === "string" || typeof setting === "object" && setting.level !== void 0;
    if (!overridden && f.level) lvl = f.level;
    if (f.undecided) lvl = "warn";
    const finding = {
      rule: f.rule,
      level: lvl,
      title: m.title,
      message: f.message,
      address: f.rc.address,
      type: f.rc.type,
      actions: f.rc.actions,
      grantee: f.grantee ?? null,
      privileges: f.privileges ?? [],
      target: f.target ?? null,
      remediation: f.remediation ?? m.remediation,
      plan: doc.file,
      environment: doc.label,
      line: f.rc.line,
      unknown: f.unknown
    };
    const ex = exceptions.find((x) => !x.expired && (x.e.rule === "*" || x.e.rule === f.rule) && x.match(f.rc.address));
    if (ex) {
      ex.used = true;
      finding.excepted = { reason: ex.e.reason, expires: ex.e.expires, address: ex.e.address };
    }
    findings.push(finding);
    sortKey.push([order.get(doc), f.rc.line ?? 0]);
  }
  const idx = findings.map((_, i) => i);
  idx.sort((a, b) => sortKey[a][0] - sortKey[b][0] || sortKey[a][1] - sortKey[b][1] || cmp(findings[a].address, findings[b].address) || cmp(findings[a].rule, findings[b].rule));
  const sorted = idx.map((i) => findings[i]);
  for (const x of exceptions) {
    if (!x.expired) continue;
    sorted.push({
      rule: EXPIRED_EXCEPTION_RULE.id,
      level: "deny",
      title: EXPIRED_EXCEPTION_RULE.title,
      message: `The exception for ${x.e.rule} on ${x.e.address} expired on ${x.e.expires} ("${x.e.reason}"); it no longer applies.`,
      address: x.e.address,
      type: "policy-exception",
      actions: [],
      grantee: null,
      privileges: [],
      target: null,
      remediation: EXPIRED_EXCEPTION_RULE.remediation,
      plan: config.source ?? "(policy configuration)",
      environment: ""
    });
  }
  const warnings = docs.flatMap((d) => d.warnings);
  const unused = exceptions.filter((x) => !x.expired && !x.used).map((x) => ({ rule: x.e.rule, address: x.e.address, reason: x.e.reason, expires: x.e.expires }));
  for (const u of unused) warnings.push(`Exception for ${u.rule} on ${u.address} matched no finding; remove it if it is no longer needed.`);
  const failOnWarn = !!opts.failOnWarn;
  const active = sorted.filter((f) => !f.excepted);
  const deny = active.filter((f) => f.level === "deny").length;
  const warn = active.filter((f) => f.level === "warn").length;
  const rules = {};
  const ran = [];
  for (const m of meta.values()) {
    const lvl = level(m.id, m.level);
    rules[m.id] = { level: lvl, deny: 0, warn: 0, excepted: 0 };
    if (lvl !== "off") ran.push(m);
  }
  for (const f of sorted) {
    const t = rules[f.rule];
    if (f.excepted) t.excepted++;
    else t[f.level]++;
  }
  const summary = {
    result: deny > 0 || failOnWarn && warn > 0 ? "fail" : "pass",
    failOnWarn,
    plans: docs.map((d) => ({
      file: d.file,
      environment: d.label,
      kind: d.kind,
      formatVersion: d.formatVersion,
      terraformVersion: d.terraformVersion,
      resources: d.resources.length,
      changes: d.resources.filter((r) => r.kind !== "no-op" && r.kind !== "read").length
    })),
    resources: docs.reduce((n, d) => n + d.resources.length, 0),
    changes: docs.reduce((n, d) => n + d.resources.filter((r) => r.kind !== "no-op" && r.kind !== "read").length, 0),
    deny,
    warn,
    excepted: sorted.filter((f) => f.excepted).length,
    expiredExceptions: exceptions.filter((x) => x.expired).length,
    unusedExceptions: unused,
    rules
  };
  return { findings: sorted, summary, warnings, rules: ran };
}
function parsePlanArg(arg) {
  if (existsSync(arg)) return { file: arg };
  const m = /^([A-Za-z][A-Za-z0-9_-]*)=(.+)$/.exec(arg);
  return m ? { file: m[2], label: m[1] } : { file: arg };
}
async function readPlans(args, config) {
  if (args.length === 0) throw new UserError("No plan given.", { hint: "Pass --plan <file> (the output of `terraform show -json tfplan`); repeat it for several environments." });
  const parsed = args.map(parsePlanArg);
  const docs = [];
  for (const p of parsed) {
    let text;
    const size = await stat(p.file).then((st) => st.size).catch(() => 0);
    if (size > bufferConstants.MAX_STRING_LENGTH) {
      throw new UserError(`Plan file ${p.file} is ${Math.round(size / 1048576)} MiB; Slipway reads plan JSON up to ${Math.floor(bufferConstants.MAX_STRING_LENGTH / 1048576)} MiB (one JavaScript string).`, {
        hint: "Check each workspace or root module with its own plan (repeat --plan), or export the plan without -refresh-only noise."
      });
    }
    try {
      text = await readFile2(p.file, "utf8");
    } catch (err) {
      throw new UserError(`Plan file ${p.file} cannot be read (${err.code ?? err.message}).`, { hint: "Check the path; create it with `terraform show -json tfplan > plan.json`." });
    }
    docs.push(parseTerraformJson(text, p.file));
  }
  labelDocs(docs, config, parsed.map((p) => p.label));
  return docs;
}

// shared/policy/index.ts
async function runPolicy(opts) {
  const config = opts.config ?? (opts.configFile ? await loadPolicyConfig(opts.configFile) : await defaultPolicyConfig());
  const docs = await readPlans(opts.plans, config);
  return evaluate(docs, { config, failOnWarn: opts.failOnWarn, now: opts.now });
}

export {
  POLICY_FORMATS,
  formatSarif,
  formatMarkdown,
  formatReport,
  runPolicy
};
