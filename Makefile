# One command surface, used the same way locally and in CI.
# `make serve` and `make test` work on a fresh machine: they install what they need
# from this repository's own files (pyproject.toml + uv.lock) into .venv.

PYTHON ?= python3.11
UV_VERSION := 0.9.7
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Byte-code is compiled once at install: where PYTHONDONTWRITEBYTECODE is set (as on our CI
# machines) every process would otherwise compile each imported module anew (seconds per
# start of the CLI, the server or a report build).

.PHONY: install serve demo test test-postgres browser lint typecheck bench docs clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet "uv==$(UV_VERSION)"

$(VENV)/.installed: $(UV) pyproject.toml uv.lock
	$(UV) sync --locked --python $(PYTHON) --quiet --compile-bytecode
	$(BIN)/python -m compileall -q -j 0 bildungsmonitor
	touch $@

install: $(VENV)/.installed

serve: install  ## start the product on the embedded default (SQLite, demo data)
	$(BIN)/bildungsmonitor serve

demo: install  ## (re)build the demo database
	$(BIN)/bildungsmonitor demo --rebuild

test: install browser  ## the whole test suite (SQLite; PostgreSQL too when BILDUNGSMONITOR_TEST_DATABASE_URL is set)
	$(BIN)/python -m pytest

browser:  ## Debian chromium and axe-core for the browser tests (idempotent)
	sh scripts/ensure-browser.sh

test-postgres: install browser
	BILDUNGSMONITOR_TEST_DATABASE_URL=$${BILDUNGSMONITOR_TEST_DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test} $(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check bildungsmonitor tests benchmarks
	$(BIN)/ruff format --check bildungsmonitor tests benchmarks
	$(BIN)/mypy bildungsmonitor

bench: install  ## benchmarks (wrk, from Debian, drives the web load test when present)
	command -v wrk >/dev/null 2>&1 || apt-get install -y -q wrk >/dev/null 2>&1 || true
	$(BIN)/python -m benchmarks

docs: install
	$(BIN)/bildungsmonitor docs --write

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache .mypy_cache .ruff_cache
