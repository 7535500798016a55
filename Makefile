# Two entry points for a fresh machine: `make demo` and `make test`.
# Both create .venv and install what they need from pyproject.toml.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-slow test-all venv clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/resograph extract data/sources/GA-2025-93-RES-03.fr.txt --format table
	$(BIN)/resograph build
	$(BIN)/resograph query cited-by --param doc=GA-2025-93-RES-03 --format table
	$(BIN)/resograph explore --out build/explorer.html
	@echo "SPARQL endpoint and query page: $(BIN)/resograph serve   (then http://127.0.0.1:8000/)"

# `make test`: the fast set — every test not marked slow, and the doctests of src/resograph.
# `make test-slow`: only those marked slow. `make test-all`: everything (= test + test-slow;
# .ci/run runs the two halves, so CI runs all of it).
test: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

test-slow: $(STAMP)
	$(BIN)/python -m pytest -q -m slow

test-all: $(STAMP)
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) build .pytest_cache

# `make notebook`: open the analysis notebook in JupyterLab (installs the `notebook` extras once).
.PHONY: notebook
NOTEBOOK_STAMP := $(VENV)/.notebook-installed

$(NOTEBOOK_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install -q -e '.[notebook]'
	touch $(NOTEBOOK_STAMP)

notebook: $(NOTEBOOK_STAMP)
	$(BIN)/jupyter lab notebooks/analysis.ipynb $(if $(filter 0,$(shell id -u)),--allow-root)

# `make bench`: synthetic corpora of 100 and 1,000 documents and the real Security Council corpus
# (../shared/corpus/cr-unsc, skipped with the reason when absent) as 10 renumbered copies (~6,000
# texts): extraction, cold builds, every named query in both modes (worst-case bindings; as a user
# first runs it), rebuilds (table on stdout, JSON in build/bench.json); under 5 minutes on an idle
# 2-core machine: every unbounded figure under a budget ("> 3 s" for a query), rdflib's memory store
# (rows compared with Oxigraph's) at 100 documents only. The ladder up to 10,000
# documents: .venv/bin/resograph bench --docs 10000 --json build/bench-10k.json
.PHONY: bench
bench: $(STAMP)
	$(BIN)/resograph bench --docs $(or $(BENCH_DOCS),100 1000) --runs 3 --query-budget 3 --memory-query-budget 3 \
		--memory-max-docs 100 --no-memory-load --memory-explore-budget 30 --real-copies $(or $(REAL_COPIES),10) \
		--json build/bench.json

# `make loadtest`: 50 concurrent clients run the named queries against `resograph serve` on
# 127.0.0.1 while a cross product must be stopped by the time limit (bounded: 20,000 requests or
# 60 s). Serves build/ when built, else the seed built into a temporary directory; with DOCS=N, a
# synthetic corpus of N documents generated and built (store only) under build/loadtest/ and kept
# for the next run (`make loadtest DOCS=1000`: the issue's 1,000-document graph). See docs/operations.md.
.PHONY: loadtest
loadtest: $(STAMP)
	$(BIN)/python -m resograph.tools.loadtest --clients 50 --requests 20000 --duration 60 --time-limit 5 \
		$(if $(DOCS),--docs $(DOCS),$(if $(wildcard build/store),--build build)) \
		$(if $(LOADTEST_JSON),--json $(LOADTEST_JSON))

# `make yasgui`: rebuild the query page's vendored editor (src/resograph/query/static/yasgui/) from
# npm: @zazuko/yasgui's built bundle and the licences of every package in it (needs node and npm).
.PHONY: yasgui
yasgui:
	$(PYTHON) scripts/vendor_yasgui.py

# `make fuzz`: the long hypothesis runs of tests/test_fuzz.py (the query gate against Oxigraph
# itself, the extractor, the endpoint); the suite runs a few hundred inputs of each.
.PHONY: fuzz
fuzz: $(STAMP)
	RESOGRAPH_FUZZ_EXAMPLES=$(or $(FUZZ_EXAMPLES),20000) $(BIN)/python -m pytest tests/test_fuzz.py -q -s \
		--hypothesis-show-statistics -p no:cacheprovider
