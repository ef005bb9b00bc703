select g as order_id,
       (g % 50) + 1 as customer_id,
       cast(g * 1.5 as numeric(12, 2)) as amount,
       case when g % 3 = 0 then 'shipped' else 'placed' end as status,
       cast(g % 7 as integer) as quantity,
       'note ' || g as note
from generate_series(1, 1000) as g
