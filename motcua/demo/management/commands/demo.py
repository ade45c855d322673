"""`manage.py demo`: load the demo province, its staff and citizens, and the demo procedure
catalogue (all idempotent) and print the logins. Each loader may be run again at any time
without creating duplicates."""

import datetime
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import User
from motcua.demo import boundary, catalogue, counters, examples, province, remittance, surveys
from motcua.dossiers.models import Dossier
from motcua.dossiers.simulation import simulate
from motcua.reports.aggregates import store as aggregates


class Command(BaseCommand):
    help = "Load or refresh the demo data (idempotent) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Do not print the logins.")
        parser.add_argument(
            "--dossiers",
            type=int,
            default=0,
            help=(
                "Also simulate this many dossiers over the last 60 days (seed 2026) when the "
                "database has none yet, so queues and statistics have something to show."
            ),
        )

    def handle(self, *args, quiet=False, dossiers=0, **options):
        with transaction.atomic():
            units = province.load_tree()
            logins = province.load_people(units)
            summary = catalogue.load_catalogue()
            # The province's boundary-free list (docs/boundary-free.md).
            boundary.load_list(units["province"])
            # Counter equipment of the Xuân Hương centre (#20 item 3; docs/counter.md).
            screens = counters.load_counters(
                units["xuanhuong"], actor=User.objects.get(username="quantri")
            )
        if settings.IDP_ENABLED:
            call_command("demo_idp", stdout=StringIO() if quiet else self.stdout)
        if dossiers > 0 and not Dossier.objects.exists():
            today = timezone.localdate()
            simulated = simulate(
                dossiers,
                seed=2026,
                start=today - datetime.timedelta(days=60),
                end=today - datetime.timedelta(days=1),
            )
            if not quiet:
                self.stdout.write(f"Simulated dossiers: {simulated.created}.")
        if dossiers > 0:
            # The worked example (docs/demo.md), filed once, after the workload.
            example = examples.load_examples()
            if example is not None and not quiet:
                self.stdout.write(f"Example online birth registration: {example.code}.")
        if dossiers > 0:
            # A citizen survey with a few answers (docs/surveys.md), once.
            survey = surveys.load_survey()
            if survey is not None and not quiet:
                self.stdout.write(f"Citizen survey: {survey.code}.")
            # A week of queue tickets at the Xuân Hương centre, for its waiting-time report.
            tickets = counters.load_history(
                units["xuanhuong"], officer=User.objects.get(username="xuanhuong.motcua")
            )
            if tickets and not quiet:
                self.stdout.write(f"Queue tickets of the last week at Xuân Hương: {tickets}.")
            # Fees in cash at Xuân Hương and the monthly remittances (docs/remittance.md).
            remitted = remittance.load_remittances()
            if remitted and not quiet:
                self.stdout.write(f"Remittances to the treasury recorded: {remitted}.")
            # Dossiers received at one ward for another (the boundary-free register), once,
            # after the remittance's cash fees (which re-file the ward's own paying dossiers).
            crossed = boundary.load_dossiers(units)
            if crossed and not quiet:
                self.stdout.write(f"Dossiers received for another ward: {crossed}.")
        if dossiers > 0:
            # Every simulated dossier reaches the demo national portal before the site opens.
            from motcua.integrations.portal import outbox

            delivered = outbox.drain()
            if not quiet:
                self.stdout.write(f"Messages delivered to the demo national portal: {delivered}.")
        # A database from before the aggregates existed: compute them once.
        if aggregates.needs_rebuild():
            built, _flows, _spans = aggregates.rebuild()
            if not quiet:
                self.stdout.write(f"Statistics aggregates computed from {built} dossiers.")
        if quiet:
            return
        self.stdout.write(self.style.SUCCESS("Demo data is loaded."))
        self.stdout.write(
            f"Procedure catalogue: {summary.procedures} procedures "
            f"({summary.created} versions added, {summary.unchanged} unchanged)."
        )
        self.stdout.write(f"Password for every demo account: {province.DEMO_PASSWORD}")
        width = max(len(login.who) for login in logins)
        for login in logins:
            self.stdout.write(f"  {login.who:<{width}}  {login.username:<22} {login.where}")
        self.stdout.write("Counter screens of the Xuân Hương centre:")
        for screen in screens:
            self.stdout.write(f"  {screen.who:<{width}}  {screen.where}")
        self.stdout.write(self._second_factor_note())

    @staticmethod
    def _second_factor_note() -> str:
        if settings.DEBUG and settings.DEMO_OFFICERS_SKIP_2FA:
            return (
                "Demo officers sign in with the password only (DEMO_OFFICERS_SKIP_2FA, DEBUG); "
                "any other officer or admin account enrols an authenticator app at sign-in."
            )
        return (
            "Officers and administrators enrol an authenticator app at their first sign-in "
            "(second factor required; docs/security.md)."
        )
