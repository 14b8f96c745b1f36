PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test install install-dev bench fuzz docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip -q

install: $(BIN)/python
	$(BIN)/pip install -q -e .

install-dev: $(BIN)/python
	$(BIN)/pip install -q -e ".[dev]"

demo: install
	$(BIN)/python -m diplomeet.demo seeds

test: install-dev
	$(BIN)/python -m pytest -q

bench: install-dev
	$(BIN)/python benchmarks/dates_meantime.py
	$(BIN)/python benchmarks/dedupe_scale.py
	$(BIN)/python benchmarks/corpus_memory.py
	$(BIN)/python benchmarks/speed.py
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/scaling.py

fuzz: install-dev
	$(BIN)/python benchmarks/fuzz.py --n 10000

docs: $(BIN)/python
	$(BIN)/pip install -q -e ".[docs]"
	$(BIN)/mkdocs build --strict

clean:
	rm -rf $(VENV) build *.egg-info site .pytest_cache
