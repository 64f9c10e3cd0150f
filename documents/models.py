import hashlib

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from organisations import access

from . import registry


class StoredDocumentCorrupted(Exception):
    """The stored bytes no longer match their checksum: never serve them."""


class StoredDocument(models.Model):
    """The rendered PDF of something frozen (an adopted revision): rendered once, served as stored.

    The bytes live in the database (BinaryField), so they are in the same backup and the same
    transaction as the decision they belong to.
    """

    key = models.CharField(
        "nyckel", max_length=200, unique=True, help_text="Till exempel plans.PlanRevision:12:plan."
    )
    filename = models.CharField("filnamn", max_length=200)
    content = models.BinaryField("innehåll")
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveIntegerField("storlek (byte)")
    created_at = models.DateTimeField("skapad", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="skapad av",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "lagrat dokument"
        verbose_name_plural = "lagrade dokument"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(size__gt=0), name="storeddocument_not_empty"),
        ]

    def __str__(self):
        return self.filename

    def verified_content(self) -> bytes:
        """The stored bytes, after checking them against the SHA-256 recorded when they were stored."""
        content = bytes(self.content)
        if len(content) != self.size or hashlib.sha256(content).hexdigest() != self.sha256:
            raise StoredDocumentCorrupted(f"Lagrat dokument {self.key} stämmer inte med sin kontrollsumma.")
        return content


class DraftDocument(models.Model):
    """The last rendering of a draft document, kept under a fingerprint of everything it shows.

    A cache, not a record: replaced whenever the draft changes, never shown as the decision. Not
    history-tracked, since nobody edits it; it lives in the database so every process shares it.
    """

    key = models.CharField("nyckel", max_length=200, unique=True)
    fingerprint = models.CharField("fingeravtryck", max_length=64)
    content = models.BinaryField("innehåll")
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveIntegerField("storlek (byte)")
    rendered_at = models.DateTimeField("renderad", auto_now=True)

    class Meta:
        verbose_name = "renderat utkast"
        verbose_name_plural = "renderade utkast"
        ordering = ["key"]

    def __str__(self):
        return self.key

    def verified_content(self) -> bytes:
        content = bytes(self.content)
        if len(content) != self.size or hashlib.sha256(content).hexdigest() != self.sha256:
            raise StoredDocumentCorrupted(f"Utkastet {self.key} stämmer inte med sin kontrollsumma.")
        return content


class CaseMemoQuerySet(models.QuerySet):
    def of(self, owner):
        """The ärende written on `owner` (a plan revision, a lägesbild, a follow-up round)."""
        return self.filter(owner_type=ContentType.objects.get_for_model(owner), owner_id=owner.pk)


class CaseMemo(models.Model):
    """Ärendet (tjänsteutlåtande): the official's written matter that asks the nämnd to decide on an
    object that freezes with the decision: a draft plan revision (anta), a lägesbild (fastställa), a
    follow-up report (godkänna och lägga till handlingarna).

    Written by the samordnare in the Luleå shape (beslutsförslag). Its owner is generic so that this
    app knows no domain app; each app registers what its ärende says (documents.registry.CaseSubject).
    It asks its owner's access policy, so it is frozen with the decision; its document never contains
    the decision itself.
    """

    owner_type = models.ForeignKey(
        ContentType, verbose_name="typ av ärende", on_delete=models.PROTECT, related_name="+"
    )
    owner_id = models.PositiveBigIntegerField("avser (id)")
    owner = GenericForeignKey("owner_type", "owner_id")
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="handläggare",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Den som har berett ärendet och står som handläggare på handlingen.",
    )
    official_title = models.CharField("handläggarens titel", max_length=100, blank=True)
    prepared_on = models.DateField("datum", help_text="Ärendets eget datum, som står i sidhuvudet.")
    diary_number = models.CharField("diarienummer", max_length=60, blank=True)
    proposal = models.TextField("förslag till beslut", max_length=2_000)
    summary = models.TextField("sammanfattning av ärendet", max_length=10_000)
    background = models.TextField("beskrivning av ärendet", max_length=20_000, blank=True)
    dialogue = models.TextField(
        "dialog", max_length=5_000, blank=True, help_text="Med vilka ärendet har stämts av, t.ex. polisen."
    )
    assessment = models.TextField("förvaltningens bedömning", max_length=10_000, blank=True)
    recipients = models.TextField(
        "beslutet skickas till", max_length=2_000, help_text="En mottagare per rad."
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField("skapad", auto_now_add=True)

    history = HistoricalRecords()
    objects = CaseMemoQuerySet.as_manager()

    class Meta:
        verbose_name = "ärende (tjänsteutlåtande)"
        verbose_name_plural = "ärenden (tjänsteutlåtanden)"
        ordering = ["owner_type", "owner_id"]
        constraints = [
            # One ärende per object: the OneToOne of a generic owner.
            models.UniqueConstraint(fields=["owner_type", "owner_id"], name="casememo_one_per_owner"),
        ]

    def __str__(self):
        return f"Ärende: {self.owner}"

    def get_absolute_url(self):
        return registry.case_subject(self.owner).edit_url(self.owner)

    def clean(self):
        if self.owner_type_id and self.owner_type.natural_key() not in registry.case_subject_keys():
            raise ValidationError(
                {"owner_type": "Ärenden skrivs bara om revideringar, lägesbilder och uppföljningar."}
            )

    @property
    def is_frozen(self) -> bool:
        return access.is_frozen(self.owner)

    def access_policy(self) -> access.Policy:
        """The owner's answer: written by those who edit it, frozen with its decision."""
        return self.owner.access_policy()

    @property
    def official_name(self) -> str:
        if self.official_id is None:
            return ""
        return (self.official.get_full_name() or self.official.get_username()).strip()

    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]
