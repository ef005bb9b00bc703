select c.name, f.revenue
from {{ ref('order_facts') }} f
join {{ ref('customers') }} c on c.id = f.customer_id
