# Engage — the two set-up commands are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000
STAMP := $(VENV)/.installed
LANGS := ar fr de nl es pl tr ur so
CHROMIUM := /usr/bin/chromium

.PHONY: install demo serve test tour bench lint format messages browser nginx topology clean brief-js

## The locked set installs with uv, several times faster than pip: the uv on the PATH,
## or else one bootstrapped into the venv from PyPI (a single wheel). uv does not read
## pip's configuration (pip.conf, PIP_*), so when uv cannot be had or cannot install
## the set (an offline machine with only a local mirror, say), pip does it instead,
## as configured, without first upgrading itself or compiling bytecode (Python compiles
## each module when first imported). UV=pip forces pip.
UV ?= $(shell command -v uv)
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-compile
$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@uv="$(UV)"; \
	if [ "$$uv" != pip ] && [ -z "$$uv" ]; then \
		$(PIP_INSTALL) uv >/dev/null 2>&1 && uv=$(BIN)/uv; \
	fi; \
	if [ "$$uv" != pip ] && [ -n "$$uv" ] && \
		"$$uv" pip install --quiet --python $(BIN)/python -c requirements.lock -e '.[dev]'; then :; \
	else \
		[ "$$uv" = pip ] || echo "Installing with pip instead of uv (slower)"; \
		$(PIP_INSTALL) -c requirements.lock -e '.[dev]'; \
	fi
	@touch $(STAMP)

install: $(STAMP)

## make demo: a demo city at http://127.0.0.1:$(PORT) (SQLite, in-memory channel layer).
## Safe to re-run: migrations and seed_demo keep existing data.
## BASE_URL (links in emails) follows PORT unless given.
demo: export BASE_URL ?= http://127.0.0.1:$(PORT)
demo: install
	@echo "Migrating the database (db.sqlite3)…"
	@$(MANAGE) migrate --noinput -v 0 > .venv/migrate.log 2>&1 || { cat .venv/migrate.log; exit 1; }
	@if command -v msgfmt >/dev/null; then $(MANAGE) compilemessages --ignore='.venv/*' -v 0; fi
	@$(MANAGE) collectstatic --noinput -v 0
	$(MANAGE) seed_demo
	@echo
	@echo "Engage demo: $(BASE_URL)/en/   admin: $(BASE_URL)/admin/"
	@echo "Accounts (password engage-demo): resident@, leader@, moderator@, staff@, partner@example.org"
	@if [ -z "$$EMAIL_URL" ] || [ "$$EMAIL_URL" = "console:" ]; then \
		echo "Emails are not sent: they are printed here, in this terminal (console email backend)."; \
	else echo "Emails go out through EMAIL_URL."; fi
	@echo
	@trap 'kill 0' EXIT; $(MANAGE) db_worker & $(MANAGE) runserver 127.0.0.1:$(PORT)

## make test: the whole suite on PostgreSQL and Redis (DATABASE_URL / REDIS_URL).
## REQUIRE_SERVICES=1 makes a missing service an error instead of a skip.
## It runs in TEST_WORKERS processes (pytest-xdist; one per core, at most 4; each with
## its own test database and Redis database); TEST_WORKERS=0 runs it in this process.
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); [ "$$n" -gt 4 ] && n=4; echo $$n)
test: install browser nginx
	DJANGO_SETTINGS_MODULE=engage.settings.test $(BIN)/python -m pytest -m "not benchmark and not tour" -n $(TEST_WORKERS) $(PYTEST_ARGS)

## make tour: full-page screenshots of every page type in en, ar and ur at 1280 and 390 px
## (tests/e2e/test_screenshot_tour.py; several minutes, so not part of make test), with an
## index.html, in $ENGAGE_TEST_OUTPUT/screenshots (default /tmp/engage-screenshots).
## It also seeds the demo city on SQLite in a subprocess, as make demo does (minutes).
tour: install browser
	DJANGO_SETTINGS_MODULE=engage.settings.test $(BIN)/python -m pytest tests/e2e/test_screenshot_tour.py tests/cohesion/test_alert_lists_on_sqlite.py -m tour -p no:cacheprovider $(PYTEST_ARGS)

## Chromium for the real-browser tests, from Debian's packages (never `playwright install`).
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian's chromium for the browser tests"; \
			(apt-get install -y -q chromium >/dev/null 2>&1 || \
			 (apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null)) \
			|| echo "Could not install chromium: browser tests will be skipped"; \
		else echo "No $(CHROMIUM) and no root to install it: browser tests will be skipped"; fi; \
	fi

## nginx for the topology test (tests/deploy), from Debian's packages when root.
nginx: install
	@$(BIN)/python deploy/topology.py --install-nginx

## make topology: nginx + two daphne workers + the task worker on PostgreSQL and Redis
## (DATABASE_URL, REDIS_URL), as docs/deployment.md describes. Ctrl-C stops it all.
topology: install
	deploy/run-topology.sh $(TOPOLOGY_ARGS)

bench: install
	DJANGO_SETTINGS_MODULE=engage.settings.test $(BIN)/python -m pytest tests/benchmarks -m benchmark -s -p no:cacheprovider $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $$(git ls-files '*.html')
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml $$(git ls-files '*.html') || true

## make messages: extract strings for every configured language, then compile.
messages: install
	$(MANAGE) makemessages $(addprefix -l ,$(LANGS)) --ignore='.venv/*' --ignore='static/*' --ignore='node_modules/*' --no-obsolete
	$(MANAGE) makemessages -d djangojs $(addprefix -l ,$(LANGS)) --ignore='.venv/*' --ignore='static/*' --ignore='node_modules/*' --ignore='engage/static/engage/js/htmx.min.js' --no-obsolete
	$(MANAGE) compilemessages --ignore='.venv/*'

## make brief-js: rebuild the brief editor bundle (consultations/briefs/static/briefs/brief-editor.js)
## from consultations/briefs/frontend with npm and esbuild. Only needed after changing it.
brief-js:
	cd consultations/briefs/frontend && npm ci --no-audit --no-fund && npm run build

clean:
	rm -rf $(VENV) static .test-media .pytest_cache
