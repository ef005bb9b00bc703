{{ config(event_time='event_at') }}
-- 30 days of events, 10 a day (one an hour from 00:00 to 09:00).
select g as event_id,
       cast(timestamp '2026-01-01 00:00:00' + (g / 10) * interval '1 day' + (g % 10) * interval '1 hour' as timestamp) as event_at,
       'kind_' || (g % 4) as kind
from generate_series(0, 299) as g
