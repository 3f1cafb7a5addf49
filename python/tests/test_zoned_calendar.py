"""Calendar truncation of zoned datetimes as Polars does it, in the column's local time (issue 13), on
both backends: across both New York transitions of 2024, and in zones half an hour or 45 minutes off."""
import datetime as dt

import pyarrow as pa
import pytest

from parity import backend_named, lazy_like_polars

UTC = dt.timezone.utc
INSTANTS = [dt.datetime(2024, 3, 10, 6, 30, tzinfo=UTC), dt.datetime(2024, 11, 3, 5, 30, tzinfo=UTC),
            dt.datetime(2024, 11, 3, 6, 30, tzinfo=UTC), dt.datetime(2024, 3, 10, 7, 10, tzinfo=UTC),
            dt.datetime(1970, 1, 1, 3, tzinfo=UTC), dt.datetime(2024, 12, 31, 23, 59, tzinfo=UTC), None]
DATA = {"t": pa.array(INSTANTS, pa.timestamp("us", "UTC")).cast(pa.timestamp("us", "America/New_York"))}


@pytest.mark.parametrize("backend", ["distributed", "portable"])
@pytest.mark.parametrize("every", ["15m", "1h", "2h", "1d", "1w", "1mo", "1q", "1y"])
@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Kolkata", "Asia/Kathmandu"])
def test_a_zoned_datetime_truncates_in_its_local_calendar(cluster, backend, every, zone):
    data = {"t": DATA["t"].cast(pa.timestamp("us", zone))}
    lazy_like_polars(backend_named(backend, cluster), data,
                     lambda lib, t: t.select(lib.col("t").dt.truncate(every), lib.col("t").dt.date().alias("d")))
