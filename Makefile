# Two commands on a fresh machine with Python 3.11+:
#   make run    create .venv, install pressfacts, extract corpus/ into outputs/, add it to the archive there,
#               and write its report (outputs/report/index.html)
#   make test   create .venv, install pressfacts with its test extra, run the tests
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python

.PHONY: run test fuzz install bench eval occupation schema screenshots clean
SHARED ?= ../shared

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("pressfacts needs Python 3.11+, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

install: $(VENV)/.installed

# Byte-compiled once, as pip compiles an installed package: an editable install leaves that to the first
# import, which never writes .pyc files where PYTHONDONTWRITEBYTECODE is set (~0.07 s per process).
# Only a speed-up: a checkout it cannot write to still runs.
run: install
	-@$(PY) -m compileall -q pipeline grammars
	$(PY) -m pipeline extract corpus --out outputs
	$(PY) -m pipeline ingest corpus --db outputs/pressfacts.duckdb
	$(PY) -m pipeline report --db outputs/pressfacts.duckdb --out outputs/report

test: install
	$(PY) -m pytest -q

# tests/test_fuzz.py at length: 3,000 random inputs per strategy instead of the suite's 40 (~1 hour)
fuzz: install
	HYPOTHESIS_PROFILE=long $(PY) -m pytest -q tests/test_fuzz.py

# The JSON Schemas of the tables' rows, made from pipeline/io/tables.py (tests/test_schema.py checks they match).
schema: install
	$(PY) -m pipeline schema --out docs/schema

# Screenshots of the report of corpus/ (index, a release, a timeline) in outputs/report-screenshots/;
# needs Debian's chromium.
screenshots: run
	$(PY) scripts/screenshots.py

bench: install
	$(PY) benchmarks/throughput.py --docs 400 --rounds 3 --workers 1,2

# Dev-gold scores (../shared/eval/score.py) and FactRuEval-2016 devset occupation F1 (official t3 comparator).
eval: install
	@docs=$$($(PY) -c "import json; [print('$(SHARED)/' + json.loads(l)['source']) for l in open('$(SHARED)/eval/gold/dev.jsonl') if l.strip()]"); \
	$(PY) -m pipeline extract $$docs --out outputs/dev --quiet; \
	$(PY) $(SHARED)/eval/score.py outputs/dev $(SHARED)/eval/gold/dev.jsonl --root $(SHARED) $(SCORE_FLAGS)

# FactRuEval's Occupation is a person's job at an organisation (Who, Position, Where: 210 of the devset's 211
# facts have a Where), so its facts are the `positions` rows with an organisation; a profession alone
# (`писатель`, `правозащитник`) is a post of ours but no Occupation there. `make occupation ALL=1` scores
# every row.
occupation: install
	$(PY) -m pipeline extract $(SHARED)/data/factrueval2016/devset --out outputs/factru --quiet; \
	$(PY) -c "import pandas as pd; p = pd.read_parquet('outputs/factru/positions.parquet'); \
	(p if '$(ALL)' else p[p.organization.notna()]).to_parquet('outputs/factru/occupation.parquet')"; \
	$(PY) $(SHARED)/eval/occupation.py outputs/factru/occupation.parquet --split devset

clean:
	rm -rf $(VENV) outputs/*.parquet outputs/*.csv outputs/*.jsonl outputs/*.duckdb outputs/*.duckdb.wal outputs/report outputs/report-screenshots
