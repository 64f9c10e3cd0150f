"""The catalogue's denormalised sort key (CatalogueEntry): kept current by triggers on every write path,
and a page whose number of queries does not depend on how many activities there are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import Membership
from plans import catalogue, services
from plans.models import Activity, CatalogueEntry, Chapter
from tests.factories import ActivityFactory, ChapterFactory, OrganisationFactory, PlanRevisionFactory, member

pytestmark = pytest.mark.django_db
URL = reverse("plans:activity_list")


def texts(client, **params):
    return [a.text for a in client.get(URL, params).context["activities"]]


def adopt(revision, by, year):
    services.adopt_revision(
        revision=revision,
        decided_by="Nämnden",
        decided_on=datetime.date(year, 5, 23),
        paragraph="7",
        diary_number=f"1/{year}",
        by=by,
    )


def test_an_adoption_shows_at_once_and_the_superseded_revision_leaves(
    client, staff, coordinator, secretary, committee
):
    adopted = PlanRevisionFactory(plan__organisation=committee, year=2019, adopted=True)
    ActivityFactory(chapter=ChapterFactory(revision=adopted), text="Föräldraträffar om nätet")
    client.force_login(staff)
    assert texts(client) == ["Föräldraträffar om nätet"]

    draft = services.start_next_revision(source=adopted, by=coordinator)
    services.add_activity(chapter=draft.chapters.get(), by=coordinator, text="Skolsamverkan om källkritik")
    assert texts(client) == ["Föräldraträffar om nätet"]  # a draft is not in the catalogue
    adopt(draft, secretary, 2020)
    assert texts(client) == ["Föräldraträffar om nätet", "Skolsamverkan om källkritik"]
    assert set(CatalogueEntry.objects.filter(adopted=True).values_list("year", flat=True)) == {2020}


def test_plan_order_follows_the_tree_when_an_organisation_moves(client, central, committee, other_committee):
    for organisation, text in ((committee, "Norra"), (other_committee, "Södra")):
        revision = PlanRevisionFactory(plan__organisation=organisation, adopted=True)
        ActivityFactory(chapter=ChapterFactory(revision=revision), text=text)
    client.force_login(central)
    assert texts(client) == ["Norra", "Södra"]
    committee.parent = other_committee  # Norra becomes a part of Södra, so it comes after it
    committee.save()
    assert texts(client) == ["Södra", "Norra"]


def test_rows_written_in_bulk_reordered_or_deleted_are_placed(client, staff, committee):
    revision = PlanRevisionFactory(plan__organisation=committee, adopted=True)
    chapter = ChapterFactory(revision=revision, order=1)
    Activity.objects.bulk_create(
        [Activity(chapter=chapter, order=2, text="Andra"), Activity(chapter=chapter, order=1, text="Första")]
    )
    gone = ActivityFactory(chapter=chapter, order=3, text="Borttagen")
    client.force_login(staff)
    assert texts(client) == ["Första", "Andra", "Borttagen"]
    gone.delete()
    earlier = ChapterFactory(revision=revision, order=0, kind=Chapter.Kind.TRAINING)
    moved = Activity.objects.get(text="Andra")
    moved.chapter = earlier
    moved.save()
    assert texts(client) == ["Andra", "Första"]
    assert texts(client, kind="kompetenshojande") == ["Andra"]


def test_a_search_matching_more_than_the_cap_asks_to_narrow_it(client, staff, committee, monkeypatch):
    monkeypatch.setattr(catalogue, "COUNT_CAP", 3)
    chapter = ChapterFactory(revision=PlanRevisionFactory(plan__organisation=committee, adopted=True))
    ActivityFactory.create_batch(5, chapter=chapter, text="Föräldrastöd")
    client.force_login(staff)
    response = client.get(URL, {"q": "föräldrastöd"})
    html = response.content.decode()
    assert "Fler än 3 aktiviteter" in html
    assert len(response.context["activities"]) == 3
    assert "5 aktiviteter" in client.get(URL).content.decode()  # without free text the count is exact


ROLES = {
    "medarbetare": lambda world: world["staff"],
    "samordnare": lambda world: world["coordinator"],
    "central samordnare": lambda world: world["central"],
    "superuser": lambda world: world["superuser"],
}
PARAMS = [
    {},
    {"page": "2"},
    {"q": "föräldrastöd"},
    {"q": "föräldrastöd insats", "kind": "forebyggande"},
    {"responsible": "socialtjänst", "partners": "polis", "year": "2019"},
]


@pytest.fixture
def world(staff, coordinator, central, superuser, committee, municipality):
    return {"staff": staff, "coordinator": coordinator, "central": central, "superuser": superuser}


def chapters(committee, municipality):
    """Adopted plans of the committee, of another committee in the city and of another municipality."""
    found = []
    for organisation in (committee, OrganisationFactory(parent=municipality), OrganisationFactory()):
        revision = PlanRevisionFactory(plan__organisation=organisation, year=2019, adopted=True)
        found.append(ChapterFactory(revision=revision))
    return found


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("params", PARAMS, ids=lambda p: "&".join(p) or "alla")
def test_query_count_is_the_same_for_few_and_many_activities(
    client, world, committee, municipality, role, params, django_assert_max_num_queries
):
    client.force_login(ROLES[role](world))
    plans = chapters(committee, municipality)
    counts = []
    for added in (2, 40):
        for chapter in plans:
            ActivityFactory.create_batch(added, chapter=chapter)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, params)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    # session, user, memberships, scope (filter choices and organisations), count, page
    with django_assert_max_num_queries(6):
        client.get(URL, params)


def test_a_second_municipality_is_never_in_the_page(client, central, committee, other_municipality):
    mine = PlanRevisionFactory(plan__organisation=committee, adopted=True)
    ActivityFactory(chapter=ChapterFactory(revision=mine), text="Vår aktivitet")
    theirs = PlanRevisionFactory(plan__organisation=other_municipality, adopted=True)
    ActivityFactory(chapter=ChapterFactory(revision=theirs), text="Grannens aktivitet")
    member(Membership.Role.CENTRAL, other_municipality, username="central-granne")
    client.force_login(central)
    assert texts(client) == ["Vår aktivitet"]
    assert "Grannens" not in client.get(URL, {"organisation": str(other_municipality.pk)}).content.decode()
