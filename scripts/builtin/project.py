"""Files of the whole project: DMOP aliases of both countries, the expansion countries, the targets."""
from __future__ import annotations

from pathlib import Path

from builtin.writers import ALL_DMOPS, BLANK, ILLUSTRATIVE, Book, data, header, note, title, write_csv, write_ods

DMOP_ALIASES = [  # country, DMOP as the MTE status tables name it, other spellings in the documents
    ("Paraguay", "Living Lab", ["Enforcement Living Labs", "Living Labs", "Living Lab DMOP", "LL"]),
    ("Paraguay", "Inter-Platforms Coordination Mechanism", [
        "Inter-Platform Action Plan", "Inter-Platform Action Plan Coordination Mechanism",
        "Inter-Platforms Action Plan Coordination Mechanism", "Inter-Platform Coordination Mechanism",
        "Inter-Platform DMOP"]),
    ("Paraguay", "Multi-Agency Unified Enforcement Procedures", ["MAUEP", "Multi-Agency DMOP",
                                                                 "Multi-Agency coordination DMOP"]),
    ("Paraguay", "Enforcement Training Program", ["ETP", "ETP DMOP", "Programa de Capacitación para la Aplicación de la Ley"]),
    ("Paraguay", "Community Referrals", ["Community Referral", "Community Referral DMOP"]),
    ("Paraguay", ALL_DMOPS, ["Todos los DMOP"]),
    ("Thailand", "Enforcement Training Program", ["ETP", "Enforcement Training Programme"]),
    ("Thailand", "Multidisciplinary Teams Training", [
        "Multi-Disciplinary Teams Training", "Multi-Disciplinary Teams (MDT) training", "MDT training",
        "Multi-Disciplinary Team Training on Labor and Criminal Frameworks"]),
    ("Thailand", "Practitioner’s Guide on Investigation of Forced Labor", [
        "Practitioners Guide on Forced Labor", "Practitioner's Guide on Forced Labor"]),
    ("Thailand", "Practitioner’s Guide on Coordination", [
        "Practitioners Guide on Coordination",
        "The Coordination Practice Manual for Cases of Employment of Child Labor, Forced Labor and Human Trafficking"]),
]


def dmop_aliases(out: Path) -> None:
    rows = [["country", "dmop", "alias"]]
    for country, dmop, aliases in DMOP_ALIASES:
        for i, alias in enumerate(aliases):
            rows.append([country if i == 0 else "", dmop if i == 0 else "", alias])
    write_csv(out / "ATLAS DMOP names and aliases.csv", rows, delimiter=",", encoding="utf-8-sig")


def expansion(out: Path) -> None:
    """Liberia, Argentina, Bolivia: no DMOP yet, so one placeholder row per planned DMOP type and date.

    The DMOP name is written on every row: the ingest fills ``dmop`` down in other tables but not in
    ``dmop_status`` (contract.py), and a row without it would be rejected.
    """
    talks = ("Discussions underway with the government to begin work in the fourth quarter of 2020 "
             "(Progress Highlights Jan 2019–Jun 2020)")
    letter = "Letter of Support received endorsing expansion of the ATLAS program (Progress Highlights Q3 2020)"
    mte = "ATLAS is implementing the DMOP strategy; interventions not yet developed or piloted (MTE, section 3.3)"
    legis = "; the project would work to improve legislation and enforcement (Outcomes 1&2)"
    plans = [  # country, DMOP placeholder, type, [(status, as of)]
        ("Liberia", "Legislation and enforcement DMOPs (Outcomes 1 & 2) — to be defined", "enforcement",
         [(talks, "June 2020"), (letter + legis, "September 2020"), (mte, "February 2022")]),
        ("Argentina", "Enforcement DMOPs (Outcome 2) — to be defined", "enforcement",
         [(talks, "June 2020"), (letter + "; the focus would be on enforcement and coordination (Outcomes 2 & 3)",
                                 "September 2020"), (mte, "February 2022")]),
        ("Argentina", "Coordination DMOPs (Outcome 3) — to be defined", "coordination",
         [(talks, "June 2020"), (letter + "; the focus would be on enforcement and coordination (Outcomes 2 & 3)",
                                 "September 2020"), (mte, "February 2022")]),
        ("Bolivia", "Legislation and enforcement DMOPs (Outcomes 1 & 2) — to be defined", "enforcement",
         [(letter + "; possible expansion ('and possibly Bolivia')" + legis, "September 2020")]),
    ]
    rows = [
        title("ATLAS expansion beyond Thailand and Paraguay"),
        note("Sources: Progress Highlights Jan 2019–Jun 2020 (discussions with Liberia and Argentina); Progress "
             "Highlights Q3 2020 (letters of support from all three countries; Liberia and Bolivia: Outcomes 1 & 2, "
             "Argentina: Outcomes 2 & 3); MTE sections 3.3 and 7 (Feb 2022). No DMOP had been developed or "
             "piloted in these countries: the DMOP names below are placeholders."),
        BLANK,
        header("Country", "DMOP", "Type", "Status", "As of"),
    ]
    for country, dmop, kind, history in plans:
        for i, (status, as_of) in enumerate(history):
            rows.append(data(country if i == 0 else None, dmop, kind if i == 0 else None, status, as_of))
    book = Book(out / "ATLAS expansion Liberia Argentina Bolivia.xlsx", "ATLAS expansion")
    book.sheet("Expansion", rows, [12, 62, 12, 100, 16])
    book.close()


def targets(out: Path) -> None:
    """KI-1..KI-3 per country and year. Not from the report: the MTE assesses no targets."""
    basis = {
        "KI-1": "4 training sessions a year (the plan for the ETP: 4 sessions a year)",
        "KI-2": "120 people a year: 30–40 per training, 4 sessions (the plan for the ETP)",
        "KI-3": "the three coordination DMOPs of each country, validated by the end of the project",
    }
    plan = {"KI-1": {"2020": 4, "2021": 4, "2022": 4},
            "KI-2": {"2020": 120, "2021": 120, "2022": 120},
            "KI-3": {"2021": 1, "2022": 3}}
    sheets = {}
    for country in ("Paraguay", "Thailand"):
        rows = [
            [ILLUSTRATIVE.replace("; totals match the MTE report", "") + " — ILLUSTRATIVE TARGETS"],
            ["The MTE report gives no targets (it does not assess progress toward targets). These only echo "
             "the plan of 30–40 people per training and 120 a year in 4 sessions."],
            [],
            ["Indicator", "Period", "Target", "Unit", "Basis (illustrative)"],
        ]
        for ki, years in plan.items():
            for period, value in years.items():
                rows.append([ki, period, value, "#", basis[ki]])
        sheets[country] = rows
    write_ods(out / "ATLAS key indicator targets 2020-2022 (ILLUSTRATIVE).ods", sheets)
