"""Every write to a lägesbild goes through here: permission, freezing, the conflict rule, history."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from documents.tasks import render_when_committed
from organisations import access, editing
from organisations.access import Action, Perm
from organisations.editing import EditConflict
from organisations.kinds import PlanKind, setting_for

from .errors import AlreadyDeleted, PictureFrozen, SituationError
from .models import Observation, Problem, SituationPicture, Source

__all__ = ["AlreadyDeleted", "EditConflict", "PictureFrozen", "SituationError"]

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
    "crime_mapping",
    "other_information",
]
SOURCE_FIELDS = ["kind", "description", "responses", "order"]
OBSERVATION_FIELDS = ["environment", "kind", "area", "period", "count", "description"]
PROBLEM_FIELDS = ["priority", "title", "area", "environment", "crime_type", "causes"]
PROBLEM_LINKS = ["observations", "sources"]


def _require(by, action, obj) -> None:
    """Role first (403), then the lägesbild's state: a fastställd one refuses every write (PictureFrozen)."""
    access.require_can(by, action, obj)


def _lock_picture(picture: SituationPicture) -> SituationPicture:
    return editing.lock(picture, "organisation")


def _save(obj, reason: str, *, by, bump: bool = True) -> None:
    obj.full_clean()
    if bump:
        obj.version += 1
    editing.save_tracked(obj, by=by, reason=reason)


@transaction.atomic
def create_picture(
    *, organisation, year: int, by, made_with: str = "", kind=PlanKind.VBE
) -> SituationPicture:
    """Start an empty draft lägesbild of `kind` for `organisation` and `year`."""
    access.require(by, Perm.EDIT_SITUATION, organisation)
    picture = SituationPicture(organisation=organisation, kind=kind, year=year, made_with=made_with)
    try:
        # full_clean saw no picture for the year, but a simultaneous request may have made one since.
        with transaction.atomic():
            _save(picture, "Lägesbilden skapades", bump=False, by=by)
    except IntegrityError:
        raise SituationError(f"Det finns redan en lägesbild för {year}.") from None
    return picture


@transaction.atomic
def update_picture(*, picture: SituationPicture, changes: dict, version: int, by) -> SituationPicture:
    """Save chapters and fields; refused if the picture is fastställd or changed since `version`."""
    locked = _lock_picture(picture)
    _require(by, Action.CHANGE, locked)
    return editing.update(
        locked,
        data=changes,
        version=version,
        by=by,
        reason="Lägesbilden ändrades",
        what="Lägesbilden",
        fields=PICTURE_FIELDS,
    )


# Sources and observations are parts of a picture: (fields, what, added, changed, removed).
PARTS = {
    Source: (SOURCE_FIELDS, "Källan", "Källa lades till", "Källan ändrades", "Källan togs bort"),
    Observation: (
        OBSERVATION_FIELDS,
        "Iakttagelsen",
        "Iakttagelse lades till",
        "Iakttagelsen ändrades",
        "Iakttagelsen togs bort",
    ),
    Problem: (PROBLEM_FIELDS, "Problemet", "Problem lades till", "Problemet ändrades", "Problemet togs bort"),
}


def _add_part(model, picture, by, values):
    fields, _what, added, _changed, _removed = PARTS[model]
    locked = _lock_picture(picture)
    _require(by, Action.CHANGE, locked)
    part = model(picture=locked, **{k: v for k, v in values.items() if k in fields})
    _save(part, added, bump=False, by=by)
    return part


def _update_part(part, changes, version, by):
    fields, what, _added, changed, _removed = PARTS[type(part)]
    _require(by, Action.CHANGE, _lock_picture(part.picture))
    data = {name: value for name, value in changes.items() if name in fields}
    return editing.update(
        editing.lock(part), data=data, version=version, by=by, reason=changed, what=what, fields=fields
    )


def _removed(what: str) -> str:
    """ "borttagen" agrees with the noun: Källan, Iakttagelsen ... borttagen; Problemet borttaget."""
    return "borttaget" if what.endswith("et") else "borttagen"


def _delete_part(part, version, by):
    fields, what, _added, _changed, removed = PARTS[type(part)]
    _require(by, Action.DELETE, _lock_picture(part.picture))
    try:
        locked = editing.lock(part)
    except type(part).DoesNotExist:  # deleted by an earlier or simultaneous request
        raise AlreadyDeleted(f"{what} är redan {_removed(what)}.") from None
    editing.check_version(locked, version, what=what, fields=fields)
    editing.delete_tracked(locked, by=by, reason=removed)


@transaction.atomic
def add_source(*, picture: SituationPicture, by, **values) -> Source:
    return _add_part(Source, picture, by, values)


@transaction.atomic
def update_source(*, source: Source, changes: dict, version: int, by) -> Source:
    return _update_part(source, changes, version, by)


@transaction.atomic
def delete_source(*, source: Source, version, by) -> None:
    _delete_part(source, version, by)


@transaction.atomic
def add_observation(*, picture: SituationPicture, by, **values) -> Observation:
    return _add_part(Observation, picture, by, values)


@transaction.atomic
def update_observation(*, observation: Observation, changes: dict, version: int, by) -> Observation:
    return _update_part(observation, changes, version, by)


@transaction.atomic
def delete_observation(*, observation: Observation, version, by) -> None:
    _delete_part(observation, version, by)


@transaction.atomic
def establish_picture(*, picture: SituationPicture, by) -> SituationPicture:
    """Fastställ: freeze the lägesbild for good, like an adopted plan revision."""
    locked = _lock_picture(picture)
    _require(by, Action.DECIDE, locked)
    locked.status = SituationPicture.Status.ESTABLISHED
    locked.established_at = timezone.now()
    locked.established_by = by
    _save(locked, "Lägesbilden fastställdes", by=by)
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
    if not access.can(by, Action.CONTINUE, locked):
        raise SituationError("Lägesbilden måste vara fastställd innan nästa års lägesbild kan påbörjas.")
    # The organisation's cycle for this kind: the brottsförebyggande lägesbild need not be yearly.
    year = locked.year + setting_for(locked.organisation, locked.kind).picture_cycle_years
    if SituationPicture.objects.filter(
        organisation=locked.organisation, kind=locked.kind, year=year
    ).exists():
        raise SituationError(f"Det finns redan en lägesbild för {year}.")
    copy = SituationPicture(
        organisation=locked.organisation,
        kind=locked.kind,
        year=year,
        copied_from=locked,
        **{name: getattr(locked, name) for name in PICTURE_FIELDS},
    )
    try:
        with transaction.atomic():
            _save(copy, f"Påbörjad som kopia av lägesbilden {locked.year}", bump=False, by=by)
    except IntegrityError:
        raise SituationError(f"Det finns redan en lägesbild för {year}.") from None
    copied_sources = {}
    for source in locked.sources.all():
        new = Source(picture=copy, **{name: getattr(source, name) for name in SOURCE_FIELDS})
        _save(new, f"Kopierad från lägesbilden {locked.year}", bump=False, by=by)
        copied_sources[source.pk] = new
    _copy_problems(locked, copy, copied_sources, by=by)
    return copy


def _copy_problems(old: SituationPicture, new: SituationPicture, copied_sources: dict, *, by) -> None:
    """Problems carry over with their lineage and their sources; observations are counted anew."""
    for problem in old.problems.prioritised().prefetch_related("sources"):
        values = {name: getattr(problem, name) for name in PROBLEM_FIELDS}
        copy = Problem(picture=new, copied_from=problem, **values)
        _save(copy, f"Kopierat från lägesbilden {old.year}", bump=False, by=by)
        sources = [copied_sources[s.pk] for s in problem.sources.all() if s.pk in copied_sources]
        if sources:
            copy.sources.set(sources)


def _check_problem_links(picture: SituationPicture, links: dict) -> None:
    """Only observations and sources of the problem's own lägesbild can show it."""
    for name in PROBLEM_LINKS:
        if any(item.picture_id != picture.pk for item in links.get(name) or []):
            raise SituationError(
                "Ett problem kan bara hänvisa till iakttagelser och källor i samma lägesbild."
            )


def _set_problem_links(problem: Problem, links: dict) -> None:
    for name in PROBLEM_LINKS:
        if name in links:
            getattr(problem, name).set(links[name] or [])


@transaction.atomic
def add_problem(*, picture: SituationPicture, by, **values) -> Problem:
    """Name a prioritised problem of a draft lägesbild, with the observations and sources that show it."""
    _check_problem_links(picture, values)
    problem = _add_part(Problem, picture, by, values)
    _set_problem_links(problem, values)
    return problem


@transaction.atomic
def update_problem(*, problem: Problem, changes: dict, version, by) -> Problem:
    """Save a problem through the shared edit kernel: a stale `version` raises editing.EditConflict."""
    _check_problem_links(problem.picture, changes)
    locked = _update_part(problem, changes, version, by)
    _set_problem_links(locked, changes)
    return locked


@transaction.atomic
def delete_problem(*, problem: Problem, version, by) -> None:
    _delete_part(problem, version, by)


@transaction.atomic
def place_picture(*, picture: SituationPicture, meeting, by) -> SituationPicture:
    """Put the draft lägesbild on the meeting where it is to be fastställd (`None` takes it off)."""
    locked = editing.lock(picture, "organisation")
    access.require_can(by, Action.PLACE, locked)
    if meeting is not None and not meeting.serves(locked.organisation):
        raise SituationError("Sammanträdet hör inte till nämnden som ska fastställa lägesbilden.")
    locked.meeting = meeting
    reason = f"Placerad på sammanträdet {meeting.date.isoformat()}" if meeting else "Ej placerad"
    return editing.save_tracked(locked, by=by, reason=reason)
