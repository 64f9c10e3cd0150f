"""Swedish validation, pinned query counts and the read-only admin for frozen revisions."""

import pytest
from django.urls import reverse

from plans.models import Activity, Chapter
from tests.factories import ActivityFactory, ChapterFactory

pytestmark = pytest.mark.django_db


def test_activity_form_explains_errors_in_swedish_and_keeps_input(client, coordinator, draft):
    chapter = draft.chapters.get(heading="Förebyggande arbete")
    client.force_login(coordinator)
    response = client.post(
        reverse("plans:activity_create", args=[chapter.pk]),
        {"text": "", "timing": "VT 2021", "starts_on": "2021-06-01", "ends_on": "2021-01-31"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Formuläret innehåller fel" in html
    assert "Beskriv aktiviteten." in html
    assert "Slutdatum kan inte ligga före startdatum." in html
    assert 'value="VT 2021"' in html
    assert chapter.activities.count() == 2


def test_bad_date_and_year_messages_are_swedish(client, coordinator, draft):
    chapter = draft.chapters.get(heading="Förebyggande arbete")
    client.force_login(coordinator)
    html = client.post(
        reverse("plans:activity_create", args=[chapter.pk]), {"text": "Något", "starts_on": "1 maj"}
    ).content.decode()
    assert "Ange datumet som ÅÅÅÅ-MM-DD" in html
    html = client.post(
        reverse("plans:revision_edit", args=[draft.pk]), {"year": "19", "version": draft.version}
    ).content.decode()
    assert "Ange ett år från och med 2000." in html


def test_adoption_requires_date_and_paragraph(client, secretary, draft):
    client.force_login(secretary)
    response = client.post(reverse("plans:revision_adopt", args=[draft.pk]), {"decided_by": "Nämnden"})
    html = response.content.decode()
    assert "Beslutsdatum: Detta fält måste fyllas i." in html
    assert "Paragraf (§): Detta fält måste fyllas i." in html
    draft.refresh_from_db()
    assert draft.status == "utkast"


def test_chapter_needs_a_heading(client, coordinator, draft):
    client.force_login(coordinator)
    html = client.post(reverse("plans:chapter_create", args=[draft.pk]), {"kind": "prosa"}).content.decode()
    assert "Rubrik: Detta fält måste fyllas i." in html


def test_duplicate_year_is_refused(client, coordinator, draft, adopted):
    client.force_login(coordinator)
    html = client.post(
        reverse("plans:revision_edit", args=[draft.pk]), {"year": 2019, "version": draft.version}
    ).content.decode()
    assert "Det finns redan en revidering för 2019" in html


@pytest.mark.parametrize("count", [5, 50])
def test_revision_page_runs_a_fixed_number_of_queries(
    client, coordinator, draft, count, django_assert_max_num_queries, unit
):
    for n in range(count):
        chapter = ChapterFactory(revision=draft, heading=f"Kapitel {n % 3}")
        ActivityFactory(chapter=chapter, responsible_unit=unit)
    client.force_login(coordinator)
    url = reverse("plans:revision_detail", args=[draft.pk])
    client.get(url)  # warm the session
    # session, user, memberships, revision, chapters, activities (with their units), meetings to place on
    with django_assert_max_num_queries(7):
        response = client.get(url)
    assert response.content.decode().count('id="aktivitet-') == count + 2


@pytest.mark.parametrize("count", [3, 30])
def test_plan_list_runs_a_fixed_number_of_queries(
    client, central, count, django_assert_max_num_queries, municipality
):
    from tests.factories import OrganisationFactory, PlanRevisionFactory

    for _ in range(count):
        org = OrganisationFactory(parent=municipality)
        PlanRevisionFactory(plan__organisation=org, year=2019, adopted=True)
        PlanRevisionFactory(plan=org.action_plans.get(), year=2020)
    client.force_login(central)
    client.get(reverse("plans:plan_list"))
    with django_assert_max_num_queries(6):
        assert client.get(reverse("plans:plan_list")).status_code == 200


def test_admin_shows_adopted_revision_read_only(client, superuser, adopted):
    client.force_login(superuser)
    chapter = adopted.chapters.first()
    activity = chapter.activities.first()
    for name, obj in (("planrevision", adopted), ("chapter", chapter), ("activity", activity)):
        html = client.get(reverse(f"admin:plans_{name}_change", args=[obj.pk])).content.decode()
        assert 'name="_save"' not in html, name
        assert (
            client.post(reverse(f"admin:plans_{name}_delete", args=[obj.pk]), {"post": "yes"}).status_code
            == 403
        )
    html = client.get(reverse("admin:plans_chapter_change", args=[chapter.pk])).content.decode()
    assert "Lägg till ytterligare" not in html
    response = client.post(
        reverse("admin:plans_activity_change", args=[activity.pk]),
        {"chapter": chapter.pk, "order": 1, "text": "Ändrad i admin"},
    )
    assert response.status_code == 403
    assert Activity.objects.get(pk=activity.pk).text == "Föräldraträffar om nätet"


def test_admin_edits_drafts_with_version_and_reason(client, superuser, draft):
    client.force_login(superuser)
    chapter = draft.chapters.get(heading="Inledning och syfte")
    response = client.post(
        reverse("admin:plans_chapter_change", args=[chapter.pk]),
        {
            "revision": draft.pk,
            "order": 1,
            "heading": "Inledning",
            "body": "Text.",
            "kind": "prosa",
            "activities-TOTAL_FORMS": 0,
            "activities-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    chapter = Chapter.objects.get(pk=chapter.pk)
    assert chapter.heading == "Inledning" and chapter.version == 2
    assert chapter.history.first().history_change_reason == "Ändrad i administrationen"


def test_admin_offers_only_draft_chapters_for_new_activities(client, superuser, draft, adopted):
    client.force_login(superuser)
    html = client.get(reverse("admin:plans_activity_add")).content.decode()
    frozen = adopted.chapters.first()
    assert f'value="{frozen.pk}"' not in html
    assert f'value="{draft.chapters.first().pk}"' in html
