"""CSV read as Polars reads it, on both backends (issue 13): types inferred from the text without
parsing dates (Polars' try_parse_dates=False), a quoted empty string is an empty string while an empty
field is null, NaN/inf and exponents are floats, a column with no values is String."""
import polars
import pytest

import polaroid as pl
from parity import backend_named, same_table

TEXT = ('d,s,x,f,b,big,quoted,nothing,spaced\n'
        '2024-01-02,"",1,1.5,true,9223372036854775807,"a, b",, x \n'
        '2024-02-03,a,,NaN,false,-9223372036854775808,"say ""hi""",,y\n'
        '1999-12-31,,3,1e3,,0,,,\n'
        '2000-02-29,é,-4,-inf,true,5,"",,z\n')


@pytest.mark.parametrize("backend", ["distributed", "portable"])
def test_csv_is_read_with_polars_types_and_values(cluster, tpch, backend):
    path = tpch[0] / "csv-inference" / "quirks.csv"
    path.parent.mkdir(exist_ok=True)
    path.write_text(TEXT, encoding="utf-8")
    expected = polars.read_csv(path).to_arrow()
    actual = pl.scan_csv(str(path), backend=backend_named(backend, cluster)).collect().to_arrow()
    same_table(actual, expected, "CSV on %s" % backend)
