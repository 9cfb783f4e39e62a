# Speak Up: `make run` to try it, `make test` to check it. Everything is set up from scratch:
# nothing here depends on what was installed by hand.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app portal
ASSET_SOURCES := $(shell find static/src scripts/build-assets.mjs -type f 2>/dev/null)
PYTEST_ARGS ?=

.PHONY: help run test setup assets translations translations-update screenshots db lint catalog-check test-sqlite test-postgres \
        chromium java services extract clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

run: db ## Set everything up and serve the portal at http://127.0.0.1:5000 (with the message sender)
	@echo "Serving Speak Up at http://127.0.0.1:5000 (Ctrl+C to stop)"
	@echo "Messages are sent by the outbox sender alongside; read them in instance/mail/"
	$(FLASK) outbox run & sender=$$!; trap 'kill $$sender 2>/dev/null || true' EXIT; \
	  $(FLASK) run --host 127.0.0.1 --port 5000

test: setup chromium java services lint ## Set everything up, then run every check and the whole suite on SQLite and PostgreSQL
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

setup: $(VENV)/.installed assets translations ## Virtualenv, packages, front-end assets, compiled catalogs

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

assets: static/build/.built ## Build GOV.UK Frontend and our styles into static/build/

static/build/.built: node_modules/.installed $(ASSET_SOURCES)
	npm run --silent build

translations: $(VENV)/.installed ## Compile the .po catalogs to .mo (never committed)
	@if compgen -G "translations/*/LC_MESSAGES/messages.po" >/dev/null; then \
	  $(BIN)/pybabel -q compile -d translations; \
	fi

db: setup ## Migrate the SQLite database and load demo settings
	$(FLASK) db upgrade
	$(FLASK) demo-data

chromium: ## Debian's chromium for the browser tests (installed when missing)
	@bash scripts/ensure-debian-package.sh chromium chromium "the browser tests"

java: ## Java for the Nu HTML Checker in the browser tests (installed when missing)
	@bash scripts/ensure-debian-package.sh java default-jre-headless "the Nu HTML Checker"

services: ## Start PostgreSQL when it is down
	@bash scripts/ensure-postgres.sh

lint: $(VENV)/.installed ## ruff, formatting, mypy, bandit and the stale-catalog check
	$(BIN)/ruff check portal tests scripts
	$(BIN)/ruff format --check portal tests scripts
	$(BIN)/mypy
	$(BIN)/bandit --quiet --recursive portal scripts
	$(MAKE) --no-print-directory catalog-check

extract: $(VENV)/.installed ## Re-extract translatable strings into translations/messages.pot
	$(BIN)/python scripts/catalog.py extract

screenshots: setup chromium ## Start page and a question page in Welsh and Arabic into docs/screenshots/
	$(BIN)/python scripts/screenshots.py

translations-update: $(VENV)/.installed ## Re-extract, then bring every language's catalog up to date (new strings arrive empty)
	$(BIN)/python scripts/catalog.py update

catalog-check: $(VENV)/.installed
	$(BIN)/python scripts/catalog.py check

# Two workers (CI has two cores); tests marked xdist_group stay together on one worker.
XDIST := -n 2 --dist loadgroup

test-sqlite: setup
	$(BIN)/pytest $(XDIST) $(PYTEST_ARGS)

test-postgres: setup services
	bash scripts/with-fresh-postgres.sh $(BIN)/pytest $(XDIST) -m "not page_checks" $(PYTEST_ARGS)

.PHONY: bench-report
bench-report: $(VENV)/.installed services ## Time the annual report over 1,000,000 representations on SQLite and PostgreSQL (slow; not in make test)
	$(BIN)/python -m bench.report_bench --db sqlite --rows $(or $(BENCH_ROWS),1000000)
	bash scripts/with-fresh-postgres.sh $(BIN)/python -m bench.report_bench --db postgresql --rows $(or $(BENCH_ROWS),1000000)

clean: ## Remove everything the set-up made
	rm -rf $(VENV) node_modules static/build instance .pytest_cache .mypy_cache .ruff_cache
	find translations -name '*.mo' -delete
