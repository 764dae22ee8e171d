# Two commands set everything up: `make demo` and `make test`. Each builds .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-fast test-all test-matrix bench claims clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
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
	rm -rf $(VENV) runs build *.egg-info
