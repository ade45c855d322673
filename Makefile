# motcua — the two commands are `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
# Dossiers simulated on the first `make run` so queues and statistics are not empty.
DEMO_DOSSIERS ?= 150
PORT ?= 8000
# Development defaults for `make run`: DEBUG on, SQLite under var/, no broker.
RUN_ENV := DEBUG=true SITE_URL=http://$(HOST):$(PORT)

.DEFAULT_GOAL := help
.PHONY: help run test lint format e2e bench bench-http bench-stack mutation migrate demo worker messages schema schema-check security clean stack stack-stop faults drill

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.python-ok:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
	  { echo "motcua needs Python 3.11 or newer; found $$($(PYTHON) --version 2>&1). Set PYTHON=python3.X." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	@touch $@

$(VENV)/.installed: $(VENV)/.python-ok requirements/base.txt requirements/dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/base.txt -r requirements/dev.txt
	@touch $@

var:
	@mkdir -p var/media

migrate: $(VENV)/.installed var ## Apply database migrations (SQLite under var/ unless DATABASE_URL is set)
	$(RUN_ENV) $(PY) manage.py migrate --no-input

demo: migrate ## Load (or refresh) the demo province, staff and citizens; idempotent
	$(RUN_ENV) $(PY) manage.py demo

run: migrate ## Set everything up and serve the demo at http://127.0.0.1:8000 with the task worker
	@echo ""
	@echo "  motcua is starting at http://$(HOST):$(PORT)/   (Ctrl+C stops the server and the worker)"
	@echo "  Officers: http://$(HOST):$(PORT)/backoffice/   Administration: http://$(HOST):$(PORT)/admin/"
	@echo ""
	@$(RUN_ENV) $(PY) manage.py demo --dossiers $(DEMO_DOSSIERS)
	@trap 'kill 0' EXIT INT TERM; \
	  $(RUN_ENV) $(PY) manage.py db_worker --interval 1 --no-reload & \
	  $(RUN_ENV) $(PY) manage.py runserver --noreload $(HOST):$(PORT)

stack: $(VENV)/.installed ## Production stack on this machine: PostgreSQL, Redis, S3 store, 2 web, 2 workers, HAProxy on :8100
	tools/stack/stack.sh up

stack-stop: ## Stop every process `make stack` started
	tools/stack/stack.sh down

faults: $(VENV)/.installed ## Fault drill under load (its own small stack; needs root for the tmpfs): prints the table
	$(PY) tools/faults/run.py $(FAULTS_ARGS)

drill: $(VENV)/.installed ## Backup and restore drill: WAL archiving, PITR onto a fresh server and store, consistency check
	$(PY) tools/drill/run.py $(DRILL_ARGS)

worker: $(VENV)/.installed ## Run only the background task worker
	$(RUN_ENV) $(PY) manage.py db_worker

test: $(VENV)/.installed ## Run the whole test suite (SQLite unless DATABASE_URL is set)
	$(PY) -m pytest -n auto -p no:cacheprovider $(PYTEST_ARGS)

e2e: $(VENV)/.installed ## Browser journeys in Debian's chromium (/usr/bin/chromium; CHROMIUM=path to override)
	@test -x "$${CHROMIUM:-/usr/bin/chromium}" || { echo "Chromium not found at $${CHROMIUM:-/usr/bin/chromium}: apt-get install chromium (or set CHROMIUM=/path)." >&2; exit 1; }
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest -p no:cacheprovider tests/e2e $(PYTEST_ARGS)

lint: $(VENV)/.installed ## ruff check, ruff format --check, makemigrations --check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run
	@$(MAKE) --no-print-directory schema-check

# Production settings for `check --deploy`: DEBUG off, throwaway secrets, no test switches.
DEPLOY_ENV := env -u DEBUG -u SECURE_COOKIES -u SECURE_SSL_REDIRECT -u SECURE_HSTS_SECONDS \
  -u PYTEST_VERSION -u DATABASE_URL SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
  ALLOWED_HOSTS=motcua.example.gov.vn SITE_URL=https://motcua.example.gov.vn \
  PAYMENT_DEMO_SECRET=check-deploy PAYGOV_SECRET=check-deploy

security: $(VENV)/.installed ## bandit, check --deploy with production settings, dependency audit (docs/security.md)
	$(VENV)/bin/bandit --quiet --recursive motcua --exclude '*/tests/*,*/migrations/*' --severity-level medium --confidence-level medium
	$(VENV)/bin/bandit --quiet tools/dependency_audit.py --severity-level medium --confidence-level medium
	$(DEPLOY_ENV) $(PY) manage.py check --deploy --fail-level WARNING
	$(PY) tools/dependency_audit.py requirements/base.txt

format: $(VENV)/.installed ## Apply ruff's formatting and safe fixes
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: $(VENV)/.installed ## Run the benchmarks in benchmarks/ (they print figures, never fail)
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || echo "(benchmark $$b failed)"; done

# The HTTP benchmark's PostgreSQL database, built once with benchmarks/volume.py and reused.
BENCH_DB ?= motcua_bench_http
BENCH_DOSSIERS ?= 300000

bench-http: $(VENV)/.installed ## Pages through gunicorn beside a bare Django app (PostgreSQL, wrk; BENCH_DB, BENCH_DOSSIERS, BENCH_ARGS)
	$(PY) benchmarks/http/run.py --db $(BENCH_DB) --dossiers $(BENCH_DOSSIERS) $(BENCH_ARGS)

# P4/P8 of #19: the mixed day through `make stack`'s balancer, one instance then two, beside the
# floor, on a database of a million dossiers (built once with benchmarks/volume.py and reused).
STACK_BENCH_DB ?= motcua_bench_1m
STACK_BENCH_DOSSIERS ?= 1000000

bench-stack: $(VENV)/.installed ## Mixed day through the stack, 1 then 2 instances, with its memory (STACK_BENCH_DB, BENCH_ARGS)
	$(PY) benchmarks/http/stack_run.py --db $(STACK_BENCH_DB) --dossiers $(STACK_BENCH_DOSSIERS) $(BENCH_ARGS)

.venv-mutation/.installed: requirements/mutation.txt
	$(PYTHON) -m venv .venv-mutation
	.venv-mutation/bin/python -m pip install --quiet --disable-pip-version-check -r requirements/mutation.txt
	@touch $@

mutation: $(VENV)/.installed .venv-mutation/.installed ## Mutation testing of the critical modules (tools/mutation.sh; slow, BUDGET=s per module)
	tools/mutation.sh

messages: $(VENV)/.installed ## Extract and compile the English translation catalogue
	DEBUG=true $(PY) manage.py makemessages -l en --no-obsolete --ignore '.venv/*' --ignore 'var/*'
	DEBUG=true $(PY) manage.py compilemessages -l en --ignore '.venv/*'

# The OpenAPI description of the REST API, in Vietnamese (the models' help_text), offline.
# Generated against the embedded default database, whatever DATABASE_URL says: integer bounds
# come from the database backend (SQLite and PostgreSQL differ), the contract must not.
SPECTACULAR := env -u DATABASE_URL DEBUG=true $(PY) manage.py spectacular --lang vi --validate --fail-on-warn

schema: $(VENV)/.installed ## Write the REST API's OpenAPI description to docs/api/openapi.yaml
	@mkdir -p docs/api
	$(SPECTACULAR) --file docs/api/openapi.yaml

schema-check: $(VENV)/.installed ## Fail when docs/api/openapi.yaml differs from a fresh one (run by lint)
	@tmp=$$(mktemp); trap 'rm -f "$$tmp"' EXIT; \
	  $(SPECTACULAR) --file "$$tmp" && diff -u docs/api/openapi.yaml "$$tmp" || \
	  { echo "docs/api/openapi.yaml is out of date: run 'make schema' and commit it." >&2; exit 1; }

clean: ## Remove the virtualenv and the local database and files under var/
	rm -rf $(VENV) var
