"""Placing a draft lägesbild on the meeting where it is to be fastställd."""

from django.views.decorators.http import require_POST

from meetings.placement import place

from . import services
from .views import _picture, situation_reader


@situation_reader
@require_POST
def picture_place(request, pk):
    picture = _picture(request, pk)
    if picture.is_frozen:
        raise services.PictureFrozen
    return place(
        request,
        obj=picture,
        organisation=picture.organisation,
        service=lambda obj, meeting: services.place_picture(picture=obj, meeting=meeting, by=request.user),
        errors=services.SituationError,
    )
