"""Issue 18: the server's settings, data shown as text, forged upload names, respondent codes, who may upload."""
from __future__ import annotations

import re
import subprocess
import sys
import tomllib

from atlas_data import settings

from conftest import ROOT

CONFIG = ROOT / ".streamlit" / "config.toml"


def _effective_config() -> dict[str, str]:
    """`streamlit config show` run where `make run` and tests/browser.py run it: the values in force."""
    out = subprocess.run([sys.executable, "-m", "streamlit", "config", "show"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    return dict(re.findall(r"^(\w+) = (.+)$", out, flags=re.M))


def test_server_config_binds_locally_hides_errors_and_limits_uploads_to_the_apps_own_limit():
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["maxUploadSize"] == settings.DEFAULTS["upload_limit_mb"]
    assert config["server"]["allowedHosts"] == ["127.0.0.1", "localhost"]
    assert config["client"] == {"showErrorDetails": "none", "toolbarMode": "minimal"}
    assert config["browser"]["gatherUsageStats"] is False
    shown = _effective_config()   # Streamlit 1.67 reads the file and accepts every value
    assert shown["address"] == '"127.0.0.1"' and shown["showErrorDetails"] == '"none"'
    assert shown["toolbarMode"] == '"minimal"' and shown["maxUploadSize"] == "50"
    assert shown["enableXsrfProtection"] == "true" and shown["gatherUsageStats"] == "false"


def test_make_run_and_the_test_server_agree_with_the_config_file():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^ADDRESS \?= 127\.0\.0\.1\b", makefile, flags=re.M)
    run = next(line for line in makefile.splitlines() if "streamlit run" in line)
    browser = (ROOT / "tests" / "browser.py").read_text(encoding="utf-8")
    for flags in (run, browser):   # no flag overrides the file with another value
        assert "enableXsrfProtection=false" not in flags and "showErrorDetails" not in flags
        assert "maxUploadSize" not in flags and "toolbarMode" not in flags and "allowedHosts" not in flags
        assert "gatherUsageStats=true" not in flags
    assert "--server.address=127.0.0.1" in browser
