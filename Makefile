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

.PHONY: install run test lint format search-start search-stop worker clean

install: $(STAMP)

$(STAMP): requirements.txt requirements-test.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $(STAMP)

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
	DATABASE_URL=$$(bin/ensure-postgres | tail -n 1) \
	  DJANGO_SETTINGS_MODULE=goodpractice.settings.test \
	  sh -c '$(MANAGE) search_engine start | tail -n 1 && \
	         $(MANAGE) check --fail-level WARNING && \
	         $(MANAGE) makemigrations --check --dry-run && \
	         $(BIN)/pytest'

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

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var static_collected db.sqlite3
