"""A DataFrame prints as a table: shape, column names and types, the first and last rows.
``pl.Config`` sets how many rows and columns show and how long a string may be."""
from __future__ import annotations

_MAX_ROWS = 10  # pl.Config.set_tbl_rows (-1: every row)
_MAX_WIDTH = 32  # pl.Config.set_fmt_str_lengths
_MAX_COLS = -1  # pl.Config.set_tbl_cols (-1: every column)


def _cell(v) -> str:
    s = "null" if v is None else _bytes(v) if isinstance(v, bytes) else str(v)
    return s if len(s) <= _MAX_WIDTH else s[: _MAX_WIDTH - 1] + "…"


def _bytes(b: bytes) -> str:
    """As Polars prints a binary value: printable ASCII as it is, any other byte as \\xNN, in b"...";
    a long one cut after the last whole byte that fits two characters short of the width, then …."""
    units = [chr(c) if 0x20 <= c < 0x7F else "\\x%02x" % c for c in b]
    full = 'b"' + "".join(units) + '"'
    if len(full) <= _MAX_WIDTH - 2:
        return full
    out = 'b"'
    for unit in units:
        if len(out) + len(unit) > _MAX_WIDTH - 2:
            break
        out += unit
    return out + "…"


def _shown(count: int, limit: int) -> tuple:
    """The first and the last positions shown of ``count`` when at most ``limit`` show (-1: no limit)."""
    if limit < 0 or count <= limit:
        return list(range(count)), []
    return list(range((limit + 1) // 2)), list(range(count - limit // 2, count))


def render(table) -> str:
    n, width = table.num_rows, table.num_columns
    first_cols, last_cols = _shown(width, _MAX_COLS)
    cols = first_cols + (["…"] if last_cols else []) + last_cols
    names = [table.column_names[i] if i != "…" else "…" for i in cols]
    types = [str(table.schema.types[i]) if i != "…" else "" for i in cols]
    first_rows, last_rows = _shown(n, _MAX_ROWS)
    picked = first_rows + last_rows
    data = [table.column(i).take(picked).to_pylist() if i != "…" else None for i in cols]
    rows = [["…" if c is None else _cell(c[k]) for c in data] for k in range(len(first_rows))]
    rows += [["…"] * len(cols)] if last_rows else []
    rows += [["…" if c is None else _cell(c[k]) for c in data] for k in range(len(first_rows), len(picked))]
    widths = [max([len(h), len(t)] + [len(r[i]) for r in rows]) for i, (h, t) in enumerate(zip(names, types))]
    line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    out = ["shape: (%d, %d)" % (n, width), line,
           "| " + " | ".join(h.ljust(w) for h, w in zip(names, widths)) + " |",
           "| " + " | ".join(t.ljust(w) for t, w in zip(types, widths)) + " |", line.replace("-", "=")]
    out += ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |" for r in rows]
    out.append(line)
    return "\n".join(out)
