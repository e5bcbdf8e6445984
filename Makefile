# Every target sets up what it needs: a venv with pinned tools, npm packages from the lock file, and
# clear_street installed (non-editable, as users get it) whenever overrides/ or generated/ changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .stamps
PACKAGE_SOURCES := $(shell find overrides generated -name '*.py' -o -name py.typed 2>/dev/null) pyproject.toml
# npm's "new version available" notice is no news about this project: off for every npm and npx make runs.
export NPM_CONFIG_UPDATE_NOTIFIER := false

.DEFAULT_GOAL := help
.PHONY: help venv generate check lint typecheck test test-floors demo bench build publish vendor clean

help:
	@echo "make demo      cancel orders through clear_street against a local Prism mock of spec/openapi.yaml"
	@echo "make test      run the whole test suite (unit, contract, end-to-end, soak, publishing)"
	@echo "make test-floors  the suite again, with every runtime dependency at its floor (in .venv-floors)"
	@echo "make generate  regenerate generated/ from spec/openapi.yaml"
	@echo "make check     lint, type-check, validate the spec, and fail if generated/ is stale"
	@echo "make bench     benchmark against raw httpx and the official SDK; writes BENCHMARKS.md"
	@echo "make build     wheel and sdist into dist/;  make publish  upload them to \$$INDEX_URL"
	@echo "make vendor DEST=path/to/pkg   copy the package into another repository"

$(STAMPS)/venv: pyproject.toml
	@mkdir -p $(STAMPS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q hatchling==1.33.0
	$(BIN)/python -m pip install -q --no-build-isolation ".[dev]"
	@touch $@

$(STAMPS)/package: $(STAMPS)/venv $(PACKAGE_SOURCES)
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation --force-reinstall .
	@touch $@

$(STAMPS)/npm: package.json package-lock.json
	@mkdir -p $(STAMPS)
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

venv: $(STAMPS)/package $(STAMPS)/npm

generate: $(STAMPS)/venv
	$(BIN)/python scripts/generate.py

lint: $(STAMPS)/venv
	$(BIN)/ruff check overrides scripts tests
	$(BIN)/ruff format --check overrides scripts tests

typecheck: $(STAMPS)/package
	$(BIN)/mypy --config-file pyproject.toml -p clear_street

check: lint typecheck
	$(BIN)/openapi-spec-validator spec/openapi.yaml
	$(BIN)/python scripts/generate.py --check

test: $(STAMPS)/package $(STAMPS)/npm
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The runtime dependencies at the floors pyproject.toml declares (scripts/floors.py), the dev tools as pinned.
FLOORS := .venv-floors
test-floors: $(STAMPS)/npm
	test -x $(FLOORS)/bin/python || $(PYTHON) -m venv $(FLOORS)
	$(FLOORS)/bin/python -m pip install -q --upgrade pip
	$(FLOORS)/bin/python -m pip install -q hatchling==1.33.0
	$(FLOORS)/bin/python scripts/floors.py > $(FLOORS)/floors.txt
	$(FLOORS)/bin/python -m pip install -q --no-build-isolation -c $(FLOORS)/floors.txt ".[dev]"
	$(FLOORS)/bin/python -m pip install -q --no-deps --no-build-isolation --force-reinstall .
	$(FLOORS)/bin/python -m pip check
	$(FLOORS)/bin/python -m pip freeze | grep -iE "^($$(cut -d= -f1 $(FLOORS)/floors.txt | paste -sd'|'))=="
	$(FLOORS)/bin/python -m pytest -p no:cacheprovider $(PYTEST_ARGS)

demo: $(STAMPS)/package $(STAMPS)/npm
	$(BIN)/python scripts/demo.py

bench: $(STAMPS)/package
	$(BIN)/python -m pip install -q --no-build-isolation ".[bench]"
	$(BIN)/python scripts/bench.py

vendor: $(STAMPS)/venv
	@test -n "$(DEST)" || { echo "make vendor: give DEST=path/to/host_package/clear_street" >&2; exit 2; }
	$(BIN)/python scripts/vendor.py "$(DEST)"

build: $(STAMPS)/venv
	rm -rf dist
	$(BIN)/python -m build --no-isolation --outdir dist .
	$(BIN)/twine check --strict dist/*

publish: build
	@test -n "$(INDEX_URL)" || { echo "make publish: set INDEX_URL to the index's upload URL (and TWINE_USERNAME, TWINE_PASSWORD or a .pypirc)" >&2; exit 2; }
	$(BIN)/twine upload --non-interactive --repository-url "$(INDEX_URL)" dist/*

clean:
	rm -rf $(VENV) $(FLOORS) $(STAMPS) node_modules build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
