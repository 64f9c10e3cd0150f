from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def optional_url(name, *args):
    """The URL, or "" while the page it names does not exist yet (plans pages are built in parallel)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@register.inclusion_tag("followup/partials/_status.html")
def status_badge(status, overdue=False):
    """A status as symbol and text, coloured by tone; never colour alone."""
    return {"status": status, "overdue": overdue}
