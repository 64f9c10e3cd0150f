"""Forms for indicators and the numbers reported on them. Numbers are numbers: a Swedish decimal comma
("12,5") and spaces between thousands are accepted, anything else gets a clear Swedish error."""

from decimal import Decimal

from django import forms

from documents.text import clean_text_formfield
from organisations.editing import VersionedForm

from .indicator_models import NUMBER, Indicator, format_number

NOT_A_NUMBER = "Ange ett tal, till exempel 12 eller 12,5. Skriv enheten i indikatorns enhet, inte här."
TARGET_PREFIX = "target_"


class NumberInput(forms.TextInput):
    """A text box (a browser number box refuses the decimal comma) that asks phones for digits."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})


class SwedishDecimalField(forms.DecimalField):
    widget = NumberInput
    default_error_messages = {"invalid": NOT_A_NUMBER}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", NUMBER["max_digits"])
        kwargs.setdefault("decimal_places", NUMBER["decimal_places"])
        kwargs.setdefault("widget", NumberInput)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.split()).replace("\u2212", "-").replace(",", ".")
        return super().to_python(value)

    def widget_attrs(self, widget):
        # DecimalField would set step/min/max for a number input; a text box takes none of them.
        return {}

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_number(value).replace("\u2212", "-")
        return value


class IndicatorForm(VersionedForm, forms.ModelForm):
    baseline_value = SwedishDecimalField(label="Utgångsvärde", required=False)

    class Meta:
        model = Indicator
        formfield_callback = clean_text_formfield
        fields = ["name", "unit", "direction", "baseline_year", "baseline_value", "baseline_source"]
        error_messages = {
            "name": {"required": "Ge indikatorn ett namn."},
            "unit": {"required": "Ange enheten, till exempel antal eller procent."},
        }

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["baseline_year"].error_messages["invalid"] = (
            "Ange året med fyra siffror, till exempel 2018."
        )
        existing = {t.year: t.value for t in self.instance.targets.all()} if self.instance.pk else {}
        for year in sorted(set(years) | set(existing)):
            self.fields[f"{TARGET_PREFIX}{year}"] = SwedishDecimalField(
                label=f"Målvärde {year}", required=False, initial=existing.get(year)
            )

    def target_names(self) -> list[str]:
        return [n for n in self.fields if n.startswith(TARGET_PREFIX)]

    def edited_names(self) -> list[str]:
        # Targets are separate rows, not fields of the indicator the conflict merge compares.
        return [n for n in super().edited_names() if not n.startswith(TARGET_PREFIX)]

    def targets(self) -> dict:
        return {int(n.removeprefix(TARGET_PREFIX)): self.cleaned_data.get(n) for n in self.target_names()}
