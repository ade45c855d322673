"""The queue's rows drawn in Python: words kept per language, the open steps' statement kept per
page length — neither may carry one request's language or rows into another."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from motcua.backoffice import queue_rows
from motcua.dossiers.constants import Status
from motcua.dossiers.holding import holding
from motcua.dossiers.models import Dossier

from .conftest import freeze_time, vn

pytestmark = pytest.mark.django_db

QUEUE = reverse("backoffice:queue")


@freeze_time(vn(2026, 3, 4, 10, 0))
def test_rows_speak_the_language_of_each_request(as_user, people, walk_in):
    """Vietnamese, English, Vietnamese again: each page's statuses, badges and column names are
    those of its own language, though each language's words are kept once made."""
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    client = as_user(people.desk_x)
    for language in ("vi", "en", "vi", "en"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        response = client.get(QUEUE)
        page = response.content.decode()
        (row,) = response.context["rows"]
        with translation.override(language):
            status = str(Status(dossier.status).label)
            column = translation.gettext("Chủ hồ sơ")
            badge = row["badge"]
            assert badge is not None
            expected = {"due-overdue": "Quá hạn", "due-today": "Đến hạn hôm nay"}.get(badge.css)
            if expected:
                assert badge.text == translation.gettext(expected)
        assert row["status"] == status and f'data-label="{column}"' in page
        assert str(badge) in page
    # The two languages differ here, so the test could tell one from the other.
    with translation.override("en"):
        english = translation.gettext("Chủ hồ sơ")
    assert english != "Chủ hồ sơ"


@freeze_time(vn(2026, 3, 2, 16, 0))
def test_open_steps_of_pages_of_different_lengths(as_user, people, in_progress, walk_in):
    """The open steps' statement is kept per number of rows: a page of two rows, then one of
    three, each says who holds each dossier as ``holding`` does of the dossier itself."""
    client = as_user(people.desk_x)
    queue_rows._open_steps._kept.clear()
    walk_in(at=vn(2026, 3, 2, 13, 0))
    for length in (2, 3):
        if length == 3:
            walk_in(at=vn(2026, 3, 2, 14, 0))
        cells = {row["code"]: row["holding"] for row in client.get(QUEUE).context["rows"]}
        assert len(cells) == length
        for dossier in Dossier.objects.filter(code__in=cells):
            assert cells[dossier.code] == str(holding(dossier))
        assert people.specialist_x.get_full_name() in cells[in_progress.code]
    assert sorted(length for _alias, length in queue_rows._open_steps._kept) == [2, 3]
