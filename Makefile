# Two commands for a fresh machine: `make demo` and `make test`. Only Python 3.11 is needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := cd example_site && ../$(BIN)/python manage.py
STAMP := $(VENV)/.installed

.PHONY: demo prod-demo test test-postgres bench lint messages install clean dist

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

# The task worker (mails) runs beside runserver and stops with it.
demo: $(STAMP)
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo
	cd example_site && { ../$(BIN)/python manage.py db_worker --backend mail --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  ../$(BIN)/python manage.py runserver 127.0.0.1:8000; }

# The demo as a city runs it, in the foreground until Ctrl-C: Varnish on 127.0.0.1:8080 -> gunicorn x4
# on 127.0.0.1:8000 -> PostgreSQL (database digiradar_prod_demo) + Redis (docs/deploy.md).
prod-demo: $(STAMP)
	cd example_site && ../$(BIN)/python run_stack.py

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/digiradar} $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m benchmarks

lint: $(STAMP)
	$(BIN)/ruff check digiradar_wagtail example_site tests benchmarks
	$(BIN)/ruff format --check digiradar_wagtail example_site tests benchmarks

# Compiles the German catalogues of the radar, its sub-apps and the demo (the .mo files are committed).
messages: $(STAMP)
	cd digiradar_wagtail && ../$(BIN)/django-admin compilemessages
	cd example_site && ../$(BIN)/django-admin compilemessages

# A wheel for installing into a city's own Wagtail project: dist/digiradar_wagtail-<version>-py3-none-any.whl
dist: $(STAMP)
	$(BIN)/python -m build --wheel --outdir dist .

clean:
	rm -rf $(VENV) build dist *.egg-info example_site/db.sqlite3
