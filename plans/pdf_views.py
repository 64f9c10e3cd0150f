"""Downloads of the nämnd documents of a plan revision (PDF and Word)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from documents.http import document_response
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


@login_required
@require_safe
def revision_pdf(request, pk):
    revision = _exportable_revision(request, pk)
    return document_response(request, pdf.revision_document(revision))


@login_required
@require_safe
def revision_case_pdf(request, pk):
    revision = _exportable_revision(request, pk)
    return document_response(request, pdf.case_document(revision))


@login_required
@require_safe
def revision_docx(request, pk):
    revision = _exportable_revision(request, pk)
    return document_response(request, pdf.document(revision, "plan.docx"))


@login_required
@require_safe
def revision_case_docx(request, pk):
    revision = _exportable_revision(request, pk)
    return document_response(request, pdf.document(revision, "beslutsforslag.docx"))


@login_required
@require_safe
def revision_compare_pdf(request, pk):
    """The comparison page as a PDF: who may compare and export the plan's papers."""
    from .views.revisions import compared_revisions

    revision, _others, other = compared_revisions(request, pk)
    access.require(request.user, Perm.EXPORT, revision.plan.organisation)
    if other is None:
        raise Http404
    return document_response(request, pdf.redline_document(revision, other))
