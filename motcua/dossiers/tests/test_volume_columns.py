"""The volume benchmark (``benchmarks/volume.py``) writes its rows with plain SQL, so a column
added to a model without a database default breaks it only when someone builds a benchmark
database. This test reads its INSERT statements and fails as soon as one leaves out a column
the database requires."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db.models import NOT_PROVIDED

VOLUME = Path(__file__).resolve().parents[3] / "benchmarks" / "volume.py"
INSERT = re.compile(r"INSERT INTO (\w+)\s*\(([^)]*)\)", re.S)


def _inserts() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for table, columns in INSERT.findall(VOLUME.read_text()):
        found.setdefault(table, set()).update(c.strip() for c in columns.split(","))
    return found


def _model_tables():
    return {model._meta.db_table: model for model in apps.get_models()}


def _required_columns(model) -> set[str]:
    """Columns an INSERT must name: not nullable, no database default, not generated."""
    required = set()
    for field in model._meta.concrete_fields:
        if field.null or field.db_default is not NOT_PROVIDED:
            continue
        if field.primary_key and field.get_internal_type() in {
            "AutoField",
            "BigAutoField",
            "SmallAutoField",
        }:
            continue
        required.add(field.column)
    return required


def test_the_volume_benchmark_writes_to_tables_of_this_code():
    tables = _model_tables()
    written = {t for t in _inserts() if not t.startswith("_")}
    assert written, "no INSERT found in benchmarks/volume.py"
    assert written <= set(tables), written - set(tables)


@pytest.mark.parametrize("table", sorted(t for t in _inserts() if not t.startswith("_")), ids=str)
def test_every_required_column_is_written_by_the_volume_benchmark(table):
    model = _model_tables()[table]
    missing = _required_columns(model) - _inserts()[table]
    assert not missing, f"benchmarks/volume.py leaves out {sorted(missing)} of {table}"
