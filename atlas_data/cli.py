"""Command line: `python -m atlas_data ingest [RAW_DIR] [--out DIR]`, `init`, `bench`, `serve`, `replicas`, `load`.

Exit codes: 0 every file read; 1 a file could not be opened or matched no table (the others are still
ingested), or the store could not be written; 2 wrong usage. Messages, never tracebacks, in the reader's language
(`i18n.cli_lang`: ATLAS_LANG, else LANG; `locales/<lang>/cli.json`); `--help` stays English.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from atlas_data.i18n import cli_lang, fmt_count, t

DEFAULT_RAW = "data/raw"
DEFAULT_OUT = "data/parquet"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m atlas_data",
                                     description="ATLAS M&E data: ingest Excel/CSV exports into Parquet.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    ing = sub.add_parser("ingest", help="read every file under RAW_DIR and update the Parquet store",
                         description="Read every Excel/CSV file under RAW_DIR into the Parquet store.")
    ing.add_argument("raw_dir", nargs="?", default=DEFAULT_RAW, help=f"folder of raw exports (default {DEFAULT_RAW})")
    ing.add_argument("--out", default=DEFAULT_OUT, help=f"Parquet store folder (default {DEFAULT_OUT})")
    ing.add_argument("--wait", type=float, default=600.0,
                     help="seconds to wait for another running ingest (default 600)")
    ing.add_argument("--quiet", action="store_true", help="print only problems and the summary")
    ing.add_argument("--dry-run", action="store_true",
                     help="show what would be stored (tables, rows kept and rejected, first rows) and write nothing")
    serve = sub.add_parser("serve", help="start the dashboard (streamlit run app.py), warmed up",
                           description="streamlit run app.py, the app's modules imported and the store's connection "
                                       "opened while the server starts; options are passed to Streamlit.")
    serve.add_argument("options", nargs=argparse.REMAINDER, help="Streamlit options, e.g. --server.port=8501")
    sub.add_parser("init", help="create the pseudonymization secret if missing (done by make)",
                   description="Create the pseudonymization secret (mode 0600, outside git) if missing.")
    aud = sub.add_parser("audit", help="print the audit trail (who changed what, and when)",
                         description="Print the audit trail (atlas_data/audit.py), oldest first.")
    aud.add_argument("--last", type=int, default=None, help="only the last N entries")
    aud.add_argument("--json", action="store_true", help="the JSON lines as stored")
    ver = sub.add_parser("versions", help="list the store versions kept (setting keep_versions)",
                         description="List the store versions kept, oldest first; * marks the current one.")
    ver.add_argument("--out", default=DEFAULT_OUT, help=f"Parquet store folder (default {DEFAULT_OUT})")
    rb = sub.add_parser("rollback", help="make a kept version current again, as a new version",
                        description="Copy a kept version into a new current version (nothing is deleted) and "
                                    "record it in the audit trail. The raw files are not touched: the next ingest "
                                    "reads again any file that differs from that version.")
    rb.add_argument("version", help="a version from `versions` (v000012 or 12)")
    rb.add_argument("--out", default=DEFAULT_OUT, help=f"Parquet store folder (default {DEFAULT_OUT})")
    rb.add_argument("--reason", default=None, help="why, for the audit trail")
    users = sub.add_parser("users", help="add, remove or list the accounts that may change data",
                           description="Named accounts (atlas_data/accounts.py): country data managers change their "
                                       "countries' data; admins change everything, settings and accounts. "
                                       "Viewers need no account.")
    users_sub = users.add_subparsers(dest="users_command", metavar="ACTION")
    users_sub.required = True
    u_add = users_sub.add_parser("add", help="add an account, or replace one of the same name",
                                 description="Add an account, or replace one of the same name. The password is "
                                             "asked twice (or read from standard input with --password-stdin); "
                                             "with --provider the account signs in only through the identity "
                                             "provider, and NAME is the e-mail it gives.")
    u_add.add_argument("name", help="account name (one word), or the e-mail for --provider")
    u_add.add_argument("--role", required=True, choices=("country_manager", "admin"), help="what the account may do")
    u_add.add_argument("--country", action="append", default=[],
                       help="a country a country_manager may change (repeat for several)")
    how = u_add.add_mutually_exclusive_group()
    how.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    how.add_argument("--provider", action="store_true", help="no password: sign in through the identity provider")
    u_rm = users_sub.add_parser("remove", help="remove an account (its open sessions end)",
                                description="Remove an account; its open sessions end at once.")
    u_rm.add_argument("name", help="account name")
    users_sub.add_parser("list", help="list the accounts (never their password hashes)",
                         description="List the accounts: name, role, countries and how each signs in.")
    bench = sub.add_parser("bench", help="benchmark ingest and page queries on synthetic data",
                           description="Generate a seeded synthetic dataset and measure ingest and queries.")
    bench.add_argument("--rows", type=int, default=1_000_000, help="attendance CSV rows (default 1,000,000)")
    bench.add_argument("--xlsx-rows", type=int, default=50_000, help="XLSX roster rows (default 50,000)")
    bench.add_argument("--dir", default=None, help="work folder (default: a temporary folder)")
    bench.add_argument("--only", choices=("ingest", "packs", "pages"), default=None,
                       help="run only the ingest and query measures, or only the workshop downloads (slide PNG, "
                            "PDF and PowerPoint packs on the built-in data), or only the pages in Chromium "
                            "(first page after a server start, then each page; --rows attendance rows)")
    srv = sub.add_parser("replicas", help="the dashboard as replicas behind nginx",
                         description="Start Streamlit replicas on loopback behind Debian's nginx (sticky sessions, "
                                     "websocket upgrade) over one store; Ctrl-C stops all. Runtime files in "
                                     ".atlas/serve/ (ATLAS_SERVE_DIR).")
    srv.add_argument("--count", type=int, default=2, help="how many Streamlit processes (default 2)")
    srv.add_argument("--port", type=int, default=8500, help="nginx's port on 127.0.0.1 (default 8500)")
    srv.add_argument("--first-port", type=int, default=8601, help="the first replica's port (default 8601)")
    srv.add_argument("--stop", action="store_true", help="stop a set started in another terminal (make stop-replicas)")
    load = sub.add_parser("load", help="load test: simulated viewers on loopback",
                          description="Simulated viewers open pages and change filters over Streamlit's websocket; "
                                      "prints p50/p95 click-to-idle and errors per viewer count. Without --url it "
                                      "starts replica sets of each --replicas size over ATLAS_PARQUET_DIR. At most "
                                      "50 viewers and 120 s, loopback addresses only.")
    load.add_argument("--viewers", type=int, nargs="+", default=[1, 10, 30], help="viewer counts (default 1 10 30)")
    load.add_argument("--replicas", type=int, nargs="+", default=[1, 2], help="replica set sizes (default 1 2)")
    load.add_argument("--seconds", type=float, default=60.0, help="duration of each run (default 60, at most 120)")
    load.add_argument("--think", type=float, nargs=2, default=[1.0, 3.0], metavar=("MIN", "MAX"),
                      help="seconds a viewer looks at a page before the next click (default 1 3)")
    load.add_argument("--url", default=None, help="a running dashboard on loopback instead (http://127.0.0.1:8500)")
    load.add_argument("--json", action="store_true", help="one JSON line per run instead of the table")
    return parser


def _progress_factory(stream, lang: str = "en"):
    """A tqdm bar for large files only (the reader calls back only for those)."""
    state = {}

    def progress(done: int, total: int) -> None:
        from tqdm import tqdm
        bar = state.get("bar")
        if bar is None:
            if total < 8 * 1024 * 1024:
                return
            bar = state["bar"] = tqdm(total=total, unit="B", unit_scale=True, file=stream, leave=True,
                                          desc=t("reading", lang))
        bar.update(done - bar.n)
        if done >= total:
            bar.close()
            state.clear()
    return progress


#: A sheet's mark and the word after its counts: every row kept, some refused, all refused (`sheet_outcome`).
MARKS = {"ok": "✓", "partly_refused": "!", "refused": "✗"}
OUTCOME_WORDS = {"partly_refused": "(partly refused)", "refused": "(refused)"}
REASONS_SHOWN = 5       # of a sheet's reasons (one line each, its rows grouped), the first
ROWS_SHOWN = 5          # of a reason's rows, the first numbers


def sheet_outcome(s) -> str:
    """`ok` (no row refused), `partly_refused` (some kept, some refused) or `refused` (nothing kept: every row
    refused, or the sheet as a whole)."""
    if s.rows_kept and (s.rows_rejected or s.status != "ok"):
        return "partly_refused"
    if s.rows_rejected or s.status != "ok":
        return "refused"
    return "ok"


def reason_lines(s, lang: str = "en") -> list[str]:
    """A sheet's reasons, one group per reason code in order of first appearance: a reason of one row is its
    message; one of many rows is its title, how many rows and the first row numbers, then its first message as
    an example. Every row with its reason is in the rejected table (the store's `rejected/`, the Data page)."""
    from atlas_data.reading.messages import CATALOG

    texts = s.reasons_in(lang)
    if len(s.reason_messages) != len(texts):   # reported again from a manifest: the first reasons as they are
        groups = [("", [text], [], "") for text in texts]
    else:
        by_reason: dict[tuple, tuple[str, list, list]] = {}
        for text, (code, fields) in zip(texts, s.reason_messages):
            reason, column, row = _stored_reason(code, fields)
            _, messages, rows = by_reason.setdefault((reason, column), (reason, [], []))
            messages.append(text)
            if row is not None:
                rows.append(row)
        groups = [(reason, messages, rows, column) for (reason, column), (_, messages, rows) in by_reason.items()]
    lines = []
    for code, messages, rows, column in groups[:REASONS_SHOWN]:
        if len(messages) == 1:
            lines.append(f"    · {messages[0]}")
            continue
        message = CATALOG.get(code)
        title = (t(message.title, lang) if message else code) + (f" ({column})" if column else "")
        shown = sorted(set(rows))
        numbers = ", ".join(str(row) for row in shown[:ROWS_SHOWN]) + (", …" if len(shown) > ROWS_SHOWN else "")
        n = fmt_count(len(messages), lang)
        lines.append("    · " + (t("{title}: {n} rows (rows {rows})", lang, title=title, n=n, rows=numbers) if shown
                                 else t("{title}: {n} rows", lang, title=title, n=n)))
        lines.append("      " + t("e.g. {message}", lang, message=messages[0]))
    left = sum(len(group[1]) for group in groups[REASONS_SHOWN:])
    if left:
        lines.append("    · " + t("… and {n} more (see the rejected table / Data page)", lang,
                                  n=fmt_count(left, lang)))
    return lines


def _stored_reason(code: str, fields) -> tuple[str, str, int | None]:
    """(the reason's code, its column, its row) from a reason's stored fields (JSON): a value that could not be
    read is grouped by why (`date_does_not exist` rather than `bad_value`)."""
    import json

    from atlas_data.reading.messages import CATALOG

    try:
        values = json.loads(fields) if isinstance(fields, str) else {}
    except ValueError:
        values = {}
    values = values if isinstance(values, dict) else {}
    detail = values.get("detail")
    if isinstance(detail, dict) and detail.get("code") in CATALOG:
        code = detail["code"]
    row = values.get("row")
    return code, str(values.get("column") or ""), row if isinstance(row, int) else None


def print_file(fr, quiet: bool = False, out=None, lang: str = "en") -> None:
    """A file's lines: one per sheet (table, rows kept and rejected, and whether rows were refused) and its
    reasons grouped (`reason_lines`), in `lang`."""
    out = out or sys.stdout
    if fr.status in ("unreadable", "no_table", "skipped", "kept_previous") and not fr.sheets:
        print(("- " if fr.status == "skipped" else "✗ ") + fr.message_in(lang), file=out)
        return
    if fr.status == "no_table":
        print(f"✗ {fr.message_in(lang)}", file=out)
    for s in fr.sheets:
        where = f"{fr.path}" + (f' [{s.sheet}]' if s.sheet else "")
        if s.table is None:
            if not quiet:
                print("- " + t("{where}: no table recognized, skipped", lang, where=where), file=out)
            continue
        outcome = sheet_outcome(s)
        mark = "=" if fr.status == "unchanged" else MARKS[outcome]
        line = f"{mark} " + t("{where}: {table}, {kept} rows kept, {rejected} rejected", lang, where=where,
                              table=s.table, kept=fmt_count(s.rows_kept, lang),
                              rejected=fmt_count(s.rows_rejected, lang))
        if s.warnings:
            line += t(", {warnings} warnings", lang, warnings=fmt_count(s.warnings, lang))
        if outcome in OUTCOME_WORDS:
            line += " " + t(OUTCOME_WORDS[outcome], lang)
        if fr.status == "unchanged":
            line += " " + t("(unchanged)", lang)
        if not quiet or s.rows_rejected or s.warnings or s.status != "ok":
            print(line, file=out)
        if fr.status != "unchanged":
            for reason in reason_lines(s, lang):
                print(reason, file=out)


def rejected_folder(report) -> str:
    """Where the new store version keeps every rejected row with its reason: its `rejected/` folder (Parquet,
    one file per raw file; the Data page shows and downloads them)."""
    from atlas_data.store import remote

    name = report.version.split("-")[0]
    if remote.is_remote(report.parquet_dir):   # the store's layout there: prefix/versions/<name>/
        where = remote.parse(report.parquet_dir)
        return f"s3://{where.bucket}/{where.key('versions', name, 'rejected')}/"
    return str(Path(report.parquet_dir) / name / "rejected") + "/"


def print_preview(fr, out=None, lang: str = "en") -> None:
    """A dry run's extra lines per sheet: how the headers were read, and the first rows as they would be stored
    (the rows as they are: the contract's column names and the values)."""
    out = out or sys.stdout
    for s in fr.sheets:
        if s.columns:
            read_as = ", ".join(f"{header} → {column}" for header, column in list(s.columns.items())[:12])
            print("    " + t("columns: {columns}", lang, columns=read_as)
                  + (" " + t("(mapping {mapping})", lang, mapping=s.mapping) if s.mapping else ""), file=out)
        if s.preview is not None and len(s.preview):
            text = s.preview.to_string(index=False, max_colwidth=22, na_rep="")
            for line in text.splitlines():
                print(f"    | {line}", file=out)


def cmd_dry_run(args, lang: str) -> int:
    from atlas_data.store.ingest import dry_run

    report = dry_run(Path(args.raw_dir), _store(args.out))
    for fr in report.files:
        print_file(fr, args.quiet, lang=lang)
        if fr.status != "unchanged":
            print_preview(fr, lang=lang)
    kept = sum(s.rows_kept for f in report.files if f.status != "unchanged" for s in f.sheets)
    rejected = sum(s.rows_rejected for f in report.files if f.status != "unchanged" for s in f.sheets)
    print(t("dry run: {files}; {kept} rows would be stored, {rejected} rejected; nothing was written", lang,
            files=files_summary(report.files, lang), kept=fmt_count(kept, lang), rejected=fmt_count(rejected, lang)))
    return report.exit_code


def _store(out: str):
    """The store's location: a folder, or an ``s3://bucket/prefix`` URI (atlas_data.store.remote)."""
    return out if out.startswith("s3://") else Path(out)


def cmd_ingest(args) -> int:
    from atlas_data.reading.messages import render
    from atlas_data.store.ingest import IngestError, ingest
    from atlas_data.reading.privacy import ensure_secret

    lang = cli_lang()
    raw = Path(args.raw_dir)
    if not raw.is_dir():
        print(t("error: {reason}", lang, reason=render("not_a_folder", lang, folder=str(raw))), file=sys.stderr)
        return 2
    ensure_secret()
    if args.dry_run:
        return cmd_dry_run(args, lang)
    try:
        report = ingest(raw, _store(args.out), progress=_progress_factory(sys.stderr, lang),
                        echo=lambda note: print(_said(note, lang), file=sys.stderr), wait_seconds=args.wait,
                        on_file=lambda fr: print_file(fr, args.quiet, lang=lang))
    except IngestError as exc:
        print(t("error: {reason}", lang, reason=_said(exc, lang)), file=sys.stderr)
        return 1
    kept = sum(s.rows_kept for f in report.files for s in f.sheets)
    rejected = sum(s.rows_rejected for f in report.files for s in f.sheets)
    state = t("store version {version}" if report.changed else "store version {version} (nothing changed)", lang,
              version=report.version)
    if rejected and report.version:
        print(t("every rejected row, with its reason: {folder} (and on the Data page)", lang,
                folder=rejected_folder(report)))
    print(t("{files}; {kept} rows kept, {rejected} rejected; {state}", lang, files=files_summary(report.files, lang),
            kept=fmt_count(kept, lang), rejected=fmt_count(rejected, lang), state=state))
    return report.exit_code


def files_summary(files, lang: str = "en") -> str:
    """`12 files: 9 read, 1 matched no table, 1 could not be read, 1 kept its previous rows` (in `lang`): each file
    counted once, by its outcome (a file that matched no table was read; it is not an unreadable one)."""
    counts = {"read": 0, "no_table": 0, "unreadable": 0, "kept_previous": 0, "skipped": 0}
    for f in files:
        if f.status in ("ok", "unchanged"):
            counts["read"] += 1
        elif f.status in ("unreadable", "error"):
            counts["unreadable"] += 1
        elif f.status in counts:
            counts[f.status] += 1
        else:  # a status added later: never dropped from the count
            counts["unreadable"] += 1
    said = {"read": "{n} read", "no_table": "{n} matched no table", "unreadable": "{n} could not be read",
            "kept_previous": ("{n} kept its previous rows" if counts["kept_previous"] == 1
                              else "{n} kept their previous rows"),
            "skipped": "{n} not a spreadsheet (skipped)"}
    parts = ", ".join(t(said[outcome], lang, n=fmt_count(k, lang)) for outcome, k in counts.items()
                      if k or outcome == "read")
    n = len(files)
    return t("{n} file: {outcomes}" if n == 1 else "{n} files: {outcomes}", lang, n=fmt_count(n, lang), outcomes=parts)


def cmd_versions(args) -> int:
    """The kept versions, oldest first, `*` before the current one (names and times as stored: identifiers)."""
    from atlas_data.store.versions import StoreError, list_versions
    lang = cli_lang()
    try:
        kept = list_versions(_store(args.out))
    except StoreError as exc:
        print(t("error: {reason}", lang, reason=_said(exc, lang)), file=sys.stderr)
        return 1
    for v in kept:
        note = "  " + t("(copy of {version})", lang, version=v["rolled_back_from"]) if v["rolled_back_from"] else ""
        files = t("{n} files", lang, n=fmt_count(v["files"], lang))
        print(f"{'*' if v['current'] else ' '} {v['version']}  {v['created']}  {files}{note}")
    return 0


def cmd_rollback(args) -> int:
    import getpass

    from atlas_data import audit
    from atlas_data.store.versions import StoreError, rollback
    lang = cli_lang()
    try:
        new = rollback(_store(args.out), args.version)
    except (ValueError, StoreError) as exc:
        print(t("rollback refused: {reason}", lang, reason=_said(exc, lang)), file=sys.stderr)
        return 1
    audit.record("rollback", f"cli:{getpass.getuser()}", files=[], changes={"version": [args.version, new]},
                 reason=args.reason)
    print(t("{new} is current: a copy of {version}", lang, new=new, version=args.version))
    return 0


def cmd_audit(args) -> int:
    """The audit trail, oldest first; actions, names and values as recorded, the rest in the reader's language."""
    import json

    from atlas_data import audit
    lang = cli_lang()
    entries = audit.read(limit=args.last)
    if args.json:
        for entry in entries:
            print(json.dumps(entry, ensure_ascii=False))
        return 0
    if not entries:
        print(t("no change recorded yet ({path})", lang, path=audit.audit_path()))
    for row in audit.rows(entries, lang):
        print("  ".join(v for v in (row["at"], row["who"], row["action"], row["files"], row["tables"],
                                    row["changes"], row["reason"] and t("reason: {reason}", lang, reason=row["reason"]))
                        if v))
    return 0


def cmd_users(args) -> int:
    """`users list|add|remove`: names, roles and countries as stored (they are typed as such), the rest in the
    reader's language."""
    import getpass

    from atlas_data import accounts, audit
    lang = cli_lang()

    def described(account, sep):
        return sep.join((account.role, ", ".join(account.countries) or t("every country", lang),
                         t(SIGNS_IN[account.sign_in_method()], lang)))
    who = f"cli:{getpass.getuser()}"
    if args.users_command == "list":
        found = sorted(accounts.load().values(), key=lambda a: a.name.casefold())
        if not found:
            print(t("no accounts yet ({path})", lang, path=accounts.accounts_path()))
        for account in found:
            print(f"{account.name}  {described(account, '  ')}")
        return 0
    if args.users_command == "remove":
        if not accounts.remove(args.name):
            print(t("no account named {name}", lang, name=repr(args.name)), file=sys.stderr)
            return 1
        audit.record("account_removed", who, changes={"account": [args.name, None]})
        print(t("removed {name}", lang, name=args.name))
        return 0
    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif not args.provider:
        password = getpass.getpass(t("password for {name}: ", lang, name=args.name))
        if password != getpass.getpass(t("again: ", lang)):
            print(t("the two passwords differ; nothing changed", lang), file=sys.stderr)
            return 1
    if password is not None and len(password) < 10:
        print(t("a password needs at least 10 characters; nothing changed", lang), file=sys.stderr)
        return 1
    try:
        account = accounts.add(args.name, args.role, args.country, password)
    except accounts.AccountError as exc:
        print(t("{reason}; nothing changed", lang, reason=_said(exc, lang)), file=sys.stderr)
        return 2
    audit.record("account_added", who, changes={"account": [None, account.name], "role": [None, account.role],
                                                "countries": [None, ", ".join(account.countries) or "all"]})
    print(f"{account.name}: {described(account, ', ')}")
    return 0


SIGNS_IN = {"password": "signs in with password", "provider": "signs in with provider"}


def _said(exc: Exception, lang: str) -> str:
    """An error in the reader's language: a file or store message by its code (`reading.messages.render`, as the
    Data page says it), or an English template through the catalog (replica set, load test, accounts, an
    ingest's `Note`)."""
    from atlas_data.reading.messages import CATALOG, render
    if getattr(exc, "code", None) in CATALOG:
        return render(exc.code, lang, **exc.fields)
    template = getattr(exc, "template", None)
    return t(template, lang, **exc.fields) if template else str(exc)


def cmd_replicas(args) -> int:
    from atlas_data import replicas
    if args.stop:
        stopped = replicas.stop_running()
        print(t("{count} processes of the replica set stopped.", cli_lang(), count=stopped) if stopped
              else t("No replica set is running ({folder}).", cli_lang(), folder=replicas.runtime_dir()))
        return 0
    if not 1 <= args.count <= 8:
        print(t("--count must be 1 to 8.", cli_lang()), file=sys.stderr)
        return 2
    try:
        return replicas.serve(args.count, args.port, args.first_port)
    except RuntimeError as exc:
        print(t("The replica set did not start: {reason}", cli_lang(), reason=_said(exc, cli_lang())), file=sys.stderr)
        return 1


def cmd_load(args) -> int:
    import json
    import os

    from atlas_data.dashboard import loadtest
    lang = cli_lang()
    echo = (lambda row: print(json.dumps(row))) if args.json else (lambda row: None)
    try:
        if not 0 <= args.think[0] <= args.think[1] <= 60:
            raise loadtest.RefusedTarget("--think: 0 ≤ MIN ≤ MAX ≤ 60")   # no word to translate
        rows = loadtest.measure(args.viewers, args.replicas, args.seconds, url=args.url, think=tuple(args.think),
                                echo=echo)
    except loadtest.RefusedTarget as exc:
        print(t("load test refused: {reason}", lang, reason=_said(exc, lang)), file=sys.stderr)
        return 2
    except RuntimeError as exc:
        print(t("The replica set did not start: {reason}", lang, reason=_said(exc, lang)), file=sys.stderr)
        return 1
    if not args.json:
        print(" | ".join(t(h, lang) for h in ("replicas", "viewers", "clicks", "p50 s", "p95 s", "errors",
                                               "load average")))
        for row in rows:
            print(" | ".join(str(v) for v in (row["replicas"], row["viewers"], row["clicks"], row["p50_s"],
                                               row["p95_s"], row["errors"],
                                               f"{row['load_before']} → {row['load_after']}")))
        print(t("{cores} cores; click-to-idle: from the rerun sent to the run finished on the server.", lang,
                cores=os.cpu_count()))
    return 1 if any(row["errors"] for row in rows) else 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["serve"] and not {"-h", "--help"} & set(argv[1:2]):   # Streamlit's own options, as they are
        from atlas_data.dashboard.serve import main as serve
        return serve(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command in ("ingest", "bench"):
        from atlas_data.memory import tune_for_batch
        tune_for_batch()
    try:
        if args.command == "ingest":
            return cmd_ingest(args)
        if args.command == "init":
            from atlas_data.reading.privacy import ensure_secret
            print(t("pseudonymization secret: {path}", cli_lang(), path=ensure_secret()))
            return 0
        if args.command == "audit":
            return cmd_audit(args)
        if args.command == "versions":
            return cmd_versions(args)
        if args.command == "rollback":
            return cmd_rollback(args)
        if args.command == "users":
            return cmd_users(args)
        if args.command == "replicas":
            return cmd_replicas(args)
        if args.command == "load":
            return cmd_load(args)
        if args.command == "bench":
            from atlas_data.bench import run_bench
            return run_bench(args)
    except KeyboardInterrupt:
        print(t("interrupted; the previous data is unchanged", cli_lang()), file=sys.stderr)
        return 1
    return 2
