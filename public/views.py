"""Öppna sidor: an organisation that opts in publishes its adopted plan revisions and routines, read-only,
without login. Only adopted (and earlier adopted, ersatta) revisions and routine texts are shown: never
drafts, history, lägesbild, follow-up or the names of people (a routine's contact is its role only).

The PDF is the plan's public version (plans.pdf.public_document): stored at the decision beside the
nämnd's version, which names contact persons and the lägesbild's problems and so is never served here."""

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from documents.http import document_response
from organisations.models import Organisation
from plans import pdf
from plans.models import Activity, PlanRevision, Routine

from . import accessibility

PUBLISHED = (PlanRevision.Status.ADOPTED, PlanRevision.Status.SUPERSEDED)


def _organisation(pk) -> Organisation:
    return get_object_or_404(Organisation, pk=pk, publishes_publicly=True)


def _revision(organisation, revision_pk) -> PlanRevision:
    return get_object_or_404(
        PlanRevision.objects.select_related("plan__organisation"),
        pk=revision_pk,
        plan__organisation=organisation,
        status__in=PUBLISHED,
    )


@require_safe
def organisation_page(request, pk):
    organisation = _organisation(pk)
    revisions = (
        PlanRevision.objects.filter(plan__organisation=organisation, status__in=PUBLISHED)
        .select_related("plan")
        .order_by("plan__title", "-year")
    )
    routines = Routine.objects.filter(organisation=organisation).order_by("kind", "title")
    return TemplateResponse(
        request,
        "public/organisation.html",
        {"organisation": organisation, "revisions": revisions, "routines": routines},
    )


@require_safe
def revision_page(request, pk, revision_pk):
    organisation = _organisation(pk)
    revision = _revision(organisation, revision_pk)
    chapters = revision.chapters.order_by("order", "pk").prefetch_related(
        Prefetch("activities", queryset=Activity.objects.order_by("order", "pk"))
    )
    return TemplateResponse(
        request,
        "public/revision.html",
        {"organisation": organisation, "revision": revision, "chapters": chapters},
    )


@require_safe
def revision_pdf(request, pk, revision_pk):
    """The stored public PDF of the adopted revision, made when the nämnd's decision froze it."""
    revision = _revision(_organisation(pk), revision_pk)
    if not revision.is_frozen:
        raise Http404
    return document_response(request, pdf.public_document(revision))


@require_safe
def accessibility_statement(request):
    return TemplateResponse(
        request,
        "public/accessibility.html",
        {
            "problems": accessibility.KNOWN_PROBLEMS,
            "compliance": accessibility.COMPLIANCE,
            "assessed_on": accessibility.ASSESSED_ON,
            "assessment": accessibility.ASSESSMENT,
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
        },
    )
