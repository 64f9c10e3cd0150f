from django.urls import reverse

from organisations import access
from organisations.access import Perm

# (label, URL name, permission needed anywhere; None = every signed-in user)
NAV_ITEMS = [
    ("Start", "home", None),
    ("Aktiviteter", "plans:activity_list", "view_plan"),
    ("Rutiner", "plans:routine_list", "view_plan"),
]


def navigation(request):
    """The main menu, showing each user only the parts their roles reach."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    current = request.path
    for label, url_name, perm in NAV_ITEMS:
        if perm is not None and not access.has_any(user, Perm(perm)):
            continue
        url = reverse(url_name)
        active = current == url if url == "/" else current.startswith(url)
        items.append({"label": label, "url": url, "active": active})
    return {"nav_items": items}
