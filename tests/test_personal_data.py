"""Personal data never leaves the raw files: names, e-mails, phone numbers and national IDs are found in
no byte the ingest writes (Parquet files as bytes and as decoded text, the manifest), in no view, in no
result of any query function, in no CSV/XLSX download of those results, and in no log or CLI output.
Only `participant_key`, a keyed hash, stands for a person; the key's secret is created once with mode
0600, never overwritten, git-ignored, and never written where the data goes.
"""
from __future__ import annotations

import hashlib
import io
import logging
import os
import stat
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import atlas_data
from atlas_data.reports import export
from atlas_data.reading import privacy
from support.allqueries import call, frames_of, query_functions
from support.fuzzfiles import write_rows_csv, write_xlsx
from support.invariants import ROOT, check_ingest, cli_env, run_cli

PEOPLE = [
    # name, e-mail, phone, national ID
    ("Zacarías Ñandutí Benítez", "zacarias.nanduti@mtess.gov.py", "+595 981 765 432", "4.555.123"),
    ("Eulogia Cáceres Villalba", "eulogia.caceres77@gmail.com", "(0981) 765-433", "3.111.999"),
    ("Somchai Jaidee-Wongsakul", "somchai.wongsakul@dlpw.go.th", "+66 81 234 5678", "3-1102-00456-78-9"),
    ("Hawa Kpoto Massaquoi", "hawa.massaquoi@mol.gov.lr", "0886 123 456", "LBR-99887766"),
    ("Ñusta Quispe Mamani", "nusta.quispe@mintrabajo.gob.bo", "+591 7 123 4567", "7654321 LP"),
    ("Bartholomew O'Rourke-Fitzgerald", "b.orourke@trabajo.gob.ar", "+54 9 11 5555-0199", "27.456.789"),
]
SURNAMES = ["Ñandutí", "Benítez", "Cáceres Villalba", "Wongsakul", "Massaquoi", "Quispe Mamani", "O'Rourke"]


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def needles(secret: bytes) -> dict[str, str]:
    """Every form a person's data could take once written: as given, folded, digits only."""
    out = {}
    for name, email, phone, pid in PEOPLE:
        for text in (name, fold(name), fold(name).replace("-", " "), email, email.split("@")[0], phone,
                     "".join(c for c in phone if c.isdigit()), "".join(c for c in phone if c.isdigit())[-8:],
                     pid, "".join(c for c in pid if c.isalnum()), fold("".join(c for c in pid if c.isalnum()))):
            out[text] = name
    for surname in SURNAMES:
        out[surname] = surname
        out[fold(surname)] = surname
    out[secret.decode()] = "the pseudonymization secret"
    return out


def find(haystack: str, table: dict[str, str]) -> list[str]:
    folded = fold(haystack)
    return sorted({f"{k!r} ({v})" for k, v in table.items() if k in haystack or fold(k) in folded})


# ------------------------------------------------------------------------------------------ the rosters

def write_rosters(raw: Path) -> None:
    header = ["País", "Modelo", "Actividad", "Fecha", "Nombre y apellido", "Correo", "Teléfono", "Cédula",
              "Institución", "Sexo", "Firma"]
    rows = [header]
    for day in ("09/05/2023", "10/05/2023"):
        for name, email, phone, pid in PEOPLE:
            rows.append(["Paraguay", "Living Lab", "Taller ETP", day, name, email, phone, pid, "Policía Nacional",
                         "F", f"firma {name}"])
    # personal data in rejected rows: a bad date, a missing institution, an unknown country
    name, email, phone, pid = PEOPLE[0]
    rows.append(["Paraguay", "Living Lab", "Taller ETP", "31/02/2023", name, email, phone, pid, "Policía", "F", ""])
    rows.append(["Paraguay", "Living Lab", "Taller ETP", "11/05/2023", PEOPLE[1][0], PEOPLE[1][1], PEOPLE[1][2],
                 PEOPLE[1][3], "", "F", ""])
    rows.append(["Narnia", "Living Lab", "Taller ETP", "11/05/2023", PEOPLE[2][0], PEOPLE[2][1], PEOPLE[2][2],
                 PEOPLE[2][3], "Policía", "M", ""])
    write_rows_csv(raw / "paraguay" / "Asistencia Taller ETP.csv", rows, encoding="cp1252", delimiter=";")

    # the same people in a wide roster workbook (label cells above the header, marks per day)
    wide = [["País:", "Argentina"], ["Modelo:", "Mesa"], ["Actividad:", "Curso MTE"], [],
            ["Nombre", "Correo electrónico", "Celular", "DNI", "Institución", "Día 1", "Día 2"]]
    for name, email, phone, pid in PEOPLE:
        wide.append([f"  {name.upper()} ", email, phone, pid, "Ministerio", "X", ""])
    # a row where only the personal cells are filled, and a totals row under it
    wide.append([PEOPLE[3][0], PEOPLE[3][1], PEOPLE[3][2], PEOPLE[3][3], None, None, None])
    wide.append(["Total", None, None, None, None, 6, 0])
    tests = [["País", "Modelo", "Actividad", "Participante", "Cédula", "E-mail", "Teléfono", "pre", "post"]]
    for k, (name, email, phone, pid) in enumerate(PEOPLE):
        tests.append(["Paraguay", "Living Lab", "Taller ETP", name, pid, email, phone, 40 + k, "85%"])
    tests.append(["Paraguay", "Living Lab", "Taller ETP", PEOPLE[4][0], PEOPLE[4][3], PEOPLE[4][1], PEOPLE[4][2],
                  "abc", "999"])
    write_xlsx(raw / "Roster Argentina.xlsx", {"Asistencia": wide, "Pruebas": tests})

    # a sheet that matches no table's required columns: rejected whole, with people in it
    write_rows_csv(raw / "lista sin fecha.csv", [["Nombre", "Correo", "Teléfono", "Cédula"],
                                                  *[[n, e, p, i] for n, e, p, i in PEOPLE]])
    # interview codes are not personal; the respondents' names are
    write_rows_csv(raw / "entrevistas.csv", [
        ["País", "Código", "Nombre", "Pregunta", "Respuesta", "Observación"],
        *[["Paraguay", f"WI_{k:03d}", name, "¿Es relevante?", "Sí", "Buena capacitación"]
          for k, (name, *_rest) in enumerate(PEOPLE)]])


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, secret_file):
    base = tmp_path_factory.mktemp("personal")
    raw, store, cli_store = base / "raw", base / "store", base / "cli_store"
    write_rosters(raw)
    logger = logging.getLogger()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.DEBUG)
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        report = atlas_data.ingest(raw, store)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    cli = run_cli(raw, cli_store, secret_file)
    return {"raw": raw, "stores": (store, cli_store), "report": report, "log": stream.getvalue(), "cli": cli}


def test_rosters_were_ingested(ingested):
    """The control: the people are there, as keys, and the same person has one key in every file."""
    report, store = ingested["report"], ingested["stores"][0]
    assert not check_ingest(report, store)
    assert ingested["cli"].returncode == 1  # the sheet without the required columns
    con = atlas_data.connect(store)
    keys = con.execute("SELECT source_file, count(DISTINCT participant_key) FROM attendance GROUP BY ALL "
                       "ORDER BY ALL").fetchall()
    assert keys == [("Roster Argentina.xlsx", len(PEOPLE)), ("paraguay/Asistencia Taller ETP.csv", len(PEOPLE))]
    one_key = con.execute("SELECT count(DISTINCT participant_key) FROM (SELECT participant_key FROM attendance "
                          "UNION ALL SELECT participant_key FROM tests)").fetchall()[0][0]
    assert one_key == len(PEOPLE), "the same person (same ID) must have one key in every file"
    assert con.execute("SELECT count(*) FROM rejected WHERE severity = 'error'").fetchall()[0][0] >= 4
    # the needles do match the raw files, so finding none later means something
    table = needles(b"x" * 64)
    raw_text = (ingested["raw"] / "paraguay" / "Asistencia Taller ETP.csv").read_bytes().decode("cp1252")
    assert len(find(raw_text, table)) > 3 * len(PEOPLE)


def test_no_personal_data_in_any_byte_of_the_store(ingested, secret_file):
    table = needles(secret_file.read_text().strip().encode())
    for store in ingested["stores"]:
        for path in sorted(p for p in store.rglob("*") if p.is_file()):
            data = path.read_bytes()
            text = data.decode("utf-8", errors="replace")
            found = find(text, table) + sorted(k for k in table if k.encode("utf-8") in data or
                                               k.encode("cp1252", errors="ignore") in data and len(k) > 5)
            assert not found, f"{path.relative_to(store)} holds {found}"
            if path.suffix == ".parquet":
                decoded = pq.read_table(path)
                for column in decoded.columns:
                    values = "\n".join(str(v) for v in column.to_pylist() if v is not None)
                    hits = find(values, table)
                    assert not hits, f"{path.relative_to(store)} column {column._name}: {hits}"
                meta = str(decoded.schema.metadata or {})
                assert not find(meta, table), f"{path.relative_to(store)} schema metadata"


@pytest.mark.slow
def test_no_personal_data_in_views_queries_or_downloads(ingested, secret_file):
    table = needles(secret_file.read_text().strip().encode())
    for store in ingested["stores"]:
        con = atlas_data.connect(store)
        views = [r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()]
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        assert "attendance" in views
        for name in views + tables:
            frame = con.execute(f'SELECT * FROM "{name}"').df()
            hits = find(frame.to_csv(index=False), table)
            assert not hits, f"view {name}: {hits}"
        for name, fn in query_functions():
            for frame in frames_of(call(fn, con)):
                hits = find(frame.to_string(), table)
                assert not hits, f"{name}(): {hits}"
                csv_bytes = export.to_csv_bytes(frame)
                assert not find(csv_bytes.decode("utf-8-sig"), table), f"{name} CSV download"
                with zipfile.ZipFile(io.BytesIO(export.to_xlsx_bytes(frame))) as zf:
                    for member in zf.namelist():
                        hits = find(zf.read(member).decode("utf-8", errors="replace"), table)
                        assert not hits, f"{name} XLSX download, {member}: {hits}"


def test_no_personal_data_in_reports_logs_or_cli_output(ingested, secret_file):
    table = needles(secret_file.read_text().strip().encode())
    report = ingested["report"]
    shown = [repr(report.sheet_rows().to_dict("records"))]
    for f in report.files:
        shown += [f.path, f.message] + [s.message for s in f.sheets] + [r for s in f.sheets for r in s.reasons]
    hits = find("\n".join(shown), table)
    assert not hits, f"the ingest report (what the Data page shows) has {hits}"
    assert not find(ingested["log"], table), "the logs"
    cli = ingested["cli"]
    assert "rows kept" in cli.stdout and "rejected" in cli.stdout
    for stream, text in (("stdout", cli.stdout), ("stderr", cli.stderr)):
        hits = find(text, table)
        assert not hits, f"CLI {stream}: {hits}\n{text[-3000:]}"


def test_keys_need_the_secret(ingested):
    """participant_key is keyed: it is not the plain hash of the identity, which anyone could compute
    from a list of names."""
    con = atlas_data.connect(ingested["stores"][0])
    keys = {r[0] for r in con.execute("SELECT DISTINCT participant_key FROM attendance").fetchall()}
    for name, email, _phone, pid in PEOPLE:
        for value, kind in ((name, "participant_name"), (email, "email"), (pid, "participant_id")):
            plain = "P-" + hashlib.blake2b(privacy.identity(value, kind).encode(), digest_size=8).hexdigest()
            assert plain not in keys


# ------------------------------------------------------------------------------------------ the secret

def test_secret_is_created_once_with_mode_0600(tmp_path):
    old = os.umask(0)  # even with a permissive umask
    try:
        path = privacy.ensure_secret(tmp_path / "deep" / "dir" / "pseudonym.key")
    finally:
        os.umask(old)
    mode = stat.S_IMODE(path.stat().st_mode)
    assert mode == 0o600, oct(mode)
    first = path.read_bytes()
    assert len(first.strip()) >= 32
    inode = path.stat().st_ino
    assert privacy.ensure_secret(path) == path
    assert path.read_bytes() == first and path.stat().st_ino == inode, "the secret was rewritten"
    other = tmp_path / "other.key"
    assert privacy.ensure_secret(other).read_bytes() != first, "two installs got the same secret"
    existing = tmp_path / "existing.key"
    existing.write_text("a secret chosen by the administrator, kept as it is")
    privacy.ensure_secret(existing)
    assert existing.read_text() == "a secret chosen by the administrator, kept as it is"


def test_cli_init_creates_the_secret_0600(tmp_path):
    path = tmp_path / "made_by_init.key"
    result = subprocess.run([sys.executable, "-m", "atlas_data", "init"], cwd=ROOT, env=cli_env(path),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text().strip() not in result.stdout + result.stderr, "init printed the secret"


def test_secret_is_outside_the_store_and_git_ignored():
    default = privacy.PROJECT_ROOT / ".atlas" / "pseudonym.key"
    env = dict(os.environ)
    env.pop("ATLAS_SECRET_FILE", None)
    shown = subprocess.run([sys.executable, "-c", "from atlas_data.reading.privacy import secret_path; print(secret_path())"],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert Path(shown.stdout.strip()) == default
    assert (ROOT / "data" / "parquet") not in default.parents
    ignored = subprocess.run(["git", "check-ignore", "-q", ".atlas/pseudonym.key"], cwd=ROOT, capture_output=True)
    assert ignored.returncode == 0, "`.atlas/pseudonym.key` is not git-ignored"


def test_an_empty_secret_file_never_gives_unkeyed_keys(tmp_path, monkeypatch):
    """A secret file that exists but is empty (touched by hand, or a first write cut short by a full disk)
    must not silently turn participant_key into an unkeyed hash: refuse, or use a real key."""
    empty = tmp_path / "empty.key"
    empty.write_text("")
    monkeypatch.setenv("ATLAS_SECRET_FILE", str(empty))
    privacy._load_secret.cache_clear()
    raw, store = tmp_path / "raw", tmp_path / "store"
    name = PEOPLE[0][0]
    write_rows_csv(raw / "a.csv", [["País", "Modelo", "Actividad", "Fecha", "Nombre", "Institución"],
                                   ["Paraguay", "Living Lab", "Taller", "09/05/2023", name, "Policía"]])
    try:
        try:
            atlas_data.ingest(raw, store)
        except (atlas_data.IngestError, ValueError, RuntimeError) as exc:
            assert "secret" in str(exc).lower() or "key" in str(exc).lower(), exc
            return
        con = atlas_data.connect(store)
        keys = [r[0] for r in con.execute("SELECT participant_key FROM attendance").fetchall()]
        plain = "P-" + hashlib.blake2b(privacy.identity(name, "participant_name").encode(), digest_size=8).hexdigest()
        assert keys and plain not in keys, (
            f"with an empty secret file, the key of {name!r} is the unkeyed BLAKE2b of the name ({plain}): anyone "
            "with a list of names can re-identify every participant")
    finally:
        privacy._load_secret.cache_clear()
