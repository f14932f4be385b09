"""ATLAS M&E dashboard: the router. Shared sidebar (language, filters); each page lives in pages/.

URL paths are the names Streamlit itself gives the page files (`pages/2_dmop_status.py` → `dmop_status`),
so a deep link means the same page whichever multipage mode Streamlit starts in (see ui.through_router).
"""
import streamlit as st

from atlas_data import ui

st.set_page_config(page_title="ATLAS M&E", page_icon="📊", layout="wide")

PAGES = [
    ("pages/1_overview.py", "Overview", ":material/home:", "overview"),
    ("pages/2_dmop_status.py", "DMOP status", ":material/flag:", "dmop_status"),
    ("pages/3_training_reach.py", "Training reach", ":material/groups:", "training_reach"),
    ("pages/4_dropout.py", "Dropout and completion", ":material/trending_down:", "dropout"),
    ("pages/5_learning.py", "Learning", ":material/school:", "learning"),
    ("pages/6_evaluation_findings.py", "Evaluation findings", ":material/forum:", "evaluation_findings"),
    ("pages/7_indicators.py", "Indicators vs targets", ":material/insights:", "indicators"),
    ("pages/8_data.py", "Data", ":material/database:", "data"),
]

ui.language_picker()
pages = [st.Page(path, title=ui.tr(title), icon=icon, url_path=slug, default=(i == 0))
         for i, (path, title, icon, slug) in enumerate(PAGES)]
navigation = st.navigation(pages)
navigation.run()
