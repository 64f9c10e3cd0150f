from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class OrganisationQuerySet(models.QuerySet):
    def descendants_of(self, organisation, *, include_self=True):
        qs = self.filter(path__startswith=organisation.path)
        return qs if include_self else qs.exclude(pk=organisation.pk)

    def ancestors_of(self, organisation, *, include_self=True):
        ids = organisation.ancestor_ids(include_self=include_self)
        return self.filter(pk__in=ids)


class Organisation(models.Model):
    """A kommun, nämnd, förvaltning or enhet, in one tree (kommun > nämnd/förvaltning > enhet)."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "kommun", "Kommun"
        COMMITTEE = "namnd", "Nämnd"
        ADMINISTRATION = "forvaltning", "Förvaltning"
        UNIT = "enhet", "Enhet"

    name = models.CharField("namn", max_length=200)
    short_name = models.CharField("kortnamn", max_length=60, help_text="Används i filnamn och menyer.")
    kind = models.CharField("typ", max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="överordnad",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of primary keys ("/1/4/9/"): ancestors and descendants in one indexed query,
    # the same on PostgreSQL and SQLite. Derived from `parent`, kept up to date by save().
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    publishes_publicly = models.BooleanField(
        "publicerar antagna planer öppet",
        default=False,
        help_text="Antagna handlingsplaner och rutiner visas utan inloggning på /publikt/<id>/.",
    )

    history = HistoricalRecords(excluded_fields=["path"])
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = "organisation"
        verbose_name_plural = "organisationer"
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="organisation_unique_name_per_parent"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._refresh_paths()

    def get_absolute_url(self):
        return reverse("home")

    def ancestor_ids(self, *, include_self=True) -> list[int]:
        ids = [int(part) for part in self.path.strip("/").split("/") if part]
        return ids if include_self else ids[:-1]

    def _refresh_paths(self):
        parent_path = self.parent.path if self.parent_id else "/"
        new_path = f"{parent_path}{self.pk}/"
        if new_path == self.path:
            return
        old_path, self.path = self.path, new_path
        # path is derived, excluded from history, so a plain UPDATE is right here.
        Organisation.objects.filter(pk=self.pk).update(path=new_path)
        if old_path:
            for child in Organisation.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                child.path = new_path + child.path[len(old_path) :]
                Organisation.objects.filter(pk=child.pk).update(path=child.path)

    def clean(self):
        if self.parent_id and self.pk and self.pk in self.parent.ancestor_ids():
            raise ValidationError({"parent": "En organisation kan inte ligga under sig själv."})


class Membership(models.Model):
    """A user's role in one organisation. A user may hold several."""

    class Role(models.TextChoices):
        COORDINATOR = "samordnare", "Samordnare"
        SECRETARY = "namndsekreterare", "Nämndsekreterare"
        STAFF = "medarbetare", "Medarbetare"
        CENTRAL = "central_samordnare", "Central samordnare"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="användare",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name="organisation", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("roll", max_length=30, choices=Role.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "medlemskap"
        verbose_name_plural = "medlemskap"
        ordering = ["organisation__path", "role", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique_role"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}, {self.organisation}"


class FormSubmission(models.Model):
    """A one-time form token that has been used: the second POST of the same form finds it here.

    Creates without a natural key (a routine, an import) have no constraint that notices a double
    submit; the token's unique constraint is that key. Not history-tracked: it records a click, not
    anybody's material. `result_url` is where the first submit led.
    """

    token = models.UUIDField("formulärnyckel", unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    result_url = models.CharField("resultat", max_length=300, blank=True)
    created_at = models.DateTimeField("skickat", auto_now_add=True)

    class Meta:
        verbose_name = "skickat formulär"
        verbose_name_plural = "skickade formulär"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.token} ({self.user})"


# Plan kinds and their settings per organisation live in their own module; importing registers them.
from .kinds import KindSetting  # noqa: E402, F401
