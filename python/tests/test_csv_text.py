"""DataFrame.write_csv gives Polars' text byte for byte: quoting only where needed and for the empty
string, floats (float32 too) with NaN/inf/exponents, times and datetimes by unit and zone, decimals,
booleans, nulls, and Polars' options; a nested column is refused by name."""
import datetime as dt
import io

import polars
import pytest

import polaroid as pl


def _frame():
    return polars.DataFrame({
        "t": [dt.datetime(2020, 1, 2, 3, 4, 5, 6), None, dt.datetime(1969, 12, 31, 23, 59, 59, 999999)],
        "tz": polars.Series([dt.datetime(2020, 1, 2, 3), dt.datetime(2020, 7, 2, 3), None]).dt.replace_time_zone("Europe/Paris"),
        "ms": polars.Series([dt.datetime(2020, 1, 2, 3, 4, 5, 6000), None, None]).cast(polars.Datetime("ms")),
        "ns": polars.Series([dt.datetime(2020, 1, 2), None, None]).cast(polars.Datetime("ns")),
        "d": [dt.date(2020, 1, 2), None, dt.date(1900, 3, 1)], "tm": [dt.time(1, 2, 3, 5), None, dt.time(0)],
        "b": [True, None, False], "dec": polars.Series(["1.50", None, "-0.05"]).cast(polars.Decimal(5, 2)),
        "q": ['say "hi"', "", None], "e": ["a\nb", "x,y", "semi;"],
        "f": [1e-7, float("nan"), -0.0], "g": [1e20, 0.00001, float("-inf")],
        "f32": polars.Series([0.1, 1e20, None], dtype=polars.Float32), "i": [1, None, -(2 ** 63)]})


@pytest.mark.parametrize("options", [{}, {"separator": ";", "include_header": False, "null_value": "NA"},
                                     {"quote_char": "'", "line_terminator": "\r\n", "include_bom": True}])
def test_write_csv_gives_polars_text(options):
    expected = _frame().write_csv(**options)
    assert pl.DataFrame(_frame().to_arrow()).write_csv(**options) == expected


def test_write_csv_to_a_path_and_a_stream(tmp_path):
    pl.DataFrame(_frame().to_arrow()).write_csv(tmp_path / "a.csv")
    _frame().write_csv(tmp_path / "b.csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    text, data = io.StringIO(), io.BytesIO()
    pl.DataFrame(_frame().to_arrow()).write_csv(text)
    pl.DataFrame(_frame().to_arrow()).write_csv(data)
    assert text.getvalue().encode() == data.getvalue() == (tmp_path / "b.csv").read_bytes()


def test_a_nested_column_is_refused_as_by_polars():
    frame = pl.DataFrame(polars.DataFrame({"l": [[1, 2]], "x": [1]}).to_arrow())
    with pytest.raises(pl.exceptions.ComputeError, match="column 'l' cannot be written to CSV"):
        frame.write_csv()
