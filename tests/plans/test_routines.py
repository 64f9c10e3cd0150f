"""Routines /rutiner/: who sees which, search, the "Vad gör jag vid oro?" link, editing by the samordnare."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from plans.models import Routine
from tests.factories import ActivityFactory, ChapterFactory, PlanRevisionFactory, RoutineFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("plans:routine_list")


@pytest.fixture
def routines(municipality, committee, unit, other_committee):
    return {
        "city": RoutineFactory(
            organisation=municipality, kind=Routine.Kind.CONTACT, title="Central samordnare"
        ),
        "concern": RoutineFactory(organisation=committee, title="Rutin vid oro för en person"),
        "form": RoutineFactory(
            organisation=committee, kind=Routine.Kind.FORM, title="Blankett för oidentifierad information"
        ),
        "unit": RoutineFactory(
            organisation=unit, kind=Routine.Kind.INCIDENT, title="Fritidsgårdens rutin vid händelse"
        ),
        "other": RoutineFactory(organisation=other_committee, title="Södras rutin vid oro"),
    }


def titles(response):
    return [routine.title for routine in response.context["routines"]]


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("staff", {"city", "concern", "form", "unit"}),
        ("coordinator", {"city", "concern", "form", "unit"}),
        ("central", {"city", "concern", "form", "unit", "other"}),
        ("other_coordinator", {"city", "other"}),
    ],
)
def test_each_role_sees_routines_of_own_organisation_and_its_parents(
    client, request, routines, fixture, expected
):
    client.force_login(request.getfixturevalue(fixture))
    response = client.get(URL)
    assert set(titles(response)) == {routines[key].title for key in expected}


def test_routine_for_concern_comes_first(client, staff, routines):
    client.force_login(staff)
    assert titles(client.get(URL))[0] == "Rutin vid oro för en person"


def test_concern_link_is_on_every_page_for_signed_in_users(client, staff, routines, committee):
    revision = PlanRevisionFactory(plan__organisation=committee, adopted=True)
    activity = ActivityFactory(chapter=ChapterFactory(revision=revision))
    client.force_login(staff)
    link = f'<a class="concern-link" href="{URL}?kind=vid_oro">Vad gör jag vid oro?</a>'
    pages = [
        "/",
        reverse("plans:activity_list"),
        reverse("plans:activity_detail", args=[activity.pk]),
        URL,
        reverse("plans:routine_detail", args=[routines["unit"].pk]),
        "/finns-inte/",
    ]
    for page in pages:
        assert link in client.get(page).content.decode(), page
    response = client.get(f"{URL}?kind=vid_oro")
    assert titles(response) == ["Rutin vid oro för en person"]
    client.logout()
    assert "Vad gör jag vid oro?" not in client.get(reverse("login")).content.decode()


@pytest.mark.parametrize("query", ["blankett", "BLANKETT", "säkerhetssamordnaren", "ÖSTRA", "Östra kontoret"])
def test_search_finds_routines_ignoring_case(client, staff, routines, query):
    routines["form"].body = "Skickas till SÄKERHETSSAMORDNAREN på östra kontoret."
    routines["form"].save()
    client.force_login(staff)
    assert titles(client.get(URL, {"q": query})) == ["Blankett för oidentifierad information"]


def test_routine_detail_shows_contact_and_hides_foreign(client, staff, routines):
    client.force_login(staff)
    html = client.get(reverse("plans:routine_detail", args=[routines["concern"].pk])).content.decode()
    assert "Samordnare, telefon 08-123 456 78" in html
    assert "Ändra rutinen" not in html
    assert client.get(reverse("plans:routine_detail", args=[routines["other"].pk])).status_code == 404


def test_samordnare_creates_a_routine_with_history(client, coordinator, committee):
    client.force_login(coordinator)
    response = client.post(
        reverse("plans:routine_create"),
        {
            "organisation": committee.pk,
            "kind": "vid_oro",
            "title": "Ny rutin vid oro",
            "body": "Ring samordnaren.",
            "contact": "",
        },
    )
    routine = Routine.objects.get(title="Ny rutin vid oro")
    assert response.status_code == 302 and response["Location"] == routine.get_absolute_url()
    record = routine.history.get()
    assert (record.history_change_reason, record.history_user) == ("Rutin skapad", coordinator)


def test_creating_needs_a_title_and_a_description(client, coordinator, committee):
    client.force_login(coordinator)
    response = client.post(reverse("plans:routine_create"), {"organisation": committee.pk, "kind": "vid_oro"})
    assert response.status_code == 400
    assert "Formuläret innehåller fel" in response.content.decode()


@pytest.mark.parametrize("fixture", ["staff", "secretary", "central"])
def test_readers_cannot_create_or_edit(client, request, routines, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(reverse("plans:routine_create")).status_code == 403
    response = client.post(
        reverse("plans:routine_edit", args=[routines["city"].pk]),
        {"kind": "kontakt", "title": "Kapad", "body": "x", "version": 1},
    )
    assert response.status_code == 403
    assert Routine.objects.get(pk=routines["city"].pk).title == "Central samordnare"


def test_coordinator_cannot_create_routine_for_another_organisation(client, coordinator, other_committee):
    client.force_login(coordinator)
    response = client.post(
        reverse("plans:routine_create"),
        {"organisation": other_committee.pk, "kind": "vid_oro", "title": "Fel", "body": "x"},
    )
    assert response.status_code == 400
    assert not Routine.objects.filter(title="Fel").exists()


def test_second_edit_from_same_version_is_refused_and_shows_the_change(client, coordinator, routines):
    routine = routines["concern"]
    url = reverse("plans:routine_edit", args=[routine.pk])
    first, second = client, client.__class__()
    first.force_login(coordinator)
    second.force_login(coordinator)
    data = {"kind": "vid_oro", "title": routine.title, "contact": "", "version": routine.version}
    assert first.post(url, data | {"body": "Ring 112 först."}).status_code == 302
    response = second.post(url, data | {"body": "Mejla chefen."})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Rutinen har ändrats av" in html and "Beskrivning" in html
    assert "Ring 112 först." in html
    routine.refresh_from_db()
    assert (routine.body, routine.version) == ("Ring 112 först.", 2)
    assert routine.history.first().history_change_reason == "Rutin ändrad"


@pytest.mark.parametrize("count", [3, 40])
def test_routine_list_query_count_is_fixed(client, staff, committee, count, django_assert_max_num_queries):
    RoutineFactory.create_batch(count, organisation=committee)
    client.force_login(staff)
    with django_assert_max_num_queries(7):
        response = client.get(URL, {"q": "rutin"})
    assert len(response.context["routines"]) == min(count, 25)


def test_user_without_role_gets_an_empty_routine_list_not_an_error(client, routines):
    client.force_login(UserFactory(username="utan-roll"))
    response = client.get(URL, {"kind": "vid_oro"})
    assert response.status_code == 200
    assert "Kontakta din samordnare" in response.content.decode()


def test_the_routine_vid_oro_links_its_contact_in_full_on_the_page_and_the_list(client, staff, committee):
    RoutineFactory(
        organisation=committee,
        kind=Routine.Kind.CONCERN,
        title="Rutin vid oro",
        body="1. Prata med din chef.\n2. Dokumentera.\n3. Kontakta samordnaren.\n4. Följ upp.\n"
        "5. Anmäl oro till socialtjänsten vid behov.\n6. Sista steget står kvar.",
        contact_name="Kim Berg",
        contact_role="Preventionssamordnare",
        contact_phone="+46 8-000 12 34",
        contact_email="kim.berg@example.invalid",
    )
    client.force_login(staff)
    for url in (reverse("plans:routine_list"), Routine.objects.get().get_absolute_url()):
        html = client.get(url).content.decode()
        assert "Kim Berg, Preventionssamordnare" in html, url
        assert '<a href="tel:+4680001234">+46 8-000 12 34</a>' in html, url
        assert '<a href="mailto:kim.berg@example.invalid">kim.berg@example.invalid</a>' in html, url
        assert "6. Sista steget står kvar." in html, url  # the whole routine, not cut after step 4


def test_demo_routines_vid_oro_carry_contact_fields():
    call_command("load_demo")
    concern = Routine.objects.filter(kind=Routine.Kind.CONCERN)
    assert concern.count() >= 3
    for routine in concern:
        assert routine.contact_name and routine.contact_phone_href and routine.contact_email, routine.title
