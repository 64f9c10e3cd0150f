"""Ärendet (tjänsteutlåtande) of a draft revision: the shared ärende page (documents.case_views)."""

from django.contrib.auth.decorators import login_required
from django.urls import reverse

from documents.case_views import case_edit

from .lookups import _revision


@login_required
def revision_case_edit(request, pk):
    revision = _revision(request, pk)
    plan = revision.plan
    return case_edit(
        request,
        owner=revision,
        crumbs=[
            ("Handlingsplaner", reverse("plans:plan_list")),
            (f"{plan.organisation.name}: {plan.title}", reverse("plans:plan_detail", args=[plan.pk])),
            (str(revision.year), revision.get_absolute_url()),
        ],
        heading=f"Ärendet (tjänsteutlåtande) för revideringen {revision.year}",
        purpose="anta planen",
    )
