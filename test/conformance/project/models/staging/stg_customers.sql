{{ config(materialized=env_var('CONF_STG_MATERIALIZED', 'view')) }}
select id, name, region
from {{ ref('raw_customers') }}
