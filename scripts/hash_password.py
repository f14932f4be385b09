"""Make the data manager's password hash for the Data page.

    .venv/bin/python scripts/hash_password.py

asks for the password twice (nothing is echoed) and prints the line to configure, either

    export ATLAS_ADMIN_PASSWORD_HASH='pbkdf2_sha256$600000$…'

or, in `.streamlit/secrets.toml` (git-ignored):

    [atlas]
    admin_password_hash = "pbkdf2_sha256$600000$…"

The password itself is stored nowhere.
"""
from __future__ import annotations

import getpass
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from atlas_data.accounts import hash_password  # noqa: E402

MIN_LENGTH = 10


def main() -> int:
    try:
        password = getpass.getpass("Data manager password: ")
        again = getpass.getpass("Same password again: ")
    except (EOFError, KeyboardInterrupt):
        print("\nNothing was made.", file=sys.stderr)
        return 2
    if password != again:
        print("The two passwords differ; nothing was made. Run it again.", file=sys.stderr)
        return 1
    if len(password) < MIN_LENGTH:
        print(f"Use at least {MIN_LENGTH} characters; nothing was made.", file=sys.stderr)
        return 1
    line = hash_password(password)
    print(line)
    print("\nPut it in .streamlit/secrets.toml:\n\n[atlas]\nadmin_password_hash = \"" + line + "\"\n\n"
          f"or export ATLAS_ADMIN_PASSWORD_HASH='{line}' before starting the dashboard.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
