"""`manage.py agencies merge|split|dissolve …`: reorganise a unit on a date and move its open
work (docs/reorganisations.md). The preview is printed first; ``--dry-run`` stops there. A
refused reorganisation exits with status 2 and changes nothing."""

from __future__ import annotations

import datetime
import pathlib

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from motcua.agencies import selectors as agency_selectors
from motcua.dossiers import reorganisation as reorg

BAD_INPUT = 2


class Command(BaseCommand):
    help = "Merge, split or dissolve a unit on a date, moving its open dossiers (docs/reorganisations.md)."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="kind", required=True)
        merge = actions.add_parser("merge", help="Merge --from into --into.")
        merge.add_argument("--into", required=True, metavar="CODE")
        split = actions.add_parser("split", help="Split --from into several units.")
        split.add_argument(
            "--into",
            required=True,
            action="append",
            metavar="CODE",
            help="A new unit (repeatable); the first is the default one.",
        )
        split.add_argument("--mapping", metavar="FILE", help="CSV lines: dossier code, unit code.")
        dissolve = actions.add_parser(
            "dissolve", help="Dissolve --from; --successor takes its work."
        )
        dissolve.add_argument("--successor", required=True, metavar="CODE")
        for sub in (merge, split, dissolve):
            sub.add_argument("--from", dest="source", required=True, metavar="CODE")
            sub.add_argument("--on", required=True, metavar="YYYY-MM-DD", help="Effective date.")
            sub.add_argument(
                "--decision", required=True, help='Decision number, e.g. "12/QĐ-UBND".'
            )
            sub.add_argument(
                "--children-to", metavar="CODE", help="New parent of the unit's open sub-units."
            )
            sub.add_argument("--by", metavar="USERNAME", help="Who records it (audit, history).")
            sub.add_argument("--dry-run", action="store_true", help="Print the preview only.")
            if sub is not split:
                sub.add_argument(
                    "--move-staff",
                    action="store_true",
                    help="Move staff memberships to the successor instead of ending them.",
                )

    def handle(self, *args, kind, **options):
        try:
            request = self._request(kind, options)
            plan = reorg.build(request)
            for line in reorg.as_lines(plan):
                self.stdout.write(line)
            if options["dry_run"]:
                return
            actor = self._actor(options.get("by"))
            plan = reorg.carry_out(request, actor=actor)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages), returncode=BAD_INPUT) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã chuyển {len(plan.dossiers)} hồ sơ; {len(plan.by_hand)} cần phân công thủ công."
            )
        )

    def _request(self, kind: str, options) -> reorg.Request:
        try:
            day = datetime.date.fromisoformat(options["on"])
        except ValueError as error:
            raise CommandError("--on must be YYYY-MM-DD", returncode=BAD_INPUT) from error
        codes = {"merge": lambda: [options["into"]], "dissolve": lambda: [options["successor"]]}
        target_codes = codes[kind]() if kind in codes else options["into"]
        targets = [self._agency(code) for code in target_codes]
        rule = None
        if kind == reorg.Kind.SPLIT:
            mapping = {}
            if options.get("mapping"):
                text = pathlib.Path(options["mapping"]).read_text(encoding="utf-8")
                mapping = reorg.read_mapping(text, targets)
            rule = reorg.SplitRule(targets=targets, by_code=mapping)
        children_to = options.get("children_to")
        return reorg.Request(
            kind=kind,
            source=self._agency(options["source"]),
            targets=targets,
            effective_date=day,
            decision=options["decision"].strip(),
            move_staff=bool(options.get("move_staff")),
            rule=rule,
            children_to=self._agency(children_to) if children_to else None,
        )

    def _agency(self, code: str):
        agency = agency_selectors.find_by_code(code)
        if agency is None:
            raise CommandError(f"Unknown agency code: {code}", returncode=BAD_INPUT)
        return agency

    def _actor(self, username: str | None):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Unknown user: {username}", returncode=BAD_INPUT)
        return user
