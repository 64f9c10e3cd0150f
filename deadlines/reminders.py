"""E-mail reminders: one message per person with everything due within N days or overdue.

Safe when two runs overlap (two workers, a retried timer): each (person, thing, day) is claimed by
inserting a `SentReminder` row before the message goes out, inside the person's transaction. A second
run inserting the same row waits for the first transaction and then fails on the unique constraint,
so it leaves that thing out. If sending fails, the transaction rolls back and the next run retries.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from .models import SentReminder
from .selectors import Deadline, deadlines_for


@dataclass
class Summary:
    messages: int = 0
    reminders: int = 0
    skipped: int = 0  # already reminded today (another run got there first)


def recipients():
    """Active users with an e-mail address and a role somewhere, who have not turned reminders off."""
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__isnull=False)
        .exclude(email="")
        .exclude(personal_calendar__reminders_enabled=False)
        .distinct()
        .order_by("pk")
    )


def _claim(user, items: list[Deadline], today) -> list[Deadline]:
    claimed = []
    for item in sorted(items, key=lambda i: i.key):  # one order everywhere: no deadlock between runs
        try:
            with transaction.atomic():
                SentReminder.objects.create(user=user, item_key=item.key, sent_on=today, due=item.due)
        except IntegrityError:
            continue
        claimed.append(item)
    return sorted(claimed, key=lambda i: (i.due, i.key))


def compose(user, items: list[Deadline], today) -> EmailMessage:
    overdue = [item for item in items if item.is_overdue(today)]
    upcoming = [item for item in items if not item.is_overdue(today)]
    subject = f"VBE-portalen: {len(items)} {'sak' if len(items) == 1 else 'saker'} att göra"
    if overdue:
        subject += f", varav {len(overdue)} försenade"
    body = render_to_string(
        "deadlines/reminder_email.txt",
        {
            "user": user,
            "overdue": overdue,
            "upcoming": upcoming,
            "today": today,
            "site": settings.SITE_URL,
            "settings_url": settings.SITE_URL + reverse("deadlines:settings"),
        },
    )
    return EmailMessage(subject=subject, body=body, to=[user.email])


def send_reminders(*, today: datetime.date, within_days: int | None = None) -> Summary:
    """Send today's reminders to everyone who has something due; see the module docstring."""
    within_days = settings.REMINDER_DAYS if within_days is None else within_days
    summary = Summary()
    connection = get_connection()
    for user in recipients():
        items = deadlines_for(user, today=today, within_days=within_days)
        if not items:
            continue
        with transaction.atomic():
            claimed = _claim(user, items, today)
            summary.skipped += len(items) - len(claimed)
            if not claimed:
                continue
            message = compose(user, claimed, today)
            message.connection = connection
            message.send()  # an error rolls the claims back: the next run tries again
        summary.messages += 1
        summary.reminders += len(claimed)
    return summary
