# The two commands of the README:
#   make site   check the example briefs, build the site into site/ and preview it with live reload
#   make test   run every test (unit, site builds, browser); installs what the tests need
PYTHON ?= python3
PREVIEW ?= 1
STAMP := .make

.PHONY: site build check test test-fast lint bench golden clean

$(STAMP)/python: pyproject.toml
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@mkdir -p $(STAMP) && touch $@

$(STAMP)/browser: package.json
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	npm install --no-audit --no-fund --silent
	@mkdir -p $(STAMP) && touch $@

check: $(STAMP)/python
	$(PYTHON) -m generator check

build: check
	$(PYTHON) -m mkdocs build --strict

site: build
ifeq ($(PREVIEW),1)
	@echo "Previewing at http://127.0.0.1:8000/ (drafts shown with a DRAFT banner); Ctrl-C to stop."
	$(PYTHON) -m mkdocs serve --dev-addr 127.0.0.1:8000
endif

lint: $(STAMP)/python
	$(PYTHON) -m ruff check generator tests benchmarks
	$(PYTHON) -m ruff format --check generator tests benchmarks
	$(PYTHON) -m mypy

test: $(STAMP)/python $(STAMP)/browser lint
	$(PYTHON) -m pytest -n 2 -q

test-fast: $(STAMP)/python
	$(PYTHON) -m pytest -q -m "not browser and not slow"

# Rebuild tests/golden/expected/ after an intended change to the output (review its git diff, then commit it).
golden: $(STAMP)/python
	$(PYTHON) tests/golden/regenerate.py

bench: $(STAMP)/python
	$(PYTHON) benchmarks/check_bench.py
	$(PYTHON) benchmarks/build_bench.py

clean:
	rm -rf site .site.staging .site.old $(STAMP) .pytest_cache .mypy_cache .ruff_cache node_modules
