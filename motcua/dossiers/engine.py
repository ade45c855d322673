"""The small engine that runs a procedure version's internal process (quy trình nội bộ) as data.

A process is a list of steps grouped in stages: the steps of one stage run in parallel, stages
run in order. The engine copies the steps onto the dossier at receipt (so later process changes
never rewrite history) and then only answers questions and moves stages:

- the *intake* stage is a first stage made only of one-stop-desk steps: it ends when the desk
  hands the dossier to the resolving unit;
- the *return* stage is a last stage made only of desk steps: it starts when the result is ready
  and ends when the result is handed over;
- the stages between are the *resolution*; the last of them ends by recording the result.

A version without an internal process runs one resolution step, "Giải quyết hồ sơ", with the
whole time limit, so every dossier has a step history.
"""

from __future__ import annotations

import copy
import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from motcua.catalog import selectors as catalog
from motcua.catalog.constants import StepUnit
from motcua.worktime.workcalendar import WorkCalendar

from . import clock
from .constants import Status
from .models import Dossier, DossierStep, Transfer

DESK_UNITS = frozenset({StepUnit.DESK, StepUnit.APPLICANT})


def instantiate(dossier: Dossier, *, total_hours: Decimal) -> list[DossierStep]:
    """Copy the applicable internal process onto ``dossier`` (already saved)."""
    process = catalog.internal_process(
        dossier.procedure_version, agency=dossier.resolving_agency, channel=dossier.channel
    )
    rows = []
    if process is not None:
        for order, step in enumerate(process.steps.all(), start=1):
            rows.append(
                DossierStep(
                    dossier=dossier,
                    order=order,
                    stage=step.stage,
                    process_step=step,
                    name=step.name,
                    unit_kind=step.unit,
                    role=step.role,
                    quota_hours=clock.quota_hours(step.quota_amount, step.quota_unit),
                )
            )
    if not rows:
        rows.append(
            DossierStep(
                dossier=dossier,
                order=1,
                stage=1,
                name=_("Giải quyết hồ sơ"),
                unit_kind=StepUnit.SPECIALIST_UNIT,
                quota_hours=total_hours,
            )
        )
    return DossierStep.objects.bulk_create(rows)


def stages(steps: list[DossierStep]) -> list[int]:
    return sorted({step.stage for step in steps})


def _is_desk_stage(steps: list[DossierStep], stage: int) -> bool:
    return all(step.unit_kind in DESK_UNITS for step in steps if step.stage == stage)


def intake_stage(steps: list[DossierStep]) -> int | None:
    ordered = stages(steps)
    if len(ordered) > 1 and _is_desk_stage(steps, ordered[0]):
        return ordered[0]
    return None


def return_stage(steps: list[DossierStep]) -> int | None:
    ordered = stages(steps)
    if (
        len(ordered) > 1
        and _is_desk_stage(steps, ordered[-1])
        and ordered[-1] != intake_stage(steps)
    ):
        return ordered[-1]
    return None


def resolution_stages(steps: list[DossierStep]) -> list[int]:
    skip = {intake_stage(steps), return_stage(steps)}
    return [stage for stage in stages(steps) if stage not in skip]


def steps_of(dossier: Dossier) -> list[DossierStep]:
    return list(dossier.steps.select_related("agency", "assignee").order_by("order"))


def open_steps(steps: list[DossierStep]) -> list[DossierStep]:
    return [step for step in steps if step.is_open]


def current_stage(steps: list[DossierStep]) -> int | None:
    opened = open_steps(steps)
    return opened[0].stage if opened else None


def start_stage(
    dossier: Dossier,
    steps: list[DossierStep],
    stage: int,
    at: datetime.datetime,
    calendar: WorkCalendar,
    *,
    assignee=None,
) -> list[DossierStep]:
    """Start the steps of ``stage`` that have not run yet. A stage whose steps have all run —
    the dossier was sent back to an earlier step (trả lại bước trước) and comes through it
    again — runs again as new step rows copied from its latest pass, so the history keeps every
    pass; ``steps`` is extended with them."""
    pending = [step for step in steps if step.stage == stage and step.started_at is None]
    if not pending:
        pending = _next_pass(steps, stage)
    started = []
    for step in pending:
        if step.stage == stage:
            step.started_at = at
            step.due_at = clock.add_hours(at, step.quota_hours, calendar)
            step.agency = step.agency or dossier.holder
            if assignee is not None and step.unit_kind not in DESK_UNITS:
                step.assignee = assignee
            step.save(update_fields=["started_at", "due_at", "agency", "assignee"])
            started.append(step)
    return started


def _next_pass(steps: list[DossierStep], stage: int) -> list[DossierStep]:
    ran = [step for step in steps if step.stage == stage and step.started_at is not None]
    if not ran:
        return []
    latest = max(step.started_at for step in ran)
    last_order = max(step.order for step in steps)
    fresh = []
    for offset, old in enumerate(
        sorted((s for s in ran if s.started_at == latest), key=lambda s: s.order), start=1
    ):
        step = copy.copy(old)
        step.pk = None
        step._state = copy.copy(old._state)
        step._state.adding = True
        step.order = last_order + offset
        step.started_at = step.due_at = step.finished_at = step.worked_hours = None
        step.save()
        fresh.append(step)
    steps.extend(fresh)
    return fresh


def finish_step(
    dossier: Dossier, step: DossierStep, at: datetime.datetime, calendar: WorkCalendar, *, by=None
) -> DossierStep:
    """Close ``step`` at ``at``; its actual time excludes the working time paused meanwhile. A
    step closed before its clock started (a hand-over before office hours) took no time."""
    at = max(at, step.started_at)
    worked = clock.working_hours_between(step.started_at, at, calendar)
    for pause in dossier.pauses.all():
        start = max(pause.started_at, step.started_at)
        end = min(pause.ended_at or at, at)
        if end > start:
            worked -= clock.working_hours_between(start, end, calendar)
    step.finished_at = at
    step.worked_hours = max(worked, Decimal(0)).quantize(Decimal("0.01"))
    if by is not None and step.assignee_id is None:
        step.assignee = by
    step.save(update_fields=["finished_at", "worked_hours", "assignee"])
    return step


def next_stage(steps: list[DossierStep], after: int) -> int | None:
    later = [stage for stage in stages(steps) if stage > after]
    return later[0] if later else None


def leads_to_approval(steps: list[DossierStep], stage: int) -> bool:
    """Whether the stage after ``stage`` is an approval stage: its steps submit the dossier, with
    the draft result, to the leader (trình lãnh đạo phê duyệt)."""
    following = next_stage(steps, stage)
    return following is not None and any(
        step.unit_kind == StepUnit.LEADERSHIP for step in steps if step.stage == following
    )


def is_last_resolution_stage(steps: list[DossierStep], stage: int) -> bool:
    resolution = resolution_stages(steps)
    return bool(resolution) and stage == resolution[-1]


def open_transfer(dossier: Dossier) -> Transfer | None:
    return dossier.transfers.filter(returned_at__isnull=True).order_by("-sent_at").first()


def working_status(dossier: Dossier, steps: list[DossierStep]) -> str:
    """The state a dossier is in while being worked on, derived from its open steps and
    transfers (used when a pause ends or a step moves)."""
    if open_transfer(dossier) is not None:
        return Status.TRANSFERRED
    opened = open_steps(steps)
    if any(step.unit_kind == StepUnit.LEADERSHIP for step in opened):
        return Status.AWAITING_APPROVAL
    intake = intake_stage(steps)
    if any(step.stage != intake for step in steps if step.started_at is not None):
        return Status.IN_PROGRESS
    return Status.RECEIVED


def shift_open_steps(steps: list[DossierStep], calendar: WorkCalendar, paused_hours: Decimal):
    """Move the due times of open steps later by the working time the clock was paused."""
    if paused_hours <= 0:
        return
    for step in open_steps(steps):
        step.due_at = clock.add_hours(step.due_at, paused_hours, calendar)
        step.save(update_fields=["due_at"])
