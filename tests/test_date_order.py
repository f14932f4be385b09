"""A column of text dates is read in one day/month order, as a person reading the whole column would
(dates.column_date_parser): month first when a date proves it and none proves day first, day first otherwise,
and a date that reads both ways in a column written both ways is refused, never guessed."""
from __future__ import annotations

import datetime as dt
import json

from hypothesis import given, settings, strategies as st

from atlas_data.reading import dates as D
from atlas_data.reading.messages import render
from atlas_data.store.ingest import ingest
from atlas_data.store.views import connect
from filemaker import write_csv, write_defaults, write_xlsx

_DAYS = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2060, 12, 31))
_HEADER = ["Nombre y Apellido", "País", "DMOP", "Actividad", "Institución", "Fecha"]


def _written(day: dt.date, order: str) -> str:
    a, b = (day.day, day.month) if order == D.DAY_FIRST else (day.month, day.day)
    return f"{a:02d}/{b:02d}/{day.year}"


def _read(texts):
    parse = D.column_date_parser(texts)
    out = []
    for text in texts:
        try:
            out.append(parse(text)[0])
        except ValueError as exc:
            out.append(exc.code)
    return out


def _roster(tmp_path, dates, name="roster.csv"):
    raw, store = tmp_path / "raw", tmp_path / "pq"
    rows = [_HEADER] + [[f"Persona Numero{i}", "Paraguay", "Living Lab", "Taller", "Ministerio", d] for i, d in enumerate(dates)]
    write_csv(raw / name, rows)
    report = ingest(raw, store)
    con = connect(store)
    try:
        days = [r[0] for r in con.execute("SELECT session_date FROM attendance ORDER BY source_row").fetchall()]
        rejected = con.execute("SELECT source_row, code, reason, reason_fields FROM rejected "
                               "ORDER BY source_row").fetchall()
    finally:
        con.close()
    return report, days, rejected


# ------------------------------------------------------------------ files as officers write them

def test_a_us_written_roster_reads_month_first(tmp_path):
    _, days, rejected = _roster(tmp_path, ["06/15/2021", "06/07/2021", "07/01/2021"])
    assert days == [dt.date(2021, 6, 15), dt.date(2021, 6, 7), dt.date(2021, 7, 1)]
    assert rejected == []


def test_a_spanish_written_roster_reads_day_first(tmp_path):
    _, days, rejected = _roster(tmp_path, ["15/06/2021", "07/06/2021"])
    assert days == [dt.date(2021, 6, 15), dt.date(2021, 6, 7)]
    assert rejected == []


def test_an_all_ambiguous_column_reads_day_first_as_before(tmp_path):
    _, days, rejected = _roster(tmp_path, ["07/06/2021", "01/07/2021", "12/11/2021"])
    assert days == [dt.date(2021, 6, 7), dt.date(2021, 7, 1), dt.date(2021, 11, 12)]
    assert rejected == []


def test_a_column_written_both_ways_refuses_only_its_ambiguous_dates(tmp_path):
    _, days, rejected = _roster(tmp_path, ["15/06/2021", "06/16/2021", "06/07/2021", "05/05/2021", "2021-06-08"])
    assert days == [dt.date(2021, 6, 15), dt.date(2021, 6, 16), dt.date(2021, 5, 5), dt.date(2021, 6, 8)]
    assert [(row, code) for row, code, _, _ in rejected] == [(4, "bad_value")]  # the header is row 1
    reason, fields = rejected[0][2], json.loads(rejected[0][3])
    assert '"06/07/2021" can be read day first or month first' in reason
    assert 'day first: "15/06/2021", month first: "06/16/2021"' in reason
    detail = fields["detail"]
    assert detail["code"] == "date_order_ambiguous"
    for lang, words in (("es", "puede leerse con el día o con el mes primero"),
                        ("th", "อ่านได้ทั้งแบบวันก่อนและแบบเดือนก่อน")):
        text = render("bad_value", lang, file="roster.csv", row=4, column="session_date", detail=detail)
        assert words in text and '"15/06/2021"' in text and '"06/16/2021"' in text


def _wide_roster(tmp_path, sessions: list[str], marks: list[list[str]]):
    """A wide roster (a column per session, its date as the header) ingested: its session days and rejected rows."""
    raw, store = tmp_path / "raw", tmp_path / "pq"
    rows = [["Nombre y Apellido", "Institución", *sessions],
            *([f"Persona {n}", "Ministerio", *m] for n, m in zip(("Uno", "Dos"), marks))]
    path = write_xlsx(raw / "Paraguay asistencia.xlsx", {"Asistencia": rows})
    write_defaults(path, {"dmop": "Living Lab", "activity": "Taller"})
    ingest(raw, store)
    con = connect(store)
    try:
        days = con.execute("SELECT DISTINCT session_date FROM attendance ORDER BY 1").fetchall()
        rejected = con.execute("SELECT column_name, code, reason FROM rejected").fetchall()
    finally:
        con.close()
    return days, rejected


def test_a_wide_roster_reads_its_session_headers_in_one_order(tmp_path):
    days, _ = _wide_roster(tmp_path, ["06/07/2021", "06/15/2021"], [["P", "P"], ["P", "A"]])
    assert days == [(dt.date(2021, 6, 7),), (dt.date(2021, 6, 15),)]


def test_real_and_iso_dates_tell_nothing_and_read_as_they_are():
    texts = [dt.datetime(2021, 6, 7), "2021-06-15", "15 jun 2021", "06/07/2021", "44362"]
    assert _read(texts) == [dt.date(2021, 6, 7), dt.date(2021, 6, 15), dt.date(2021, 6, 15), dt.date(2021, 7, 6),
                            dt.date(2021, 6, 15)]
    assert _read(["06/15/2021", "06/07/2021", "2021-06-15"]) == [dt.date(2021, 6, 15), dt.date(2021, 6, 7),
                                                                 dt.date(2021, 6, 15)]


def test_a_number_that_is_no_day_proves_nothing():
    assert _read(["07/06/2021", "06/45/2021"]) == [dt.date(2021, 6, 7), "date_does_not_exist"]


# ------------------------------------------------------------------ the rule, on any column

@settings(max_examples=200, deadline=None)
@given(st.lists(_DAYS, min_size=1, max_size=12), st.sampled_from([D.DAY_FIRST, D.MONTH_FIRST]))
def test_a_column_written_in_one_order_reads_back_its_days(days, order):
    """Month first when a day above 12 proves it; day first otherwise (the default, as before)."""
    read = _read([_written(d, order) for d in days])
    if order == D.DAY_FIRST or any(d.day > 12 for d in days):
        assert read == days
    else:  # nothing proves month first: read day first, as a date that reads both ways always was
        assert read == [dt.date(d.year, d.day, d.month) for d in days]


@settings(max_examples=200, deadline=None)
@given(st.lists(_DAYS, min_size=1, max_size=8), st.lists(_DAYS, min_size=1, max_size=8),
       st.lists(_DAYS.filter(lambda d: d.day > 12), min_size=1, max_size=3),
       st.lists(_DAYS.filter(lambda d: d.day > 12), min_size=1, max_size=3), st.randoms(use_true_random=False))
def test_a_column_written_both_ways_never_guesses(day_first, month_first, proof_d, proof_m, rnd):
    """Each date reads as it can only be read, or is refused when it reads both ways; never a wrong day."""
    cells = ([(d, _written(d, D.DAY_FIRST)) for d in day_first + proof_d]
             + [(d, _written(d, D.MONTH_FIRST)) for d in month_first + proof_m])
    rnd.shuffle(cells)
    read = _read([text for _, text in cells])
    for (day, text), got in zip(cells, read):
        if day.day > 12 or day.day == day.month:
            assert got == day
        else:
            assert got == "date_order_ambiguous", (text, got)


def test_a_wide_roster_whose_headers_are_written_both_ways_refuses_the_session_that_reads_both(tmp_path):
    days, rejected = _wide_roster(tmp_path, ["15/06/2021", "06/16/2021", "06/07/2021"],
                                  [["P", "P", "P"], ["P", "A", "P"]])
    assert days == [(dt.date(2021, 6, 15),), (dt.date(2021, 6, 16),)]
    assert [(c, code) for c, code, _ in rejected] == [("06/07/2021", "bad_value")]
    assert '"06/07/2021" can be read day first or month first' in rejected[0][2]
