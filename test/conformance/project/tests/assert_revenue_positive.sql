select * from {{ ref('order_facts') }} where revenue < 0
