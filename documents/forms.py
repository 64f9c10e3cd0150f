"""The ärende form, the same for every object it is written on (documents.cases)."""

from django import forms

from organisations.editing import VersionedForm

from .cases import CASE_FIELDS
from .models import CaseMemo
from .text import clean_text_formfield


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class OfficialChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name()
        return f"{name} ({obj.username})" if name else obj.username


class CaseMemoForm(VersionedForm, forms.ModelForm):
    """Ärendet; the handläggare is chosen from the organisation's people (`officials`)."""

    class Meta:
        model = CaseMemo
        formfield_callback = clean_text_formfield
        fields = list(CASE_FIELDS)
        field_classes = {"official": OfficialChoiceField}
        widgets = {
            "prepared_on": DateInput(),
            "proposal": forms.Textarea(attrs={"rows": 3}),
            "summary": forms.Textarea(attrs={"rows": 8}),
            "background": forms.Textarea(attrs={"rows": 8}),
            "dialogue": forms.Textarea(attrs={"rows": 4}),
            "assessment": forms.Textarea(attrs={"rows": 6}),
            "recipients": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, officials, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["official"].queryset = officials
        self.fields["official"].empty_label = None
