# Daleel: every target sets up what it needs on a fresh clone (Python 3.11 and make only).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml sandbox/pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
# Every catalogue there is (a new language is a new folder under locales/, nothing here).
PO := $(wildcard locales/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)

.PHONY: help setup catalogues extract update translations lint test demo run bench clean

help:
	@echo "make demo   - set up and start the bot against the local sandbox, with a console chat"
	@echo "make test   - set up and run the whole test suite (lint, types, tests)"
	@echo "make run    - run the real bot from config.toml"
	@echo "make bench  - run the benchmarks and print a table"
	@echo "make translations - extract the texts, update the .po files (kept), compile"
	@echo "make extract / update / catalogues - its steps (see tools/catalogues.py)"

$(STAMP): pyproject.toml sandbox/pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]' -e ./sandbox
	@rm -f $(VENV)/.installed-*; touch $@

setup: $(STAMP) catalogues

locales/%/LC_MESSAGES/messages.mo: locales/%/LC_MESSAGES/messages.po $(STAMP)
	@$(BIN)/python tools/catalogues.py compile $*

catalogues: $(MO)

# The .po files are the master of translations (edit them with any gettext tool); these
# steps keep every msgstr. tools/catalogues.py says why they are not plain pybabel.
extract: $(STAMP)
	$(BIN)/python tools/catalogues.py extract

update: $(STAMP)
	$(BIN)/python tools/catalogues.py update

translations: $(STAMP)
	$(BIN)/python tools/catalogues.py translations

lint: $(STAMP)
	$(BIN)/ruff check bot handlers sandbox tests bench bot.py
	$(BIN)/mypy

test: setup lint
	$(BIN)/python -m pytest -q -n auto

demo: setup
	@$(BIN)/daleel demo $(DEMO_ARGS)

run: setup
	$(BIN)/daleel --config config.toml run

bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) demo $(MO) .mypy_cache .ruff_cache .pytest_cache
