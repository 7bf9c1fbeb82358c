# Halqa: `make demo` to try it, `make test` to check it. Both work on a fresh clone with
# Python 3.11 (the test Neo4j also needs Java 17 and Maven; the browser test Debian's chromium).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
DEMO_DIR ?= data/demo
PYTEST_ARGS ?=

.PHONY: demo install dev test lint browser neo4j-start neo4j-stop bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-dev: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

dev: $(VENV)/.installed-dev

demo: install
	HALQA_DATA_DIR=$(DEMO_DIR) $(BIN)/halqa init
	HALQA_DATA_DIR=$(DEMO_DIR) $(BIN)/halqa demo
	HALQA_DATA_DIR=$(DEMO_DIR) $(BIN)/halqa ui

# Debian's chromium for the real-browser UI checks (never a browser download).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "could not install chromium: browser tests will skip (fail under CI)"; \
	  else echo "chromium missing: browser tests will skip (fail under CI)"; fi; \
	fi

neo4j-start: dev
	@if command -v java >/dev/null && command -v mvn >/dev/null; then \
	  $(BIN)/python tests/neo4j_harness.py start || [ "$$CI" != "true" ]; \
	else \
	  echo "java/mvn missing: Neo4j tests will skip"; [ "$$CI" != "true" ]; \
	fi

neo4j-stop:
	-@$(BIN)/python tests/neo4j_harness.py stop

test: dev browser neo4j-start
	@status=0; $(BIN)/python -m pytest $(PYTEST_ARGS) || status=$$?; \
	$(BIN)/python tests/neo4j_harness.py stop >/dev/null 2>&1; exit $$status

lint: dev
	$(BIN)/python -m pyflakes intel ingest graph_models analytics ui benchmarks

bench: dev
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python benchmarks/store.py --persons 100000 --rels 300000

clean:
	rm -rf $(VENV) data/demo
