"""Who may see and do what with plans: each role, and other organisations."""

import pytest
from django.urls import reverse

from plans.models import Activity, PlanRevision

pytestmark = pytest.mark.django_db


def _urls(revision):
    activity = Activity.objects.filter(chapter__revision=revision).first()
    chapter = activity.chapter
    return {
        "revision_detail": reverse("plans:revision_detail", args=[revision.pk]),
        "revision_history": reverse("plans:revision_history", args=[revision.pk]),
        "revision_compare": reverse("plans:revision_compare", args=[revision.pk]),
        "revision_edit": reverse("plans:revision_edit", args=[revision.pk]),
        "revision_adopt": reverse("plans:revision_adopt", args=[revision.pk]),
        "chapter_create": reverse("plans:chapter_create", args=[revision.pk]),
        "chapter_edit": reverse("plans:chapter_edit", args=[chapter.pk]),
        "chapter_delete": reverse("plans:chapter_delete", args=[chapter.pk]),
        "activity_create": reverse("plans:activity_create", args=[chapter.pk]),
        "activity_detail": reverse("plans:activity_detail", args=[activity.pk]),
        "activity_edit": reverse("plans:activity_edit", args=[activity.pk]),
        "activity_delete": reverse("plans:activity_delete", args=[activity.pk]),
        "activity_history": reverse("plans:activity_history", args=[activity.pk]),
    }


def test_staff_cannot_see_drafts_at_all(client, staff, draft):
    client.force_login(staff)
    for name, url in _urls(draft).items():
        assert client.get(url).status_code == 404, name
    assert client.post(reverse("plans:activity_move", args=[Activity.objects.first().pk])).status_code == 404


def test_staff_reads_adopted_plan_but_cannot_edit_or_see_history(client, staff, adopted):
    client.force_login(staff)
    urls = _urls(adopted)
    html = client.get(urls["revision_detail"]).content.decode()
    assert "Föräldraträffar om nätet" in html
    assert "Ändra" not in html and "Historik" not in html and "Registrera beslut" not in html
    assert client.get(urls["activity_detail"]).status_code == 200
    for name in (
        "revision_history",
        "revision_compare",
        "activity_history",
        "revision_adopt",
        "activity_edit",
    ):
        assert client.get(urls[name]).status_code == 403, name
    response = client.post(reverse("plans:revision_start_next", args=[adopted.pk]))
    assert response.status_code == 403
    assert adopted.plan.revisions.count() == 1


def test_other_organisation_gets_404_everywhere(client, other_coordinator, draft, adopted):
    client.force_login(other_coordinator)
    for revision in (draft, adopted):
        for name, url in _urls(revision).items():
            assert client.get(url).status_code == 404, name
    assert client.get(reverse("plans:plan_detail", args=[draft.plan_id])).status_code == 404
    assert client.post(reverse("plans:revision_start_next", args=[adopted.pk])).status_code == 404


def test_other_coordinator_cannot_create_a_plan_for_our_committee(client, other_coordinator, committee):
    client.force_login(other_coordinator)
    response = client.post(
        reverse("plans:plan_create"), {"organisation": committee.pk, "title": "X", "year": 2020}
    )
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not committee.action_plans.exists()


def test_staff_cannot_create_plans(client, staff):
    client.force_login(staff)
    assert client.get(reverse("plans:plan_create")).status_code == 403
    assert "Ny handlingsplan" not in client.get(reverse("plans:plan_list")).content.decode()


def test_central_reads_drafts_below_but_cannot_edit_or_adopt(client, central, draft):
    client.force_login(central)
    urls = _urls(draft)
    assert client.get(urls["revision_detail"]).status_code == 200
    assert client.get(urls["revision_history"]).status_code == 200
    assert client.get(urls["activity_edit"]).status_code == 403
    assert client.get(urls["revision_adopt"]).status_code == 403


def test_plan_list_shows_only_visible_plans_and_revisions(
    client, staff, coordinator, draft, adopted, other_committee
):
    from tests.factories import PlanRevisionFactory

    PlanRevisionFactory(plan__organisation=other_committee, plan__title="Södras plan", adopted=True)
    client.force_login(staff)
    html = client.get(reverse("plans:plan_list")).content.decode()
    assert "Norra stadsdelsnämnden" in html and "Södras plan" not in html
    assert "Utkast" not in html and "Antagen" in html
    client.force_login(coordinator)
    assert "Utkast" in client.get(reverse("plans:plan_list")).content.decode()


def test_menu_shows_plans_to_readers_only(client, staff, db):
    from tests.factories import UserFactory

    client.force_login(staff)
    assert 'href="/handlingsplaner/"' in client.get("/").content.decode()
    client.force_login(UserFactory())
    assert "Handlingsplaner" not in client.get("/").content.decode()


def test_anonymous_is_sent_to_login(client, draft):
    response = client.get(reverse("plans:revision_detail", args=[draft.pk]))
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]


def test_moves_and_start_next_need_post(client, coordinator, adopted):
    client.force_login(coordinator)
    assert client.get(reverse("plans:revision_start_next", args=[adopted.pk])).status_code == 405
    activity = Activity.objects.filter(chapter__revision=adopted).first()
    assert client.get(reverse("plans:activity_move", args=[activity.pk])).status_code == 405
    assert PlanRevision.objects.count() == 1
