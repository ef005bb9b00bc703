import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);

// shared/permissions/model.ts
var FEATURES = ["pr-schema", "slim-ci", "schema-cleanup", "deploy", "rollback", "freshness", "reviewer-roles", "schema-future-grants", "database-swap"];
var OPT_IN_FEATURES = {
  "reviewer-roles": "pr-schema input `reviewer-roles` (`--reviewer-roles`): schema-level future grants on each PR schema",
  "schema-future-grants": "published schemas that carry schema-level future grants, which the cutover mirrors onto the new views schema",
  "database-swap": "blue-green-swap input `database-swap` (`--database-swap`): one ALTER DATABASE … SWAP WITH for every published schema"
};
var PERMISSIONS = [
  // ---- CI (pull requests) ----
  { role: "ci", privileges: ["USAGE"], kind: "warehouse", target: "warehouse", features: ["pr-schema", "slim-ci", "schema-cleanup"], commands: ["pr-schema create", "slim-ci", "schema-cleanup"], why: "run any query" },
  {
    role: "ci",
    privileges: ["USAGE", "CREATE SCHEMA"],
    kind: "database",
    target: "database",
    features: ["pr-schema", "slim-ci", "schema-cleanup"],
    commands: ["pr-schema create", "slim-ci (dbt build)", "schema-cleanup"],
    why: "create CI_PR_<n>; the CI role then owns it, so it can build in it, grant on it and drop it with no further privilege",
    postgres: { privileges: ["CONNECT", "CREATE"], on: "database" }
  },
  { role: "ci", privileges: ["USAGE"], kind: "database", target: "raw database", features: ["slim-ci"], commands: ["slim-ci (dbt build)"], why: "dbt reads the sources" },
  { role: "ci", privileges: ["USAGE"], kind: "future schemas", target: "raw database", features: ["slim-ci"], commands: ["slim-ci (dbt build)"], why: "dbt reads the sources" },
  { role: "ci", privileges: ["SELECT"], kind: "future tables", target: "raw database", features: ["slim-ci"], commands: ["slim-ci (dbt build)"], why: "dbt reads the sources" },
  { role: "ci", privileges: ["USAGE"], kind: "database", target: "prod database", features: ["slim-ci"], commands: ["slim-ci (dbt build --defer)"], why: "--defer reads unchanged parents from production's live colour schema" },
  { role: "ci", privileges: ["USAGE"], kind: "future schemas", target: "prod database", features: ["slim-ci"], commands: ["slim-ci (dbt build --defer)"], why: "--defer reads unchanged parents from production's live colour schema", postgres: { privileges: ["USAGE"], on: "schemas" } },
  { role: "ci", privileges: ["SELECT"], kind: "future tables", target: "prod database", features: ["slim-ci"], commands: ["slim-ci (dbt build --defer)"], why: "--defer reads unchanged parents from production's live colour schema", postgres: { privileges: ["SELECT"], on: "schemas" } },
  { role: "ci", privileges: ["SELECT"], kind: "future views", target: "prod database", features: ["slim-ci"], commands: ["slim-ci (dbt build --defer)"], why: "--defer reads unchanged parents from production's live colour schema" },
  {
    role: "ci",
    privileges: ["MANAGE GRANTS"],
    kind: "account",
    target: "account",
    features: ["reviewer-roles"],
    commands: ["pr-schema create --reviewer-roles"],
    optIn: "reviewer-roles",
    why: "only with reviewer-roles: GRANT … ON FUTURE … IN SCHEMA needs MANAGE GRANTS even for the owner. Without it, give reviewers database-level future grants in Terraform instead"
  },
  // ---- deploy (production) ----
  { role: "deploy", privileges: ["USAGE"], kind: "warehouse", target: "warehouse", features: ["deploy", "rollback", "freshness"], commands: ["deploy prepare|cutover|abort|adopt", "rollback", "freshness"], why: "run any query" },
  {
    role: "deploy",
    privileges: ["USAGE", "CREATE SCHEMA"],
    kind: "database",
    target: "database",
    features: ["deploy", "rollback"],
    commands: ["deploy prepare", "deploy cutover", "rollback"],
    why: "create (and so own) the colour schemas <S>__BLUE/<S>__GREEN, the views schema <S>__NEXT and the SLIPWAY admin schema; SWAP WITH and time travel need ownership of both schemas, which the creator has",
    postgres: { privileges: ["CONNECT", "CREATE"], on: "database" }
  },
  { role: "deploy", privileges: ["USAGE"], kind: "database", target: "raw database", features: ["deploy", "freshness"], commands: ["dbt build", "freshness"], why: "dbt and the freshness gate read the sources" },
  { role: "deploy", privileges: ["USAGE"], kind: "future schemas", target: "raw database", features: ["deploy", "freshness"], commands: ["dbt build", "freshness"], why: "dbt and the freshness gate read the sources" },
  { role: "deploy", privileges: ["SELECT"], kind: "future tables", target: "raw database", features: ["deploy", "freshness"], commands: ["dbt build", "freshness"], why: "dbt and the freshness gate read the sources" },
  {
    role: "deploy",
    privileges: ["MANAGE GRANTS"],
    kind: "account",
    target: "account",
    features: ["schema-future-grants"],
    commands: ["deploy cutover"],
    optIn: "schema-future-grants",
    why: "only when a published schema carries schema-level future grants: the cutover re-creates them on the new views schema. Declare future grants at database level (the reference Terraform does) and this is never needed"
  },
  {
    role: "deploy",
    privileges: ["CREATE DATABASE"],
    kind: "account",
    target: "account",
    features: ["database-swap"],
    commands: ["deploy cutover --database-swap"],
    optIn: "database-swap",
    why: "only with database-swap: the first deploy creates the consumer database's staging twin <DB>__NEXT, which the deploy role then owns and swaps"
  },
  // ---- readers ----
  { role: "reader", privileges: ["USAGE"], kind: "database", target: "database", features: ["consumer"], commands: ["(consumers)"], why: "reach the published schemas" },
  { role: "reader", privileges: ["USAGE"], kind: "future schemas", target: "database", features: ["consumer"], commands: ["(consumers)"], why: "every schema Slipway creates is readable with no grant of its own", postgres: { privileges: ["USAGE"], on: "schemas" } },
  { role: "reader", privileges: ["SELECT"], kind: "future tables", target: "database", features: ["consumer"], commands: ["(consumers)"], why: "read the colour tables the published views select from", postgres: { privileges: ["SELECT"], on: "schemas" } },
  { role: "reader", privileges: ["SELECT"], kind: "future views", target: "database", features: ["consumer"], commands: ["(consumers)"], why: "read the published views, which the cutover re-creates on every deploy" }
];
function roleForFeature(f) {
  const row = PERMISSIONS.find((p) => p.features.includes(f));
  return row?.role ?? "reader";
}
function permissionsFor(role, features) {
  return PERMISSIONS.filter((p) => p.role === role && p.features.some((f) => features.includes(f)));
}

export {
  FEATURES,
  OPT_IN_FEATURES,
  roleForFeature,
  permissionsFor
};
