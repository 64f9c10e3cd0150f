"""Who sees the lägesbild: samordnare, nämndsekreterare and central samordnare; never a medarbetare."""

import pytest
from django.urls import reverse

from situation.models import SituationPicture
from tests.factories import ObservationFactory, SituationPictureFactory, SourceFactory

from .helpers import url

pytestmark = pytest.mark.django_db

# session, user, memberships, then the page's own: count + page / picture + sources + observations
# (+ the meetings offered in the "place on a meeting" form of a draft)
LIST_QUERIES = 5
DETAIL_QUERIES = 8  # + problems (their evidence is prefetched only when there are some), + meetings


@pytest.fixture
def picture(committee):
    picture = SituationPictureFactory(organisation=committee, year=2019, analysis="Hemlig analys 2019")
    SourceFactory(picture=picture)
    ObservationFactory(picture=picture)
    return picture


@pytest.fixture
def established(committee):
    picture = SituationPictureFactory(organisation=committee, year=2018, established=True)
    return picture


def read_urls(picture):
    return [
        url("picture_list"),
        url("picture_detail", picture.pk),
        url("picture_comparison", picture.pk),
    ]


def edit_urls(picture):
    source, observation = picture.sources.get(), picture.observations.get()
    return [
        url("picture_create"),
        url("picture_edit", picture.pk),
        url("picture_establish", picture.pk),
        url("source_create", picture.pk),
        url("source_edit", source.pk),
        url("source_delete", source.pk),
        url("observation_create", picture.pk),
        url("observation_edit", observation.pk),
        url("observation_delete", observation.pk),
    ]


def all_urls(picture, established):
    return read_urls(picture) + edit_urls(picture) + [url("picture_next_year", established.pk)]


@pytest.mark.parametrize("role", ["coordinator", "secretary", "central"])
def test_readers_of_the_organisation_see_the_lagesbild(client, request, picture, role):
    client.force_login(request.getfixturevalue(role))
    for address in read_urls(picture):
        response = client.get(address)
        assert response.status_code == 200, address
    assert "Hemlig analys 2019" in client.get(url("picture_detail", picture.pk)).content.decode()


def test_coordinator_may_open_every_edit_form(client, coordinator, picture):
    client.force_login(coordinator)
    for address in edit_urls(picture):
        assert client.get(address).status_code == 200, address


@pytest.mark.parametrize("role", ["secretary", "central"])
def test_secretary_and_central_read_but_may_not_edit(client, request, picture, established, role):
    client.force_login(request.getfixturevalue(role))
    for address in edit_urls(picture) + [url("picture_next_year", established.pk)]:
        assert client.get(address).status_code in (403, 405), address
        assert client.post(address, {"analysis": "Ändrad"}).status_code == 403, address
    html = client.get(url("picture_detail", picture.pk)).content.decode()
    assert "Redigera text" not in html and "Lägg till källa" not in html
    picture.refresh_from_db()
    assert picture.version == 1


def test_staff_gets_403_on_every_lagesbild_url(client, staff, picture, established):
    client.force_login(staff)
    for address in all_urls(picture, established):
        assert client.get(address).status_code in (403, 405), address
        assert client.post(address, {}).status_code == 403, address


def test_staff_sees_no_lagesbild_link_or_content_anywhere(client, staff, coordinator, picture):
    client.force_login(coordinator)
    home = client.get("/").content.decode()
    assert f'href="{reverse("situation:picture_list")}"' in home
    client.force_login(staff)
    home = client.get("/").content.decode()
    assert "lägesbild" not in home.lower()
    assert reverse("situation:picture_list") not in home
    assert "Hemlig analys" not in home


def test_other_organisation_cannot_reach_the_lagesbild(client, other_coordinator, picture, established):
    client.force_login(other_coordinator)
    list_html = client.get(url("picture_list")).content.decode()
    assert "Hemlig analys" not in list_html and "Norra stadsdelsnämnden" not in list_html
    for address in all_urls(picture, established)[1:]:
        if address == url("picture_create"):
            continue
        assert client.get(address).status_code in (404, 405), address
        assert client.post(address, {}).status_code == 404, address


def test_central_sees_every_committee_below_the_city(client, central, picture, other_committee):
    other = SituationPictureFactory(organisation=other_committee, year=2019)
    client.force_login(central)
    html = client.get(url("picture_list")).content.decode()
    assert url("picture_detail", picture.pk) in html and url("picture_detail", other.pk) in html


def test_coordinator_of_a_unit_does_not_see_the_committees_lagesbild(client, unit, picture):
    from tests.factories import member

    client.force_login(member("samordnare", unit, username="enhetssamordnare"))
    assert client.get(url("picture_detail", picture.pk)).status_code == 404


def test_anonymous_is_sent_to_login(client, picture, established):
    for address in all_urls(picture, established):
        response = client.get(address)
        assert response.status_code in (302, 405), address
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("login")), address


def test_menu_shows_lagesbild_only_to_roles_that_may_read_it(client, coordinator, secretary, central, staff):
    for user, shown in ((coordinator, True), (secretary, True), (central, True), (staff, False)):
        client.force_login(user)
        html = client.get("/").content.decode()
        assert (f'<a href="{reverse("situation:picture_list")}"' in html) is shown, user


def test_queryset_visible_to_matches_roles(
    coordinator, secretary, staff, central, other_coordinator, picture
):
    assert list(SituationPicture.objects.visible_to(coordinator)) == [picture]
    assert list(SituationPicture.objects.visible_to(secretary)) == [picture]
    assert list(SituationPicture.objects.visible_to(central)) == [picture]
    assert not SituationPicture.objects.visible_to(staff).exists()
    assert not SituationPicture.objects.visible_to(other_coordinator).exists()


def test_list_runs_a_fixed_number_of_queries(
    client, central, committee, other_committee, django_assert_num_queries
):
    client.force_login(central)
    for year in range(2000, 2004):
        p = SituationPictureFactory(organisation=committee, year=year)
        SourceFactory.create_batch(2, picture=p)
        ObservationFactory.create_batch(2, picture=p)
    client.get(url("picture_list"))  # warm the session
    with django_assert_num_queries(LIST_QUERIES):
        few = client.get(url("picture_list"))
    for year in range(2004, 2030):
        p = SituationPictureFactory(organisation=other_committee, year=year)
        ObservationFactory.create_batch(3, picture=p)
    with django_assert_num_queries(LIST_QUERIES):
        many = client.get(url("picture_list"))
    assert few.status_code == many.status_code == 200
    assert "Sida 1 av 2" in many.content.decode()


def test_detail_runs_a_fixed_number_of_queries(client, coordinator, picture, django_assert_num_queries):
    client.force_login(coordinator)
    SourceFactory.create_batch(10, picture=picture)
    ObservationFactory.create_batch(20, picture=picture)
    client.get(url("picture_detail", picture.pk))
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(url("picture_detail", picture.pk))
    assert response.content.decode().count('id="iakttagelse-') == 21
