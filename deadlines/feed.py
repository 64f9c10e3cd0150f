"""The user's iCalendar feed (RFC 5545): their meetings and deadlines, for Outlook and other programs.

Calendar programs cannot log in, so the URL carries a secret token. The feed is refused (404) when the
token is unknown (renewed), the user is inactive, or the user no longer holds any role."""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from meetings.models import Meeting
from organisations import access

from .selectors import deadlines_for

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
MEETING_HOURS = 3  # a nämnd meeting has a start but no set end: shown as a morning block
PAST_DAYS = 365


def may_subscribe(user) -> bool:
    return user.is_active and (user.is_superuser or bool(access.memberships(user)))


def _meeting_event(meeting, stamp) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@vbe-portalen")
    event.add("dtstamp", stamp)
    event.add("summary", f"Sammanträde: {meeting.organisation.name}")
    if meeting.starts_at:
        start = datetime.datetime.combine(meeting.date, meeting.starts_at, tzinfo=STOCKHOLM)
        event.add("dtstart", start)
        event.add("dtend", start + datetime.timedelta(hours=MEETING_HOURS))
    else:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + datetime.timedelta(days=1))
    if meeting.place:
        event.add("location", meeting.place)
    event.add("description", f"Sista dag för handlingar: {meeting.papers_due.isoformat()}")
    return event


def _deadline_event(item, stamp) -> Event:
    event = Event()
    event.add("uid", f"{item.key.replace(':', '-')}@vbe-portalen")
    event.add("dtstamp", stamp)
    event.add("summary", f"Sista dag: {item.title}")
    event.add("dtstart", item.due)
    event.add("dtend", item.due + datetime.timedelta(days=1))
    event.add("description", f"{item.organisation}\n{settings.SITE_URL}{item.url}")
    event.add("url", f"{settings.SITE_URL}{item.url}")
    event.add("transp", "TRANSPARENT")
    return event


def build_feed(user) -> bytes:
    today = timezone.localdate()
    stamp = timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//VBE-portalen//Sammanträden och sista dagar//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "VBE-portalen")
    meetings = (
        Meeting.objects.visible_to(user)
        .with_rule()
        .filter(date__gte=today - datetime.timedelta(days=PAST_DAYS))
        .order_by("date", "pk")
    )
    for meeting in meetings:
        calendar.add_component(_meeting_event(meeting, stamp))
    for item in deadlines_for(user, today=today):
        calendar.add_component(_deadline_event(item, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()
