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
from polaroid.durations import duration
from polaroid.expr import Expr, coalesce, col, concat_str, len, lit, when
from polaroid.horizontal import (all_horizontal, any_horizontal, max_horizontal, mean_horizontal, min_horizontal,
                                 sum_horizontal)
from polaroid.lists_more import concat_list, element
from polaroid.series import Series
from polaroid.structs import cum_fold, cum_reduce, cum_sum_horizontal, field, struct
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

# Polars' module-level names beyond frames and expressions: more data types, the Schema, Config, engines,
# exceptions, the api and selectors modules, constructors (toplevel_more).
from polaroid import api, exceptions, selectors
from polaroid.datatypes_more import (Array, Binary, Categorical, Duration, Field, Float16, Schema, Struct, Time,
                                     UInt8, UInt16, UInt32, UInt64)
from polaroid.config import (Config, StringCache, build_info, disable_string_cache, enable_string_cache,
                             get_index_type, set_random_seed, show_versions, thread_pool_size, using_string_cache)
from polaroid.engines import CompatLevel, Engine, InMemoryEngine, QueryOptFlags, StreamingEngine

__all__ += [
    "api", "exceptions", "selectors", "Array", "Binary", "Categorical", "Duration", "Field", "Float16", "Schema",
    "Struct", "Time", "UInt8", "UInt16", "UInt32", "UInt64", "Config", "StringCache", "build_info",
    "disable_string_cache", "enable_string_cache", "get_index_type", "set_random_seed", "show_versions",
    "thread_pool_size", "using_string_cache", "CompatLevel", "Engine", "InMemoryEngine", "QueryOptFlags",
    "StreamingEngine",
]
from polaroid.toplevel_more import (arange, collect_all_async, date_range, date_ranges, datetime_range, datetime_ranges,
                                    explain_all, from_epoch, int_ranges, linear_space, linear_spaces, ones, read_json,
                                    read_lines, repeat, scan_lines, time_range, zeros)
from polaroid.toplevel_more import date, format, time_ranges  # noqa: A001 - Polars' names
from polaroid.durations import time
from polaroid.engines import GPUEngine

__all__ += ["time", "arange", "format", "collect_all_async", "date_range", "date_ranges", "datetime_range", "datetime_ranges",
            "explain_all", "from_epoch", "int_ranges", "linear_space", "linear_spaces", "ones", "read_json",
            "read_lines", "repeat", "scan_lines", "time_range", "zeros"]
from polaroid.frames_more import (align_frames, from_dataframe, json_normalize, merge_sorted, scan_arrow_c_stream,
                                  scan_pyarrow_dataset)

__all__ += ["align_frames", "from_dataframe", "json_normalize", "merge_sorted", "scan_arrow_c_stream",
            "scan_pyarrow_dataset"]
from polaroid.from_repr import from_repr

__all__ += ["from_repr", "date", "GPUEngine", "time_ranges"]
from polaroid.toplevel_more import arg_sort_by, arg_where, datetime, head, implode, tail

__all__ += ["arg_sort_by", "arg_where", "datetime", "head", "implode", "tail"]
from polaroid.dates_business import business_day_count
from polaroid.windows_pairs import rolling_corr, rolling_cov

__all__ += ["business_day_count", "rolling_corr", "rolling_cov"]
from polaroid.reading_sources import from_numpy, read_database, read_database_uri

__all__ += ["from_numpy", "read_database", "read_database_uri"]
from polaroid.dtype_exprs import DataTypeExpr, dtype_of, self_dtype, struct_with_fields
from polaroid.dtype_pipes import pipe_with_dtype
from polaroid.deferred import defer
from polaroid.partitioned_sinks import FileProviderArgs, PartitionBy
from polaroid.scan_casts import ScanCastOptions

__all__ += ["DataTypeExpr", "dtype_of", "self_dtype", "struct_with_fields", "pipe_with_dtype", "defer", "FileProviderArgs", "PartitionBy", "ScanCastOptions"]
from polaroid.python_functions import map_batches, map_groups

__all__ += ["map_batches", "map_groups"]
__all__ += ["cum_fold", "cum_reduce", "cum_sum_horizontal", "field", "struct"]

# Polars' credential providers of scan_*(credential_provider=...) (AWS only: Polaroid reads S3).
from polaroid.credentials import (CredentialProvider, CredentialProviderAWS, CredentialProviderFunction,
                                  CredentialProviderFunctionReturn)

__all__ += ["CredentialProvider", "CredentialProviderAWS", "CredentialProviderFunction",
            "CredentialProviderFunctionReturn"]

from polaroid.formats import read_avro, read_delta, read_excel, read_ods, scan_delta, scan_iceberg

__all__ += ["read_avro", "read_delta", "read_excel", "read_ods", "scan_delta", "scan_iceberg"]
from polaroid.sql import SQLContext, sql  # noqa: E402 - after the frames it builds on

__all__ += ["SQLContext", "sql"]

