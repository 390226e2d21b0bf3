# newsmill: every target bootstraps .venv itself, so `make demo` / `make test` work on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.bench-installed

.PHONY: venv demo test lint bench schema browser screenshots clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

venv: $(STAMP)

$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install -q -e '.[test,bench]'
	touch $@

demo: $(STAMP)
	$(BIN)/newsmill extract samples/seed-article.txt

# Headless Chromium for the web app's browser tests comes from Debian (never a browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing and not root: browser tests will skip"; fi; }

test: $(STAMP) browser
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

bench: $(BENCH_STAMP)
	$(BIN)/python bench/run_all.py

# Screenshots of the archive's web app (docs/screenshots/*.png), from the test fixtures.
screenshots: $(STAMP) browser
	$(BIN)/python bench/screenshots.py

schema: $(STAMP)
	$(BIN)/python -m newsmill.model > docs/article.schema.json

clean:
	rm -rf $(VENV) build *.egg-info
