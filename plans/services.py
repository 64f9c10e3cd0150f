"""Every write to a plan: revisions, chapters, activities, adoption and next year's draft.

Each service takes keyword-only arguments and the acting user (`by`), checks the permission through
`organisations.access`, runs in one transaction and leaves a change reason in the history. A revision
that is not a draft is frozen: every service that would change it, its chapters or its activities
refuses with `RevisionFrozen`. Editable objects carry `version`; a save from a stale version is
refused with `EditConflict`, which says what the other person changed.
"""

from django.db import IntegrityError, transaction
from django.db.models import Max

from documents.tasks import render_when_committed
from organisations import access, editing
from organisations.access import Action, Perm
from organisations.editing import EditConflict
from organisations.kinds import PlanKind, setting_for

from .errors import AlreadyDeleted, PlanError, RevisionFrozen
from .indicator_services import copy_indicators
from .kinds import DEFAULT_CHAPTERS
from .models import ActionPlan, Activity, Chapter, PlanRevision

__all__ = ["AlreadyDeleted", "DraftExists", "EditConflict", "PlanError", "RevisionFrozen"]

ACTIVITY_FIELDS = (
    "text",
    "purpose",
    "responsible",
    "responsible_unit",
    "partners",
    "timing",
    "starts_on",
    "ends_on",
    "follow_up_method",
)
CHAPTER_FIELDS = ("heading", "body", "kind")
REVISION_META_FIELDS = ("year", "decided_by", "situation_picture", "measures_position")


class DraftExists(PlanError):
    def __init__(self, draft=None):
        year = f" ({draft.year})" if draft is not None else ""
        super().__init__(
            f"Det finns redan ett utkast{year} för den här handlingsplanen. "
            "Det kan bara finnas ett utkast åt gången."
        )
        self.draft = draft


def _require(by, action, obj):
    """The permission layer's object question: role first (403), then the object's state (frozen)."""
    access.require_can(by, action, obj)


_save = editing.save_tracked
_delete = editing.delete_tracked


def _check_problems(revision, problems):
    """An activity answers only problems of the lägesbild its revision rests on."""
    if not problems:
        return
    picture_id = revision.situation_picture_id
    if any(problem.picture_id != picture_id for problem in problems):
        raise PlanError("En aktivitet kan bara svara mot problem i den lägesbild revideringen vilar på.")


def _set_problems(activity, problems, *, by, reason):
    """Replace the activity's problems; simple-history records the m2m change with the activity."""
    activity._change_reason = reason
    activity._history_user = by
    activity.problems.set(problems)


def _map_problems(problems, picture):
    """The problems of `picture` that stand for `problems`: themselves, or their copy in `picture`."""
    mapped = []
    for problem in problems:
        if problem.picture_id == picture.pk:
            mapped.append(problem)
            continue
        copy = next((c for c in problem.copies.all() if c.picture_id == picture.pk), None)
        if copy is not None:
            mapped.append(copy)
    return mapped


def _rest_on_picture(revision, picture, *, by):
    """Move the links of every activity to the problems of the revision's new lägesbild (by lineage)."""
    activities = Activity.objects.filter(chapter__revision=revision).prefetch_related("problems__copies")
    for activity in activities:
        current = list(activity.problems.all())
        mapped = _map_problems(current, picture) if picture is not None else []
        if {p.pk for p in mapped} != {p.pk for p in current}:
            _set_problems(activity, mapped, by=by, reason="Kopplingen till lägesbildens problem följde med")


def _locked_revision(revision):
    # Lock only the revision row, not the plan and organisation joined for the permission check.
    return editing.lock(revision, "plan__organisation")


# --- plans and revisions ---------------------------------------------------------------------------


@transaction.atomic
def create_plan(*, organisation, title, year, by, kind=PlanKind.VBE, with_default_chapters=False):
    """Create a plan of `kind` for `organisation` with its first revision, a draft for `year`.

    The draft names the adopting body the organisation has set for the kind, and can start with the
    kind's default chapters (plans.kinds)."""
    access.require(by, Perm.EDIT_PLAN, organisation)
    if ActionPlan.objects.filter(organisation=organisation, title=title).exists():
        raise PlanError(f"{organisation} har redan en handlingsplan med titeln ”{title}”.")
    try:
        # A double submit (or a colleague) passed the check above at the same moment: the constraint says no.
        with transaction.atomic():
            plan = _save(
                ActionPlan(organisation=organisation, title=title, kind=kind),
                by=by,
                reason="Handlingsplan skapad",
            )
    except IntegrityError:
        raise PlanError(f"{organisation} har redan en handlingsplan med titeln ”{title}”.") from None
    decided_by = setting_for(organisation, kind).adopting_body
    revision = _save(
        PlanRevision(plan=plan, year=year, decided_by=decided_by), by=by, reason=f"Utkast för {year} skapat"
    )
    if with_default_chapters:
        for order, (heading, chapter_kind, body) in enumerate(DEFAULT_CHAPTERS[PlanKind(kind)], start=1):
            chapter = Chapter(revision=revision, order=order, heading=heading, kind=chapter_kind, body=body)
            _save(chapter, by=by, reason="Kapitel från plantypens mall")
    return plan


@transaction.atomic
def update_revision_meta(
    *, revision, version, year, decided_by, by, situation_picture=None, measures_position=None
):
    """Change the year, the deciding body, the lägesbild and (åtgärdsplan) the position on measures."""
    revision = _locked_revision(revision)
    _require(by, Action.CHANGE, revision)
    editing.check_version(revision, version, what="Revideringens uppgifter", fields=REVISION_META_FIELDS)
    if PlanRevision.objects.filter(plan=revision.plan, year=year).exclude(pk=revision.pk).exists():
        raise PlanError(f"Det finns redan en revidering för {year} av den här handlingsplanen.")
    if situation_picture is not None and situation_picture.organisation_id != revision.plan.organisation_id:
        raise PlanError("Lägesbilden måste höra till samma organisation som handlingsplanen.")
    if situation_picture is not None and situation_picture.kind != revision.plan.kind:
        raise PlanError("Lägesbilden måste vara av samma typ som planen.")
    data = {"year": year, "decided_by": decided_by, "situation_picture": situation_picture}
    if measures_position is not None:
        data["measures_position"] = measures_position
    moved = revision.situation_picture_id != (situation_picture.pk if situation_picture else None)
    revision = editing.update(
        revision,
        data=data,
        version=version,
        by=by,
        reason="Revideringens uppgifter ändrade",
        what="Revideringens uppgifter",
        fields=REVISION_META_FIELDS,
    )
    if moved:
        _rest_on_picture(revision, situation_picture, by=by)
    return revision


@transaction.atomic
def adopt_revision(*, revision, decided_by, decided_on, paragraph, diary_number, by):
    """Record the nämnd's decision and freeze the revision; the previous adopted one is superseded."""
    revision = _locked_revision(revision)
    _require(by, Action.DECIDE, revision)
    if not decided_on or not paragraph:
        raise PlanError("Beslutsdatum och paragraf måste anges för att registrera beslutet.")
    previous = PlanRevision.objects.select_for_update().filter(
        plan_id=revision.plan_id, status=PlanRevision.Status.ADOPTED
    )
    for old in previous:
        old.status = PlanRevision.Status.SUPERSEDED
        old.version += 1
        _save(old, by=by, reason=f"Ersatt av revideringen {revision.year}")
    revision.status = PlanRevision.Status.ADOPTED
    revision.decided_by = decided_by
    revision.decided_on = decided_on
    revision.paragraph = paragraph
    revision.diary_number = diary_number
    revision.version += 1
    adopted = _save(revision, by=by, reason=f"Antagen {decided_on:%Y-%m-%d} § {paragraph}")
    # The documents are made now, from what was decided, not at someone's first download.
    render_when_committed("plans.PlanRevision", adopted.pk)
    return adopted


@transaction.atomic
def start_next_revision(*, source, by):
    """Copy the latest adopted revision into a draft for the following year.

    `source` is a plan (its adopted revision is used) or an adopted revision. Chapters and activities
    are copied with `copied_from` set, so that the next comparison follows the lineage.
    """
    plan = source if isinstance(source, ActionPlan) else source.plan
    # Locking the plan row serialises two people pressing the button at once.
    plan = ActionPlan.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=plan.pk)
    _require(by, Action.CONTINUE, plan)
    draft = plan.revisions.filter(status=PlanRevision.Status.DRAFT).first()
    if draft is not None:
        raise DraftExists(draft)
    adopted = plan.revisions.filter(status=PlanRevision.Status.ADOPTED).order_by("-year").first()
    if adopted is None or (isinstance(source, PlanRevision) and source.pk != adopted.pk):
        raise PlanError("En ny revidering kan bara utgå från den gällande, antagna revideringen.")
    year = adopted.year + setting_for(plan.organisation, plan.kind).plan_cycle_years
    if plan.revisions.filter(year=year).exists():
        raise PlanError(f"Det finns redan en revidering för {year}.")
    reason = f"Kopierad från revideringen {adopted.year}"
    try:
        with transaction.atomic():
            new = _save(
                PlanRevision(
                    plan=plan,
                    year=year,
                    decided_by=adopted.decided_by,
                    measures_position=adopted.measures_position,
                    copied_from=adopted,
                    situation_picture=adopted.situation_picture,
                ),
                by=by,
                reason=reason,
            )
    except IntegrityError as error:  # the one-draft constraint, if a draft slipped in meanwhile
        raise DraftExists() from error
    chapters = adopted.chapters.prefetch_related(
        "activities__problems", "activities__indicators__targets"
    ).order_by("order", "pk")
    for chapter in chapters:
        copy = _save(
            Chapter(
                revision=new,
                order=chapter.order,
                heading=chapter.heading,
                body=chapter.body,
                kind=chapter.kind,
                copied_from=chapter,
            ),
            by=by,
            reason=reason,
        )
        for activity in chapter.activities.all():
            values = {name: getattr(activity, name) for name in ACTIVITY_FIELDS}
            new_activity = _save(
                Activity(chapter=copy, order=activity.order, copied_from=activity, **values),
                by=by,
                reason=reason,
            )
            problems = list(activity.problems.all())
            if problems:
                _set_problems(new_activity, problems, by=by, reason=reason)
            copy_indicators(activity, new_activity, by=by, reason=reason)
    return new


# --- chapters --------------------------------------------------------------------------------------


def _next_order(queryset):
    return (queryset.aggregate(m=Max("order"))["m"] or 0) + 1


@transaction.atomic
def add_chapter(*, revision, heading, body="", kind=Chapter.Kind.PROSE, by):
    revision = _locked_revision(revision)
    _require(by, Action.CHANGE, revision)
    chapter = Chapter(
        revision=revision,
        heading=heading,
        body=body,
        kind=kind,
        order=_next_order(revision.chapters.all()),
    )
    return _save(chapter, by=by, reason="Kapitel tillagt")


def _locked_chapter(chapter):
    chapter = editing.lock(chapter)
    revision = _locked_revision(chapter.revision)
    chapter.revision = revision
    return chapter


@transaction.atomic
def update_chapter(*, chapter, version, by, **values):
    """Change heading, body or kind of a chapter; refuse if someone saved it since `version`."""
    chapter = _locked_chapter(chapter)
    _require(by, Action.CHANGE, chapter)
    return editing.update(
        chapter,
        data=values,
        version=version,
        by=by,
        reason="Kapitel ändrat",
        what=f"Kapitlet ”{chapter.heading}”",
        fields=CHAPTER_FIELDS,
    )


@transaction.atomic
def delete_chapter(*, chapter, by, version=None):
    """Remove a chapter and its activities, each leaving a record in the history."""
    try:
        chapter = _locked_chapter(chapter)
    except Chapter.DoesNotExist:  # deleted meanwhile (a double click, a colleague)
        raise AlreadyDeleted("Kapitlet är redan borttaget.") from None
    _require(by, Action.DELETE, chapter)
    editing.check_version(chapter, version, what=f"Kapitlet ”{chapter.heading}”", fields=CHAPTER_FIELDS)
    for activity in chapter.activities.all():
        _delete(activity, by=by, reason=f"Borttagen med kapitlet ”{chapter.heading}”")
    _delete(chapter, by=by, reason="Kapitel borttaget")


def _target_position(items, obj, direction, position):
    """The 1-based place `obj` should take: an explicit `position`, or one step `up`/`down`."""
    current = next(i for i, item in enumerate(items) if item.pk == obj.pk) + 1
    if position is None:
        if direction not in ("up", "down"):
            raise PlanError("Okänd riktning.")
        return current, current - 1 if direction == "up" else current + 1
    try:
        position = int(position)
    except (TypeError, ValueError):
        raise PlanError(f"Ange platsen som ett tal mellan 1 och {len(items)}.") from None
    if not 1 <= position <= len(items):
        raise PlanError(f"Ange en plats mellan 1 och {len(items)}.")
    return current, position


def _move(obj, siblings, *, by, direction=None, position=None):
    """Move `obj` to another place among `siblings` (ordered), writing ONE history record.

    The moved object's record says it all: "Flyttad från plats 9 till 1". The siblings only get
    their stored numbers rewritten to stay 1..n; their order relative to each other does not change,
    so they are saved without a history record of their own (14 moves must not bury real edits).
    Returns False when the object is already in that place (or at the edge for up/down).
    """
    items = list(siblings)
    current, target = _target_position(items, obj, direction, position)
    if not 1 <= target <= len(items) or target == current:
        return False
    moved = items.pop(current - 1)
    items.insert(target - 1, moved)
    for number, item in enumerate(items, start=1):
        if item.pk == moved.pk:
            item.order = number
            _save(item, by=by, reason=f"Flyttad från plats {current} till {target}")
        elif item.order != number:
            item.order = number
            item.skip_history_when_saving = True
            try:
                item.save(update_fields=["order"])
            finally:
                del item.skip_history_when_saving
    return True


@transaction.atomic
def move_chapter(*, chapter, by, direction=None, position=None):
    """Move a chapter one step up/down or to `position`; order is not part of `version` (no conflict)."""
    chapter = _locked_chapter(chapter)
    _require(by, Action.CHANGE, chapter)
    siblings = Chapter.objects.select_for_update().filter(revision=chapter.revision).order_by("order", "pk")
    return _move(chapter, siblings, by=by, direction=direction, position=position)


# --- activities ------------------------------------------------------------------------------------


def _check_unit(revision, unit):
    """The responsible unit is the plan's organisation or a unit under it."""
    organisation = revision.plan.organisation
    if unit is not None and not unit.path.startswith(organisation.path):
        raise PlanError(f"Ansvarig enhet måste vara {organisation.name} eller en enhet under den.")


@transaction.atomic
def add_activity(*, chapter, by, **values):
    """Add an activity at the end of the chapter; without a responsible unit it falls to the plan's
    organisation, so that every activity has someone who reports on it in the follow-up."""
    chapter = _locked_chapter(chapter)
    _require(by, Action.CHANGE, chapter)
    problems = values.get("problems")
    _check_problems(chapter.revision, problems)
    _check_unit(chapter.revision, values.get("responsible_unit"))
    activity = Activity(chapter=chapter, order=_next_order(chapter.activities.all()))
    activity.responsible_unit = chapter.revision.plan.organisation
    for name in ACTIVITY_FIELDS:
        if values.get(name) is not None:
            setattr(activity, name, values[name])
    activity.full_clean()
    _save(activity, by=by, reason="Aktivitet tillagd")
    if problems:
        _set_problems(activity, problems, by=by, reason="Aktivitet tillagd")
    return activity


def _locked_activity(activity):
    activity = editing.lock(activity)
    activity.chapter = _locked_chapter(activity.chapter)
    return activity


@transaction.atomic
def update_activity(*, activity, version, by, **values):
    """Change an activity's fields; refuse if someone saved it since `version`."""
    activity = _locked_activity(activity)
    _require(by, Action.CHANGE, activity)
    values = dict(values)
    problems = values.pop("problems", None)
    _check_problems(activity.chapter.revision, problems)
    _check_unit(activity.chapter.revision, values.get("responsible_unit"))
    activity = editing.update(
        activity,
        data=values,
        version=version,
        by=by,
        reason="Aktivitet ändrad",
        what="Aktiviteten",
        fields=ACTIVITY_FIELDS,
    )
    linked = set(activity.problems.values_list("pk", flat=True))
    if problems is not None and {p.pk for p in problems} != linked:
        _set_problems(activity, problems, by=by, reason="Aktivitetens problem ändrade")
    return activity


@transaction.atomic
def delete_activity(*, activity, by, version=None):
    try:
        activity = _locked_activity(activity)
    except (Activity.DoesNotExist, Chapter.DoesNotExist):  # deleted meanwhile (a double click, a colleague)
        raise AlreadyDeleted("Aktiviteten är redan borttagen.") from None
    _require(by, Action.DELETE, activity)
    editing.check_version(activity, version, what="Aktiviteten", fields=ACTIVITY_FIELDS)
    _delete(activity, by=by, reason="Aktivitet borttagen")


@transaction.atomic
def move_activity(*, activity, by, direction=None, position=None):
    """Move an activity one step up/down or to `position` (1-based) in its chapter: one history record."""
    activity = _locked_activity(activity)
    _require(by, Action.CHANGE, activity)
    siblings = Activity.objects.select_for_update().filter(chapter=activity.chapter).order_by("order", "pk")
    return _move(activity, siblings, by=by, direction=direction, position=position)


@transaction.atomic
def place_revision(*, revision, meeting, by) -> PlanRevision:
    """Put the draft's ärende on a nämnd meeting (or take it off with `meeting=None`). Its papers are then
    due by that meeting's rule and move when the meeting moves."""
    locked = editing.lock(revision, "plan__organisation")
    access.require_can(by, Action.PLACE, locked)
    if meeting is not None and not meeting.serves(locked.plan.organisation):
        raise PlanError("Sammanträdet hör inte till nämnden som ska anta handlingsplanen.")
    locked.meeting = meeting
    return editing.save_tracked(locked, by=by, reason=placement_reason(meeting))


def placement_reason(meeting) -> str:
    return f"Placerad på sammanträdet {meeting.date.isoformat()}" if meeting else "Ej placerad"
