-- A child of orders without a key: compared only with --children.
select status, count(*) as orders, sum(amount) as revenue
from {{ ref('orders') }}
group by status
