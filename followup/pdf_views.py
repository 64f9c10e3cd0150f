"""Download of a follow-up round's report for the nämnd as a PDF."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_safe

from documents.http import document_response
from organisations.access import Perm

from . import pdf
from .selectors import round_for


@login_required
@require_safe
def round_pdf(request, pk):
    """404 unless the user sees the round; 403 unless they may export its plan's organisation."""
    round_ = round_for(request.user, pk, Perm.EXPORT)
    return document_response(request, pdf.report_document(round_))


@login_required
@require_safe
def round_docx(request, pk):
    """The report as Word, with the same checks as its PDF."""
    round_ = round_for(request.user, pk, Perm.EXPORT)
    return document_response(request, pdf.document(round_, "rapport.docx"))


@login_required
@require_safe
def round_case_pdf(request, pk):
    """The ärende presenting the report to the nämnd, with the same checks as the report."""
    round_ = round_for(request.user, pk, Perm.EXPORT)
    return document_response(request, pdf.document(round_, "beslutsforslag"))


@login_required
@require_safe
def round_case_docx(request, pk):
    round_ = round_for(request.user, pk, Perm.EXPORT)
    return document_response(request, pdf.document(round_, "beslutsforslag.docx"))
