"""A CSV above `readers.LARGE_CSV_BYTES` (read by pyarrow, or by DuckDB when rows are ragged, into categorical
columns) gives exactly the store the small path (the csv module, one Python string per cell) gives: the same
kept rows, values, keys, rejected rows with their reasons and row numbers, and the same Parquet schemas."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from atlas_data.reading import readers
from atlas_data.store.ingest import ingest
from atlas_data.reading.privacy import pseudonym
from atlas_data.store.versions import current_dir

HEADER = ["País", "Modelo", "Actividad", "Fecha", "Sesión", "Nombre y apellido", "Institución", "Sexo",
          "Modalidad", "Asistió"]
NAMES = ["Ana Gómez", "ANA GOMEZ", "  José Pérez ", "María-José Núñez", "Somchai Srisuk", "Grace Kollie",
         "Łukasz Ö", "Nok", "Ploy Wongsa"]


def rows(n: int, ragged: bool = True) -> list[list[str]]:
    out = [HEADER]
    split = "Ministerio Público" if ragged else "Ministerio\nPúblico"  # DuckDB pads rows, but not with these
    for i in range(n):
        day = f"{1 + i % 28:02d}/{1 + (i // 28) % 12:02d}/{2019 + i % 4}"
        out.append(["Paraguay" if i % 3 else "Bolivia", f"DMOP {i % 5}", f"Curso {i % 7}", day, f"Sesión {i % 4}",
                    f"{NAMES[i % len(NAMES)]} {i % 97}", "Policía, Nacional" if i % 2 else split,
                    "F" if i % 3 else "M", "virtual", "Sí" if i % 5 else "No"])
    # the odd rows a real export has, spread through the file
    specials = {
        5: ["Paraguay", "DMOP 1", "Curso 1", "31/02/2021", "Sesión 1", "Ana Bad Date", "MTESS", "F", "virtual", "Sí"],
        9: ["Paraguay", "DMOP 1", "Curso 1", "01/03/2021", "Sesión 1", "", "MTESS", "F", "virtual", "Sí"],
        13: ["Paraguay", "DMOP 1", "Curso 1", "01/03/2021", "Sesión 1", "   ", "MTESS", "F", "virtual", "Sí"],
        17: HEADER,                                                        # a repeated header row
        21: ["Total", "", "", "", "", "", "", "", "", ""],                 # a totals row
        25: ["Paraguay", "DMOP 2", "Curso 2", "02/03/2021", "Sesión 2", "Short Row", "MTESS"]   # padded
        + ([] if ragged else ["", "", ""]),
        29: ["  ", " ", "", "", "", "", "", "", "", ""],                   # whitespace only: blank
        33: ["Paraguay", " DMOP 3 ", "Curso 3", "2021-03-04", "Sesión 3", "Juan \"Juancho\" Díaz", "DOE", "x",
             "presencial", "no"],
        37: ["Thailand", "DMOP 4", "Curso 4", "05/03/2021", "Sesión 4", "Nok", "Royal Thai Police", "",
             "hybrid??", "maybe"],
        45: ["Sección Norte", "  ", " ", "", "", "", "", "", "", ""],      # a section row (blank cells)
        41: ["Paraguay", "DMOP 1", "Curso 1", "13/13/2021", "Sesión 1", "Bad Month", "MTESS", "F", "virtual", "Sí"],
    }
    for offset, row in specials.items():
        for k in range(offset, len(out), max(len(out) // 5, 50)):
            out.insert(k, list(row))
    out.append(["Fuente: registro de asistencia (sintético)"] + [""] * 9)
    return out


def write(path: Path, table: list[list[str]], bom: bool = True) -> None:
    buf = io.StringIO(newline="")
    csv.writer(buf).writerows(table)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode("utf-8"))


from atlas_data.store.views import AGGREGATE_TABLES  # noqa: E402


def stored(store: Path) -> dict[str, list[dict]]:
    version = current_dir(store)
    out = {}
    for folder in sorted(p for p in version.iterdir() if p.is_dir()):
        parts = [pq.read_table(f) for f in sorted(folder.glob("*.parquet")) if f.name != "_empty.parquet"]
        if not parts:
            continue
        schemas = {str(p.schema.remove_metadata()) for p in parts}
        table = pd.concat([p.to_pandas() for p in parts], ignore_index=True)
        table = table.drop(columns=[c for c in ("ingested_at",) if c in table])
        if folder.name in AGGREGATE_TABLES:   # built from the rows by SQL: compared as data, not as files
            scalar = [c for c in table.columns if not table[c].map(lambda v: hasattr(v, "__len__")
                                                                     and not isinstance(v, str)).any()]
            table = table.sort_values(scalar, ignore_index=True)
            table = table.map(lambda v: list(v) if hasattr(v, "__len__") and not isinstance(v, str) else v)
            schemas = {"aggregate"}
        if folder.name == "dmop_names":  # a GROUP BY of DuckDB's: rows in any order
            table = table.sort_values(list(table.columns), ignore_index=True)
        out[folder.name] = {"schema": schemas, "rows": table.astype(object).where(table.notna(), None)
                            .to_dict("records")}
    return out


def both(tmp_path: Path, monkeypatch, table, threshold: int | None = None, bom: bool = True,
         reader: str = "_read_csv_dictionary"):
    raw = tmp_path / "raw"
    write(raw / "asistencia.csv", table, bom=bom)
    size = (raw / "asistencia.csv").stat().st_size
    calls = []

    def spy(name):
        real = getattr(readers, name)

        def read(*args, **kwargs):
            grid = real(*args, **kwargs)
            calls.append((name, grid is not None))
            return grid
        monkeypatch.setattr(readers, name, read)

    for name in ("_read_csv_dictionary", "_read_csv_duckdb", "_read_csv_arrow"):
        spy(name)
    monkeypatch.setattr(readers, "LARGE_CSV_BYTES", threshold if threshold is not None else readers.LARGE_CSV_BYTES)
    assert size > readers.LARGE_CSV_BYTES
    ingest(raw, tmp_path / "large")
    assert calls and calls[-1] == (reader, True), calls
    monkeypatch.setattr(readers, "LARGE_CSV_BYTES", size + 1)
    ingest(raw, tmp_path / "small")
    return stored(tmp_path / "large"), stored(tmp_path / "small")


@pytest.mark.parametrize("ragged", [False, True])
def test_large_path_stores_what_the_small_path_stores(tmp_path, monkeypatch, ragged):
    large, small = both(tmp_path, monkeypatch, rows(3000, ragged), threshold=10_000,
                        reader="_read_csv_duckdb" if ragged else "_read_csv_dictionary")
    assert large.keys() == small.keys()
    for name in small:
        assert large[name]["schema"] == small[name]["schema"], name
        assert large[name]["rows"] == small[name]["rows"], name
    att = large["attendance"]["rows"]
    assert len(att) > 2900
    first = att[0]
    assert first["country"] == "Bolivia" and first["dmop"] == "DMOP 0" and first["source_row"] == 2
    assert str(first["session_date"]) == "2019-01-01"
    assert first["participant_key"] == pseudonym("Ana Gómez 0", "participant_name")
    keys = {r["participant_key"] for r in att}
    assert pseudonym("ana gomez 0", "participant_name") in keys
    assert not any(r["participant_key"] is None for r in att)
    reasons = [(r["source_row"], r["column_name"], r["code"]) for r in large["rejected"]["rows"]]
    assert (6, "session_date", "bad_value") in reasons          # 31/02/2021, record 6 (the header is 1)
    assert any(c == "participant_name" and code == "missing_value" for _, c, code in reasons)
    rows_by_number = {r["source_row"]: r for r in att}
    assert rows_by_number[26]["participant_key"] == pseudonym("Short Row", "participant_name")
    assert rows_by_number[26]["institution"] == "MTESS" and rows_by_number[26]["modality"] is None
    assert rows_by_number[26]["gender"] == "Unknown" and rows_by_number[26]["attended"] is True


def test_stored_columns_have_the_table_schema(tmp_path, monkeypatch):
    """Every stored file has its table's columns in order, with its types (text may be dictionary-encoded)."""
    from atlas_data.store.versions import table_schema

    table = rows(3000, ragged=False)
    for row in table[1:50]:
        row[8] = "??"  # modality: no value can be read, the column is all missing
    raw = tmp_path / "raw"
    write(raw / "asistencia.csv", table)
    monkeypatch.setattr(readers, "LARGE_CSV_BYTES", 10_000)
    ingest(raw, tmp_path / "store")
    version = current_dir(tmp_path / "store")
    checked = 0
    for path in version.glob("*/*.parquet"):
        if path.parent.name in AGGREGATE_TABLES:     # DuckDB's result types, not a contract table
            continue
        schema = pq.read_schema(path)
        expected = table_schema(path.parent.name)
        assert schema.names == expected.names, path
        for field in schema:
            stored = field.type.value_type if isinstance(field.type, pa.DictionaryType) else field.type
            wanted = expected.field(field.name).type
            if wanted == pa.timestamp("s"):
                wanted = pa.timestamp("ms")  # Parquet has no seconds unit
            assert stored == wanted, (path, field)
        checked += 1
    assert checked > 10


def test_stored_dictionaries_hold_only_the_stored_values(tmp_path, monkeypatch):
    """A large CSV's cells are read into dictionaries that also hold the header and layout rows' texts (a
    footnote naming its author, a totals row); the stored Parquet dictionaries hold only kept values."""
    table = rows(3000, ragged=False)
    table.insert(60, ["Preparado por Zelda Quispe"] + [""] * 9)
    table.insert(61, ["Total", "", "Zelda Quispe", "", "", "", "Zelda Quispe", "", "", ""])
    raw = tmp_path / "raw"
    write(raw / "asistencia.csv", table)
    monkeypatch.setattr(readers, "LARGE_CSV_BYTES", 10_000)
    ingest(raw, tmp_path / "store")
    checked = 0
    for path in (current_dir(tmp_path / "store") / "attendance").glob("*.parquet"):
        schema = pq.read_schema(path)
        text = [f.name for f in schema if pa.types.is_string(f.type) or pa.types.is_dictionary(f.type)]
        stored_table = pq.read_table(path, read_dictionary=text)
        for name in text:
            column = stored_table.column(name)
            values = {v for v in column.cast(pa.string()).to_pylist() if v is not None}
            for chunk in column.chunks:
                if pa.types.is_dictionary(chunk.type):
                    dictionary = set(chunk.dictionary.to_pylist())
                    assert dictionary == values, (path.name, name, dictionary - values)
                    assert not any("Zelda" in v or v in ("País", "Total") for v in dictionary), name
                    checked += 1
    assert checked >= 8


def test_large_path_without_bom_and_with_a_title_row(tmp_path, monkeypatch):
    table = [["Registro de asistencia"], []] + rows(400)
    large, small = both(tmp_path, monkeypatch, [r for r in table if r], threshold=1_000, bom=False,
                        reader="_read_csv_duckdb")
    for name in small:
        assert large[name] == small[name], name
    assert large["attendance"]["rows"][0]["source_row"] == 3



@pytest.mark.slow
def test_a_file_above_the_real_threshold(tmp_path, monkeypatch):
    n = readers.LARGE_CSV_BYTES // 100 + 5000
    large, small = both(tmp_path, monkeypatch, rows(n, ragged=False))
    assert large == small
    assert len(large["attendance"]["rows"]) > n * 0.95


# ---------------------------------------------------------------- validation without pandera for clean frames

EDGE_NUMBERS = [0.0, -1.0, -1e-9, 1e-9, 1.0, 2.0, 3.0, 4.0, 9.0, 10.0, 100.0, float("nan"), float("inf"),
                float("-inf")]
EDGE_DATES = ["1990-01-01", "1989-12-31", "2100-12-31", "2100-12-31 00:00:01", "2101-01-01", "2021-06-01", None]


def _pandera_fails(schema, frame) -> bool:
    import pandera.errors

    try:
        schema.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors:
        return True
    return False


@pytest.mark.parametrize("table", ["attendance", "events", "tests", "kii_counts", "respondents", "dmop_status",
                                   "dmop_milestones", "targets"])
def test_the_numpy_precheck_agrees_with_pandera(table):
    """`may_fail` is False exactly when pandera finds no failing row, value by value at the edges of every check."""
    from atlas_data.reading.precheck import may_fail
    from atlas_data.reading.validate import DATES, SCHEMAS

    schema = SCHEMAS[table]
    names = list(schema.columns)
    if table == "events":
        names += ["end_date"]
    if table == "tests":
        names = ["score", "max_score"]
    frames = []
    for name in names:
        edges = [pd.Timestamp(d) if d else pd.NaT for d in EDGE_DATES] if name in DATES else EDGE_NUMBERS
        for value in edges:
            base = {n: ([pd.Timestamp("2021-01-01")] if n in DATES else [5.0]) for n in names}
            base[name] = [value]
            frame = pd.DataFrame(base)
            for n in names:
                if n in DATES:
                    frame[n] = frame[n].astype("datetime64[ms]")
            frames.append(frame)
    frames.append(pd.concat(frames, ignore_index=True))
    outcomes = set()
    for frame in frames:
        fails = _pandera_fails(schema, frame)
        outcomes.add(fails)
        if not fails:
            assert not may_fail(schema, frame), frame.to_dict("records")
        else:
            assert may_fail(schema, frame), frame.to_dict("records")
    assert outcomes == {True, False}


def test_batched_pseudonyms_equal_pseudonym():
    from atlas_data.reading.privacy import pseudonyms, secret

    values = ["Ana Gómez", "ANA  GOMEZ", "ana,gomez", "12.345.678-9", "x@y.org", "Ｆｕｌｌ", "ß", "İstanbul",
              "Łukasz Ö", "ǅ", "", " ", "\u00a0", "a" * 500, "สมชาย ศรีสุข", "María-José\tNúñez", "é" * 3,
              "\u0301a", "ΟΔΟΣ Σ", "ﬁne", "Ǆ"]
    for kind in ("participant_id", "email", "participant_name"):
        for batch in (values, values + ["a\x00b"], []):  # all at once; one at a time (a NUL in a value)
            assert pseudonyms(batch, kind, secret()) == [pseudonym(v, kind) for v in batch]


def test_distinct_of_a_categorical_is_pandas_factorize_for_examples():
    from atlas_data.reading.categorical import distinct

    values = pd.Series(["b", None, "a", "b", "c", None, "a"], dtype=object)
    cat = pd.Series(pd.Categorical(values, categories=["z", "c", "a", "b"]))
    for series in (cat, cat.iloc[2:], cat.iloc[[1, 5]], cat.iloc[:0]):
        spread, uniques, _ = distinct(series)
        codes = [-1 if k == len(uniques) else int(k) for k in spread]
        expected_codes, expected = pd.factorize(series.astype(object), use_na_sentinel=True)
        assert codes == expected_codes.tolist()
        assert list(uniques) == list(expected)


def _clean_text_by_passes(value):
    from atlas_data.reading import text as P

    s = P._text(value)
    if s is None:
        return None
    for _ in range(50):
        new = P._clean_pass(s)
        if new == s:
            break
        s = new
    return s or None


CELL_CHARS = "aZé ,.;:-\t\n\r\x0b\x0c\x1c\x1f\x00\x7f\xa0\u2003\u3000\u200b\ufeff\ue000&<>/\\*#;amp lt br li"


@pytest.mark.slow
@given(st.text(alphabet=CELL_CHARS, max_size=30) | st.text(max_size=30))
@settings(max_examples=3000, deadline=None)
def test_clean_text_fast_path_is_the_passes(text):
    from atlas_data.reading.parsers import clean_text

    assert clean_text(text) == _clean_text_by_passes(text)


def test_clean_text_fast_path_examples():
    from atlas_data.reading.parsers import clean_text

    for text in ["Ana Gómez", " Ana  Gómez ", "a&amp;b", "<b>x</b>", "a\\*b", "a\u00a0b", "x\u200b", "Policía, Nacional",
                 "\ufeffPaís", "a\tb", "Ministerio\nPúblico"]:
        assert clean_text(text) == _clean_text_by_passes(text)


@pytest.mark.slow
@given(st.lists(st.text(max_size=12) | st.text(alphabet="AaÉéßİıΣσς\u0301\u0308ﬁ２, .-\x00\u3000Ǆ", max_size=8),
                max_size=20))
@settings(max_examples=500, deadline=None)
def test_batched_pseudonyms_equal_pseudonym_for_any_text(values):
    from atlas_data.reading.privacy import pseudonyms, secret

    for kind in ("participant_id", "email", "participant_name"):
        assert pseudonyms(values, kind, secret()) == [pseudonym(v, kind) for v in values]


@given(st.lists(st.integers(-1, 6), max_size=60), st.integers(0, 3), st.integers(0, 200))
@settings(max_examples=300, deadline=None)
def test_distinct_of_a_categorical_is_pandas_factorize(codes, extra, offset):
    """`distinct` (from codes) gives pd.factorize's values in its order, the spread index and each value's rows,
    with unused categories, missing cells, any code width and a sliced index."""
    import numpy as np

    from atlas_data.reading.categorical import distinct

    categories = [f"c{i}" for i in range(7 + extra * 100)]
    series = pd.Series(pd.Categorical.from_codes(codes, categories=categories), dtype="category")
    series.index = range(offset, offset + len(series))
    spread, uniques, rows_of = distinct(series)
    expected_codes, expected = pd.factorize(series.astype(object), use_na_sentinel=True)
    assert list(uniques) == list(expected)
    assert spread.tolist() == np.where(expected_codes < 0, len(expected), expected_codes).tolist()
    for i in range(len(uniques)):
        assert rows_of(i).tolist() == series.index[expected_codes == i].tolist()


# ---------------------------------------------------------------- hashes of new files, computed while parsing

def test_a_new_file_gets_the_content_hash_and_an_unchanged_one_is_not_read_again(tmp_path):
    import json

    from atlas_data.store import versions as S

    raw = tmp_path / "raw"
    write(raw / "asistencia.csv", rows(200, ragged=False))
    (raw / "asistencia.csv.defaults.csv").write_text("column,value\ncountry,Paraguay\n")
    report = ingest(raw, tmp_path / "store")
    assert report.changed
    manifest = json.loads((current_dir(tmp_path / "store") / "manifest.json").read_text())
    expected = S.content_hash(raw / "asistencia.csv", (raw / "asistencia.csv.defaults.csv").read_bytes())
    assert manifest["files"]["asistencia.csv"]["hash"] == expected
    again = ingest(raw, tmp_path / "store")
    assert not again.changed and again.files[0].status == "unchanged"


def test_a_file_changed_while_it_is_read_is_read_again_next_time(tmp_path, monkeypatch):
    """The hash of a new file is computed while the file is parsed: a file rewritten meanwhile is stored as
    `stale`, so the next ingest reads it again rather than keeping rows of its older content."""
    import json

    import importlib

    ingest_module = importlib.import_module("atlas_data.store.ingest")

    raw = tmp_path / "raw"
    path = raw / "asistencia.csv"
    write(path, rows(200, ragged=False))
    real = ingest_module.parse_file

    def parse_then_rewrite(*args, **kwargs):
        result = real(*args, **kwargs)
        write(path, rows(300, ragged=False))  # another export saved over it while it was read
        return result

    monkeypatch.setattr(ingest_module, "parse_file", parse_then_rewrite)
    first = ingest(raw, tmp_path / "store")
    kept_first = first.files[0].sheets[0].rows_kept
    manifest = json.loads((current_dir(tmp_path / "store") / "manifest.json").read_text())
    assert manifest["files"]["asistencia.csv"]["hash"] == "stale"
    monkeypatch.setattr(ingest_module, "parse_file", real)
    second = ingest(raw, tmp_path / "store")
    assert second.changed and second.files[0].sheets[0].rows_kept > kept_first


# ---------------------------------------------------------------- Arrow's regex engine standing in for Python's

def test_the_whitespace_list_is_pythons():
    """`PY_WHITESPACE_BUT_SPACE` is every character `str.isspace` (so strip and split) treats as whitespace,
    but the plain space: the Arrow patterns built from it agree with Python."""
    import sys

    from atlas_data.reading.text import PY_WHITESPACE_BUT_SPACE

    assert PY_WHITESPACE_BUT_SPACE == "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() and c != " ")


WHITESPACE_AND_MARKUP = "aé \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2000\u200a\u200b\u2028\u202f\u3000\ufeff\ue000&<>\\*"


@pytest.mark.slow
@given(st.lists(st.text(alphabet=WHITESPACE_AND_MARKUP, max_size=6) | st.text(max_size=6), min_size=1, max_size=40))
@settings(max_examples=400, deadline=None)
def test_clean_texts_is_clean_text_of_each(values):
    from atlas_data.reading.text import clean_text, clean_texts

    many = values * (1000 // len(values) + 1)  # above the size where Arrow finds the values to clean
    cleaned = clean_texts(many)
    assert cleaned == [clean_text(v) for v in many]
    assert all(c is v for c, v in zip(cleaned, many) if c == v)  # unchanged texts are the same objects


@pytest.mark.slow
@given(st.lists(st.text(alphabet=WHITESPACE_AND_MARKUP, max_size=4) | st.none(), max_size=60))
@settings(max_examples=400, deadline=None)
def test_a_dictionary_column_becomes_the_categorical_of_its_texts(values):
    """Blank texts (only whitespace, in Python's sense) are missing cells, the others kept as they are."""
    column = pa.chunked_array([pa.array(values, pa.string())]).dictionary_encode() if values else \
        pa.chunked_array([], pa.dictionary(pa.int32(), pa.string()))
    categorical = readers._categorical(column)
    assert list(pd.Series(categorical).astype(object).where(lambda s: s.notna(), None)) == [
        v if v is not None and v.strip() else None for v in values]
