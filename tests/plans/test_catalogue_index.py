"""The catalogue's denormalised sort key (CatalogueEntry): kept current by triggers on every write path,
and a page whose number of queries does not depend on how many activities there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import Membership
from plans import catalogue, search, services
from plans.models import Activity, CatalogueEntry, Chapter
from tests.factories import ActivityFactory, ChapterFactory, OrganisationFactory, PlanRevisionFactory, member
from tests.plans.helpers import adopt

pytestmark = pytest.mark.django_db
URL = reverse("plans:activity_list")


def texts(client, **params):
    return [a.text for a in client.get(URL, params).context["activities"]]


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
    if connection.vendor == "postgresql":
        search._common_lexemes()  # the column statistics are read once per process
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
    # session, user, memberships, scope (the tally: filter choices, organisations and exact counts), page;
    # a capped count when free text is applied; and for those who may read lägesbilder, the problems an
    # adopted activity answers (the problem filter's choices)
    expected = 5 + ("q" in params or "responsible" in params)
    expected += role in ("samordnare", "central samordnare")
    with django_assert_max_num_queries(expected):
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


def tally_matches_the_entries():
    from django.db.models import Sum

    from plans.models import CatalogueTally

    by_tally = {
        (t["organisation_id"], t["year"], t["kind"]): t["n"]
        for t in CatalogueTally.objects.values("organisation_id", "year", "kind").annotate(
            n=Sum("activities")
        )
        if t["n"]
    }
    by_entries = {}
    for entry in CatalogueEntry.objects.filter(adopted=True):
        key = (entry.organisation_id, entry.year, entry.kind)
        by_entries[key] = by_entries.get(key, 0) + 1
    return by_tally == by_entries


def test_the_exact_count_follows_adoption_supersession_moves_and_deletions(
    client, central, coordinator, secretary, committee, other_committee
):
    adopted = PlanRevisionFactory(plan__organisation=committee, year=2019, adopted=True)
    kept = ActivityFactory(chapter=ChapterFactory(revision=adopted), text="Kvar")
    ActivityFactory.create_batch(3, chapter=kept.chapter)
    other = PlanRevisionFactory(plan__organisation=other_committee, year=2021, adopted=True)
    ActivityFactory(chapter=ChapterFactory(revision=other, kind=Chapter.Kind.TRAINING))
    client.force_login(central)

    def shown(**params):
        html = client.get(URL, params).content.decode()
        return html.split('class="result-count" role="status">')[1].split("<")[0]

    assert shown() == "5 aktiviteter" and tally_matches_the_entries()
    draft = services.start_next_revision(source=adopted, by=coordinator)
    services.add_activity(chapter=draft.chapters.get(), by=coordinator, text="Ny")
    assert shown() == "5 aktiviteter"
    adopt(draft, secretary, 2020)  # 4 superseded, 5 adopted
    assert shown() == "6 aktiviteter" and shown(year="2021") == "1 aktivitet"
    assert shown(year="2020", organisation=str(committee.pk)) == "5 aktiviteter"
    assert shown(kind="kompetenshojande") == "1 aktivitet"
    other.chapters.get().activities.get().delete()
    assert shown() == "5 aktiviteter" and tally_matches_the_entries()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_adoptions_leave_the_exact_count_right(
    client, central, superuser, committee, other_committee
):
    """Two nämnder adopt at the same moment, each in its own transaction and connection: the tally,
    updated inside each transaction, counts both once they have committed and neither before (a count
    read while both are written but uncommitted sees the old figure)."""
    import threading

    from django.db import transaction

    drafts = []
    for organisation in (committee, other_committee):
        draft = PlanRevisionFactory(plan__organisation=organisation, year=2020)
        ActivityFactory.create_batch(20, chapter=ChapterFactory(revision=draft))
        drafts.append(draft)
    secretaries = [member(Membership.Role.SECRETARY, d.plan.organisation) for d in drafts]
    start, written, release = threading.Barrier(2), threading.Barrier(3), threading.Barrier(3)
    errors, counts_during = [], []

    def adopt_in_thread(draft, by):
        try:
            start.wait(timeout=10)
            with transaction.atomic():
                adopt(draft, by, 2020)
                counts_during.append(catalogue.scope_for(superuser).count())
                written.wait(timeout=20)  # both adoptions written, neither committed
                release.wait(timeout=20)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=adopt_in_thread, args=pair) for pair in zip(drafts, secretaries, strict=True)
    ]
    for thread in threads:
        thread.start()
    written.wait(timeout=20)
    outside = catalogue.scope_for(superuser).count()
    release.wait(timeout=20)
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    assert outside == 0  # nothing uncommitted is counted
    assert counts_during == [20, 20]  # each transaction counts its own adoption, not the other's
    client.force_login(central)
    assert "40 aktiviteter" in client.get(URL).content.decode()
    assert tally_matches_the_entries()


def test_pages_placed_from_the_tally_are_the_plan_order_cut_in_pages(
    client, central, municipality, monkeypatch
):
    """The page is read from the organisations the tally places it in (or, with free text, from the matches
    sorted): every page, with and without filters, is the catalogue's plan order cut in pages, across
    committees of every size (none, one activity, several pages), two plans in one committee, and a tree
    order that is not id order. Every factory activity matches the free text used here."""
    import random

    from plans import catalogue_views

    monkeypatch.setattr(catalogue_views, "PAGE_SIZE", 4)
    rng = random.Random(15)
    kinds = [Chapter.Kind.PREVENTIVE, Chapter.Kind.TRAINING]
    for index in range(12):  # twelve committees: '/1/10/' sorts before '/1/2/'
        committee = OrganisationFactory(parent=municipality, name=f"Nämnd {index}")
        for title, plan_year in (("VBE", 2019), ("Brott", 2021)) if index == 3 else (("VBE", 2020),):
            revision = PlanRevisionFactory(
                plan__organisation=committee, plan__title=title, year=plan_year, adopted=True
            )
            for kind in kinds:
                chapter = ChapterFactory(revision=revision, kind=kind, order=kinds.index(kind))
                ActivityFactory.create_batch(rng.choice([0, 0, 1, 3, 9]), chapter=chapter)
    PlanRevisionFactory(plan__organisation=municipality, year=2020)  # a draft: never in the catalogue
    client.force_login(central)

    structured = (
        {},
        {"kind": "kompetenshojande"},
        {"year": "2020"},
        {"year": "2021", "kind": "forebyggande"},
    )
    # Free text under the cap: its matches found in any order, then sorted into plan order.
    free_text = ({"q": "föräldrastöd"}, {"q": "insats", "kind": "forebyggande"}, {"responsible": "förskola"})
    for params in (*structured, *free_text):
        expected = CatalogueEntry.objects.filter(adopted=True).order_by(*CatalogueEntry.PLAN_ORDER)
        if "kind" in params:
            expected = expected.filter(kind=params["kind"])
        if "year" in params:
            expected = expected.filter(year=int(params["year"]))
        expected = list(expected.values_list("activity_id", flat=True))
        first = client.get(URL, params)
        pages = first.context["page_obj"].paginator.num_pages
        shown = []
        for number in range(1, pages + 1):
            page = client.get(URL, {**params, "page": str(number)}).context["activities"]
            assert len(page) == (4 if number < pages else len(expected) - 4 * (pages - 1)), params
            shown += [activity.pk for activity in page]
        assert shown == expected, params
        assert first.context["page_obj"].paginator.count == len(expected)
