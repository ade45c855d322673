"""A catalogue file nested far too deep is refused with a clear message, never a RecursionError
(issue #17 item 9)."""

import pytest
from django.core.management import CommandError, call_command

from motcua.catalog import services
from motcua.catalog.interchange.importer import MAX_DEPTH
from motcua.catalog.models import Procedure

pytestmark = pytest.mark.django_db


def _nested(depth: int) -> dict:
    document = {"format": "motcua-catalog", "procedures": []}
    inner = document
    for _ in range(depth):
        inner["x"] = {}
        inner = inner["x"]
    return document


def test_the_service_refuses_a_deep_document_before_reading_it():
    with pytest.raises(services.CatalogueFileError) as refused:
        services.import_catalogue(_nested(MAX_DEPTH + 5))
    assert "lồng nhau quá 32 cấp" in str(refused.value)
    with pytest.raises(services.CatalogueFileError) as refused:
        services.import_catalogue(_nested(5000))  # past Python's recursion limit
    assert "lồng nhau quá" in str(refused.value)
    assert not Procedure.objects.exists()


@pytest.mark.parametrize(
    "text", ["[" * 100_000 + "]" * 100_000, '{"a":' * 100_000 + "1" + "}" * 100_000]
)
def test_the_command_refuses_json_too_deep_to_decode(text, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("catalog", "import", str(path))
    assert "lồng nhau quá sâu" in str(refused.value)
    assert not Procedure.objects.exists()
