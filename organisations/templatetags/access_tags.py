"""The permission layer's object question in templates: show only the actions the user may take.

{% load access_tags %}
{% can "report" entry as may_report %}{% if may_report %}<a href="…">Rapportera</a>{% endif %}
"""

from django import template

from organisations import access

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, action, obj) -> bool:
    """access.can(request.user, action, obj); False without a request (e.g. a PDF template)."""
    request = context.get("request")
    return request is not None and access.can(request.user, access.Action(action), obj)


@register.simple_tag(takes_context=True)
def has_perm(context, perm, organisation) -> bool:
    """{% has_perm "export" plan.organisation as can_export %}: the organisation-level question.

    Lives beside `can` because two template libraries named access_tags cannot both load: the one
    in vbe_portal shadowed this one (or the other way round) and pages failed with an unknown tag.
    """
    request = context.get("request")
    return request is not None and access.has_perm(request.user, access.Perm(perm), organisation)
