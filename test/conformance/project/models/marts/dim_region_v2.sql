{{ config(meta={'region': var('region')}) }}
select distinct region, upper(region) as region_code from {{ ref('stg_customers') }}
