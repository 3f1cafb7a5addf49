"""Polars' readers and writers built on optional packages, gathered: the top-level functions, and the
methods they add to DataFrame and LazyFrame (each module imports its package only when called)."""
from __future__ import annotations

from polaroid.formats_avro import read_avro, write_avro
from polaroid.formats_delta import read_delta, scan_delta, sink_delta, write_delta
from polaroid.formats_excel import read_excel, read_ods, write_excel
from polaroid.formats_iceberg import scan_iceberg, sink_iceberg, write_iceberg
from polaroid.frame import DataFrame, LazyFrame

__all__ = ["read_avro", "read_delta", "read_excel", "read_ods", "scan_delta", "scan_iceberg"]

DataFrame.write_excel = write_excel
DataFrame.write_avro = write_avro
DataFrame.write_delta = write_delta
LazyFrame.sink_delta = sink_delta
DataFrame.write_iceberg = write_iceberg
LazyFrame.sink_iceberg = sink_iceberg
