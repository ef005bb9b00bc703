-- PR: orders 1-5 gone, 1001-1012 new, amount doubled for every 100th order,
-- quantity widened to bigint, note dropped (an exposure reads the model), channel added.
select g as order_id,
       (g % 50) + 1 as customer_id,
       cast(case when g % 100 = 0 then g * 2 else g * 1.5 end as numeric(12, 2)) as amount,
       case when g % 3 = 0 then 'shipped' else 'placed' end as status,
       cast(g % 7 as bigint) as quantity,
       'web' as channel
from generate_series(6, 1012) as g
