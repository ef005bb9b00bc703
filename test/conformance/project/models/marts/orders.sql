{{ config(materialized='incremental', unique_key='id', on_schema_change='append_new_columns') }}
select o.id, o.customer_id, o.amount, p.paid_at
from {{ ref('stg_orders') }} o
left join {{ ref('stg_payments') }} p on p.order_id = o.id
where {{ conf_filter('o.status') }}
{% if is_incremental() %}
  and o.id > (select max(id) from {{ this }})
{% endif %}
