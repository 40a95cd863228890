# Living Lab — set-up, run and test on a fresh Debian machine. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
LL := $(VENV)/bin/livinglab
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# WeasyPrint's libraries and fonts (PDF reports), then what the tests need on top.
# redis-server holds the rate-limit counters that all gunicorn workers share (`make run`, the tests).
RUN_APT := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-droid-fallback redis-server
TEST_APT := $(RUN_APT) chromium poppler-utils postgresql

.PHONY: help run test test-clock lint install install-dev system-run system-test translations messages bench bench-load clean

help:
	@echo "make run   — install what is missing, migrate, seed, serve the app with demo logins"
	@echo "make test  — install what is missing and run the whole test suite (SQLite + PostgreSQL + browser)"
	@echo "make test-clock — the date-sensitive tests again at two moved clocks (part of make test)"
	@echo "make lint  — ruff"
	@echo "make messages — re-extract translatable strings into the .po catalogues"
	@echo "make bench — page times and query counts at 62, 276 and 552 regions (figures printed)"
	@echo "make bench-load — gunicorn under locust at national scale, SQLite and PostgreSQL (figures printed)"

define apt_install
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:" $$missing; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

system-run:
	$(call apt_install,$(RUN_APT))

system-test:
	$(call apt_install,$(TEST_APT))

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[dev]'
	@touch $@ $(VENV)/.installed

install: system-run $(VENV)/.installed translations
install-dev: system-test $(VENV)/.installed-dev translations

# Message catalogues are compiled at install time; only the .po sources are committed.
translations: | $(PY)
	@$(VENV)/bin/pybabel --quiet compile -d livinglab/translations

messages: $(VENV)/.installed
	$(VENV)/bin/pybabel --quiet extract -F babel.cfg -k _l -o livinglab/translations/messages.pot .
	$(VENV)/bin/pybabel --quiet update --no-fuzzy-matching --ignore-obsolete --width 100 -i livinglab/translations/messages.pot -d livinglab/translations

.env:
	@umask 077; echo "SECRET_KEY=$$(python3 -c 'import secrets; print(secrets.token_hex(32))')" > .env
	@echo "Created .env with a random SECRET_KEY"

# A terminal wants plain log lines; deployments keep the JSON default. The workers share their
# rate-limit counters through a redis-server of this run (a unix socket in instance/, nothing saved).
# PORT busy? scripts/free_port.py picks the next free one; the URL printed (and BASE_URL) is the one served.
REDIS_SOCKET := $(CURDIR)/instance/redis.sock
run: export LOG_FORMAT ?= text
run: export RATELIMIT_STORAGE_URI ?= redis+unix://$(REDIS_SOCKET)
run: install .env
	$(LL) db upgrade
	$(LL) seed regions
	$(LL) seed catalogue
	$(LL) seed demo
	$(LL) summaries rebuild
	@port=$$(python3 scripts/free_port.py $(HOST) $(PORT)) || exit 1; \
	export BASE_URL=$${BASE_URL:-http://$(HOST):$$port}; \
	echo; \
	echo "Living Lab is running at http://$(HOST):$$port/ (with the reminder scheduler beside it)"; \
	echo "Demo logins (password demo-livinglab-2022): admin@demo.livinglab.id (host admin),"; \
	echo "  mentor@demo.livinglab.id (host staff), officer.bandung@demo.livinglab.id (region officer),"; \
	echo "  viewer@demo.livinglab.id (ministry viewer). Stop with Ctrl+C."; \
	echo; \
	redis-server --port 0 --unixsocket $(REDIS_SOCKET) --unixsocketperm 700 --save '' --appendonly no \
	  --loglevel warning > instance/redis.log & redis=$$!; \
	$(LL) scheduler & scheduler=$$!; trap 'kill $$scheduler $$redis 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn --no-control-socket -w $(WORKERS) -b $(HOST):$$port wsgi:app

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .

# What depends on the date: reminders and the scheduler, monitoring figures, overdue, stalled and
# due-soon rules, expiring links, sessions and tokens, the demo. Run again at moved clocks.
CLOCK_TESTS := tests/unit tests/services tests/jobs tests/cli/test_demo.py::test_without_a_date_the_demo_is_built_for_today \
	tests/cli/test_demo.py::test_demo_lives_on_another_day_with_a_coherent_inbox tests/cli/test_tokens.py \
	tests/api/test_monitoring_api.py tests/api/test_milestones_api.py tests/web/test_overview.py \
	tests/web/test_national.py tests/web/test_region_page.py tests/web/test_public_board.py \
	tests/web/test_peers.py tests/web/test_milestones_web.py tests/web/test_milestone_sheet.py \
	tests/web/test_inbox.py tests/web/test_contacts_outbox.py tests/web/test_password_reset.py \
	tests/web/test_sessions.py

test: install-dev
	$(VENV)/bin/ruff check .
	CHROMIUM_PATH=/usr/bin/chromium scripts/with-postgres scripts/test-both-databases $(PY)
	scripts/test-moved-clock $(PY) $(CLOCK_TESTS)

test-clock: install-dev
	scripts/test-moved-clock $(PY) $(CLOCK_TESTS)

bench: install-dev
	$(PY) bench/pages.py

bench-load: install-dev
	scripts/with-postgres $(PY) bench/load.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
