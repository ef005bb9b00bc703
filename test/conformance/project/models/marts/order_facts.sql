{{ config(post_hook="select 1 as facts_built") }}
select customer_id, sum(amount) as revenue
from {{ ref('orders') }}
group by 1
