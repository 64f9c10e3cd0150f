"""The one versioned-edit kernel: every app saves its editable objects through here.

It knows no domain app, only Django and django-simple-history. An editable model has an integer
`version` and `HistoricalRecords()`. A save names the version the user's form started from; the
kernel locks the row, compares, and either saves (version bumped, change reason and user in the
history) or raises `EditConflict` with what the other person changed, field by field.

    locked = editing.lock(activity)
    editing.update(locked, data={"text": ...}, version=form_version, by=user, reason="Aktivitet ändrad",
                   what="Aktiviteten")

After a conflict the view re-binds the form with `VersionedForm.after_conflict`, which merges instead
of reverting: fields only the other person changed show their value, the user's own changes are
kept, and a field both changed must be chosen explicitly.

One rule for every app: a missing or unreadable version is treated as stale (the form is old or
crafted), and every conflict is answered with HTTP 409 and `templates/partials/_conflict.html`.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models

CONFLICT_STATUS = 409
MERGE_FIELDS = "merge_fields"
MERGE_PREFIX = "merge__"
MINE, THEIRS = "mine", "theirs"
EMPTY = "(tomt)"


def user_label(user) -> str:
    """How a person is named in history and conflict messages: full name, else the user name."""
    if user is None:
        return "okänd användare"
    return user.get_full_name() or user.get_username()


def field_label(model, name) -> str:
    label = str(model._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def display(obj, name) -> str:
    """A field's value as a reader sees it: choice labels, related objects by name, ISO dates."""
    field = obj._meta.get_field(name)
    value = getattr(obj, name, None) if not field.is_relation else _related(obj, field)
    if value is None or value == "":
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _related(obj, field):
    try:
        return getattr(obj, field.name)
    except field.related_model.DoesNotExist:  # a historical record pointing at a deleted row
        return f"(borttagen, {getattr(obj, field.attname)})"


def _raw(obj, name):
    field = obj._meta.get_field(name)
    value = getattr(obj, field.attname)
    return "" if value is None else value


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    old: str
    new: str


class EditConflict(Exception):
    """Someone saved the object after the user opened it; nothing of the user's was saved.

    `changes` are the fields the other person changed since `started_version`, `changed_by` who saved
    last, `current` the row as it is now (the form is re-bound on it), `started` the object as the user
    first saw it (None when the version was missing or is no longer in the history).
    """

    def __init__(self, *, what, current, started, started_version, fields, changed_by):
        self.what = what
        self.current = current
        self.started = started
        self.started_version = started_version
        self.current_version = current.version
        self.changed_by = changed_by
        self.fields = list(fields)
        self.changes = (
            [
                FieldChange(
                    name, field_label(type(current), name), display(started, name), display(current, name)
                )
                for name in self.fields
                if _raw(started, name) != _raw(current, name)
            ]
            if started is not None
            else []
        )
        who = changed_by or "någon annan"
        if started_version is None:
            message = (
                f"{what} sparades inte: formuläret saknar uppgift om vilken version du utgick från. "
                "Kontrollera uppgifterna nedan och spara igen."
            )
        else:
            message = (
                f"{what} har ändrats av {who} medan du redigerade, så din ändring är inte sparad ännu. "
                "Formuläret visar nu deras ändringar tillsammans med dina; kontrollera och spara igen."
            )
        super().__init__(message)

    @property
    def message(self) -> str:
        return str(self)


def lock(instance, *related):
    """The live row of `instance`, locked until the transaction ends (related rows joined, not locked)."""
    queryset = type(instance)._default_manager.select_for_update(of=("self",))
    if related:
        queryset = queryset.select_related(*related)
    return queryset.get(pk=instance.pk)


def save_tracked(obj, *, by, reason):
    """Save with the acting user and the reason recorded in the history."""
    obj._change_reason = reason
    obj._history_user = by
    obj.save()
    return obj


def delete_tracked(obj, *, by, reason):
    obj._change_reason = reason
    obj._history_user = by
    obj.delete()


def parse_version(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def started_record(instance, version):
    """The object as it was at `version` (the newest history record carrying it), or None."""
    if version is None:
        return None
    record = instance.history.filter(version=version).order_by("-history_date", "-history_id").first()
    return record.instance if record is not None else None


def check_version(locked, version, *, what, fields):
    """Refuse a save that did not start from the live version; say what changed since then and who."""
    started_version = parse_version(version)
    if started_version is not None and started_version == locked.version:
        return
    latest = locked.history.order_by("-history_date", "-history_id").select_related("history_user").first()
    raise EditConflict(
        what=what,
        current=locked,
        started=started_record(locked, started_version),
        started_version=started_version,
        fields=fields,
        changed_by=user_label(latest.history_user) if latest and latest.history_user_id else "",
    )


def update(locked, *, data, version, by, reason, what, fields):
    """Apply `data` (only names in `fields`) to the locked row, validate, check the version, bump and save."""
    check_version(locked, version, what=what, fields=fields)
    unknown = set(data) - set(fields)
    if unknown:
        raise TypeError(f"Not editable here: {', '.join(sorted(unknown))}")
    for name, value in data.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.version += 1
    return save_tracked(locked, by=by, reason=reason)


# --- forms ------------------------------------------------------------------------------------------


class VersionField(forms.IntegerField):
    """The version the user started from: the service refuses the save if someone saved since."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault(
            "error_messages",
            {"required": "Formuläret saknar versionsuppgift. Ladda om sidan och försök igen."},
        )
        super().__init__(**kwargs)


class VersionedForm:
    """Mixin for the edit form of a versioned object (a ModelForm, or a plain form given `current`).

    `model_fields` maps a form field to the model attribute it edits where the names differ. On an
    edit the form carries `version`; after a conflict, `after_conflict` builds the merged form, and a
    field both people changed gets a required choice `merge__<name>` between the two values.
    """

    model_fields: dict[str, str] = {}

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        self.current = current if current is not None else (instance if instance and instance.pk else None)
        self.both_changed: list[str] = []
        if self.current is None:
            self.fields.pop("version", None)
            return
        self.fields["version"] = VersionField(initial=self.current.version)
        self.fields[MERGE_FIELDS] = forms.CharField(widget=forms.HiddenInput, required=False)
        chosen = self.data.get(self.add_prefix(MERGE_FIELDS), "") if self.is_bound else ""
        for name in (n for n in str(chosen).split(",") if n in self.edited_names()):
            self._offer_choice(name)

    def edited_names(self) -> list[str]:
        return [
            n for n in self.fields if n not in ("version", MERGE_FIELDS) and not n.startswith(MERGE_PREFIX)
        ]

    def attribute(self, name) -> str:
        return self.model_fields.get(name, name)

    def _offer_choice(self, name):
        theirs = display(self.current, self.attribute(name)) or EMPTY
        label = self.fields[name].label or field_label(type(self.current), self.attribute(name))
        choice = forms.ChoiceField(
            label=f"{label}: både du och den andra personen har ändrat här. Vilken version ska gälla?",
            choices=[(MINE, "Min version (i fältet ovan)"), (THEIRS, f"Den sparade versionen: {theirs}")],
            widget=forms.RadioSelect,
            error_messages={"required": "Välj vilken version som ska gälla."},
        )
        fields = list(self.fields.items())
        index = next(i for i, (n, _f) in enumerate(fields) if n == name)
        fields.insert(index + 1, (MERGE_PREFIX + name, choice))
        self.fields = dict(fields)
        self.both_changed.append(name)

    def clean(self):
        cleaned = super().clean()
        for name in self.both_changed:
            if cleaned.get(MERGE_PREFIX + name) == THEIRS:
                cleaned[name] = getattr(self.current, self.attribute(name))
        return cleaned

    def edited_values(self) -> dict:
        """The cleaned values keyed by model attribute, ready for the service."""
        return {
            self.attribute(n): self.cleaned_data[n] for n in self.edited_names() if n in self.cleaned_data
        }

    @classmethod
    def after_conflict(cls, form, conflict: EditConflict, **kwargs):
        """The refused form re-bound on the current row: merge, never revert what the user did not touch."""
        data = form.data.copy()
        started, current = conflict.started, conflict.current
        both = []
        for name in form.edited_names():
            attribute = form.attribute(name)
            if name not in form.cleaned_data:
                continue
            mine = _comparable(form.cleaned_data[name])
            now = _model_value(current, attribute)
            before = _model_value(started, attribute) if started is not None else None
            user_changed = started is None or mine != before
            other_changed = started is None or now != before
            if other_changed and not user_changed:
                _set(data, form.add_prefix(name), form.fields[name], getattr(current, attribute))
            elif other_changed and user_changed and mine != now:
                both.append(name)
        data[form.add_prefix("version")] = str(current.version)
        data[form.add_prefix(MERGE_FIELDS)] = ",".join(both)
        for name in both:
            data.pop(form.add_prefix(MERGE_PREFIX + name), None)
        kwargs.setdefault("current", current)
        if isinstance(form, forms.ModelForm):
            kwargs.setdefault("instance", current)
        merged = cls(data, **kwargs)
        merged.conflict = conflict
        return merged


def _model_value(obj, attribute):
    """The stored value (a foreign key as its id, so that no deleted row is fetched)."""
    try:
        field = obj._meta.get_field(attribute)
    except FieldDoesNotExist:
        return _comparable(getattr(obj, attribute))
    return _comparable(getattr(obj, field.attname))


def _comparable(value):
    if isinstance(value, models.Model):
        return value.pk
    if value is None:
        return ""
    return value


def _set(data, key, field, value):
    """Put a Python value into bound form data the way the widget would have posted it."""
    if isinstance(field.widget, forms.CheckboxInput):
        if value:
            data[key] = "on"
        else:
            data.pop(key, None)
        return
    if isinstance(value, models.Model):
        value = value.pk
    data[key] = "" if value is None else str(value)
