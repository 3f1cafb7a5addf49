"""The three-way differential suite (issue 13): every query of differential_queries.py over every
hard-values file of hard_values.py (every type, four variants) runs through Polars, the distributed
backend and the portable backend; the plans the distributed backend sent also run in Java local mode
(one JVM, io.polaroid.tpch.PlanResults). The distributed backend must give Polars' answer (or fail
where Polars fails), the portable one must give it or refuse by name (InvalidOperationError), and Java
local mode must give the distributed answer. The counts of every category are written to
python/.test-work/differential-summary.txt."""
import collections
import shutil
import subprocess
from dataclasses import dataclass, field

import polars
import pyarrow as pa
import pyarrow.ipc as ipc
import pytest

import polaroid as pl
from conftest import JAVA, JAVA_FLAGS, WORK, _java_classpath
from differential_queries import QUERIES
from hard_values import TYPES, VARIANTS, write_all
from parity import same_table


@dataclass
class Outcome:
    table: pa.Table = None
    error: str = None  # the exception's class name
    message: str = ""

    def describe(self):
        return "%s: %s" % (self.error, self.message[:300]) if self.error else "%d rows" % self.table.num_rows


@dataclass
class Case:
    type_name: str
    variant: str
    query: str
    outcomes: dict = field(default_factory=dict)

    def __str__(self):
        return "%s/%s/%s" % (self.type_name, self.variant, self.query)


def _run(collect) -> Outcome:
    try:
        return Outcome(table=collect())
    except Exception as e:  # noqa: BLE001 - every failure is an outcome to compare
        return Outcome(error=type(e).__name__, message=str(e))


# Decimal + and - keep DuckDB's precision (p + 1), where Polars gives 38; the values are the same
# (docs/semantics.md says why). These cases compare with the precision set aside.
DECIMAL_PRECISION_AS_DUCKDB = {("decimal", "add"), ("decimal", "subtract")}


def _precision_aside(table: pa.Table) -> pa.Table:
    return pa.table({n: table[n].cast(pa.decimal128(38, table[n].type.scale)) if pa.types.is_decimal(table[n].type)
                     else table[n] for n in table.column_names})


def _difference(actual: Outcome, expected: Outcome, what):
    """None when the outcomes agree, else why not."""
    if tuple(str(what).split("/")[0::2]) in DECIMAL_PRECISION_AS_DUCKDB \
            and actual.table is not None and expected.table is not None:
        actual, expected = Outcome(table=_precision_aside(actual.table)), Outcome(table=_precision_aside(expected.table))
    if expected.error:
        return None if actual.error else "Polars fails (%s) but this gave %s" % (expected.describe(), actual.describe())
    if actual.error:
        return actual.describe()
    try:
        same_table(actual.table, expected.table, what)
    except OverflowError:  # a date Python cannot hold (past year 9999): compare the numbers Arrow holds
        return _difference(Outcome(table=_as_numbers(actual.table)), Outcome(table=_as_numbers(expected.table)), what)
    except AssertionError as e:
        return "different answer: %s" % (e,)
    return None


def _as_numbers(table: pa.Table) -> pa.Table:
    """Dates, datetimes, durations and times as the integers Arrow stores, under their type's name."""
    def plain(column):
        t = column.type
        if pa.types.is_date32(t):
            return column.cast(pa.int32())
        if pa.types.is_temporal(t):
            return column.cast(pa.int64())
        return column
    return pa.table({"%s:%s" % (n, table.schema.field(n).type): plain(table[n]) for n in table.column_names})


def _read_java(plans, index) -> Outcome:
    arrow, error = plans / ("%05d.arrow" % index), plans / ("%05d.error" % index)
    if error.exists():
        code, _, message = error.read_text().partition(": ")
        return Outcome(error=code, message=message)
    with pa.memory_map(str(arrow)) as source:
        return Outcome(table=ipc.open_file(source).read_all())


@pytest.fixture(scope="module")
def cases(cluster, tpch):
    paths = write_all(tpch[0] / "hard")
    plans = WORK / "differential-plans"
    shutil.rmtree(plans, ignore_errors=True)
    plans.mkdir(parents=True)
    distributed, portable = pl.DistributedBackend(cluster.url), pl.PortableBackend()
    out, planned = [], {}
    for (type_name, variant), path in paths.items():
        for query, (kinds, build) in QUERIES.items():
            if type_name not in kinds:
                continue
            case = Case(type_name, variant, query)
            case.outcomes["polars"] = _run(lambda: build(polars, polars.scan_parquet(path), type_name).collect().to_arrow())
            try:
                frame = build(pl, pl.scan_parquet(str(path), backend=distributed), type_name)
                planned[len(out)] = frame.to_json()
                case.outcomes["distributed"] = _run(lambda: frame.collect().to_arrow())
            except Exception as e:  # noqa: BLE001 - the API refused to build the query
                case.outcomes["distributed"] = Outcome(error=type(e).__name__, message=str(e))
            case.outcomes["portable"] = _run(
                lambda: build(pl, pl.scan_parquet(str(path), backend=portable), type_name).collect().to_arrow())
            out.append(case)
    for index, json in planned.items():
        (plans / ("%05d.json" % index)).write_text(json)
    subprocess.run([JAVA, *JAVA_FLAGS, "-cp", _java_classpath(), "io.polaroid.tpch.PlanResults", str(plans)],
                   check=True, timeout=600)
    for index in planned:
        out[index].outcomes["java"] = _read_java(plans, index)
    _write_summary(out)
    return out


def _write_summary(cases):
    counts, differences = collections.Counter(), []
    for case in cases:
        expected = case.outcomes["polars"]
        counts["cases"] += 1
        counts["polars fails"] += bool(expected.error)
        for backend in ("distributed", "portable"):
            difference = _difference(case.outcomes[backend], expected, str(case))
            refused = backend == "portable" and case.outcomes[backend].error == "InvalidOperationError"
            counts["%s %s" % (backend, "agrees" if difference is None else "refuses" if refused else "DIFFERS")] += 1
            if difference is not None:
                differences.append("%s %s: %s" % (backend, case, difference[:400].replace("\n", " ")))
        if "java" in case.outcomes:
            counts["java local %s" % ("agrees" if _difference(case.outcomes["java"], case.outcomes["distributed"],
                                                               str(case)) is None else "DIFFERS")] += 1
    lines = ["%s: %d" % item for item in sorted(counts.items())]
    lines.append("types: %d, variants: %d, queries: %d" % (len(TYPES), len(VARIANTS), len(QUERIES)))
    (WORK / "differential-summary.txt").write_text("\n".join(lines) + "\n")
    (WORK / "differential-differences.txt").write_text("\n".join(differences) + "\n")


def _failures(cases, type_name, check):
    wrong = [(str(c), d) for c in cases if c.type_name == type_name for d in [check(c)] if d is not None]
    assert not wrong, "%d of the %s cases differ:\n%s" % (len(wrong), type_name,
                                                          "\n".join("%s: %s" % w for w in wrong[:40]))


@pytest.mark.parametrize("type_name", list(TYPES))
def test_distributed_gives_polars_answer(cases, type_name):
    _failures(cases, type_name, lambda c: _difference(c.outcomes["distributed"], c.outcomes["polars"], str(c)))


@pytest.mark.parametrize("type_name", list(TYPES))
def test_portable_gives_polars_answer_or_refuses_by_name(cases, type_name):
    def check(c):
        actual = c.outcomes["portable"]
        if actual.error == "InvalidOperationError" and not c.outcomes["polars"].error:
            return None
        return _difference(actual, c.outcomes["polars"], str(c))
    _failures(cases, type_name, check)


@pytest.mark.parametrize("type_name", list(TYPES))
def test_java_local_gives_distributed_answer(cases, type_name):
    _failures(cases, type_name, lambda c: "java" in c.outcomes and _difference(
        c.outcomes["java"], c.outcomes["distributed"], str(c)) or None)


@pytest.mark.parametrize("type_name", list(TYPES))
def test_both_backends_fail_alike(cases, type_name):
    """Where Polars fails, both backends fail, with the same error class."""
    def check(c):
        if not c.outcomes["polars"].error:
            return None
        classes = {c.outcomes[b].error for b in ("distributed", "portable")}
        return None if len(classes) == 1 and None not in classes else "errors %s" % classes
    _failures(cases, type_name, check)
