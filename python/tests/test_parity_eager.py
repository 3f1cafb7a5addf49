"""DataFrame and Series names computed on local Arrow data, checked against the same call in Polars
(frames made by either backend hold the same local data; the ones that run a query use both)."""
import pytest

import polars
import polaroid as pl
from parity import backend_named, eager_like_polars, same_result

BACKENDS = ["distributed", "portable"]
DATA = {"k": ["a", "b", "a", "c", "b", "a"], "x": [1, 2, 3, None, 5, 1], "y": [1.5, -2.0, None, 4.0, 0.5, 1.5]}
LONG = {"k": ["a", "a", "b", "b", "c"], "on": ["p", "q", "p", "q", "p"], "v": [1, 2, 3, 4, 5]}

FRAME_CASES = {
    "reverse": lambda l, f: f.reverse(),
    "gather_every": lambda l, f: f.gather_every(2, offset=1),
    "is_duplicated": lambda l, f: f.select("k", "x").is_duplicated(),
    "is_unique": lambda l, f: f.select("k", "x").is_unique(),
    "n_unique": lambda l, f: f.select("k", "x").n_unique(),
    "n_unique of a subset": lambda l, f: f.n_unique(subset=["k"]),
    "get_column_index": lambda l, f: f.get_column_index("y"),
    "to_series": lambda l, f: f.to_series(1),
    "partition_by": lambda l, f: f.partition_by("k"),
    "partition_by without the key": lambda l, f: f.partition_by("k", include_key=False),
    "transpose": lambda l, f: f.select("x", "y").transpose(),
    "transpose with a header": lambda l, f: f.select("x", "y").transpose(include_header=True),
    "iter_slices": lambda l, f: list(f.iter_slices(4)),
    "iter_columns": lambda l, f: [s.name for s in f.iter_columns()],
    "pipe": lambda l, f: f.pipe(lambda d, n: d.head(n), 2),
    "max_horizontal": lambda l, f: f.select("x", "y").max_horizontal(),
    "min_horizontal": lambda l, f: f.select("x", "y").min_horizontal(),
    "sum_horizontal": lambda l, f: f.select("x", "y").sum_horizontal(),
    "mean_horizontal": lambda l, f: f.select("x", "y").mean_horizontal(),
    "map_rows": lambda l, f: f.select("x", "y").map_rows(lambda r: (r[0] or 0) * 2),
    "map_rows to tuples": lambda l, f: f.select("k", "x").map_rows(lambda r: (r[0] + "!", r[1])),
    "fold": lambda l, f: f.select("x", "y").fold(lambda a, b: a + b),
    "write_json": lambda l, f: f.write_json(),
    "write_ndjson": lambda l, f: f.write_ndjson(),
    "collect_schema names": lambda l, f: f.collect_schema().names(),
    "schema and dtypes as Polars' types": lambda l, f: ([(n, repr(t)) for n, t in f.schema.items()],
                                                        [t == l.Int64 for t in f.dtypes], f.lazy().collect_schema() == f.schema),
}


@pytest.mark.parametrize("backend_name", BACKENDS)
@pytest.mark.parametrize("case", list(FRAME_CASES))
def test_frame_methods_like_polars(cluster, backend_name, case):
    eager_like_polars(backend_named(backend_name, cluster), DATA, FRAME_CASES[case], what=case)


PIVOTS = {
    "one value per cell": lambda l, f: f.pivot("on", index="k", values="v"),
    "sum": lambda l, f: f.pivot("on", index="k", values="v", aggregate_function="sum"),
    "len": lambda l, f: f.pivot("on", index="k", values="v", aggregate_function="len"),
    "sorted columns": lambda l, f: f.pivot("on", index="k", values="v", aggregate_function="max", sort_columns=True),
}


@pytest.mark.parametrize("backend_name", BACKENDS)
@pytest.mark.parametrize("case", list(PIVOTS))
def test_pivot_like_polars(cluster, backend_name, case):
    eager_like_polars(backend_named(backend_name, cluster), LONG, PIVOTS[case], what=case)


def test_pivot_refuses_too_many_columns_and_several_values_per_cell(monkeypatch):
    from polaroid import eager
    frame = pl.DataFrame(LONG)
    monkeypatch.setattr(eager, "PIVOT_LIMIT", 1)
    with pytest.raises(ValueError, match="PIVOT_LIMIT"):
        frame.pivot("on", index="k", values="v")
    monkeypatch.setattr(eager, "PIVOT_LIMIT", 10)
    with pytest.raises(ValueError, match="aggregate_function"):
        pl.DataFrame({"k": ["a", "a"], "on": ["p", "p"], "v": [1, 2]}).pivot("on", index="k", values="v")


def test_frames_change_in_place_like_polars():
    ours, theirs = pl.DataFrame(DATA), polars.DataFrame(DATA)
    same_result(ours.drop_in_place("y"), theirs.drop_in_place("y"), "drop_in_place")
    same_result(ours, theirs, "after drop_in_place")
    same_result(ours.insert_column(1, pl.Series("z", list(range(6)))),
                theirs.insert_column(1, polars.Series("z", list(range(6)))), "insert_column")
    same_result(ours.replace_column(0, pl.Series("w", [0] * 6)), theirs.replace_column(0, polars.Series("w", [0] * 6)),
                "replace_column")
    same_result(ours.extend(ours.head(2)), theirs.extend(theirs.head(2)), "extend")
    assert ours.set_sorted("x") is ours and ours.shrink_to_fit() is ours


VALUES = [3, None, 1, 4, 1, 5, 9, 2, 6]
SERIES_CASES = {
    "n_chunks": lambda s: s.n_chunks(), "chunk_lengths": lambda s: s.chunk_lengths(),
    "rechunk": lambda s: s.rechunk(), "clone": lambda s: s.clone(), "clear": lambda s: s.clear(),
    "clear to nulls": lambda s: s.clear(2), "is_empty": lambda s: s.is_empty(), "item": lambda s: s.item(3),
    "slice": lambda s: s.slice(2, 3), "negative slice": lambda s: s.slice(-3), "limit": lambda s: s.limit(4),
    "reverse": lambda s: s.reverse(), "gather": lambda s: s.gather([0, 4, 2]),
    "gather_every": lambda s: s.gather_every(3, 1), "new_from_index": lambda s: s.new_from_index(3, 2),
    "drop_nulls": lambda s: s.drop_nulls(), "sort": lambda s: s.sort(),
    "sort descending nulls last": lambda s: s.sort(descending=True, nulls_last=True),
    "arg_sort": lambda s: s.arg_sort(), "top_k": lambda s: s.top_k(3), "bottom_k": lambda s: s.bottom_k(3),
    "arg_max": lambda s: s.arg_max(), "arg_min": lambda s: s.arg_min(), "index_of": lambda s: s.index_of(4),
    "index_of a missing value": lambda s: s.index_of(42), "arg_unique": lambda s: s.arg_unique(),
    "arg_true": lambda s: (s > 2).arg_true(), "is_sorted": lambda s: s.is_sorted(),
    "is_sorted of a sorted one": lambda s: s.sort().is_sorted(), "unique_counts": lambda s: s.unique_counts(),
    "product": lambda s: s.drop_nulls().product(), "mode": lambda s: s.mode(), "skew": lambda s: s.skew(),
    "kurtosis": lambda s: s.kurtosis(), "nan_max": lambda s: s.cast(pl.Float64 if isinstance(s, pl.Series)
                                                                      else polars.Float64).nan_max(),
    "replace": lambda s: s.replace(1, 100),
    "value_counts sorted": lambda s: s.value_counts(sort=True).sort("count", "v", descending=[True, False]),
    "value_counts normalized": lambda s: s.value_counts(normalize=True).sort("v"),
    "append": lambda s: s.append(s.head(2)), "zip_with": lambda s: s.zip_with(s > 3, s * 10),
    "to_physical": lambda s: s.to_physical(), "drop_nans": lambda s: (s / 0).drop_nans(),
}


@pytest.mark.parametrize("case", list(SERIES_CASES))
def test_series_methods_like_polars(case):
    call = SERIES_CASES[case]
    same_result(call(pl.Series("v", VALUES)), call(polars.Series("v", VALUES)), case)


def test_series_of_dates_to_physical_like_polars():
    import datetime as dt
    days = [dt.date(2024, 1, 2), None]
    same_result(pl.Series("d", days).to_physical(), polars.Series("d", days).to_physical(), "to_physical")
