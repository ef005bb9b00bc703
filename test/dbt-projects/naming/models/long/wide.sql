select 3 as id
