"""The portable backend's ``ListMoreFunctions`` (more of the list namespace, ``concat_list`` and the set
operations): row by row in Python over pyarrow's lists, with the engine's semantics and types (Polars'
u32 positions and counts are Int64; median, std and var are Float32 of Float32, else Float64)."""
import math

import pyarrow as pa
import pyarrow.compute as pc

from polaroid.backend import PolaroidError
from polaroid.lists_more import ELEMENT


def _rows(function, result_type, inputs=1):
    """A kernel of ``inputs`` list (or value) arguments and literal parameters after them: literals
    among the inputs are the same on every row; ``function`` gets the row's values (lists as Python
    lists) and the parameters, ``result_type`` the inputs' types and the parameters."""
    def kernel(*args):
        values, params = args[:inputs], [p.as_py() if isinstance(p, pa.Scalar) else p for p in args[inputs:]]
        length = next((len(v) for v in values if not isinstance(v, pa.Scalar)), None)
        columns = [[v.as_py()] * (length or 1) if isinstance(v, pa.Scalar) else v.to_pylist() for v in values]
        out_type = result_type([v.type for v in values], *params)
        out = [function(*row, *params) for row in zip(*columns)]
        return pa.array(out, out_type) if length is not None else pa.scalar(out[0], out_type)
    return kernel


def _lists(function):
    """A function of lists that gives null when one of them is null."""
    return lambda *row: None if row[0] is None else function(*row)


def _same_type(types, *params):
    return types[0]


def _element(types, *params):
    return types[0].value_type


def _statistic(types, *params):
    return pa.float32() if pa.types.is_float32(types[0].value_type) else pa.float64()


def _fixed(t):
    return lambda types, *params: t


def _logic(all_):
    def function(values, ignore_nulls=True):
        if any(v is (not all_) for v in values):
            return not all_
        return None if None in values and not ignore_nulls else all_
    return function


def _is_nan(v):
    return isinstance(v, float) and math.isnan(v)


def _position(largest):
    def function(values):
        best, first_nan = None, None
        last_of_equal = largest and any(isinstance(v, str) for v in values)
        for i, v in enumerate(values):
            if v is None:
                continue
            if _is_nan(v):
                first_nan = i if first_nan is None else first_nan
            elif best is None or (v > values[best] if largest else v < values[best]) or \
                    (last_of_equal and v == values[best]):
                best = i
        return best if best is not None else first_nan
    return function


def _count_matches(values, element):
    return sum(1 for v in values if v == element and v is not None or v is None and element is None
               or _is_nan(v) and _is_nan(element))


def _diff(values, n=1, drop=False):
    out = [None if not 0 <= i - n < len(values) or values[i] is None or values[i - n] is None
           else values[i] - values[i - n] for i in range(len(values))]
    if drop:
        cut = min(abs(n), len(out))
        out = out[cut:] if n >= 0 else out[:len(out) - cut]
    return out


def _diff_checked(values, n=1, null_behavior="ignore"):
    if null_behavior not in ("ignore", "drop"):
        raise PolaroidError("list.diff null_behavior must be 'ignore' or 'drop', not '%s'" % null_behavior, "INVALID_PLAN")
    return _diff(values, n, null_behavior == "drop")


def _gather_every(values, n, offset=0):
    if n < 1 or offset < 0:
        raise PolaroidError("list.gather_every needs n >= 1 and offset >= 0", "INVALID_PLAN")
    return values[offset::n]


def _gather(values, indices, null_on_oob=False):
    if indices is None:
        return None
    out = []
    for i in indices:
        at = None if i is None else i + len(values) if i < 0 else i
        if at is not None and 0 <= at < len(values):
            out.append(values[at])
        elif at is None or null_on_oob:
            out.append(None)
        else:
            raise PolaroidError("list.gather: index %d is out of bounds for a list of %d values; pass null_on_oob=True "
                                "to get null instead" % (i, len(values)), "INVALID_VALUE")
    return out


def _item(values, allow_empty=False):
    if len(values) == 1 or not values and allow_empty:
        return values[0] if values else None
    raise PolaroidError("list.item: expected a single value, got %s"
                        % ("none (pass allow_empty=True to get null instead)" if not values else "%d values" % len(values)),
                        "INVALID_VALUE")


def _numbers(values):
    if any(isinstance(v, bool) for v in values):
        return None  # Polars: the median, std and var of booleans are null
    return [float(v) for v in values if v is not None]


def _median(values):
    present = _numbers(values)
    if not present:
        return None
    present.sort(key=lambda x: (math.isnan(x), x))
    mid = len(present) // 2
    return present[mid] if len(present) % 2 else (present[mid - 1] + present[mid]) / 2


def _variance(values, ddof=1):
    present = _numbers(values)
    if present is None or len(present) - ddof <= 0:
        return None
    mean = 0.0
    for v in present:
        mean += v
    mean /= len(present)
    squares = 0.0
    for v in present:
        squares += (v - mean) * (v - mean)
    return squares / (len(present) - ddof)


def _shift(values, n=1):
    return [values[i - n] if 0 <= i - n < len(values) else None for i in range(len(values))]


def _key(v):
    return ("NaN",) if _is_nan(v) else (type(v) is bool, v)


def _distinct(values):
    seen, out = set(), []
    for v in values:
        if _key(v) not in seen:
            seen.add(_key(v))
            out.append(v)
    return out


def _set(operation):
    def function(a, b):
        if a is None or b is None:
            return None
        left, right = _distinct(a), _distinct(b)
        in_left, in_right = {_key(v) for v in left}, {_key(v) for v in right}
        if operation == "union":
            return _distinct(left + right)
        if operation == "intersection":
            return [v for v in left if _key(v) in in_right]
        only_left = [v for v in left if _key(v) not in in_right]
        return only_left if operation == "difference" else only_left + [v for v in right if _key(v) not in in_left]
    return function


def _supertype(types):
    """The type lists and values meet at, as the engine's (integers: the widest; with floats: f64)."""
    types = [t for t in types if not pa.types.is_null(t)]
    if not types:
        return pa.null()
    if all(t == types[0] for t in types):
        return types[0]
    if all(pa.types.is_integer(t) for t in types):
        return max(types, key=lambda t: t.bit_width)
    if all(pa.types.is_integer(t) or pa.types.is_floating(t) for t in types):
        return pa.float32() if all(pa.types.is_float32(t) for t in types) else pa.float64()
    raise PolaroidError("concat_list of values of %s" % ", ".join(map(str, types)), "TYPE_MISMATCH")


def _set_type(types):
    return pa.list_(_supertype([t.value_type for t in types]))


def _element_of(t):
    return t.value_type if pa.types.is_list(t) or pa.types.is_large_list(t) else t


def _concat_list(*args):
    """``concat_list``: a literal number takes the type the columns meet at, as the engine types literals."""
    columns = [_element_of(a.type) for a in args if not isinstance(a, pa.Scalar)]
    element = _supertype(columns) if columns else None
    for a in args:
        if isinstance(a, pa.Scalar):
            t = _element_of(a.type)
            fits = element is not None and (pa.types.is_integer(t) and (pa.types.is_integer(element) or
                                                                        pa.types.is_floating(element))
                                            or pa.types.is_floating(t) and pa.types.is_floating(element))
            if element is None and pa.types.is_int64(t) and a.is_valid and -2 ** 31 <= a.as_py() < 2 ** 31:
                t = pa.int32()  # a small integer literal is i32 in the engine (Polars' dynamic int)
            if not fits and not (pa.types.is_null(t)):
                element = t if element is None else _supertype([element, t])
    element = element or pa.null()

    def row(*values):
        out = []
        for a, v in zip(args, values):
            if pa.types.is_list(a.type) or pa.types.is_large_list(a.type):
                if v is None:
                    return None
                out.extend(v)
            else:
                out.append(v)
        return [float(x) if pa.types.is_floating(element) and x is not None else x for x in out]
    return _rows(row, lambda types: pa.list_(element), inputs=len(args))(*args)


def _element_wise(e: dict, function: str, at: str):
    """Refuses, as the engine, an aggregation or an order-dependent function of the values."""
    from polaroid import portable
    kind, body = next(iter(e.items()))
    name = body.get("function") if kind == "call" else None
    if kind == "window" or name is not None and (name in portable.ORDERED or name in portable._WHOLE
                                                 and name not in portable.FUNCTIONS
                                                 or isinstance(portable.FUNCTIONS.get(name), ListElements)):
        raise PolaroidError("%s runs an element-wise expression of each value (pl.element()); %s is not one (at %s)"
                            % (function, name or kind, at), "INVALID_PLAN")
    children = body.get("args", []) if kind == "call" else [body["expr"]] if kind in ("alias", "cast") else \
        [x for b in body["branches"] for x in (b["condition"], b["then"])] + \
        ([body["otherwise"]] if "otherwise" in body else []) if kind == "when" else []
    for child in children:
        _element_wise(child, function, at)


class ListElements:
    """``list.eval`` and ``list.filter``: the second argument, an expression of ``pl.element()`` (the
    column ``element()``), runs over the values of every list at once; each list takes its results back (eval)
    or keeps the values whose result is true (filter). ``portable._value`` evaluates the call through
    ``evaluate``, because the second argument is not a value of the rows."""

    def __init__(self, keep: bool):
        self.keep = keep

    def evaluate(self, body: dict, table: pa.Table, at: str, value):
        lists = value(body["args"][0], table, at)
        lists = pa.array([lists.as_py()], lists.type) if isinstance(lists, pa.Scalar) else lists
        lists = lists.combine_chunks() if isinstance(lists, pa.ChunkedArray) else lists
        if not (pa.types.is_list(lists.type) or pa.types.is_large_list(lists.type)):
            raise PolaroidError("%s needs a list, not %s (at %s)" % (body["function"], lists.type, at), "TYPE_MISMATCH")
        _element_wise(body["args"][1], body["function"], at)
        flat = pc.list_flatten(lists)
        results = value(body["args"][1], pa.table({ELEMENT: flat}), at)
        if isinstance(results, pa.Scalar):
            results = pa.array([results.as_py()] * len(flat), results.type)
        if self.keep and not (pa.types.is_boolean(results.type) or pa.types.is_null(results.type)):
            raise PolaroidError("list.filter needs a bool predicate, not %s (at %s)" % (results.type, at), "TYPE_MISMATCH")
        values, done, out = results.to_pylist(), 0, []
        for v in lists.to_pylist():
            if v is None:
                out.append(None)
                continue
            part, done = values[done:done + len(v)], done + len(v)
            out.append([x for x, k in zip(v, part) if k is True] if self.keep else part)
        return pa.array(out, lists.type if self.keep else pa.list_(results.type))


LIST_MORE_FUNCTIONS = {
    "list.eval": ListElements(keep=False),
    "list.filter": ListElements(keep=True),
    "list.all": _rows(_lists(_logic(True)), _fixed(pa.bool_())),
    "list.any": _rows(_lists(_logic(False)), _fixed(pa.bool_())),
    "list.arg_max": _rows(_lists(_position(True)), _fixed(pa.int64())),
    "list.arg_min": _rows(_lists(_position(False)), _fixed(pa.int64())),
    "list.count_matches": _rows(_lists(_count_matches), _fixed(pa.int64())),
    "list.diff": _rows(_lists(_diff_checked), _same_type),
    "list.drop_nulls": _rows(_lists(lambda v: [x for x in v if x is not None]), _same_type),
    "list.gather": _rows(_lists(_gather), _same_type, inputs=2),
    "list.gather_every": _rows(_lists(_gather_every), _same_type),
    "list.item": _rows(_lists(_item), _element),
    "list.median": _rows(_lists(_median), _statistic),
    "list.std": _rows(_lists(lambda v, ddof=1: (lambda x: None if x is None else math.sqrt(x))(_variance(v, ddof))),
                      _statistic),
    "list.var": _rows(_lists(_variance), _statistic),
    "list.shift": _rows(_lists(_shift), _same_type),
    "list.set_union": _rows(_set("union"), _set_type, inputs=2),
    "list.set_intersection": _rows(_set("intersection"), _set_type, inputs=2),
    "list.set_difference": _rows(_set("difference"), _set_type, inputs=2),
    "list.set_symmetric_difference": _rows(_set("symmetric"), _set_type, inputs=2),
    "list.concat": _concat_list,
    "concat_list": _concat_list,
}
