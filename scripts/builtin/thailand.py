"""Thailand: the report's figures (MTE section 6) and the illustrative ETP and MDT pilot tests."""
from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from builtin.people import People, clamp, genders, spread
from builtin.writers import (ALL_DMOPS, BLANK, ILLUSTRATIVE, MTE, Book, data, header, label, note, section, title,
                             total)

TH_DMOPS = [  # MTE 6.4.1
    ("DMOP - Enforcement", [
        ("Enforcement Training Program",
         "Step 7/8. The pilot phase of ETP completed, an assessment of the pilot conducted, assessment result "
         "presented to stakeholder for feedback and refinement of the materials, training materials refined "
         "and the ETP is at the re-implementation stage."),
        ("Practitioner’s Guide on Investigation of Forced Labor",
         "Step 4. The practitioner guide design and development completed and is ready for pilot stage of the DMOP"),
    ]),
    ("DMOP - Coordination", [
        ("Practitioner’s Guide on Coordination",
         "Step 7. The practitioner’s Guide on Coordination completed pilot phase of the DMOP process, the "
         "feedback on the DMOP collected and DMOP is at the refinement stage."),
        ("Multidisciplinary Teams Training",
         "Step 7. Multidisciplinary Teams Training completed pilot phase of the DMOP process, the feedback on "
         "the DMOP collected and DMOP is at the refinement stage."),
        ("Community Referrals",
         "Step 4. The Community Referrals DMOP is at the design and development stage. Not yet piloted."),
    ]),
]


def thailand_status(out: Path) -> None:
    rows = [
        title("ATLAS Thailand — DMOP overview: where each DMOP stands"),
        note(f"Source: {MTE}, section 6.4.1. The report gives no date ('to date'; fieldwork Sep–Oct 2021)."),
        BLANK,
    ]
    first = True
    for sec, dmops in TH_DMOPS:
        rows.append(section(sec))  # the report puts the first section row above the header
        if first:
            rows.append(header("DMOP", "Status"))
            first = False
        rows += [data(name, status) for name, status in dmops]
    book = Book(out / "thailand" / "Thailand DMOP status MTE 2021.xlsx", "ATLAS Thailand DMOP overview")
    book.sheet("DMOP status", rows, [52, 120])
    book.close()


def thailand_milestones(out: Path) -> None:
    shared = [
        (1, None, "April 2020", "Body of Knowledge formally issued April 2020 (MTE 5.4.1); finalized and "
                                "disseminated in workshops in Q3 2020 (Progress Highlights Q3 2020)"),
        (2, "January 2020", date(2020, 9, 10),
         "PSA conducted late 2019 (interviews with 25 KIs); feedback received by 20 Mar 2020; second version "
         "submitted to USDOL 6 Apr 2020; validation workshop planned for April 2020 cancelled (COVID-19); "
         "approved by USDOL 10 Sep 2020, an 8-month delay from the original project plan (planned date "
         "derived from that delay)"),
        (3, "April 2020", date(2020, 9, 22),
         "First consultation workshop planned April 2020, cancelled (COVID-19); one-on-one feedback, then "
         "'ATLAS Thailand Project's Stakeholder Consultation Workshop on DMOP', 22 Sep 2020"),
        (4, None, date(2020, 9, 22),
         "Country-level workgroup formed at the 22 Sep 2020 workshop; each agency nominated a champion"),
    ]
    own = {
        "Enforcement Training Program": [
            (5, None, date(2020, 12, 15), "ETP piloted at the 2-day Enforcement Training workshop, 15–16 Dec 2020"),
            (6, None, "January 2021", "Refined following piloting, January 2021; pre/post tests and a follow-up "
                                      "at least three months after the training"),
            (8, None, date(2021, 3, 24),
             "Refined ETP implemented: 3-day workshop 24–26 Mar 2021; 3-day MOL training 14–16 Jul 2021; online "
             "peer-to-peer workshop for judges and prosecutors 8–9 Sep 2021"),
        ],
        "Practitioner’s Guide on Investigation of Forced Labor": [],
        "Practitioner’s Guide on Coordination": [
            (4, None, "April 2021", "Beginning in April the team worked to develop the manual"),
            (5, None, "September 2021",
             "Focus group discussion with DATIP in August; final draft 'The Coordination Practice Manual for "
             "Cases of Employment of Child Labor, Forced Labor and Human Trafficking' completed in September, "
             "completing the pilot period (year from context: 2021)"),
        ],
        "Multidisciplinary Teams Training": [
            (5, None, date(2021, 6, 15), "MDT training piloted at the 2-day workshop, 15–16 Jun 2021"),
        ],
        "Community Referrals": [],
    }
    rows = [
        title("ATLAS Thailand — DMOP milestones by step (dates the MTE report gives)"),
        note(f"Source: {MTE}, section 6.4.1. Steps 1–4 were taken for all DMOPs together."),
        BLANK,
        header("DMOP", "Step", "Planned", "Actual", "Milestone"),
    ]
    for dmop, steps in own.items():
        group = shared + steps
        if dmop == "Practitioner’s Guide on Coordination":
            group = shared[:3] + steps  # its own design step (4) is dated separately
        for i, (step, planned, actual, text) in enumerate(group):
            rows.append(data(dmop if i == 0 else None, step, planned, actual, text))
    book = Book(out / "thailand" / "Thailand DMOP milestones 2019-2021.xlsx", "ATLAS Thailand DMOP milestones")
    book.sheet("Milestones", rows, [48, 7, 14, 14, 110])
    book.close()


TH_CONSULTATION_BREAKDOWN = [  # MTE 6.4.1: adds up to 37, the text says 36
    ("Ministry of Labour (MOL)", 10),
    ("Ministry of Social Development and Human Security (MSDHS)", 2),
    ("Department of Special Investigation (DSI)", 2),
    ("Anti-Money Laundering Office (AMLO)", 3),
    ("Department of Provincial Administration (DOPA), Ministry of Interior", 3),
    ("Thailand Anti-Trafficking in Persons Task Force (TATIP), Royal Thai Police", 3),
    ("Immigration Bureau (IB)", 6),
    ("Anti-Human Trafficking Division (ATHD), Royal Thai Police", 3),
    ("Office of the Attorney General (OAG)", 5),
]

TH_ACT_CONSULTATION = "ATLAS Thailand Project's Stakeholder Consultation Workshop on DMOP"
TH_ACT_ETP_PILOT = "ETP pilot: 2-day Enforcement Training workshop for frontline officers"
TH_ACT_ETP_3DAY = ("3-day capacity-building workshop for labor inspectors and investigative officers on "
                   "investigation of child labor, forced labor, and human trafficking")
TH_ACT_MDT_PILOT = ("MDT training pilot: 2-day training workshop on enhanced coordination and services for "
                    "protection of child labor, forced labor and human trafficking victims")
TH_ACT_VALIDATION = "MTE validation meeting (presentation of key evaluation findings)"


def thailand_events(out: Path) -> None:
    rows = [
        title("ATLAS Thailand — workshops and trainings: head counts"),
        note(f"Source: {MTE}, sections 6.3.1 and 6.4.1. Report figures. A row with an agency is that "
             "agency's share of the event above it."),
        BLANK,
        header("Country", "DMOP", "Activity", "Start", "End", "Modality", "Institution",
               "# of participants", "# of institutions"),
        data("Thailand", ALL_DMOPS, TH_ACT_CONSULTATION, date(2020, 9, 22), None, "in-person", None, 36, 9),
    ]
    rows += [data(None, None, None, date(2020, 9, 22), None, None, agency, n, None)
             for agency, n in TH_CONSULTATION_BREAKDOWN]
    rows += [
        data(None, "Enforcement Training Program", TH_ACT_ETP_PILOT, date(2020, 12, 15), date(2020, 12, 16),
             None, None, 42, 7),
        data(None, "Enforcement Training Program", TH_ACT_ETP_3DAY, date(2021, 3, 24), date(2021, 3, 26),
             None, None, 55, 7),
        data(None, "Multidisciplinary Teams Training", TH_ACT_MDT_PILOT, date(2021, 6, 15), date(2021, 6, 16),
             "online", None, 46, 14),
        data(None, ALL_DMOPS, TH_ACT_VALIDATION, date(2021, 10, 18), None, "online", None, 5, 2),
        data(None, None, None, date(2021, 10, 18), None, None,
             "Department of Provincial Administration (DOPA), Ministry of Interior", 3, None),
        data(None, None, None, date(2021, 10, 18), None, None,
             "Department of Labour Protection and Welfare (DLPW), Ministry of Labour", 2, None),
    ]
    book = Book(out / "thailand" / "Thailand ATLAS workshops and trainings 2020-2021.xlsx",
                "ATLAS Thailand workshops and trainings")
    book.sheet("Events", rows, [10, 30, 70, 12, 12, 11, 52, 12, 12])
    book.close()


TH_PROFILE_GOV = [  # MTE 6.3.1 (the PDF text cuts two organization names; written in full here)
    ("Department of Labour Protection and Welfare", "Ministry of Labour", 11),
    ("Department of Employment", "Ministry of Labour", 8),
    ("Immigration Bureau", "Royal Thai Police", 5),
    ("Department of Provincial Administration", "Ministry of Interior", 3),
    ("Department of Anti-Trafficking in Persons", "Ministry of Social Development and Human Security", 2),
    ("Department of Children and Youth", "Ministry of Social Development and Human Security", 1),
    ("Department of Special Investigation", "Ministry of Justice", 1),
    ("Office of the Attorney General", "Office of the Attorney General", 1),
]
TH_PROFILE_ATLAS = [
    ("Winrock International", "Winrock International", 5, "project staff"),
    ("Civil Society Organizations", "Catholic Office for Emergency Relief and Refugee and LIFT International", 2, "CSO"),
]

TH_WORKSHOPS = [  # MTE 6.3.1, "Workshop Attendance of Key Informants" (33 of the 39)
    ("The Enforcement Training Program 3-day training", "March 21, 2021", 8),
    ("The Enforcement Training Program, Ministry of Labour, 3-day training", "July 21, 2021", 7),
    ("The Enforcement Training Program 2-day training", "December 2020", 6),
    ("The Multi-Disciplinary Teams 2-day online training", "June 21, 2021", 5),
    ("The Enforcement Training Program 2-day training and the Multi-Disciplinary Teams 2-day online training",
     "December 2020 and June 2021", 3),
    ("The Enforcement Training Program 3-day training and Multi-Disciplinary Teams 2-day training",
     "March 21, 2021 (3-day Enforcement Training Program); and June 2, 2021, (2-day Multi-Disciplinary Teams "
     "training)", 2),
    ("The Enforcement Training Program 2-day training; and Enforcement Training Program, Ministry of Labour "
     "3-day training",
     "June 21, 2021, online 2-day Enforcement Training Program; and July 21, 2021, online 3-day Enforcement "
     "Training Program, Ministry of Labour", 1),
    ("The Enforcement Training Program 2-day and 3-day training",
     "December 20, 2020, 2-day Enforcement Training Program; and March 21, 202, 3-day Enforcement Training "
     "Program", 1),
]

NON_STAFF = "non-staff (government and CSO)"
TH_FINDINGS = [  # MTE 6.5: counts the report gives in its prose
    ("Knew about Winrock or the ATLAS project before taking part in the workshops", "Yes", 8, NON_STAFF, None,
     "Among the non-staff respondents, 8 reported having learned about Winrock or the ATLAS project through "
     "various channels before taking part in the workshops (6.5.1)"),
    ("Familiar with the project's goals and/or objectives", "Yes", 27, "all respondents", None,
     "The majority of respondents (27) claimed at least some degree of familiarity with the project's goals "
     "and/or objectives (6.5.1)"),
    ("Familiar with the project's goals and/or objectives", "No", 9, NON_STAFF, None,
     "9 respondents among government and CSO stakeholders did not know or could not recall anything about "
     "the objectives or purpose of the ATLAS project (6.5.1)"),
    ("Involved since the design, planning and preparation of the project activities", "Yes", 2,
     "government decision-maker", None,
     "Among five government decision-makers, two reported being involved with the project since the design, "
     "planning, and preparation of the project activities (6.5.2)"),
    ("Workshops had content they did not previously know", "No", 2, "all respondents", None,
     "For all but two of the KIs, there was some content of the workshops that they did not previously know "
     "(6.5.2)"),
    ("Liked investigation and interview techniques for adults and children the most", "Yes", 11,
     "all respondents", None,
     "The most frequently cited topic liked the most, with 11 respondents referring to it (6.5.2)"),
    ("HT training documents used as reference or knowledge management resources in their organization", "Yes", 3,
     "all respondents", None, "Three KIs said the HT training documents were used as reference (6.5.2)"),
    ("Have applied the training topics in their work", "No", 4, "all respondents", None,
     "Four KIs specifically reported that they have not yet applied the topics in their work (COVID-19) (6.5.2)"),
    ("Had seen the BOK or PSA, or reviewed part of the PSA", "Yes", 3, NON_STAFF, "Effectiveness",
     "Three non-staff respondents reported that they had seen the BOK or PSA previously or reviewed a part of "
     "the PSA (6.5.3)"),
    ("BOK and PSA results were presented during a workshop they attended", "Yes", 1, NON_STAFF, "Effectiveness",
     "One further respondent, unable to explain the details of the documents (6.5.3)"),
    ("Project documents were made available for download", "Yes", 10, NON_STAFF, "Effectiveness",
     "10 non-staff respondents reported that project documents were made available for download (6.5.3)"),
    ("Project activities increased their interactions with counterparts in other offices on HT", "Yes", 6,
     "all respondents", "Effectiveness",
     "Six respondents noted that project activities were beneficial in helping to increase their interactions "
     "with the network of counterparts in other offices to address the HT issues (6.5.3)"),
    ("Project strategy, interventions and activities met the expectations of government stakeholders", "Yes", 15,
     NON_STAFF, "Relevance",
     "15 non-staff respondents indicated that the project strategy, interventions, and activities met the "
     "expectations of government stakeholders and were responsive to government needs and priorities (6.5.4)"),
    ("Learnings from the workshop can be used in their work on CL, FL and HT", "Yes", 15,
     "government stakeholder", "Relevance",
     "15 government stakeholders confirmed that the learnings they gained from the workshop could be used in "
     "their work (6.5.4)"),
    ("Project strategy and interventions allowed sufficient flexibility to respond to the local context", "Yes", 16,
     "government stakeholder", "Relevance",
     "16 government stakeholders reported that the project strategy and interventions allowed for sufficient "
     "flexibility (6.5.4)"),
    ("Agencies had already established coordination among themselves, even without the project", "Yes", 3,
     "government stakeholder", "Sustainability",
     "Three government stakeholders reported that even without this project the agencies had already "
     "established coordination among themselves (6.5.6)"),
    ("Training topics on human trafficking could be applied in foreign countries", "Yes", 13, NON_STAFF,
     "Sustainability",
     "13 government and CSO stakeholders involved in the workshops reported that the training topics on human "
     "trafficking could be applied, in whole or in part, in foreign countries (6.5.6)"),
]


def thailand_kii(out: Path) -> None:
    book = Book(out / "thailand" / "Thailand KII tabulation.xlsx", "ATLAS Thailand MTE - KII tabulation")

    rows = [
        title("Profiles of Key Informants by Their Workplaces"),
        note(f"Source: {MTE}, section 6.3.1."),
        BLANK,
        header("Department/ Agency", "Ministry/ Organization", "# of Respondents", "Type of stakeholder"),
        section("Government Stakeholders"),
    ]
    rows += [data(dep, org, n, None) for dep, org, n in TH_PROFILE_GOV]
    rows.append(section("ATLAS Project Team and Civil Society"))
    rows += [data(dep, org, n, kind) for dep, org, n, kind in TH_PROFILE_ATLAS]
    rows.append(total("Total", None, 39, None))
    book.sheet("Profiles", rows, [46, 66, 16, 18])

    rows = [
        title("Key informants by gender"),
        note("Thirty-nine KI respondents (12 males and 27 females) participated in this evaluation "
             "(MTE 6.3.1, Sampling)."),
        label("Country:", "Thailand"),
        BLANK,
        header("Question", "Answer", "Count"),
        data("Key informants by gender", "Male", 12),
        data("Key informants by gender", "Female", 27),
        total("Total", None, 39),
    ]
    book.sheet("Gender", rows, [30, 12, 10])

    q = "Key informants by stakeholder type"
    rows = [
        title("Key informants by stakeholder type"),
        note("MTE 6.3.1, Sampling: 27 general government stakeholders, 5 government decision-makers, 5 ATLAS "
             "project staff, 2 CSO staff. The Methodology paragraph and the Conclusions say 22 general "
             "government staff instead (22 + 5 + 2 + 5 = 34); the government rows of the profile table add up "
             "to 32 = 27 + 5, so 27 is kept."),
        label("Country:", "Thailand"),
        BLANK,
        header("Question", "Answer", "Count", "Note"),
        data(q, "General government stakeholders", 27, "22 in the Methodology paragraph and the Conclusions"),
        data(q, "Government decision-makers", 5, None),
        data(q, "ATLAS project staff (HQ and Thailand office)", 5, None),
        data(q, "CSO staff", 2, None),
        total("Total", None, 39, None),
    ]
    book.sheet("Stakeholder type", rows, [36, 44, 10, 60])

    q = "Workshop attendance of key informants"
    rows = [
        title("Workshop Attendance of Key Informants"),
        note("MTE 6.3.1: among 33 KIIs (31 government stakeholders and 2 representatives from CSOs). Workshop "
             "dates as the table prints them (they differ from the dates in the prose; 'March 21, 202' sic)."),
        label("Country:", "Thailand"),
        BLANK,
        header("Question", "Answer", "Count", "Note"),
    ]
    rows += [data(q, workshop, n, "Workshop dates: " + dates) for workshop, dates, n in TH_WORKSHOPS]
    rows.append(total("Total", None, 33, None))
    book.sheet("Workshop attendance", rows, [36, 90, 10, 90])

    rows = [
        title("KII findings given as counts in the report's prose"),
        note("MTE 6.5 (Thailand). Only the counts the report states; the complementary counts are not given "
             "and are not filled in. Respondents are the 39 key informants unless the stakeholder type says "
             "otherwise."),
        label("Country:", "Thailand"),
        BLANK,
        header("Question", "Answer", "Count", "Type of stakeholder", "Criterion", "Note"),
    ]
    rows += [data(*r) for r in TH_FINDINGS]
    book.sheet("Findings (counts)", rows, [70, 8, 8, 28, 14, 100])
    book.close()


TH_ETP_PILOT_AGENCIES = {  # the seven agencies MTE 6.4.1 names; the split is illustrative
    "Ministry of Labour (MOL)": 14, "Immigration Bureau (IB)": 8, "Anti-Human Trafficking Division (AHTD)": 5,
    "TATIP, Royal Thai Police": 4, "Department of Special Investigation (DSI)": 4,
    "Department of Provincial Administration (DOPA)": 4, "Anti-Money Laundering Office (AMLO)": 3,
}
TH_MDT_PILOT_ORGS = {  # the 14 organizations MTE 6.4.1 names; the split is illustrative
    "Ministry of Labour (MOL)": 8, "Immigration Bureau (IB)": 5, "Anti-Human Trafficking Division (AHTD)": 4,
    "Department of Provincial Administration (DOPA)": 4, "Division of Anti-Trafficking in Persons (DATIP)": 6,
    "Department of Children and Youth (DCY)": 4, "International Justice Mission": 2, "COERR": 2,
    "Stella Maris": 2, "Asylum Access": 2, "International Organization for Migration": 2,
    "Childline Thailand": 2, "Nightlife International": 1, "Lift International": 2,
}


def thailand_tests(out: Path, rng: random.Random, people: People) -> None:
    # ETP pilot, 42 participants: wide form, pre / post / follow-up in percent.
    agencies = spread(TH_ETP_PILOT_AGENCIES)
    sexes = genders(rng, 42, 23)
    rows = [
        title(ILLUSTRATIVE + " (42 participants, MTE 6.4.1; scores invented: the report gives none)"),
        note("ETP pilot, 15–16 Dec 2020: pre-test, post-test and follow-up at least three months after the "
             "training (MTE 6.4.1, step 6). Names invented."),
        BLANK,
        label("Country:", "Thailand"),
        label("DMOP:", "Enforcement Training Program"),
        label("Activity:", TH_ACT_ETP_PILOT),
        BLANK,
        header("No.", "Name", "Agency", "Gender", "Pre-test", "Post-test", "Follow-up"),
    ]
    for i in range(42):
        pre = clamp(rng.gauss(56, 12), 20, 95)
        post = clamp(pre + rng.gauss(17, 8), pre - 5, 100)
        follow = clamp(post - abs(rng.gauss(4, 5)), 20, 100)
        rows.append(data(i + 1, people.thai(sexes[i]), agencies[i], sexes[i], f"{pre}%", f"{post}%", f"{follow}%"))
    book = Book(out / "thailand" / "Thailand ETP pilot tests Dec 2020 (ILLUSTRATIVE).xlsx",
                "ETP pilot tests (illustrative)")
    book.sheet("Tests", rows, [5, 26, 44, 8, 10, 10, 10])
    book.close()

    # MDT pilot, 46 participants: long form with ten items scored 1/0.
    orgs = spread(TH_MDT_PILOT_ORGS)
    sexes = genders(rng, 46, 31)
    items = [f"Q{k}" for k in range(1, 11)]
    rows = [
        title(ILLUSTRATIVE + " (46 participants, MTE 6.4.1; answers invented: the report gives none)"),
        note("MDT training pilot, 15–16 Jun 2021: pre- and post-test, ten questions scored 1 (correct) or 0. "
             "Names invented."),
        BLANK,
        label("Country:", "Thailand"),
        label("DMOP:", "Multidisciplinary Teams Training"),
        label("Activity:", TH_ACT_MDT_PILOT),
        BLANK,
        header("Name", "Agency", "Gender", "Test", "Date", "Score", "Max score", *items),
    ]
    difficulty = [rng.uniform(0.25, 0.8) for _ in items]
    for i in range(46):
        name = people.thai(sexes[i])
        ability = rng.gauss(0, 0.12)
        for test_type, test_date, gain in (("Pre-test", date(2021, 6, 15), 0.0), ("Post-test", date(2021, 6, 16), 0.2)):
            answers = [1 if rng.random() < min(0.97, max(0.03, d + ability + gain)) else 0 for d in difficulty]
            rows.append(data(name, orgs[i], sexes[i], test_type, test_date, sum(answers), 10, *answers))
    book = Book(out / "thailand" / "Thailand MDT pilot tests Jun 2021 (ILLUSTRATIVE).xlsx",
                "MDT pilot tests (illustrative)")
    book.sheet("Tests", rows, [26, 44, 8, 10, 12, 7, 9] + [5] * 10)
    book.close()
