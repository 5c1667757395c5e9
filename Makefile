# Open Safety Lessons. `make run` serves the site; `make test` runs every test. Both set up first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
LOCK := requirements.lock
FLASK := $(BIN)/flask --app app
PO_FILES := $(wildcard translations/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)
PYTEST_ARGS ?=
# Both cores: tests/conftest.py groups the tests so each module's fixtures, and the freeze, are made once.
PARALLEL ?= -n 2 --dist loadgroup

.DEFAULT_GOAL := help
.PHONY: help setup system-deps run serve test test-fast lock lint format check catalogs extract offline freeze bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

# Installs exactly the versions in requirements.lock (`make lock` refreshes it).
$(STAMP): pyproject.toml $(LOCK)
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c $(LOCK) -e '.[test]'
	touch $(STAMP)

lock: ## Refresh requirements.lock (every dependency pinned) from pyproject.toml with pip-tools
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q pip-tools
	$(BIN)/pip-compile -q --extra test --strip-extras --no-emit-index-url --no-emit-find-links \
		-o $(LOCK) pyproject.toml

system-deps: ## Install the Debian packages the tests use (when run as root)
	@bash scripts/system-deps.sh

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(STAMP)
	$(BIN)/pybabel compile -i $< -o $@

catalogs: $(STAMP) $(MO_FILES) ## Compile the translation catalogs (.mo files are never committed)

setup: system-deps $(STAMP) catalogs ## Create .venv, install the project, compile catalogs

check: setup ## Validate content/ (file and line for every problem)
	$(FLASK) content check

run: setup check ## Serve the site at http://127.0.0.1:5000 with live reload of code, templates and content
	$(FLASK) run --debug --port 5000 --extra-files "$$(find content translations -type f | tr '\n' ':')"

SERVE_ADDRESS ?= 127.0.0.1:8080
serve: setup check ## Production on loopback: nginx serves the frozen site, gunicorn / and search, at http://127.0.0.1:8080/
	SERVE_ADDRESS=$(SERVE_ADDRESS) OSL_PYTHON=$(BIN)/python bash scripts/serve.sh

lint: $(STAMP) ## ruff lint and format check
	$(BIN)/ruff check app tests bench wsgi.py
	$(BIN)/ruff format --check app tests bench wsgi.py

format: $(STAMP) ## Format the code with ruff
	$(BIN)/ruff format app tests bench wsgi.py
	$(BIN)/ruff check --fix app tests bench wsgi.py

extract: $(STAMP) ## Extract UI strings and update every catalog
	$(FLASK) translate update

# tests/content checks the shipped content (as `make check` does), so a content problem is one
# failing test among the others rather than a stop before any test runs.
test: setup lint ## Run every test: unit, app, content, export, deploy, browser (when Chromium is installed)
	OSL_FUZZ_EXAMPLES=3000 $(BIN)/pytest $(PARALLEL) $(PYTEST_ARGS)

test-fast: setup ## Unit and app tests only (no shipped content, export, servers or browser): under a minute
	$(BIN)/pytest tests/unit tests/app -q $(PARALLEL) $(PYTEST_ARGS)

offline: setup check ## The offline copy: ZIPs of the site that open from a folder or USB stick, in build/offline
	$(FLASK) offline build/offline

# One process: the PDFs are made once for both, and the frozen site serves the new ZIPs.
freeze: setup check ## Write the offline copy to build/offline, then the whole site as static files to build/site
	$(FLASK) offline build/offline --site build/site

bench: setup ## Run the benchmarks; results go to docs/performance.md
	$(BIN)/python -m bench.run_all

clean: ## Remove the virtualenv, compiled catalogs and build output
	rm -rf $(VENV) build $(MO_FILES)
