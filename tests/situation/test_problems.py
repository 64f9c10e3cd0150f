"""Prioritised problems of the lägesbild: written in drafts, frozen with the picture, carried over."""

import pytest
from django.core.exceptions import PermissionDenied

from organisations import editing
from situation import services
from situation.models import Problem
from tests.factories import ObservationFactory, ProblemFactory, SituationPictureFactory, SourceFactory

from .helpers import PNR, url


def problem_post(problem=None, **overrides) -> dict:
    data = {
        "priority": "1",
        "title": "Klistermärken vid skolor",
        "area": "Centrum",
        "causes": "Otrygga platser.",
    }
    if problem is not None:
        data.update(
            priority=problem.priority, title=problem.title, area=problem.area, version=problem.version
        )
    data.update(overrides)
    return data


def test_coordinator_adds_a_problem_with_its_evidence(client, coordinator, committee):
    picture = SituationPictureFactory(organisation=committee)
    observation = ObservationFactory(picture=picture)
    source = SourceFactory(picture=picture)
    client.force_login(coordinator)
    response = client.post(
        url("problem_create", picture.pk),
        problem_post(observations=[observation.pk], sources=[source.pk], crime_type="Skadegörelse"),
    )
    assert response.status_code == 302
    problem = picture.problems.get()
    assert problem.title == "Klistermärken vid skolor" and problem.crime_type == "Skadegörelse"
    assert list(problem.observations.all()) == [observation] and list(problem.sources.all()) == [source]
    page = client.get(picture.get_absolute_url()).content.decode()
    assert "Prioriterade problem" in page and "Klistermärken vid skolor" in page
    assert f'href="#iakttagelse-{observation.pk}"' in page


def test_problem_cannot_cite_another_pictures_observation(client, coordinator, committee):
    picture = SituationPictureFactory(organisation=committee)
    foreign = ObservationFactory(picture=SituationPictureFactory(organisation=committee, year=2018))
    client.force_login(coordinator)
    response = client.post(url("problem_create", picture.pk), problem_post(observations=[foreign.pk]))
    assert response.status_code == 400
    assert not picture.problems.exists()


def test_problem_refuses_personnummer_and_a_missing_title(client, coordinator, committee):
    picture = SituationPictureFactory(organisation=committee)
    client.force_login(coordinator)
    refused = client.post(url("problem_create", picture.pk), problem_post(causes=f"Eleven {PNR}"))
    assert refused.status_code == 400
    assert "Lägesbilden får inte innehålla personuppgifter" in refused.content.decode()
    empty = client.post(url("problem_create", picture.pk), problem_post(title=""))
    assert "Beskriv problemet." in empty.content.decode()
    assert not picture.problems.exists()


def test_stale_problem_save_is_refused_and_keeps_the_other_edit(client, coordinator, committee):
    problem = ProblemFactory(picture=SituationPictureFactory(organisation=committee), title="Gammal rubrik")
    services.update_problem(problem=problem, changes={"title": "Kollegans rubrik"}, version=1, by=coordinator)
    client.force_login(coordinator)
    stale = problem_post(problem, title="Gammal rubrik", area="Torget", version=1)
    response = client.post(url("problem_edit", problem.pk), stale)
    assert response.status_code == 409  # the shared kernel's answer to a conflict
    page = response.content.decode()
    assert "Någon annan har sparat samtidigt" in page and "Kollegans rubrik" in page
    problem.refresh_from_db()
    assert problem.title == "Kollegans rubrik" and problem.area == "Centrum" and problem.version == 2
    # The merged form keeps the colleague's title and the user's own area; saving it loses neither.
    merged = client.post(url("problem_edit", problem.pk), problem_post(problem, area="Torget"))
    assert merged.status_code == 302
    problem.refresh_from_db()
    assert (problem.title, problem.area, problem.version) == ("Kollegans rubrik", "Torget", 3)
    assert problem.history.count() == 3


def test_problem_save_without_a_version_is_treated_as_stale(coordinator, committee):
    problem = ProblemFactory(picture=SituationPictureFactory(organisation=committee))
    with pytest.raises(editing.EditConflict):
        services.update_problem(problem=problem, changes={"title": "Nytt"}, version=None, by=coordinator)


def test_established_picture_refuses_problem_writes_everywhere(client, coordinator, committee, admin_client):
    picture = SituationPictureFactory(organisation=committee, established=True)
    problem = ProblemFactory(picture=picture, title="Fryst problem")
    with pytest.raises(PermissionDenied):
        services.add_problem(picture=picture, title="Nytt", by=coordinator)
    with pytest.raises(PermissionDenied):
        services.update_problem(problem=problem, changes={"title": "Ändrat"}, version=1, by=coordinator)
    with pytest.raises(PermissionDenied):
        services.delete_problem(problem=problem, version=1, by=coordinator)
    client.force_login(coordinator)
    assert client.post(url("problem_edit", problem.pk), problem_post(problem, title="X")).status_code == 403
    assert client.post(url("problem_delete", problem.pk)).status_code == 403
    assert client.post(url("problem_create", picture.pk), problem_post()).status_code == 403
    admin_page = admin_client.post(f"/admin/situation/problem/{problem.pk}/change/", {"title": "Admin"})
    assert admin_page.status_code == 403
    problem.refresh_from_db()
    assert problem.title == "Fryst problem" and Problem.objects.count() == 1


def test_next_year_carries_problems_with_lineage_and_their_sources(coordinator, committee):
    picture = SituationPictureFactory(organisation=committee, year=2019, established=True)
    source = SourceFactory(picture=picture)
    observation = ObservationFactory(picture=picture)
    first = ProblemFactory(picture=picture, priority=1, title="Hot mot personal")
    first.sources.set([source])
    first.observations.set([observation])
    ProblemFactory(picture=picture, priority=2, title="Klotter")
    copy = services.start_next_year(picture=picture, by=coordinator)
    carried = list(copy.problems.prioritised())
    assert [p.title for p in carried] == ["Hot mot personal", "Klotter"]
    assert carried[0].copied_from == first
    assert [s.picture_id for s in carried[0].sources.all()] == [copy.pk]
    assert not carried[0].observations.exists()  # observations are counted anew each year
    assert list(picture.problems.get(pk=first.pk).sources.all()) == [source]
