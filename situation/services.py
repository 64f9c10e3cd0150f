"""Every write to a lägesbild goes through here: permission, freezing, the conflict rule, history."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from documents.tasks import render_when_committed
from organisations import access
from organisations.access import Perm

from .models import FROZEN_MESSAGE, Observation, SituationPicture, Source

PICTURE_FIELDS = [
    "made_with",
    "outlook",
    "occurrence",
    "knowledge",
    "routines",
    "organisation_text",
    "follow_up",
    "analysis",
    "threat_level",
    "threat_level_source",
]
SOURCE_FIELDS = ["kind", "description", "responses", "order"]
OBSERVATION_FIELDS = ["environment", "kind", "area", "period", "count", "description"]


class SituationError(Exception):
    """A write refused for a reason the user should read (shown as a Swedish message)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class PictureFrozen(SituationError, PermissionDenied):
    def __init__(self):
        super().__init__(FROZEN_MESSAGE)


class EditConflict(SituationError):
    """Someone saved the same object after this user opened it: nothing is overwritten."""


def _require_editable(picture: SituationPicture, by) -> None:
    access.require(by, Perm.EDIT_SITUATION, picture.organisation)
    if picture.is_frozen:
        raise PictureFrozen


def _lock_picture(picture: SituationPicture) -> SituationPicture:
    return SituationPicture.objects.select_related("organisation").select_for_update().get(pk=picture.pk)


def _display(obj, field_name: str) -> str:
    field = obj._meta.get_field(field_name)
    value = getattr(obj, field_name)
    if field.choices:
        value = getattr(obj, f"get_{field_name}_display")()
    if value in (None, ""):
        return "(tomt)"
    text = " ".join(str(value).split())
    return text if len(text) <= 120 else text[:117] + "…"


def _conflict(locked, started_version: int, fields: list[str]) -> EditConflict:
    """Describe what changed since `started_version`, from the history, in Swedish."""
    history = locked.history.all()
    before = history.filter(version=started_version).order_by("-history_date").first()
    latest = history.order_by("-history_date").select_related("history_user").first()
    who = "någon annan"
    if latest is not None and latest.history_user is not None:
        who = latest.history_user.get_full_name() or latest.history_user.get_username()
    changes = []
    for name in fields:
        attname = locked._meta.get_field(name).attname
        if before is None or getattr(before, attname) != getattr(locked, attname):
            label = str(locked._meta.get_field(name).verbose_name)
            changes.append(f"{label[:1].upper()}{label[1:]}: ”{_display(locked, name)}”")
    detail = "; ".join(changes) if changes else "inga synliga fält"
    return EditConflict(
        f"{who} har sparat ändringar sedan du öppnade sidan, så dina ändringar sparades inte. "
        f"Det här ändrades: {detail}. Läs in sidan igen och gör om dina ändringar."
    )


def _save(obj, reason: str, *, bump: bool = True) -> None:
    obj.full_clean()
    if bump:
        obj.version += 1
    obj._change_reason = reason
    obj.save()


@transaction.atomic
def create_picture(*, organisation, year: int, by, made_with: str = "") -> SituationPicture:
    """Start an empty draft lägesbild for `organisation` and `year`."""
    access.require(by, Perm.EDIT_SITUATION, organisation)
    picture = SituationPicture(organisation=organisation, year=year, made_with=made_with)
    _save(picture, "Lägesbilden skapades", bump=False)
    return picture


@transaction.atomic
def update_picture(*, picture: SituationPicture, changes: dict, version: int, by) -> SituationPicture:
    """Save chapters and fields; refused if the picture is fastställd or changed since `version`."""
    locked = _lock_picture(picture)
    _require_editable(locked, by)
    if locked.version != version:
        raise _conflict(locked, version, PICTURE_FIELDS)
    for name, value in changes.items():
        if name not in PICTURE_FIELDS:
            raise ValueError(f"{name} is not an editable field of a situation picture")
        setattr(locked, name, value)
    _save(locked, "Lägesbilden ändrades")
    return locked


@transaction.atomic
def add_source(*, picture: SituationPicture, by, **values) -> Source:
    locked = _lock_picture(picture)
    _require_editable(locked, by)
    source = Source(picture=locked, **{k: v for k, v in values.items() if k in SOURCE_FIELDS})
    _save(source, "Källa lades till", bump=False)
    return source


@transaction.atomic
def update_source(*, source: Source, changes: dict, version: int, by) -> Source:
    _require_editable(_lock_picture(source.picture), by)
    locked = Source.objects.select_for_update().get(pk=source.pk)
    if locked.version != version:
        raise _conflict(locked, version, SOURCE_FIELDS)
    for name in SOURCE_FIELDS:
        if name in changes:
            setattr(locked, name, changes[name])
    _save(locked, "Källan ändrades")
    return locked


@transaction.atomic
def delete_source(*, source: Source, by) -> None:
    _require_editable(_lock_picture(source.picture), by)
    source._change_reason = "Källan togs bort"
    source.delete()


@transaction.atomic
def add_observation(*, picture: SituationPicture, by, **values) -> Observation:
    locked = _lock_picture(picture)
    _require_editable(locked, by)
    observation = Observation(picture=locked, **{k: v for k, v in values.items() if k in OBSERVATION_FIELDS})
    _save(observation, "Iakttagelse lades till", bump=False)
    return observation


@transaction.atomic
def update_observation(*, observation: Observation, changes: dict, version: int, by) -> Observation:
    _require_editable(_lock_picture(observation.picture), by)
    locked = Observation.objects.select_for_update().get(pk=observation.pk)
    if locked.version != version:
        raise _conflict(locked, version, OBSERVATION_FIELDS)
    for name in OBSERVATION_FIELDS:
        if name in changes:
            setattr(locked, name, changes[name])
    _save(locked, "Iakttagelsen ändrades")
    return locked


@transaction.atomic
def delete_observation(*, observation: Observation, by) -> None:
    _require_editable(_lock_picture(observation.picture), by)
    observation._change_reason = "Iakttagelsen togs bort"
    observation.delete()


@transaction.atomic
def establish_picture(*, picture: SituationPicture, by) -> SituationPicture:
    """Fastställ: freeze the lägesbild for good, like an adopted plan revision."""
    locked = _lock_picture(picture)
    _require_editable(locked, by)
    locked.status = SituationPicture.Status.ESTABLISHED
    locked.established_at = timezone.now()
    locked.established_by = by
    _save(locked, "Lägesbilden fastställdes")
    render_when_committed("situation.SituationPicture", locked.pk)
    return locked


@transaction.atomic
def start_next_year(*, picture: SituationPicture, by) -> SituationPicture:
    """Copy a fastställd lägesbild into a draft for the following year.

    Chapters and sources carry over (the coordinator updates them); observations do not, since
    they are counted anew each year.
    """
    locked = _lock_picture(picture)
    access.require(by, Perm.EDIT_SITUATION, locked.organisation)
    if not locked.is_frozen:
        raise SituationError("Lägesbilden måste vara fastställd innan nästa års lägesbild kan påbörjas.")
    year = locked.year + 1
    if SituationPicture.objects.filter(organisation=locked.organisation, year=year).exists():
        raise SituationError(f"Det finns redan en lägesbild för {year}.")
    copy = SituationPicture(
        organisation=locked.organisation,
        year=year,
        copied_from=locked,
        **{name: getattr(locked, name) for name in PICTURE_FIELDS},
    )
    _save(copy, f"Påbörjad som kopia av lägesbilden {locked.year}", bump=False)
    for source in locked.sources.all():
        new = Source(picture=copy, **{name: getattr(source, name) for name in SOURCE_FIELDS})
        _save(new, f"Kopierad från lägesbilden {locked.year}", bump=False)
    return copy
