"""Hostile input through every form of the apps: one registry row per form, one test per (form, field, value).

For each field of each form, every value of the corpus (tests/hostile.py) is posted, plus a value exactly
at the field's limit and one a character over it. The value must be stored exactly or refused with a form
error shown on the page (over-long text: the Swedish message naming the limit, nothing saved), and every
page that shows it must show it escaped, with no script, event handler or javascript: URL added.

A new form joins by adding ONE `HostileForm` to `FORMS` (and, if it needs objects the `World` lacks,
a line in `world`).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from types import SimpleNamespace

import pytest
from django import forms
from django.db import transaction
from django.urls import reverse

from documents.models import CaseMemo
from documents.text import CleanTextField
from followup import services as followup_services
from followup.models import ActivityFollowUp, FollowUpRound, FollowUpStatus
from meetings.models import Meeting
from plans.models import ActionPlan, Activity, Chapter, Indicator, PlanRevision, Routine
from situation.models import Observation, Problem, SituationPicture, Source
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    ChapterFactory,
    IndicatorFactory,
    MeetingFactory,
    ObservationFactory,
    PlanRevisionFactory,
    ProblemFactory,
    RoutineFactory,
    SituationPictureFactory,
    SourceFactory,
)
from tests.hostile import (
    CORPUS,
    MARKUP,
    Hostile,
    assert_rendered_safely,
    check_hostile_value,
    expected_stored,
)
from tests.situation.helpers import PNR

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class HostileForm:
    name: str
    user: str  # attribute of the World: who fills in the form
    url: Callable[[SimpleNamespace], str]
    data: Callable[[SimpleNamespace], dict]  # valid values for every field
    fields: dict[str, int]  # field under attack -> its limit in characters
    stored: Callable[[SimpleNamespace, str], object]  # the field's stored value, None if nothing saved
    pages: Callable[[SimpleNamespace], list[str]] = field(default=lambda w: [])  # pages that show it
    guarded: bool = False  # lägesbild: every free-text field refuses a personnummer


SUMMARY = True  # a page that may shorten long values (history, lists): checked for safety only


def _newest(queryset, exclude, name):
    obj = queryset.exclude(pk=exclude.pk).order_by("-pk").first()
    return getattr(obj, name) if obj else None


def _new_activity_pages(w):
    new = Activity.objects.filter(chapter=w.chapter).exclude(pk=w.activity.pk).get()
    return [
        new.get_absolute_url(),
        w.draft.get_absolute_url(),
        (reverse("plans:activity_history", args=[new.pk]), SUMMARY),
    ]


def _new_round_pages(w):
    new = FollowUpRound.objects.exclude(pk=w.round.pk).get()
    return [
        reverse("followup:round_list"),
        new.get_absolute_url(),
        reverse("followup:round_report", args=[new.pk]),
    ]


ACTIVITY_FIELDS = {
    "text": 5_000,
    "purpose": 5_000,
    "responsible": 300,
    "partners": 500,
    "timing": 100,
    "follow_up_method": 300,
}
ACTIVITY_DATA = {"text": "Föräldraträffar om nätet", "starts_on": "2020-01-15", "ends_on": "2020-06-30"}

FORMS = [
    HostileForm(
        name="plan_create",
        user="coordinator",
        url=lambda w: reverse("plans:plan_create"),
        data=lambda w: {"organisation": w.committee.pk, "title": "Ny plan", "year": 2030},
        fields={"title": 200},
        stored=lambda w, f: _newest(ActionPlan.objects.filter(organisation=w.committee), w.plan, f),
        pages=lambda w: [
            reverse("plans:plan_list"),
            ActionPlan.objects.exclude(pk=w.plan.pk).get().get_absolute_url(),
        ],
    ),
    HostileForm(
        name="revision_meta",
        user="coordinator",
        url=lambda w: reverse("plans:revision_edit", args=[w.draft.pk]),
        data=lambda w: {"year": 2020, "decided_by": "Norra stadsdelsnämnden", "version": w.draft.version},
        fields={"decided_by": 200},
        stored=lambda w, f: getattr(PlanRevision.objects.get(pk=w.draft.pk), f),
        pages=lambda w: [reverse("plans:revision_edit", args=[w.draft.pk]), w.draft.get_absolute_url()],
    ),
    HostileForm(
        name="case_memo",
        user="coordinator",
        url=lambda w: reverse("plans:revision_case_edit", args=[w.draft.pk]),
        data=lambda w: {
            "official": w.coordinator.pk,
            "official_title": "Samordnare",
            "prepared_on": "2020-04-14",
            "diary_number": "2020/77",
            "proposal": "Nämnden beslutar att anta planen.",
            "summary": "Planen har en aktivitet.",
            "background": "",
            "dialogue": "",
            "assessment": "",
            "recipients": "Registrator",
        },
        fields={
            "official_title": 100,
            "diary_number": 60,
            "proposal": 2_000,
            "summary": 10_000,
            "background": 20_000,
            "dialogue": 5_000,
            "assessment": 10_000,
            "recipients": 2_000,
        },
        stored=lambda w, f: getattr(CaseMemo.objects.of(w.draft).first(), f, None),
        pages=lambda w: [reverse("plans:revision_case_edit", args=[w.draft.pk])],
    ),
    HostileForm(
        name="chapter_create",
        user="coordinator",
        url=lambda w: reverse("plans:chapter_create", args=[w.draft.pk]),
        data=lambda w: {"heading": "Nytt kapitel", "kind": "forebyggande", "body": "Text."},
        fields={"heading": 200, "body": 50_000},
        stored=lambda w, f: _newest(Chapter.objects.filter(revision=w.draft), w.chapter, f),
        pages=lambda w: [
            w.draft.get_absolute_url(),
            (reverse("plans:revision_history", args=[w.draft.pk]), SUMMARY),
        ],
    ),
    HostileForm(
        name="chapter_edit",
        user="coordinator",
        url=lambda w: reverse("plans:chapter_edit", args=[w.chapter.pk]),
        data=lambda w: {"heading": "Förebyggande", "kind": "forebyggande", "body": "", "version": 1},
        fields={"heading": 200, "body": 50_000},
        stored=lambda w, f: getattr(Chapter.objects.get(pk=w.chapter.pk), f),
        pages=lambda w: [
            w.draft.get_absolute_url(),
            reverse("plans:chapter_edit", args=[w.chapter.pk]),
            (reverse("plans:revision_history", args=[w.draft.pk]), SUMMARY),
        ],
    ),
    HostileForm(
        name="activity_create",
        user="coordinator",
        url=lambda w: reverse("plans:activity_create", args=[w.chapter.pk]),
        data=lambda w: {**ACTIVITY_DATA, "responsible_unit": w.committee.pk},
        fields=ACTIVITY_FIELDS,
        stored=lambda w, f: _newest(Activity.objects.filter(chapter=w.chapter), w.activity, f),
        pages=_new_activity_pages,
    ),
    HostileForm(
        name="activity_edit",
        user="coordinator",
        url=lambda w: reverse("plans:activity_edit", args=[w.activity.pk]),
        data=lambda w: {**ACTIVITY_DATA, "version": 1, "responsible_unit": w.committee.pk},
        fields=ACTIVITY_FIELDS,
        stored=lambda w, f: getattr(Activity.objects.get(pk=w.activity.pk), f),
        pages=lambda w: [
            w.activity.get_absolute_url(),
            w.draft.get_absolute_url(),
            reverse("plans:activity_edit", args=[w.activity.pk]),
            (reverse("plans:activity_history", args=[w.activity.pk]), SUMMARY),
            (reverse("plans:revision_history", args=[w.draft.pk]), SUMMARY),
        ],
    ),
    HostileForm(
        name="adoption",
        user="secretary",
        url=lambda w: reverse("plans:revision_adopt", args=[w.draft.pk]),
        data=lambda w: {
            "decided_by": "Norra stadsdelsnämnden",
            "decided_on": "2020-05-23",
            "paragraph": "12",
            "diary_number": "1.2.3-456/2020",
        },
        fields={"decided_by": 200, "paragraph": 20, "diary_number": 60},
        stored=lambda w, f: getattr(PlanRevision.objects.get(pk=w.draft.pk), f),
        pages=lambda w: [
            w.draft.get_absolute_url(),
            w.plan.get_absolute_url(),
            (reverse("plans:revision_history", args=[w.draft.pk]), SUMMARY),
        ],
    ),
    HostileForm(
        name="followup_round_open",
        user="coordinator",
        url=lambda w: reverse("followup:round_open"),
        data=lambda w: {
            "revision": w.adopted.pk,
            "kind": "helar",
            "period": "Helår 2019",
            "deadline": "2099-12-31",
        },
        fields={"period": 100},
        stored=lambda w, f: _newest(FollowUpRound.objects.all(), w.round, f),
        pages=_new_round_pages,
    ),
    HostileForm(
        name="followup_report",
        user="coordinator",
        url=lambda w: reverse("followup:entry_report", args=[w.entry.pk]),
        data=lambda w: {"status": w.status.pk, "narrative": "Genomfört enligt plan.", "version": 1},
        fields={"narrative": 10_000},
        stored=lambda w, f: getattr(ActivityFollowUp.objects.get(pk=w.entry.pk), f),
        pages=lambda w: [
            reverse("followup:round_report", args=[w.round.pk]),
            reverse("followup:activity_history", args=[w.adopted_activity.pk]),
            reverse("followup:entry_report", args=[w.entry.pk]),
            (w.round.get_absolute_url(), SUMMARY),
        ],
    ),
    HostileForm(
        name="followup_comment",
        user="coordinator",
        url=lambda w: reverse("followup:round_comment", args=[w.round.pk]),
        data=lambda w: {"comment": "Arbetet går enligt plan.", "version": 1},
        fields={"comment": 20_000},
        stored=lambda w, f: FollowUpRound.objects.get(pk=w.round.pk).overall_comment,
        pages=lambda w: [
            reverse("followup:round_report", args=[w.round.pk]),
            reverse("followup:round_comment", args=[w.round.pk]),
        ],
    ),
]

PICTURE_TEXTS = [
    "outlook",
    "occurrence",
    "knowledge",
    "routines",
    "organisation_text",
    "follow_up",
    "analysis",
]
PICTURE_DATA = dict.fromkeys(PICTURE_TEXTS, "") | {
    "made_with": "Lokalpolisen",
    "threat_level": "3",
    "threat_level_source": "NCT",
    "version": 1,
}
OBSERVATION_DATA = {"area": "Centrum", "period": "Våren", "count": "2", "description": "Klotter."}


def _observation_data(w):
    return {**OBSERVATION_DATA, "environment": w.observation.environment_id, "kind": w.observation.kind_id}


FORMS += [
    HostileForm(
        name="situation_picture_create",
        user="coordinator",
        url=lambda w: reverse("situation:picture_create"),
        data=lambda w: {"organisation": w.committee.pk, "year": 2030, "made_with": "Lokalpolisen"},
        fields={"made_with": 200},
        stored=lambda w, f: _newest(SituationPicture.objects.exclude(pk=w.crime_picture.pk), w.picture, f),
        pages=lambda w: [
            SituationPicture.objects.exclude(pk__in=[w.picture.pk, w.crime_picture.pk])
            .get()
            .get_absolute_url(),
            (reverse("situation:picture_list"), SUMMARY),
        ],
        guarded=True,
    ),
    HostileForm(
        name="situation_picture_edit",
        user="coordinator",
        url=lambda w: reverse("situation:picture_edit", args=[w.picture.pk]),
        data=lambda w: PICTURE_DATA,
        fields={"made_with": 200, **dict.fromkeys(PICTURE_TEXTS, 50000), "threat_level_source": 200},
        stored=lambda w, f: getattr(SituationPicture.objects.get(pk=w.picture.pk), f),
        pages=lambda w: [
            w.picture.get_absolute_url(),
            reverse("situation:picture_edit", args=[w.picture.pk]),
        ],
        guarded=True,
    ),
    HostileForm(
        name="situation_source_create",
        user="coordinator",
        url=lambda w: reverse("situation:source_create", args=[w.picture.pk]),
        data=lambda w: {
            "kind": "annat",
            "description": "Samtal med fältassistenter.",
            "responses": "",
            "order": 2,
        },
        fields={"description": 5_000},
        stored=lambda w, f: _newest(Source.objects.filter(picture=w.picture), w.source, f),
        pages=lambda w: [w.picture.get_absolute_url()],
        guarded=True,
    ),
    HostileForm(
        name="situation_source_edit",
        user="coordinator",
        url=lambda w: reverse("situation:source_edit", args=[w.source.pk]),
        data=lambda w: {"kind": "annat", "description": "Enkät.", "responses": "4", "order": 1, "version": 1},
        fields={"description": 5_000},
        stored=lambda w, f: getattr(Source.objects.get(pk=w.source.pk), f),
        pages=lambda w: [w.picture.get_absolute_url(), reverse("situation:source_edit", args=[w.source.pk])],
        guarded=True,
    ),
    HostileForm(
        name="situation_observation_create",
        user="coordinator",
        url=lambda w: reverse("situation:observation_create", args=[w.picture.pk]),
        data=_observation_data,
        fields={"area": 200, "period": 100, "description": 5_000},
        stored=lambda w, f: _newest(Observation.objects.filter(picture=w.picture), w.observation, f),
        pages=lambda w: [w.picture.get_absolute_url()],
        guarded=True,
    ),
    HostileForm(
        name="situation_observation_edit",
        user="coordinator",
        url=lambda w: reverse("situation:observation_edit", args=[w.observation.pk]),
        data=lambda w: {**_observation_data(w), "version": 1},
        fields={"area": 200, "period": 100, "description": 5_000},
        stored=lambda w, f: getattr(Observation.objects.get(pk=w.observation.pk), f),
        pages=lambda w: [
            w.picture.get_absolute_url(),
            reverse("situation:observation_edit", args=[w.observation.pk]),
        ],
        guarded=True,
    ),
]

ROUTINE_FIELDS = {
    "title": 200,
    "body": 20_000,
    "contact_name": 200,
    "contact_role": 200,
    "contact_phone": 40,
    "contact_email": 254,
    "contact": 2_000,
}
FORMS += [
    HostileForm(
        name="situation_crime_picture_edit",
        user="coordinator",
        url=lambda w: reverse("situation:picture_edit", args=[w.crime_picture.pk]),
        data=lambda w: {
            "made_with": "Lokalpolisen",
            "crime_mapping": "",
            "other_information": "",
            "analysis": "",
            "version": 1,
        },
        fields={"made_with": 200, "crime_mapping": 50_000, "other_information": 50_000, "analysis": 50_000},
        stored=lambda w, f: getattr(SituationPicture.objects.get(pk=w.crime_picture.pk), f),
        pages=lambda w: [w.crime_picture.get_absolute_url()],
        guarded=True,
    ),
    HostileForm(
        name="situation_problem_create",
        user="coordinator",
        url=lambda w: reverse("situation:problem_create", args=[w.picture.pk]),
        data=lambda w: {
            "priority": 1,
            "title": "Klotter vid skolan",
            "area": "",
            "crime_type": "",
            "causes": "",
        },
        fields={"title": 200, "area": 200, "crime_type": 120, "causes": 5_000},
        stored=lambda w, f: _newest(Problem.objects.filter(picture=w.picture), w.problem, f),
        pages=lambda w: [w.picture.get_absolute_url()],
        guarded=True,
    ),
    HostileForm(
        name="indicator_create",
        user="coordinator",
        url=lambda w: reverse("plans:indicator_create", args=[w.activity.pk]),
        data=lambda w: {
            "name": "Deltagare",
            "unit": "antal",
            "direction": "hogre",
            "baseline_year": "2018",
            "baseline_source": "",
        },
        fields={"name": 200, "unit": 40, "baseline_source": 300},
        stored=lambda w, f: _newest(Indicator.objects.filter(activity=w.activity), w.indicator, f),
        pages=lambda w: [w.activity.get_absolute_url()],
    ),
]

ROUTINE_DATA = {
    "kind": "vid_oro",
    "title": "Rutin vid oro",
    "body": "Kontakta chefen.",
    "contact": "08-123 456",
}

FORMS += [
    HostileForm(
        name="routine_create",
        user="coordinator",
        url=lambda w: reverse("plans:routine_create"),
        data=lambda w: {**ROUTINE_DATA, "organisation": w.committee.pk},
        fields=ROUTINE_FIELDS,
        stored=lambda w, f: _newest(Routine.objects.all(), w.routine, f),
        pages=lambda w: [
            Routine.objects.exclude(pk=w.routine.pk).get().get_absolute_url(),
            (reverse("plans:routine_list"), SUMMARY),
        ],
    ),
    HostileForm(
        name="routine_edit",
        user="coordinator",
        url=lambda w: reverse("plans:routine_edit", args=[w.routine.pk]),
        data=lambda w: {**ROUTINE_DATA, "version": 1},
        fields=ROUTINE_FIELDS,
        stored=lambda w, f: getattr(Routine.objects.get(pk=w.routine.pk), f),
        pages=lambda w: [
            w.routine.get_absolute_url(),
            reverse("plans:routine_edit", args=[w.routine.pk]),
            (reverse("plans:routine_list"), SUMMARY),
        ],
    ),
    HostileForm(
        name="meeting_create",
        user="secretary",
        url=lambda w: reverse("meetings:meeting_create"),
        data=lambda w: {"organisation": w.committee.pk, "date": "2026-02-26", "starts_at": "08:15"},
        fields={"place": 200},
        stored=lambda w, f: _newest(Meeting.objects.filter(organisation=w.committee), w.meeting, f),
        pages=lambda w: [Meeting.objects.exclude(pk=w.meeting.pk).get().get_absolute_url()],
    ),
    HostileForm(
        name="meeting_edit",
        user="secretary",
        url=lambda w: reverse("meetings:meeting_edit", args=[w.meeting.pk]),
        data=lambda w: {"date": "2026-01-29", "starts_at": "08:15", "version": 1},
        fields={"place": 200},
        stored=lambda w, f: getattr(Meeting.objects.get(pk=w.meeting.pk), f),
        pages=lambda w: [w.meeting.get_absolute_url(), reverse("meetings:meeting_edit", args=[w.meeting.pk])],
    ),
]

# Beside the corpus, every field gets a value exactly at its limit (stored whole) and one over it
# (refused with the Swedish message naming the limit).
AT_LIMIT = Hostile("at-limit", "")
OVER_LIMIT = Hostile("over-limit", "")


def _value(hostile, limit):
    if hostile is AT_LIMIT:
        return "Ö" * (limit - 1) + "å"
    if hostile is OVER_LIMIT:
        return "ö" * (limit + 1)
    return hostile.value


PAIRS = [pytest.param(form, name, id=f"{form.name}-{name}") for form in FORMS for name in form.fields]
VALUES = [*CORPUS, AT_LIMIT, OVER_LIMIT]
MARKUP_VALUES = {h.value for h in MARKUP}


@pytest.fixture
def world(committee, unit, coordinator, secretary):
    """A plan with an adopted revision (with an open follow-up round) and a draft with an activity."""
    plan = ActionPlanFactory(organisation=committee)
    adopted = PlanRevisionFactory(plan=plan, year=2019, adopted=True)
    adopted_activity = ActivityFactory(
        chapter=ChapterFactory(revision=adopted, kind=Chapter.Kind.PREVENTIVE), responsible_unit=unit
    )
    round_ = followup_services.open_round(
        revision=adopted,
        kind="tertial2",
        period="Maj–augusti 2019",
        deadline=datetime.date(2099, 9, 15),
        by=coordinator,
    )
    draft = PlanRevisionFactory(plan=plan, year=2020)
    chapter = ChapterFactory(revision=draft, kind=Chapter.Kind.PREVENTIVE)
    picture = SituationPictureFactory(organisation=committee, year=2024)
    activity = ActivityFactory(chapter=chapter)
    return SimpleNamespace(
        crime_picture=SituationPictureFactory(organisation=committee, year=2024, kind="brottsforebyggande"),
        problem=ProblemFactory(picture=picture),
        indicator=IndicatorFactory(activity=activity),
        routine=RoutineFactory(organisation=committee),
        meeting=MeetingFactory(organisation=committee, date=datetime.date(2026, 1, 29)),
        picture=picture,
        source=SourceFactory(picture=picture, order=1),
        observation=ObservationFactory(picture=picture),
        committee=committee,
        coordinator=coordinator,
        secretary=secretary,
        plan=plan,
        adopted=adopted,
        adopted_activity=adopted_activity,
        round=round_,
        entry=round_.entries.get(),
        status=FollowUpStatus.objects.default_scale().first(),
        draft=draft,
        chapter=chapter,
        activity=activity,
    )


def test_every_form_field_has_a_limit_and_the_registry_matches_the_forms():
    """A field added to a form without a limit, or a limit changed, shows up here."""
    from documents.forms import CaseMemoForm
    from followup.forms import CommentForm, ReportForm, RoundOpenForm
    from meetings.forms import MeetingCreateForm, MeetingForm
    from plans.catalogue_forms import RoutineForm
    from plans.forms import (
        ActivityForm,
        AdoptionForm,
        ChapterForm,
        PlanCreateForm,
        RevisionMetaForm,
    )
    from plans.indicator_forms import IndicatorForm
    from situation.forms import (
        CrimePreventionPictureForm,
        ObservationForm,
        PictureCreateForm,
        PictureForm,
        ProblemForm,
        SourceForm,
    )
    from tests.test_clean_text import _form_classes
    from vbe_portal.forms import LoginForm

    classes = {
        "plan_create": PlanCreateForm,
        "revision_meta": RevisionMetaForm,
        "case_memo": CaseMemoForm,
        "chapter_create": ChapterForm,
        "chapter_edit": ChapterForm,
        "activity_create": ActivityForm,
        "activity_edit": ActivityForm,
        "adoption": AdoptionForm,
        "followup_round_open": RoundOpenForm,
        "followup_report": ReportForm,
        "followup_comment": CommentForm,
        "situation_picture_create": PictureCreateForm,
        "situation_picture_edit": PictureForm,
        "situation_crime_picture_edit": CrimePreventionPictureForm,
        "situation_problem_create": ProblemForm,
        "indicator_create": IndicatorForm,
        "situation_source_create": SourceForm,
        "situation_source_edit": SourceForm,
        "situation_observation_create": ObservationForm,
        "situation_observation_edit": ObservationForm,
        "routine_create": RoutineForm,
        "routine_edit": RoutineForm,
        "meeting_create": MeetingCreateForm,
        "meeting_edit": MeetingForm,
    }
    # Every form of every app with a free-text field has a row (the login form's user name aside).
    with_text = {
        cls
        for cls in _form_classes()
        if cls is not LoginForm
        and any(
            isinstance(f, forms.CharField)
            and not isinstance(f.widget, forms.HiddenInput | forms.PasswordInput)
            for f in cls.base_fields.values()
        )
    }
    assert with_text <= set(classes.values()), f"forms not attacked: {with_text - set(classes.values())}"
    for form in FORMS:
        declared = classes[form.name].base_fields
        for name, limit in form.fields.items():
            assert declared[name].max_length == limit, f"{form.name}.{name}"
        # Every free-text field of the form is in the registry, and cleans its text at the door.
        text_fields = {
            name
            for name, f in declared.items()
            if isinstance(f, forms.CharField) and not isinstance(f.widget, forms.HiddenInput)
        }
        assert text_fields <= set(form.fields), f"{form.name}: {text_fields - set(form.fields)} not attacked"
        plain = {name for name in text_fields if not isinstance(declared[name], CleanTextField)}
        assert not plain, f"{form.name}: {plain} must be documents.text.CleanTextField"


def _check(client, world, form, name, value, *, pages):
    limit = form.fields[name]
    outcome = check_hostile_value(
        client,
        url=form.url(world),
        data=form.data(world),
        field=name,
        value=value,
        stored=lambda: form.stored(world, name),
        max_length=limit,
    )
    if len(value) > limit or "\x00" in value:
        assert outcome == "refused"
    if outcome == "stored":
        for page in form.pages(world)[:pages]:
            url, summary = page if isinstance(page, tuple) else (page, False)
            response = client.get(url)
            assert response.status_code == 200, url
            try:
                # Summary pages (history, lists) may shorten a long text with "…"; they must still be safe.
                assert_rendered_safely(
                    response.content.decode(), expected_stored(value), must_contain=not summary
                )
            except AssertionError as error:
                raise AssertionError(f"{url}: {error}") from None
    return outcome


def _check_personal_number_refused(client, world, form, name):
    """The lägesbild's guard sees a personnummer inside markup too, and names the field."""
    response = client.post(form.url(world), {**form.data(world), name: f"<b>{PNR}</b> <script>x</script>"})
    html = response.content.decode()
    assert response.status_code == 400, response.status_code
    assert "innehåller något som ser ut som ett personnummer" in html
    assert PNR not in str(form.stored(world, name))
    assert_rendered_safely(html, f"<b>{PNR}</b> <script>x</script>")


def _in_savepoint(check):
    """Run `check` in a savepoint that is rolled back: the next value starts from the same world."""
    with transaction.atomic():
        outcome = check()
        transaction.set_rollback(True)
    return outcome


@pytest.mark.parametrize(("form", "name"), PAIRS)
def test_hostile_values_are_stored_exactly_or_refused_and_shown_escaped(client, world, form, name):
    """Every value through the form and onto the form's main page; then the values that can carry
    markup onto every page that shows the field (all at once where the limit allows: one request per page)."""
    client.force_login(getattr(world, form.user))
    limit = form.fields[name]
    failures, outcomes = [], {}
    for hostile in VALUES:
        try:
            value = _value(hostile, limit)
            outcomes[hostile.name] = _in_savepoint(partial(_check, client, world, form, name, value, pages=1))
        except AssertionError as error:
            failures.append(f"{hostile.name}: {error}")
    storable = [h.value for h in CORPUS if outcomes.get(h.name) == "stored"]
    combined = "\n".join(storable)
    everywhere = [combined] if len(combined) <= limit else [v for v in storable if v in MARKUP_VALUES]
    for value in everywhere:
        try:
            check = partial(_check, client, world, form, name, value, pages=None)
            assert _in_savepoint(check) == "stored"
        except AssertionError as error:
            failures.append(f"on every page, {value[:40]!r}…: {error}")
    if form.guarded:
        try:
            _in_savepoint(partial(_check_personal_number_refused, client, world, form, name))
        except AssertionError as error:
            failures.append(f"personnummer: {error}")
    assert not failures, f"{form.name}.{name}:\n" + "\n".join(failures)
    assert outcomes["at-limit"] == "stored", "a value exactly at the limit was refused"
    # The corpus exercised both paths of the field: something saved, something refused.
    assert {"stored", "refused"} <= set(outcomes.values())
