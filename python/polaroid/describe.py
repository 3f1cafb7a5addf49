"""Polars' ``describe``: count, null count, mean, standard deviation, minimum, percentiles and maximum
of every column, computed in one query (a select of aggregations, which both backends and the cluster
run) and laid out as Polars does: a ``statistic`` column, then one column per input column, Float64
for numbers and booleans, String for strings."""
from __future__ import annotations

import pyarrow as pa

from polaroid.expr import col


def _label(p: float) -> str:
    return "%s%%" % ("%g" % (p * 100))


def describe(frame, percentiles=(0.25, 0.5, 0.75), *, interpolation: str = "nearest"):
    from polaroid.frame import DataFrame
    if percentiles is None:
        percentiles = ()
    elif isinstance(percentiles, float):
        percentiles = (percentiles,)
    percentiles = sorted(set(percentiles))
    stats = ["count", "null_count", "mean", "std", "min", *[_label(p) for p in percentiles], "max"]
    schema = frame._arrow_schema()
    exprs, kinds = [], {}
    for field in schema:
        name, t = field.name, field.type
        if pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t):
            kinds[name] = "number"
        elif pa.types.is_boolean(t):
            kinds[name] = "bool"
        elif pa.types.is_string(t) or pa.types.is_large_string(t):
            kinds[name] = "string"
        else:
            raise ValueError("describe() of column '%s' of type %s: Polaroid describes numbers, booleans and strings"
                             % (name, t))
        c = col(name)
        per_stat = {"count": c.count(), "null_count": c.null_count(), "min": c.min(), "max": c.max()}
        if kinds[name] != "string":
            per_stat["mean"] = c.mean()
        if kinds[name] == "number":
            per_stat["std"] = c.std()
            for p in percentiles:
                per_stat[_label(p)] = c.quantile(p, interpolation)
        exprs += [e.alias("%s\x00%s" % (stat, name)) for stat, e in per_stat.items()]
    row = frame.select(exprs).collect().to_arrow()
    values = {n: row.column(n)[0].as_py() for n in row.column_names}
    out = {"statistic": pa.array(stats, pa.string())}
    for name, kind in kinds.items():
        cells = [values.get("%s\x00%s" % (stat, name)) for stat in stats]
        if kind == "string":
            out[name] = pa.array([None if v is None else str(v) for v in cells], pa.string())
        else:
            out[name] = pa.array([None if v is None else float(v) for v in cells], pa.float64())
    return DataFrame(pa.table(out), backend=frame._backend)
