from django import forms

from documents.text import CleanTextField, clean_text_formfield
from organisations import access
from organisations.access import Perm
from organisations.editing import VersionedForm
from plans.models import PlanRevision

from .models import FollowUpRound


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

    def __init__(self, *args, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].queryset = statuses
        self.fields["status"].label_from_instance = lambda s: f"{s.symbol} {s.label}"


class CommentForm(VersionedForm, forms.Form):
    model_fields = {"comment": "overall_comment"}

    comment = CleanTextField(
        label="Samordnarens samlade kommentar",
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
