"""read_excel/read_ods and DataFrame.write_excel checked against Polars on the same workbooks."""
import datetime as dt

import polars
import pytest

import polaroid as pl
from parity import same_table

DATA = {"i": [1, None, 3, 4], "f": [1.5, 2.25, None, -4.0], "s": ["a", None, "c", "d"], "b": [True, False, None, True],
        "d": [dt.date(2024, 1, 2), None, dt.date(2025, 3, 4), dt.date(1999, 12, 31)],
        "t": [dt.datetime(2024, 1, 2, 3, 4, 5), None, dt.datetime(2020, 1, 1), dt.datetime(2021, 6, 7, 8, 9)]}


@pytest.fixture()
def workbook(tmp_path):
    path = tmp_path / "book.xlsx"
    frame = polars.DataFrame(DATA)
    with __import__("xlsxwriter").Workbook(path) as book:
        frame.write_excel(book, "first")
        frame.head(2).select("s", "i").write_excel(book, "second", position="C3")
    return path


CASES = {"default": {}, "by name": {"sheet_name": "second"}, "by id": {"sheet_id": 2}, "no header": {"has_header": False},
         "columns": {"columns": ["s", "i"]}, "overrides": {"schema_overrides": {"i": "Float64", "s": "String"}},
         "read options": {"read_options": {"n_rows": 2}}, "keep empty": {"drop_empty_rows": False}}


@pytest.mark.parametrize("case", list(CASES))
def test_read_excel_as_polars(workbook, case):
    def args(lib):
        return {k: ({n: getattr(lib, t) for n, t in v.items()} if k == "schema_overrides" else v)
                for k, v in CASES[case].items()}
    same_table(pl.read_excel(workbook, **args(pl)).to_arrow(), polars.read_excel(workbook, **args(polars)).to_arrow(), case)


@pytest.mark.parametrize("selection", [{"sheet_id": 0}, {"sheet_name": ["second", "first"]}, {"sheet_id": [2]}])
def test_several_sheets_give_a_dict_as_polars(workbook, selection):
    actual, expected = pl.read_excel(workbook, **selection), polars.read_excel(workbook, **selection)
    assert list(actual) == list(expected)
    for name in expected:
        same_table(actual[name].to_arrow(), expected[name].to_arrow(), name)


def test_write_excel_reads_back_as_polars_writes(tmp_path):
    ours, theirs = tmp_path / "ours.xlsx", tmp_path / "theirs.xlsx"
    pl.DataFrame(DATA).write_excel(ours, worksheet="data")
    polars.DataFrame(DATA).write_excel(theirs, worksheet="data")
    for options in ({}, {"sheet_name": "data"}, {"has_header": False}):
        same_table(polars.read_excel(ours, **options).to_arrow(), polars.read_excel(theirs, **options).to_arrow(), options)
    pl.DataFrame(DATA).write_excel(ours, include_header=False, position=(2, 1))
    polars.DataFrame(DATA).write_excel(theirs, include_header=False, position=(2, 1))
    same_table(polars.read_excel(ours, has_header=False).to_arrow(),
               polars.read_excel(theirs, has_header=False).to_arrow(), "position")


def _ods(path, rows):
    """A minimal OpenDocument spreadsheet (mimetype, manifest, content) of string and float cells."""
    import zipfile
    def cell(v):
        if v is None:
            return "<table:table-cell/>"
        if isinstance(v, str):
            return '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % v
        return '<table:table-cell office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>' % (v, v)
    body = "".join("<table:table-row>%s</table:table-row>" % "".join(map(cell, r)) for r in rows)
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
                   'manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.'
                   'oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
                   'manifest:media-type="text/xml"/></manifest:manifest>')
        z.writestr("content.xml", '<office:document-content %s office:version="1.2"><office:body><office:spreadsheet>'
                   '<table:table table:name="data">%s</table:table></office:spreadsheet></office:body>'
                   '</office:document-content>' % (ns, body))


@pytest.mark.parametrize("options", [{}, {"has_header": False}, {"sheet_id": 0}, {"columns": ["n"]}])
def test_read_ods_as_polars(tmp_path, options):
    path = tmp_path / "sheet.ods"
    _ods(path, [["name", "n", "x"], ["a", 1, 1.5], [None, None, None], ["c", 3, None], [None, 4, 2.0]])
    actual, expected = pl.read_ods(path, **options), polars.read_ods(path, **options)
    if isinstance(expected, dict):
        assert list(actual) == list(expected)
        actual, expected = actual["data"], expected["data"]
    same_table(actual.to_arrow(), expected.to_arrow(), options)


def test_errors_name_what_is_wrong(workbook, tmp_path):
    with pytest.raises(FileNotFoundError, match="missing.xlsx"):
        pl.read_excel(tmp_path / "missing.xlsx")
    with pytest.raises(ValueError, match="nope"):
        pl.read_excel(workbook, sheet_name="nope")
    with pytest.raises(pl.PolaroidError, match="table_name"):
        pl.read_excel(workbook, table_name="t")
    with pytest.raises(pl.PolaroidError, match="conditional_formats"):
        pl.DataFrame(DATA).write_excel(tmp_path / "x.xlsx", conditional_formats={"i": "3_color_scale"})
