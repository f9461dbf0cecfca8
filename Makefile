# `make run` and `make test` are all a newcomer needs: each creates .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test check lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[serve]'
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,serve]'
	touch $@ $(RUN_STAMP)

run: $(RUN_STAMP)
	$(BIN)/pix-tui $(ARGS)

check: $(RUN_STAMP)
	$(BIN)/pix-tui check challenges

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(TEST_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# One pytest worker per core (pytest-xdist); a test module stays on one worker, so a module's
# shared fixture (the engine's simulated learners) is computed once.
test: lint
	@echo "pytest: several minutes; the count on the right says how far it is"
	$(BIN)/pytest -n auto --dist loadscope -o console_output_style=count

bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/bank_load.py
	$(BIN)/python benchmarks/store.py
	$(BIN)/python benchmarks/positioning.py
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/terminal_bytes.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .hypothesis
