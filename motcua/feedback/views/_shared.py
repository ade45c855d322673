"""What the three groups of pages share: turning a refused service call into form errors."""

from django.contrib import messages

from ..errors import FeedbackError


def refused(request, error: FeedbackError, form=None) -> None:
    """Show a service's refusal on the form (or as a message when there is none)."""
    for text in error.messages:
        if form is not None:
            form.add_error(None, text)
        else:
            messages.error(request, text)
