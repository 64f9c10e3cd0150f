"""Downloads of the lokal lägesbild and of its ärende as nämnd-ready PDF and Word documents.

403 for those who read no lägesbild at all (medarbetare), as on every lägesbild URL; 404 unless the
user may read this one; 403 unless they may also export its organisation's papers.
"""

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from documents.http import document_response
from organisations import access
from organisations.access import Perm

from . import pdf
from .models import SituationPicture


def _exportable(request, pk) -> SituationPicture:
    picture = get_object_or_404(
        SituationPicture.objects.visible_to(request.user).select_related("organisation"), pk=pk
    )
    access.require(request.user, Perm.EXPORT, picture.organisation)
    return picture


@access.holders_of(Perm.VIEW_SITUATION)
@require_safe
def picture_pdf(request, pk):
    return document_response(request, pdf.document(_exportable(request, pk), "lagesbild"))


@access.holders_of(Perm.VIEW_SITUATION)
@require_safe
def picture_docx(request, pk):
    return document_response(request, pdf.document(_exportable(request, pk), "lagesbild.docx"))


@access.holders_of(Perm.VIEW_SITUATION)
@require_safe
def picture_case_pdf(request, pk):
    """The ärende for fastställande the lägesbild."""
    return document_response(request, pdf.document(_exportable(request, pk), "beslutsforslag"))


@access.holders_of(Perm.VIEW_SITUATION)
@require_safe
def picture_case_docx(request, pk):
    return document_response(request, pdf.document(_exportable(request, pk), "beslutsforslag.docx"))
