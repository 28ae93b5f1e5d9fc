# safeplan — run `make help` to see the targets.
SHELL := /bin/bash
PORT ?= 8000
NHSUK_DIST := node_modules/nhsuk-frontend/dist/nhsuk
STATIC_BUILD := build/static
export SAFEPLAN_DEMO_PASSWORD ?= safeplan-demo-2026
export SAFEPLAN_SITE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: help install assets demo serve test test-fast lint migrations-check messages bench bench-phone bench-oversight clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

install: ## Install Python (uv) and npm dependencies
	@command -v uv >/dev/null || python3 -m pip install --quiet uv
	uv sync --frozen
	npm ci --no-audit --no-fund --silent

assets: install ## Copy the NHS.UK frontend dist files into build/static (never committed)
	rm -rf $(STATIC_BUILD) && mkdir -p $(STATIC_BUILD)/nhsuk
	cp -r $(NHSUK_DIST)/assets/. $(STATIC_BUILD)/
	cp $(NHSUK_DIST)/nhsuk-frontend.min.css $(NHSUK_DIST)/nhsuk-frontend.min.css.map $(STATIC_BUILD)/nhsuk/
	cp $(NHSUK_DIST)/nhsuk-frontend.min.js $(NHSUK_DIST)/nhsuk-frontend.min.js.map $(STATIC_BUILD)/nhsuk/

demo: assets ## Install, migrate, seed synthetic demo data, run the job worker and serve on http://127.0.0.1:$(PORT)
	uv run safeplan migrate --no-input
	uv run safeplan seed_demo
	uv run safeplan daily_jobs
# The worker runs background jobs (All my data, and the daily reminders queued just above: late concerns, reviews
# coming due, training due, printed to the console) beside the server, and stops when the server stops.
	uv run safeplan db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT; \
	uv run safeplan runserver 127.0.0.1:$(PORT)

lint: install ## ruff lint and format check, mypy, the layering contracts (import-linter)
	uv run ruff check .
	uv run ruff format --check .
	uv run mypy
	uv run lint-imports --no-cache

messages: install ## Find the translatable words, add new ones to the Welsh catalogue (safeplan/locale) and compile it
	mkdir -p build
	DJANGO_SETTINGS_MODULE=safeplan.config.settings uv run pybabel extract -F babel.cfg -k gettext_lazy -k gettext_noop -k ngettext_lazy:1,2 --no-location --omit-header --sort-output -o build/django.pot .
	uv run pybabel update -D django -i build/django.pot -d safeplan/locale -l cy --width 120 --no-fuzzy-matching --ignore-obsolete
	uv run pybabel compile -D django -d safeplan/locale -l cy --statistics

migrations-check: install ## Fail if a model change has no migration
	uv run safeplan makemigrations --check --dry-run

test: assets ## Everything CI runs: lint, types, layering, migration check, the test suite (browser tests included)
	uv run ruff check .
	uv run ruff format --check .
	uv run mypy
	uv run lint-imports --no-cache
	uv run safeplan makemigrations --check --dry-run
ifdef SAFEPLAN_TEST_APP_ROLE
	# PostgreSQL as production runs: the owner's tests as the owner, then everything else as the app's role.
	env -u SAFEPLAN_TEST_APP_ROLE uv run pytest -m owner
	uv run pytest -m "not owner"
else
	uv run pytest
endif

bench: assets ## The hot path: floor, record and plan pages, audited and not, queries, audit appends; PASS or FAIL (bench/README.md)
	bash bench/run.sh

bench-phone: assets ## The crisis page over emulated Slow 4G in Chromium: LCP and bytes, cold and warm (bench/phone.sh)
	bash bench/phone.sh

bench-oversight: install ## The oversight page and its figures for 100,000 people with a year of history (PostgreSQL)
	bash bench/oversight.sh

clean: ## Remove build output and the local SQLite database
	rm -rf build staticfiles var
