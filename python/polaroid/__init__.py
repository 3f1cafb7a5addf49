"""Polaroid for Python: the Polars-like API, run on a Polaroid cluster or, with no server, on pyarrow.

    import polaroid as pl
    pl.connect("grpc://localhost:50052")          # or POLAROID_URL; without one: portable
    df = (pl.scan_parquet("data/tpch-sf0.1/lineitem.parquet")
            .filter(pl.col("l_quantity") > 45)
            .group_by("l_returnflag").agg(pl.col("l_extendedprice").sum().alias("revenue"))
            .sort("l_returnflag")
            .collect())
"""
from polaroid.aggregations import (all, any, approx_n_unique, count, exclude, first, last, max, mean, median, min,
                                   n_unique, nth, quantile, std, sum, var)
from polaroid.backend import (BackendMode, DistributedBackend, PolaroidError, PortableBackend, connect,
                              get_backend, set_backend_mode)
from polaroid.datatypes import (Boolean, DataType, Date, Datetime, Decimal, Float32, Float64, Int8, Int16, Int32, Int64, List,
                                Null, String, Utf8)
from polaroid.expr import Expr, coalesce, col, concat_str, duration, len, lit, when
from polaroid.horizontal import (all_horizontal, any_horizontal, max_horizontal, mean_horizontal, min_horizontal,
                                 sum_horizontal)
from polaroid.lists_more import concat_list, element
from polaroid.series import Series
from polaroid.strings import escape_regex
from polaroid.toplevel import arctan2, collect_all, concat, corr, cov, fold, reduce, select, union
from polaroid.windows import cum_count, cum_sum, int_range, row_index
from polaroid.reading import (from_records, read_ipc_schema, read_ipc_stream, read_ndjson, read_parquet_metadata,
                              read_parquet_schema, scan_ndjson)
from polaroid.frame import (DataFrame, GroupBy, LazyFrame, from_arrow, from_dict, from_dicts, from_pandas,
                            read_csv, read_ipc, read_parquet, scan_csv,
                            scan_ipc, scan_parquet, scan_table)

__version__ = "0.1.0"

__all__ = [
    "BackendMode", "DataFrame", "Series", "DistributedBackend", "Expr", "GroupBy", "LazyFrame", "PolaroidError",
    "PortableBackend", "coalesce", "col", "concat", "concat_str", "connect", "duration", "from_arrow",
    "get_backend", "len", "lit", "read_csv", "read_parquet", "scan_csv", "scan_ipc", "scan_parquet",
    "scan_table", "set_backend_mode", "when",
    "Boolean", "Date", "Datetime", "Decimal", "Float32", "Float64", "Int8", "Int16", "Int32", "Int64", "List", "Null",
    "String", "Utf8",
    "all", "any", "exclude", "nth", "count", "first", "last", "max", "mean", "median", "min", "n_unique", "std", "sum", "var",
    "all_horizontal", "any_horizontal", "max_horizontal", "mean_horizontal", "min_horizontal", "sum_horizontal",
    "from_dict", "from_dicts", "from_pandas", "read_ipc", "escape_regex", "int_range", "row_index", "cum_sum",
    "cum_count", "quantile", "approx_n_unique", "from_records", "read_ipc_schema", "read_ipc_stream", "read_ndjson",
    "read_parquet_metadata", "read_parquet_schema", "scan_ndjson",
    "concat_list", "element", "arctan2", "collect_all", "corr", "cov", "fold", "reduce", "select", "union", "DataType",
]
