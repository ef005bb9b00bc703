{% snapshot customers_snapshot %}
{{ config(unique_key='id', strategy='check', check_cols=['name', 'region']) }}
select * from {{ ref('stg_customers') }}
{% endsnapshot %}
