"""Spreadsheets as Polars reads and writes them: ``read_excel``/``read_ods`` through the optional
``fastexcel`` package (Polars' "calamine" engine), ``DataFrame.write_excel`` through ``xlsxwriter``."""
from __future__ import annotations

from typing import Any

from polaroid.exceptions import PolaroidError
from polaroid.formats_optional import optional, refuse


def read_excel(source, *, sheet_id=None, sheet_name=None, table_name=None, engine: str = "calamine",
               engine_options=None, read_options=None, has_header: bool = True, columns=None,
               schema_overrides=None, infer_schema_length: int | None = 100, include_file_paths=None,
               drop_empty_rows: bool = True, drop_empty_cols: bool = True, raise_if_empty: bool = True):
    """A sheet of an .xlsx/.xls/.ods workbook as a frame; ``sheet_id=0`` or a list of ids or names
    gives a dict of frames by sheet name, as Polars."""
    if engine != "calamine":
        raise PolaroidError("read_excel: engine=%r is not supported by Polaroid (only 'calamine')" % engine,
                            "NOT_SUPPORTED")
    refuse("read_excel", table_name=table_name, engine_options=engine_options or None,
           include_file_paths=include_file_paths)
    return _read("read_excel", source, sheet_id, sheet_name, read_options, has_header, columns,
                 schema_overrides, infer_schema_length, drop_empty_rows, drop_empty_cols, raise_if_empty)


def read_ods(source, *, sheet_id=None, sheet_name=None, has_header: bool = True, columns=None,
             schema_overrides=None, infer_schema_length: int | None = 100, include_file_paths=None,
             drop_empty_rows: bool = True, drop_empty_cols: bool = True, raise_if_empty: bool = True):
    """A sheet of an OpenDocument spreadsheet as a frame (dicts of frames as read_excel)."""
    refuse("read_ods", include_file_paths=include_file_paths)
    return _read("read_ods", source, sheet_id, sheet_name, None, has_header, columns, schema_overrides,
                 infer_schema_length, drop_empty_rows, drop_empty_cols, raise_if_empty)


_READ_OPTIONS = {"header_row", "skip_rows", "n_rows", "column_names", "use_columns", "dtypes", "schema_sample_rows"}


def _read(what, source, sheet_id, sheet_name, read_options, has_header, columns, schema_overrides,
          infer_schema_length, drop_empty_rows, drop_empty_cols, raise_if_empty):
    fastexcel = optional("fastexcel", what)
    if sheet_id is not None and sheet_name is not None:
        raise ValueError("%s: give sheet_id or sheet_name, not both" % what)
    options = dict(read_options or {})
    unknown = sorted(set(options) - _READ_OPTIONS)
    if unknown:
        raise PolaroidError("%s: read_options %s are not supported by Polaroid" % (what, unknown), "NOT_SUPPORTED")
    import os
    if isinstance(source, (str, os.PathLike)):
        source = os.path.expanduser(str(source))
        if not os.path.exists(source):
            raise FileNotFoundError("%s: no such file: %s" % (what, source))
    reader = fastexcel.read_excel(source)
    names = reader.sheet_names
    keys = _sheets(names, sheet_id, sheet_name)
    frames = {}
    for key in keys:
        if isinstance(key, str) and key not in names:
            raise ValueError("%s: no sheet named %r in the workbook (sheets: %s)" % (what, key, names))
        if isinstance(key, int) and not 1 <= key <= len(names):
            raise ValueError("%s: no sheet %d in the workbook (it has %d)" % (what, key, len(names)))
        name = key if isinstance(key, str) else names[key - 1]
        frames[name] = _sheet(reader, name, dict(options), has_header, columns, schema_overrides,
                              infer_schema_length, drop_empty_rows, drop_empty_cols, raise_if_empty)
    return frames if _many(sheet_id, sheet_name) else next(iter(frames.values()))


def _sheets(names, sheet_id, sheet_name) -> list:
    if sheet_id == 0:
        return list(names)
    if sheet_name is not None:
        return [sheet_name] if isinstance(sheet_name, str) else list(sheet_name)
    if sheet_id is None:
        return [1]
    return [sheet_id] if isinstance(sheet_id, int) else list(sheet_id)


def _many(sheet_id, sheet_name) -> bool:
    return sheet_id == 0 or isinstance(sheet_name, (list, tuple)) or isinstance(sheet_id, (list, tuple))


def _sheet(reader, name, options, has_header, columns, schema_overrides, infer_schema_length,
           drop_empty_rows, drop_empty_cols, raise_if_empty):
    """One sheet, refined as Polars refines it: unnamed empty columns and empty rows dropped, whole
    floats read as Int64 and midnight datetimes as dates (unless overridden)."""
    import re
    import pyarrow as pa
    import pyarrow.compute as pc
    if not has_header:
        options.setdefault("header_row", None)
    if columns is not None:
        options["use_columns"] = [columns] if isinstance(columns, str) else list(columns)
    options.setdefault("schema_sample_rows", infer_schema_length)
    table = reader.load_sheet_by_name(name, **options).to_arrow()
    table = pa.Table.from_batches([table]) if isinstance(table, pa.RecordBatch) else table
    if options.get("header_row", False) is None and not options.get("column_names"):
        table = table.rename_columns(["column_%d" % i for i in range(table.num_columns)])
    if drop_empty_cols:
        table = table.drop_columns([n for n in table.column_names if (n == "" or re.match(
            r"(_duplicated_|__UNNAMED__)\d+$", n)) and _blank(table.column(n), table.num_rows)])
    if table.num_rows == table.num_columns == 0:
        if raise_if_empty:
            from polaroid.exceptions import NoDataError
            raise NoDataError("empty Excel sheet %r; set raise_if_empty=False to read it as an empty frame" % name)
        return _frame(pa.table({}))
    if drop_empty_rows and table.num_columns:
        every = pc.and_(*[pc.is_null(c) for c in table.columns[:2]]) if table.num_columns > 1 \
            else pc.is_null(table.column(0))
        for c in table.columns[2:]:
            every = pc.and_(every, pc.is_null(c))
        table = table.filter(pc.invert(every))
    overrides = schema_overrides or {}
    for i, field in enumerate(table.schema):
        if field.name not in overrides:
            table = table.set_column(i, field.name, _narrowed(table.column(i)))
    return _frame(table, schema_overrides)


def _blank(column, height) -> bool:
    import pyarrow as pa
    import pyarrow.compute as pc
    if column.null_count == height or pa.types.is_null(column.type):
        return True
    return (pa.types.is_integer(column.type) or pa.types.is_floating(column.type)) and \
        pc.sum(pc.fill_null(pc.not_equal(column, 0), False).cast(pa.int64())).as_py() == 0


def _narrowed(column):
    """Polars' refinement: floats that are all whole become Int64, datetimes all at midnight dates."""
    import pyarrow as pa
    import pyarrow.compute as pc
    valid = pc.drop_null(column)
    if pa.types.is_floating(column.type):
        if pc.all(pc.and_(pc.equal(pc.floor(valid), valid), pc.invert(pc.is_nan(valid)))).as_py() is not False:
            return column.cast(pa.int64())
    elif pa.types.is_timestamp(column.type) and column.type.tz is None:
        if pc.all(pc.equal(pc.cast(valid, pa.date32()).cast(column.type), valid)).as_py() is not False:
            return column.cast(pa.date32())
    return column


def _frame(table, schema_overrides=None):
    from polaroid.reading_sources import _frame as frame
    return frame(table, schema_overrides)


def write_excel(frame, workbook=None, worksheet: str | None = None, *, position="A1", table_style=None,
                table_name=None, column_formats=None, dtype_formats=None, conditional_formats=None,
                header_format=None, column_totals=None, column_widths=None, row_totals=None, row_heights=None,
                sparklines=None, formulas=None, float_precision: int = 3, include_header: bool = True,
                autofilter: bool = True, autofit: bool = False, hidden_columns=None, hide_gridlines: bool = False,
                sheet_zoom=None, freeze_panes=None, use_zip64: bool = False) -> Any:
    """The frame as a worksheet of an .xlsx workbook (``dataframe.xlsx`` when no path is given), its
    values as Polars writes them; other Polars layout options are refused by name."""
    refuse("write_excel", table_style=table_style, table_name=table_name, column_formats=column_formats,
           dtype_formats=dtype_formats, conditional_formats=conditional_formats, header_format=header_format,
           column_totals=column_totals, column_widths=column_widths, row_totals=row_totals,
           row_heights=row_heights, sparklines=sparklines, formulas=formulas, hidden_columns=hidden_columns,
           sheet_zoom=sheet_zoom, freeze_panes=freeze_panes)
    xlsxwriter = optional("xlsxwriter", "write_excel")
    from xlsxwriter.utility import xl_cell_to_rowcol
    own = not hasattr(workbook, "add_worksheet")
    book = xlsxwriter.Workbook(str(workbook or "dataframe.xlsx"), {"use_zip64": use_zip64}) if own else workbook
    sheet = book.add_worksheet(worksheet)
    row, column = xl_cell_to_rowcol(position) if isinstance(position, str) else position
    formats = _formats(book, frame, float_precision)
    header = 1 if include_header else 0
    for j, name in enumerate(frame.columns):
        if include_header:
            sheet.write_string(row, column + j, name)
        for i, value in enumerate(frame.get_column(name).to_list()):
            if value is not None:
                sheet.write(row + header + i, column + j, value, formats.get(name))
    if autofilter and include_header and frame.width:
        sheet.autofilter(row, column, row + frame.height, column + frame.width - 1)
    if hide_gridlines:
        sheet.hide_gridlines(2)
    if autofit:
        sheet.autofit()
    if own:
        book.close()
    return book


def _formats(book, frame, float_precision) -> dict:
    """Polars' default number formats: dates, datetimes, times, and floats to ``float_precision``."""
    import pyarrow as pa
    formats = {}
    for field in frame.to_arrow().schema:
        t = field.type
        spec = ("yyyy-mm-dd" if pa.types.is_date(t) else "yyyy-mm-dd hh:mm:ss" if pa.types.is_timestamp(t)
                else "hh:mm:ss" if pa.types.is_time(t)
                else "#,##0.%s;[Red]-#,##0.%s" % ("0" * float_precision, "0" * float_precision)
                if pa.types.is_floating(t) and float_precision > 0 else None)
        if spec:
            formats[field.name] = book.add_format({"num_format": spec})
    return formats
