"""Keep memoised calendars honest and fresh installations seeded.

Any saved or deleted session, day or year bumps its calendar's revision (seen by every process)
and clears this process's memo at once. After ``migrate`` the national calendar and the
default years exist, so the clock works on a fresh database without another step.
"""

from __future__ import annotations

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import selectors, services
from .models import Calendar, CalendarYear, DayEntry, WorkingSession


@receiver(post_save, sender=WorkingSession)
@receiver(post_delete, sender=WorkingSession)
@receiver(post_save, sender=DayEntry)
@receiver(post_delete, sender=DayEntry)
@receiver(post_save, sender=CalendarYear)
@receiver(post_delete, sender=CalendarYear)
def calendar_data_changed(sender, instance, **kwargs) -> None:
    services.touch_calendar(instance.calendar_id)
    selectors.invalidate()


@receiver(post_save, sender=Calendar)
@receiver(post_delete, sender=Calendar)
def calendar_changed(sender, instance, **kwargs) -> None:
    selectors.invalidate()


def _schema_is_current(apps) -> bool:
    """Whether the migrated state has our models with the fields this code expects (not a
    partial or rolled-back migration)."""
    for model in (Calendar, WorkingSession, DayEntry, CalendarYear):
        try:
            state = apps.get_model(model._meta.app_label, model._meta.model_name)
        except LookupError:
            return False
        expected = {field.attname for field in model._meta.concrete_fields}
        if {field.attname for field in state._meta.concrete_fields} != expected:
            return False
    return True


def seed_after_migrate(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs) -> None:
    """post_migrate: create the national calendar and materialise the default years, once the
    worktime schema is migrated on the default database."""
    if using != DEFAULT_DB_ALIAS or not _schema_is_current(apps):
        return
    services.materialise_years(services.default_years())
    selectors.invalidate()
