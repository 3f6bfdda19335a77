# Two commands do all set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@# the desk's browser tests drive Debian's chromium (tests/desk/browser.py)
	test -x /usr/bin/chromium || (command -v apt-get >/dev/null && apt-get install -y -q chromium) || \
	  echo "chromium could not be installed: the desk's browser tests will be skipped" >&2
	touch $@

run: $(STAMP)
	$(BIN)/mutualaid run $(if $(CONFIG),--config $(CONFIG),)

# pytest exits 5 when it collected no tests: that is a failure too
test: $(TEST_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "no tests were collected" >&2; exit 1; fi; exit $$status

bench: $(TEST_STAMP)
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache
