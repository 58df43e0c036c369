# Everything a fresh clone needs: `make demo` and `make test` create .venv and install.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STORE  ?= .kg
OUT    ?= out
SUDO    = $(shell [ "$$(id -u)" = 0 ] || echo sudo)
QUERIES = $(sort $(basename $(notdir $(wildcard queries/*.rq))))

.PHONY: demo test install install-test system-deps bench reliability clean

$(BIN)/kg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

install: $(BIN)/kg

$(VENV)/.test-deps: $(BIN)/kg
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install-test: $(VENV)/.test-deps system-deps

# Debian packages the tests use: rapper (independent RDF parser), Chromium (browser tests),
# Virtuoso (a second real triple store for --store URL; its service is not needed, tests start their own).
system-deps:
	@missing=""; \
	command -v rapper >/dev/null 2>&1 || missing="$$missing raptor2-utils"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v virtuoso-t >/dev/null 2>&1 || missing="$$missing virtuoso-opensource"; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

demo: install
	$(BIN)/kg build seeds --store $(STORE)
	mkdir -p $(OUT)
	$(BIN)/kg export --store $(STORE) --format turtle -o $(OUT)/graph.ttl
	@echo "wrote $(OUT)/graph.ttl"
	$(BIN)/kg viz --store $(STORE) -o $(OUT)/graph.html
	$(BIN)/kg viz --store $(STORE) -o $(OUT)/graph.png
	@for q in $(QUERIES); do \
		echo; echo "== $$q =="; \
		$(BIN)/kg query --store $(STORE) $$q || exit 1; \
	done

test: install-test
	$(BIN)/python -m pytest -q

bench: install
	@[ -x /usr/bin/time ] || { echo "installing Debian package: time (the kernel's peak RSS beside the sampler's)"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq time >/dev/null; }
	$(BIN)/python tests/benchmarks/run.py

# Issue 7: hostile input (heavy cases too), faults (30 kill -9 points), query-path attacks,
# kg check, the load test; prints one table (also in out/reliability/table.txt).
reliability: install-test
	$(BIN)/python tests/benchmarks/reliability.py

clean:
	rm -rf $(STORE) $(OUT) .pytest_cache
