"""A DataFrame prints as a table: shape, column names and types, the first and last rows."""
from __future__ import annotations

_MAX_ROWS = 10
_MAX_WIDTH = 32


def _cell(v) -> str:
    s = "null" if v is None else str(v)
    return s if len(s) <= _MAX_WIDTH else s[: _MAX_WIDTH - 1] + "…"


def render(table) -> str:
    n = table.num_rows
    names = table.column_names
    if n > _MAX_ROWS:
        head = table.slice(0, _MAX_ROWS // 2).to_pylist()
        tail = table.slice(n - _MAX_ROWS // 2).to_pylist()
        rows = [[_cell(r[c]) for c in names] for r in head] + [["…"] * len(names)] + \
               [[_cell(r[c]) for c in names] for r in tail]
    else:
        rows = [[_cell(r[c]) for c in names] for r in table.to_pylist()]
    types = [str(t) for t in table.schema.types]
    widths = [max([len(h), len(t)] + [len(r[i]) for r in rows]) for i, (h, t) in enumerate(zip(names, types))]
    line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    out = ["shape: (%d, %d)" % (n, len(names)), line,
           "| " + " | ".join(h.ljust(w) for h, w in zip(names, widths)) + " |",
           "| " + " | ".join(t.ljust(w) for t, w in zip(types, widths)) + " |", line.replace("-", "=")]
    out += ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |" for r in rows]
    out.append(line)
    return "\n".join(out)
