"""Every function of the engine's catalog (testdata/functions.json, made from the engine's function
families) is spelled in the package as the catalog says, as Polars spells it where the catalog says
Polars has it, and runs on the portable backend: a function missing on one side fails here."""
import json
from pathlib import Path

import polars
import pytest

import polaroid as pl
from polaroid import portable

CATALOG = json.loads((Path(__file__).resolve().parents[2] / "testdata" / "functions.json").read_text())["functions"]

# What pyarrow cannot compute, so the portable backend names the operation instead of running it.
PORTABLE_CANNOT: dict = {}


def _resolve(module, path: str):
    """``Expr.str.contains`` on an expression of ``module``, ``concat_str`` on the module itself."""
    parts = path.split(".")
    target = module.col("x") if parts[0] == "Expr" else getattr(module, parts[0])
    for part in parts[1:]:
        target = getattr(target, part)
    return target


@pytest.mark.parametrize("fn", CATALOG, ids=[f["name"] for f in CATALOG])
def test_the_package_spells_it_as_the_catalog_and_polars_do(fn):
    assert callable(_resolve(pl, fn["python"])), fn["python"]
    if fn["in_polars"]:
        assert callable(_resolve(polars, fn["python"])), "Polars has no " + fn["python"]


@pytest.mark.parametrize("fn", CATALOG, ids=[f["name"] for f in CATALOG])
def test_the_portable_backend_runs_it(fn):
    known = {"scalar": portable.FUNCTIONS, "aggregate": portable._WHOLE, "window": portable.ORDERED,
             "row_set": portable.ROW_SETS}[fn["kind"]]
    assert fn["name"] in known or fn["name"] in PORTABLE_CANNOT, fn["name"]
    assert not (fn["name"] in known and fn["name"] in PORTABLE_CANNOT), "runs now: drop it from PORTABLE_CANNOT"
