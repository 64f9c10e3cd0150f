"""Year-to-year comparison of two revisions of one plan, matched through the copy lineage.

An activity of the newer revision matches the activity of the older one that it was copied from,
directly or through revisions in between. Text is never used to guess a match.
"""

from dataclasses import dataclass, field

from .models import Activity

COMPARED_FIELDS = (
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


@dataclass
class ChangedField:
    label: str
    old: str
    new: str


@dataclass
class ChangedActivity:
    old: Activity
    new: Activity
    fields: list[ChangedField] = field(default_factory=list)


@dataclass
class Comparison:
    older: object
    newer: object
    added: list[Activity]
    removed: list[Activity]
    changed: list[ChangedActivity]
    unchanged: int

    @property
    def has_differences(self):
        return bool(self.added or self.removed or self.changed)


def _value(activity, name):
    if name == "responsible_unit":
        return activity.responsible_unit.name if activity.responsible_unit_id else ""
    value = getattr(activity, name)
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _label(name):
    label = str(Activity._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def _activities(revision):
    return list(
        Activity.objects.filter(chapter__revision=revision)
        .select_related("chapter", "responsible_unit")
        .order_by("chapter__order", "chapter__pk", "order", "pk")
    )


def compare_revisions(first, second) -> Comparison:
    """Compare two revisions of the same plan; the one with the earlier year is the baseline."""
    older, newer = sorted([first, second], key=lambda r: (r.year, r.pk))
    old_activities = _activities(older)
    new_activities = _activities(newer)
    # The lineage of every activity in the plan, in one query: id -> copied_from id.
    parents = dict(
        Activity.objects.filter(chapter__revision__plan_id=newer.plan_id).values_list("pk", "copied_from_id")
    )
    old_by_pk = {a.pk: a for a in old_activities}
    matched_old = set()
    added, changed, unchanged = [], [], 0
    for activity in new_activities:
        ancestor, seen = parents.get(activity.pk), set()
        while ancestor is not None and ancestor not in old_by_pk and ancestor not in seen:
            seen.add(ancestor)
            ancestor = parents.get(ancestor)
        if ancestor is None or ancestor not in old_by_pk:
            added.append(activity)
            continue
        old = old_by_pk[ancestor]
        matched_old.add(ancestor)
        fields = [
            ChangedField(label=_label(name), old=_value(old, name), new=_value(activity, name))
            for name in COMPARED_FIELDS
            if _value(old, name) != _value(activity, name)
        ]
        if old.chapter.heading != activity.chapter.heading:
            fields.insert(
                0, ChangedField(label="Kapitel", old=old.chapter.heading, new=activity.chapter.heading)
            )
        if fields:
            changed.append(ChangedActivity(old=old, new=activity, fields=fields))
        else:
            unchanged += 1
    removed = [a for a in old_activities if a.pk not in matched_old]
    return Comparison(
        older=older, newer=newer, added=added, removed=removed, changed=changed, unchanged=unchanged
    )
