"""Uppföljning: follow-up rounds on an adopted plan revision, one entry per activity, and a status scale."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from organisations import access
from organisations.access import Action, Perm
from organisations.models import Organisation
from plans.indicator_models import format_number
from plans.models import Activity, Indicator, PlanRevision

from .errors import RoundClosed


class FollowUpStatusQuerySet(models.QuerySet):
    def default_scale(self):
        return self.filter(organisation__isnull=True)


class FollowUpStatus(models.Model):
    """One step of a status scale. The statuses of one organisation form its scale; no organisation =
    the default scale, used by every organisation (and its subtree) that has no scale of its own."""

    class Tone(models.TextChoices):
        OK = "ok", "Uppnått"
        PARTIAL = "partial", "Delvis"
        NOT = "not", "Ej uppnått"
        NEUTRAL = "neutral", "Neutral"

    # Shown beside the text so that the status never rests on colour alone.
    SYMBOLS = {Tone.OK: "✓", Tone.PARTIAL: "◐", Tone.NOT: "✗", Tone.NEUTRAL: "○"}

    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="followup_statuses",
        help_text="Lämna tomt för standardskalan som gäller där ingen egen skala finns.",
    )
    label = models.CharField("benämning", max_length=60)
    order = models.PositiveSmallIntegerField("ordning", default=0)
    tone = models.CharField("ton", max_length=10, choices=Tone.choices, default=Tone.NEUTRAL)

    history = HistoricalRecords()
    objects = FollowUpStatusQuerySet.as_manager()

    class Meta:
        verbose_name = "uppföljningsstatus"
        verbose_name_plural = "uppföljningsstatusar"
        ordering = ["organisation_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "label"], name="followupstatus_unique_label"),
            models.UniqueConstraint(
                fields=["label"], condition=Q(organisation__isnull=True), name="followupstatus_unique_default"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def symbol(self) -> str:
        return self.SYMBOLS.get(self.tone, "○")


def statuses_for(organisation: Organisation) -> list[FollowUpStatus]:
    """The scale that applies to `organisation`: its own, else the nearest ancestor's, else the default.

    One query: every candidate scale is fetched at once and the nearest one is picked here."""
    ancestor_ids = organisation.ancestor_ids()
    candidates = list(
        FollowUpStatus.objects.filter(Q(organisation__in=ancestor_ids) | Q(organisation__isnull=True))
    )
    for org_id in reversed(ancestor_ids):
        scale = [s for s in candidates if s.organisation_id == org_id]
        if scale:
            return scale
    return [s for s in candidates if s.organisation_id is None]


class FollowUpRoundQuerySet(models.QuerySet):
    def viewable_by(self, user):
        """Rounds of plans whose organisation the user may follow up (samordnare, sekreterare, central)."""
        return self.filter(
            revision__plan__organisation__in=access.organisations_for(user, Perm.VIEW_FOLLOWUP)
        )

    def visible_to(self, user):
        """Viewable rounds plus those holding an activity the user's unit reports on."""
        reporting = ActivityFollowUp.objects.filter(
            activity__responsible_unit__in=access.organisations_for(user, Perm.REPORT_FOLLOWUP)
        ).values("round_id")
        return self.filter(
            Q(revision__plan__organisation__in=access.organisations_for(user, Perm.VIEW_FOLLOWUP))
            | Q(pk__in=reporting)
        )


class FollowUpRound(models.Model):
    """Uppföljning (tillfälle): a reporting point on an adopted revision, such as tertial 2 or helår."""

    class Kind(models.TextChoices):
        TERTIAL_1 = "tertial1", "Tertial 1"
        TERTIAL_2 = "tertial2", "Tertial 2"
        INTERIM = "delar", "Delårsrapport"
        ANNUAL = "helar", "Helår"
        ANNUAL_REPORT = "verksamhetsberattelse", "Verksamhetsberättelse"

    class Status(models.TextChoices):
        OPEN = "oppen", "Öppen"
        CLOSED = "stangd", "Stängd"

    revision = models.ForeignKey(
        PlanRevision,
        verbose_name="handlingsplan (antagen revidering)",
        on_delete=models.PROTECT,
        related_name="followup_rounds",
    )
    kind = models.CharField("typ av uppföljning", max_length=30, choices=Kind.choices)
    period = models.CharField("period", max_length=100, help_text="Till exempel ”Maj–augusti 2019”.")
    deadline = models.DateField("sista dag för återrapportering")
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.OPEN)
    overall_comment = models.TextField("samordnarens samlade kommentar", blank=True, max_length=20_000)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="öppnad av",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField("öppnad", auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="stängd av",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField("stängd", null=True, blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name="sammanträde (rapporteras till nämnden)",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="followup_rounds",
        help_text="Sista dag för återrapportering räknas då från sammanträdet.",
    )
    # Its ärende (documents.CaseMemo): deleted with a draft, never left pointing at a reused id.
    case_memos = GenericRelation(
        "documents.CaseMemo", content_type_field="owner_type", object_id_field="owner_id"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    objects = FollowUpRoundQuerySet.as_manager()

    class Meta:
        verbose_name = "uppföljning"
        verbose_name_plural = "uppföljningar"
        ordering = ["-deadline", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "kind", "period"], name="followupround_unique_period"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period} – {self.revision.plan.organisation}"

    def get_absolute_url(self):
        return reverse("followup:round_detail", args=[self.pk])

    @property
    def organisation(self) -> Organisation:
        return self.revision.plan.organisation

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def effective_deadline(self):
        """The last day for entries: from the meeting the round reports to (it moves with the meeting),
        else the date set when the round was opened."""
        return self.meeting.followup_due if self.meeting_id else self.deadline

    @property
    def papers_due(self):
        return self.meeting.papers_due if self.meeting_id else None

    def access_policy(self) -> access.Policy:
        """A closed round is frozen: neither its comment nor any of its entries change, for anyone."""
        org = self.organisation
        return access.Policy(
            grants={
                Action.VIEW: [(Perm.VIEW_FOLLOWUP, org)],
                Action.CHANGE: [(Perm.MANAGE_FOLLOWUP, org)],
                Action.DELETE: [(Perm.MANAGE_FOLLOWUP, org)],
                Action.DECIDE: [(Perm.MANAGE_FOLLOWUP, org)],
                Action.EXPORT: [(Perm.EXPORT, org)],
                Action.PLACE: [(Perm.MANAGE_FOLLOWUP, org)],
            },
            frozen=self.is_closed,
            frozen_error=RoundClosed,
        )


class ActivityFollowUpQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Entries of rounds the user may follow up, and those of the activities their unit reports on."""
        return self.filter(
            Q(round__revision__plan__organisation__in=access.organisations_for(user, Perm.VIEW_FOLLOWUP))
            | Q(activity__responsible_unit__in=access.organisations_for(user, Perm.REPORT_FOLLOWUP))
        )

    def reportable_by(self, user):
        """Entries the user may report on: all for the samordnare, the own unit's for staff."""
        return self.filter(
            Q(round__revision__plan__organisation__in=access.organisations_for(user, Perm.MANAGE_FOLLOWUP))
            | Q(activity__responsible_unit__in=access.organisations_for(user, Perm.REPORT_FOLLOWUP))
        )

    def with_report_context(self):
        return self.select_related(
            "activity__chapter",
            "activity__responsible_unit",
            "status",
            "reported_by",
        )


class ActivityFollowUp(models.Model):
    """Återrapportering: the status and narrative of one activity in one round."""

    round = models.ForeignKey(
        FollowUpRound, verbose_name="uppföljning", on_delete=models.CASCADE, related_name="entries"
    )
    activity = models.ForeignKey(
        Activity, verbose_name="aktivitet", on_delete=models.PROTECT, related_name="followups"
    )
    status = models.ForeignKey(
        FollowUpStatus,
        verbose_name="status",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
    )
    narrative = models.TextField("uppföljning", blank=True, max_length=10_000)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="rapporterad av",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_at = models.DateTimeField("rapporterad", null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    objects = ActivityFollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = "återrapportering"
        verbose_name_plural = "återrapporteringar"
        ordering = ["round", "activity__chapter__order", "activity__order", "activity_id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "activity"], name="activityfollowup_unique_activity"),
        ]

    def __str__(self):
        return f"{self.activity} ({self.round.get_kind_display()} {self.round.period})"

    def get_absolute_url(self):
        return reverse("followup:entry_report", args=[self.pk])

    @property
    def is_reported(self) -> bool:
        return self.status_id is not None

    def is_overdue(self, today) -> bool:
        return not self.is_reported and self.round.effective_deadline < today

    @property
    def responsible_label(self) -> str:
        """The group heading in the report: the responsible unit, else the plan's free text."""
        if self.activity.responsible_unit_id:
            return self.activity.responsible_unit.name
        return self.activity.responsible or "Ansvarig saknas"

    def access_policy(self) -> access.Policy:
        """The samordnare reports on every activity; staff on their own unit's activities only."""
        round_policy = self.round.access_policy()
        report = [(Perm.MANAGE_FOLLOWUP, self.round.organisation)]
        if self.activity.responsible_unit_id:
            report.append((Perm.REPORT_FOLLOWUP, self.activity.responsible_unit))
        grants = dict(round_policy.grants)
        grants[Action.REPORT] = report
        grants[Action.CHANGE] = report
        return access.Policy(grants=grants, frozen=round_policy.frozen, frozen_error=RoundClosed)


class IndicatorValue(models.Model):
    """An indicator's value in one follow-up round, entered with the activity's återrapportering."""

    class Assessment(models.TextChoices):
        # Luleå's three levels, as the internal-control follow-up names them.
        REACHED = "uppnatt", "Uppnått målvärde"
        NEAR = "nara", "Uppnått nära målvärde"
        NOT_REACHED = "ej_uppnatt", "Ej uppnått accepterat värde"

    round = models.ForeignKey(
        FollowUpRound, verbose_name="uppföljning", on_delete=models.CASCADE, related_name="indicator_values"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name="indikator", on_delete=models.PROTECT, related_name="values"
    )
    value = models.DecimalField("värde", max_digits=14, decimal_places=2)
    assessment = models.CharField("bedömning", max_length=12, choices=Assessment.choices, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikatorvärde"
        verbose_name_plural = "indikatorvärden"
        ordering = ["indicator", "round__opened_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "indicator"], name="indicatorvalue_unique_round"),
        ]

    def __str__(self):
        return f"{self.indicator.name}: {format_number(self.value)}"

    @property
    def value_display(self) -> str:
        return format_number(self.value)
