{% macro cents_to_dollars(column) -%}
({{ column }} / 100.0)::numeric(16, 2)
{%- endmacro %}

{% macro excluded_status() -%}
cancelled
{%- endmacro %}

{% test positive(model, column_name) %}
select * from {{ model }} where {{ column_name }} < 0
{% endtest %}
