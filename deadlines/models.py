"""Per-user reminder settings and calendar-feed token, and the log of reminders sent.

This is the highest app: it reads plans, situation, followup and meetings; nothing imports it but the
start page and the URL conf.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


def new_token() -> str:
    return secrets.token_urlsafe(32)


class PersonalCalendar(models.Model):
    """A user's choices: e-mail reminders on or off, and the secret address of their calendar feed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="användare",
        on_delete=models.CASCADE,
        related_name="personal_calendar",
    )
    reminders_enabled = models.BooleanField("påminnelser via e-post", default=True)
    feed_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["feed_token"])

    class Meta:
        verbose_name = "personlig kalender"
        verbose_name_plural = "personliga kalendrar"
        ordering = ["user__username"]

    def __str__(self):
        return f"Kalender för {self.user}"

    def get_absolute_url(self):
        return reverse("deadlines:settings")

    @property
    def feed_path(self) -> str | None:
        return reverse("deadlines:feed", args=[self.feed_token]) if self.feed_token else None


class SentReminder(models.Model):
    """One reminder about one thing to one person on one day. The unique constraint is what keeps two
    concurrent runs from sending the same reminder twice: the second insert waits for the first
    transaction and then fails."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="användare", on_delete=models.CASCADE, related_name="+"
    )
    item_key = models.CharField("vad", max_length=100)
    sent_on = models.DateField("dag")
    due = models.DateField("sista dag")
    sent_at = models.DateTimeField("skickad", auto_now_add=True)

    class Meta:
        verbose_name = "skickad påminnelse"
        verbose_name_plural = "skickade påminnelser"
        ordering = ["-sent_on", "user_id", "item_key"]
        constraints = [
            models.UniqueConstraint(fields=["user", "item_key", "sent_on"], name="sentreminder_once_a_day"),
        ]

    def __str__(self):
        return f"{self.user} {self.item_key} {self.sent_on}"
