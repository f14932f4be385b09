"""`python -m atlas_data`: exit codes 0/1/2, one summary line per file and sheet, help for every subcommand,
messages instead of tracebacks."""
from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from atlas_data.cli import build_parser, main
from filemaker import write_bytes, write_csv, write_xlsx

ROOT = Path(__file__).resolve().parents[1]
HEADER = ["País", "Modelo", "Actividad", "Fecha", "Nombre", "Institución", "Sexo"]
ROWS = [HEADER,
        ["Paraguay", "Living Lab", "Taller ETP", "09/05/2023", "María Pérez", "Policía Nacional", "F"],
        ["Paraguay", "Living Lab", "Taller ETP", "09/05/2023", "José Núñez", "Fiscalía", "M"],
        ["Paraguay", "Living Lab", "Taller ETP", "10/05/2023", "María Pérez", "Policía Nacional", "F"]]


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    secret = tmp_path_factory.mktemp("secret") / "pseudonym.key"
    return {**os.environ, "ATLAS_SECRET_FILE": str(secret), "PYTHONIOENCODING": "utf-8", "ATLAS_LANG": "en",
            "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def run(env, *args, cwd=ROOT):
    done = subprocess.run([sys.executable, "-m", "atlas_data", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    return done.returncode, done.stdout, done.stderr


def line_with(text: str, *parts: str) -> str:
    """The one output line that holds every part (regexes), or fail showing the output."""
    lines = [ln for ln in text.splitlines() if all(re.search(p, ln) for p in parts)]
    assert len(lines) == 1, f"{parts} in:\n{text}"
    return lines[0]


@pytest.fixture(scope="module")
def good_run(tmp_path_factory, env):
    base = tmp_path_factory.mktemp("cli_good")
    raw, out = base / "raw", base / "parquet"
    write_xlsx(raw / "Asistencia 2023.xlsx", {
        "ToT": ROWS,
        "Notas": [["Notas de la facilitadora"], ["La sesión empezó tarde."]]})
    write_csv(raw / "fechas.csv", ROWS[:2] + [
        ["Paraguay", "Living Lab", "Taller ETP", "31/02/2021", "Ana Sosa", "MTESS", "F"]])
    first = run(env, "ingest", raw, "--out", out)
    second = run(env, "ingest", raw, "--out", out)
    return first, second, out


def test_ingest_exit_0_when_every_file_was_read(good_run):
    (code, out, err), _, store = good_run
    assert code == 0, out + err
    assert (store / "CURRENT").is_file()
    assert "Traceback" not in out + err


def test_ingest_prints_table_rows_kept_and_rejected_per_file_and_sheet(good_run):
    (_, out, _), _, _ = good_run
    line_with(out, r"Asistencia 2023\.xlsx", r"ToT", r"attendance", r"\b3 rows kept", r"\b0 rejected")
    line_with(out, r"Asistencia 2023\.xlsx", r"Notas", r"skipped")
    line_with(out, r"fechas\.csv", r"attendance", r"\b1 rows? kept", r"\b1 rejected")
    reason = line_with(out, r"31/02/2021")
    assert "row 3" in reason and "fechas.csv" in reason
    summary = line_with(out, r"^2 files:")
    assert summary.startswith("2 files: 2 read; 4 rows kept, 1 rejected; store version "), summary


def test_ingest_again_reports_nothing_changed(good_run):
    _, (code, out, err), _ = good_run
    assert code == 0, out + err
    line_with(out, r"Asistencia 2023\.xlsx", r"ToT", r"attendance", r"\b3 rows kept", r"unchanged")
    assert "nothing changed" in out


@pytest.mark.slow
def test_ingest_exit_1_for_a_corrupt_or_empty_file_without_traceback(tmp_path, env):
    raw = tmp_path / "raw"
    write_csv(raw / "good.csv", ROWS)
    write_bytes(raw / "Asistencia dañada.xlsx", random.Random(3).randbytes(5000))
    write_bytes(raw / "vacío.csv", b"")
    code, out, err = run(env, "ingest", raw, "--out", tmp_path / "parquet")
    assert code == 1, out + err
    assert "Traceback" not in out + err
    line_with(out + err, r"Asistencia dañada\.xlsx")
    line_with(out + err, r"vacío\.csv", r"empty")
    line_with(out, r"good\.csv", r"attendance", r"\b3 rows kept")
    assert line_with(out, r"^3 files:").startswith("3 files: 1 read, 2 could not be read; 3 rows kept, 0 rejected")


@pytest.mark.slow
def test_ingest_exit_1_when_no_sheet_of_a_file_matches_a_table(tmp_path, env):
    raw = tmp_path / "raw"
    write_csv(raw / "good.csv", ROWS)
    write_xlsx(raw / "Informe.xlsx", {"Resumen": [["Informe trimestral"], ["El proyecto avanzó."]]})
    code, out, err = run(env, "ingest", raw, "--out", tmp_path / "parquet")
    assert code == 1, out + err
    assert "Traceback" not in out + err
    assert "Informe.xlsx" in out + err
    line_with(out, r"good\.csv", r"attendance", r"\b3 rows kept")
    # a file that was read but matched no table is not counted as one that could not be read
    assert line_with(out, r"^2 files:").startswith("2 files: 1 read, 1 matched no table; 3 rows kept")
    code, out, err = run(env, "ingest", raw, "--out", tmp_path / "parquet")  # nothing changed: the same outcome
    assert code == 1, out + err
    assert line_with(out, r"^2 files:").startswith("2 files: 1 read, 1 matched no table; 3 rows kept")
    assert line_with(out, r"Informe\.xlsx", r"no sheet matches a table")


@pytest.mark.slow
def test_summary_counts_each_outcome_once(tmp_path, env):
    raw, store = tmp_path / "raw", tmp_path / "parquet"
    write_csv(raw / "good.csv", ROWS)
    write_csv(raw / "antes.csv", ROWS)
    write_xlsx(raw / "Informe.xlsx", {"Resumen": [["Informe trimestral"], ["El proyecto avanzó."]]})
    write_bytes(raw / "notas.txt", b"not a spreadsheet")
    code, out, err = run(env, "ingest", raw, "--out", store)
    assert code == 1, out + err
    assert line_with(out, r"^4 files:").startswith(
        "4 files: 2 read, 1 matched no table, 1 not a spreadsheet (skipped); 6 rows kept")
    write_bytes(raw / "antes.csv", b"\x00\x01\x02 binary now")   # its rows from the first ingest are kept
    write_bytes(raw / "roto.xlsx", b"PK\x03\x04 not a workbook")
    code, out, err = run(env, "ingest", raw, "--out", store)
    assert code == 1, out + err
    assert line_with(out, r"^5 files:").startswith(
        "5 files: 1 read, 1 matched no table, 1 could not be read, 1 kept its previous rows, "
        "1 not a spreadsheet (skipped); 3 rows kept"), out


@pytest.mark.slow
def test_ingest_exit_1_when_the_store_cannot_be_written(tmp_path, env):
    raw = tmp_path / "raw"
    write_csv(raw / "good.csv", ROWS)
    not_a_folder = tmp_path / "parquet"
    not_a_folder.write_text("a file where the store should be")
    code, out, err = run(env, "ingest", raw, "--out", not_a_folder)
    assert code == 1, out + err
    assert "Traceback" not in out + err
    assert str(not_a_folder) in err


@pytest.mark.parametrize("args", [
    ["ingest", "--bogus"],
    [],
    ["ingest", ".", "--wait", "soon"],
])
def test_wrong_usage_exits_2(env, args):
    code, out, err = run(env, *args)
    assert code == 2, out + err
    assert "usage:" in err and "Traceback" not in out + err


def test_a_raw_folder_that_does_not_exist_exits_2_with_a_message(tmp_path, env):
    code, out, err = run(env, "ingest", tmp_path / "no such folder", "--out", tmp_path / "parquet")
    assert code == 2
    assert "no such folder" in err and "Traceback" not in out + err


def help_of(capsys, *args) -> tuple[int, str, str]:
    """`python -m atlas_data ARGS --help` in this process: its exit code, stdout and stderr."""
    with pytest.raises(SystemExit) as exit_:
        main([*args, "--help"])
    out, err = capsys.readouterr()
    return exit_.value.code, out, err


def test_every_subcommand_has_help_text(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")  # argparse wraps as it does in a pipe
    parser = build_parser()
    subactions = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    commands = sorted(subactions.choices)
    assert {"ingest", "init"} <= set(commands)
    documented = {a.dest: a.help for a in subactions._choices_actions}
    code, top, _ = help_of(capsys)
    assert code == 0
    for command in commands:
        assert documented.get(command), f"{command} has no help line"
        assert command in top and documented[command] in top
        code, out, err = help_of(capsys, command)
        assert code == 0, err
        assert out.startswith("usage:") and subactions.choices[command].description, command
        assert subactions.choices[command].description in " ".join(out.split()), command


def test_ingest_defaults_to_data_raw_and_data_parquet(tmp_path, env):
    write_csv(tmp_path / "data" / "raw" / "good.csv", ROWS)
    code, out, err = run(env, "ingest", cwd=tmp_path)
    assert code == 0, out + err
    assert (tmp_path / "data" / "parquet" / "CURRENT").is_file()
    line_with(out, r"good\.csv", r"attendance", r"\b3 rows kept")


def test_batch_commands_keep_freed_memory_and_give_it_to_arrow(env):
    """`ingest` and `bench` tune the allocator (atlas_data.memory); the app's process is left as it is."""
    script = ("import sys; import pyarrow as pa; from atlas_data.memory import tune_for_batch; "
              "before = pa.default_memory_pool().backend_name; ok = tune_for_batch(); "
              "print(before, ok, pa.default_memory_pool().backend_name)")
    plain = {k: v for k, v in env.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}  # Arrow's own default first
    out = subprocess.run([sys.executable, "-c", script], env=plain, capture_output=True, text=True, check=True)
    before, ok, after = out.stdout.split()
    assert before != "system" and (ok, after) == ("True", "system")


# ------------------------------------------------------------------ in the reader's language (ATLAS_LANG)

BUILTIN = ROOT / "data" / "raw"
PERFIL = "paraguay/Tabulación entrevistas MTE Paraguay 2021.xlsx"
ASISTENCIA = "paraguay/Asistencia ToT Policía 2021 (ILUSTRATIVO).xlsx [Asistencia]"
VERSION = r"v000001-\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d"


@pytest.fixture(scope="module")
def builtin_in(tmp_path_factory, env):
    """The built-in raw files (a copy) ingested into a store of their own per language: `builtin_in(lang)` gives
    (the environment that speaks it, the store, the first ingest's (code, out, err)), each ingest run once."""
    base = tmp_path_factory.mktemp("cli_languages")
    raw = base / "raw"
    shutil.copytree(BUILTIN, raw)
    done = {}

    def ingested(lang: str):
        if lang not in done:
            store, trail = base / f"parquet-{lang}", base / f"audit-{lang}.jsonl"
            speaks = {**env, "ATLAS_LANG": lang, "ATLAS_AUDIT_FILE": str(trail)}
            done[lang] = speaks, store, run(speaks, "ingest", raw, "--out", store)
        return done[lang]
    ingested.raw = raw
    return ingested


def test_ingest_speaks_spanish_with_the_real_numbers(builtin_in):
    es, store, (code, out, err) = builtin_in("es")
    assert code == 0, out + err
    assert re.fullmatch(f"16 archivos \\(leídos: 16\\); 793 filas conservadas, 0 rechazadas; versión de los datos "
                        f"{VERSION}", out.splitlines()[-1]), out
    assert f"✓ {ASISTENCIA}: attendance, 80 filas conservadas, 0 rechazadas\n" in out
    assert (f"✓ {PERFIL} [Perfil informantes]: respondents, 22 filas conservadas, 0 rechazadas, advertencias: 1\n"
            f'    · {PERFIL}, hoja "Perfil informantes", fila 32: el total 36 no coincide con la suma de las filas de '
            f"arriba (35); se conservan las filas\n") in out
    assert "rows" not in out and "rejected" not in out and "Traceback" not in err
    code, out, err = run(es, "ingest", builtin_in.raw, "--out", store)
    assert code == 0, out + err
    assert f"= {ASISTENCIA}: attendance, 80 filas conservadas, 0 rechazadas (sin cambios)\n" in out
    again = VERSION.replace("v000001", "v00000[12]")   # the rollback test may have made a v000002 (a copy)
    assert re.fullmatch(f"16 archivos \\(leídos: 16\\); 793 filas conservadas, 0 rechazadas; versión de los datos "
                        f"{again} \\(no cambió nada\\)", out.splitlines()[-1]), out


def test_dry_run_speaks_spanish(builtin_in, tmp_path):
    es, _, _ = builtin_in("es")
    code, out, err = run(es, "ingest", builtin_in.raw, "--out", tmp_path / "parquet", "--dry-run")
    assert code == 0, out + err
    assert out.splitlines()[-1] == ("simulación: 16 archivos (leídos: 16); se guardarían 793 filas, 0 rechazadas; "
                                    "no se escribió nada")
    assert ("    columnas: Country → country, DMOP → dmop, Type → dmop_type, Status → status_note, As of → as_of\n"
            in out)
    assert not (tmp_path / "parquet").exists()


def test_versions_rollback_and_audit_speak_spanish(builtin_in):
    es, store, _ = builtin_in("es")
    code, out, err = run(es, "versions", "--out", store)
    assert code == 0, out + err
    assert re.fullmatch(r"\* v000001  \d{4}-\d\d-\d\dT[\d:]{8}  16 archivos", out.strip()), out
    code, out, err = run(es, "rollback", "1", "--out", store, "--reason", "prueba del taller")
    assert (code, out, err) == (0, "v000002 es la versión actual: una copia de 1\n", "")
    code, out, err = run(es, "versions", "--out", store)
    first, second = out.splitlines()
    assert first.startswith("  v000001  ") and first.endswith("  16 archivos"), out
    assert second.startswith("* v000002  ") and second.endswith("  16 archivos  (copia de v000001)"), out
    code, out, err = run(es, "rollback", "99", "--out", store)
    assert (code, out) == (1, "")
    assert err == "reversión rechazada: no se conserva la versión '99'; vea `python -m atlas_data versions`\n"
    code, out, err = run(es, "audit")
    assert code == 0 and out.endswith("  rollback  version: 1 → v000002  motivo: prueba del taller\n"), out + err


def test_a_missing_folder_is_refused_in_spanish_and_in_english(tmp_path, env):
    missing = tmp_path / "no existe"
    code, out, err = run({**env, "ATLAS_LANG": "es"}, "ingest", missing, "--out", tmp_path / "parquet")
    assert (code, out) == (2, "")
    assert err == f"error: {missing} no es una carpeta; indique la carpeta que contiene los archivos Excel y CSV\n"
    code, out, err = run({**env, "LANG": "es_PY.UTF-8"}, "ingest", missing, "--out", tmp_path / "parquet")
    assert err.startswith("error: ") and "is not a folder" in err, "ATLAS_LANG comes before LANG"
    without = {k: v for k, v in env.items() if k != "ATLAS_LANG"}
    code, out, err = run({**without, "LANG": "es_PY.UTF-8"}, "ingest", missing, "--out", tmp_path / "parquet")
    assert "no es una carpeta" in err, "else LANG's language"
    code, out, err = run(env, "ingest", missing, "--out", tmp_path / "parquet")
    assert (code, out) == (2, "")
    assert err == f"error: {missing} is not a folder; give the folder that holds the Excel and CSV exports\n"


def test_ingest_speaks_thai(builtin_in):
    _, _, (code, out, err) = builtin_in("th")
    assert code == 0, out + err
    assert re.fullmatch(f"16 ไฟล์: อ่านแล้ว 16; เก็บไว้ 793 แถว ปฏิเสธ 0 แถว; เวอร์ชันข้อมูล {VERSION}",
                        out.splitlines()[-1]), out
    assert f"✓ {ASISTENCIA}: attendance เก็บไว้ 80 แถว ปฏิเสธ 0 แถว\n" in out
    assert f'    · {PERFIL}, แผ่นงาน "Perfil informantes", แถว 32: ' in out


def test_english_output_of_the_built_in_data_is_unchanged(builtin_in):
    _, _, (code, out, err) = builtin_in("en")
    assert code == 0, out + err
    assert re.fullmatch(f"16 files: 16 read; 793 rows kept, 0 rejected; store version {VERSION}",
                        out.splitlines()[-1]), out
    assert f"✓ {ASISTENCIA}: attendance, 80 rows kept, 0 rejected\n" in out
    assert (f"✓ {PERFIL} [Perfil informantes]: respondents, 22 rows kept, 0 rejected, 1 warnings\n"
            f'    · {PERFIL}, sheet "Perfil informantes", row 32: the total 36 does not match the sum of the rows '
            f"above it (35); the rows are kept\n") in out


def test_the_summary_counts_each_outcome_in_the_readers_language():
    from atlas_data.cli import files_summary
    from atlas_data.store.ingest import FileReport
    files = [FileReport("a.csv"), FileReport("b.xlsx", status="no_table"), FileReport("c.xlsx", status="unreadable"),
             FileReport("d.csv", status="kept_previous"), FileReport("e.txt", status="skipped")]
    assert files_summary(files) == ("5 files: 1 read, 1 matched no table, 1 could not be read, 1 kept its previous "
                                    "rows, 1 not a spreadsheet (skipped)")
    assert files_summary(files, "es") == ("5 archivos (leídos: 1, sin tabla reconocida: 1, ilegibles: 1, con sus "
                                          "filas anteriores conservadas: 1, omitidos por no ser hojas de cálculo: 1)")
    many = [FileReport(f"{n}.csv") for n in range(1234)]
    assert files_summary(many) == "1234 files: 1234 read"          # English as scripts parse it
    assert files_summary(many, "es") == "1.234 archivos (leídos: 1.234)"
    assert files_summary(many, "th") == "1,234 ไฟล์: อ่านแล้ว 1,234"


def test_the_line_of_an_ingest_that_waits_for_another_speaks_spanish(tmp_path, monkeypatch, capsys):
    from atlas_data.store import versions
    monkeypatch.setenv("ATLAS_LANG", "es")
    raw, out, codes = tmp_path / "raw", tmp_path / "parquet", []
    write_csv(raw / "good.csv", ROWS)
    with versions.locked(out):
        waiting = threading.Thread(target=lambda: codes.append(main(["ingest", str(raw), "--out", str(out)])))
        waiting.start()
        time.sleep(1.5)
    waiting.join(120)
    assert codes == [0]
    assert f"Otro procesamiento está en curso en {out}; se espera a que termine…\n" in capsys.readouterr().err


# ------------------------------------------------------------------ refused files: marked, reasons summarized

def marks_rows(n: int = 16) -> list[list]:
    """A course's marks out of 10 with a decimal comma and no maximum (5,0 … 8,5): every row is refused."""
    rows = [["Apellido y Nombre", "DNI", "Tipo", "Nota", "Curso", "País", "Modelo"]]
    for i in range(n // 2):
        for kind, mark in (("Pre", 5 + (i % 3) * 0.5), ("Post", 7 + (i % 4) * 0.5)):
            rows.append([f"PRUEBA{i}, Persona{i}", str(30_000_000 + 12345 * i), kind, f"{mark:.1f}".replace(".", ","),
                         "Fiscalía Trata", "Argentina", "Mesa Interinstitucional"])
    return rows


@pytest.fixture(scope="module")
def refused_run(tmp_path_factory, env):
    """A file all of whose 16 rows are refused, and one of 40 rows of which 14 name 31 February; ingested in English
    and in Spanish (each into its own store), and in Thai as a dry run."""
    base = tmp_path_factory.mktemp("cli_refused")
    raw = base / "raw"
    write_csv(raw / "notas_curso_fiscalía.csv", marks_rows(), encoding="cp1252", delimiter=";")
    write_csv(raw / "fechas.csv", [HEADER] + [
        ["Paraguay", "Living Lab", "Taller ETP", "31/02/2021" if i % 3 == 0 else "09/05/2023", f"Persona{i} Prueba{i}",
         "Fiscalía", "F"] for i in range(40)])
    runs = {lang: run({**env, "ATLAS_LANG": lang}, "ingest", raw, "--out", base / f"parquet-{lang}")
            for lang in ("en", "es")}
    runs["th"] = run({**env, "ATLAS_LANG": "th"}, "ingest", raw, "--out", base / "parquet-th", "--dry-run")
    return base, runs


def test_a_file_whose_rows_were_all_refused_is_marked_refused_not_done(refused_run):
    base, runs = refused_run
    code, out, err = runs["en"]
    assert code == 0, out + err     # every file was read: the exit code says nothing of rows (README)
    lines = out.splitlines()
    at = lines.index("✗ notas_curso_fiscalía.csv: tests, 0 rows kept, 16 rejected (refused)")
    assert lines[at + 1] == "    · Score without a maximum (score): 16 rows (rows 2, 3, 4, 5, 6, …)"
    assert lines[at + 2].startswith("      e.g. notas_curso_fiscalía.csv, row 2: score 5,0 has no maximum, and none "
                                    "of the 16 scores of this activity without one is above 8.5, so they are not "
                                    "out of 100")
    assert not lines[at + 3].startswith(" "), "one reason, one group: no line per refused row"
    assert "✓ notas" not in out


def test_a_file_with_some_rows_refused_is_marked_partly_refused_with_its_reasons_summarized(refused_run):
    base, runs = refused_run
    code, out, err = runs["en"]
    lines = out.splitlines()
    at = lines.index("! fechas.csv: attendance, 26 rows kept, 14 rejected (partly refused)")
    assert lines[at + 1:at + 3] == [
        "    · Date does not exist (session_date): 14 rows (rows 2, 5, 8, 11, 14, …)",
        '      e.g. fechas.csv, row 2, session_date: date "31/02/2021" does not exist; fix it in the file and upload '
        "it again"]
    assert sum("31/02/2021" in line for line in lines) == 1
    store = base / "parquet-en"
    version = (store / "CURRENT").read_text().strip()
    assert lines[-2] == f"every rejected row, with its reason: {store / version / 'rejected'}/ (and on the Data page)"
    assert lines[-1].startswith("2 files: 2 read; 26 rows kept, 30 rejected; store version ")
    import duckdb
    kept = duckdb.sql(f"SELECT source_file, count(*), min(source_row), max(source_row) FROM "
                      f"'{store / version / 'rejected'}/*.parquet' GROUP BY 1 ORDER BY 1").fetchall()
    assert kept == [("fechas.csv", 14, 2, 41), ("notas_curso_fiscalía.csv", 16, 2, 17)]   # every row, in full


def test_refused_and_partly_refused_are_said_in_spanish_and_thai(refused_run):
    _, runs = refused_run
    code, out, err = runs["es"]
    assert code == 0, out + err
    assert "✗ notas_curso_fiscalía.csv: tests, 0 filas conservadas, 16 rechazadas (rechazo total)\n" in out
    assert "    · Puntaje sin máximo (score): 16 filas (filas 2, 3, 4, 5, 6, …)\n" in out
    assert "      p. ej.: notas_curso_fiscalía.csv, fila 2: el puntaje 5,0 no tiene máximo" in out
    assert "! fechas.csv: attendance, 26 filas conservadas, 14 rechazadas (rechazo parcial)\n" in out
    assert "    · La fecha no existe (session_date): 14 filas (filas 2, 5, 8, 11, 14, …)\n" in out
    assert out.splitlines()[-2].startswith("todas las filas rechazadas, con su motivo: ")
    code, out, err = runs["th"]
    assert code == 0, out + err
    assert "✗ notas_curso_fiscalía.csv: tests เก็บไว้ 0 แถว ปฏิเสธ 16 แถว (ถูกปฏิเสธทั้งหมด)\n" in out
    assert "! fechas.csv: attendance เก็บไว้ 26 แถว ปฏิเสธ 14 แถว (ถูกปฏิเสธบางส่วน)\n" in out
    assert "    · วันที่ไม่มีอยู่จริง (session_date): 14 แถว (แถวที่ 2, 5, 8, 11, 14, …)\n" in out
    assert "แถวที่ถูกปฏิเสธทั้งหมดพร้อมเหตุผล" not in out      # a dry run writes no rejected rows


def test_a_sheets_reasons_are_grouped_by_why_and_where_the_first_five_shown():
    from atlas_data.cli import reason_lines, sheet_outcome
    from atlas_data.reading.messages import render, stored_fields
    from atlas_data.store.ingest import SheetReport
    reasons = [("missing_value", {"file": "a.csv", "row": r, "column": f"c{r % 7}"}) for r in range(2, 702)]
    sheet = SheetReport("", "attendance", rows_kept=3, rows_rejected=len(reasons),
                        reasons=[render(code, **fields) for code, fields in reasons],
                        reason_messages=[(code, stored_fields(**fields)) for code, fields in reasons])
    assert sheet_outcome(sheet) == "partly_refused"
    assert sheet_outcome(SheetReport("", "attendance", rows_kept=0, rows_rejected=700)) == "refused"
    assert sheet_outcome(SheetReport("", "attendance", rows_kept=5)) == "ok"
    assert sheet_outcome(SheetReport("", "attendance", status="rejected")) == "refused"   # the sheet as a whole
    assert reason_lines(sheet) == [
        "    · Missing value (c2): 100 rows (rows 2, 9, 16, 23, 30, …)",
        "      e.g. a.csv, row 2: c2 is empty; fill it in and upload the file again",
        "    · Missing value (c3): 100 rows (rows 3, 10, 17, 24, 31, …)",
        "      e.g. a.csv, row 3: c3 is empty; fill it in and upload the file again",
        "    · Missing value (c4): 100 rows (rows 4, 11, 18, 25, 32, …)",
        "      e.g. a.csv, row 4: c4 is empty; fill it in and upload the file again",
        "    · Missing value (c5): 100 rows (rows 5, 12, 19, 26, 33, …)",
        "      e.g. a.csv, row 5: c5 is empty; fill it in and upload the file again",
        "    · Missing value (c6): 100 rows (rows 6, 13, 20, 27, 34, …)",
        "      e.g. a.csv, row 6: c6 is empty; fill it in and upload the file again",
        "    · … and 200 more (see the rejected table / Data page)"]
    assert reason_lines(sheet, "es")[0] == "    · Valor faltante (c2): 100 filas (filas 2, 9, 16, 23, 30, …)"
