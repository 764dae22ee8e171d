# Two commands set everything up: `make demo` and `make test`. Each builds .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Lint and format-check these with ruff (the whole tree).
LINT_PATHS ?= .
# mypy cannot follow setuptools' editable install (an import hook), so `make lint` lays out the
# package as the wheel installs it: links to cli/*.py, glossary/ and data/ under build/typecheck/nutshell.
TYPECHECK := build/typecheck

.PHONY: demo test test-fast test-all test-matrix test-versions lint bench claims clean

# constraints.txt: the exact versions the results were measured on (Python 3.11).
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/nutshell demo cnn

# CI: everything but the extended demo tests and the full strategy matrix (see tests/conftest.py)
test: $(STAMP)
	$(BIN)/python -m pytest -m "not matrix and not extended"

test-all: $(STAMP)
	$(BIN)/python -m pytest -m "not matrix"

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow and not matrix and not extended"

# ruff over LINT_PATHS, mypy over the front door (cli/, the package nutshell; see pyproject.toml)
lint: $(STAMP)
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)
	rm -rf $(TYPECHECK) && mkdir -p $(TYPECHECK)/nutshell
	ln -s $(CURDIR)/cli/*.py $(TYPECHECK)/nutshell/
	ln -s $(CURDIR)/glossary $(TYPECHECK)/nutshell/glossary
	ln -s $(CURDIR)/data $(TYPECHECK)/nutshell/data
	$(BIN)/mypy --cache-dir $(TYPECHECK)/.mypy_cache $(TYPECHECK)/nutshell/*.py  # a fresh cache: the links are new

# The fast suite on every supported Python installed here, each in its own .venv-X.Y, with packages
# resolved afresh (PYTHON_VERSIONS="3.10 3.12" to choose; see .ci/test-versions)
test-versions:
	bash .ci/test-versions

test-matrix: $(STAMP)
	$(BIN)/python -m pytest -m matrix

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# The claims ledger: every demo, --quick, seeds 0-4 -> benchmarks/CLAIMS.md, claims.json and the
# README's demo table. BACKEND=jax fills a second column (JAX must be installed in .venv).
BACKEND ?= tensorflow
claims: $(STAMP)
	KERAS_BACKEND=$(BACKEND) $(BIN)/python benchmarks/claims.py $(ENTRIES)

clean:
	rm -rf $(VENV) .venv-* runs build *.egg-info
