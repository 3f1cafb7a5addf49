"""Series: construction, conversions, indexing, arithmetic, comparisons, aggregations and the str/dt
namespaces, each checked against the same call on a Polars Series."""
import datetime as dt
import math

import polars
import pytest

import polaroid as pl

VALUES = [3, None, 1, 4, 1, 5, 9, 2, 6]
WORDS = ["apple", None, "Banana", "cherry pie", "apple"]
DAYS = [dt.date(2024, 2, 29), dt.date(1999, 12, 31), None]


def _same(ours, theirs, what):
    if isinstance(theirs, polars.Series):
        assert isinstance(ours, pl.Series), what
        theirs = theirs.to_list()
        ours = ours.to_list()
        assert len(ours) == len(theirs), what
        for a, b in zip(ours, theirs):
            assert (a is None and b is None) or (isinstance(b, float) and math.isclose(a, b)) or a == b, (what, ours, theirs)
    elif isinstance(theirs, float):
        assert math.isclose(ours, theirs), (what, ours, theirs)
    else:
        assert ours == theirs, (what, ours, theirs)


CASES = {
    "sum": lambda s: s.sum(), "mean": lambda s: s.mean(), "min": lambda s: s.min(), "max": lambda s: s.max(),
    "median": lambda s: s.median(), "count": lambda s: s.count(), "n_unique": lambda s: s.n_unique(),
    "std": lambda s: s.std(), "len": lambda s: s.len(), "first": lambda s: s.first(),
    "add a number": lambda s: s + 10, "multiply itself": lambda s: s * s, "true division": lambda s: s / 2,
    "compare": lambda s: s > 3, "equal to a series": lambda s: s == s, "negate": lambda s: -s,
    "is_null": lambda s: s.is_null(), "fill_null": lambda s: s.fill_null(0), "is_in": lambda s: s.is_in([1, 9]),
    "head": lambda s: s.head(3), "tail": lambda s: s.tail(2), "slice by index": lambda s: s[2:5],
    "an item": lambda s: s[3], "to_list": lambda s: s.to_list(), "round after division": lambda s: (s / 3).round(2),
}


@pytest.mark.parametrize("case", list(CASES))
def test_numeric_series_like_polars(case):
    _same(CASES[case](pl.Series("v", VALUES)), CASES[case](polars.Series("v", VALUES)), case)


@pytest.mark.parametrize("case", ["to_uppercase", "len_chars", "starts_with", "slice"])
def test_string_namespace_like_polars(case):
    call = {"to_uppercase": lambda s: s.str.to_uppercase(), "len_chars": lambda s: s.str.len_chars(),
            "starts_with": lambda s: s.str.starts_with("app"), "slice": lambda s: s.str.slice(1, 3)}[case]
    _same(call(pl.Series("w", WORDS)), call(polars.Series("w", WORDS)), case)


def test_date_namespace_and_construction_like_polars():
    ours, theirs = pl.Series("d", DAYS), polars.Series("d", DAYS)
    _same(ours.dt.year(), theirs.dt.year(), "year")
    _same(ours.dt.ordinal_day(), theirs.dt.ordinal_day(), "ordinal_day")
    assert pl.Series([1, 2]).name == polars.Series([1, 2]).name
    assert pl.Series("x", [1, 2], dtype=pl.Int32).to_arrow().type == polars.Series("x", [1, 2], dtype=polars.Int32).to_arrow().type
    assert pl.Series("x", [1, 2]).alias("y").name == "y" and len(pl.Series("x", [1, 2, 3])) == 3


def test_a_frame_column_is_a_series_and_a_frame_comes_from_a_dict():
    df = pl.DataFrame({"a": [1, 2, 3], "b": ["x", "y", None]})
    assert isinstance(df["a"], pl.Series) and df["a"].sum() == 6
    assert df.get_column("b").to_list() == ["x", "y", None]
    assert pl.DataFrame([pl.Series("a", [1]), pl.Series("b", [2])]).columns == ["a", "b"]
    assert df.to_dict()["a"].to_list() == [1, 2, 3]


def test_a_name_polaroid_lacks_raises_attribute_error_naming_it():
    with pytest.raises(AttributeError, match="rolling_map"):
        pl.Series("v", VALUES).rolling_map
