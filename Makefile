# Two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INDEX ?= index
# The CPU build of torch. On this project's machines pip finds it locally; elsewhere set
# TORCH_INDEX to the PyTorch CPU wheel index so pip does not pull a multi-GB CUDA build.
TORCH_VERSION ?= 2.13.0
TORCH_INDEX ?=
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?=

.PHONY: install index run serve test bench sysdeps lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "torch==$(TORCH_VERSION)" $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX),)
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

index: install
	$(BIN)/assistant ingest corpus --index $(INDEX)

run: index
	$(BIN)/assistant serve --index $(INDEX)

serve: install
	$(BIN)/assistant serve --index $(INDEX)

# Headless Chromium for the browser test, LibreOffice + poppler to render the .docx export.
sysdeps:
	bash scripts/sysdeps.sh

test: index sysdeps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: index sysdeps
	$(BIN)/python -m pytest -m slow $(PYTEST_ARGS)
	$(BIN)/python bench/run_all.py

lint: install
	$(BIN)/python -m ruff format --check assistant tests bench setup.py
	$(BIN)/python -m ruff check assistant tests bench setup.py

clean:
	rm -rf $(VENV) $(INDEX) .pytest_cache
