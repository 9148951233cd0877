# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test lint format install dev clean help

help:
	@echo "make run    set up .venv, create the demo organisation and start API + UI"
	@echo "make test   set up .venv with the dev extras, run the linters and all tests"
	@echo "make clean  remove .venv and caches (keeps ./data)"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "companion needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	@touch $@

$(DEV_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@ $(RUN_STAMP)

install: $(RUN_STAMP)

dev: $(DEV_STAMP)

run: $(RUN_STAMP)
	$(VENV)/bin/companion run

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check companion tests app.py

format: $(DEV_STAMP)
	$(VENV)/bin/ruff check --fix companion tests app.py

test: lint
	$(VENV)/bin/pytest -q

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info test-artifacts
