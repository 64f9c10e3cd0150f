"""Demo plans and routines from the seeds; safe to run again (existing revisions are left as they are)."""

from django.db import transaction

from organisations.demo import organisation
from situation.models import SituationPicture

from . import demo_crime_prevention
from .demo_data import (
    HASSELBY_2018,
    KUNGSBACKA_2020,
    LULEA_2022,
    ROUTINE_CONTACTS,
    ROUTINES,
    SKARHOLMEN_2019,
    SKARHOLMEN_2020_EDITS,
    UNIT_BY_RESPONSIBLE,
)
from .models import ActionPlan, Activity, Chapter, PlanRevision, Routine

REASON = "Demodata"
DEFAULT_TITLE = "Handlingsplan mot våldsbejakande extremism"


@transaction.atomic
def load():
    _adopted_plan(HASSELBY_2018)
    # Plans rest on the lägesbild made before them (situation.demo has loaded those).
    skarholmen_2019 = _adopted_plan(SKARHOLMEN_2019, situation_year=2018)
    skarholmen_2020 = _draft_copy(
        skarholmen_2019, org_key=SKARHOLMEN_2019["org"], year=2020, edits=SKARHOLMEN_2020_EDITS
    )
    if skarholmen_2020.situation_picture_id is None:
        skarholmen_2020.situation_picture = _situation_picture(skarholmen_2020.plan.organisation, 2019)
        _save(skarholmen_2020)
    _adopted_plan(LULEA_2022, situation_year=2022)
    _adopted_plan(KUNGSBACKA_2020)
    demo_crime_prevention.load()
    for org_key, kind, title, body, contact in ROUTINES:
        _routine(org_key, kind, title, body, contact)


def _routine(org_key, kind, title, body, contact):
    """Create the routine; the routine vid oro and the contact routine carry the contact fields (also
    added to a routine an earlier demo load created without them)."""
    org = organisation(org_key)
    routine = Routine.objects.filter(organisation=org, title=title).first()
    people = ROUTINE_CONTACTS.get(org_key) if kind in (Routine.Kind.CONCERN, Routine.Kind.CONTACT) else None
    if routine is None:
        routine = Routine(
            organisation=org, kind=kind, title=title, body=body, contact="" if people else contact
        )
    elif not people or routine.contact_name:
        return
    if people:
        routine.contact_name, routine.contact_role, routine.contact_phone, routine.contact_email = people
    _save(routine)


def _situation_picture(organisation, year):
    return SituationPicture.objects.filter(organisation=organisation, year=year).first()


def _save(obj):
    obj._change_reason = REASON
    obj.save()
    return obj


def _adopted_plan(spec, situation_year=None) -> PlanRevision:
    org = organisation(spec["org"])
    plan = ActionPlan.objects.filter(organisation=org, title=spec.get("title", DEFAULT_TITLE)).first()
    if plan is None:
        plan = _save(ActionPlan(organisation=org, title=spec.get("title", DEFAULT_TITLE)))
    revision = plan.revisions.filter(year=spec["year"]).first()
    if revision is not None:
        return revision
    decided_by, decided_on, paragraph, diary_number = spec["decision"]
    revision = _save(
        PlanRevision(
            plan=plan,
            year=spec["year"],
            status=PlanRevision.Status.ADOPTED,
            decided_by=decided_by,
            decided_on=decided_on,
            paragraph=paragraph,
            diary_number=diary_number,
            situation_picture=_situation_picture(org, situation_year) if situation_year else None,
        )
    )
    units = {}
    for order, (heading, kind, body, activities) in enumerate(spec["chapters"], start=1):
        chapter = _save(Chapter(revision=revision, order=order, heading=heading, kind=kind, body=body))
        for position, row in enumerate(activities, start=1):
            _save(_activity(chapter, position, _with_unit(spec["org"], row), units))
    return revision


def _with_unit(org_key, row):
    """The row with its responsible unit: its own key, else the demo mapping by its Ansvarig."""
    if row[6]:
        return row
    units = UNIT_BY_RESPONSIBLE.get(org_key, {})
    return (*row[:6], units.get(row[2], units.get("*")))


def _activity(chapter, order, row, units, copied_from=None) -> Activity:
    text, purpose, responsible, partners, timing, follow_up, unit_key = row
    if unit_key and unit_key not in units:
        units[unit_key] = organisation(unit_key)
    return Activity(
        chapter=chapter,
        order=order,
        text=text,
        purpose=purpose,
        responsible=responsible,
        partners=partners,
        timing=timing,
        follow_up_method=follow_up,
        responsible_unit=units.get(unit_key) if unit_key else None,
        copied_from=copied_from,
    )


def _draft_copy(source: PlanRevision, *, org_key: str, year: int, edits: dict) -> PlanRevision:
    """Next year's draft as a copy of `source`, each chapter and activity remembering its origin."""
    existing = source.plan.revisions.filter(year=year).first()
    if existing is not None:
        return existing
    draft = _save(PlanRevision(plan=source.plan, year=year, copied_from=source))
    for old_chapter in source.chapters.prefetch_related("activities"):
        chapter = _save(
            Chapter(
                revision=draft,
                order=old_chapter.order,
                heading=old_chapter.heading,
                body=old_chapter.body.replace("2019", "2020").replace("2018", "2019"),
                kind=old_chapter.kind,
                copied_from=old_chapter,
            )
        )
        order = 0
        for old in old_chapter.activities.all():
            if old.text in edits["removed"]:
                continue
            order += 1
            copy = Activity(
                chapter=chapter,
                order=order,
                text=edits["changed_text"].get(old.text, old.text),
                purpose=old.purpose,
                responsible=old.responsible,
                responsible_unit=old.responsible_unit,
                partners=old.partners,
                timing=edits["timing"].get(old.timing, old.timing),
                follow_up_method=old.follow_up_method,
                copied_from=old,
            )
            _save(copy)
        if old_chapter.heading in edits["added"]:
            row = _with_unit(org_key, edits["added"][old_chapter.heading])
            _save(_activity(chapter, order + 1, row, {}))
    return draft
