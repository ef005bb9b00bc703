{{ config(materialized='ephemeral') }}
select order_id, amount, paid_at from {{ source('raw', 'payments') }}
