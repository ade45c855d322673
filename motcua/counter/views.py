"""Public screens bound to a centre (kiosk, printed ticket, display board), the counter's
tablet (bound by its device token) and the officer's desk panel. The report is in
``views_report``."""

from __future__ import annotations

import contextlib

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from motcua.agencies.models import Agency
from motcua.backoffice.access import officer_required
from motcua.catalog.models import Field
from motcua.feedback.constants import Level

from . import access, selectors, services
from .constants import (
    BOARD_REFRESH_SECONDS,
    NEGATIVE_REASONS,
    POSITIVE_REASONS,
    TABLET_REFRESH_SECONDS,
    TicketAction,
)
from .errors import CounterError
from .forms import DoneForm, LevelForm, ReasonForm, TakeForm
from .models import Counter, Ticket


def _centre_or_404(centre_id: int) -> Agency:
    try:
        return access.public_centre(centre_id)
    except Agency.DoesNotExist:
        raise Http404 from None


@require_http_methods(["GET", "POST"])
def kiosk(request, centre_id: int):
    """Take a number: one button per field, each a form of its own (no script needed)."""
    centre = _centre_or_404(centre_id)
    fields = selectors.kiosk_fields(centre)
    form = TakeForm(request.POST or None, fields=[f for f, _n in fields])
    if request.method == "POST" and form.is_valid():
        try:
            ticket = services.take_ticket(centre, Field.objects.get(pk=form.cleaned_data["field"]))
        except CounterError as error:
            form.add_error(None, error.messages)
        else:
            return redirect("counter:ticket", centre.pk, ticket.pk, ticket.key)
    context = {"centre": centre, "fields": fields, "form": form}
    return render(request, "counter/kiosk.html", context, status=400 if form.errors else 200)


def ticket(request, centre_id: int, ticket_id: int, key: str):
    """The printable ticket: number, field, time, how many wait before it."""
    centre = _centre_or_404(centre_id)
    try:
        taken = selectors.ticket_of(centre, ticket_id, key)
    except Ticket.DoesNotExist:
        raise Http404 from None
    context = {"centre": centre, "ticket": taken, "ahead": selectors.waiting_ahead(taken)}
    return render(request, "counter/ticket.html", context)


def board(request, centre_id: int):
    """The display board, reloading itself every few seconds."""
    centre = _centre_or_404(centre_id)
    context = {
        "centre": centre,
        "board": selectors.board(centre),
        "refresh": BOARD_REFRESH_SECONDS,
        "now": timezone.localtime(),
    }
    return render(request, "counter/board.html", context)


def _tablet_counter(counter_id: int, token: str) -> Counter:
    try:
        return access.counter_by_token(counter_id, token)
    except Counter.DoesNotExist:
        raise Http404 from None


@require_http_methods(["GET", "POST"])
def tablet(request, counter_id: int, token: str):
    """Tap one: the level; tap two (optional): a reason; then thanks, and back to waiting."""
    counter = _tablet_counter(counter_id, token)
    context = {
        "counter": counter,
        "centre": counter.centre,
        "refresh": TABLET_REFRESH_SECONDS,
        "token": token,
    }
    if request.method == "POST" and "reason" in request.POST:
        form = ReasonForm(request.POST)
        # The rating stands; a late or second reason is simply not kept.
        if form.is_valid():
            with contextlib.suppress(CounterError):
                services.add_reason(
                    counter, form.cleaned_data["ticket"], form.cleaned_data["reason"]
                )
        return render(request, "counter/tablet_thanks.html", context)
    if request.method == "POST":
        form = LevelForm(request.POST)
        if form.is_valid():
            try:
                services.rate_ticket(
                    counter, form.cleaned_data["ticket"], form.cleaned_data["level"]
                )
            except CounterError as error:
                context["error"] = error.messages[0]
            else:
                offered = (
                    NEGATIVE_REASONS
                    if form.cleaned_data["level"] == Level.NOT_SATISFIED
                    else POSITIVE_REASONS
                )
                reasons = [(r.value, r.label) for r in offered]
                context.update(ticket_id=form.cleaned_data["ticket"], reasons=reasons)
                return render(request, "counter/tablet_reason.html", context)
    context["ticket"] = selectors.ratable_ticket(counter)
    return render(request, "counter/tablet.html", context)


@officer_required
def desk(request):
    """The officer's panel: the counters they may sit at, or the counter they sit at with the
    number being served and the buttons."""
    session = selectors.session_of(request.user)
    if session is not None and not access.may_sit(request.user, session.counter):
        session = None
    counters = list(access.counters_for(request.user))
    sitting = selectors.sitting_at(counters)
    for counter in counters:
        counter.sitter = sitting.get(counter.pk)
    context = {
        "session": session,
        "counters": counters,
        "done_form": DoneForm(),
        "may_report": bool(access.report_centres(request.user)),
    }
    if session is not None:
        counter = session.counter
        context.update(
            counter=counter,
            serving=selectors.serving(counter),
            waiting=selectors.waiting_by_field(counter),
        )
    return render(request, "counter/desk.html", context)


DESK_ACTIONS = {"open", "close", *TicketAction.values}


@officer_required
@require_POST
def desk_act(request, counter_id: int, action: str):
    counter = Counter.objects.select_related("centre").filter(pk=counter_id).first()
    if action not in DESK_ACTIONS or counter is None or not access.may_sit(request.user, counter):
        raise Http404
    try:
        if action == "open":
            services.open_session(counter, request.user)
        elif action == "close":
            services.close_session(counter, request.user)
        elif action == TicketAction.CALL_NEXT:
            called = services.call_next(counter, request.user)
            messages.success(
                request,
                _("Đã gọi số %(number)s – %(field)s.")
                % {"number": called.display_number, "field": called.field.name},
            )
        else:
            form = DoneForm(request.POST)
            code = form.cleaned_data["dossier_code"] if form.is_valid() else ""
            services.act(counter, request.user, action, dossier_code=code)
    except CounterError as error:
        for text in error.messages:
            messages.error(request, text)
    return redirect("counter:desk")
