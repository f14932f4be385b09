# Two commands: `make run` (set up, ingest the built-in data, open the dashboard) and `make test`
# (`make test-fast`: the tests not marked slow, for the inner loop). `make serve-replicas`: two replicas behind nginx.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
RAW ?= data/raw
PARQUET ?= data/parquet
PORT ?= 8501
ADDRESS ?= 127.0.0.1   # as in .streamlit/config.toml, which holds the other server settings
# serve-replicas: nginx on 127.0.0.1:PROXY_PORT, the replicas on 8601, 8602, …
REPLICAS ?= 2
PROXY_PORT ?= 8500

.PHONY: run test test-fast install ingest chromium nginx serve-replicas stop-replicas bench clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

install: $(STAMP)
	$(PY) -m atlas_data init

ingest: install
	$(PY) -m atlas_data ingest $(RAW) --out $(PARQUET)

run: install
	$(PY) -m atlas_data ingest $(RAW) --out $(PARQUET) || echo "Some files could not be read (see above); the dashboard opens on what was ingested."
	$(PY) -m atlas_data serve --server.address=$(ADDRESS) --server.port=$(PORT)

chromium:
	@command -v chromium >/dev/null 2>&1 && dpkg -s fonts-noto-core >/dev/null 2>&1 || \
	  { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-core >/dev/null; }

nginx:
	@{ command -v nginx || test -x /usr/sbin/nginx; } >/dev/null 2>&1 || \
	  { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx >/dev/null; }

# Two Streamlit processes (or REPLICAS) behind nginx on 127.0.0.1:$(PROXY_PORT), over one store; Ctrl-C stops all,
# so does `make stop-replicas` from another terminal. The store is ATLAS_PARQUET_DIR when set (the replicas read
# it), else data/parquet. README "Past one machine".
serve-replicas: install nginx
	$(PY) -m atlas_data ingest $${ATLAS_RAW_DIR:-$(RAW)} --out $${ATLAS_PARQUET_DIR:-$(PARQUET)} || echo "Some files could not be read (see above); the dashboard opens on what was ingested."
	$(PY) -m atlas_data replicas --count $(REPLICAS) --port $(PROXY_PORT)

stop-replicas:
	$(PY) -m atlas_data replicas --stop

test: install chromium nginx
	$(PY) -m pytest -q -n 2 --timeout=900 tests

test-fast: install
	$(PY) -m pytest -q -m "not slow" -n 2 --timeout=900 tests

bench: install
	$(PY) -m atlas_data bench

clean:
	rm -rf $(VENV) $(PARQUET)/* .pytest_cache .hypothesis
