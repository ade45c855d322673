"""``manage.py integrations catalogue [--pull] [--all | --since DAY | --code CODE …]``: the
national procedure catalogue pulled into drafts (docs/integrations.md)."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from motcua.integrations.catalogue import services
from motcua.integrations.models import PullMode


def _scope(options) -> tuple[str, datetime.date | None, list[str]]:
    if options["all"]:
        return PullMode.ALL, None, []
    if options["code"]:
        problems = services.code_problems(options["code"])
        if problems:
            raise CommandError(" ".join(problems))
        return PullMode.CODES, None, options["code"]
    if options["since"]:
        try:
            return PullMode.CHANGED, datetime.date.fromisoformat(options["since"]), []
        except ValueError as error:
            raise CommandError(f"--since must be YYYY-MM-DD, not {options['since']!r}") from error
    return PullMode.CHANGED, None, []


def run(command, options) -> None:
    mode, since, codes = _scope(options)
    actor = None
    if options["user"]:
        actor = get_user_model().objects.filter(username=options["user"]).first()
        if actor is None:
            raise CommandError(f"no user {options['user']!r}")
    if options["pull"]:
        report = services.pull(actor=actor, mode=mode, since=since, codes=codes)
    else:
        report = services.preview(mode=mode, since=since, codes=codes)
    out = command.stdout
    scope = f"changed since {report.since}" if report.since else report.mode
    out.write(f"national catalogue ({scope}): {len(report.items)} procedures")
    for item in report.items:
        line = f"{item.code}\t{item.outcome}\t{item.name}"
        if item.draft is not None:
            line += f"\t-> draft v{item.draft.number}"
        out.write(line)
        for change in item.changes:
            mark = " (info)" if change.informative else ""
            out.write(f"    {change.label}{mark}:")
            for text in change.removed:
                out.write(f"      - {text}")
            for text in change.added:
                out.write(f"      + {text}")
        if item.error:
            out.write(f"    error: {item.error}")
    counts = ", ".join(
        f"{outcome} {report.count(outcome)}"
        for outcome in ("new", "changed", "unchanged", "already_drafted", "failed")
    )
    out.write(counts)
    if options["pull"]:
        drafts = sum(1 for item in report.items if item.draft is not None)
        out.write(f"drafts created: {drafts} (not published; complete and publish them)")
    else:
        out.write("preview only: nothing written (add --pull to create drafts)")
    if report.error:
        raise CommandError(report.error)
