"""Downloads of nämnd-ready PDF documents for a plan revision."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from organisations import access
from organisations.access import Perm

from . import pdf
from .models import PlanRevision


def _exportable_revision(request, pk) -> PlanRevision:
    revision = get_object_or_404(
        PlanRevision.objects.visible_to(request.user).select_related("plan__organisation", "copied_from"),
        pk=pk,
    )
    access.require(request.user, Perm.EXPORT, revision.plan.organisation)
    return revision


def _pdf_response(document: pdf.RenderedDocument) -> HttpResponse:
    response = HttpResponse(document.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    # A draft changes with every edit; an adopted revision's bytes never do, but stay private.
    response["Cache-Control"] = "private, max-age=3600" if document.frozen else "private, no-store"
    return response


@login_required
@require_safe
def revision_pdf(request, pk):
    revision = _exportable_revision(request, pk)
    return _pdf_response(pdf.revision_document(revision, by=request.user))


@login_required
@require_safe
def revision_case_pdf(request, pk):
    revision = _exportable_revision(request, pk)
    return _pdf_response(pdf.case_document(revision, by=request.user))
