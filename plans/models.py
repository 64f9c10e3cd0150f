"""Handlingsplan: a plan per organisation, one revision a year, chapters with activities, and routines."""

from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from organisations import access
from organisations.access import Action, Perm
from organisations.kinds import PlanKind
from organisations.models import Organisation

from .errors import RevisionFrozen


class ActionPlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(organisation__in=access.organisations_for(user, Perm.VIEW_PLAN))


class ActionPlan(models.Model):
    """Handlingsplan: the plan of one organisation, across years."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="organisation", on_delete=models.PROTECT, related_name="action_plans"
    )
    title = models.CharField("titel", max_length=200, default="Handlingsplan mot våldsbejakande extremism")
    kind = models.CharField("plantyp", max_length=20, choices=PlanKind.choices, default=PlanKind.VBE)

    history = HistoricalRecords()
    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        verbose_name = "handlingsplan"
        verbose_name_plural = "handlingsplaner"
        ordering = ["organisation__path", "title"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "title"], name="actionplan_unique_title_per_org"),
        ]

    def __str__(self):
        return f"{self.title} – {self.organisation}"

    def get_absolute_url(self):
        return reverse("plans:plan_detail", args=[self.pk])

    def access_policy(self) -> access.Policy:
        org = self.organisation
        return access.Policy(
            grants={
                Action.VIEW: [(Perm.VIEW_PLAN, org)],
                Action.CHANGE: [(Perm.EDIT_PLAN, org)],
                Action.CONTINUE: [(Perm.EDIT_PLAN, org)],
            }
        )


class PlanRevisionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Adopted and superseded revisions for readers; drafts only for those who may see drafts."""
        return self.filter(
            Q(plan__organisation__in=access.organisations_for(user, Perm.VIEW_DRAFT))
            | Q(
                plan__organisation__in=access.organisations_for(user, Perm.VIEW_PLAN),
                status__in=[PlanRevision.Status.ADOPTED, PlanRevision.Status.SUPERSEDED],
            )
        )

    def adopted(self):
        return self.filter(status=PlanRevision.Status.ADOPTED)


class PlanRevision(models.Model):
    """One year's text of a plan: drafted, adopted by the nämnd, then frozen for good."""

    class Status(models.TextChoices):
        DRAFT = "utkast", "Utkast"
        ADOPTED = "antagen", "Antagen"
        SUPERSEDED = "ersatt", "Ersatt"

    plan = models.ForeignKey(
        ActionPlan, verbose_name="handlingsplan", on_delete=models.PROTECT, related_name="revisions"
    )
    year = models.PositiveSmallIntegerField("år")
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.DRAFT)
    decided_by = models.CharField(
        "beslutande organ", max_length=200, blank=True, help_text="Till exempel Skärholmens stadsdelsnämnd."
    )
    decided_on = models.DateField("beslutsdatum", null=True, blank=True)
    paragraph = models.CharField("paragraf (§)", max_length=20, blank=True)
    diary_number = models.CharField("diarienummer", max_length=60, blank=True)
    measures_position = models.TextField(
        "ställningstagande om vilka åtgärder som behöver vidtas",
        blank=True,
        max_length=20_000,
        help_text="Brottsförebyggande åtgärdsplan: kommunens ställningstagande utifrån lägesbilden.",
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name="kopierad från",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    situation_picture = models.ForeignKey(
        "situation.SituationPicture",
        verbose_name="lokal lägesbild",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_revisions",
        help_text="Lägesbilden som planens aktiviteter vilar på.",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name="sammanträde (ärendet)",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="plan_revisions",
        help_text="Sammanträdet där nämnden ska anta revideringen.",
    )
    # Its ärende (documents.CaseMemo): deleted with a draft, never left pointing at a reused id.
    case_memos = GenericRelation(
        "documents.CaseMemo", content_type_field="owner_type", object_id_field="owner_id"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField("skapad", auto_now_add=True)

    history = HistoricalRecords()
    objects = PlanRevisionQuerySet.as_manager()

    class Meta:
        verbose_name = "revidering"
        verbose_name_plural = "revideringar"
        ordering = ["plan", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="planrevision_unique_year"),
            models.UniqueConstraint(
                fields=["plan"], condition=Q(status="utkast"), name="planrevision_one_draft_per_plan"
            ),
            models.CheckConstraint(
                condition=Q(status="utkast") | (Q(decided_on__isnull=False) & ~Q(paragraph="")),
                name="planrevision_adopted_has_decision",
            ),
        ]

    def __str__(self):
        # The organisation's full name: the short name is for file names ("Skarholmen"), not for people.
        return f"{self.plan.organisation.name} {self.year} ({self.get_status_display().lower()})"

    def get_absolute_url(self):
        return reverse("plans:revision_detail", args=[self.pk])

    @property
    def is_frozen(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def papers_due(self):
        """The last day to hand in the ärende: computed from the meeting, so it moves with it."""
        return self.meeting.papers_due if self.meeting_id else None

    def access_policy(self) -> access.Policy:
        """Drafts are read by those who may see drafts; adopted and superseded ones by every plan reader.
        Anything but a draft is frozen: no write for anyone, its chapters and activities included."""
        org = self.plan.organisation
        view = Perm.VIEW_DRAFT if self.status == self.Status.DRAFT else Perm.VIEW_PLAN
        return access.Policy(
            grants={
                Action.VIEW: [(view, org), (Perm.VIEW_DRAFT, org)],
                Action.CHANGE: [(Perm.EDIT_PLAN, org)],
                Action.DELETE: [(Perm.EDIT_PLAN, org)],
                Action.DECIDE: [(Perm.ADOPT, org)],
                Action.EXPORT: [(Perm.EXPORT, org)],
                Action.CONTINUE: [(Perm.EDIT_PLAN, org)] if self.status == self.Status.ADOPTED else [],
                # The samordnare (who writes the ärende) or the nämndsekreterare puts it on a meeting.
                Action.PLACE: [(Perm.EDIT_PLAN, org), (Perm.ADOPT, org)],
            },
            frozen=self.is_frozen,
            frozen_error=lambda: RevisionFrozen(self),
        )

    @property
    def adoption_line(self) -> str:
        """'Antagen av Skärholmens stadsdelsnämnd 2019-05-23 § 12, dnr 1.2.3-456/2019'."""
        if self.status == self.Status.DRAFT or not self.decided_on:
            return ""
        line = f"Antagen av {self.decided_by} {self.decided_on:%Y-%m-%d} § {self.paragraph}"
        return f"{line}, dnr {self.diary_number}" if self.diary_number else line


class ChapterQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(revision__in=PlanRevision.objects.visible_to(user))


class Chapter(models.Model):
    """A chapter of a revision: prose, or a section holding a table of activities."""

    class Kind(models.TextChoices):
        PROSE = "prosa", "Löptext"
        PREVENTIVE = "forebyggande", "Förebyggande arbete"
        HINDERING = "forhindrande", "Förhindrande arbete"
        GRANTS = "foreningsbidrag", "Föreningsbidrag och lokaler"
        TRAINING = "kompetenshojande", "Kompetenshöjande insatser"
        OTHER = "ovriga", "Övriga aktiviteter"
        # Sections of the brottsförebyggande åtgärdsplan.
        SITUATIONAL = "situationella", "Situationella åtgärder"
        SOCIAL = "sociala", "Sociala åtgärder"

    revision = models.ForeignKey(
        PlanRevision, verbose_name="revidering", on_delete=models.CASCADE, related_name="chapters"
    )
    order = models.PositiveIntegerField("ordning", default=0)
    heading = models.CharField("rubrik", max_length=200)
    body = models.TextField("brödtext", blank=True, max_length=50_000)
    kind = models.CharField("typ", max_length=20, choices=Kind.choices, default=Kind.PROSE)
    copied_from = models.ForeignKey(
        "self",
        verbose_name="kopierad från",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    objects = ChapterQuerySet.as_manager()

    class Meta:
        verbose_name = "kapitel"
        verbose_name_plural = "kapitel"
        ordering = ["revision", "order", "pk"]

    def __str__(self):
        return self.heading

    def get_absolute_url(self):
        return reverse("plans:revision_detail", args=[self.revision_id]) + f"#kapitel-{self.pk}"

    def access_policy(self) -> access.Policy:
        return self.revision.access_policy()

    @property
    def has_activities(self) -> bool:
        return self.kind != self.Kind.PROSE


class ActivityQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(chapter__revision__in=PlanRevision.objects.visible_to(user))

    def adopted(self):
        return self.filter(chapter__revision__status=PlanRevision.Status.ADOPTED)


class Activity(models.Model):
    """One row of an activity table: Aktivitet / Syfte / Ansvarig / Samverkan / Tidplan / Uppföljning."""

    chapter = models.ForeignKey(
        Chapter, verbose_name="kapitel", on_delete=models.CASCADE, related_name="activities"
    )
    order = models.PositiveIntegerField("ordning", default=0)
    text = models.TextField("aktivitet", max_length=5_000)
    purpose = models.TextField("syfte/mål", blank=True, max_length=5_000)
    responsible = models.CharField(
        "ansvarig",
        max_length=300,
        blank=True,
        help_text="Roll eller enhet, till exempel ”Avdelningschefer och styrgruppen”.",
    )
    responsible_unit = models.ForeignKey(
        Organisation,
        verbose_name="ansvarig enhet",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responsible_for_activities",
        help_text="Enheten som återrapporterar aktiviteten i uppföljningen.",
    )
    partners = models.CharField(
        "samverkan", max_length=500, blank=True, help_text="Till exempel ”Polis, Civilsamhället”."
    )
    timing = models.CharField(
        "tidplan",
        max_length=100,
        blank=True,
        help_text="Till exempel ”VT 2019”, ”Pågående” eller ”Start maj”.",
    )
    starts_on = models.DateField("startdatum", null=True, blank=True)
    ends_on = models.DateField("slutdatum", null=True, blank=True)
    follow_up_method = models.CharField(
        "uppföljning", max_length=300, blank=True, help_text="Hur aktiviteten följs upp."
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name="kopierad från",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    problems = models.ManyToManyField(
        "situation.Problem",
        verbose_name="svarar mot",
        blank=True,
        related_name="activities",
        help_text="De prioriterade problemen i lägesbilden som aktiviteten svarar mot.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    # Swedish full-text vector, written by a PostgreSQL trigger (migration 0002_activity_search) so that
    # rows saved with bulk_create are searchable too; unused (NULL) on SQLite. See plans/search.py.
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_vector"], m2m_fields=[problems])
    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = "aktivitet"
        verbose_name_plural = "aktiviteter"
        ordering = ["chapter", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="activity_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return reverse("plans:activity_detail", args=[self.pk])

    def access_policy(self) -> access.Policy:
        return self.chapter.revision.access_policy()

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "Slutdatum kan inte ligga före startdatum."})


class CatalogueEntry(models.Model):
    """One activity's place in the staff catalogue: a denormalised copy of what the catalogue sorts and
    filters on, so that "adopted activities under these organisations in plan order, page N" and its
    count are scans of one narrow index instead of a sort over four joined tables.

    Derived data, never written by Python: database triggers (migration 0004_catalogue_entry) keep it
    current on every path that writes an activity, chapter, revision, plan or organisation path
    (services, bulk_create, admin, imports, tests' factories). Drafts have rows too (``adopted`` false),
    so adopting a revision is one UPDATE of a flag. No history: it records nothing a person edits.
    """

    activity = models.OneToOneField(
        Activity,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="catalogue_entry",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    organisation_path = models.CharField(max_length=255)
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=Chapter.Kind.choices)
    chapter_order = models.PositiveIntegerField()
    activity_order = models.PositiveIntegerField()
    adopted = models.BooleanField()

    # The catalogue's order: organisation in tree order, newest year first, then plan order.
    PLAN_ORDER = ("organisation_path", "-year", "chapter_order", "activity_order", "activity_id")

    class Meta:
        indexes = [
            models.Index(
                fields=["organisation_path", "-year", "chapter_order", "activity_order", "activity"],
                condition=Q(adopted=True),
                name="catalogue_plan_order",
            ),
            # One organisation's rows in plan order: where the catalogue's page is read (plans/catalogue.py).
            models.Index(
                fields=["organisation", "-year", "chapter_order", "activity_order", "activity"],
                condition=Q(adopted=True),
                name="catalogue_organisation_order",
            ),
        ]

    def __str__(self):
        return f"{self.organisation_path} {self.year} {self.activity_id}"


class CatalogueTally(models.Model):
    """How many adopted activities an organisation has per year and chapter kind: the catalogue's exact
    count without a scan, a sum over a few hundred rows whatever the number of activities.

    Kept by triggers on CatalogueEntry (migration 0004_catalogue_entry) in the same transaction as the
    change, so a count is never stale: there is nothing to invalidate."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=Chapter.Kind.choices)
    activities = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "kind"], name="cataloguetally_unique"),
        ]

    def __str__(self):
        return f"{self.organisation_id} {self.year} {self.kind}: {self.activities}"


class CatalogueGeneration(models.Model):
    """A number that database triggers (migration 0015) raise in the same transaction as any change to
    what the catalogue's scope shows: a tally row (an adoption, a superseded revision, an activity of an
    adopted plan moved or deleted on any path) or an organisation's name or place in the tree.

    The scope (plans/catalogue.py) is cached under the generation read before it, so a cached scope is
    never older than the generation it is filed under, whatever the cache backend (per process or Redis)
    and however many processes commit at once. No history: nobody edits it."""

    name = models.CharField(max_length=40, primary_key=True)
    value = models.BigIntegerField(default=0)

    def __str__(self):
        return f"{self.name}: {self.value}"


class RoutineQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(organisation__in=access.organisations_for(user, Perm.VIEW_PLAN))


class Routine(models.Model):
    """Rutin: what staff do in a given situation ("Rutin vid oro/händelse rörande VBE")."""

    class Kind(models.TextChoices):
        CONCERN = "vid_oro", "Vid oro för en person"
        INCIDENT = "vid_handelse", "Vid händelse"
        CONTACT = "kontakt", "Kontaktuppgifter"
        FORM = "blankett", "Blankett"
        OTHER = "ovrigt", "Övrigt"

    organisation = models.ForeignKey(
        Organisation, verbose_name="organisation", on_delete=models.PROTECT, related_name="routines"
    )
    kind = models.CharField("typ", max_length=20, choices=Kind.choices, default=Kind.CONCERN)
    title = models.CharField("rubrik", max_length=200)
    body = models.TextField("beskrivning", max_length=20_000)
    contact_name = models.CharField("kontaktperson", max_length=200, blank=True)
    contact_role = models.CharField(
        "roll", max_length=200, blank=True, help_text="Till exempel ”Preventionssamordnare”."
    )
    contact_phone = models.CharField(
        "telefon", max_length=40, blank=True, help_text="Till exempel 08-508 00 000."
    )
    # Plain text: a mailto: link is made only when it looks like an address (contact_email_href).
    contact_email = models.CharField("e-post", max_length=254, blank=True)
    contact = models.TextField("övriga kontaktuppgifter", blank=True, max_length=2_000)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    objects = RoutineQuerySet.as_manager()

    class Meta:
        verbose_name = "rutin"
        verbose_name_plural = "rutiner"
        ordering = ["organisation__path", "kind", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plans:routine_detail", args=[self.pk])

    @property
    def contact_phone_href(self) -> str:
        """tel: link of the phone number: its digits (a leading + kept), "" if it has none."""
        digits = "".join(ch for ch in self.contact_phone if ch.isdigit() and ch.isascii())
        if not digits:
            return ""
        return "tel:" + ("+" if self.contact_phone.strip().startswith("+") else "") + digits

    @property
    def contact_email_href(self) -> str:
        """mailto: link of the e-mail address, "" unless it looks like one (one @, no spaces or colon)."""
        email = self.contact_email.strip()
        local, _, domain = email.partition("@")
        if not local or "." not in domain or any(ch in email for ch in " :<>\"'") or "@" in domain:
            return ""
        return "mailto:" + email

    @property
    def has_contact(self) -> bool:
        return any(
            (self.contact_name, self.contact_role, self.contact_phone, self.contact_email, self.contact)
        )

    def access_policy(self) -> access.Policy:
        org = self.organisation
        return access.Policy(
            grants={
                Action.VIEW: [(Perm.VIEW_PLAN, org)],
                Action.CHANGE: [(Perm.EDIT_PLAN, org)],
                Action.DELETE: [(Perm.EDIT_PLAN, org)],
            }
        )


# Indicators live in their own module to keep this one readable; importing them here registers them.
from .indicator_models import Indicator, IndicatorTarget  # noqa: E402, F401
