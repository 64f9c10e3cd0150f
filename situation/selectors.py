"""Reads of the lägesbild that the detail page and the PDF share.

Which problems the plan answers is asked from this side only through the related names the plans app
gives its relations (`plan_revisions` on the picture, `activities` on a problem): situation never
imports plans, so the arrow between the apps keeps pointing one way.
"""

from django.db.models import Prefetch

from organisations import access
from organisations.access import Perm

from .models import Observation, Problem, SituationPicture

# PlanRevision.Status values, by value: the superseded revision no longer rests on anything current.
_CURRENT_REVISION_STATUSES = ("utkast", "antagen")


def problems(picture: SituationPicture):
    """The picture's problems in priority order, with their evidence prefetched."""
    return (
        Problem.objects.filter(picture=picture)
        .prioritised()
        .select_related("environment")
        .prefetch_related(
            Prefetch("observations", Observation.objects.select_related("kind", "environment")), "sources"
        )
    )


def unanswered_problems(picture: SituationPicture, user) -> list[tuple[object, list[Problem]]]:
    """For each current plan revision resting on the picture: its prioritised problems no activity answers."""
    revisions = (
        picture.plan_revisions.filter(status__in=_CURRENT_REVISION_STATUSES)
        .filter(plan__organisation__in=access.organisations_for(user, Perm.VIEW_DRAFT))
        .select_related("plan")
        .order_by("-year")
    )
    result = []
    for revision in revisions:
        missing = list(
            Problem.objects.filter(picture=picture)
            .exclude(activities__chapter__revision=revision)
            .prioritised()
        )
        result.append((revision, missing))
    return result
