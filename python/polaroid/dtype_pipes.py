"""Polars' ``pl.pipe_with_dtype`` and ``Expr.pipe_with_dtype``: an expression chosen by a function of
its inputs' types. In a plan it is a placeholder (``PipeWithDtype``) that the frame receiving the plan
node replaces with the function's expression, once its input's schema is known (``resolve``); a
multi-column input (``pl.all()``, ``col("a", "b")``) calls the function once per column, as Polars."""
from __future__ import annotations

from typing import Callable, Sequence


class PipeWithDtype(dict):
    """The plan form: the input expressions and the function of ``[(expr, dtype), ...]``."""

    def __init__(self, exprs: list, function: Callable):
        super().__init__(pipeWithDtype={"args": exprs})
        self.function = function


def pipe_with_dtype(exprs: Sequence, function: Callable):
    """The expression ``function([(expr, dtype), ...])`` returns, called when the types are known."""
    from polaroid.expr import Columns, Expr, to_exprs
    from polaroid.selection import Selection
    items = [exprs] if isinstance(exprs, (str, Expr, Selection, Columns)) else list(exprs)
    if len(items) == 1 and isinstance(items[0], (Selection, Columns)):
        return items[0].pipe_with_dtype(lambda e, dtype: function([(e, dtype)]))
    if any(isinstance(i, (Selection, Columns)) for i in items):
        raise TypeError("pipe_with_dtype: a multi-column input (a selector) must be the only input here")
    return Expr(PipeWithDtype(to_exprs(items), function))


class ExprPipes:
    """Mixed into ``Expr``."""

    __slots__ = ()

    def pipe_with_dtype(self, function: Callable):
        """The expression ``function(self, dtype)`` returns, called when this expression's type is known."""
        return pipe_with_dtype([self], lambda inputs: function(*inputs[0]))


def resolve(body: dict, frame_of: Callable) -> dict:
    """``body`` (a plan node) with each placeholder replaced by its function's expression, the types read
    from the node's input (``frame_of(input)`` makes a frame of it); ``body`` itself when it has none."""
    from polaroid._wire import dicts, replaced
    inputs = ("input", "left", "right", "inputs")
    if not any(isinstance(d, PipeWithDtype) for d in dicts(body, inputs)):
        return body
    if "input" not in body:
        raise TypeError("pipe_with_dtype reads types from one input frame; this step (a join or a concat) has several")
    frame = frame_of(body["input"])

    def expression(d):
        if not isinstance(d, PipeWithDtype):
            return None
        from polaroid.expr import Expr, to_exprs
        args = [Expr(a) for a in d["pipeWithDtype"]["args"]]
        schema = frame.select([a.alias("__%d" % i) for i, a in enumerate(args)]).head(0).collect_schema()
        made = d.function([(a, schema["__%d" % i]) for i, a in enumerate(args)])
        return replaced(to_exprs([made])[0], expression, inputs)  # the function may pipe again
    return replaced(body, expression, inputs)
