"""Polars' ``Config``, the string-cache functions (no-ops since Polars replaced the string cache by
``pl.Categories``, kept as Polars keeps them), and facts about this installation: ``build_info``,
``show_versions``, ``thread_pool_size``, ``get_index_type``, ``set_random_seed``."""
from __future__ import annotations

import contextlib
import json
import os
import random
import sys

from polaroid import _printer

# Polars' option names (its environment variables), with the printer setting that applies each one here.
_ENV = ["POLARS_ENGINE_AFFINITY", "POLARS_FMT_MAX_COLS", "POLARS_FMT_MAX_ROWS", "POLARS_FMT_NUM_DECIMAL",
        "POLARS_FMT_NUM_GROUP_SEPARATOR", "POLARS_FMT_NUM_LEN", "POLARS_FMT_STR_LEN",
        "POLARS_FMT_TABLE_CELL_ALIGNMENT", "POLARS_FMT_TABLE_CELL_LIST_LEN",
        "POLARS_FMT_TABLE_CELL_NUMERIC_ALIGNMENT", "POLARS_FMT_TABLE_DATAFRAME_SHAPE_BELOW",
        "POLARS_FMT_TABLE_FORMATTING", "POLARS_FMT_TABLE_HIDE_COLUMN_DATA_TYPES", "POLARS_FMT_TABLE_HIDE_COLUMN_NAMES",
        "POLARS_FMT_TABLE_HIDE_COLUMN_SEPARATOR", "POLARS_FMT_TABLE_HIDE_DATAFRAME_SHAPE_INFORMATION",
        "POLARS_FMT_TABLE_INLINE_COLUMN_DATA_TYPE", "POLARS_FMT_TABLE_ROUNDED_CORNERS", "POLARS_IDEAL_MORSEL_SIZE",
        "POLARS_MAX_EXPR_DEPTH", "POLARS_QUERY_MONITORING", "POLARS_QUERY_MONITORING_ORGANIZATION",
        "POLARS_QUERY_MONITORING_WORKSPACE", "POLARS_TABLE_WIDTH", "POLARS_VERBOSE", "POLARS_WARN_UNSTABLE"]
_PRINTER = {"POLARS_FMT_MAX_ROWS": ("_MAX_ROWS", 10), "POLARS_FMT_MAX_COLS": ("_MAX_COLS", -1),
            "POLARS_FMT_STR_LEN": ("_MAX_WIDTH", 32)}
_DIRECT_DEFAULTS = {"set_fmt_float": "mixed", "set_float_precision": None, "set_thousands_separator": "",
                    "set_decimal_separator": ".", "set_trim_decimal_zeros": False}
# set_<name>(value) -> the option it sets, and how the value is written (Polars keeps strings).
_SETTERS = {"tbl_rows": "POLARS_FMT_MAX_ROWS", "tbl_cols": "POLARS_FMT_MAX_COLS", "fmt_str_lengths": "POLARS_FMT_STR_LEN",
            "fmt_table_cell_list_len": "POLARS_FMT_TABLE_CELL_LIST_LEN", "tbl_width_chars": "POLARS_TABLE_WIDTH",
            "tbl_formatting": "POLARS_FMT_TABLE_FORMATTING", "tbl_cell_alignment": "POLARS_FMT_TABLE_CELL_ALIGNMENT",
            "tbl_cell_numeric_alignment": "POLARS_FMT_TABLE_CELL_NUMERIC_ALIGNMENT",
            "tbl_hide_column_data_types": "POLARS_FMT_TABLE_HIDE_COLUMN_DATA_TYPES",
            "tbl_hide_column_names": "POLARS_FMT_TABLE_HIDE_COLUMN_NAMES",
            "tbl_hide_dtype_separator": "POLARS_FMT_TABLE_HIDE_COLUMN_SEPARATOR",
            "tbl_hide_dataframe_shape": "POLARS_FMT_TABLE_HIDE_DATAFRAME_SHAPE_INFORMATION",
            "tbl_column_data_type_inline": "POLARS_FMT_TABLE_INLINE_COLUMN_DATA_TYPE",
            "tbl_dataframe_shape_below": "POLARS_FMT_TABLE_DATAFRAME_SHAPE_BELOW", "verbose": "POLARS_VERBOSE",
            "streaming_chunk_size": "POLARS_IDEAL_MORSEL_SIZE", "expr_depth_warning": "POLARS_MAX_EXPR_DEPTH",
            "engine_affinity": "POLARS_ENGINE_AFFINITY"}
_DIRECT = {"fmt_float", "float_precision", "thousands_separator", "decimal_separator", "trim_decimal_zeros"}

_state: dict = {}
_direct: dict = dict(_DIRECT_DEFAULTS)


def _text(value):
    if isinstance(value, bool):
        return "1" if value else "0"
    return None if value is None else str(value)


def _apply(key: str, value) -> None:
    if value is None:
        _state.pop(key, None)
    else:
        _state[key] = value
    if key in _PRINTER:
        attr, default = _PRINTER[key]
        setattr(_printer, attr, default if value is None else int(value))


class Config(contextlib.ContextDecorator):
    """Display options (``tbl_rows``, ``tbl_cols`` and ``fmt_str_lengths`` shape how frames print here; the
    others are kept and reported by ``state()``). As a context manager, the options go back on exit."""

    def __init__(self, *, restore_defaults: bool = False, apply_on_context_enter: bool = False, **options):
        self._saved = None
        self._restore, self._options, self._on_enter = restore_defaults, options, apply_on_context_enter
        if not apply_on_context_enter:
            self._begin()

    def _begin(self):
        self._saved = self.save()
        if self._restore:
            self.restore_defaults()
        for name, value in self._options.items():
            setter = getattr(type(self), "set_" + name, None)
            if setter is None:
                raise AttributeError("Config has no option %r" % name)
            setter(value)

    def __enter__(self):
        if self._on_enter:
            self._begin()
        return self

    def __exit__(self, *exc):
        self.load(self._saved)

    @classmethod
    def state(cls, *, if_set: bool = False, env_only: bool = False) -> dict:
        out = {k: _state.get(k) for k in _ENV if not if_set or k in _state}
        if not env_only:
            out.update(_direct)
        return out

    @classmethod
    def save(cls, *, if_set: bool = False) -> str:
        """The options as JSON (for ``load``)."""
        return json.dumps({"environment": {k: _state.get(k) for k in _ENV if not if_set or k in _state},
                           "direct": dict(_direct)}, separators=(",", ":"))

    @classmethod
    def load(cls, cfg: str) -> type:
        options = json.loads(cfg)
        for key in _ENV:
            _apply(key, options.get("environment", {}).get(key))
        _direct.clear()
        _direct.update(options.get("direct", _DIRECT_DEFAULTS))
        return cls

    @classmethod
    def save_to_file(cls, file) -> None:
        with open(file, "w", encoding="utf-8") as f:
            f.write(cls.save())

    @classmethod
    def load_from_file(cls, file) -> type:
        with open(file, encoding="utf-8") as f:
            return cls.load(f.read())

    @classmethod
    def restore_defaults(cls) -> type:
        for key in list(_state):
            _apply(key, None)
        _direct.clear()
        _direct.update(_DIRECT_DEFAULTS)
        return cls

    @classmethod
    def reload_env_vars(cls) -> type:
        """Options from the ``POLARS_*`` environment variables."""
        for key in _ENV:
            _apply(key, os.environ.get(key))
        return cls


def _setter(option: str):
    def set_option(cls, value=None):
        _apply(option, _text(value))
        return cls
    set_option.__doc__ = "Sets %s (None: its default)." % option
    return classmethod(set_option)


def _direct_setter(name: str):
    def set_option(cls, value=None):
        _direct["set_" + name] = _DIRECT_DEFAULTS["set_" + name] if value is None else value
        return cls
    return classmethod(set_option)


for _name, _option in _SETTERS.items():
    setattr(Config, "set_" + _name, _setter(_option))
for _name in _DIRECT:
    setattr(Config, "set_" + _name, _direct_setter(_name))


def _ascii_tables(cls, active=True):
    return cls.set_tbl_formatting("ASCII_FULL_CONDENSED" if active else None)


Config.set_ascii_tables = classmethod(_ascii_tables)


class StringCache(contextlib.ContextDecorator):
    """Does nothing, as in Polars (categories are global there now)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None


def enable_string_cache() -> None:
    """Does nothing, as in Polars."""


def disable_string_cache() -> None:
    """Does nothing, as in Polars."""


def using_string_cache() -> bool:
    """True, as in Polars (there is one global string cache)."""
    return True


def build_info() -> dict:
    from polaroid import __version__
    return {"version": __version__}


def show_versions() -> None:
    """Prints the versions of Python, this package and the libraries it uses."""
    import platform
    from importlib import metadata
    from polaroid import __version__
    lines = ["--------Version info---------", "Polaroid:              %s" % __version__,
             "Index type:            %s" % get_index_type(), "Platform:              %s" % platform.platform(),
             "Python:                %s" % sys.version, "", "----Optional dependencies----"]
    for name in ("pyarrow", "numpy", "pandas", "polars"):
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "<not installed>"
        lines.append("%-22s %s" % (name + ":", version))
    print("\n".join(lines))


def thread_pool_size() -> int:
    """The threads this process computes with (the portable backend's pyarrow pool)."""
    import pyarrow as pa
    return pa.cpu_count()


def get_index_type():
    """The type of row indices and counts: Polars' is UInt32; Polaroid's are Int64."""
    from polaroid.datatypes import Int64
    return Int64()


_seed = None


def set_random_seed(seed: int) -> None:
    """Seeds the random choices Polaroid makes in this process (Python's ``random``, which its sampling uses)."""
    global _seed
    _seed = seed
    random.seed(seed)


def random_seed():
    """The seed ``set_random_seed`` gave, or None."""
    return _seed
