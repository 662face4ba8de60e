# Utgivare: `make demo` and `make test` work on a fresh machine with only python3 and pip.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
TOOLS := .tools
UV := $(shell command -v uv 2>/dev/null || echo $(TOOLS)/bin/uv)
VENV := .venv
RUN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_ENV := UTGIVARE_DEMO=1 DEBUG=1 UTGIVARE_INSECURE_DEV_KEY=1 SITE_URL=http://$(HOST):$(PORT) SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0
# Browser tests drive Debian's Chromium; never a downloaded browser.
CHROMIUM ?= /usr/bin/chromium
PYTEST_WORKERS ?= 2
# Python writes its bytecode caches (__pycache__, ignored by git), even where the environment
# says not to: without them every test process, the controller, each xdist worker and each
# subprocess a test starts, compiles Django, Wagtail and the suite from source again (pytest's
# collection alone took 15 s of CPU instead of 6).
unexport PYTHONDONTWRITEBYTECODE
# Two workers on two cores, often beside other work: Hypothesis judges rules, not the
# machine's speed (profiles in tests/conftest.py).
export HYPOTHESIS_PROFILE ?= ci
# --no-loadscope-reorder: xdist hands out tests in pytest-django's order (tests in a rolled-back
# transaction, then transactional ones, which end with a flush, then those without a
# database), a group where its first test is. xdist's default puts the biggest groups first,
# which sent the browser group's flushes ahead of tests that need the migrated rows.
PYTEST := $(RUN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup --no-loadscope-reorder --durations=15
# Coverage of the whole SQLite run, which must not fall below the floor (measured, rounded
# down to a multiple of 5). Off by default when PYTEST_ARGS picks a part: its figure would
# say nothing (COVERAGE=1 turns it on again, e.g. with PYTEST_ARGS=--reuse-db).
COVERAGE_FLOOR ?= 90
COVERAGE ?= $(if $(PYTEST_ARGS),0,1)
COVERAGE_ARGS = $(if $(filter 1,$(COVERAGE)),--cov=utgivare --cov-report=term:skip-covered --cov-fail-under=$(COVERAGE_FLOOR))
# makemigrations --check runs against an empty SQLite file of its own, never your data.
CHECK_ENV := env -u DATABASE_URL -u REDIS_URL DEBUG=1 UTGIVARE_INSECURE_DEV_KEY=1 UTGIVARE_VAR_DIR=var/lint

.PHONY: help setup demo serve serve-prod test test-sqlite test-postgres lint format bench bench-http messages clean

help:
	@echo "make demo   - set up, migrate, load demo content, serve on http://$(HOST):$(PORT)"
	@echo "make test   - the whole suite (SQLite; again on PostgreSQL+Redis when DATABASE_URL/REDIS_URL are set)"
	@echo "make lint   - ruff, djLint over the templates, import-linter (apps import downwards), makemigrations --check"
	@echo "make bench  - benchmarks, reported as ratios against a baseline"
	@echo "make bench-http - gunicorn (DEBUG off) under wrk, against nginx serving the page as a file"

$(TOOLS)/bin/uv:
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen
	touch $@

setup: $(VENV)/.synced

demo: setup
	$(DEMO_ENV) $(RUN)/utgivare migrate --noinput
	$(DEMO_ENV) $(RUN)/utgivare load_demo
	$(MAKE) serve

# The worker (scheduled publishing, periodic jobs, queued tasks) runs beside the web
# server and stops with it.
serve: setup
	$(DEMO_ENV) $(RUN)/utgivare run_worker & worker=$$!; \
	 trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	 $(DEMO_ENV) $(RUN)/utgivare runserver $(HOST):$(PORT)

test: setup lint
	$(MAKE) test-sqlite
	@if [ -n "$$DATABASE_URL" ] && [ -n "$$REDIS_URL" ]; then $(MAKE) test-postgres; \
	 else echo "DATABASE_URL/REDIS_URL not set: the PostgreSQL+Redis run is skipped"; fi

test-sqlite: setup
	env -u DATABASE_URL -u REDIS_URL CHROMIUM=$(CHROMIUM) $(PYTEST) $(COVERAGE_ARGS) $(PYTEST_ARGS)

test-postgres: setup
	CHROMIUM=$(CHROMIUM) $(PYTEST) $(PYTEST_ARGS)

lint: setup
	$(RUN)/ruff check src tests bench scripts
	$(RUN)/ruff format --check src tests bench scripts
	$(RUN)/djlint src/utgivare --lint
	$(RUN)/lint-imports
	$(CHECK_ENV) $(RUN)/utgivare makemigrations --check --dry-run

format: setup
	$(RUN)/ruff check --fix src tests bench scripts
	$(RUN)/ruff format src tests bench scripts

# BENCH=cold_render (names of bench/ modules, space-separated) runs only those scenarios.
bench: setup
	UTGIVARE_INSECURE_DEV_KEY=1 $(RUN)/python -m bench $(BENCH)

# The production stack on loopback under wrk (bench/serving/run.py: BENCH_SECONDS, BENCH_WORKERS,
# BENCH_SCENARIOS, BENCH_DATABASE_URL + BENCH_REDIS_URL for PostgreSQL + Redis). Not part of `make test`.
bench-http: setup
	$(RUN)/python -m bench.serving.run

# The same stack and dataset, left serving until Ctrl-C, e.g. for ../shared/bench-peers/bench.sh.
serve-prod: setup
	BENCH_KEEP=1 BENCH_SCENARIOS=none $(RUN)/python -m bench.serving.run

messages: setup
	cd src/utgivare && DEBUG=1 UTGIVARE_INSECURE_DEV_KEY=1 ../../$(RUN)/utgivare makemessages -l sv -l en --no-obsolete
	cd src/utgivare && DEBUG=1 UTGIVARE_INSECURE_DEV_KEY=1 ../../$(RUN)/utgivare compilemessages

clean:
	rm -rf $(VENV) $(TOOLS) var
