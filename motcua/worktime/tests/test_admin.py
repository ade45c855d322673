"""Administrators see and correct the calendar in the Django admin."""

import datetime

import pytest
from django.urls import reverse

from motcua.worktime import selectors
from motcua.worktime.models import Calendar, CalendarYear, DayEntry, WorkingSession

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Calendar, WorkingSession, DayEntry, CalendarYear])
def test_every_field_has_help_text_and_a_vietnamese_name(model):
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        assert field.help_text, f"{model.__name__}.{field.name} has no help_text"
        assert str(field.verbose_name) != field.name.replace("_", " "), field.name


@pytest.mark.parametrize("model", [Calendar, DayEntry, CalendarYear])
def test_changelists_render(admin_client, model):
    url = reverse(f"admin:worktime_{model._meta.model_name}_changelist")
    assert admin_client.get(url).status_code == 200


def test_calendar_page_shows_the_weekly_sessions(admin_client):
    national = Calendar.objects.get(agency__isnull=True)
    response = admin_client.get(reverse("admin:worktime_calendar_change", args=[national.pk]))
    assert response.status_code == 200
    assert "07:30" in response.content.decode()


def test_correcting_a_day_in_the_admin_changes_the_next_computation(admin_client):
    before = selectors.get_calendar()
    entry = DayEntry.objects.get(calendar__agency__isnull=True, date=datetime.date(2026, 11, 24))
    response = admin_client.post(
        reverse("admin:worktime_dayentry_changelist"),
        {"action": "mark_confirmed", "_selected_action": [entry.pk]},
    )
    assert response.status_code == 302
    after = selectors.get_calendar()
    assert after is not before
    assert after.special_day(datetime.date(2026, 11, 24)).confirmed


def test_admin_action_materialises_the_next_year(admin_client):
    national = Calendar.objects.get(agency__isnull=True)
    expected = max(national.years.values_list("year", flat=True)) + 1
    response = admin_client.post(
        reverse("admin:worktime_calendar_changelist"),
        {"action": "materialise_next_year", "_selected_action": [national.pk]},
    )
    assert response.status_code == 302
    assert national.years.filter(year=expected).exists()
    assert DayEntry.objects.filter(calendar=national, date=datetime.date(expected, 1, 1)).exists()
