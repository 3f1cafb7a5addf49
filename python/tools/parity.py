"""The Polars API census: for each namespace, the public names the installed Polars has, how many of
them Polaroid has, and which are missing. ``make parity`` prints it."""
import sys

import polars
import polaroid


def _names(obj) -> set:
    """A module's public names are the ones it declares in ``__all__`` (what ``from polars import *``
    exports and the API reference lists; ``dir`` would also count the modules it imports, such as
    ``os``); a class's are its attributes without a leading underscore."""
    declared = getattr(obj, "__all__", None) if isinstance(obj, type(sys)) else None
    return set(declared) if declared is not None else {n for n in dir(obj) if not n.startswith("_")}


def _namespaces():
    pe, oe = polars.col("x"), polaroid.col("x")
    return [
        ("pl", polars, polaroid),
        ("LazyFrame", polars.LazyFrame, polaroid.LazyFrame),
        ("DataFrame", polars.DataFrame, polaroid.DataFrame),
        ("Expr", polars.Expr, polaroid.Expr),
        ("GroupBy", polars.dataframe.group_by.GroupBy, polaroid.GroupBy),
        ("Series", polars.Series, polaroid.Series("x", [1])),
        ("Expr.str", pe.str, oe.str),
        ("Expr.dt", pe.dt, oe.dt),
        ("Expr.list", pe.list, getattr(oe, "list", None)),
    ]


def main(verbose: bool) -> None:
    print("%-10s %7s %9s %6s" % ("namespace", "polars", "polaroid", "share"))
    for label, theirs, ours in _namespaces():
        wanted = _names(theirs)
        have = wanted & _names(ours) if ours is not None else set()
        print("%-10s %7d %9d %5.0f%%" % (label, len(wanted), len(have), 100.0 * len(have) / len(wanted)))
        if verbose:
            print("    missing: " + ", ".join(sorted(wanted - have)))
    print("(Polars %s; names of the installed Polars, public ones only: a module's __all__, a class's names without _)" % polars.__version__)


if __name__ == "__main__":
    main("-v" in sys.argv)
