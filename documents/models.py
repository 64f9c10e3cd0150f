import hashlib

from django.conf import settings
from django.db import models


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
