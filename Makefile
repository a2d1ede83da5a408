# The two commands of the README: `make demo` and `make test`. Both create .venv and
# install the project into it first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install system-deps lint wheel-check bench clean

$(STAMP): pyproject.toml
	@bash scripts/ensure_system_deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

system-deps:
	@bash scripts/ensure_system_deps.sh

demo: $(STAMP)
	$(BIN)/monographs build --level region --output output
	$(BIN)/monographs compare --level region --lang fr,ar --output output

test: $(STAMP)
	$(BIN)/python -m pytest

# ruff's rules and formatting, and the import contracts of pyproject.toml (the stages)
lint: $(STAMP)
	$(BIN)/ruff check monographs tests scripts bench
	$(BIN)/ruff format --check monographs tests scripts bench
	$(BIN)/lint-imports

# the wheel, installed in a fresh virtualenv, builds a monograph from an unrelated folder
wheel-check: $(STAMP)
	bash scripts/check_wheel.sh $(BIN)/python

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) output/region output/province output/commune output/manifest.json output/compare
