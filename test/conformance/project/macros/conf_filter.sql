{% macro conf_filter(column) -%}
{{ column }} <> '{{ conf_utils.excluded_status() }}'
{%- endmacro %}

{% macro conf_log(message) %}
{% do log(message) %}
{% endmacro %}
