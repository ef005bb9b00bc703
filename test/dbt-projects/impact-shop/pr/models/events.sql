{{ config(event_time='event_at') }}
-- PR: a stale CI sample (days 6-25 only), and every 50th event re-classified.
select g as event_id,
       cast(timestamp '2026-01-01 00:00:00' + (g / 10) * interval '1 day' + (g % 10) * interval '1 hour' as timestamp) as event_at,
       case when g % 50 = 0 then 'changed' else 'kind_' || (g % 4) end as kind
from generate_series(50, 249) as g
