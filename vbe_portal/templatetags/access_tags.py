"""The permission layer in templates (one library: two apps' `access_tags` would shadow each other).

{% load access_tags %}
{% can "report" entry as may_report %}{% if may_report %}<a href="…">Rapportera</a>{% endif %}
{% has_perm "edit_plan" plan.organisation as can_edit %}
"""

from django import template

from organisations import access
from organisations.access import Perm

register = template.Library()


@register.simple_tag(takes_context=True)
def has_perm(context, perm, organisation):
    """{% has_perm "edit_plan" plan.organisation as can_edit %}: ask the permission layer from a template."""
    return access.has_perm(context["request"].user, Perm(perm), organisation)


@register.simple_tag(takes_context=True)
def can(context, action, obj) -> bool:
    """access.can(request.user, action, obj); False without a request (e.g. a PDF template)."""
    request = context.get("request")
    return request is not None and access.can(request.user, access.Action(action), obj)
