from django import forms

from documents.text import clean_text_formfield
from organisations import access
from organisations.access import Perm
from organisations.editing import VersionedForm

from .models import Environment, Observation, ObservationKind, SituationPicture, Source
from .validators import NoPersonalNumber


class GuardedModelForm(VersionedForm, forms.ModelForm):
    """Every free-text field checks for personnummer in the form too, naming the field by its label.
    Editing carries the version the user started from (the edit kernel's merge after a conflict)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.HiddenInput):
                field.validators.append(NoPersonalNumber(str(field.label)))


class PictureCreateForm(forms.ModelForm):
    class Meta:
        model = SituationPicture
        formfield_callback = clean_text_formfield
        fields = ["organisation", "year", "made_with"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = access.organisations_for(user, Perm.EDIT_SITUATION)
        self.fields["made_with"].validators.append(NoPersonalNumber("Framtagen tillsammans med"))


class PictureForm(GuardedModelForm):
    class Meta:
        model = SituationPicture
        formfield_callback = clean_text_formfield
        fields = [
            "made_with",
            "outlook",
            "occurrence",
            "knowledge",
            "routines",
            "organisation_text",
            "follow_up",
            "analysis",
            "threat_level",
            "threat_level_source",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 8}) for name in fields[1:8]}


class SourceForm(GuardedModelForm):
    class Meta:
        model = Source
        formfield_callback = clean_text_formfield
        fields = ["kind", "description", "responses", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class ObservationForm(GuardedModelForm):
    class Meta:
        model = Observation
        formfield_callback = clean_text_formfield
        fields = ["environment", "kind", "area", "period", "count", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Inactive reference values cannot be chosen anew, but an existing observation keeps its own.
        env_q = Environment.objects.active()
        kind_q = ObservationKind.objects.active()
        if self.instance.pk:
            env_q = env_q | Environment.objects.filter(pk=self.instance.environment_id)
            kind_q = kind_q | ObservationKind.objects.filter(pk=self.instance.kind_id)
        self.fields["environment"].queryset = env_q.distinct()
        self.fields["kind"].queryset = kind_q.distinct()
