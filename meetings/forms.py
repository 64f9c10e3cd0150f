from django import forms

from documents.text import clean_text_formfield
from organisations import access
from organisations.access import Perm
from organisations.editing import VersionedForm
from organisations.models import Organisation

from .importer import MAX_ROWS
from .models import Meeting, MeetingRule

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def managed_committees(user):
    return Organisation.objects.filter(
        pk__in=access.organisations_for(user, Perm.MANAGE_MEETINGS), kind=Organisation.Kind.COMMITTEE
    )


class MeetingForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["date", "starts_at", "place", "papers_due_override"]
        formfield_callback = clean_text_formfield
        widgets = {"date": DATE, "starts_at": TIME, "papers_due_override": DATE}
        help_texts = {
            "date": "Format ÅÅÅÅ-MM-DD.",
            "starts_at": "Format TT:MM, till exempel 08:15.",
            "papers_due_override": "Lämna tomt för att följa nämndens regel (till exempel 14 dagar före).",
        }


class MeetingCreateForm(MeetingForm):
    organisation = forms.ModelChoiceField(label="Nämnd", queryset=Organisation.objects.none())

    class Meta(MeetingForm.Meta):
        fields = ["organisation", *MeetingForm.Meta.fields]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = managed_committees(user)


class MeetingImportForm(forms.Form):
    organisation = forms.ModelChoiceField(label="Nämnd", queryset=Organisation.objects.none())
    year = forms.IntegerField(label="År", min_value=2000, max_value=2100)
    file = forms.FileField(
        label="Fil (CSV eller XLSX)",
        help_text=(
            "Kolumner: Datum; Tid; Plats; Sista dag för handlingar. Semikolon, komma eller tabb, UTF-8, "
            f"UTF-16 eller Windows-1252, högst 2 MB och {MAX_ROWS} rader. Alla rader importeras, eller ingen."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = managed_committees(user)


class RuleForm(forms.ModelForm):
    class Meta:
        model = MeetingRule
        fields = ["papers_days_before", "followup_days_before_papers"]
