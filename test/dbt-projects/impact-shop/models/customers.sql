{{ config(materialized='incremental', unique_key='customer_id') }}
select g as customer_id, 'customer ' || g as name, 'c' || g || '@example.com' as email
from generate_series(1, 50) as g
