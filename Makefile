# strategy-kg: `make run` serves the corpus, `make test` runs every test. See README.md.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export KG_DATA_DIR ?= ./var
export KG_CORPUS ?= ./corpus

.PHONY: setup run test bench train evaluate browser web-assets clean

setup: $(STAMP) web-assets

# torch first and on its own: with 2.13.0 (CPU) in place nothing later swaps it for a CUDA build.
$(STAMP): setup.cfg pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

# Front-end libraries come from the npm registry (exactly as package-lock.json pins them) into
# api/static/vendor, never into git.
web-assets:
	@if [ -f package.json ] && [ ! package.json -ot api/static/vendor/.installed ]; then \
	  npm ci --silent --no-audit --no-fund && mkdir -p api/static/vendor && node scripts/vendor.js && \
	  touch api/static/vendor/.installed; fi

# Debian's chromium and its driver, for the browser tests, installed when missing.
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null)

run: setup
	$(VENV)/bin/kg serve --host 127.0.0.1 --port 5000

test: setup browser
	$(PY) -m pytest

bench: setup
	$(PY) -m bench

# The learned reader: `train` refits it on every labelled document (corpus/labels/README.md) and
# rewrites the shipped ingest/model/reader.joblib; `evaluate` prints its leave-one-document-out table.
GOLD := $(wildcard ../shared/gold/seeds-dev.json ../shared/gold/real-dev.json)
train: setup
	$(VENV)/bin/kg train

evaluate: setup
	$(VENV)/bin/kg evaluate $(addprefix --gold ,$(GOLD))

clean:
	rm -rf $(VENV) var node_modules api/static/vendor
