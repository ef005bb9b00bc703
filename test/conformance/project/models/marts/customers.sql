select
    c.id,
    c.name,
    count(o.id)::int as order_count
from {{ ref('stg_customers') }} c
left join {{ ref('stg_orders') }} o on o.customer_id = c.id
group by 1, 2
