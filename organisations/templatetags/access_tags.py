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
