# Daleel: every target sets up what it needs on a fresh clone (Python 3.11 and make only).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml sandbox/pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
LANGS := ar ckb ku en
PO := $(foreach l,$(LANGS),locales/$(l)/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)
# The standard Arabic rule: Babel writes forms 4 and 5 swapped (python-babel/babel#816).
AR_PLURAL := nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 \&\& n%100<=10 ? 3 : n%100>=11 ? 4 : 5);

.PHONY: help setup catalogues extract update translations lint test demo run bench clean

help:
	@echo "make demo   - set up and start the bot against the local sandbox, with a console chat"
	@echo "make test   - set up and run the whole test suite (lint, types, tests)"
	@echo "make run    - run the real bot from config.toml"
	@echo "make bench  - run the benchmarks and print a table"
	@echo "make extract / update / catalogues - gettext catalogue workflow"

$(STAMP): pyproject.toml sandbox/pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]' -e ./sandbox
	@rm -f $(VENV)/.installed-*; touch $@

setup: $(STAMP) catalogues

locales/%/LC_MESSAGES/messages.mo: locales/%/LC_MESSAGES/messages.po $(STAMP)
	@$(BIN)/pybabel -q compile -D messages -l $* -i $< -o $@

catalogues: $(MO)

extract: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k N_ -c TRANSLATORS: --no-location --sort-output --no-wrap \
	  --project Daleel -o locales/messages.pot bot handlers

update: extract
	$(BIN)/pybabel update -D messages -i locales/messages.pot -d locales --no-fuzzy-matching --ignore-obsolete --no-wrap
	sed -i 's|^"Plural-Forms: .*\\n"$$|"Plural-Forms: $(AR_PLURAL)\\n"|' locales/ar/LC_MESSAGES/messages.po

translations: update
	$(BIN)/python tools/fill_translations.py locales/sources/*.py
	$(MAKE) --no-print-directory catalogues

lint: $(STAMP)
	$(BIN)/ruff check bot handlers sandbox tests bench bot.py
	$(BIN)/mypy

test: setup lint
	$(BIN)/python -m pytest -q

demo: setup
	@$(BIN)/daleel demo $(DEMO_ARGS)

run: setup
	$(BIN)/daleel --config config.toml run

bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) demo $(MO) .mypy_cache .ruff_cache .pytest_cache
