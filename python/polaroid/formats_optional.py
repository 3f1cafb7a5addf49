"""What the readers and writers built on optional packages share: importing the package when called
(with the error Polars gives when it is missing) and refusing options Polaroid does not honour."""
from __future__ import annotations

from polaroid.exceptions import PolaroidError


def optional(package: str, what: str):
    """The optional ``package``, or an error naming it, as Polars raises."""
    import importlib
    try:
        return importlib.import_module(package)
    except ImportError:
        raise ModuleNotFoundError("%s needs the %r package: pip install %s" % (what, package, package)) from None


def refuse(what: str, **options) -> None:
    """A PolaroidError naming the first option given that Polaroid does not honour."""
    for name, value in options.items():
        if value is not None and value is not False:
            raise PolaroidError("%s: the option %s=%r is not supported by Polaroid" % (what, name, value),
                                "NOT_SUPPORTED")
