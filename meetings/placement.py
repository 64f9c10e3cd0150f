"""Placing a plan revision, a lägesbild or a follow-up round on a meeting: one form, one view shape.

The apps that own those objects call `place(...)` from their own view with their own service, so that
this app never imports them (arrows point from plans, situation and followup to meetings)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect

from organisations import access
from organisations.access import Action

from .models import Meeting


class PlacementForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label="Sammanträde", queryset=Meeting.objects.none(), required=False, empty_label="Inget sammanträde"
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.serving(organisation)
        self.fields["meeting"].label_from_instance = lambda m: f"{m.label} (handlingar senast {m.papers_due})"


def place(request, *, obj, organisation, service, errors, success="Placeringen är sparad."):
    """Validate the chosen meeting and run the app's placement service; always back to the object."""
    try:
        access.require_can(request.user, Action.PLACE, obj)
    except access.Frozen as error:  # a role that may place it, but it is adopted, fastställd or closed
        messages.error(request, error.message)
        return redirect(obj)
    form = PlacementForm(request.POST, organisation=organisation)
    if not form.is_valid():
        messages.error(request, "Välj ett sammanträde i listan.")
        return redirect(obj)
    try:
        service(obj, form.cleaned_data["meeting"])
    except errors as error:
        messages.error(request, getattr(error, "message", str(error)))
    else:
        messages.success(request, success)
    return redirect(obj)
