from django import template

from organisations import access
from organisations.access import Action

from ..placement import PlacementForm

register = template.Library()


@register.inclusion_tag("meetings/partials/_placement.html", takes_context=True)
def meeting_placement(context, obj, organisation, action_url, what):
    """Where `obj` is placed and, for those who may change it, the form to place it on a meeting."""
    user = context["request"].user
    may_place = access.can(user, Action.PLACE, obj)
    form = None
    if may_place:
        form = PlacementForm(initial={"meeting": obj.meeting_id}, organisation=organisation)
    return {
        "obj": obj,
        "meeting": obj.meeting,
        "form": form,
        "action_url": action_url,
        "what": what,
        "csrf_token": context.get("csrf_token"),
    }
