# The two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
# `PORT=8123 make run` serves on another port; SITE_URL (every absolute link, the Wagtail
# Site) follows it unless set.
PORT ?= 8000
SITE_URL ?= http://127.0.0.1:$(PORT)

TEMPLATES = $$(find templates goodpractice home search -name '*.html' -path '*templates/*' | sort)
LOCK_FLAGS := --quiet --generate-hashes --allow-unsafe --no-strip-extras --no-emit-find-links

.PHONY: install lock run test lint format search-start search-stop worker clean

install: $(STAMP)
	@# Voikko and the Swedish dictionary for search (Debian packages, when missing).
	bin/ensure-voikko

# Only what the hashed lock names, at its versions; bin/check-lock refuses a stale lock.
$(STAMP): requirements.txt requirements-test.txt requirements.lock requirements-test.lock
	$(PYTHON) bin/check-lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements-test.lock
	touch $(STAMP)

# Recompile the locks after changing requirements*.txt (UPGRADE=1: newest transitive ones).
# The runtime lock starts from the full one, so both hold the same versions.
lock:
	test -x $(BIN)/pip-compile || $(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile $(LOCK_FLAGS) $(if $(UPGRADE),--upgrade) \
	  --output-file=requirements-test.lock requirements-test.txt
	cp requirements-test.lock requirements.lock
	$(BIN)/pip-compile $(LOCK_FLAGS) --output-file=requirements.lock requirements.txt
	$(PYTHON) bin/check-lock

# Development site on http://127.0.0.1:$(PORT) with SQLite and the embedded search engine.
run: export SITE_URL := $(SITE_URL)
run: install
	$(MANAGE) compilemessages --ignore=.venv -v0
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) load_reference_data
	$(MANAGE) setup_site
	$(MANAGE) load_demo_data
	$(MANAGE) collectstatic --no-input -v0
	@# The search engine (database search if it can't start), a fresh index, the task
	@# worker that keeps the index up to date, and the site; Ctrl-C stops worker and site.
	@URL=$$($(MANAGE) search_engine start) && URL=$$(echo "$$URL" | tail -n 1) || URL=""; \
	  export SEARCH_URL="$${SEARCH_URL:-$$URL}"; \
	  if [ -n "$$SEARCH_URL" ]; then $(MANAGE) rebuild_search_index; fi; \
	  $(MANAGE) db_worker --no-reload -v0 & WORKER=$$!; \
	  trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) runserver 127.0.0.1:$(PORT)

# The whole suite: lint, Django checks, migrations check, unit, integration and browser
# tests against PostgreSQL, the search engine and Chromium.
test: install
	bin/ensure-chromium
	bin/ensure-java
	$(MANAGE) compilemessages --ignore=.venv -v0
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $(TEMPLATES)
	@# A PostgreSQL that cannot start stops the run here, with the reason and the fix.
	@URL=$$(bin/ensure-postgres) || { echo "make test: no PostgreSQL (reason above)." >&2; exit 1; }; \
	  export DATABASE_URL="$$(echo "$$URL" | tail -n 1)" \
	    DJANGO_SETTINGS_MODULE=goodpractice.settings.test; \
	  echo "DATABASE_URL=$$DATABASE_URL"; \
	  $(MANAGE) search_engine start | tail -n 1 && \
	  $(MANAGE) check --fail-level WARNING && \
	  $(MANAGE) makemigrations --check --dry-run && \
	  $(BIN)/pytest

# The project's own search engine (var/search/), and the background task worker.
search-start: install
	$(MANAGE) search_engine start

search-stop:
	$(MANAGE) search_engine stop

worker: install
	$(MANAGE) db_worker

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $(TEMPLATES)

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var static_collected db.sqlite3
