"""Thai for Thailand's rooms: dates in the Buddhist era as Thai offices write them (a setting), and the PDF pack
writing Thai letters in a font that has them (Noto Sans Thai), never as boxes."""
from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest

from atlas_data import i18n, settings
from atlas_data.reports import pack

JUNE = dt.date(2021, 6, 15)


def test_thai_dates_carry_the_buddhist_era_year(monkeypatch, tmp_path):
    monkeypatch.setenv("ATLAS_SETTINGS_FILE", str(tmp_path / "settings.json"))
    assert i18n.fmt_date(JUNE, "th", "long") == "15 มิถุนายน พ.ศ. 2564"
    assert i18n.fmt_date(JUNE, "th", "medium") == "15 มิ.ย. 2564"
    assert i18n.fmt_date(JUNE, "th", "short") == "15/6/64"
    assert i18n.fmt_month(JUNE, "th") == "มิถุนายน พ.ศ. 2564"
    assert i18n.fmt_date(dt.date(2024, 2, 29), "th", "long") == "29 กุมภาพันธ์ พ.ศ. 2567"   # a leap day
    assert i18n.fmt_date(JUNE, "es", "long") == "15 de junio de 2021"                     # others as before
    settings.save({"thai_buddhist_era": False})
    assert i18n.fmt_date(JUNE, "th", "long") == "15 มิถุนายน ค.ศ. 2021"
    assert i18n.fmt_month(JUNE, "th") == "มิถุนายน ค.ศ. 2021"


def test_thai_numbers_and_percents_follow_babel():
    assert i18n.fmt_int(1234567, "th") == "1,234,567"
    assert i18n.fmt_number(20.44, "th") == "20.4"
    assert i18n.fmt_percent(0.6, "th") == "60%"


def test_the_pdf_writes_runs_of_thai_letters_in_noto_sans_thai():
    markup = pack._markup("ATLAS · ศาลฎีกา <b> & กระทรวงแรงงาน", "NotoSans-Bold")
    assert markup == ('ATLAS · <font name="NotoSansThai-Bold">ศาลฎีกา</font> &lt;b&gt; &amp; '
                      '<font name="NotoSansThai-Bold">กระทรวงแรงงาน</font>')
    assert pack._markup("Corte Suprema <x>", "NotoSans-Regular") == "Corte Suprema &lt;x&gt;"


@pytest.mark.slow
def test_a_thai_pack_embeds_the_thai_font(builtin_store, tmp_path):
    from atlas_data.store.views import connect

    pdf = tmp_path / "th.pdf"
    pdf.write_bytes(pack.build_pack(connect(builtin_store), "Thailand", "th", k=5, today=JUNE))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "NotoSansThai-Regular" in fonts and "NotoSansThai-Bold" in fonts
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "15 มิถุนายน พ.ศ. 2564" in text
    assert json.dumps("\ufffd") not in json.dumps(text)
