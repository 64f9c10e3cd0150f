"""The catalogue filters by plan kind and by the lägesbild problem an activity answers."""

import pytest
from django.urls import reverse

from organisations.kinds import PlanKind
from situation import services as situation_services
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    ChapterFactory,
    PlanRevisionFactory,
    ProblemFactory,
    SituationPictureFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("plans:activity_list")


@pytest.fixture
def world(committee):
    picture = SituationPictureFactory(organisation=committee, year=2024, kind=PlanKind.CRIME_PREVENTION)
    problem = ProblemFactory(picture=picture, title="Skadegörelse vid resecentrum")
    crime_plan = ActionPlanFactory(
        organisation=committee, title="Åtgärdsplan", kind=PlanKind.CRIME_PREVENTION
    )
    crime = PlanRevisionFactory(plan=crime_plan, year=2025, adopted=True, situation_picture=picture)
    answering = ActivityFactory(
        chapter=ChapterFactory(revision=crime, kind="situationella"), text="Belysning"
    )
    answering.problems.add(problem)
    ActivityFactory(chapter=ChapterFactory(revision=crime, kind="sociala"), text="Fritidsgård kvällstid")
    vbe = PlanRevisionFactory(plan__organisation=committee, year=2025, adopted=True)
    ActivityFactory(chapter=ChapterFactory(revision=vbe, kind="forebyggande"), text="Föräldraträffar")
    return problem


def texts(response):
    return sorted(a.text for a in response.context["activities"])


def test_catalogue_filters_by_plan_kind(client, staff, world):
    client.force_login(staff)
    assert texts(client.get(URL, {"plan_kind": "brottsforebyggande"})) == [
        "Belysning",
        "Fritidsgård kvällstid",
    ]
    assert texts(client.get(URL, {"plan_kind": "vbe"})) == ["Föräldraträffar"]
    assert texts(client.get(URL, {"kind": "situationella"})) == ["Belysning"]


def test_catalogue_filters_by_problem_for_lagesbild_readers(client, coordinator, world):
    client.force_login(coordinator)
    page = client.get(URL)
    assert "Skadegörelse vid resecentrum" in page.content.decode()
    assert texts(client.get(URL, {"problem": world.pk})) == ["Belysning"]
    # The option is the problem as it is now: a renamed problem is offered by its new name.
    situation_services.update_problem(
        problem=world, changes={"title": "Skadegörelse på skolgårdar"}, version=1, by=coordinator
    )
    assert "Skadegörelse på skolgårdar" in client.get(URL).content.decode()


def test_staff_are_offered_no_lagesbild_problems(client, staff, world):
    client.force_login(staff)
    page = client.get(URL).content.decode()
    assert "Skadegörelse vid resecentrum" not in page and 'name="problem"' not in page
    # A crafted filter is not applied either: staff cannot probe which activities answer what.
    assert len(texts(client.get(URL, {"problem": world.pk}))) == 3


def test_only_problems_an_adopted_activity_answers_are_offered(client, coordinator, committee, world):
    draft = PlanRevisionFactory(plan__organisation=committee, plan__title="Handlingsplan 2026", year=2026)
    unanswered = ProblemFactory(picture=world.picture, title="Otrygghet i tunnelbanan")
    in_draft = ProblemFactory(picture=world.picture, title="Klotter på förskolor")
    ActivityFactory(chapter=ChapterFactory(revision=draft, kind="forebyggande")).problems.add(in_draft)
    client.force_login(coordinator)
    choices = client.get(URL).context["filter"].form.fields["problem"].choices
    offered = [label for value, label in choices if value]
    assert offered == [str(world)]
    assert unanswered.title not in offered[0] and in_draft.title not in offered[0]
