"""The dossier page's "Thông tin tờ khai" section: the applicant's answers to the procedure's own
form, as typed (``catalog.answers``); the components a VNeID-verified applicant did not have to
give; and, while the desk checks an online dossier, the correction of an answer
(``dossiers.services.correct_answers``), checked by the same validator as the portal."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.catalog import answers
from motcua.catalog import selectors as catalog
from motcua.catalog.answer_fields import AnswersFormMixin, initial_answers
from motcua.dossiers import services
from motcua.dossiers.constants import Action
from motcua.dossiers.services.answers import applicant_birth_date

from .forms import ActionForm


class CorrectAnswersForm(AnswersFormMixin, ActionForm):
    """Every field of the dossier's form, filled with the current answers, and why they change."""

    answer_prefix = "answer_"
    reason = forms.CharField(
        label=_("Lý do sửa"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ví dụ: sửa theo Giấy chứng sinh; người nộp báo nhập nhầm qua điện thoại."),
    )

    def __init__(self, *args, dossier=None, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        reason = self.fields.pop("reason")
        specs = answers.fields_of(dossier.procedure_version)
        self.add_answer_fields(specs)
        self.fields["reason"] = reason
        if not self.is_bound:
            stored = dossier.form_data.get("fields")
            self.initial.update(initial_answers(specs, stored, self.answer_prefix))

    def clean(self):
        cleaned = super().clean()
        # The same check as the service's (services.correct_answers), before it is asked.
        self.check_answers(
            today=timezone.localdate(),
            applicant_birth_date=applicant_birth_date(self.dossier),
            complete=answers.has_own_fields(self.dossier.procedure_version),
        )
        return cleaned

    def answers_given(self) -> dict:
        """Every field as typed; a blank one clears its answer."""
        data = self.cleaned_data
        return {
            spec["name"]: data.get(self.answer_prefix + spec["name"], "")
            for spec in self.answer_specs
        }


def correct(dossier, user, form: CorrectAnswersForm):
    return services.correct_answers(
        dossier,
        actor=user,
        answers_given=form.answers_given(),
        reason=form.cleaned_data["reason"],
        expected_version=form.cleaned_data["version"],
        idempotency_key=form.cleaned_data["idempotency_key"],
    )


def section(dossier, *, correction=None, failed=None) -> dict:
    """What the section shows; ``correction`` is the action's Spec when the reader may correct
    now, ``failed`` the (action, form) of a refused try, shown again with its messages."""
    form, opened = None, False
    if correction is not None:
        if failed and failed[0] == Action.CORRECT_ANSWERS:
            form, opened = failed[1], True
        else:
            form = correction.build(dossier, None)
    waived = catalog.components_waived(
        dossier.procedure_version, vneid_verified=dossier.vneid_verified
    )
    given = {row.component_id for row in dossier.components.all()}
    return {
        "answers": answers.shown_answers(dossier),
        "waived": [c for c in waived if c.pk not in given],
        "spec": correction,
        "form": form,
        "open": opened,
    }
