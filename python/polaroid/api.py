"""Polars' ``pl.api``: register a class as a namespace of ``Expr``, ``DataFrame``, ``LazyFrame`` or ``Series``
(``@pl.api.register_expr_namespace("greetings")`` makes ``pl.col("a").greetings.hello()``)."""
from __future__ import annotations

import warnings


class NameSpace:
    """The attribute a registered namespace is: the class on the class, an instance of it on an instance."""

    def __init__(self, name: str, namespace: type):
        self._accessor, self._ns = name, namespace

    def __get__(self, instance, cls):
        return self._ns if instance is None else self._ns(instance)


def _create_namespace(name: str, cls: type):
    def namespace(ns_class: type) -> type:
        existing = cls.__dict__.get(name, None)
        for base in cls.__mro__:
            if name in base.__dict__:
                existing = base.__dict__[name]
                break
        if existing is not None or name.startswith("_"):
            if not isinstance(existing, NameSpace):
                raise AttributeError("cannot override `%s.%s` with custom namespace %r"
                                     % (cls.__name__, name, ns_class.__name__))
            warnings.warn("overriding existing custom namespace %r (on %s)" % (name, cls.__name__), UserWarning,
                          stacklevel=2)
        setattr(cls, name, NameSpace(name, ns_class))
        return ns_class
    return namespace


def register_expr_namespace(name: str):
    from polaroid.expr import Expr
    return _create_namespace(name, Expr)


def register_dataframe_namespace(name: str):
    from polaroid.frame import DataFrame
    return _create_namespace(name, DataFrame)


def register_lazyframe_namespace(name: str):
    from polaroid.frame import LazyFrame
    return _create_namespace(name, LazyFrame)


def register_series_namespace(name: str):
    from polaroid.series import Series
    return _create_namespace(name, Series)


__all__ = ["register_dataframe_namespace", "register_expr_namespace", "register_lazyframe_namespace",
           "register_series_namespace"]
