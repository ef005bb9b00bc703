{#-
  Slipway blue-green deploys: build every model into the idle colour schema.

  Copy this file to macros/generate_schema_name.sql in your dbt project.
  `slipway deploy prepare` (or actions/blue-green-swap with phase: prepare)
  exports SLIPWAY_SCHEMA_SUFFIX (e.g. __GREEN); with it set, a model whose
  schema is ANALYTICS is built into ANALYTICS__GREEN. Without it (local
  development, PR builds) schemas are exactly dbt's defaults.

  Custom schemas (+schema: marts) are used as written, not prefixed with
  target.schema, so each published schema has a stable name that Slipway's
  views can publish. Remove the `else` branch's `custom_schema_name | trim`
  if you prefer dbt's default `<target_schema>_<custom_schema>`.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- set suffix = env_var('SLIPWAY_SCHEMA_SUFFIX', '') -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}{{ suffix }}
    {%- else -%}
        {{ custom_schema_name | trim }}{{ suffix }}
    {%- endif -%}
{%- endmacro %}
