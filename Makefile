# VBE-portalen. `make run` for a demo on http://127.0.0.1:8000, `make test` for the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest workers; the suite is split across both cores of a CI machine.
WORKERS ?= 2

.PHONY: install run test lint format bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[test]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py load_demo
	@echo "VBE-portalen: http://$(HOST):$(PORT)/  (demoanvändare, lösenord: vbe-demo)"
	@# The task worker (documents of adopted revisions, fastställda lägesbilder, closed rounds) runs
	@# beside the server and stops with it.
	DEBUG=1 $(PY) manage.py db_worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: lint
	$(PY) -m pytest -n $(WORKERS) -p no:cacheprovider

bench: $(STAMP)
	@# bench/load.py drives gunicorn with wrk (Debian's package).
	command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
