"""Forms of the catalogue part of plans: routines and the CSV import."""

from django import forms

from documents.text import clean_text_formfield
from organisations import access
from organisations.access import Perm
from organisations.editing import VersionedForm
from organisations.submissions import SubmissionTokenField

from .exchange import MAX_IMPORT_BYTES
from .models import Routine


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
