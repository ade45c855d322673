"""The staff tables are analysed after a few changes on PostgreSQL (migration 0006)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's autovacuum")
def test_memberships_are_analysed_after_a_few_changes():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reloptions FROM pg_class WHERE relname = %s", ["agencies_membership"]
        )
        (options,) = cursor.fetchone()
    assert "autovacuum_analyze_threshold=5" in options
