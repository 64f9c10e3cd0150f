from django.urls import reverse

from organisations import access
from organisations.access import Perm

# (label, URL name, permission needed anywhere; None = every signed-in user)
NAV_ITEMS = [
    ("Start", "home", None),
    ("Handlingsplaner", "plans:plan_list", "view_plan"),
    ("Aktiviteter", "plans:activity_list", "view_plan"),
    ("Rutiner", "plans:routine_list", "view_plan"),
    ("Lägesbild", "situation:picture_list", "view_situation"),
    ("Uppföljning", "followup:round_list", "view_followup"),
    ("Min återrapportering", "followup:my_entries", "report_followup"),
    ("Sammanträden", "meetings:meeting_list", "view_plan"),
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
    # Nested entries (/uppfoljning/ and /uppfoljning/mina/): only the most specific one is current.
    matches = [item for item in items if item["active"]]
    for item in matches:
        item["active"] = len(item["url"]) == max(len(m["url"]) for m in matches)
    return {"nav_items": items}
