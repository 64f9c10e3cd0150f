"""The catalogue's scope is cached under the catalogue's generation (plans/catalogue.py): every committed
change shows on the next page, nothing uncommitted is ever shown, and a read racing a commit is never
filed under the new generation with the old figures."""

import threading

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import Membership
from plans import catalogue, services
from plans.models import CatalogueGeneration
from situation import services as situation_services
from tests.factories import (
    ActivityFactory,
    ChapterFactory,
    PlanRevisionFactory,
    ProblemFactory,
    SituationPictureFactory,
    member,
)
from tests.plans import helpers

URL = reverse("plans:activity_list")
pytestmark = pytest.mark.django_db(transaction=True)  # the cache is used outside transactions only


def shown(client, **params) -> str:
    html = client.get(URL, params).content.decode()
    return html.split('class="result-count" role="status">')[1].split("<")[0]


def organisation_options(client) -> list[str]:
    filterset = client.get(URL).context["filter"]
    return [label for value, label in filterset.form.fields["organisation"].choices if value]


def adopt(revision, year):
    helpers.adopt(revision, member(Membership.Role.SECRETARY, revision.plan.organisation), year)


def adopted_plan(organisation, activities, year=2019):
    revision = PlanRevisionFactory(plan__organisation=organisation, year=year, adopted=True)
    ActivityFactory.create_batch(activities, chapter=ChapterFactory(revision=revision))
    return revision


def test_a_repeated_page_reads_the_scope_from_the_cache(client, central, committee):
    adopted_plan(committee, 3)
    client.force_login(central)
    assert shown(client) == "3 aktiviteter"
    with CaptureQueriesContext(connection) as queries:
        assert shown(client) == "3 aktiviteter"
    sql = " ".join(query["sql"] for query in queries)
    assert "plans_cataloguegeneration" in sql and "plans_cataloguetally" not in sql


def test_every_committed_change_shows_on_the_next_page(
    client, central, coordinator, committee, other_committee
):
    first = adopted_plan(committee, 3)
    client.force_login(central)
    assert shown(client) == "3 aktiviteter"

    # An adoption elsewhere in the city, and a new revision superseding the first.
    draft = PlanRevisionFactory(plan__organisation=other_committee, year=2018)
    ActivityFactory.create_batch(2, chapter=ChapterFactory(revision=draft))
    adopt(draft, 2018)
    assert shown(client) == "5 aktiviteter"
    following = services.start_next_revision(source=first, by=coordinator)
    services.add_activity(chapter=following.chapters.get(), by=coordinator, text="Ny aktivitet")
    assert shown(client) == "5 aktiviteter"  # a draft changes nothing
    adopt(following, 2020)
    assert following.year == 2020  # the next year's revision
    assert shown(client) == "6 aktiviteter" and shown(client, year="2020") == "4 aktiviteter"

    # A renamed committee is offered by its new name; a moved one takes its new place in the order.
    assert organisation_options(client) == [committee.name, other_committee.name]
    committee.name = "Norra nämnden (ny)"
    committee.save()
    assert organisation_options(client) == ["Norra nämnden (ny)", other_committee.name]
    committee.parent = other_committee
    committee.save()
    assert organisation_options(client) == [other_committee.name, "Norra nämnden (ny)"]


def test_a_scope_read_inside_a_transaction_is_never_shown_to_others(
    client, central, committee, other_committee
):
    adopted_plan(committee, 3)
    client.force_login(central)
    assert shown(client) == "3 aktiviteter"
    draft = PlanRevisionFactory(plan__organisation=other_committee, year=2020)
    ActivityFactory.create_batch(2, chapter=ChapterFactory(revision=draft))
    with pytest.raises(RuntimeError), transaction.atomic():
        adopt(draft, 2020)
        assert catalogue.scope_for(central).count() == 5  # the transaction sees its own adoption
        raise RuntimeError("the nämnd's decision is withdrawn")
    assert shown(client) == "3 aktiviteter"  # rolled back: the cache never held it


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
def test_a_scope_read_while_an_adoption_commits_is_not_filed_under_the_new_generation(
    client, central, committee, other_committee, monkeypatch
):
    """The reader reads the generation, then the adoption commits, then the reader reads the tally: what it
    caches is newer than its generation, never older, and the next page shows the adoption."""
    adopted_plan(committee, 3)
    draft = PlanRevisionFactory(plan__organisation=other_committee, year=2020)
    ActivityFactory.create_batch(2, chapter=ChapterFactory(revision=draft))
    before = CatalogueGeneration.objects.get(name="catalogue").value
    generation_read, committed = threading.Event(), threading.Event()
    read_generations = catalogue.read_generations
    seen = []

    def paused_generations():
        value = read_generations()
        generation_read.set()
        assert committed.wait(timeout=20)
        return value

    def reader():
        try:
            seen.append(catalogue.scope_for(central).count())
        finally:
            connection.close()

    monkeypatch.setattr(catalogue, "read_generations", paused_generations)
    thread = threading.Thread(target=reader)
    thread.start()
    assert generation_read.wait(timeout=20)
    adopt(draft, 2020)  # commits while the reader holds the old generation
    committed.set()
    thread.join(timeout=30)
    monkeypatch.setattr(catalogue, "read_generations", read_generations)
    assert seen == [5]  # read after the commit, filed under the generation before it
    assert CatalogueGeneration.objects.get(name="catalogue").value > before
    client.force_login(central)
    assert shown(client) == "5 aktiviteter"


def problem_options(client) -> list[str]:
    filterset = client.get(URL).context["filter"]
    return [label for value, label in filterset.form.fields["problem"].choices if value]


def test_the_problem_filter_follows_problems_answers_and_adoptions(client, coordinator, committee):
    picture = SituationPictureFactory(organisation=committee, year=2024)
    problem = ProblemFactory(picture=picture, title="Skadegörelse vid resecentrum", priority=1)
    other = ProblemFactory(picture=picture, title="Otrygghet i tunnelbanan", priority=2)
    revision = PlanRevisionFactory(plan__organisation=committee, year=2025, adopted=True)
    ActivityFactory(chapter=ChapterFactory(revision=revision)).problems.add(problem)
    client.force_login(coordinator)
    assert problem_options(client) == ["1. Skadegörelse vid resecentrum"]
    assert problem_options(client) == ["1. Skadegörelse vid resecentrum"]  # from the cache

    situation_services.update_problem(
        problem=problem, changes={"title": "Skadegörelse på skolgårdar"}, version=1, by=coordinator
    )
    assert problem_options(client) == ["1. Skadegörelse på skolgårdar"]
    # A new revision whose activity answers the other problem: offered once the nämnd adopts it.
    draft = PlanRevisionFactory(plan__organisation=committee, plan__title="Åtgärdsplan", year=2026)
    ActivityFactory(chapter=ChapterFactory(revision=draft)).problems.add(other)
    assert problem_options(client) == ["1. Skadegörelse på skolgårdar"]
    adopt(draft, 2026)
    assert problem_options(client) == ["1. Skadegörelse på skolgårdar", "2. Otrygghet i tunnelbanan"]
