from django import forms

from documents.text import clean_text_formfield
from organisations import access
from organisations.access import Perm
from organisations.editing import VersionedForm
from organisations.kinds import PlanKind

from .models import Environment, Observation, ObservationKind, Problem, SituationPicture, Source
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
        fields = ["organisation", "kind", "year", "made_with"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = access.organisations_for(user, Perm.EDIT_SITUATION)
        self.fields["made_with"].validators.append(NoPersonalNumber("Framtagen tillsammans med"))
        self.fields["kind"].required = False  # the VBE lägesbild unless another kind is chosen

    def clean_kind(self):
        return self.cleaned_data.get("kind") or PlanKind.VBE


class PictureForm(GuardedModelForm):
    """The VBE lägesbild: the chapters of the Luleå lägesbild and the national threat level."""

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


class CrimePreventionPictureForm(GuardedModelForm):
    """The brottsförebyggande lägesbild: the three parts of lag 2023:196 § 4."""

    class Meta:
        model = SituationPicture
        formfield_callback = clean_text_formfield
        fields = ["made_with", "crime_mapping", "other_information", "analysis"]
        widgets = {name: forms.Textarea(attrs={"rows": 8}) for name in fields[1:]}
        labels = {"analysis": "Analys, inklusive möjliga orsaker"}


def picture_form_class(picture: SituationPicture):
    return CrimePreventionPictureForm if picture.kind == PlanKind.CRIME_PREVENTION else PictureForm


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


class ProblemForm(GuardedModelForm):
    LINKS = ("observations", "sources")

    class Meta:
        model = Problem
        formfield_callback = clean_text_formfield
        fields = [
            "priority",
            "title",
            "area",
            "environment",
            "crime_type",
            "observations",
            "sources",
            "causes",
        ]
        widgets = {
            "causes": forms.Textarea(attrs={"rows": 4}),
            "observations": forms.CheckboxSelectMultiple,
            "sources": forms.CheckboxSelectMultiple,
        }
        error_messages = {"title": {"required": "Beskriv problemet."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        picture = self.instance.picture
        # Only the evidence of this lägesbild can show its problems.
        self.fields["observations"].queryset = picture.observations.select_related("environment", "kind")
        self.fields["sources"].queryset = picture.sources.all()
        env_q = Environment.objects.active()
        if self.instance.environment_id:
            env_q = env_q | Environment.objects.filter(pk=self.instance.environment_id)
        self.fields["environment"].queryset = env_q.distinct()
        self.fields["environment"].empty_label = "Ingen särskild miljö"

    def clean_observations(self):
        return list(self.cleaned_data["observations"])

    def clean_sources(self):
        return list(self.cleaned_data["sources"])

    # The evidence links are sets the conflict merge does not compare: the user's choice is kept.
    def edited_names(self) -> list[str]:
        return [n for n in super().edited_names() if n not in self.LINKS]

    def edited_values(self) -> dict:
        values = super().edited_values()
        values.update({n: self.cleaned_data[n] for n in self.LINKS if n in self.cleaned_data})
        return values
