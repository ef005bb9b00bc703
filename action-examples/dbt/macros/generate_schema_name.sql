{#-
  Slipway's generate_schema_name — copy into your project's macros/ folder.

  Where a model lands:

  * Blue-green deploy (SLIPWAY_SCHEMA_SUFFIX is set by the blue-green-swap
    action's `prepare` step, e.g. `__GREEN`): into the idle colour schema,
    `<published schema><suffix>`, e.g. MARTS__GREEN. The published schema
    (MARTS) holds only views that the atomic cutover re-points; the colour
    schemas are never renamed or moved.
  * A production target without Slipway (target.name listed in the
    `slipway_production_targets` var, default ['prod']): the custom schema
    as written (MARTS), or the target's schema — no `<target>_` prefix.
  * Everything else (pull request CI, a developer's dev target): every model
    goes into the target's own schema. In CI that is the PR schema the
    pr-schema action exported as DBT_SCHEMA (CI_PR_123), so the PR builds into
    exactly one schema and schema-cleanup can drop all of it.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- set suffix = env_var('SLIPWAY_SCHEMA_SUFFIX', '') | trim -%}
    {%- set published = custom_schema_name | trim if custom_schema_name is not none else target.schema -%}
    {%- if suffix != '' -%}
        {{ published ~ suffix }}
    {%- elif target.name in var('slipway_production_targets', ['prod']) -%}
        {{ published }}
    {%- else -%}
        {{ target.schema }}
    {%- endif -%}
{%- endmacro %}
