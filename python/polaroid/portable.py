"""The portable backend: a ``polaroid.v1`` plan run in this process with pyarrow (datasets, compute,
and Acero through ``Table.filter/group_by/join/sort_by``). It covers what pyarrow can express and
names the node or function it cannot."""
from __future__ import annotations

import base64
import contextvars
import datetime as _dt
import decimal as _decimal
import functools
import math
import re

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from polaroid.backend import PolaroidError
from polaroid.expr import output_name
from polaroid import portable_rowsets
from polaroid import profiling
from polaroid import portable_conversions as _conversions
from polaroid.rowsets import NAMES as _ROW_SETS, has_row_set
from polaroid.portable_numbers import REDUCTIONS, SCALARS, per_group, reduction
from polaroid import portable_numbers as _numbers
from polaroid import portable_text as _portable_text
from polaroid import portable_business as _portable_business
from polaroid.portable_lists import LIST_MORE_FUNCTIONS, ListElements
from polaroid import portable_structs as _portable_structs
from polaroid.portable_windows import ORDERED, compute as ordered_compute, quantile_value, windows as _ordered_windows
from polaroid import portable_compare as _compare
from polaroid import portable_durations as _durations
from polaroid import portable_binary as _portable_binary
from polaroid import portable_aggregates as _aggregates
from polaroid import portable_casts as _casts
from polaroid.portable_aggregates import one_zero as _one_zero
from polaroid.portable_windows_more import BY as _BY_ORDERED, ORDERED_MORE as _MORE_ORDERED, compute as _more_compute

_EPOCH = _dt.date(1970, 1, 1)
_AGGS = {"sum": "sum", "mean": "mean", "min": "min", "max": "max", "count": "count", "n_unique": "count_distinct",
         "first": "first", "last": "last", "std": "stddev", "var": "variance", "len": "count_all", "implode": "list"}
# Aggregations over a whole frame, as scalars: every grouped one, and the exact quantiles (computed
# here from the values, per group from pyarrow's lists of them).
_EXACT = {"median", "quantile"} | set(REDUCTIONS)
_WHOLE = set(_AGGS) | _EXACT
_JOINS = {"INNER": "inner", "LEFT": "left outer", "RIGHT": "right outer", "FULL": "full outer",
          "SEMI": "left semi", "ANTI": "left anti"}


def _unsupported(what: str) -> PolaroidError:
    return PolaroidError("the portable backend cannot run %s; use the distributed backend" % what, "NOT_SUPPORTED")


def run(plan: dict) -> pa.Table:
    return _relation(plan["root"], "root")


def _relation(rel: dict, where: str) -> pa.Table:
    kind, body = next(iter(rel.items()))
    at = where + "." + kind
    handler = _RELATIONS.get(kind)
    if handler is None:
        raise _unsupported("plan node '%s' (at %s)" % (kind, at))
    recorder = profiling.active()
    if recorder is None:
        return handler(body, at)
    index = recorder.enter(kind)
    result = None
    try:
        result = handler(body, at)
        return result
    finally:
        recorder.leave(index, result)


def profile(plan: dict):
    """Runs ``plan`` as :func:`run` does; returns its table and the timings of its nodes."""
    recorder = profiling.Recorder()
    token = profiling.recording(recorder)
    try:
        result = run(plan)
    finally:
        profiling.stop(token)
    return result, recorder.table()


def _scan(body: dict, at: str) -> pa.Table:
    if "table" in body:
        raise PolaroidError("%s: table '%s' is a name in a server's catalog; the portable backend scans paths"
                            % (at, body["table"]), "INVALID_PLAN")
    paths = body.get("paths", [])
    fmt = body.get("format")
    from polaroid import portable_paths
    paths = portable_paths.expand(paths, fmt)  # globs and folders, as the engine lists them
    fs = None
    if "storageOptions" in body:
        from polaroid import storage_options
        storage_options.check(body["storageOptions"])
        if any(p.startswith(("s3://", "s3a://")) for p in paths):  # local paths ignore them, as in Polars
            fs = storage_options.s3_filesystem(body["storageOptions"])
            paths = [storage_options.object_path(p) for p in paths]
    if fmt in ("PARQUET", "IPC"):
        return _casts.as_polars_types(ds.dataset(paths, format=fmt.lower(), filesystem=fs).to_table())
    if fmt == "CSV":
        import pyarrow.csv as csv
        o = body.get("csv", {})
        read = csv.ReadOptions(autogenerate_column_names=not o.get("hasHeader", True))
        parse = csv.ParseOptions(delimiter=o.get("delimiter", ","), quote_char=o.get("quote", '"'),
                                 invalid_row_handler=(lambda row: "skip") if o.get("ignoreErrors") else None)
        # as Polars: a quoted "" is an empty string, an empty field null; dates stay text unless tryParseDates
        convert = csv.ConvertOptions(null_values=o.get("nullValues", [""]), strings_can_be_null=True,
                                     quoted_strings_can_be_null=False)

        read_options = read

        def read_file(p, options):
            return csv.read_csv(fs.open_input_stream(p) if fs is not None else p, read_options=read_options,
                                parse_options=parse, convert_options=options)
        tables = [read_file(p, convert) for p in paths]
        dated = [f.name for f in tables[0].schema if pa.types.is_temporal(f.type)] if tables else []
        if dated and not o.get("tryParseDates"):
            convert.column_types = {name: pa.string() for name in dated}
            tables = [read_file(p, convert) for p in paths]
        table = pa.concat_tables(tables)
        empty = [i for i, f in enumerate(table.schema) if pa.types.is_null(f.type)]
        for i in empty:  # a column with no values is String, as in Polars
            table = table.set_column(i, table.schema[i].name, table.column(i).cast(pa.string()))
        return table
    raise PolaroidError("%s: scan has no format (PARQUET, CSV or IPC)" % at, "INVALID_PLAN")


def _in_memory(body: dict, at: str) -> pa.Table:
    import base64
    return _casts.as_polars_types(pa.ipc.open_stream(base64.b64decode(body["arrowIpc"])).read_all())


def _filter(body: dict, at: str) -> pa.Table:
    t = _relation(body["input"], at)
    mask = _value(body["predicate"], t, at + ".predicate")
    if isinstance(mask, pa.Scalar):  # a constant predicate keeps every row or none
        return t if mask.is_valid and mask.as_py() else t.slice(0, 0)
    return t.filter(pc.fill_null(mask, False))


def _select(body: dict, at: str) -> pa.Table:
    t = _relation(body["input"], at)
    exprs = body.get("exprs", [])
    if len(exprs) == 1 and _unaliased(exprs[0]).get("call", {}).get("function") == "unique":
        values = _value(_unaliased(exprs[0])["call"]["args"][0], t, at + ".exprs[0]")
        return pa.table({output_name(exprs[0]): pc.unique(_as_array(values, t.num_rows))})
    if exprs and all(_is_aggregate(e) for e in exprs) and not has_row_set(exprs):
        return _aggregate_table(t, [], exprs, at)
    return _project(t, exprs, at, keep=False)


def _with_columns(body: dict, at: str) -> pa.Table:
    return _project(_relation(body["input"], at), body.get("exprs", []), at, keep=True)


def _project(t: pa.Table, exprs: list, at: str, keep: bool) -> pa.Table:
    columns = dict(zip(t.column_names, t.columns)) if keep else {}
    values = {}
    for i, e in enumerate(exprs):
        if e.get("column", {}).get("name") == "*":
            columns.update(zip(t.column_names, t.columns))
            continue
        values[output_name(e)] = _value(e, t, "%s.exprs[%d]" % (at, i))
    # A select of aggregations (and what is computed from them) is one row; anything else broadcasts them.
    # Row sets give their own number of rows: all columns must have it (or one value), as in Polars.
    lengths = {len(v) for v in list(values.values()) + list(columns.values()) if isinstance(v, (pa.Array, pa.ChunkedArray))}
    if len(lengths) > 1 or keep and lengths - {t.num_rows}:
        raise PolaroidError("the columns of a %s have different lengths %s (at %s); as Polars, all must have the same"
                            " number of rows or one" % ("with_columns" if keep else "select", sorted(lengths), at),
                            "INVALID_PLAN")
    rows = next(iter(lengths)) if lengths else 1 if not keep else t.num_rows
    for name, v in values.items():
        columns[name] = v if isinstance(v, (pa.Array, pa.ChunkedArray)) else pa.array([v.as_py()] * rows, v.type)
    return pa.table(columns)


_PER_SECOND = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}


def _cast(v, target, strict: bool, column=None):
    """As the engine casts: a timestamp to a coarser unit (or a date) rounds down, also before 1970."""
    source = v.type
    special = _casts.cast(v, target)
    if special is not None:
        return special
    if pa.types.is_timestamp(source) and (pa.types.is_timestamp(target) or pa.types.is_date32(target)):
        unit = target.unit if pa.types.is_timestamp(target) else "s"
        step = _PER_SECOND[source.unit] // _PER_SECOND[unit] if _PER_SECOND[source.unit] > _PER_SECOND[unit] else 1
        if pa.types.is_date32(target):
            step *= 86400
        if step > 1:
            raw = pc.cast(v, pa.int64())
            floored = pc.subtract(raw, _int_divmod(raw, pa.scalar(step, pa.int64()))[1])
            v = pc.cast(floored, source)
    if pa.types.is_string(source) and pa.types.is_decimal(target) and target.scale < 18:
        v, source = _cast(v, pa.decimal128(38, 18), strict), pa.decimal128(38, 18)  # all digits read, then rounded
    if pa.types.is_decimal(source) and pa.types.is_decimal(target) and target.scale < source.scale:
        v = pc.round(v, ndigits=target.scale, round_mode="half_to_even")  # as Polars, not cut off
    try:
        if pa.types.is_floating(source) and pa.types.is_integer(target):
            _check_float_to_integer(v, target)
            return pc.cast(v, options=pc.CastOptions(target, allow_float_truncate=True))
        if pa.types.is_decimal(target) and (pa.types.is_decimal(source) or pa.types.is_floating(source)):
            _conversions.check_decimal_fits(v, target)
        # as Polars' strict cast: fractions and finer units are cut off; what does not fit fails
        return pc.cast(v, options=pc.CastOptions(target, allow_time_truncate=True, allow_decimal_truncate=True))
    except (pa.ArrowInvalid, PolaroidError) as e:
        if strict and column is _ONE_VALUE:
            raise PolaroidError("conversion failed", "INVALID_VALUE") from None
        if strict:
            raise _conversions.failed(v, source, target, column or "literal",
                                      lambda x: _cast_or_null(x, source, target)) from None
    # not strict: each value that does not convert is null (Polars), value by value once the whole failed
    values = [v.as_py()] if isinstance(v, pa.Scalar) else v.to_pylist()
    out = [_cast_or_null(x, source, target) for x in values]
    return out[0] if isinstance(v, pa.Scalar) else pa.array(out, target)


_ONE_VALUE = object()  # the "column" of a value cast alone: its failure is only a None


def _cast_or_null(value, source, target):
    """One value (of type ``source``) cast as a strict cast would, or None where that fails."""
    try:
        return _cast(pa.array([value], source), target, True, _ONE_VALUE)[0].as_py()
    except PolaroidError:
        return None


def _check_float_to_integer(v, target) -> None:
    """Fails, naming the values, when a float is NaN or outside the integer type (Polars' strict cast)."""
    v = pa.array([v.as_py()], v.type) if isinstance(v, pa.Scalar) else v
    bits = target.bit_width
    low, high = (0, 2 ** bits) if pa.types.is_unsigned_integer(target) else (-2 ** (bits - 1), 2 ** (bits - 1))
    whole = pc.trunc(v)
    bad = pc.or_kleene(pc.is_nan(v), pc.or_kleene(pc.less(whole, float(low)), pc.greater_equal(whole, float(high))))
    failed = pc.filter(v, pc.fill_null(bad, False))
    if len(failed):
        raise PolaroidError("conversion from `%s` to `%s` failed for %d out of %d values: %s"
                            % (v.type, target, len(failed), len(v), failed.to_pylist()[:10]), "INVALID_VALUE")


def _unaliased(e: dict) -> dict:
    while "alias" in e:
        e = e["alias"]["expr"]
    return e


# What the portable backend plans as a new set of rows (a select of it alone).
ROW_SETS = {"unique"} | _ROW_SETS


def _is_aggregate(e: dict) -> bool:
    kind, body = next(iter(e.items()))
    if kind == "alias":
        return _is_aggregate(body["expr"])
    return kind == "call" and body["function"] in _AGGS


def _aggregate(body: dict, at: str) -> pa.Table:
    t = _relation(body["input"], at)
    return _aggregate_table(t, body.get("keys", []), body.get("aggs", []), at)


def _aggregate_table(t: pa.Table, keys: list, aggs: list, at: str) -> pa.Table:
    """group_by(keys).agg(aggs): every aggregation inside ``aggs`` per group, then what is computed
    around them (``sum().round(2)``, ``0.2 * mean()``) on the grouped rows."""
    work, key_names = {}, []
    for i, k in enumerate(keys):
        name = output_name(k)
        work[name] = _one_zero(_as_array(_value(k, t, "%s.keys[%d]" % (at, i)), t.num_rows))
        key_names.append(name)
    calls, outputs, exact, per_group, restore = [], [], {}, {}, {}
    for i, a in enumerate(aggs):
        body = _unaliased(a)
        if keys and has_row_set(body):
            # a row set runs over each group's rows; what is computed from it too
            per_group["__rows%d" % i] = body
            outputs.append((output_name(a), {"column": {"name": "__rows%d" % i}}))
            continue
        if keys and _has_ordered(body):
            # as Polars: an order-dependent function runs over each group's rows in order (then a list per group)
            body = {"window": {"expr": body, "partitionBy": keys}}
            a = {"alias": {"expr": body, "name": output_name(a)}}
        if _mentions_column(body) and not _has_aggregate(body):
            # as Polars: an expression of columns that aggregates nothing gives each group the list of its values
            a = {"alias": {"expr": {"call": {"function": "implode", "args": [body]}}, "name": output_name(a)}}
        outputs.append((output_name(a), _replace_aggregates(a, calls, "%s.aggs[%d]" % (at, i))))
    specs, imploded, constants = [], {}, {}
    if per_group:
        work["__members"] = pa.array(range(t.num_rows), pa.int64())
        specs.append(("__members", "list", None))
    for tmp, fn, args, where in calls:
        if any(_has_aggregate(a) for a in args):
            raise PolaroidError("aggregations cannot be nested (at %s)" % where, "INVALID_PLAN")
        if fn == "len":
            work[tmp] = pa.array([1] * t.num_rows, pa.int64())
            specs.append((tmp, "count", pc.CountOptions(mode="all")))
            continue
        if fn in _ONE_VALUE_OF_A_LITERAL and args and not _mentions_column(args[0]):
            # as Polars (and the engine): a literal is one value, not a column as long as the group
            constants[tmp] = _aggregate_one_value(fn, args, where, t)
            continue
        v = _as_array(_value(args[0], t, where), t.num_rows)
        if fn == "implode" and key_names:
            # pyarrow lists any type only by row number: each group's rows, then their values
            imploded[tmp] = v.combine_chunks() if isinstance(v, pa.ChunkedArray) else v
            v = pa.array(range(t.num_rows), pa.int64())
        v, restore[tmp] = _aggregates.prepare(fn, v)
        work[tmp] = v
        if fn in _EXACT:
            exact[tmp] = _quantile_of(fn, args, v.type, where)
            specs.append((tmp, "list", None))
        else:
            specs.append((tmp, _AGGS.get(fn, fn), _options(fn)))
    if key_names:
        table = pa.table(work)
        grouped = table.group_by(key_names, use_threads=False).aggregate(
            [(tmp, fn, opts) if opts else (tmp, fn) for tmp, fn, opts in specs])
        grouped = pa.table({**{k: grouped.column(k) for k in key_names},
                            **{tmp: exact[tmp](grouped.column("%s_%s" % (tmp, fn)).to_pylist()) if tmp in exact
                               else _rows_to_values(grouped.column("%s_%s" % (tmp, fn)), imploded.get(tmp))
                               for tmp, fn, _ in specs}})
    else:
        grouped = pa.table({tmp: exact[tmp]([work[tmp].to_pylist()]) if tmp in exact else _whole(fn, work[tmp], opts)
                            for tmp, fn, opts in specs} or {"__one": [1]})
    for tmp, back in restore.items():
        if back is not None:
            grouped = grouped.set_column(grouped.column_names.index(tmp), tmp, back(grouped.column(tmp)))
    for tmp, value in constants.items():
        grouped = grouped.append_column(tmp, pa.array([value.as_py()] * grouped.num_rows, value.type))
    for tmp, body in per_group.items():
        grouped = grouped.append_column(tmp, _per_group_values(body, t, at, grouped.column("__members")))
    out = {k: grouped.column(k) for k in key_names}
    for name, expr in outputs:
        out[name] = _as_array(_value(expr, grouped, at), grouped.num_rows)
    return pa.table(out)


_ONE_VALUE_OF_A_LITERAL = {"count", "n_unique", "sum", "min", "max", "first", "last", "mean", "median", "std", "var"}


def _aggregate_one_value(fn: str, args: list, where: str, t: pa.Table) -> pa.Scalar:
    """An aggregation of a literal: of that one value (``lit(2).count()`` is 1, ``lit(2).sum()`` 2)."""
    v = _as_array(_value(args[0], t, where), 1)
    v, back = _aggregates.prepare(fn, v)
    if fn in _EXACT:
        result = _quantile_of(fn, args, v.type, where)([v.to_pylist()])
    else:
        result = _whole(_AGGS.get(fn, fn), v, _options(fn))
    return (back(result) if back else result)[0]


def _mentions_column(e) -> bool:
    if isinstance(e, dict):
        return "column" in e or any(_mentions_column(v) for v in e.values())
    if isinstance(e, list):
        return any(_mentions_column(v) for v in e)
    return False


def _rows_to_values(column, values):
    """An imploded column of row numbers as the lists of ``values`` at those rows (as is without values)."""
    if values is None:
        return column
    rows = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    return pa.ListArray.from_arrays(rows.offsets, values.take(pc.list_flatten(rows)))


def _has_ordered(e: dict) -> bool:
    """Whether an order-dependent function is in ``e`` (outside any window)."""
    kind, body = next(iter(e.items()))
    if kind == "call":
        return body["function"] in ORDERED or any(_has_ordered(a) for a in body.get("args", []))
    if kind in ("alias", "cast"):
        return _has_ordered(body["expr"])
    if kind == "when":
        return any(_has_ordered(b["condition"]) or _has_ordered(b["then"]) for b in body["branches"]) or \
            ("otherwise" in body and _has_ordered(body["otherwise"]))
    return False


def _has_aggregate(e: dict) -> bool:
    kind, body = next(iter(e.items()))
    if kind == "call":
        return (body["function"] in _WHOLE and body["function"] not in FUNCTIONS) or \
            any(_has_aggregate(a) for a in body.get("args", []))
    if kind in ("alias", "cast"):
        return _has_aggregate(body["expr"])
    if kind == "when":
        return any(_has_aggregate(b["condition"]) or _has_aggregate(b["then"]) for b in body["branches"]) or \
            ("otherwise" in body and _has_aggregate(body["otherwise"]))
    return False


def _options(fn: str):
    """Polars' meaning of an aggregation where pyarrow's default differs: sample std/var, null counted by
    n_unique, the first/last row's value even if null, a sum of no values 0."""
    if fn in ("std", "var"):
        return pc.VarianceOptions(ddof=1)
    if fn == "n_unique":
        return pc.CountOptions(mode="all")
    if fn in ("first", "last"):
        return pc.ScalarAggregateOptions(skip_nulls=False)  # Polars' first is the first row's value, null or not
    if fn == "sum":
        return pc.ScalarAggregateOptions(min_count=0)  # Polars' sum of nulls alone (or of nothing) is 0
    return None


def _whole(fn: str, v, opts):
    """One aggregation over a whole column, as a one-row array."""
    if fn == "list":
        return pa.array([v.to_pylist()], pa.list_(v.type))
    if fn == "median":
        return pa.array([pc.quantile(pc.cast(v, pa.float64()), q=0.5, interpolation="linear")[0].as_py()], pa.float64())
    r = getattr(pc, fn)(v, options=opts) if opts else getattr(pc, fn)(v)
    return pa.array([r.as_py()], r.type)


def _replace_aggregates(e: dict, calls: list, at: str) -> dict:
    """``e`` with every aggregation replaced by a column that will hold it (registered in ``calls``)."""
    kind, body = next(iter(e.items()))
    if kind == "call" and body["function"] in _WHOLE and body["function"] not in FUNCTIONS:
        tmp = "__agg%d" % len(calls)
        calls.append((tmp, body["function"], body.get("args", []), at))
        return {"column": {"name": tmp}}
    if kind == "call":
        return {"call": {**body, "args": [_replace_aggregates(a, calls, at) for a in body.get("args", [])]}}
    if kind in ("alias", "cast"):
        return {kind: {**body, "expr": _replace_aggregates(body["expr"], calls, at)}}
    if kind == "when":
        branches = [{"condition": _replace_aggregates(b["condition"], calls, at),
                     "then": _replace_aggregates(b["then"], calls, at)} for b in body["branches"]]
        other = {"otherwise": _replace_aggregates(body["otherwise"], calls, at)} if "otherwise" in body else {}
        return {"when": {"branches": branches, **other}}
    return e


def _join(body: dict, at: str) -> pa.Table:
    left = _relation(body["left"], at + ".left")
    right = _relation(body["right"], at + ".right")
    how = body.get("how", "INNER")
    if how == "CROSS":
        return _cross_join(left, right, body.get("suffix", "_right"))
    if how not in _JOINS:
        raise _unsupported("a %s join (at %s)" % (how, at))
    lk = [_key_column(e, left, at + ".leftOn") for e in body.get("leftOn", [])]
    rk = [_key_column(e, right, at + ".rightOn") for e in body.get("rightOn", [])]
    left, right = _zero_keys(left, lk), _zero_keys(right, rk)
    suffix = body.get("suffix", "_right")
    coalesce = how != "FULL"  # Polars keeps both key columns of a full join (its default coalesce=None)
    return _portable_structs.join_carrying_structs(left, right, suffix, lambda a, b: a.join(
        b, keys=lk, right_keys=rk, join_type=_JOINS[how], right_suffix=suffix, coalesce_keys=coalesce,
        use_threads=True))


def _zero_keys(t: pa.Table, keys: list) -> pa.Table:
    for name in keys:
        t = t.set_column(t.column_names.index(name), name, _one_zero(t.column(name)))
    return t


def _cross_join(left: pa.Table, right: pa.Table, suffix: str) -> pa.Table:
    """Every left row with every right row, left rows in order (pyarrow joins need keys: repeat and tile)."""
    n, m = left.num_rows, right.num_rows
    rows = pa.array([i for i in range(n) for _ in range(m)], pa.int64())
    tiled = pa.array([j for _ in range(n) for j in range(m)], pa.int64())
    out = {name: left.column(name).take(rows) for name in left.column_names}
    for name in right.column_names:
        out[name + suffix if name in out else name] = right.column(name).take(tiled)
    return pa.table(out)


def _key_column(e: dict, t: pa.Table, at: str) -> str:
    if "column" not in e:
        raise _unsupported("a join on an expression (at %s)" % at)
    _column(e["column"]["name"], t)
    return e["column"]["name"]


def _sort(body: dict, at: str) -> pa.Table:
    t = _relation(body["input"], at)
    keys, extra = [], {}
    for i, k in enumerate(body.get("keys", [])):
        e = k["expr"]
        if "column" in e:
            name = e["column"]["name"]
            _column(name, t)
        else:
            name = "__sort%d" % i
            extra[name] = _value(e, t, "%s.keys[%d]" % (at, i))
        keys.append((name, "descending" if k.get("descending") else "ascending"))
    work = t
    for name, values in extra.items():
        work = work.append_column(name, values)
    nulls = ["at_end" if k.get("nullsLast") else "at_start" for k in body.get("keys", [])]
    idx = _compare.sort_indices(work, [(n, o, p) for (n, o), p in zip(keys, nulls)])
    return t.take(idx)


def _slice(body: dict, at: str) -> pa.Table:
    t = _relation(body["input"], at)
    offset = int(body.get("offset", 0))
    return t.slice(offset, int(body["length"])) if "length" in body else t.slice(offset)


def _unique(body: dict, at: str) -> pa.Table:
    t = _relation(body["input"], at)
    subset = body.get("subset") or t.column_names
    keep = body.get("keep", "ANY")
    if keep == "NONE":
        raise _unsupported("unique(keep='none') (at %s)" % at)
    idx = pa.array(range(t.num_rows), pa.int64())
    g = _zero_keys(t, subset).append_column("__row", idx).group_by(subset, use_threads=False).aggregate(
        [("__row", "max" if keep == "LAST" else "min")])
    rows = pc.sort_indices(g.column(g.column_names[-1])) if body.get("maintainOrder") else None
    picked = g.column(g.column_names[-1])
    if rows is not None:
        picked = picked.take(rows)
    return t.take(picked)


def _union(body: dict, at: str) -> pa.Table:
    return pa.concat_tables([_relation(r, "%s.inputs[%d]" % (at, i)) for i, r in enumerate(body.get("inputs", []))])


def _rename(body: dict, at: str) -> pa.Table:
    t = _relation(body["input"], at)
    mapping = {c["from"]: c["to"] for c in body.get("columns", [])}
    for name in mapping:
        _column(name, t)
    return t.rename_columns([mapping.get(n, n) for n in t.column_names])


def _drop(body: dict, at: str) -> pa.Table:
    t = _relation(body["input"], at)
    for name in body.get("columns", []):
        _column(name, t)
    return t.drop_columns(body.get("columns", []))


def _explode(body: dict, at: str) -> pa.Table:
    """One row per value of the list columns, the others repeated; an empty list gives no row (a null
    row with ``emptyAsNull``), a null list a null row (none if ``keepNulls`` is false), as Polars."""
    t = _relation(body["input"], at)
    names = body.get("columns", [])
    lengths = None
    for name in names:
        c = _column(name, t)
        if not pa.types.is_list(c.type) and not pa.types.is_large_list(c.type):
            raise PolaroidError("explode: column '%s' is of type %s, not a list; only list columns can be exploded"
                                % (name, c.type),
                                "TYPE_MISMATCH")
        n = pc.fill_null(pc.list_value_length(c), 0).to_pylist()
        if lengths is not None and n != lengths:
            raise PolaroidError("explode: columns '%s' and '%s' have lists of different lengths in the same row"
                                % (names[0], name), "INVALID_VALUE")
        lengths = n
    if not names:
        raise PolaroidError("explode needs at least one column (at %s)" % at, "INVALID_PLAN")
    nulls = pc.is_null(_column(names[0], t)).to_pylist()
    empty_as_null, keep_nulls = body.get("emptyAsNull", False), body.get("keepNulls", True)
    copies = [n if n else int(keep_nulls if null else empty_as_null) for n, null in zip(lengths, nulls)]
    rows = [i for i, n in enumerate(copies) for _ in range(n)]
    one_null = pa.array([n == 0 and c == 1 for n, c in zip(lengths, copies)], pa.bool_())
    out = {}
    for name in t.column_names:
        c = t.column(name).combine_chunks()
        if name in names:
            out[name] = pc.list_flatten(pc.if_else(one_null, pa.scalar([None], c.type), c))
        else:
            out[name] = c.take(pa.array(rows, pa.int64()))
    return pa.table(out)


_RELATIONS = {"scan": _scan, "inMemory": _in_memory, "filter": _filter, "select": _select,
              "withColumns": _with_columns, "aggregate": _aggregate, "join": _join, "sort": _sort,
              "slice": _slice, "unique": _unique, "union": _union, "rename": _rename, "drop": _drop,
              "explode": _explode}


def _column(name: str, t: pa.Table):
    if name not in t.column_names:
        raise PolaroidError("column '%s' not found; available columns: [%s]" % (name, ", ".join(t.column_names)),
                            "COLUMN_NOT_FOUND")
    return t.column(name)


def _literal(lit: dict):
    kind, v = next(iter(lit.items()))
    if kind == "null":
        return pa.scalar(None)
    if kind == "boolean":
        return pa.scalar(v)
    if kind == "integer":  # as the engine and Polars: Int32 when it fits (it widens beside a wider column)
        return pa.scalar(int(v), pa.int32() if -2 ** 31 <= int(v) < 2 ** 31 else pa.int64())
    if kind == "float":
        return pa.scalar(float(v), pa.float64())
    if kind == "string":
        return pa.scalar(v, pa.string())
    if kind == "binary":
        return pa.scalar(base64.b64decode(v), pa.binary())
    if kind == "date":
        return pa.scalar(_EPOCH + _dt.timedelta(days=v), pa.date32())
    if kind == "decimal":
        return pa.scalar(_decimal.Decimal(v["value"]), pa.decimal128(v.get("precision", 38), v.get("scale", 0)))
    if kind == "interval":
        return _Interval(v.get("months", 0), v.get("days", 0), int(v.get("nanos", 0)))
    if kind == "typed":
        return _durations.typed_literal(v)
    if kind == "timestamp":
        return pa.scalar(int(v["value"]), pa.timestamp({"SECOND": "s", "MILLISECOND": "ms", "MICROSECOND": "us",
                                                          "NANOSECOND": "ns"}[v["unit"]], v.get("timeZone")))
    raise _unsupported("a %s literal" % kind)


def _is_decimal(v) -> bool:
    return pa.types.is_decimal(v.type)


def _align(a, b):
    """Numbers of different kinds meet as pyarrow can compute them: an int with a decimal becomes a
    decimal, a float with a decimal makes both floats, an int with a float a float."""
    def num_kind(v):
        t = v.type
        return "dec" if pa.types.is_decimal(t) else "float" if pa.types.is_floating(t) else \
            "int" if pa.types.is_integer(t) else None
    ka, kb = num_kind(a), num_kind(b)
    if {ka, kb} == {"dec", "int"}:
        if ka == "int":
            a = _as_decimal(a)
        else:
            b = _as_decimal(b)
    elif {ka, kb} == {"dec", "float"}:
        a, b = pc.cast(a, pa.float64()), pc.cast(b, pa.float64())
    elif {ka, kb} == {"int", "float"}:  # as Polars: the integer becomes a float, rounded beyond 2^53
        a, b = (pc.cast(a, pa.float64(), safe=False), b) if ka == "int" else (a, pc.cast(b, pa.float64(), safe=False))
    return a, b


def _as_decimal(v):
    """An integer as a decimal: a literal as narrow as its digits (1 is decimal(1, 0)), so that
    precision does not grow needlessly; a column as decimal(19, 0)."""
    if isinstance(v, pa.Scalar) and v.is_valid:
        n = v.as_py()
        return pa.scalar(_decimal.Decimal(n), pa.decimal128(max(1, len(str(abs(n)))), 0))
    return pc.cast(v, pa.decimal128(19, 0))


_BINARY = {"add": "add", "sub": "subtract", "mul": "multiply", "eq": "equal", "ne": "not_equal",
           "lt": "less", "le": "less_equal", "gt": "greater", "ge": "greater_equal",
           "and": "and_kleene", "or": "or_kleene"}
_UNARY = {"neg": "negate", "abs": "abs", "not": "invert", "is_null": "is_null", "is_not_null": "is_valid",
          "dt.year": "year", "dt.quarter": "quarter",
          "dt.month": "month", "dt.day": "day", "dt.hour": "hour", "dt.minute": "minute", "dt.second": "second",
          "dt.ordinal_day": "day_of_year"}


def _value(e: dict, t: pa.Table, at: str):
    kind, body = next(iter(e.items()))
    if kind == "column":
        return _column(body["name"], t)
    if kind == "literal":
        return _literal(body)
    if kind == "alias":
        return _value(body["expr"], t, at)
    if kind == "cast":
        return _cast(_value(body["expr"], t, at), _arrow_type(body["type"], at), bool(body.get("strict")),
                     _conversions.root_column(body["expr"]))
    if kind == "when":
        otherwise = _value(body["otherwise"], t, at) if "otherwise" in body else pa.scalar(None)
        thens = [_value(b["then"], t, at) for b in body["branches"]]
        *thens, otherwise = _literals_as_columns(thens + [otherwise])
        result = otherwise
        for b, then in zip(reversed(body["branches"]), reversed(thens)):
            cond = pc.fill_null(_value(b["condition"], t, at), False)
            result = pc.if_else(cond, then, result)
        return result
    if kind == "window":
        return _window(body, t, at)
    if kind == "pythonCall":
        return body.apply([_as_array(_value(a, t, at), t.num_rows) for a in body["args"]], t.num_rows)
    if kind == "call" and body["function"] in _ROW_SETS:
        return _row_set(body, t, at)
    if kind == "call" and body["function"] in ORDERED:
        return _ordered(body, t, at)
    if kind == "call" and body["function"] in _WHOLE and body["function"] not in FUNCTIONS:
        groups = _GROUPS.get()
        return _whole_aggregate(body, t, at) if groups is None else _group_aggregate(body, t, at, *groups)
    if kind == "call" and isinstance(FUNCTIONS.get(body["function"]), ListElements):
        return FUNCTIONS[body["function"]].evaluate(body, t, at, _value)
    if kind == "call":
        args = [_value(a, t, at) for a in body.get("args", [])]
        try:
            return _call(body["function"], args, at)
        except PolaroidError as e:  # a conversion that failed names its column, as in Polars
            message = str(e)
            if message.startswith("conversion from") and " in column " not in message and body.get("args"):
                raise PolaroidError(message.replace(" failed ", " failed in column '%s' " % (
                    _conversions.root_column(body["args"][0]) or "literal"), 1), e.code) from None
            raise
    raise _unsupported("expression '%s' (at %s)" % (kind, at))


def _literals_as_columns(values: list) -> list:
    """A literal number among column values takes the first column's type when of the same kind (an
    integer literal with an Int32 column stays Int32), as the engine and Polars type literals."""
    column = next((v for v in values if not isinstance(v, pa.Scalar)), None)
    if column is None:
        return values
    target = column.type
    kind = pa.types.is_integer if pa.types.is_integer(target) else pa.types.is_floating \
        if pa.types.is_floating(target) else None
    if kind is None:
        return values
    return [pc.cast(v, target) if isinstance(v, pa.Scalar) and kind(v.type) else v for v in values]


# The group of every row (and how many groups there are) while a window expression is evaluated.
_GROUPS: contextvars.ContextVar = contextvars.ContextVar("groups", default=None)
# The window's order keys (values, descending) and whether nulls sort last, while it is evaluated.
_ORDER: contextvars.ContextVar = contextvars.ContextVar("order", default=([], False))


def _window(body: dict, t: pa.Table, at: str):
    """``expr.over(keys, order_by=...)``: aggregations inside ``expr`` per group of the keys (nulls
    are a group); order-dependent functions over each group's rows in order."""
    if _GROUPS.get() is not None:
        raise PolaroidError("over() cannot be nested (at %s)" % at, "INVALID_PLAN")
    keys = {"k%d" % i: _as_array(_value(k, t, at), t.num_rows) for i, k in enumerate(body.get("partitionBy", []))}
    if keys:
        rows = pa.table({**keys, "__row": pa.array(range(t.num_rows), pa.int64())})
        members = rows.group_by(list(keys), use_threads=False).aggregate([("__row", "list")]).column("__row_list")
        group = pc.take(pc.list_parent_indices(members), pc.sort_indices(pc.list_flatten(members)))
        groups = (group, len(members))
    else:
        groups = (pa.array([0] * t.num_rows, pa.int64()), 1)
    order = body.get("orderBy", [])
    nulls_last = any(k.get("nullsLast") for k in order)
    keys_in_order = [(_as_array(_value(k["expr"], t, at), t.num_rows), bool(k.get("descending"))) for k in order]
    token, order_token = _GROUPS.set(groups), _ORDER.set((keys_in_order, nulls_last))
    try:
        return _value(body["expr"], t, at)
    finally:
        _GROUPS.reset(token)
        _ORDER.reset(order_token)


def _ordered(body: dict, t: pa.Table, at: str):
    """An order-dependent function over the rows of its window (the whole frame outside over())."""
    fn, args = body["function"], body.get("args", [])
    groups = _GROUPS.get()
    order, nulls_last = _ORDER.get()
    rows = _ordered_windows(groups[0] if groups else None, order, nulls_last, t.num_rows)
    if fn == "int_range":
        return ordered_compute(fn, None, [], rows, t.num_rows)
    values = _as_array(_value(args[0], t, at), t.num_rows)
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    by = None
    if fn in _BY_ORDERED and len(args) > 1:  # rolling_*_by, interpolate_by: a `by` column, then the options
        by = _as_array(_value(args[1], t, at), t.num_rows)
        by, args = by.combine_chunks() if isinstance(by, pa.ChunkedArray) else by, args[:1] + args[2:]
    options = []
    for a in args[1:]:
        if "literal" not in a:
            raise _unsupported("a non-literal option of %s() (at %s)" % (fn, at))
        options.append(_literal(a["literal"]).as_py())
    if fn in _MORE_ORDERED:
        return _more_compute(fn, values, by, options, rows, t.num_rows)
    return ordered_compute(fn, values, options, rows, t.num_rows)


def _row_set(body: dict, t: pa.Table, at: str):
    """A row set (``sort``, ``head``, ``filter``, ...) of the frame, or of each group of an ``over()``."""
    fn, args = body["function"], body.get("args", [])
    groups = _GROUPS.get()
    if groups is not None:
        if fn not in portable_rowsets.SAME_LENGTH:
            raise PolaroidError("in over(), an expression must give one value per row of its group or one per group,"
                                " but %s() gives fewer rows (at %s)" % (fn, at), "INVALID_PLAN")
        return _per_group_rows({"call": body}, t, at, groups[0], groups[1])
    x = _as_array(_value(args[0], t, at), t.num_rows)
    x = x.combine_chunks() if isinstance(x, pa.ChunkedArray) else x
    rest, keys, predicate, options = args[1:], [], None, []
    if fn in ("top_k_by", "bottom_k_by"):
        options, rest = [_literal(rest[0]["literal"]).as_py()], rest[1:]
    if fn in ("sort_by", "top_k_by", "bottom_k_by"):
        for i in range(0, len(rest), 3):
            values = _as_array(_value(rest[i], t, at), t.num_rows)
            keys.append((values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values,
                         _literal(rest[i + 1]["literal"]).as_py(), _literal(rest[i + 2]["literal"]).as_py()))
    elif fn == "filter":
        predicate = _as_array(_value(rest[0], t, at), t.num_rows)
    else:
        options = [_literal(a["literal"]).as_py() for a in rest]
    if any(len(k[0]) != len(x) for k in keys) or predicate is not None and len(predicate) != len(x):
        raise PolaroidError("%s() of values and keys of different lengths (at %s)" % (fn, at), "INVALID_PLAN")
    return portable_rowsets.compute(fn, x, options, keys, predicate, len(x))


def _per_group_rows(e: dict, t: pa.Table, at: str, group, count: int):
    """``e`` over each group's rows (a whole frame each), placed back on the group's rows."""
    members = [[] for _ in range(count)]
    for row, g in enumerate(group.to_pylist()):
        members[g].append(row)
    token = _GROUPS.set(None)
    try:
        parts = [_as_array(_value(e, t.take(pa.array(rows, pa.int64())), at), len(rows)) for rows in members if rows]
    finally:
        _GROUPS.reset(token)
    rows = [r for m in members for r in m]
    values = pa.concat_arrays([p.combine_chunks() if isinstance(p, pa.ChunkedArray) else p for p in parts])
    inverse = [0] * len(rows)
    for at_, r in enumerate(rows):
        inverse[r] = at_
    return values.take(pa.array(inverse, pa.int64()))


def _per_group_values(e: dict, t: pa.Table, at: str, members) -> pa.Array:
    """``e`` over each group's rows (``members``, a list array of row numbers): a value (or a list) per group."""
    out = []
    for rows in members.to_pylist():
        v = _value(e, t.take(pa.array(rows, pa.int64())), at)
        out.append(v if isinstance(v, pa.Scalar) else pa.scalar(v.to_pylist(), pa.list_(v.type)))
    kind = next((v.type for v in out if v.is_valid), out[0].type if out else pa.null())
    return pa.array([v.as_py() for v in out], kind)


def _group_aggregate(body: dict, t: pa.Table, at: str, group, count: int):
    """An aggregation per group inside a window, one value per row (its group's)."""
    fn = body["function"]
    if fn in REDUCTIONS:
        v = _as_array(_value(body["args"][0], t, at), t.num_rows)
        return per_group(_quantile_of(fn, body.get("args", []), v.type, at), v, group, count)
    if fn not in _AGGS:
        raise _unsupported("%s() in a window (at %s): pyarrow has no exact one per group" % (fn, at))
    order, nulls_last = _ORDER.get()
    if order and fn in ("first", "last"):  # the first (last) row of each group in the window's order
        rows = _ordered_windows(group, order, nulls_last, t.num_rows)
        picked = pa.array([r[0] if fn == "first" else r[-1] for r in rows], pa.int64())
        return pc.take(_as_array(_value(body["args"][0], t, at), t.num_rows), pc.take(picked, group))
    work = {"g": group}
    if fn == "len":
        spec = ([], "count_all")
    else:
        v = _as_array(_value(body["args"][0], t, at), t.num_rows)
        v, back = _aggregates.prepare(fn, v)
        work["v"] = v
        spec = ("v", _AGGS[fn], _options(fn)) if _options(fn) else ("v", _AGGS[fn])
    result = pa.table(work).group_by("g", use_threads=False).aggregate([spec])
    values = result.column(result.column_names[0] if result.column_names[0] != "g" else result.column_names[1])
    by_group = pc.take(values, pc.sort_indices(result.column("g")))
    if fn != "len" and back is not None:
        by_group = back(by_group)
    return pc.take(by_group, group)


def _as_array(v, rows: int):
    return v if isinstance(v, (pa.Array, pa.ChunkedArray)) else pa.array([v.as_py()] * rows, v.type)


def _whole_aggregate(body: dict, t: pa.Table, at: str) -> pa.Scalar:
    """An aggregation over the whole frame where rows are computed (Polars broadcasts it)."""
    fn = body["function"]
    if fn == "len":
        rows = len(_as_array(_value(body["args"][0], t, at), t.num_rows)) if body.get("args") else t.num_rows
        return pa.scalar(rows, pa.int64())
    if fn in _ONE_VALUE_OF_A_LITERAL and not _mentions_column(body["args"][0]):
        return _aggregate_one_value(fn, body["args"], at, t)  # a literal is one value (Polars)
    v = _as_array(_value(body["args"][0], t, at), t.num_rows)
    v, back = _aggregates.prepare(fn, v)
    if fn in _EXACT:
        return _quantile_of(fn, body.get("args", []), v.type, at)([v.to_pylist()])[0]
    result = _whole(_AGGS.get(fn, fn), v, _options(fn))
    return (back(result) if back else result)[0]


def _quantile_of(fn: str, args: list, value_type, at: str):
    """The exact median or quantile of each list of values, as the engine computes it (its
    ``Quantile``: Polars' interpolation methods), as an array of one value per list."""
    if fn in REDUCTIONS:
        return reduction(fn, [_literal(a["literal"]).as_py() if "literal" in a else None for a in args[1:]], value_type, at)
    if fn == "median":
        q, method = 0.5, "linear"
    else:
        options = [_literal(a["literal"]).as_py() if "literal" in a else None for a in args[1:]]
        q, method = (options + ["nearest"])[:2]
        if not isinstance(q, (int, float)) or not 0 <= q <= 1:
            raise PolaroidError("quantile needs a quantile between 0 and 1 as a number (at %s)" % at, "INVALID_PLAN")
        if method not in ("nearest", "lower", "higher", "midpoint", "linear", "equiprobable"):
            raise PolaroidError("quantile interpolation must be one of 'nearest', 'lower', 'higher', 'midpoint', "
                                "'linear', 'equiprobable' (at %s)" % at, "INVALID_PLAN")
    result = pa.float32() if value_type == pa.float32() else pa.float64()
    return lambda lists: pa.array([quantile_value(values or [], q, method) for values in lists], result)


def _calendar_module():
    from polaroid import portable_calendar
    return portable_calendar


def _calendar(fn: str, values, every=None):
    from polaroid import portable_calendar
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    return portable_calendar.apply(fn, values, every)


def _call(fn: str, args: list, at: str):
    kernel = FUNCTIONS.get(fn)
    if kernel is None:
        raise _unsupported("function '%s' (at %s)" % (fn, at))
    return kernel(*args)


class _Interval:
    """An interval literal: months (clamped to the month's end, as the engine), days and nanoseconds."""

    def __init__(self, months: int, days: int, nanos: int):
        self.months, self.days, self.nanos = months, days, nanos

    def shift(self, values, sign: int):
        """Dates or timestamps moved by this interval (times ``sign``), row by row in Python."""
        months, delta = sign * self.months, sign * _dt.timedelta(days=self.days, microseconds=self.nanos / 1000)
        if pa.types.is_date32(values.type) and self.nanos:
            raise PolaroidError("a date moved by a time of day: cast it to a datetime first", "INVALID_PLAN")

        def move(v):
            if v is None:
                return None
            if months:
                total = v.year * 12 + v.month - 1 + months
                year, month = divmod(total, 12)
                last = (_dt.date(year + (month == 11), (month + 1) % 12 + 1, 1) - _dt.timedelta(days=1)).day
                v = v.replace(year=year, month=month + 1, day=min(v.day, last))
            return v + delta
        return pa.array([move(v) for v in values.to_pylist()], values.type)


def _binary(name: str):
    def kernel(*args):
        if len(args) > 2:  # and/or of many terms
            return functools.reduce(getattr(pc, name), args)
        if isinstance(args[1], _Interval) and name in ("add", "subtract"):
            return args[1].shift(_as_array(args[0], 1), 1 if name == "add" else -1)
        if isinstance(args[0], _Interval) and name == "add":
            return args[0].shift(_as_array(args[1], 1), 1)
        if name == "add" and all(pa.types.is_string(v.type) for v in args):  # text joined; null if either is
            return pc.binary_join_element_wise(args[0], args[1], "")
        if name in ("add", "subtract", "multiply") and _durations.applies(args[0], args[1]):
            return _durations.arithmetic(name, args[0], args[1])
        a, b = _align(args[0], args[1])
        if name in _compare.ORDERED and _compare.involves_floats(a, b):
            return _compare.compare(name, a, b)
        try:
            return getattr(pc, name)(a, b)
        except pa.ArrowInvalid as e:
            if "precision out of range" not in str(e):
                raise
            # Decimal precision grows past 38 digits in pyarrow sooner than in the engine: use doubles.
            return getattr(pc, name)(pc.cast(a, pa.float64()), pc.cast(b, pa.float64()))
    return kernel


def _truediv(a, b):
    if _durations.applies(a, b):
        return _durations.arithmetic("divide", a, b)
    _check_decimal_divisor(b)
    if _is_decimal(a) or _is_decimal(b):  # as the engine (DuckDB's rule, docs/semantics.md): a float
        return pc.divide(*_align(pc.cast(a, pa.float64()), pc.cast(b, pa.float64())))
    target = _numbers.float_type(a, b)
    return pc.divide(*_align(_numbers.as_float(a, target), _numbers.as_float(b, target)))


def _check_decimal_divisor(b) -> None:
    """Polars refuses to divide a decimal by zero, where a float gives ±inf or NaN."""
    if _is_decimal(b) and pc.any(pc.equal(pc.cast(b, pa.float64()), 0.0)).as_py():
        raise PolaroidError("division by zero Decimal", "INVALID_VALUE")


def _floordiv(a, b):
    """Rounded down; integers stay integers (as in the engine and Polars), computed exactly."""
    if _is_integer(a) and _is_integer(b):
        return pc.cast(_int_divmod(a, b)[0], _numbers.integer_type(a, b), safe=False)  # wraps, as Polars
    _check_decimal_divisor(b)
    target = _numbers.float_type(a, b)
    return pc.floor(pc.divide(_numbers.as_float(a, target), _numbers.as_float(b, target)))


def _mod(a, b):
    if _is_integer(a) and _is_integer(b):
        return pc.cast(_int_divmod(a, b)[1], _numbers.integer_type(a, b))
    target = _numbers.float_type(a, b)
    a, b = _numbers.as_float(a, target), _numbers.as_float(b, target)
    return pc.subtract(a, pc.multiply(pc.floor(pc.divide(a, b)), b))


def _int_divmod(a, b):
    """Floor division and its remainder (the divisor's sign) of 64-bit integers; by zero, null (Polars)."""
    a, b = pc.cast(a, pa.int64()), pc.cast(b, pa.int64())
    b = pc.if_else(pc.equal(b, 0), pa.scalar(None, pa.int64()), b)
    q = pc.divide(a, b)  # toward zero
    r = pc.subtract(a, pc.multiply(q, b))
    fix = pc.and_(pc.not_equal(r, 0), pc.not_equal(pc.less(r, 0), pc.less(b, 0)))
    return pc.if_else(fix, pc.subtract(q, 1), q), pc.if_else(fix, pc.add(r, b), r)


def _is_in(x, *values):
    value_set = pa.array([v.as_py() for v in values])
    if pa.types.is_floating(x.type) and pa.types.is_floating(value_set.type):
        x = _numbers.as_float(x, _numbers.float_type(x, value_set))  # as Polars: 0.1 as a Float32 is not 0.1
    found = pc.is_in(_one_zero(x), value_set=_one_zero(pc.cast(value_set, x.type)))
    return pc.if_else(pc.is_null(x), pa.scalar(None, pa.bool_()), found)  # null stays null, as in Polars


def _is_between(x, low, high, closed=None):
    closed = closed.as_py() if closed is not None else "both"
    lo = pc.greater_equal if closed in ("both", "left") else pc.greater
    hi = pc.less_equal if closed in ("both", "right") else pc.less
    return pc.and_kleene(lo(*_align(x, low)), hi(*_align(x, high)))


def _str_slice(s, offset, length=None):
    start = offset.as_py()
    stop = None if length is None else start + max(length.as_py(), 0)
    if start < 0 and stop is not None and stop >= 0:
        stop = None  # a negative offset whose span reaches the end: pyarrow reads a stop of 0 as the start
    return pc.utf8_slice_codeunits(s, start, stop)


def _strip_chars(s, characters=None):
    return pc.utf8_trim_whitespace(s) if characters is None else pc.utf8_trim(s, characters.as_py())


def _pattern(kernel):
    return lambda s, pattern: kernel(s, pattern.as_py())


def _f64(x):
    """Numbers as floats for a float function: Float32 stays Float32 (as Polars), others become Float64."""
    return _numbers.as_float(x)


def _is_integer(x) -> bool:
    return pa.types.is_integer(x.type)


def _log(x, base=None):
    ln = pc.ln(_f64(x))
    return ln if base is None else pc.divide(ln, math.log(base.as_py()))


def _cbrt(x):
    f = _f64(x)
    return pc.multiply(pc.sign(f), pc.power(pc.abs(f), 1.0 / 3.0))


def _pow(base, exponent):
    if _is_integer(base) and _is_integer(exponent):
        return pc.power(pc.cast(base, pa.int64()), pc.cast(exponent, pa.int64()))
    return pc.power(_f64(base), _f64(exponent))


def _clip(x, lower, upper):
    out = x
    if lower.is_valid if isinstance(lower, pa.Scalar) else True:
        out = pc.if_else(pc.less(*_align(out, lower)), pc.cast(lower, x.type), out)
    if upper.is_valid if isinstance(upper, pa.Scalar) else True:
        out = pc.if_else(pc.greater(*_align(out, upper)), pc.cast(upper, x.type), out)
    return out


def _replace(s, pattern, value, literal=None, first=True):
    limit = 1 if first else None
    if literal is not None and literal.as_py():
        return pc.replace_substring(s, pattern.as_py(), value.as_py(), max_replacements=limit)
    return pc.replace_substring_regex(s, pattern.as_py(), _rewrite(value.as_py()), max_replacements=limit)


def _rewrite(value: str) -> str:
    """The plan's replacement (RE2J's: ``$1`` a group, a backslash escapes the next character) as
    pyarrow's RE2 rewrite (``\\1`` a group, ``\\\\`` a backslash)."""
    out, i = [], 0
    while i < len(value):
        ch = value[i]
        group = re.match(r"\$(\d)", value[i:])
        if ch == "\\" and i + 1 < len(value):
            out.append("\\\\" if value[i + 1] == "\\" else value[i + 1])
            i += 2
        elif group:
            out.append("\\" + group.group(1))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _head(s, n):
    return pc.utf8_slice_codeunits(s, 0, n.as_py())


def _tail(s, n):
    n = n.as_py()
    return pc.utf8_slice_codeunits(s, 0, 0) if n == 0 else pc.utf8_slice_codeunits(s, -n)


def _strip(side: str):
    def kernel(s, characters=None):
        if characters is None:
            return getattr(pc, "utf8_%strim_whitespace" % side)(s)
        return getattr(pc, "utf8_%strim" % side)(s, characters.as_py())
    return kernel


def _per_list(function, result_type=None):
    """A list function computed list by list in Python (a null list gives null), as the engine
    defines it; ``result_type`` maps the list type to the result's (default: the element type)."""
    def kernel(lists, *params):
        params = [p.as_py() for p in params]
        values = lists.to_pylist() if not isinstance(lists, pa.Scalar) else [lists.as_py()]
        out_type = result_type(lists.type) if result_type else lists.type.value_type
        out = [None if v is None else function(v, *params) for v in values]
        return pa.array(out, out_type) if not isinstance(lists, pa.Scalar) else pa.scalar(out[0], out_type)
    return kernel


def _list_get(values, index, null_on_oob=False):
    at = index + len(values) if index < 0 else index
    if 0 <= at < len(values):
        return values[at]
    if null_on_oob:
        return None
    raise PolaroidError("list.get: index %d is out of bounds for a list of %d values; pass null_on_oob=True to get "
                        "null instead" % (index, len(values)), "INVALID_VALUE")


def _list_sum_type(list_type):
    e = list_type.value_type
    if pa.types.is_floating(e):
        return pa.float64()
    if pa.types.is_decimal(e):
        return pa.decimal128(38, e.scale)
    return pa.int64()


def _list_extreme(pick):
    def kernel(values):
        present = [v for v in values if v is not None and v == v]
        return pick(present) if present else None
    return kernel


def _list_sort(values, descending=False, nulls_last=False):
    present = sorted((v for v in values if v is not None), reverse=descending)
    nulls = [None] * (len(values) - len(present))
    return present + nulls if nulls_last else nulls + present


def _list_slice(values, offset, length=None):
    size = len(values)
    start = max(0, size + offset) if offset < 0 else min(offset, size)
    end = size if length is None else min(size, start + max(0, length))
    return values[start:end]


def _unique_in_order(values):
    seen, out = set(), []
    for v in values:
        key = (type(v).__name__, v)
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


def _str_split(s, by):
    by = by.as_py()
    if by:
        return pc.split_pattern(s, by)
    values = s.to_pylist() if not isinstance(s, pa.Scalar) else [s.as_py()]
    return pa.array([None if v is None else list(v) for v in values], pa.list_(pa.string()))


_LIST_FUNCTIONS = {
    "list.len": _per_list(len, lambda t: pa.int32()),
    "list.get": _per_list(_list_get),
    "list.first": _per_list(lambda v: v[0] if v else None),
    "list.last": _per_list(lambda v: v[-1] if v else None),
    "list.contains": _per_list(lambda v, item: item in v, lambda t: pa.bool_()),
    "list.sum": _per_list(lambda v: sum(x for x in v if x is not None), _list_sum_type),
    "list.min": _per_list(_list_extreme(min)),
    "list.max": _per_list(_list_extreme(max)),
    "list.mean": _per_list(lambda v: (lambda p: sum(p) / len(p) if p else None)([float(x) for x in v if x is not None]),
                           lambda t: pa.float64()),
    "list.join": _per_list(lambda v, sep: sep.join(x for x in v if x is not None), lambda t: pa.string()),
    "list.unique": _per_list(_unique_in_order, lambda t: t),
    "list.n_unique": _per_list(lambda v: len(_unique_in_order(v)), lambda t: pa.int32()),
    "list.sort": _per_list(_list_sort, lambda t: t),
    "list.reverse": _per_list(lambda v: v[::-1], lambda t: t),
    "list.slice": _per_list(_list_slice, lambda t: t),
    "list.head": _per_list(lambda v, n=5: v[:max(0, n)], lambda t: t),
    "list.tail": _per_list(lambda v, n=5: v[max(0, len(v) - n):] if n > 0 else [], lambda t: t),
    "str.split": _str_split,
}


# Every scalar function of the catalog (testdata/functions.json) this backend runs, by wire name.
FUNCTIONS = {
    **{fn: _binary(name) for fn, name in _BINARY.items()},
    **{fn: getattr(pc, name) for fn, name in _UNARY.items()},
    "truediv": _truediv, "floordiv": _floordiv, "mod": _mod,
    "round": _numbers.round_as_polars,
    "str.len_chars": lambda s: pc.cast(pc.utf8_length(s), pa.int64()),  # Polars' UInt32: Int64 here
    "fill_null": lambda x, value: pc.fill_null(*_align(x, value)),
    "coalesce": lambda *values: pc.coalesce(*values),
    "is_in": _is_in, "is_between": _is_between,
    "str.contains": _pattern(pc.match_substring), "str.contains_regex": _pattern(pc.match_substring_regex),
    "str.starts_with": _pattern(pc.starts_with), "str.ends_with": _pattern(pc.ends_with),
    "str.like": _pattern(pc.match_like), "str.slice": _str_slice, "str.strip_chars": _strip_chars,
    "str.to_date": lambda s: pc.cast(pc.strptime(s, "%Y-%m-%d", "s"), pa.date32()),
    "concat_str": lambda *parts: pc.binary_join_element_wise(*[pc.cast(p, pa.string()) for p in parts], ""),
    "dt.weekday": lambda d: pc.add(pc.day_of_week(d), 1),
    "dt.truncate": lambda d, every: _calendar("dt.truncate", d, every),
    "dt.month_start": lambda d: _calendar("dt.month_start", d),
    **{"dt.%s" % unit: (lambda per: lambda d: _calendar_module().subsecond(d, per))(per)
       for unit, per in (("millisecond", 1_000), ("microsecond", 1_000_000), ("nanosecond", 1_000_000_000))},
    "dt.month_end": lambda d: _calendar("dt.month_end", d),
    "dt.date": _casts.local_date,
    **{fn: (lambda name: lambda x: getattr(pc, name)(_f64(x)))(name) for fn, name in
       {"sqrt": "sqrt", "exp": "exp", "log10": "log10", "log1p": "log1p", "sin": "sin", "cos": "cos", "tan": "tan",
        "is_nan": "is_nan", "is_finite": "is_finite", "is_infinite": "is_inf", "arcsin": "asin", "arccos": "acos",
        "arctan": "atan", "sinh": "sinh", "cosh": "cosh", "tanh": "tanh", "arcsinh": "asinh", "arccosh": "acosh",
        "arctanh": "atanh"}.items()},
    "cot": lambda x: pc.divide(1.0, pc.tan(_f64(x))),
    "degrees": lambda x: pc.multiply(_f64(x), 180.0 / math.pi), "radians": lambda x: pc.multiply(_f64(x), math.pi / 180.0),
    "is_not_nan": lambda x: pc.invert(pc.is_nan(_f64(x))),
    "cbrt": _cbrt, "log": _log, "pow": _pow, "clip": _clip,
    "str.replace": _replace, "str.replace_all": lambda s, p, v, lit=None: _replace(s, p, v, lit, first=False),
    "str.reverse": pc.utf8_reverse, "str.zfill": lambda s, n: pc.utf8_zero_fill(s, n.as_py()),
    "str.pad_start": lambda s, n, fill: pc.utf8_lpad(s, n.as_py(), fill.as_py()),
    "str.pad_end": lambda s, n, fill: pc.utf8_rpad(s, n.as_py(), fill.as_py()),
    "str.head": _head, "str.tail": _tail,
    "str.strip_chars_start": _strip("l"), "str.strip_chars_end": _strip("r"),
    "floor": lambda x: x if _is_integer(x) else pc.floor(x),
    "ceil": lambda x: x if _is_integer(x) else pc.ceil(x),
    "sign": lambda x: pc.cast(pc.sign(x), x.type),
    **_LIST_FUNCTIONS,
    **_portable_text.FUNCTIONS,
    **LIST_MORE_FUNCTIONS,
    **_portable_business.FUNCTIONS,
}
FUNCTIONS.update(SCALARS)
FUNCTIONS.update(_durations.FUNCTIONS)
FUNCTIONS.update(_portable_structs.FUNCTIONS)
FUNCTIONS.update(_portable_binary.FUNCTIONS)


def _arrow_type(t: dict, at: str):
    i = t.get("id")
    simple = {"BOOL": pa.bool_(), "INT8": pa.int8(), "INT16": pa.int16(), "INT32": pa.int32(), "INT64": pa.int64(),
              "FLOAT32": pa.float32(), "FLOAT64": pa.float64(), "UTF8": pa.string(), "DATE32": pa.date32(),
              "NULL": pa.null()}
    if i in simple:
        return simple[i]
    if i == "DECIMAL":
        return pa.decimal128(t.get("precision", 38), t.get("scale", 0))
    if i == "LIST":
        return pa.list_(_arrow_type(t.get("element", {}), at))
    if i == "TIMESTAMP":
        return pa.timestamp({"SECOND": "s", "MILLISECOND": "ms", "MICROSECOND": "us", "NANOSECOND": "ns"}
                            [t.get("unit", "MICROSECOND")], t.get("timeZone"))
    from polaroid.datatypes_more import arrow_type as more
    if more(t, at, _arrow_type) is not None:
        return more(t, at, _arrow_type)
    raise _unsupported("a cast to %s (at %s)" % (i, at))
