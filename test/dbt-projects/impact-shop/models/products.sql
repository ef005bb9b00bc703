select cast(g as integer) as product_id, cast('product ' || g as text) as title, cast(g as numeric(10, 2)) as price
from generate_series(1, 20) as g
