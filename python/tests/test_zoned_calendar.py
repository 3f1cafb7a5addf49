"""Calendar truncation of zoned datetimes as Polars does it, in the column's local time (issue 13), on
both backends; by hours, minutes or seconds it is refused by name, on both backends alike."""
import datetime as dt

import polars
import pyarrow as pa
import pytest

import polaroid as pl
from parity import backend_named, lazy_like_polars

UTC = dt.timezone.utc
INSTANTS = [dt.datetime(2024, 3, 10, 6, 30, tzinfo=UTC), dt.datetime(2024, 11, 3, 5, 30, tzinfo=UTC),
            dt.datetime(1970, 1, 1, 3, tzinfo=UTC), dt.datetime(2024, 12, 31, 23, 59, tzinfo=UTC), None]
DATA = {"t": pa.array(INSTANTS, pa.timestamp("us", "UTC")).cast(pa.timestamp("us", "America/New_York"))}


@pytest.mark.parametrize("backend", ["distributed", "portable"])
@pytest.mark.parametrize("every", ["1d", "1w", "1mo", "1q", "1y"])
def test_a_zoned_datetime_truncates_in_its_local_calendar(cluster, backend, every):
    lazy_like_polars(backend_named(backend, cluster), DATA,
                     lambda lib, t: t.select(lib.col("t").dt.truncate(every), lib.col("t").dt.date().alias("d")))


@pytest.mark.parametrize("backend", ["distributed", "portable"])
def test_a_zoned_datetime_by_hours_is_refused_by_name(cluster, backend):
    frame = pl.from_arrow(pa.table(DATA), backend=backend_named(backend, cluster))
    with pytest.raises(pl.exceptions.InvalidOperationError, match="truncate"):
        frame.select(pl.col("t").dt.truncate("1h")).collect()
    assert polars.from_arrow(pa.table(DATA)).select(polars.col("t").dt.truncate("1h")).height == len(INSTANTS)
