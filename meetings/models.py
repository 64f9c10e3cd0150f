"""The nämnd's sammanträdesordning: its meetings and the rule for the last day to hand in papers.

Every app may point at a meeting (plans, situation, followup depend on this app, never the reverse).
Deadlines are computed from the meeting each time they are read, so that they move with it.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from organisations import access
from organisations.access import Action, Perm
from organisations.models import Organisation

DEFAULT_PAPERS_DAYS = 14
DEFAULT_FOLLOWUP_DAYS = 7


class MeetingRule(models.Model):
    """A nämnd's rule: papers are due N days before each meeting, follow-up M days before the papers."""

    organisation = models.OneToOneField(
        Organisation, verbose_name="nämnd", on_delete=models.CASCADE, related_name="meeting_rule"
    )
    papers_days_before = models.PositiveSmallIntegerField(
        "sista dag för handlingar, dagar före sammanträdet", default=DEFAULT_PAPERS_DAYS
    )
    followup_days_before_papers = models.PositiveSmallIntegerField(
        "sista dag för återrapportering, dagar före sista dag för handlingar", default=DEFAULT_FOLLOWUP_DAYS
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "regel för sammanträdeshandlingar"
        verbose_name_plural = "regler för sammanträdeshandlingar"
        ordering = ["organisation__path"]

    def __str__(self):
        return f"{self.organisation}: handlingar {self.papers_days_before} dagar före"


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Meetings of every nämnd whose plans the user reads (meeting dates are not sensitive)."""
        return self.filter(organisation__in=access.organisations_for(user, Perm.VIEW_PLAN))

    def managed_by(self, user):
        return self.filter(organisation__in=access.organisations_for(user, Perm.MANAGE_MEETINGS))

    def with_rule(self):
        return self.select_related("organisation", "organisation__meeting_rule")

    def serving(self, organisation):
        """Meetings that may take the organisation's papers: its own and those of nämnder above it."""
        return self.filter(organisation__in=organisation.ancestor_ids()).with_rule()


class Meeting(models.Model):
    """Sammanträde: one meeting of a nämnd, with the last day for papers (rule or override)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="nämnd", on_delete=models.PROTECT, related_name="meetings"
    )
    date = models.DateField("datum")
    starts_at = models.TimeField("tid", null=True, blank=True)
    place = models.CharField("plats", max_length=200, blank=True)
    papers_due_override = models.DateField(
        "sista dag för handlingar (avvikande)",
        null=True,
        blank=True,
        help_text="Lämna tomt för att följa nämndens regel.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = "sammanträde"
        verbose_name_plural = "sammanträden"
        ordering = ["date", "starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "date"],
                name="meeting_one_per_day",
                violation_error_message="Nämnden har redan ett sammanträde den dagen.",
            ),
            models.CheckConstraint(
                condition=models.Q(papers_due_override__isnull=True)
                | models.Q(papers_due_override__lte=models.F("date")),
                name="meeting_papers_before_meeting",
            ),
        ]

    def __str__(self):
        return f"{self.organisation.short_name} {self.date.isoformat()}"

    def get_absolute_url(self):
        return reverse("meetings:meeting_list") + f"?organisation={self.organisation_id}&ar={self.date.year}"

    def clean(self):
        if self.papers_due_override and self.date and self.papers_due_override > self.date:
            raise ValidationError(
                {"papers_due_override": "Sista dag för handlingar kan inte vara efter sammanträdet."}
            )

    def _rule(self):
        try:
            return self.organisation.meeting_rule
        except MeetingRule.DoesNotExist:
            return None

    @property
    def papers_due(self) -> datetime.date:
        """The last day for papers: the meeting's own date if set, else the nämnd's rule."""
        if self.papers_due_override:
            return self.papers_due_override
        rule = self._rule()
        days = rule.papers_days_before if rule else DEFAULT_PAPERS_DAYS
        return self.date - datetime.timedelta(days=days)

    @property
    def followup_due(self) -> datetime.date:
        """The last day for follow-up entries of a round placed on this meeting."""
        rule = self._rule()
        days = rule.followup_days_before_papers if rule else DEFAULT_FOLLOWUP_DAYS
        return self.papers_due - datetime.timedelta(days=days)

    def access_policy(self) -> access.Policy:
        org = self.organisation
        return access.Policy(
            grants={
                Action.VIEW: [(Perm.VIEW_PLAN, org)],
                Action.CHANGE: [(Perm.MANAGE_MEETINGS, org)],
                Action.DELETE: [(Perm.MANAGE_MEETINGS, org)],
            }
        )

    def serves(self, organisation) -> bool:
        """A meeting of the organisation itself or of a nämnd above it may take its papers."""
        return self.organisation_id in organisation.ancestor_ids()

    @property
    def label(self) -> str:
        time = f" kl. {self.starts_at:%H:%M}" if self.starts_at else ""
        return f"{self.organisation.name} {self.date.isoformat()}{time}"
