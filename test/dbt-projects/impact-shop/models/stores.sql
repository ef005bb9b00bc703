-- Not modified by the PR: never compared.
select g as store_id from generate_series(1, 5) as g
