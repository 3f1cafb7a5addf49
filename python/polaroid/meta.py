"""``Expr.meta``: what an expression is made of, read from its plan node (as Polars' ``meta``
namespace): its output and input column names, its aliases, whether it is a column or a literal,
equality, and the node as JSON (``Expr.deserialize`` reads it back)."""
from __future__ import annotations

import io
import json


def _expr():
    from polaroid import expr
    return expr


def _children(node: dict) -> list:
    kind, body = next(iter(node.items()))
    if kind == "call":
        return list(body.get("args", []))
    if kind in ("alias", "cast"):
        return [body["expr"]]
    if kind == "window":
        return [body["expr"], *body.get("partitionBy", []), *[k["expr"] for k in body.get("orderBy", [])]]
    if kind == "when":
        out = [n for b in body["branches"] for n in (b["condition"], b["then"])]
        return out + ([body["otherwise"]] if "otherwise" in body else [])
    return []


class MetaNamespace:
    def __init__(self, expr):
        self._expr = expr

    @property
    def _node(self) -> dict:
        return self._expr._node

    def output_name(self, *, raise_if_undetermined: bool = True) -> str | None:
        return _expr().output_name(self._node)

    def root_names(self) -> list:
        """The columns the expression reads, in order of appearance (repeats kept, as Polars)."""
        names, pending = [], [self._node]
        while pending:
            node = pending.pop(0)
            if "column" in node:
                names.append(node["column"]["name"])
            pending[:0] = _children(node)
        return names

    def undo_aliases(self):
        node = self._node
        while "alias" in node:
            node = node["alias"]["expr"]
        return _expr().Expr(node)

    def is_column(self) -> bool:
        return "column" in self._node and self._node["column"]["name"] != "*"

    def is_literal(self, *, allow_aliasing: bool = False) -> bool:
        node = self.undo_aliases()._node if allow_aliasing else self._node
        return "literal" in node

    def is_column_selection(self, *, allow_aliasing: bool = False) -> bool:
        node = self.undo_aliases()._node if allow_aliasing else self._node
        return "column" in node

    def has_multiple_outputs(self) -> bool:
        return self._node.get("column", {}).get("name") == "*"

    def is_regex_projection(self) -> bool:
        name = self._node.get("column", {}).get("name", "")
        return name.startswith("^") and name.endswith("$")

    def eq(self, other) -> bool:
        return isinstance(other, _expr().Expr) and other._node == self._node

    def ne(self, other) -> bool:
        return not self.eq(other)

    def pop(self, *, schema=None) -> list:
        """The expression's inputs, one level down (last first, as Polars)."""
        return [_expr().Expr(n) for n in reversed(_children(self._node))]

    def serialize(self, file=None, *, format: str = "json"):  # noqa: A002 - Polars' name
        """The plan node as JSON (Polaroid's own form, which ``Expr.deserialize`` reads)."""
        if format != "json":
            raise ValueError("Polaroid serializes expressions as JSON, not %r" % format)
        text = json.dumps(self._node)
        if file is None:
            return text
        if isinstance(file, (str, bytes)) or hasattr(file, "__fspath__"):
            with open(file, "w") as f:
                f.write(text)
        else:
            file.write(text)
        return None

    def tree_format(self, *, return_as_string: bool = False, schema=None):
        lines, pending = [], [(self._node, 0)]
        while pending:
            node, depth = pending.pop()
            kind, body = next(iter(node.items()))
            label = {"call": lambda: body["function"], "column": lambda: "col(%s)" % body["name"],
                     "alias": lambda: "alias(%s)" % body["name"]}.get(kind, lambda: kind)()
            lines.append("  " * depth + label)
            pending.extend((child, depth + 1) for child in reversed(_children(node)))
        text = "\n".join(lines)
        if return_as_string:
            return text
        print(text)
        return None


def deserialize(source, *, format: str = "json"):  # noqa: A002 - Polars' name
    """An expression from the JSON ``Expr.meta.serialize`` wrote (a string, a path or a file)."""
    if format != "json":
        raise ValueError("Polaroid reads expressions as JSON, not %r" % format)
    if isinstance(source, io.IOBase) or hasattr(source, "read"):
        text = source.read()
    elif isinstance(source, str) and source.lstrip().startswith("{"):
        text = source
    else:
        with open(source) as f:
            text = f.read()
    return _expr().Expr(json.loads(text))
