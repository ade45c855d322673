"""A realistic workload (``manage.py simulate``): dossiers over the catalogue and agencies in the
database, each driven through its whole life by the same service functions the interfaces call,
at simulated instants. Deterministic for a seed on the same starting data.

The mix (shares are of dossiers, approximate): online 55 % where offered, direct 40 %, postal 5 %;
guidance before acceptance 7 % of online ones; refusal at intake 3 %; supplement after appraisal
12 % (a second one 2 %); financial obligation 15 % of fee-bearing ones; liên thông transfer 5 %;
steps slower than quota ~12 %, half of the late ones apologised for in time; stop 2 %;
withdrawal 2 %; refusal after appraisal 5 %. Events later than the horizon are not performed, so
recent dossiers stay open as in a live system.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from motcua.accounts import services as accounts
from motcua.accounts.models import User
from motcua.agencies import services as agency_services
from motcua.agencies.constants import Level, Role
from motcua.agencies.models import Agency
from motcua.catalog import selectors as catalog
from motcua.catalog.constants import Channel, OnlineLevel, Quantity, Requirement, StepUnit
from motcua.documents.services import store_file

from . import clock, engine, services
from .constants import Delivery, Outcome, Status
from .errors import DossierError
from .models import Dossier
from .services import Applicant, ComponentInput
from .simulation_support import Staff, Summary, desk_for, sample_answers

SIM_PASSWORD = None  # simulated staff and citizens cannot sign in
MAX_TURNS = 60  # a dossier's life never needs more; a rule refusing every turn cannot loop forever


class Simulator:
    def __init__(self, *, seed: int, start: datetime.date, end: datetime.date, horizon=None):
        self.rng = random.Random(seed)  # noqa: S311 - a reproducible workload, not a secret
        self.start, self.end = start, end
        self.tz = timezone.get_current_timezone()
        self.horizon = horizon or timezone.now()
        self.summary = Summary()
        self._staff: dict[int, Staff] = {}
        self._citizens: list[User] = []
        self.catalogue = self._catalogue()

    # --- set-up -------------------------------------------------------------------------
    def _catalogue(self) -> list[tuple]:
        """(version, resolving agency, desk, channels) for every version in force at the end
        of the window and every agency that executes it."""
        rows = []
        versions = (
            catalog.in_force(self.end).select_related("procedure").order_by("procedure__code")
        )
        for version in versions:
            channels = [
                c
                for c in (Channel.ONLINE, Channel.DIRECT, Channel.POSTAL)
                if catalog.channel_term(version, c)
            ]
            if not channels:
                continue
            for agency in catalog.executing_agencies(version, on=self.end).order_by("path"):
                desk = desk_for(agency, self.end)
                if desk is not None and desk.is_active_on(self.start):
                    rows.append((version, agency, desk, channels))
        if not rows:
            raise ValueError(
                "No procedure in force with an executing agency and a desk: load the demo first."
            )
        return rows

    def staff(self, agency: Agency, desk: Agency) -> Staff:
        if agency.pk not in self._staff:
            since = max(agency.valid_from, desk.valid_from)

            def officer(role: str, unit: Agency) -> User:
                username = f"sim.{unit.pk}.{role}"
                user = User.objects.filter(username=username).first() or accounts.create_officer(
                    username=username,
                    full_name=f"Cán bộ mô phỏng {Role(role).label}",
                    password=SIM_PASSWORD,
                )
                agency_services.assign_role(user, unit=unit, role=role, valid_from=since)
                return user

            self._staff[agency.pk] = Staff(
                desk=officer(Role.DESK_OFFICER, desk),
                specialist=officer(Role.SPECIALIST, agency),
                leader=officer(Role.AGENCY_LEADER, agency),
                registry=officer(Role.REGISTRY_CLERK, agency),
            )
        return self._staff[agency.pk]

    def citizen(self) -> User:
        if len(self._citizens) < 40:
            number = len(self._citizens) + 1
            personal_id = f"068{1 if number % 2 else 0}{70 + number % 30:02d}{number:06d}"
            user = User.objects.filter(username=personal_id).first() or accounts.register_citizen(
                personal_id=personal_id,
                full_name=f"Công dân mô phỏng {number}",
                date_of_birth=datetime.date(1970 + number % 30, 1 + number % 12, 1 + number % 28),
                password=SIM_PASSWORD,
                phone=f"09{number:08d}",
                vneid_verified=number % 3 != 0,
            )
            self._citizens.append(user)
            return user
        return self.rng.choice(self._citizens)

    # --- time -----------------------------------------------------------------------------
    def arrival(self) -> datetime.datetime:
        days = (self.end - self.start).days
        day = self.start + datetime.timedelta(days=self.rng.randint(0, days))
        minute = self.rng.randint(7 * 60 + 30, 17 * 60 - 1)
        return datetime.datetime.combine(
            day, datetime.time(minute // 60, minute % 60), tzinfo=self.tz
        )

    def later(self, moment, dossier_or_calendar, hours: float) -> datetime.datetime:
        calendar = (
            clock.calendar_of(dossier_or_calendar)
            if isinstance(dossier_or_calendar, Dossier)
            else dossier_or_calendar
        )
        return clock.add_hours(moment, Decimal(str(round(hours, 2))), calendar)

    def chance(self, share: float) -> bool:
        return self.rng.random() < share

    # --- one life ---------------------------------------------------------------------------
    def run(self, count: int) -> Summary:
        arrivals = sorted(self.arrival() for _ in range(count))
        for moment in arrivals:
            version, agency, desk, channels = self.catalogue[
                self.rng.randrange(len(self.catalogue))
            ]
            dossier = self.life(moment, version, agency, desk, channels)
            if dossier is not None:
                self.summary.created += 1
                self.summary.by_status[dossier.status] = (
                    self.summary.by_status.get(dossier.status, 0) + 1
                )
        return self.summary

    def act(self, function, dossier, at, **kwargs):
        """Perform one use case unless it falls after the horizon (None: the life stops there).
        A refusal is counted and the dossier, unchanged, goes on."""
        if dossier is None or at > self.horizon:
            return None
        try:
            return function(dossier, at=at, **kwargs)
        except DossierError as error:
            self.summary.refused(function, error)
            return Dossier.objects.get(pk=dossier.pk)

    def _form_data(self, version, moment, who: Applicant) -> dict:
        """Answers to the version's own form; drawn from a generator of their own so the rest
        of the workload stays as it was for the seed."""
        if not version.form_fields:
            return {}
        rng = random.Random(f"{moment.isoformat()}-{version.pk}")  # noqa: S311 - not a secret
        day = timezone.localdate(moment)
        return {"fields": sample_answers(version.form_fields, rng, day, who.birth_date)}

    def _quantities(self) -> dict[str, int]:
        """What an applicant asks for, for the fees counted per copy, page or item."""
        return {
            Quantity.COPIES: self.rng.randint(1, 3),
            Quantity.PAGES: self.rng.randint(1, 12),
            Quantity.ITEMS: self.rng.randint(1, 3),
        }

    def _components(self, version) -> list[ComponentInput]:
        digitize = self.chance(0.8)
        reuse = self.chance(0.3)
        items = []
        for component in version.components.all():
            if component.requirement != Requirement.MANDATORY and not self.chance(0.2):
                continue
            files = []
            if digitize:
                files = [
                    store_file(
                        f"{component.name}\n".encode(),
                        name="giay-to.txt",
                        content_type="text/plain",
                    )
                ]
            items.append(
                ComponentInput(
                    name=component.name,
                    component=component,
                    files=files,
                    paper_originals=component.originals,
                    paper_copies=component.copies,
                    reused=reuse and bool(files),
                )
            )
        return items

    def life(self, moment, version, agency, desk, channels) -> Dossier | None:
        staff = self.staff(agency, desk)
        online_offered = Channel.ONLINE in channels and version.online_level != OnlineLevel.NONE
        roll = self.rng.random()
        if online_offered and roll < 0.55:
            channel = Channel.ONLINE
        elif Channel.POSTAL in channels and roll > 0.95:
            channel = Channel.POSTAL
        else:
            channel = Channel.DIRECT if Channel.DIRECT in channels else channels[0]
        if (
            channel == Channel.ONLINE
            and version.online_level == OnlineLevel.FULL
            and self.chance(0.5)
        ):
            delivery = Delivery.ONLINE
        else:
            delivery = Delivery.POST if self.chance(0.1) else Delivery.DESK
        citizen = self.citizen()
        who = Applicant.from_account(citizen)
        where = {"procedure_version": version, "receiving_unit": desk, "resolving_agency": agency}
        address = who.address or "Địa chỉ mô phỏng"
        form_data = self._form_data(version, moment, who)
        try:
            if channel == Channel.ONLINE:
                dossier = services.submit_online(
                    actor=citizen,
                    at=moment,
                    components=self._components(version),
                    delivery=delivery,
                    delivery_address=address,
                    form_data=form_data,
                    fee_quantities=self._quantities(),
                    **where,
                )
                return self._intake(dossier, staff, citizen)
            if self.chance(0.03):
                return services.refuse_intake(
                    None,
                    actor=staff.desk,
                    reason="Hồ sơ không thuộc thẩm quyền",
                    at=moment,
                    applicant=who,
                    channel=channel,
                    **where,
                )
            dossier = services.receive(
                actor=staff.desk,
                applicant=who,
                channel=channel,
                at=moment,
                components=self._components(version),
                delivery=delivery,
                delivery_address=address,
                form_data=form_data,
                fee_quantities=self._quantities(),
                **where,
            )
        except DossierError as error:
            self.summary.refused(services.receive, error)
            return None
        self.resolve(dossier, staff)
        return Dossier.objects.get(pk=dossier.pk)

    def _intake(self, dossier: Dossier, staff: Staff, citizen: User) -> Dossier:
        pk = dossier.pk
        calendar = clock.calendar_of(dossier)
        check = self.later(dossier.submitted_at, calendar, self.rng.uniform(0.3, 10))
        if self.chance(0.03):
            self.act(
                services.refuse_intake,
                dossier,
                check,
                actor=staff.desk,
                reason="Không thuộc thẩm quyền",
            )
            return Dossier.objects.get(pk=pk)
        if self.chance(0.01):
            self.act(services.withdraw, dossier, check, actor=citizen, reason="Nộp nhầm thủ tục")
            return Dossier.objects.get(pk=pk)
        if self.chance(0.07):
            dossier = self.act(
                services.request_intake_supplement,
                dossier,
                check,
                actor=staff.desk,
                items=[{"name": "Bản chụp giấy tờ rõ nét", "reason": "Ảnh chụp bị mờ"}],
            )
            check = self.later(check, calendar, self.rng.uniform(4, 24))
            dossier = self.act(services.resubmit, dossier, check, actor=citizen, components=[])
            check = self.later(check, calendar, self.rng.uniform(0.5, 6))
        dossier = self.act(services.accept, dossier, check, actor=staff.desk)
        if dossier is not None:
            self.resolve(dossier, staff)
        return Dossier.objects.get(pk=pk)

    def resolve(self, dossier: Dossier, staff: Staff) -> None:
        """Work the dossier through its internal process until it is returned, or until an event
        would fall after the horizon."""
        rng = self.rng
        now = self.later(dossier.received_at, dossier, rng.uniform(0, 2))
        dossier = self.act(
            services.assign, dossier, now, actor=staff.desk, assignee=staff.specialist
        )
        if dossier is not None and self.chance(0.02):
            later = self.later(now, dossier, rng.uniform(1, 8))
            self.act(
                services.withdraw, dossier, later, actor=staff.desk, reason="Đơn xin rút hồ sơ"
            )
            return
        slow = self.chance(0.12)
        supplements = 2 if self.chance(0.02) else int(self.chance(0.12))
        paid = transferred = False
        while dossier is not None and dossier.status in (
            Status.IN_PROGRESS,
            Status.AWAITING_APPROVAL,
        ):
            steps = engine.steps_of(dossier)
            opened = engine.open_steps(steps)
            if not opened:
                return
            step = opened[0]
            if slow and not dossier.reappointments.exists() and self.chance(0.5):
                dossier = self._apologise(dossier, staff, now, step)
            factor = rng.uniform(1.1, 2.5) if slow else rng.uniform(0.2, 0.95)
            now = self.later(now, dossier, max(float(step.quota_hours) * factor, 0.25))
            if step.unit_kind in (StepUnit.SPECIALIST_UNIT, StepUnit.PARTNER_AGENCY):
                if supplements:
                    supplements -= 1
                    dossier, now = self._supplement(dossier, staff, now)
                    continue
                if not paid and dossier.fees.exists() and self.chance(0.15):
                    paid = True
                    dossier, now = self._payment(dossier, staff, now)
                    continue
                if not transferred and (
                    step.unit_kind == StepUnit.PARTNER_AGENCY or self.chance(0.05)
                ):
                    transferred = True
                    dossier, now = self._transfer(dossier, staff, now)
                    continue
                if self.chance(0.02):
                    self.act(
                        services.stop,
                        dossier,
                        now,
                        actor=staff.leader,
                        reason="Người nộp không đủ điều kiện",
                    )
                    return
                if engine.is_last_resolution_stage(steps, step.stage):
                    file = self._result_file(dossier)
                    dossier = self.act(
                        services.record_result, dossier, now, actor=staff.leader, file=file
                    )
                else:
                    dossier = self.act(services.complete_step, dossier, now, actor=staff.specialist)
            elif step.unit_kind == StepUnit.LEADERSHIP:
                refuse = self.chance(0.05)
                dossier = self.act(
                    services.approve,
                    dossier,
                    now,
                    actor=staff.leader,
                    decision=Outcome.REFUSED if refuse else Outcome.GRANTED,
                    note="Không đủ điều kiện" if refuse else "",
                    result_file=self._result_file(dossier),
                )
            elif engine.is_last_resolution_stage(steps, step.stage):
                actor = staff.registry if step.unit_kind == StepUnit.REGISTRY else staff.leader
                file = self._result_file(dossier)
                dossier = self.act(services.record_result, dossier, now, actor=actor, file=file)
            else:
                dossier = self.act(services.complete_step, dossier, now, actor=staff.leader)
        if dossier is not None and dossier.status == Status.RESULT_READY:
            now = self.later(now, dossier, rng.uniform(0.5, 24))
            self.act(
                services.return_result,
                dossier,
                now,
                actor=staff.desk,
                recipient_name=dossier.applicant_name,
                recipient_id_number=dossier.applicant_id_number or "000000000000",
                originals_returned=True,
                tracking_code=f"EL{rng.randint(10**8, 10**9 - 1)}VN",
                postal_fee=Decimal(25000),
            )

    def _apologise(self, dossier, staff, now, step):
        """Foreseeing the delay, the leader apologises while a working day is still left."""
        projected = self.later(now, dossier, float(step.quota_hours) * 2.5 + 8)
        new_due = max(projected, dossier.due_at + datetime.timedelta(hours=1))
        done = self.act(
            services.reappoint,
            dossier,
            now,
            actor=staff.leader,
            new_due_at=new_due,
            reason="Cần xác minh thêm",
        )
        return done or Dossier.objects.get(pk=dossier.pk)

    def _supplement(self, dossier, staff, now):
        # Asked within the legal limit after receipt, as a careful specialist does.
        last_event = dossier.events.order_by("-sequence").values_list("at", flat=True).first()
        limit = self.later(dossier.clock_start_at, dossier, self.rng.uniform(1, 20))
        asked = max(min(now, limit), last_event)
        pk = dossier.pk
        dossier = self.act(
            services.request_supplement,
            dossier,
            asked,
            actor=staff.specialist,
            items=[{"name": "Giấy tờ chứng minh", "reason": "Chưa đủ căn cứ giải quyết"}],
        )
        if dossier is None or self.chance(0.05):
            return None, now  # refused, past the horizon, or the applicant never answers
        answered = self.later(max(now, asked), dossier, self.rng.uniform(4, 40))
        dossier = self.act(
            services.complete_supplement,
            dossier,
            answered,
            actor=staff.desk,
            components=[ComponentInput(name="Giấy tờ chứng minh", paper_copies=1)],
        )
        return dossier or (
            None if answered > self.horizon else Dossier.objects.get(pk=pk)
        ), answered

    def _payment(self, dossier, staff, now):
        dossier = self.act(
            services.request_payment, dossier, now, actor=staff.specialist, reason="Nộp lệ phí"
        )
        if dossier is None:
            return None, now
        paid_at = self.later(now, dossier, self.rng.uniform(2, 24))
        online = self.chance(0.7)
        dossier = self.act(
            services.confirm_payment,
            dossier,
            paid_at,
            actor=None if online else staff.desk,
            reference=f"SIM-{self.rng.randint(100000, 999999)}",
            online=online,
        )
        return dossier, paid_at

    def _transfer(self, dossier, staff, now):
        partner = self._partner(dossier)
        if partner is None:
            return dossier, now
        partner_staff = self.staff(partner, desk_for(partner, self.end) or partner)
        dossier = self.act(
            services.transfer,
            dossier,
            now,
            actor=staff.specialist,
            to_agency=partner,
            task="Đề nghị xác minh, cho ý kiến",
            quota_hours=8,
        )
        if dossier is None:
            return None, now
        back = self.later(now, dossier, self.rng.uniform(2, 16))
        reply = "Đã xác minh"
        dossier = self.act(
            services.return_transfer, dossier, back, actor=partner_staff.specialist, reply=reply
        )
        return dossier, back

    def _partner(self, dossier) -> Agency | None:
        candidates = [
            a
            for a in Agency.objects.active_on(self.end)
            .filter(level=Level.DEPARTMENT)
            .order_by("pk")
            if a.pk != dossier.resolving_agency_id and a.pk != dossier.holder_id
        ]
        return self.rng.choice(candidates) if candidates else None

    def _result_file(self, dossier):
        if dossier.delivery != Delivery.ONLINE:
            return None
        return store_file(
            f"Kết quả giải quyết hồ sơ {dossier.code}\n".encode(),
            name=f"{dossier.code}-KQ.txt",
            content_type="text/plain",
        )


def simulate(
    count: int, *, seed: int, start: datetime.date, end: datetime.date, horizon=None
) -> Summary:
    return Simulator(seed=seed, start=start, end=end, horizon=horizon).run(count)
