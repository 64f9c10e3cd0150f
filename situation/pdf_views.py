"""Download of the lokal lägesbild as a nämnd-ready PDF."""

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from documents.http import document_response
from organisations import access
from organisations.access import Perm

from . import pdf
from .models import SituationPicture


@access.holders_of(Perm.VIEW_SITUATION)
@require_safe
def picture_pdf(request, pk):
    """403 for those who read no lägesbild at all (medarbetare), as on every lägesbild URL; 404 unless
    the user may read this one; 403 unless they may also export its organisation's papers."""
    picture = get_object_or_404(
        SituationPicture.objects.visible_to(request.user).select_related("organisation"), pk=pk
    )
    access.require(request.user, Perm.EXPORT, picture.organisation)
    return document_response(request, pdf.picture_document(picture))


@access.holders_of(Perm.VIEW_SITUATION)
@require_safe
def picture_docx(request, pk):
    """The lägesbild as Word, with the same checks as its PDF."""
    picture = get_object_or_404(
        SituationPicture.objects.visible_to(request.user).select_related("organisation"), pk=pk
    )
    access.require(request.user, Perm.EXPORT, picture.organisation)
    return document_response(request, pdf.document(picture, "lagesbild.docx"))
