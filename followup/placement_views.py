"""Placing a follow-up round on the meeting it reports to."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_POST

from meetings.placement import place

from . import selectors, services


@login_required
@require_POST
def round_place(request, pk):
    round_ = selectors.round_for(request.user, pk)
    return place(
        request,
        obj=round_,
        organisation=round_.organisation,
        service=lambda obj, meeting: services.place_round(round=obj, meeting=meeting, by=request.user),
        errors=services.FollowUpError,
    )
