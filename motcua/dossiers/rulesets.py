"""The rule sets of the legal regimes: the defaults (ND 118/2025 carried forward the 2018 values
as far as the domain reference knows; administrators correct them in the admin), and the one in
force on a day as the dossier services read it.

``in_force_on`` reads the rule sets once per process and trusts them as the working calendars
are trusted (``worktime.selectors``): for ``CALENDAR_RECHECK_SECONDS`` (0: read every time),
then reads them again. A rule set saved or deleted in this process is seen at once (its signals
forget what was read); one changed by another process within that time. A day with no rule set
in what was read is looked up in the database before it is refused, so a rule set just added
elsewhere is never reported missing. The table holds a row per legal regime, so a read is one
small query."""

import copy
import datetime
import threading
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, transaction

DEFAULT_RULE_SETS = [
    {
        "name": "NĐ 61/2018",
        "legal_basis": "Nghị định 61/2018/NĐ-CP; Thông tư 01/2018/TT-VPCP",
        "valid_from": datetime.date(2018, 6, 21),
        "valid_to": datetime.date(2025, 6, 30),
        "form_set": "2018",
    },
    {
        "name": "NĐ 118/2025",
        "legal_basis": "Nghị định 118/2025/NĐ-CP; Thông tư 03/2025/TT-VPCP",
        "valid_from": datetime.date(2025, 7, 1),
        "valid_to": None,
        "form_set": "2025",
    },
]

# (until when the rule sets read need no re-reading, the rule sets newest first)
_read: tuple[float, list] | None = None
_read_lock = threading.Lock()


def forget(*args, **kwargs) -> None:
    """Forget the rule sets this process read (a rule set's post_save/post_delete; tests,
    whose rolled-back rows fire no signal)."""
    global _read
    with _read_lock:
        _read = None


def rule_set_changed(sender=None, **kwargs) -> None:
    """A rule set's post_save / post_delete: forget now, and again when the change commits (a
    read in between, by another request of this process, would keep the old row)."""
    forget()
    transaction.on_commit(forget)


def _in_force(rule_sets, day: datetime.date):
    # Newest first: the one that started last among those covering the day.
    return next(
        (r for r in rule_sets if r.valid_from <= day and (r.valid_to is None or r.valid_to >= day)),
        None,
    )


def in_force_on(day: datetime.date):
    """The rule set in force on ``day`` (``RuleSet.objects.in_force_on`` without a query while
    what this process read is trusted), a copy of its own; ``RuleSet.DoesNotExist`` if none
    is."""
    global _read
    from .models import RuleSet

    read = _read
    found = None
    if read is not None and read[0] > time.monotonic():
        found = _in_force(read[1], day)
    if found is None:
        rule_sets = list(RuleSet.objects.order_by("-valid_from", "-pk"))
        recheck = settings.CALENDAR_RECHECK_SECONDS
        if recheck > 0:
            with _read_lock:
                _read = (time.monotonic() + recheck, rule_sets)
        found = _in_force(rule_sets, day)
    if found is None:
        raise RuleSet.DoesNotExist(f"No dossier rule set is in force on {day.isoformat()}.")
    return copy.copy(found)  # shared by the requests of the process: never handed out itself


def ensure_rule_sets(sender=None, using=DEFAULT_DB_ALIAS, apps=None, **kwargs) -> None:
    """Create the default rule sets that are missing; never change existing ones."""
    if apps is not None:
        try:
            model = apps.get_model("dossiers", "RuleSet")
        except LookupError:
            return
    else:
        from .models import RuleSet as model
    for values in DEFAULT_RULE_SETS:
        model.objects.using(using).get_or_create(name=values["name"], defaults=values)
    forget()  # a flushed database's rule sets have new ids
