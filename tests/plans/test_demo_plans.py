"""The demo plans transcribed from the seeds: complete activity tables, a draft with lineage, routines."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from organisations.demo import organisation
from plans import demo
from plans.models import Activity, Chapter, PlanRevision, Routine

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    call_command("load_demo")


def counts():
    return tuple(model.objects.count() for model in (PlanRevision, Chapter, Activity, Routine))


def test_demo_is_idempotent(loaded):
    before = counts()
    demo.load()
    assert counts() == before


def test_skarholmen_2019_is_adopted_with_every_activity_row(loaded):
    revision = PlanRevision.objects.get(plan__organisation=organisation("skarholmen"), year=2019)
    assert revision.adoption_line.startswith("Antagen av Skärholmens stadsdelsnämnd 2019-05-23 § 12, dnr")
    per_kind = {
        kind: Activity.objects.filter(chapter__revision=revision, chapter__kind=kind).count()
        for kind in (
            Chapter.Kind.PREVENTIVE,
            Chapter.Kind.HINDERING,
            Chapter.Kind.GRANTS,
            Chapter.Kind.TRAINING,
        )
    }
    assert per_kind == {"forebyggande": 14, "forhindrande": 7, "foreningsbidrag": 3, "kompetenshojande": 6}
    social = Activity.objects.filter(
        chapter__revision=revision, responsible_unit=organisation("skarholmen-soc")
    )
    assert social.filter(text__startswith="Kompetenshöja skolsociala team").exists()


def test_hasselby_2018_has_its_three_tables(loaded):
    revision = PlanRevision.objects.get(plan__organisation=organisation("hv"), year=2018)
    assert revision.status == PlanRevision.Status.ADOPTED
    tables = dict(
        revision.chapters.exclude(kind=Chapter.Kind.PROSE).values_list("heading", "activities__pk").distinct()
    )
    assert set(tables) == {
        "Aktiviteter för förebyggande arbete",
        "Aktiviteter för förhindrande arbete",
        "Aktiviteter 2018",
    }
    assert Activity.objects.filter(chapter__revision=revision).count() == 12 + 2 + 8
    assert Activity.objects.get(
        chapter__revision=revision, text__startswith="Delta i stadens grund"
    ).timing == ("Hösten 2018")


def test_skarholmen_2020_draft_remembers_where_it_came_from(loaded):
    adopted = PlanRevision.objects.get(plan__organisation=organisation("skarholmen"), year=2019)
    draft = PlanRevision.objects.get(plan=adopted.plan, year=2020)
    assert draft.status == PlanRevision.Status.DRAFT and draft.copied_from == adopted
    assert all(chapter.copied_from.revision_id == adopted.pk for chapter in draft.chapters.all())
    copies = Activity.objects.filter(chapter__revision=draft)
    assert copies.filter(copied_from__isnull=True).count() == 1  # the one new activity
    assert copies.count() == 30 - 1 + 1
    changed = copies.get(text__endswith="med stadens symbollexikon")
    assert (
        changed.copied_from.text == "Informera medarbetare om hur olika symboler ser ut i de olika miljöerna"
    )
    assert changed.timing == "2020"


def test_every_demo_plan_has_its_routines(loaded):
    for key in ("skarholmen", "hv"):
        kinds = set(Routine.objects.filter(organisation=organisation(key)).values_list("kind", flat=True))
        assert kinds == {Routine.Kind.CONCERN, Routine.Kind.CONTACT, Routine.Kind.FORM}
    assert (
        Activity.objects.filter(
            chapter__revision__plan__organisation=organisation("lulea-soc"),
            chapter__revision__plan__kind="vbe",
        ).count()
        == 9
    )


def test_demo_medarbetare_finds_foraldrastod_and_the_concern_routine(client, loaded):
    client.post(reverse("login"), {"username": "medarbetare", "password": "vbe-demo"})
    response = client.get(reverse("plans:activity_list"), {"q": "FÖRÄLDRASTÖD"})
    assert [a.text for a in response.context["activities"]] == [
        "Föräldrastöd i form av föräldrarådgivare och föräldrastödskurser"
    ]
    routines = client.get(reverse("plans:routine_list"), {"kind": "vid_oro"}).context["routines"]
    assert [r.title for r in routines] == ["Rutin vid oro/händelse rörande våldsbejakande extremism"]
    # Hässelby-Vällingby's plan is not part of Skärholmen's tree.
    assert (
        client.get(reverse("plans:activity_list"), {"q": "parklekar"}).context["page_obj"].paginator.count
        == 0
    )


def test_demo_has_a_crime_prevention_lagesbild_and_atgardsplan(client, loaded):
    from organisations.kinds import PlanKind
    from plans.models import ActionPlan
    from situation.models import SituationPicture

    org = organisation("lulea-soc")
    picture = SituationPicture.objects.get(organisation=org, kind=PlanKind.CRIME_PREVENTION)
    assert picture.is_frozen and picture.crime_mapping and picture.other_information and picture.analysis
    plan = ActionPlan.objects.get(organisation=org, kind=PlanKind.CRIME_PREVENTION)
    revision = plan.revisions.get()
    assert revision.situation_picture == picture and revision.decided_by == "Kommunfullmäktige"
    assert revision.measures_position
    activities = Activity.objects.filter(chapter__revision=revision)
    assert {c.kind for c in revision.chapters.all()} >= {Chapter.Kind.SITUATIONAL, Chapter.Kind.SOCIAL}
    assert (
        all(a.problems.exists() for a in activities) and activities.filter(indicators__isnull=False).exists()
    )
