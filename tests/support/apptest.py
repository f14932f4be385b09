"""AppTest helpers shared by the page tests."""
from __future__ import annotations

from atlas_data.dashboard.ui import NUMBERS


def numbers_keys(at) -> list[str]:
    """The keys of the page's closed "Numbers and sources" blocks (each is drawn only once opened)."""
    return [e.key for e in at.expander if e.key and e.key.startswith(NUMBERS)
            and not (e.key in at.session_state and at.session_state[e.key])]


def opened(make_app, open_run):
    """The page as a reader sees it with every "Numbers and sources" block opened: ``make_app()`` gives a new AppTest
    (query parameters set), ``open_run(at)`` runs it to the page. The blocks are opened before a second, fresh run
    (AppTest cannot rerun a page whose select boxes show translated labels)."""
    at = make_app()
    open_run(at)
    keys = numbers_keys(at)
    if not keys:
        return at
    at = make_app()
    for key in keys:
        at.session_state[key] = True
    open_run(at)
    return at
