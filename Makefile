# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
# Every install is pinned by the lock file; `make lock` refreshes it.
CONSTRAINTS := constraints.txt
# pytest-xdist workers: 2 fits the 2-core CI machine; `make test WORKERS=0` runs in one process, WORKERS=auto per core.
# loadscope keeps each test file on one worker, so a module-scoped fixture (a seeded world) is built once.
WORKERS ?= 2

.PHONY: run test lint format install dev lock clean help

help:
	@echo "make run    set up .venv, create the demo organisation and start API + UI"
	@echo "make test   set up .venv with the dev extras, run the linters and all tests (WORKERS=2 in parallel)"
	@echo "make lock   re-resolve the dependencies in a throwaway venv and rewrite constraints.txt"
	@echo "make clean  remove .venv and caches (keeps ./data)"

# uv installs the same pinned set as pip in seconds instead of minutes (it fetches in parallel); pip stays the
# fallback where uv cannot reach an index.
UV_VERSION := 0.9.30
INSTALL = $(VENV)/bin/uv pip install --quiet --python $(PY) -c $(CONSTRAINTS) $(1) || \
	$(PY) -m pip install --quiet -c $(CONSTRAINTS) $(1)

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "companion needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet uv==$(UV_VERSION) || echo "uv did not install: installing with pip"

$(RUN_STAMP): pyproject.toml $(CONSTRAINTS) | $(PY)
	$(call INSTALL,-e .)
	@touch $@

$(DEV_STAMP): pyproject.toml $(CONSTRAINTS) | $(PY)
	$(call INSTALL,-e '.[dev]')
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
	$(VENV)/bin/pytest -q -n $(WORKERS) --dist loadscope

# Resolve pyproject.toml afresh (all extras; `use` only where it installs) in a throwaway venv, write the pins.
lock:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(PYTHON) -m venv "$$tmp/venv" && \
	"$$tmp/venv/bin/python" -m pip install --quiet --upgrade pip && \
	{ "$$tmp/venv/bin/python" -m pip install --quiet -e '.[dev,postgres,use]' || \
	  { echo "the use extra does not install here: locking without it"; \
	    "$$tmp/venv/bin/python" -m pip install --quiet -e '.[dev,postgres]'; }; } && \
	{ echo "# Pinned by \`make lock\` with $$("$$tmp/venv/bin/python" -V); used as pip install -c $(CONSTRAINTS)"; \
	  "$$tmp/venv/bin/python" -m pip freeze --exclude-editable | LC_ALL=C sort -f; } > $(CONSTRAINTS).new && \
	mv $(CONSTRAINTS).new $(CONSTRAINTS) && echo "wrote $(CONSTRAINTS): $$(grep -c '==' $(CONSTRAINTS)) pins"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info test-artifacts
