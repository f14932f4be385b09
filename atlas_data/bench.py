"""`python -m atlas_data bench`: ingest and every page query on a seeded synthetic dataset, against
DuckDB's own CSV reader and openpyxl, and the workshop downloads (a slide's PNG, the PDF and PowerPoint
packs) on the built-in data. Prints a table, then one JSON object as the last line. ``--only ingest`` or
``--only packs`` runs one half.

The downloads are timed as a click on the slides page meets them: the process's Chromium already started
(the page starts it when it opens, ``export.warm``; its start is reported apart as ``renderer_start_s``),
and everything else done within the click: a slide's PNG (``slide_png_s``, median of a few, a different
slide each time), and each pack built from nothing (``pack_pdf_s``, ``pack_pptx_s``, median of three: the
slides' queries and suppression, the charts rendered, the file written), Paraguay in Spanish at k = 5.

The dataset has the shape of a real export: a long attendance CSV (title row, `País:`-style label cells
are not used so DuckDB reads the very same file; Spanish headers; `dd/mm/yyyy` dates; names that become
pseudonyms; a few thousand distinct people per country) and an XLSX roster.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

COUNTRIES = ("Paraguay", "Thailand", "Liberia", "Argentina", "Bolivia")
FIRST = ("Ana", "José", "María", "Juan", "Somchai", "Nok", "Carlos", "Lucía", "Pedro", "Sofía", "Malee",
         "Kamal", "Grace", "Joseph", "Florencia", "Martín", "Valentina", "Diego", "Ploy", "Arthit")
LAST = ("Gómez", "Pérez", "Benítez", "Srisuk", "Chai", "Rojas", "Duarte", "Ortiz", "Vera", "Franco",
        "Kollie", "Doe", "Fernández", "López", "Wongsa", "Sirichai", "Quispe", "Mamani", "Cabrera", "Acosta")
INSTITUTIONS = ("Policía Nacional", "Ministerio Público", "MTESS", "Corte Suprema de Justicia", "MINNA",
                "Ministry of Labour", "Royal Thai Police", "DSDW", "Office of the Attorney General", "DOE",
                "Liberia National Police", "Ministry of Gender", "Ministerio de Trabajo", "Poder Judicial")
HEADER = ["País", "Modelo", "Actividad", "Fecha", "Sesión", "Nombre y apellido", "Institución", "Sexo",
          "Modalidad", "Asistió"]


def make_attendance_rows(n: int, seed: int = 2022):
    """Rows of a multi-year, multi-country attendance log: 400 activities of 8 sessions each."""
    rng = random.Random(seed)
    people = [f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}-{k}" for k in range(max(50, n // 16))]
    start = dt.date(2019, 3, 1)
    for i in range(n):
        activity = (i // 2000) % 400
        session = (i // 250) % 8 + 1
        country = COUNTRIES[activity % 5]
        day = start + dt.timedelta(days=(activity * 3 + session * 7) % 1400)
        yield [country, f"DMOP {activity % 12 + 1}", f"Curso {activity + 1}", day.strftime("%d/%m/%Y"),
               f"Sesión {session}", people[(activity * 131 + i % 250) % len(people)],
               INSTITUTIONS[(activity + i) % len(INSTITUTIONS)], "F" if (i * 7) % 3 else "M",
               "virtual" if activity % 3 else "presencial", "Sí" if (i * 13) % 10 < 8 else "No"]


def write_csv(path: Path, n: int) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(make_attendance_rows(n))


def write_xlsx(path: Path, n: int) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("Asistencia")
    sheet.write_row(0, 0, ["Registro de asistencia (sintético)"])
    sheet.write_row(2, 0, HEADER)
    for r, row in enumerate(make_attendance_rows(n, seed=7), start=3):
        sheet.write_row(r, 0, row)
    workbook.close()


def settle() -> None:
    """Before a measurement: the generated files flushed to disk and Python's garbage collected, so neither
    the kernel's write-back of the files nor a collection lands inside the timings of DuckDB or ours."""
    import gc
    import os

    os.sync()
    gc.collect()


def timed(func, *args, **kwargs):
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return time.perf_counter() - start, result


def duckdb_raw(csv_path: Path, out: Path) -> float:
    """DuckDB's own read_csv of the file written to Parquet: the floor no ingest can beat."""
    import duckdb

    con = duckdb.connect()
    try:
        start = time.perf_counter()
        con.execute("COPY (SELECT * FROM read_csv(?)) TO ? (FORMAT parquet)", [str(csv_path), str(out)])
        return time.perf_counter() - start
    finally:
        con.close()


def openpyxl_read(path: Path) -> float:
    import openpyxl

    start = time.perf_counter()
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for sheet in workbook.worksheets:
        for _ in sheet.iter_rows(values_only=True):
            pass
    workbook.close()
    return time.perf_counter() - start


def query_plan(con):
    """(name, call) for every query a page runs, each with varied filters."""
    from atlas_data.queries import Filters, dmops, dropout, indicators, kii, learning, overview, quality, reach, sources

    countries = [r[0] for r in con.execute("SELECT DISTINCT country FROM attendance ORDER BY 1").fetchall()]
    dmop_names = [r[0] for r in con.execute("SELECT DISTINCT dmop FROM attendance ORDER BY 1 LIMIT 6").fetchall()]
    variants = [Filters()]
    for k, country in enumerate(countries):
        variants.append(Filters(countries=(country,)))
        variants.append(Filters(countries=(country,), date_from=dt.date(2019 + k % 3, 1, 1),
                                  date_to=dt.date(2021 + k % 2, 12, 31)))
    for dmop in dmop_names[:3]:
        variants.append(Filters(dmops=(dmop,)))
    calls = {
        "overview": lambda f: overview.overview(con, f),
        "dmops_by_step": lambda f: overview.dmops_by_step(con, f),
        "dmop_board": lambda f: dmops.dmop_board(con, f),
        "dmop_history": lambda f: dmops.dmop_history(con, f),
        "dmop_milestones": lambda f: dmops.dmop_milestones(con, f),
        "dmop_delays": lambda f: dmops.dmop_delays(con, f),
        "reach_country": lambda f: reach.reach(con, f, by=("country",)),
        "reach_institution_gender": lambda f: reach.reach(con, f, by=("country", "institution", "gender")),
        "reach_month": lambda f: reach.reach(con, f, by=("country", "month")),
        "activity_list": lambda f: reach.activity_list(con, f),
        "dropout_summary": lambda f: dropout.dropout_summary(con, f),
        "dropout_funnel": lambda f: dropout.dropout_funnel(con, f),
        "learning": lambda f: learning.learning(con, f),
        "item_difficulty": lambda f: learning.item_difficulty(con, f),
        "kii_distribution": lambda f: kii.kii_distribution(con, f),
        "kii_crosstab": lambda f: kii.kii_crosstab(con, f),
        "kii_notes": lambda f: kii.kii_notes(con, f),
        "respondents_summary": lambda f: kii.respondents_summary(con, f),
        "indicators_vs_targets": lambda f: indicators.indicators_vs_targets(con, f),
        "iptt": lambda f: indicators.iptt(con, f),
        "filter_options": lambda f: sources.filter_options(con, f),
        "sources_attendance": lambda f: sources.sources(con, "attendance", f),
        "data_as_of": lambda f: sources.data_as_of(con, ("dmop_status", "attendance", "events", "tests"), f),
        "data_completeness": lambda f: quality.data_completeness(con, f),
        "data_consistency": lambda f: quality.data_consistency(con, f),
        "data_timeliness": lambda f: quality.data_timeliness(con, f),
        "data_outliers": lambda f: quality.data_outliers(con, f),
        "rejected_rows": lambda f: sources.rejected_rows(con, f),
        "last_update": lambda f: sources.last_update(con, f),
    }
    return calls, variants


def measure_queries(con, repeats: int = 3) -> dict:
    calls, variants = query_plan(con)
    out = {}
    for name, call in calls.items():
        samples = []
        call(variants[0])  # warm: file metadata cached by DuckDB
        for _ in range(repeats):
            for f in variants:
                start = time.perf_counter()
                call(f)
                samples.append((time.perf_counter() - start) * 1000)
        samples.sort()
        out[name] = {"p50": round(statistics.median(samples), 1),
                     "p95": round(samples[min(len(samples) - 1, int(0.95 * len(samples)))], 1)}
    return out


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


def run(rows: int, xlsx_rows: int, work: Path) -> dict:
    from atlas_data import connect
    from atlas_data.store.ingest import ingest

    raw_csv, raw_xlsx, store = work / "raw_csv", work / "raw_xlsx", work / "store"
    for folder in (raw_csv, raw_xlsx):
        folder.mkdir(parents=True, exist_ok=True)
    csv_path, xlsx_path = raw_csv / "asistencia_sintetica.csv", raw_xlsx / "asistencia_sintetica.xlsx"
    write_csv(csv_path, rows)
    write_xlsx(xlsx_path, xlsx_rows)
    settle()

    raw_s = duckdb_raw(csv_path, work / "duckdb_raw.parquet")
    settle()
    csv_s, report = timed(ingest, raw_csv, store)
    kept = sum(s.rows_kept for f in report.files for s in f.sheets)
    if kept != rows:
        raise RuntimeError(f"the CSV gave {kept} rows, expected {rows}: {report.sheet_rows().to_dict('records')}")
    reingest_s, again = timed(ingest, raw_csv, store)
    assert not again.changed

    from atlas_data.reading.readers import read_workbook
    calamine_s, _ = timed(read_workbook, xlsx_path)
    openpyxl_s = openpyxl_read(xlsx_path)
    xlsx_s, xreport = timed(ingest, raw_xlsx, work / "store_xlsx")
    xkept = sum(s.rows_kept for f in xreport.files for s in f.sheets)
    if xkept != xlsx_rows:
        raise RuntimeError(f"the XLSX gave {xkept} rows, expected {xlsx_rows}")

    con = connect(store)
    queries = measure_queries(con)
    con.close()
    to_parquet_s = csv_s - report.aggregates_s   # rows -> Parquet, as DuckDB's floor does; then the pages' aggregates
    return {
        "rows": rows, "xlsx_rows": xlsx_rows,
        "csv_rows_per_s": round(rows / to_parquet_s), "csv_raw_rows_per_s": round(rows / raw_s),
        "csv_ratio": round(raw_s / to_parquet_s, 3),
        "aggregates_s": round(report.aggregates_s, 3), "csv_ingest_with_aggregates_s": round(csv_s, 3),
        "xlsx_rows_per_s": round(xlsx_rows / xlsx_s), "xlsx_read_s": round(calamine_s, 3),
        "xlsx_openpyxl_read_s": round(openpyxl_s, 3), "xlsx_speedup": round(openpyxl_s / calamine_s, 2),
        "reingest_unchanged_s": round(reingest_s, 3),
        "query_ms": queries, "query_p95_max_ms": max(q["p95"] for q in queries.values()),
        "peak_rss_mb": peak_rss_mb(),
    }


BUILTIN_RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
PACK_KEYS = ("renderer_start_s", "slide_png_s", "pack_pdf_s", "pack_pptx_s")


def run_packs(work: Path, country: str = "Paraguay", lang: str = "es", k: int = 5, repeats: int = 5) -> dict:
    """The workshop downloads on the built-in data ingested into ``work`` (seconds; see the docstring)."""
    import os

    from atlas_data import connect
    from atlas_data.reports import deck, export, pack, workshop
    from atlas_data.store.ingest import ingest

    previous = os.environ.get("ATLAS_SECRET_FILE")
    os.environ["ATLAS_SECRET_FILE"] = str(work / "pseudonym.key")     # never the real secret
    try:
        ingest(BUILTIN_RAW, work / "builtin")
    finally:
        if previous is None:
            os.environ.pop("ATLAS_SECRET_FILE", None)
        else:
            os.environ["ATLAS_SECRET_FILE"] = previous
    con = connect(work / "builtin")
    settle()
    start_s, _ = timed(export.RENDERER.start, wait=True)
    slides = [s for s in workshop.slides(con, country, lang, k) if not s.empty]
    png = [timed(pack.slide_png, slides[i % len(slides)], lang)[0] for i in range(repeats)]
    pdf = [timed(pack.build_pack, con, country, lang, k)[0] for _ in range(3)]
    pptx = [timed(deck.build_deck, con, country, lang, k)[0] for _ in range(3)]
    con.close()
    return {"renderer_start_s": round(start_s, 3), "slide_png_s": round(statistics.median(png), 3),
            "pack_pdf_s": round(statistics.median(pdf), 3), "pack_pptx_s": round(statistics.median(pptx), 3)}


def print_table(result: dict, out=None) -> None:
    out = out or sys.stdout
    if "first_page_s" in result:
        from atlas_data.bench_pages import print_pages
        print_pages(result, out)
        return
    if "csv_rows_per_s" not in result:
        print("benchmark: workshop downloads on the built-in data", file=out)
        _print_packs(result, out)
        return
    lines = [
        ("CSV ingest, rows → Parquet (rows/s)", f"{result['csv_rows_per_s']:,}"),
        ("DuckDB read_csv → Parquet (rows/s)", f"{result['csv_raw_rows_per_s']:,}"),
        ("ours / DuckDB", f"{result['csv_ratio']:.2f}"),
        ("then the pages' aggregates (s)", f"{result['aggregates_s']}"),
        ("CSV ingest with them (s)", f"{result['csv_ingest_with_aggregates_s']}"),
        ("XLSX ingest (rows/s)", f"{result['xlsx_rows_per_s']:,}"),
        ("XLSX read: calamine vs openpyxl (s)", f"{result['xlsx_read_s']} vs {result['xlsx_openpyxl_read_s']}"
                                                f" = {result['xlsx_speedup']}×"),
        ("re-ingest unchanged (s)", f"{result['reingest_unchanged_s']}"),
        ("worst query p95 (ms)", f"{result['query_p95_max_ms']}"),
        ("peak RSS (MB)", f"{result['peak_rss_mb']}"),
    ]
    width = max(len(k) for k, _ in lines)
    print(f"benchmark: {result['rows']:,} CSV rows, {result['xlsx_rows']:,} XLSX rows", file=out)
    for k, v in lines:
        print(f"  {k:<{width}}  {v}", file=out)
    print("  queries (p50 / p95 ms):", file=out)
    for name, q in result["query_ms"].items():
        print(f"    {name:<28} {q['p50']:>8} / {q['p95']:>8}", file=out)
    if "slide_png_s" in result:
        _print_packs(result, out)


def _print_packs(result: dict, out) -> None:
    lines = [("Chromium start, once per process (s)", "renderer_start_s"), ("slide PNG, median (s)", "slide_png_s"),
             ("PDF pack, Paraguay es (s)", "pack_pdf_s"), ("PowerPoint pack, Paraguay es (s)", "pack_pptx_s")]
    print("  workshop downloads (warm Chromium):", file=out)
    for label, key in lines:
        print(f"    {label:<38} {result[key]:>8}   {key}", file=out)


def run_bench(args) -> int:
    if args.rows < 100 or args.xlsx_rows < 10:
        print("error: --rows must be at least 100 and --xlsx-rows at least 10", file=sys.stderr)
        return 2
    work = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="atlas-bench-"))
    only = getattr(args, "only", None)
    try:
        if only == "pages":
            from atlas_data.bench_pages import run_pages
            result = run_pages(args.rows, work, write_csv)
            return _report(result)
        result = run(args.rows, args.xlsx_rows, work) if only != "packs" else {}
        if only != "ingest":
            (work / "packs").mkdir(parents=True, exist_ok=True)
            result.update(run_packs(work / "packs"))
    finally:
        if not args.dir:
            shutil.rmtree(work, ignore_errors=True)
    return _report(result)


def _report(result: dict) -> int:
    print_table(result)
    print(json.dumps(result, separators=(",", ":")))
    return 0
