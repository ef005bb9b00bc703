/**
 * Single-change mutations of test/conformance/project, one per `state:`
 * sub-selector and per edge case from dbt-core's docs, tests and issues.
 * scripts/regen-conformance.mjs applies each to a copy of the project, parses
 * it with real dbt and records `dbt ls` for every selector of SELECTORS with
 * --state pointing at the base project (forward) and, for REVERSE_SELECTORS,
 * the base project against the mutation's state (so additions become removals).
 *
 * Edits: { file, replace: [from, to] } (from must occur exactly once),
 * { file, append }, { file, write }, { file, delete: true }, { move: [from, to] }.
 * `env` sets environment variables for the mutated parse only.
 */

/** @type {{ name: string, why: string, edits?: object[], env?: Record<string, string> }[]} */
export const MUTATIONS = [
  { name: 'noop', why: 'identical project parsed again: nothing is modified', edits: [] },
  // --- body
  { name: 'body-whitespace', why: 'a trailing comment in a model: raw_code compared byte for byte', edits: [{ file: 'models/staging/stg_events.sql', append: '-- touched\n' }] },
  { name: 'body-logic', why: 'a model SQL change in the middle of the DAG', edits: [{ file: 'models/marts/customers.sql', replace: ['count(o.id)::int', 'count(distinct o.id)::int'] }] },
  { name: 'body-ephemeral', why: 'an ephemeral model changes: its descendants via +', edits: [{ file: 'models/staging/stg_payments.sql', replace: ['select order_id', 'select distinct order_id'] }] },
  { name: 'body-incremental', why: 'an incremental model body', edits: [{ file: 'models/marts/orders.sql', replace: ['o.id > (select max(id)', 'o.id >= (select max(id)'] }] },
  { name: 'body-snapshot', why: 'a snapshot body', edits: [{ file: 'snapshots/customers_snapshot.sql', replace: ['select * from', 'select id, name, region from'] }] },
  { name: 'body-analysis', why: 'an analysis body (ls lists analyses only with --resource-type all/analysis)', edits: [{ file: 'analyses/revenue_by_region.sql', replace: ['select c.name', 'select c.name, c.id'] }] },
  { name: 'body-singular-test', why: 'a singular data test body', edits: [{ file: 'tests/assert_revenue_positive.sql', replace: ['revenue < 0', 'revenue <= 0'] }] },
  { name: 'body-empty-model', why: 'an empty model gains SQL (empty models are listed by ls)', edits: [{ file: 'models/staging/empty_model.sql', write: 'select 1 as id\n' }] },
  { name: 'body-package-model', why: 'a model in the vendored package changes', edits: [{ file: 'dbt_packages/conf_utils/models/utils_calendar.sql', replace: ["date '2026-01-31'", "date '2026-02-28'"] }] },
  { name: 'body-versioned-v1', why: 'the old version of a versioned model changes', edits: [{ file: 'models/marts/dim_region_v1.sql', replace: ['select distinct region', 'select distinct lower(region) as region'] }] },
  // --- seeds
  { name: 'seed-row', why: 'a seed row appended: checksum differs', edits: [{ file: 'seeds/raw_customers.csv', append: '4,Barbara,us\n' }] },
  { name: 'seed-config', why: 'a seed column_types config', edits: [{ file: 'seeds/seeds.yml', replace: ['id: integer', 'id: bigint'] }] },
  { name: 'seed-description', why: 'a seed description without persist_docs: not a modification', edits: [{ file: 'seeds/seeds.yml', replace: ['Customers as loaded by the CRM export.', 'Customers from the CRM.'] }] },
  // --- configs
  { name: 'config-explicit-default', why: 'a folder-level +materialized: view where the project level already sets view: same key, same value, nothing modified', edits: [{ file: 'dbt_project.yml', replace: ['    marts:\n', '    staging:\n      +materialized: view\n    marts:\n'] }] },
  { name: 'config-sql-call', why: 'a config() argument (unique_key) in the model file', edits: [{ file: 'models/marts/orders.sql', replace: ["unique_key='id'", "unique_key=['id']"] }] },
  { name: 'config-project-hook', why: 'a +post-hook added to a project folder: every model under it', edits: [{ file: 'dbt_project.yml', replace: ["      +tags: ['mart']\n", "      +tags: ['mart']\n      +post-hook: \"select 2 as audited\"\n"] }] },
  { name: 'config-model-hook', why: 'a model-level post_hook text changes', edits: [{ file: 'models/marts/order_facts.sql', replace: ['select 1 as facts_built', 'select 2 as facts_built'] }] },
  { name: 'config-tags-only', why: 'tags are excluded from config comparison', edits: [{ file: 'dbt_project.yml', replace: ["+tags: ['mart']", "+tags: ['mart', 'finance']"] }] },
  { name: 'config-meta-yaml', why: 'meta in a properties config: block counts', edits: [{ file: 'models/marts/marts.yml', replace: ['      persist_docs:\n', '      meta: {owner: finance}\n      persist_docs:\n'] }] },
  { name: 'config-incremental-on-schema-change', why: 'on_schema_change on an incremental model', edits: [{ file: 'models/marts/orders.sql', replace: ["on_schema_change='append_new_columns'", "on_schema_change='sync_all_columns'"] }] },
  { name: 'config-test-severity', why: 'a generic test severity (one of the compared test modifiers)', edits: [{ file: 'models/staging/staging.yml', replace: ['        data_tests: [unique]\n      - name: customer_id', '        data_tests:\n          - unique:\n              config:\n                severity: warn\n      - name: customer_id'] }] },
  { name: 'config-project-tests', why: 'project-level data_tests +severity changes every test', edits: [{ file: 'dbt_project.yml', replace: ['+severity: error', '+severity: warn'] }] },
  { name: 'config-env-var', why: 'an env_var() value used in config(): with the unrendered flag off (1.11 default) the rendered value counts', env: { CONF_STG_MATERIALIZED: 'table' } },
  { name: 'config-var', why: 'a project var used in a config() meta value', edits: [{ file: 'dbt_project.yml', replace: ['  region: eu', '  region: us'] }] },
  { name: 'config-disable', why: 'a model disabled: gone from the graph, never selected', edits: [{ file: 'models/staging/staging.yml', replace: ['  - name: stg_customers\n', '  - name: stg_customers\n    config:\n      enabled: false\n'] }, { file: 'models/marts/customers.sql', replace: ["{{ ref('stg_customers') }} c", "{{ ref('raw_customers') }} c"] }, { file: 'models/marts/dim_region_v1.sql', replace: ["ref('stg_customers')", "ref('raw_customers')"] }, { file: 'models/marts/dim_region_v2.sql', replace: ["ref('stg_customers')", "ref('raw_customers')"] }, { file: 'snapshots/customers_snapshot.sql', replace: ["ref('stg_customers')", "ref('raw_customers')"] }, { file: 'models/staging/staging.yml', replace: ["to: ref('stg_customers')", "to: ref('raw_customers')"] }, { file: 'models/marts/marts.yml', replace: ["input: ref('stg_customers')", "input: ref('raw_customers')"] }] },
  // --- relation
  { name: 'relation-alias', why: 'a model alias: modified.relation', edits: [{ file: 'models/marts/marts.yml', replace: ['    description: Orders with payment time.\n', '    description: Orders with payment time.\n    config:\n      alias: fct_orders\n'] }] },
  { name: 'relation-schema', why: 'a +schema on a folder: modified.relation for each model there', edits: [{ file: 'dbt_project.yml', replace: ['    +materialized: view\n    marts:', '    +materialized: view\n    staging:\n      +schema: staging\n    marts:'] }] },
  { name: 'relation-source-schema', why: "a source's schema", edits: [{ file: 'models/staging/sources.yml', replace: ['schema: conf_crm', 'schema: conf_crm2'] }] },
  // --- persisted descriptions
  { name: 'docs-persisted-column', why: 'a column description on a model with persist_docs columns', edits: [{ file: 'models/marts/marts.yml', replace: ['Revenue in dollars.', 'Revenue in US dollars.'] }] },
  { name: 'docs-persisted-relation', why: 'a model description with persist_docs relation', edits: [{ file: 'models/marts/marts.yml', replace: ['Revenue per customer.', 'Revenue per customer, all time.'] }] },
  { name: 'docs-not-persisted', why: 'a description on a model without persist_docs: not a modification', edits: [{ file: 'models/staging/staging.yml', replace: ['Customers, cleaned.', 'Customers, deduplicated.'] }] },
  { name: 'docs-block', why: 'a docs block rendered into a description (no persist_docs)', edits: [{ file: 'models/marts/docs.md', replace: ['their order count', 'how many orders they placed'] }] },
  // --- macros
  { name: 'macro-project', why: 'a project macro body (called from a model)', edits: [{ file: 'macros/conf_filter.sql', replace: ["{{ column }} <> '", "{{ column }} != '"] }] },
  { name: 'macro-package', why: 'a package macro reached transitively (conf_filter → excluded_status)', edits: [{ file: 'dbt_packages/conf_utils/macros/money.sql', replace: ['cancelled', 'canceled'] }] },
  { name: 'macro-package-direct', why: 'a package macro called directly from a model', edits: [{ file: 'dbt_packages/conf_utils/macros/money.sql', replace: ['numeric(16, 2)', 'numeric(18, 2)'] }] },
  { name: 'macro-generic-test', why: 'a custom generic test definition in the project', edits: [{ file: 'tests/generic/is_even.sql', replace: ['<> 0', '!= 0'] }] },
  { name: 'macro-package-generic-test', why: 'a generic test defined in the package', edits: [{ file: 'dbt_packages/conf_utils/macros/money.sql', replace: ['{{ column_name }} < 0', '{{ column_name }} <= 0'] }] },
  { name: 'macro-new-unused', why: 'a new macro nobody calls: nothing modified', edits: [{ file: 'macros/unused.sql', write: '{% macro never_called() %}1{% endmacro %}\n' }] },
  { name: 'macro-hook', why: 'the macro used by on-run-end (hooks are not listed by ls)', edits: [{ file: 'macros/conf_filter.sql', replace: ['{% do log(message) %}', '{% do log(message, info=true) %}'] }] },
  // --- contracts
  { name: 'contract-add-column', why: 'a column added to an enforced contract (not breaking)', edits: [{ file: 'models/marts/customers.sql', replace: ['    c.name,\n', '    c.name,\n    c.region,\n'] }, { file: 'models/marts/marts.yml', replace: ['      - name: name\n        data_type: text\n', '      - name: name\n        data_type: text\n      - name: region\n        data_type: text\n'] }, { file: 'models/marts/customers.sql', replace: ['group by 1, 2', 'group by 1, 2, 3'] }] },
  { name: 'contract-type-size', why: 'text → varchar(50): base type differs, breaking on an unversioned model (warning only)', edits: [{ file: 'models/marts/marts.yml', replace: ['      - name: name\n        data_type: text', '      - name: name\n        data_type: varchar(50)'] }] },
  { name: 'contract-constraint-removed', why: 'an enforced not_null constraint removed (breaking, unversioned: warning)', edits: [{ file: 'models/marts/marts.yml', replace: ['        data_type: integer\n        constraints:\n          - type: not_null\n', '        data_type: integer\n'] }] },
  { name: 'contract-unenforced', why: 'contract enforcement removed on an unversioned model (breaking: warning)', edits: [{ file: 'models/marts/marts.yml', replace: ['    description: "{{ doc(\'customers_doc\') }}"\n    config:\n      contract:\n        enforced: true', '    description: "{{ doc(\'customers_doc\') }}"\n    config:\n      contract:\n        enforced: false'] }] },
  { name: 'contract-versioned-breaking', why: 'a column type change on an enforced versioned model: dbt fails the selection', edits: [{ file: 'models/marts/marts.yml', replace: ['      - name: region_code\n        data_type: text', '      - name: region_code\n        data_type: integer'] }] },
  { name: 'contract-new', why: 'a contract newly enforced on a model (not breaking)', edits: [{ file: 'models/marts/marts.yml', replace: ['    description: Orders with payment time.\n', '    description: Orders with payment time.\n    config:\n      contract:\n        enforced: true\n'] }, { file: 'models/marts/marts.yml', replace: ['      - name: id\n        data_tests: [unique, not_null, is_even]', '      - name: id\n        data_type: integer\n        data_tests: [unique, not_null, is_even]\n      - name: customer_id\n        data_type: integer\n      - name: amount\n        data_type: numeric\n      - name: paid_at\n        data_type: timestamp'] }] },
  // --- model properties
  { name: 'access-public', why: 'access: public (ref representation)', edits: [{ file: 'models/staging/staging.yml', replace: ['    description: Customers, cleaned.\n', '    description: Customers, cleaned.\n    access: public\n'] }] },
  { name: 'deprecation-date', why: 'deprecation_date at the top of a versioned model: dbt 1.11 does not copy it to the versions, nothing modified', edits: [{ file: 'models/marts/marts.yml', replace: ['  - name: dim_region\n    latest_version: 2\n', '  - name: dim_region\n    latest_version: 2\n    deprecation_date: 2030-01-01\n'] }] },
  { name: 'latest-version', why: 'latest_version moved from 2 to 1: both versions modified', edits: [{ file: 'models/marts/marts.yml', replace: ['    latest_version: 2\n', '    latest_version: 1\n'] }] },
  { name: 'fqn-move', why: 'a model moved to another folder: fqn changes (and with it the project config that applies)', edits: [{ move: ['models/staging/stg_events.sql', 'models/marts/stg_events.sql'] }] },
  // --- new / removed
  { name: 'model-new', why: 'a new model downstream of an existing one', edits: [{ file: 'models/marts/customer_regions.sql', write: "select c.id, s.region from {{ ref('customers') }} c join {{ ref('stg_customers') }} s using (id)\n" }] },
  { name: 'model-deleted', why: 'a leaf model deleted (reverse: new)', edits: [{ file: 'models/staging/stg_events.sql', delete: true }] },
  { name: 'version-new', why: 'a third version of a versioned model', edits: [{ file: 'models/marts/dim_region_v3.sql', write: "select distinct region, upper(region) as region_code from {{ ref('stg_customers') }}\n" }, { file: 'models/marts/marts.yml', replace: ['      - v: 2\n', '      - v: 2\n      - v: 3\n'] }] },
  { name: 'test-new-generic', why: 'a new generic test on an existing column', edits: [{ file: 'models/staging/staging.yml', replace: ['        data_tests: [unique, not_null]', '        data_tests: [unique, not_null, is_even]'] }] },
  { name: 'test-args-changed', why: 'accepted_values arguments change: a new test unique_id, the old one gone', edits: [{ file: 'models/staging/staging.yml', replace: ["values: ['eu', 'us']", "values: ['eu', 'us', 'apac']"] }] },
  { name: 'seed-new', why: 'a new seed', edits: [{ file: 'seeds/raw_regions.csv', write: 'region,label\neu,Europe\n' }] },
  { name: 'source-new', why: 'a new source table: state:new but not state:modified (dbt quirk)', edits: [{ file: 'models/staging/sources.yml', replace: ['      - name: countries\n', '      - name: currencies\n      - name: countries\n'] }] },
  { name: 'source-freshness', why: "a source's warn_after", edits: [{ file: 'models/staging/sources.yml', replace: ['warn_after: {count: 1, period: day}', 'warn_after: {count: 2, period: day}'] }] },
  { name: 'source-loaded-at', why: "a source's loaded_at_field expression", edits: [{ file: 'models/staging/sources.yml', replace: ['"paid_at::timestamp"', '"paid_at::timestamptz"'] }] },
  { name: 'source-description', why: 'a source table description: not compared', edits: [{ file: 'models/staging/sources.yml', replace: ['Events, fresh within two hours.', 'Events.'] }] },
  { name: 'exposure-owner', why: 'an exposure owner gains a name', edits: [{ file: 'models/marts/marts.yml', replace: ['      email: data@example.com', '      email: data@example.com\n      name: Data team'] }] },
  { name: 'exposure-new', why: 'a new exposure: state:new but not state:modified (dbt quirk)', edits: [{ file: 'models/marts/marts.yml', append: '  - name: ops_app\n    type: application\n    owner:\n      email: ops@example.com\n    depends_on:\n      - ref(\'orders\')\n' }] },
  { name: 'unit-test-rows', why: 'a unit test given row changes (checksum)', edits: [{ file: 'models/marts/marts.yml', replace: ['          - {id: 11, customer_id: 1}', '          - {id: 11, customer_id: 2}'] }] },
  { name: 'hook-on-run-start', why: 'an on-run-start hook (operation nodes are not listed by ls)', edits: [{ file: 'dbt_project.yml', replace: ['select 1 as run_started', 'select 2 as run_started'] }] },
];

/** Selector matrix recorded for every mutation (dbt ls arguments after `ls`). */
export const SELECTORS = [
  ['-s', 'state:modified'],
  ['-s', 'state:modified+'],
  ['-s', '+state:modified'],
  ['-s', '1+state:modified'],
  ['-s', '@state:modified'],
  ['-s', 'state:modified.body'],
  ['-s', 'state:modified.configs'],
  ['-s', 'state:modified.relation'],
  ['-s', 'state:modified.persisted_descriptions'],
  ['-s', 'state:modified.macros'],
  ['-s', 'state:modified.contract'],
  ['-s', 'state:new'],
  ['-s', 'state:old'],
  ['-s', 'state:unmodified'],
  ['--exclude', 'state:unmodified'],
  ['-s', 'state:modified+', '--indirect-selection', 'cautious'],
  ['-s', 'state:modified+', '--indirect-selection', 'buildable'],
  ['-s', 'state:modified+', '--indirect-selection', 'empty'],
  ['-s', 'state:modified', '--indirect-selection', 'cautious'],
  ['-s', 'state:modified.body+ state:modified.configs+'],
  ['-s', 'state:modified+,tag:mart'],
  ['-s', 'state:modified+', '--exclude', 'tag:mart'],
  ['-s', 'state:modified+', '--resource-type', 'model'],
  ['-s', 'state:modified+', '--resource-type', 'all'],
  ['-s', 'state:modified+', '--exclude-resource-type', 'test'],
  ['-s', 'state:unmodified', '--resource-type', 'seed'],
  ['-s', '2+state:modified+1'],
];

/** The smaller matrix recorded in the reverse direction (base project, mutation as state). */
export const REVERSE_SELECTORS = [
  ['-s', 'state:modified'],
  ['-s', 'state:modified+'],
  ['-s', 'state:new'],
  ['-s', 'state:old'],
  ['-s', 'state:modified.contract'],
];

/**
 * Variants: the base project with one project-wide change (e.g. a dbt flag),
 * and the listed mutations applied on top of it; recorded with SELECTORS and
 * REVERSE_SELECTORS like the plain mutations. `slipwayArgs` are what a user
 * passes to `slipway select` for the same setting.
 */
export const VARIANTS = [
  {
    name: 'unrendered',
    why: 'flags: state_modified_compare_more_unrendered_values: true in dbt_project.yml (the default from dbt 1.12)',
    edits: [{ file: 'dbt_project.yml', append: 'flags:\n  state_modified_compare_more_unrendered_values: true\n' }],
    mutations: ['noop', 'config-env-var', 'config-var', 'config-sql-call', 'relation-source-schema', 'source-freshness'],
    slipwayArgs: ['--state-modified-compare-more-unrendered-values', 'true'],
  },
];
