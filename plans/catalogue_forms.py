"""Forms of the catalogue part of plans: routines, the CSV/XLSX import and the Word import."""

import datetime

from django import forms

from documents.text import clean_text_formfield
from organisations import access
from organisations.access import Perm
from organisations.editing import VersionedForm
from organisations.submissions import SubmissionTokenField

from .exchange import MAX_IMPORT_BYTES
from .models import Routine
from .word_reader import MAX_WORD_BYTES


class RoutineForm(VersionedForm, forms.ModelForm):
    submission = SubmissionTokenField()  # a routine has no natural key: the token stops a double submit

    class Meta:
        model = Routine
        formfield_callback = clean_text_formfield
        fields = [
            "organisation",
            "kind",
            "title",
            "body",
            "contact_name",
            "contact_role",
            "contact_phone",
            "contact_email",
            "contact",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A routine stays with its organisation; only its text changes.
            del self.fields["organisation"]
            del self.fields["submission"]
        else:
            orgs = access.organisations_for(user, Perm.EDIT_PLAN)
            self.fields["organisation"].queryset = orgs
            if len(orgs) == 1:
                self.fields["organisation"].initial = orgs[0]


class ImportForm(forms.Form):
    submission = SubmissionTokenField()  # the same file sent twice is imported once
    file = forms.FileField(
        label="CSV- eller Excel-fil",
        help_text=(
            "CSV med semikolon, komma eller tabb (UTF-8, UTF-16 eller Windows-1252, som Excel sparar), "
            "eller en Excel-fil (.xlsx), högst 2 MB. Du får se raderna innan något sparas."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.txt,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("Filen är större än 2 MB. Dela upp den i flera filer.")
        return upload


class WordImportForm(forms.Form):
    """A Word handlingsplan for the plan's empty draft, or for a new draft of the year named here."""

    submission = SubmissionTokenField()  # the same file sent twice is imported once
    file = forms.FileField(
        label="Word-fil (.docx)",
        help_text=(
            "Handlingsplanen som Word-dokument (.docx), högst 10 MB. Rubriker med formatmallen Rubrik 1 blir "
            "kapitel; tabeller med rubrikraden Aktivitet, Syfte/mål, Ansvarig, Samverkan, Tidplan, "
            "Uppföljning blir aktiviteter. Du får se kapitlen och raderna innan något sparas."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
        ),
    )
    year = forms.IntegerField(
        label="År för det nya utkastet",
        min_value=2000,
        max_value=2100,
        error_messages={
            "min_value": "Ange ett år från och med 2000.",
            "max_value": "Ange ett år till och med 2100.",
            "invalid": "Ange året med fyra siffror, till exempel 2025.",
            "required": "Ange vilket år utkastet gäller.",
        },
    )

    def __init__(self, *args, plan, draft, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        if draft is not None:
            del self.fields["year"]  # the plan's empty draft has its year
        else:
            latest = plan.revisions.order_by("-year").first()
            self.fields["year"].initial = latest.year + 1 if latest else datetime.date.today().year

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_WORD_BYTES:
            raise forms.ValidationError("Filen är större än 10 MB. Ta bort stora bilder och försök igen.")
        return upload

    def clean_year(self):
        year = self.cleaned_data["year"]
        if self.plan.revisions.filter(year=year).exists():
            raise forms.ValidationError(f"Det finns redan en revidering för {year}. Välj ett annat år.")
        return year
