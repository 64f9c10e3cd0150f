"""Min kalender: the calendar feed's secret address (renewable) and reminders on or off; the feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from organisations import editing

from .feed import build_feed, may_subscribe
from .models import PersonalCalendar, new_token


def _calendar_for(user, *, lock=False) -> PersonalCalendar:
    calendar, _ = PersonalCalendar.objects.get_or_create(user=user)
    if lock:
        calendar = PersonalCalendar.objects.select_for_update().get(pk=calendar.pk)
    return calendar


@login_required
def calendar_settings(request):
    calendar = PersonalCalendar.objects.filter(user=request.user).first()
    feed_url = request.build_absolute_uri(calendar.feed_path) if calendar and calendar.feed_path else None
    return TemplateResponse(
        request,
        "deadlines/settings.html",
        {
            "calendar": calendar,
            "reminders_enabled": calendar.reminders_enabled if calendar else True,
            "feed_url": feed_url,
            "has_email": bool(request.user.email),
        },
    )


@login_required
@require_POST
@transaction.atomic
def renew_token(request):
    """A new secret address: the old one stops working at once (404)."""
    calendar = _calendar_for(request.user, lock=True)
    first = calendar.feed_token is None
    calendar.feed_token = new_token()
    calendar.version += 1
    editing.save_tracked(
        calendar,
        by=request.user,
        reason="Kalenderadressen skapades" if first else "Kalenderadressen förnyades",
    )
    messages.success(
        request,
        "Din kalenderadress är skapad."
        if first
        else "Din kalenderadress är förnyad. Den gamla adressen fungerar inte längre.",
    )
    return redirect("deadlines:settings")


@login_required
@require_POST
@transaction.atomic
def set_reminders(request):
    calendar = _calendar_for(request.user, lock=True)
    calendar.reminders_enabled = request.POST.get("reminders") == "on"
    calendar.version += 1
    editing.save_tracked(
        calendar, by=request.user, reason="Påminnelser på" if calendar.reminders_enabled else "Påminnelser av"
    )
    messages.success(
        request,
        "Påminnelser via e-post är påslagna."
        if calendar.reminders_enabled
        else "Påminnelser via e-post är avstängda.",
    )
    return redirect("deadlines:settings")


@never_cache
@require_GET
def feed(request, token):
    calendar = (
        PersonalCalendar.objects.select_related("user").filter(feed_token=token).first() if token else None
    )
    if calendar is None or not may_subscribe(calendar.user):
        raise Http404
    response = HttpResponse(build_feed(calendar.user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="vbe-portalen.ics"'
    return response
