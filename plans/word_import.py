"""Write a Word handlingsplan (read by plans.word_reader) into a new draft, and take it back again.

The import fills a draft that has nothing yet: the plan's empty draft (a new plan starts with one), or a
new draft for the year the user names when the plan has none. A draft that already has chapters is
refused rather than mixed with a second plan. Like the spreadsheet import (plans.exchange) it is one
unit: every history record it writes carries "Import <id> ", so "Ångra importen" removes exactly what
it added, the draft included when the import made it.
"""

import uuid
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from simple_history.utils import bulk_create_with_history

from documents.models import CaseMemo
from organisations import access, editing
from organisations.access import Action
from organisations.kinds import setting_for

from .exchange import ImportRejected, RevisionNotDraft, _row, undo_import
from .kinds import section_choices
from .models import ActionPlan, Activity, Chapter, PlanRevision
from .responsible_units import unit_matcher
from .word_reader import BODY_MAX, CHECK_COLUMNS, HEADING_MAX, ROW_FIELDS


@dataclass
class WordImportResult:
    revision: PlanRevision
    import_id: str
    created_draft: bool
    chapters: int = 0
    activities: int = 0
    per_chapter: dict[str, int] = field(default_factory=dict)


def import_reason(import_id: str, filename: str) -> str:
    return f"Import {import_id} av handlingsplan från {filename}"[:100]


def target_draft(plan):
    """The plan's draft (None if it has none); ImportRejected if the draft already has chapters."""
    draft = plan.revisions.filter(status=PlanRevision.Status.DRAFT).first()
    if draft is not None and draft.chapters.exists():
        raise ImportRejected(
            [
                (
                    None,
                    f"Utkastet {draft.year} har redan kapitel. En Word-plan importeras till ett tomt utkast: "
                    "ta bort kapitlen i utkastet, eller lägg till aktiviteterna med CSV- eller Excel-import.",
                )
            ]
        )
    return draft


def _checked(chapters: list[dict], plan_kind) -> list[dict]:
    """The chapters from the session as the reader made them, checked again before anything is written."""
    kinds = dict(section_choices(plan_kind))
    errors, clean = [], []
    for chapter in chapters:
        heading = str(chapter.get("heading", "")).strip()
        where = f"Kapitlet ”{heading[:80]}”"
        body, kind = str(chapter.get("body", "")), str(chapter.get("kind", ""))
        rows = [{name: str(row.get(name, "")) for name in ROW_FIELDS} for row in chapter.get("rows", [])]
        if not heading or len(heading) > HEADING_MAX:
            errors.append((None, f"{where}: rubriken saknas eller är längre än {HEADING_MAX} tecken."))
        if kind not in kinds or (rows and kind == Chapter.Kind.PROSE):
            errors.append((None, f"{where}: typen ”{kind}” finns inte för den här plantypen."))
        if len(body) > BODY_MAX:
            errors.append((None, f"{where}: texten är längre än {BODY_MAX} tecken."))
        for number, row in enumerate(rows, start=1):
            _fixed, problems = _row([heading or "-", *(row[name] for name in ROW_FIELDS)], CHECK_COLUMNS)
            errors += [(None, f"{where}, aktivitet {number}: {problem}") for problem in problems]
        clean.append({"heading": heading, "body": body, "kind": kind, "rows": rows})
    if not clean:
        errors.append((None, "Inga kapitel var valda. Ingenting har importerats."))
    if errors:
        raise ImportRejected(errors)
    return clean


@transaction.atomic
def import_word_plan(*, plan, year, chapters, filename, by, expected_draft_id=None) -> WordImportResult:
    """Write `chapters` (dicts of word_reader.WordChapter) into the plan's empty draft, or into a new
    draft for `year` if the plan has none. `expected_draft_id` is the draft the preview showed: if the
    plan's draft has changed since, nothing is written."""
    plan = editing.lock(plan, "organisation")  # one import (or new draft) per plan at a time
    access.require_can(by, Action.CHANGE, plan)
    chapters = _checked(chapters, plan.kind)
    draft = target_draft(plan)
    if (draft.pk if draft else None) != expected_draft_id:
        raise ImportRejected(
            [(None, "Planens utkast har ändrats sedan förhandsgranskningen. Ladda upp filen igen.")]
        )
    import_id = uuid.uuid4().hex[:8]
    reason = import_reason(import_id, filename)
    if draft is None:
        draft = _new_draft(plan, year, by=by, reason=reason)
        created = True
    else:
        try:
            access.require_can(by, Action.CHANGE, draft)
        except access.Frozen as frozen:
            raise RevisionNotDraft(frozen.message) from frozen
        created = False
    result = WordImportResult(revision=draft, import_id=import_id, created_draft=created)
    unit_for = unit_matcher(plan.organisation)
    activities = []
    for order, values in enumerate(chapters, start=1):
        chapter = Chapter(
            revision=draft, order=order, heading=values["heading"], body=values["body"], kind=values["kind"]
        )
        editing.save_tracked(chapter, by=by, reason=reason)
        for position, row in enumerate(values["rows"], start=1):
            unit = unit_for(row["responsible"])
            activities.append(Activity(chapter=chapter, order=position, responsible_unit=unit, **row))
        result.per_chapter[chapter.heading] = len(values["rows"])
    bulk_create_with_history(activities, Activity, default_user=by, default_change_reason=reason)
    result.chapters, result.activities = len(chapters), len(activities)
    return result


def _new_draft(plan, year, *, by, reason):
    if plan.revisions.filter(year=year).exists():
        raise ImportRejected(
            [(None, f"Det finns redan en revidering för {year} av den här handlingsplanen.")]
        )
    decided_by = setting_for(plan.organisation, plan.kind).adopting_body
    try:
        with transaction.atomic():
            return editing.save_tracked(
                PlanRevision(plan=plan, year=year, decided_by=decided_by), by=by, reason=reason
            )
    except IntegrityError:
        raise ImportRejected([(None, "Planen har redan ett utkast. Ladda upp filen igen.")]) from None


@transaction.atomic
def undo_word_import(*, plan: ActionPlan, import_id: str, by) -> PlanRevision | None:
    """ "Ångra importen": remove the chapters and activities the import added and, if the import made the
    draft and nothing else has been written into it, the draft too. Returns the draft if it is kept."""
    draft = plan.revisions.filter(status=PlanRevision.Status.DRAFT).first()
    if draft is None:
        raise ImportRejected([(None, "Planen har inget utkast längre. Importen kan inte ångras.")])
    undo_import(revision=draft, import_id=import_id, by=by)
    made_here = PlanRevision.history.filter(
        id=draft.pk, history_type="+", history_change_reason__startswith=f"Import {import_id} "
    ).exists()
    untouched = draft.version == 1 and not draft.chapters.exists() and not _has_case_memo(draft)
    if made_here and untouched:
        editing.delete_tracked(editing.lock(draft), by=by, reason=f"Import {import_id} ångrad")
        return None
    return draft


def _has_case_memo(revision) -> bool:
    """Whether someone has begun the ärende of the draft (it would go with a deleted draft)."""
    return CaseMemo.objects.of(revision).exists()
