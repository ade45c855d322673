"""The assignment lists (danh sách cán bộ được giao việc) kept in the cache: the choices of
``officers.assignment_choices(officers.colleagues(agencies))`` — a query of every working
membership of the agencies and the labels drawn from it — computed once per set of agencies,
day and language rather than on every queue page.

Never stale beyond a write of this process, nor for long beyond another's:

- Everything the list shows is read from memberships, their users and their units. Any save or
  delete of a ``Membership``, an ``Agency`` or a ``User`` (except a sign-in's ``last_login``)
  moves the **revision** at once and when its transaction commits (the receivers below); a list
  kept under another revision is not used. The one bulk write of these tables in the code
  (``agencies.services._rehome``: a moved subtree's paths) runs in the transaction of the moved
  agency's own save (``move_agency``, ``merge_agencies``), whose commit moves the revision.
- The day is in the key (memberships begin and end on dates), so is the language (role names).
- The revision lives in Django's "default" cache: Redis in production, seen by every process at
  once. Without Redis each process has its own memory and sees only its own writes at once, so
  an entry also expires after ``LIST_SECONDS`` — the bound for another process's change, or a
  change made outside Django (SQL by hand).

Only what is shown is cached: a chosen officer is still validated against the database
(``OfficerChoiceField``'s queryset), and the service checks the assignee again."""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import get_language

from motcua.accounts.models import User
from motcua.agencies import selectors as agencies
from motcua.agencies.models import Agency, Membership

from .officers import assignment_choices, colleagues

REVISION_KEY = "backoffice:officer-lists:revision"
# How long a list may be kept at most (see the module's docstring).
LIST_SECONDS = 60


def _new_revision() -> None:
    cache.set(REVISION_KEY, uuid.uuid4().hex, None)


def changed() -> None:
    """The officers, their roles or their units changed: lists made before are not used again.
    The revision moves now (this transaction's own reads see the change) and again once the
    transaction commits: a list another process read before the commit, and kept under the
    first new revision, is not taken as current."""
    _new_revision()
    transaction.on_commit(_new_revision)


# What an assignment list shows or orders by of a user; other saves (a sign-in's last_login,
# the second factor's epoch) leave the lists as they are.
USER_FIELDS = frozenset({"full_name", "username", "first_name", "last_name", "is_active"})


@receiver(post_save, sender=Membership, dispatch_uid="officer_lists.membership_saved")
@receiver(post_delete, sender=Membership, dispatch_uid="officer_lists.membership_deleted")
@receiver(post_save, sender=Agency, dispatch_uid="officer_lists.agency_saved")
@receiver(post_delete, sender=Agency, dispatch_uid="officer_lists.agency_deleted")
@receiver(post_delete, sender=User, dispatch_uid="officer_lists.user_deleted")
def _officers_changed(sender, **kwargs) -> None:
    changed()


@receiver(post_save, sender=User, dispatch_uid="officer_lists.user_saved")
def _user_saved(sender, update_fields=None, **kwargs) -> None:
    if update_fields is None or USER_FIELDS & set(update_fields):
        changed()


def _revision(found: dict) -> str:
    revision = found.get(REVISION_KEY)
    if revision is None:
        # Never set, or evicted: a new one, so that no list kept before is taken as current.
        fresh = uuid.uuid4().hex
        revision = fresh if cache.add(REVISION_KEY, fresh, None) else cache.get(REVISION_KEY)
    return revision or ""


def assignment_list(agency_list) -> list[tuple[int, str]]:
    """``assignment_choices(colleagues(agency_list))``, from the cache when the officers have
    not changed since it was kept (one cache read for the revision and the list)."""
    ids = ",".join(str(agency.pk) for agency in agency_list)
    key = f"backoffice:officer-lists:{agencies.today().isoformat()}:{get_language()}:{ids}"
    found = cache.get_many([REVISION_KEY, key])
    revision = _revision(found)
    kept = found.get(key)
    if kept is not None and kept[0] == revision:
        return kept[1]
    choices = assignment_choices(colleagues(agency_list))
    cache.set(key, (revision, choices), LIST_SECONDS)
    return choices
