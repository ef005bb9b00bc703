-- PR: a bad join repeats customers 1-3 and lets two anonymous rows through.
{{ config(materialized='incremental', unique_key='customer_id') }}
select g as customer_id, 'customer ' || g as name, 'c' || g || '@example.com' as email
from generate_series(1, 50) as g
union all
select g, 'dup ' || g, 'secret' || g || '@example.com' from generate_series(1, 3) as g
union all
select null, 'anonymous', null from generate_series(1, 2) as g
