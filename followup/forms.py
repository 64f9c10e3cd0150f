from django import forms

from documents.text import CleanTextField, clean_text_formfield
from organisations import access
from organisations.access import Perm
from organisations.editing import VersionedForm
from plans.indicator_forms import SwedishDecimalField
from plans.models import PlanRevision

from .models import FollowUpRound, IndicatorValue


class RoundOpenForm(forms.ModelForm):
    revision = forms.ModelChoiceField(
        label="Handlingsplan (antagen revidering)", queryset=PlanRevision.objects.none()
    )

    class Meta:
        model = FollowUpRound
        formfield_callback = clean_text_formfield
        fields = ["revision", "kind", "period", "deadline"]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "deadline": "Format ÅÅÅÅ-MM-DD. Aktiviteter som saknar rapport efter detta datum är försenade."
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].queryset = (
            PlanRevision.objects.adopted()
            .filter(plan__organisation__in=access.organisations_for(user, Perm.MANAGE_FOLLOWUP))
            .select_related("plan__organisation")
        )


class ReportForm(VersionedForm, forms.Form):
    status = forms.ModelChoiceField(label="Status", queryset=None, empty_label=None, widget=forms.RadioSelect)
    narrative = CleanTextField(
        label="Uppföljning",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000,
        help_text="Vad har gjorts, vad har det gett och vad återstår? Skriv inga personuppgifter.",
    )

    def __init__(self, *args, statuses, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].queryset = statuses
        self.fields["status"].label_from_instance = lambda s: f"{s.symbol} {s.label}"
        # One number (and an optional assessment) per indicator of the activity, entered with the report.
        self.indicators = list(indicators)
        for indicator in self.indicators:
            self.fields[f"indicator_{indicator.pk}"] = SwedishDecimalField(
                label=f"{indicator.name} ({indicator.unit})",
                required=False,
                help_text="Ett tal, till exempel 12 eller 12,5. Lämna tomt om värdet inte är mätt.",
            )
            self.fields[f"assessment_{indicator.pk}"] = forms.ChoiceField(
                label=f"Bedömning av {indicator.name}",
                required=False,
                choices=[("", "Ingen bedömning")] + list(IndicatorValue.Assessment.choices),
            )

    def edited_names(self) -> list[str]:
        # Indicator values are rows of their own, not fields of the entry the conflict merge compares.
        return [n for n in super().edited_names() if not n.startswith(("indicator_", "assessment_"))]

    def indicator_values(self) -> dict:
        """{indicator: (value or None, assessment)} from the cleaned form."""
        return {
            i: (self.cleaned_data.get(f"indicator_{i.pk}"), self.cleaned_data.get(f"assessment_{i.pk}") or "")
            for i in self.indicators
        }


class CommentForm(VersionedForm, forms.Form):
    model_fields = {"comment": "overall_comment"}

    comment = CleanTextField(
        label="Samordnarens samlade kommentar",
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
