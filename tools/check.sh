#!/usr/bin/env bash
# The whole check: tests with coverage, type checks, lint, and (when docs exist) the docs
# and their doctests. Warnings are errors throughout. Run from the repository root, with
# the dev extras installed in the Python named by $PYTHON (default: .venv/bin/python).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"

"$PYTHON" -m pytest --cov --cov-report=term-missing "$@"
"$PYTHON" -m mypy
"$PYTHON" -m ruff check .
"$PYTHON" -m ruff format --check .
if [ -f docs/conf.py ]; then
  "$PYTHON" -m sphinx -n -W --keep-going -b html -d docs/_build/doctrees docs docs/_build/html
  "$PYTHON" -m sphinx -n -W --keep-going -b doctest -d docs/_build/doctrees docs docs/_build/doctest
  "$PYTHON" -m sphinx -n -W --keep-going -b coverage -d docs/_build/doctrees docs docs/_build/coverage
fi
