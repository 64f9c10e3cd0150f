"""Placing a draft revision's ärende on a nämnd meeting."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_POST

from meetings.placement import place

from .. import services
from .lookups import _revision


@login_required
@require_POST
def revision_place(request, pk):
    revision = _revision(request, pk)
    return place(
        request,
        obj=revision,
        organisation=revision.plan.organisation,
        service=lambda obj, meeting: services.place_revision(revision=obj, meeting=meeting, by=request.user),
        errors=services.PlanError,
    )
