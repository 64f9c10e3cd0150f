"""Reading the django-simple-history records of plans: who changed what, field by field.

Used by the history pages. The conflict check (what the other person changed since the version the
user started from) lives in the edit kernel, organisations/editing.py.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import CharField, Value

from organisations.editing import FieldChange, user_label
from organisations.models import Organisation

from .models import Activity, Chapter, PlanRevision

# Foreign keys and bookkeeping that say nothing to a reader of the history. The stored position
# ("order") is shown through the move's own record ("Flyttad från plats 9 till 1"), never as a field.
HIDDEN_FIELDS = {"plan", "revision", "chapter", "copied_from", "version", "created_at", "order"}
# Swedish participles agree with the noun: en aktivitet/revidering är skapad, ett kapitel är skapat.
ACTIONS = {
    "common": {"+": "Skapad", "~": "Ändrad", "-": "Borttagen", "move": "Flyttad"},
    "neuter": {"+": "Skapat", "~": "Ändrat", "-": "Borttaget", "move": "Flyttat"},
}
GENDER = {"revision": "common", "chapter": "neuter", "activity": "common"}
MOVE_PREFIX = "Flyttad från plats "
KIND_LABELS = {"revision": "Revidering", "chapter": "Kapitel", "activity": "Aktivitet"}
MODELS = {"revision": PlanRevision, "chapter": Chapter, "activity": Activity}


@dataclass
class HistoryEntry:
    kind: str
    kind_label: str
    object_id: int
    object_label: str
    action: str
    date: datetime.datetime
    user: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)
    exists: bool = True
    is_move: bool = False


def _display(model, name, value, org_names) -> str:
    if value is None or value == "":
        return ""
    model_field = model._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if name == "responsible_unit":
        return org_names.get(value, f"(borttagen enhet {value})")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _label(model, name) -> str:
    label = str(model._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def _field_changes(record, previous, *, exclude=()) -> list[tuple[str, object, object]]:
    model = record.instance_type
    names = [
        f.name for f in model._meta.concrete_fields if f.editable and f.name not in HIDDEN_FIELDS | {"id"}
    ]
    names = [n for n in names if n not in exclude]
    if previous is None:
        if record.history_type != "+":
            return []
        # A new object: its filled-in fields, without the position (noise on creation).
        return [
            (n, None, getattr(record, _attname(model, n)))
            for n in names
            if getattr(record, _attname(model, n))
        ]
    delta = record.diff_against(previous, included_fields=names)
    order = {n: i for i, n in enumerate(names)}
    return sorted(((c.field, c.old, c.new) for c in delta.changes), key=lambda c: order.get(c[0], 0))


def _attname(model, name):
    return model._meta.get_field(name).attname


def _format(model, raw, org_names) -> list[FieldChange]:
    return [
        FieldChange(
            name=name,
            label=_label(model, name),
            old=_display(model, name, old, org_names),
            new=_display(model, name, new, org_names),
        )
        for name, old, new in raw
    ]


def _org_names(raw_changes) -> dict:
    ids = {v for name, old, new in raw_changes if name == "responsible_unit" for v in (old, new) if v}
    if not ids:
        return {}
    return dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name"))


def _object_label(kind, record) -> str:
    if kind == "revision":
        return f"Revidering {record.year}"
    if kind == "chapter":
        return record.heading
    text = record.text
    return text if len(text) <= 80 else text[:79] + "…"


def _previous_records(kind, records):
    """For each record, the one before it of the same object: one query per model, whatever the page."""
    if not records:
        return {}
    model = MODELS[kind]
    ids = {r.id for r in records}
    latest = max(r.history_date for r in records)
    by_object = {}
    older = model.history.filter(id__in=ids, history_date__lte=latest).order_by("history_date", "history_id")
    for r in older:
        by_object.setdefault(r.id, []).append(r)
    previous = {}
    for r in records:
        chain = by_object.get(r.id, [])
        index = next((i for i, c in enumerate(chain) if c.history_id == r.history_id), None)
        previous[r.history_id] = chain[index - 1] if index else None
    return previous


def build_entries(rows) -> list[HistoryEntry]:
    """Turn (history_id, history_date, kind) rows of one page into entries, with their field changes."""
    ids_by_kind = {}
    for history_id, _date, kind in rows:
        ids_by_kind.setdefault(kind, []).append(history_id)
    loaded = {}
    previous = {}
    existing = {}
    for kind, ids in ids_by_kind.items():
        model = MODELS[kind]
        records = list(model.history.filter(history_id__in=ids).select_related("history_user"))
        loaded.update({(kind, r.history_id): r for r in records})
        previous[kind] = _previous_records(kind, records)
        existing[kind] = set(
            model.objects.filter(pk__in={r.id for r in records}).values_list("pk", flat=True)
        )
    raw = {}
    for (kind, history_id), record in loaded.items():
        raw[(kind, history_id)] = _field_changes(record, previous[kind].get(history_id))
    org_names = _org_names([c for changes in raw.values() for c in changes])
    entries = []
    for history_id, _date, kind in rows:
        record = loaded[(kind, history_id)]
        reason = record.history_change_reason or ""
        is_move = record.history_type == "~" and reason.startswith(MOVE_PREFIX)
        entries.append(
            HistoryEntry(
                kind=kind,
                kind_label=KIND_LABELS[kind],
                object_id=record.id,
                object_label=_object_label(kind, record),
                action=ACTIONS[GENDER[kind]].get("move" if is_move else record.history_type, ""),
                date=record.history_date,
                user=user_label(record.history_user),
                reason=reason,
                changes=_format(MODELS[kind], raw[(kind, history_id)], org_names),
                exists=record.id in existing[kind],
                is_move=is_move,
            )
        )
    return entries


def _rows(queryset, kind):
    # Historical models order by date by default; parts of a UNION must not be ordered.
    return (
        queryset.order_by()
        .annotate(record_kind=Value(kind, output_field=CharField()))
        .values_list("history_id", "history_date", "record_kind")
    )


def revision_history_rows(revision):
    """Every history record of the revision, its chapters and activities (also deleted ones), newest first."""
    chapter_ids = Chapter.history.filter(revision_id=revision.pk).values("id")
    return (
        _rows(PlanRevision.history.filter(id=revision.pk), "revision")
        .union(
            _rows(Chapter.history.filter(revision_id=revision.pk), "chapter"),
            _rows(Activity.history.filter(chapter_id__in=chapter_ids), "activity"),
            all=True,
        )
        .order_by("-history_date", "-history_id")
    )


def activity_history_rows(activity):
    return _rows(Activity.history.filter(id=activity.pk), "activity").order_by("-history_date", "-history_id")
