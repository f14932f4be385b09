"""The dashboard's pages, in the sidebar's order: file, title (English, through the catalog), icon and URL path
(the name Streamlit gives the page file: ``pages/2_dmop_status.py`` → ``dmop_status``). ``app.py`` routes them;
the server's warm-up (``serve``) and the page benchmark open them."""

PAGES = (
    ("pages/1_overview.py", "Overview", ":material/home:", "overview"),
    ("pages/2_dmop_status.py", "DMOP status", ":material/flag:", "dmop_status"),
    ("pages/3_training_reach.py", "Training reach", ":material/groups:", "training_reach"),
    ("pages/4_dropout.py", "Dropout and completion", ":material/trending_down:", "dropout"),
    ("pages/5_learning.py", "Learning", ":material/school:", "learning"),
    ("pages/6_evaluation_findings.py", "Evaluation findings", ":material/forum:", "evaluation_findings"),
    ("pages/7_indicators.py", "Indicators vs targets", ":material/insights:", "indicators"),
    ("pages/9_data_quality.py", "Data quality", ":material/fact_check:", "data_quality"),
    ("pages/8_data.py", "Data", ":material/database:", "data"),
)
#: Under each country's card on the Overview: these pages, each with its sidebar entry's title and icon
#: (`blocks.page_link`).
OVERVIEW_LINKS = ("pages/2_dmop_status.py", "pages/3_training_reach.py", "pages/4_dropout.py",
                  "pages/6_evaluation_findings.py")
#: The first page is the app's root (``/``); the others answer at ``/<url path>``.
SLUGS = tuple(slug for *_, slug in PAGES)

# Workshop mode (`?mode=workshop`, or the sidebar toggle): the slides page alone, no navigation, no sidebar.
WORKSHOP_PAGE = ("pages/workshop.py", "Workshop mode", ":material/co_present:", "workshop")
