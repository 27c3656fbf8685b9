# Casson Dashboard. `make run` serves the app; `make test` runs every check. See README.md.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
# Loopback only: in production a reverse proxy with HTTPS sits in front (README).
ADDRESS ?= 127.0.0.1
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PYTEST_ARGS ?=

.PHONY: install dev-install browser run test lint bench load
.PHONY: load-upload

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## install: the virtual environment and the app's dependencies only
install: $(VENV)/.runtime

dev-install: $(VENV)/.dev

## browser: Debian's chromium (Playwright drives it; nothing is downloaded at run time)
browser:
	@if [ ! -x /usr/bin/chromium ] || ! command -v pdftotext >/dev/null; then \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium poppler-utils >/dev/null; \
	fi
	@/usr/bin/chromium --version

data/casson.duckdb: | $(VENV)/.runtime
	$(PY) -m casson init-db --demo --db $@

data/auth.yaml: | $(VENV)/.runtime
	$(PY) -m casson demo-accounts --accounts $@

## run: install, create the demo database and accounts if absent, serve on :8501
run: install data/casson.duckdb data/auth.yaml
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.address $(ADDRESS)

## lint: ruff over the tree, mypy over casson/ ui/ views/ app.py (set in pyproject.toml)
lint: dev-install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

## axe: axe-core for the accessibility scan, pinned in package.json (npm registry; never at run time)
node_modules/axe-core/axe.min.js: package.json
	@command -v npm >/dev/null || $(SUDO) apt-get install -y -qq npm >/dev/null
	npm install --no-audit --no-fund --silent
	@test -f $@ && touch $@

## test: ruff and mypy, then the whole suite (unit, SQL, AppTest, browser)
test: dev-install browser lint node_modules/axe-core/axe.min.js
	$(PY) -m pytest -n 2 --dist worksteal $(PYTEST_ARGS)

## load: 10 simultaneous browser sessions against a real server (opt-in; not part of test)
load: dev-install browser
	$(PY) -m bench.load --sessions 10

## load-upload: page switches of 10 sessions idle, then while one session uploads the largest file
load-upload: dev-install browser
	$(PY) -m bench.load --sessions 10 --upload

## bench: profession-scale figures against DESIGN.md's targets -> bench/results.json
bench: dev-install
	$(PY) -m bench
