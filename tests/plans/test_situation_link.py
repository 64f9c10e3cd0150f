"""A plan revision names the lokal lägesbild it rests on; only those who may read lägesbilder see the link."""

import pytest
from django.urls import reverse

from plans import services
from plans.models import Chapter, PlanRevision
from tests.factories import ActivityFactory, ChapterFactory, PlanRevisionFactory, SituationPictureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def picture(committee):
    return SituationPictureFactory(organisation=committee, year=2019)


def edit(client, revision, **changes):
    data = {"year": revision.year, "decided_by": revision.decided_by, "version": revision.version}
    data.update(changes)
    return client.post(reverse("plans:revision_edit", args=[revision.pk]), data)


def test_coordinator_names_the_lagesbild_and_the_revision_page_links_to_it(
    client, coordinator, draft, picture
):
    client.force_login(coordinator)
    response = edit(client, draft, situation_picture=picture.pk)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.situation_picture == picture
    assert draft.history.first().history_user == coordinator
    html = client.get(reverse("plans:revision_detail", args=[draft.pk])).content.decode()
    assert reverse("situation:picture_detail", args=[picture.pk]) in html
    assert "lokal lägesbild 2019" in html


def test_a_lagesbild_of_another_organisation_cannot_be_named(client, coordinator, draft, other_committee):
    foreign = SituationPictureFactory(organisation=other_committee, year=2019)
    client.force_login(coordinator)
    response = edit(client, draft, situation_picture=foreign.pk)
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    draft.refresh_from_db()
    assert draft.situation_picture is None
    with pytest.raises(services.PlanError):
        services.update_revision_meta(
            revision=draft,
            version=draft.version,
            year=draft.year,
            decided_by="",
            by=coordinator,
            situation_picture=foreign,
        )


def test_staff_sees_no_lagesbild_link_on_an_adopted_plan(client, staff, committee, picture):
    revision = PlanRevisionFactory(plan__organisation=committee, adopted=True, situation_picture=picture)
    client.force_login(staff)
    html = client.get(reverse("plans:revision_detail", args=[revision.pk])).content.decode()
    assert reverse("situation:picture_detail", args=[picture.pk]) not in html
    assert "lägesbild" not in html.lower()


@pytest.mark.parametrize("role", ["secretary", "central"])
def test_other_readers_of_lagesbilder_see_the_link(client, request, role, committee, picture):
    revision = PlanRevisionFactory(plan__organisation=committee, adopted=True, situation_picture=picture)
    client.force_login(request.getfixturevalue(role))
    html = client.get(reverse("plans:revision_detail", args=[revision.pk])).content.decode()
    assert reverse("situation:picture_detail", args=[picture.pk]) in html


def test_next_years_draft_rests_on_the_same_lagesbild_until_changed(coordinator, committee, picture):
    adopted = PlanRevisionFactory(plan__organisation=committee, adopted=True, situation_picture=picture)
    draft = services.start_next_revision(source=adopted, by=coordinator)
    assert draft.status == PlanRevision.Status.DRAFT
    assert draft.situation_picture == picture


def test_the_adoption_page_names_what_freezes_and_warns_about_a_draft_lagesbild(client, secretary, committee):
    picture = SituationPictureFactory(organisation=committee, year=2019)
    draft = PlanRevisionFactory(plan__organisation=committee, year=2020, situation_picture=picture)
    chapter = ChapterFactory(revision=draft, kind=Chapter.Kind.PREVENTIVE)
    ActivityFactory(chapter=chapter)
    ActivityFactory(chapter=chapter)
    client.force_login(secretary)
    html = client.get(reverse("plans:revision_adopt", args=[draft.pk])).content.decode()
    assert "Det här låses" in html and "1 kapitel och 2 aktiviteter" in html
    assert "lokal lägesbild 2019, som fortfarande är ett utkast" in html
