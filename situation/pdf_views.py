"""Download of the lokal lägesbild as a nämnd-ready PDF."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from documents.http import pdf_response
from organisations import access
from organisations.access import Perm

from . import pdf
from .models import SituationPicture


@login_required
@require_safe
def picture_pdf(request, pk):
    """404 unless the user may read this lägesbild; 403 unless they may also export its organisation's."""
    picture = get_object_or_404(
        SituationPicture.objects.visible_to(request.user).select_related("organisation"), pk=pk
    )
    access.require(request.user, Perm.EXPORT, picture.organisation)
    return pdf_response(pdf.picture_document(picture, by=request.user))
