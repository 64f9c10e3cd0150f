"""Lokal lägesbild: the yearly local situation picture, its sources and what was observed.

It must never contain personal data ("oidentifierad information"): every free-text field carries
the personnummer guard from validators.py.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from organisations import access
from organisations.access import Action, Perm
from organisations.kinds import PlanKind
from organisations.models import Organisation

from .errors import FROZEN_MESSAGE, PictureFrozen
from .validators import NoPersonalNumber


def _guarded(label: str) -> list:
    return [NoPersonalNumber(label[:1].upper() + label[1:])]


def guarded_text(label: str, **kwargs) -> models.TextField:
    kwargs.setdefault("blank", True)
    kwargs.setdefault("max_length", 50_000)
    return models.TextField(label, validators=_guarded(label), **kwargs)


def guarded_char(label: str, max_length: int = 200, **kwargs) -> models.CharField:
    kwargs.setdefault("blank", True)
    return models.CharField(label, max_length=max_length, validators=_guarded(label), **kwargs)


class ReferenceQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class ReferenceEntry(models.Model):
    """A value municipalities name differently, kept in the database and edited in the admin."""

    name = guarded_char("namn", max_length=120)
    order = models.PositiveIntegerField("ordning", default=0)
    active = models.BooleanField("aktiv", default=True, help_text="Inaktiva värden går inte att välja.")

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Environment(ReferenceEntry):
    """Extremist environment (miljö), e.g. våldsbejakande islamism."""

    history = HistoricalRecords()

    class Meta(ReferenceEntry.Meta):
        verbose_name = "miljö"
        verbose_name_plural = "miljöer"
        constraints = [models.UniqueConstraint(fields=["name"], name="environment_unique_name")]


class ObservationKind(ReferenceEntry):
    """Kind of observation (typ av iakttagelse), e.g. klistermärken."""

    history = HistoricalRecords()

    class Meta(ReferenceEntry.Meta):
        verbose_name = "typ av iakttagelse"
        verbose_name_plural = "typer av iakttagelser"
        constraints = [models.UniqueConstraint(fields=["name"], name="observationkind_unique_name")]


class SituationPictureQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(organisation__in=access.organisations_for(user, Perm.VIEW_SITUATION))


class SituationPicture(models.Model):
    """Lokal lägesbild: one organisation's picture of one year, made together with the police."""

    class Status(models.TextChoices):
        DRAFT = "utkast", "Utkast"
        ESTABLISHED = "faststalld", "Fastställd"

    # The chapters of the Luleå lägesbild 2022, in order: (field name, heading).
    VBE_CHAPTERS = [
        ("outlook", "Omvärld"),
        ("occurrence", "Förekomst"),
        ("knowledge", "Kunskap och utbildningsbehov"),
        ("routines", "Rutiner"),
        ("organisation_text", "Organisation, roll- och ansvarsfördelning samt samverkan"),
        ("follow_up", "Uppföljning och återkoppling"),
        ("analysis", "Analys"),
    ]
    # The three parts lag 2023:196 § 4 names for the brottsförebyggande lägesbild.
    CRIME_PREVENTION_CHAPTERS = [
        ("crime_mapping", "Kartläggning av brottsligheten, dess omfattning och konsekvenser"),
        ("other_information", "Annan relevant information"),
        ("analysis", "Analys, inklusive möjliga orsaker"),
    ]
    CHAPTERS = VBE_CHAPTERS  # the default kind's, for code that predates plan kinds

    organisation = models.ForeignKey(
        Organisation, verbose_name="organisation", on_delete=models.PROTECT, related_name="situation_pictures"
    )
    kind = models.CharField("typ av lägesbild", max_length=20, choices=PlanKind.choices, default=PlanKind.VBE)
    year = models.PositiveSmallIntegerField(
        "år", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.DRAFT)
    made_with = guarded_char("framtagen tillsammans med", help_text="Till exempel Lokalpolisen i Skärholmen.")
    outlook = guarded_text("omvärld", help_text="Nationell utblick: Säkerhetspolisen, NCT, CVE.")
    occurrence = guarded_text("förekomst", help_text="Vad kartläggningen visar om förekomst av miljöerna.")
    knowledge = guarded_text("kunskap och utbildningsbehov")
    routines = guarded_text("rutiner")
    organisation_text = guarded_text("organisation, roll- och ansvarsfördelning samt samverkan")
    follow_up = guarded_text("uppföljning och återkoppling")
    analysis = guarded_text("analys")
    crime_mapping = guarded_text(
        "kartläggning av brottsligheten, dess omfattning och konsekvenser",
        help_text="Brottsförebyggande lägesbild, lag 2023:196 § 4 punkt 1.",
    )
    other_information = guarded_text(
        "annan relevant information", help_text="Brottsförebyggande lägesbild, lag 2023:196 § 4 punkt 2."
    )
    threat_level = models.PositiveSmallIntegerField(
        "nationell hotnivå",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="Terrorhotnivån på en femgradig skala (1–5). Lämna tomt om den inte anges.",
    )
    threat_level_source = guarded_char(
        "källa för hotnivån", help_text="Till exempel NCT:s helårsbedömning 2022."
    )
    established_at = models.DateTimeField("fastställd", null=True, blank=True, editable=False)
    established_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="fastställd av",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name="kopierad från",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name="sammanträde (fastställs)",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="situation_pictures",
        help_text="Sammanträdet där nämnden ska fastställa lägesbilden.",
    )
    # Its ärende (documents.CaseMemo): deleted with a draft, never left pointing at a reused id.
    case_memos = GenericRelation(
        "documents.CaseMemo", content_type_field="owner_type", object_id_field="owner_id"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField("skapad", auto_now_add=True)

    history = HistoricalRecords()
    objects = SituationPictureQuerySet.as_manager()

    class Meta:
        verbose_name = "lokal lägesbild"
        verbose_name_plural = "lokala lägesbilder"
        ordering = ["organisation__path", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "year"], name="situationpicture_unique_kind_year"
            ),
            models.CheckConstraint(
                condition=Q(threat_level__isnull=True) | Q(threat_level__gte=1, threat_level__lte=5),
                name="situationpicture_threat_level_1_5",
            ),
        ]

    def __str__(self):
        return f"Lägesbild {self.year} – {self.organisation}"

    def get_absolute_url(self):
        return reverse("situation:picture_detail", args=[self.pk])

    @property
    def is_frozen(self) -> bool:
        return self.status == self.Status.ESTABLISHED

    @property
    def papers_due(self):
        """The last day to hand in the picture for the meeting it is placed on (moves with the meeting)."""
        return self.meeting.papers_due if self.meeting_id else None

    def access_policy(self) -> access.Policy:
        """A fastställd lägesbild is frozen: no write for anyone, its sources and observations included."""
        org = self.organisation
        return access.Policy(
            grants={
                Action.VIEW: [(Perm.VIEW_SITUATION, org)],
                Action.CHANGE: [(Perm.EDIT_SITUATION, org)],
                Action.DELETE: [(Perm.EDIT_SITUATION, org)],
                Action.DECIDE: [(Perm.EDIT_SITUATION, org)],
                Action.EXPORT: [(Perm.EXPORT, org)],
                Action.CONTINUE: [(Perm.EDIT_SITUATION, org)] if self.is_frozen else [],
                Action.PLACE: [(Perm.EDIT_SITUATION, org)],
            },
            frozen=self.is_frozen,
            frozen_error=PictureFrozen,
        )

    @classmethod
    def chapters_of(cls, kind) -> list[tuple[str, str]]:
        return cls.CRIME_PREVENTION_CHAPTERS if kind == PlanKind.CRIME_PREVENTION else cls.VBE_CHAPTERS

    def chapters(self) -> list[tuple[str, str]]:
        """(heading, text) of every chapter of its kind, in order, for the detail page and the PDF."""
        return [(heading, getattr(self, name)) for name, heading in self.chapters_of(self.kind)]


class FrozenPictureChild(models.Model):
    """Sources and observations belong to a picture; once it is fastställd they cannot change."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.picture_id and self.picture.is_frozen:
            raise ValidationError(FROZEN_MESSAGE)

    def access_policy(self) -> access.Policy:
        return self.picture.access_policy()


class Source(FrozenPictureChild):
    """Källa: what the lägesbild rests on (police reporting, a survey, reports of concern ...)."""

    class Kind(models.TextChoices):
        POLICE = "polisens_lagesbild", "Polisens lägesbild"
        STAFF_SURVEY = "enkat_medarbetare", "Enkät till medarbetare"
        EXTERNAL_SURVEY = "enkat_externa", "Enkät till externa aktörer"
        INCIDENT_REPORTS = "tillbudsrapporter", "Tillbudsrapporter"
        CONCERN_REPORTS = "orosanmalningar", "Orosanmälningar"
        OTHER_ADMINISTRATION = "annan_forvaltning", "Annan förvaltning"
        OTHER = "annat", "Annat"

    picture = models.ForeignKey(
        SituationPicture, verbose_name="lägesbild", on_delete=models.CASCADE, related_name="sources"
    )
    order = models.PositiveIntegerField("ordning", default=0)
    kind = models.CharField("typ av källa", max_length=30, choices=Kind.choices)
    description = guarded_text("beskrivning", max_length=5_000)
    responses = models.PositiveIntegerField(
        "antal svar", null=True, blank=True, help_text="Antal svar eller ärenden, där det är relevant."
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "källa"
        verbose_name_plural = "källor"
        ordering = ["picture", "order", "pk"]

    def __str__(self):
        return self.get_kind_display()

    def get_absolute_url(self):
        return reverse("situation:picture_detail", args=[self.picture_id]) + f"#kalla-{self.pk}"


class Observation(FrozenPictureChild):
    """Iakttagelse: what was seen, per environment and kind, where and when, and how often."""

    picture = models.ForeignKey(
        SituationPicture, verbose_name="lägesbild", on_delete=models.CASCADE, related_name="observations"
    )
    environment = models.ForeignKey(
        Environment, verbose_name="miljö", on_delete=models.PROTECT, related_name="observations"
    )
    kind = models.ForeignKey(
        ObservationKind,
        verbose_name="typ av iakttagelse",
        on_delete=models.PROTECT,
        related_name="observations",
    )
    area = guarded_char("område", help_text="Till exempel Skärholmens centrum.")
    period = guarded_char("period", max_length=100, help_text="Till exempel Våren 2019 eller Valrörelsen.")
    count = models.PositiveIntegerField(
        "antal", null=True, blank=True, help_text="Lämna tomt om antalet inte har räknats (”ej räknat”)."
    )
    description = guarded_text("beskrivning", max_length=5_000)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "iakttagelse"
        verbose_name_plural = "iakttagelser"
        ordering = ["picture", "environment__order", "kind__order", "pk"]

    def __str__(self):
        return f"{self.kind} – {self.environment}"

    def get_absolute_url(self):
        return reverse("situation:picture_detail", args=[self.picture_id]) + f"#iakttagelse-{self.pk}"

    @property
    def count_display(self) -> str:
        return "ej räknat" if self.count is None else str(self.count)


class ProblemQuerySet(models.QuerySet):
    def prioritised(self):
        return self.order_by("priority", "pk")


class Problem(FrozenPictureChild):
    """Prioriterat problem: what the lägesbild shows needs answering, and the evidence for it.

    The plan's activities answer problems (plans.Activity.problems, related name `activities`); this
    app never imports plans, so questions about answers go through that related name.
    """

    picture = models.ForeignKey(
        SituationPicture, verbose_name="lägesbild", on_delete=models.CASCADE, related_name="problems"
    )
    priority = models.PositiveSmallIntegerField(
        "prioritet",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
        help_text="1 är högst prioriterat.",
    )
    title = guarded_char("problem", max_length=200, blank=False, help_text="Vad är problemet?")
    area = guarded_char("var", help_text="Till exempel Skärholmens centrum eller skolornas närmiljö.")
    environment = models.ForeignKey(
        Environment,
        verbose_name="miljö",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="problems",
    )
    crime_type = guarded_char(
        "brottstyp", max_length=120, help_text="För brottsförebyggande arbete, till exempel skadegörelse."
    )
    observations = models.ManyToManyField(
        Observation, verbose_name="iakttagelser som visar det", blank=True, related_name="problems"
    )
    sources = models.ManyToManyField(
        Source, verbose_name="källor som visar det", blank=True, related_name="problems"
    )
    causes = guarded_text("möjliga orsaker", max_length=5_000, help_text="Vad analysen säger om orsakerna.")
    copied_from = models.ForeignKey(
        "self",
        verbose_name="kopierad från",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="copies",
    )

    history = HistoricalRecords(m2m_fields=[observations, sources])
    objects = ProblemQuerySet.as_manager()

    class Meta:
        verbose_name = "prioriterat problem"
        verbose_name_plural = "prioriterade problem"
        ordering = ["picture", "priority", "pk"]

    def __str__(self):
        return f"{self.priority}. {self.title}"

    def get_absolute_url(self):
        return reverse("situation:picture_detail", args=[self.picture_id]) + f"#problem-{self.pk}"
