from django import template

from ..surveys.selectors import open_for_dossier

register = template.Library()


@register.inclusion_tag("feedback/surveys/_invite.html")
def survey_invitations(dossier):
    """The citizen's dossier page: an invitation to each open campaign covering it."""
    return {"dossier": dossier, "surveys": open_for_dossier(dossier)}
