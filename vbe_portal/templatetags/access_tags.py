"""The permission layer in templates: show only the actions the user may take.

{% load access_tags %}
{% can "report" entry as may_report %}{% if may_report %}<a href="…">Rapportera</a>{% endif %}
{% has_perm "export" revision.plan.organisation as can_export %}
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
    """The object question, access.can(request.user, action, obj): the object's state counts."""
    request = context.get("request")
    return request is not None and access.can(request.user, access.Action(action), obj)
