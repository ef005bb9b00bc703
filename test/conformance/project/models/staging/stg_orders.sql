select
    id,
    customer_id,
    {{ conf_utils.cents_to_dollars('amount_cents') }} as amount,
    status
from {{ ref('raw_orders') }}
