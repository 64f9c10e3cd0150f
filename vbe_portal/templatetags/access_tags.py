from django import template

from organisations import access
from organisations.access import Perm

register = template.Library()


@register.simple_tag(takes_context=True)
def has_perm(context, perm, organisation):
    """{% has_perm "edit_plan" plan.organisation as can_edit %}: ask the permission layer from a template."""
    return access.has_perm(context["request"].user, Perm(perm), organisation)
