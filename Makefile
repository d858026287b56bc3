# Two commands on a fresh machine with Python 3.11+:
#   make run    create .venv, install pressfacts, extract corpus/ into outputs/
#   make test   create .venv, install pressfacts with its test extra, run the tests
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python

.PHONY: run test install bench clean

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("pressfacts needs Python 3.11+, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

install: $(VENV)/.installed

run: install
	$(PY) -m pipeline extract corpus --out outputs

test: install
	$(PY) -m pytest -q

bench: install
	$(PY) benchmarks/throughput.py

clean:
	rm -rf $(VENV) outputs/*.parquet outputs/*.csv
