"""The catalogue's page cache: faster on a repeat, never stale, never another user's page."""

import pytest
from django.contrib.messages import constants, get_messages  # noqa: F401
from django.urls import reverse

from organisations.models import Membership
from plans import services
from tests.factories import ActivityFactory, ChapterFactory, PlanRevisionFactory

pytestmark = pytest.mark.django_db
URL = reverse("plans:activity_list")


@pytest.fixture
def adopted(committee):
    revision = PlanRevisionFactory(plan__organisation=committee, year=2019, adopted=True)
    ActivityFactory(chapter=ChapterFactory(revision=revision), text="Föräldraträffar om nätet")
    return revision


def browse(client, user):
    client.force_login(user)
    client.cookies["csrftoken"] = "a" * 32  # a browser that has been here before carries one
    return client


def test_a_repeat_is_served_from_the_cache_with_fewer_queries(
    client, staff, adopted, django_assert_num_queries
):
    browse(client, staff)
    first = client.get(URL)
    with django_assert_num_queries(3):  # session, user, generation
        second = client.get(URL)
    assert second.content == first.content
    assert "Föräldraträffar om nätet" in second.content.decode()


def test_a_new_adoption_shows_at_once(client, staff, coordinator, secretary, adopted):
    browse(client, staff)
    assert "Skolsamverkan" not in client.get(URL).content.decode()
    draft = services.start_next_revision(source=adopted, by=coordinator)
    chapter = draft.chapters.first()
    services.add_activity(chapter=chapter, by=coordinator, text="Skolsamverkan om källkritik")
    services.adopt_revision(
        revision=draft,
        decided_by="Nämnden",
        decided_on=adopted.decided_on.replace(year=2020),
        paragraph="7",
        diary_number="1/2020",
        by=secretary,
    )
    html = client.get(URL).content.decode()
    assert "Skolsamverkan om källkritik" in html


def test_users_never_share_a_cached_page(client, staff, coordinator, adopted):
    browse(client, staff)
    staff_page = client.get(URL).content.decode()
    browse(client, coordinator)
    coordinator_page = client.get(URL).content.decode()
    assert staff.get_full_name() in staff_page
    assert coordinator.get_full_name() in coordinator_page
    assert staff.get_full_name() not in coordinator_page


def test_a_lost_membership_takes_effect_at_once(client, staff, adopted):
    browse(client, staff)
    assert "Föräldraträffar om nätet" in client.get(URL).content.decode()
    Membership.objects.filter(user=staff).delete()
    response = client.get(URL)
    assert response.status_code == 403


def test_without_a_csrf_cookie_nothing_is_cached(client, staff, adopted, django_assert_max_num_queries):
    client.force_login(staff)
    client.get(URL)
    client.cookies.pop("csrftoken", None)
    with django_assert_max_num_queries(12) as captured:
        client.get(URL)
    assert len(captured.captured_queries) > 3
