from django import forms

from documents.text import CleanTextField, clean_text_formfield
from organisations import access
from organisations.access import Perm
from organisations.editing import VersionedForm
from organisations.kinds import PlanKind
from organisations.models import Organisation
from situation.models import Problem, SituationPicture

from .kinds import DEFAULT_TITLES, section_choices
from .models import ActionPlan, Activity, Chapter, PlanRevision

YEAR_ERRORS = {
    "min_value": "Ange ett år från och med 2000.",
    "max_value": "Ange ett år till och med 2100.",
    "invalid": "Ange året med fyra siffror, till exempel 2025.",
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PlanCreateForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Organisation", queryset=Organisation.objects.none(), empty_label=None
    )
    title = CleanTextField(
        label="Titel",
        max_length=200,
        initial=ActionPlan._meta.get_field("title").default,
    )
    year = forms.IntegerField(
        label="År för första revideringen", min_value=2000, max_value=2100, error_messages=YEAR_ERRORS
    )
    kind = forms.ChoiceField(label="Plantyp", choices=PlanKind.choices, required=False, initial=PlanKind.VBE)
    with_default_chapters = forms.BooleanField(
        label="Börja med plantypens kapitel",
        required=False,
        help_text="Utkastet får de kapitel och aktivitetsavsnitt som hör till plantypen.",
    )

    def clean_kind(self):
        return self.cleaned_data.get("kind") or PlanKind.VBE

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = access.organisations_for(user, Perm.EDIT_PLAN)

    def clean(self):
        cleaned = super().clean()
        # The default title follows the kind: a new åtgärdsplan is not called a VBE-handlingsplan.
        if cleaned.get("title") == DEFAULT_TITLES[PlanKind.VBE] and cleaned.get("kind"):
            cleaned["title"] = DEFAULT_TITLES[PlanKind(cleaned["kind"])]
        organisation, title = cleaned.get("organisation"), cleaned.get("title")
        if (
            organisation
            and title
            and ActionPlan.objects.filter(organisation=organisation, title=title).exists()
        ):
            self.add_error("title", "Organisationen har redan en handlingsplan med den titeln.")
        return cleaned


class RevisionMetaForm(VersionedForm, forms.ModelForm):
    year = forms.IntegerField(label="År", min_value=2000, max_value=2100, error_messages=YEAR_ERRORS)

    class Meta:
        model = PlanRevision
        formfield_callback = clean_text_formfield
        fields = ["year", "decided_by", "situation_picture"]
        help_texts = {"decided_by": "Nämnden eller fullmäktige som ska anta planen."}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only lägesbilder of the plan's own organisation that this user may see can be named.
        pictures = SituationPicture.objects.none()
        if user is not None and self.instance.plan_id:
            pictures = SituationPicture.objects.visible_to(user).filter(
                organisation_id=self.instance.plan.organisation_id, kind=self.instance.plan.kind
            )
        self.fields["situation_picture"].queryset = pictures.order_by("-year")
        self.fields["situation_picture"].empty_label = "Ingen vald"
        # Only the brottsförebyggande åtgärdsplan records the position taken on which measures are needed.
        if self.instance.plan_id and self.instance.plan.kind == PlanKind.CRIME_PREVENTION:
            model_field = PlanRevision._meta.get_field("measures_position")
            self.fields["measures_position"] = clean_text_formfield(
                model_field, widget=forms.Textarea(attrs={"rows": 6}), initial=self.instance.measures_position
            )

    def clean_year(self):
        year = self.cleaned_data["year"]
        others = PlanRevision.objects.filter(plan_id=self.instance.plan_id, year=year)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"Det finns redan en revidering för {year}.")
        return year


class AdoptionForm(forms.Form):
    decided_by = CleanTextField(
        label="Beslutande organ", max_length=200, help_text="Till exempel Skärholmens stadsdelsnämnd."
    )
    decided_on = forms.DateField(
        label="Beslutsdatum",
        widget=DateInput(),
        error_messages={"invalid": "Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2019-05-23."},
    )
    paragraph = CleanTextField(label="Paragraf (§)", max_length=20, help_text="Till exempel 12.")
    diary_number = CleanTextField(
        label="Diarienummer", max_length=60, required=False, help_text="Till exempel 1.2.3-456/2019."
    )

    def clean_paragraph(self):
        return self.cleaned_data["paragraph"].strip().lstrip("§").strip()


class ChapterForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Chapter
        formfield_callback = clean_text_formfield
        fields = ["heading", "kind", "body"]
        help_texts = {
            "kind": "Löptext är ett kapitel utan aktiviteter; övriga typer har en aktivitetstabell.",
            "body": "Tom rad mellan stycken.",
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args, plan_kind=PlanKind.VBE, **kwargs):
        super().__init__(*args, **kwargs)
        # Each plan kind offers its own activity table sections; a chapter keeps a type it already has.
        choices = section_choices(plan_kind)
        current = self.instance.kind if self.instance.pk else None
        if current and current not in dict(choices):
            choices.append((current, Chapter.Kind(current).label))
        self.fields["kind"].choices = choices


class ActivityForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Activity
        formfield_callback = clean_text_formfield
        fields = [
            "text",
            "purpose",
            "responsible",
            "responsible_unit",
            "partners",
            "timing",
            "starts_on",
            "ends_on",
            "follow_up_method",
            "problems",
        ]
        widgets = {
            "problems": forms.CheckboxSelectMultiple,
            "text": forms.Textarea(attrs={"rows": 4}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }
        error_messages = {
            "text": {"required": "Beskriv aktiviteten."},
            "responsible_unit": {
                "required": "Välj ansvarig enhet: den enhet som återrapporterar aktiviteten i uppföljningen."
            },
            "starts_on": {"invalid": "Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2025-03-01."},
            "ends_on": {"invalid": "Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2025-06-30."},
        }

    def __init__(self, *args, organisation, revision=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Every activity names the unit that reports on it in the follow-up: a new one starts with the
        # plan's organisation; an old one without a unit must be given one when it is next saved.
        unit = self.fields["responsible_unit"]
        unit.queryset = Organisation.objects.descendants_of(organisation)
        unit.required = True
        if self.instance.pk is None:
            unit.initial = organisation.pk
            unit.empty_label = None
        else:
            unit.empty_label = "Välj ansvarig enhet"
        # Only the prioritised problems of the lägesbild the revision rests on can be answered.
        picture_id = revision.situation_picture_id if revision is not None else None
        if picture_id is None:
            del self.fields["problems"]
        else:
            self.fields["problems"].queryset = Problem.objects.filter(picture_id=picture_id).prioritised()

    def clean_problems(self):
        return list(self.cleaned_data["problems"])

    # The links are a set, not a field the conflict merge compares: after a conflict the user's
    # own choice stays in the form, and the service saves it with the rest.
    def edited_names(self) -> list[str]:
        return [n for n in super().edited_names() if n != "problems"]

    def edited_values(self) -> dict:
        values = super().edited_values()
        if "problems" in self.cleaned_data:
            values["problems"] = self.cleaned_data["problems"]
        return values

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "Slutdatum kan inte ligga före startdatum.")
        return cleaned

    def _post_clean(self):
        # Model.clean repeats the date rule; the form already said it in Swedish, once.
        if self.has_error("ends_on"):
            return
        super()._post_clean()
