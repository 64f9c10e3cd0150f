"""History pages (who, when, what, field by field) and the year-to-year comparison."""

import pytest
from django.urls import reverse

from plans import services
from plans.models import Activity, PlanRevision
from tests.factories import ActivityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_revision_history_lists_field_changes_with_user_and_reason(client, coordinator, draft, unit):
    activity = Activity.objects.filter(chapter__revision=draft).first()
    services.update_activity(
        activity=activity, version=1, timing="VT 2021", responsible_unit=unit, by=coordinator
    )
    chapter = draft.chapters.get(heading="Inledning och syfte")
    services.update_chapter(chapter=chapter, version=1, heading="Inledning", by=coordinator)
    doomed = Activity.objects.get(text="Utbildning för fritidsledare")
    services.delete_activity(activity=doomed, version=doomed.version, by=coordinator)
    client.force_login(coordinator)

    html = client.get(reverse("plans:revision_history", args=[draft.pk])).content.decode()

    assert html.count(coordinator.get_full_name()) >= 3
    assert "Aktivitet ändrad" in html and "Kapitel ändrat" in html and "Aktivitet borttagen" in html
    assert "<del>Pågående</del>" in html and "<ins>VT 2021</ins>" in html
    assert "Ansvarig enhet" in html and "<ins>Fritidsenheten</ins>" in html
    assert "<del>Inledning och syfte</del>" in html and "<ins>Inledning</ins>" in html
    assert "Borttagen aktivitet" in html and "Utbildning för fritidsledare" in html


def test_activity_history_is_paginated_newest_first(client, coordinator, draft):
    activity = Activity.objects.filter(chapter__revision=draft).first()
    for n in range(30):
        services.update_activity(
            activity=activity, version=activity.version + n, timing=f"Vecka {n}", by=coordinator
        )
    client.force_login(coordinator)
    url = reverse("plans:activity_history", args=[activity.pk])
    html = client.get(url).content.decode()
    assert "<ins>Vecka 29</ins>" in html and "<ins>Vecka 2</ins>" not in html
    assert "Sida 1 av 2" in html
    assert "<ins>Vecka 2</ins>" in client.get(url + "?page=2").content.decode()


def test_history_page_runs_a_fixed_number_of_queries(
    client, coordinator, draft, django_assert_max_num_queries
):
    client.force_login(coordinator)
    activities = list(Activity.objects.filter(chapter__revision=draft))
    for activity in activities * 10:
        activity.refresh_from_db()
        services.update_activity(
            activity=activity, version=activity.version, timing="x" + str(activity.version), by=coordinator
        )
    with django_assert_max_num_queries(15):
        assert client.get(reverse("plans:revision_history", args=[draft.pk])).status_code == 200


def test_comparison_shows_added_removed_and_changed_through_lineage(client, coordinator, adopted):
    draft = services.start_next_revision(source=adopted, by=coordinator)
    kept, dropped = Activity.objects.filter(chapter__revision=draft).order_by("order")
    services.update_activity(activity=kept, version=kept.version, partners="Polis, Skolan", by=coordinator)
    services.delete_activity(activity=dropped, version=dropped.version, by=coordinator)
    # Same text as the removed one, but new: lineage decides, not text.
    services.add_activity(chapter=kept.chapter, text="Dialogmöten med föreningar", by=coordinator)
    services.add_activity(chapter=kept.chapter, text="Kartläggning av mötesplatser", by=coordinator)
    client.force_login(coordinator)

    response = client.get(reverse("plans:revision_compare", args=[draft.pk]))

    html = response.content.decode()
    comparison = response.context["comparison"]
    assert comparison.older == adopted and comparison.newer == draft
    assert [a.text for a in comparison.added] == [
        "Dialogmöten med föreningar",
        "Kartläggning av mötesplatser",
    ]
    assert [a.text for a in comparison.removed] == ["Dialogmöten med föreningar"]
    assert [c.new.pk for c in comparison.changed] == [kept.pk]
    assert "Tillagda aktiviteter (2)" in html and "Borttagna aktiviteter (1)" in html
    assert "Ändrat: Samverkan" in html and "<del>Polis, Civilsamhället</del>" in html
    assert "<ins>Polis, Skolan</ins>" in html


def test_comparison_follows_lineage_across_several_years(coordinator, adopted):
    import datetime

    from plans.compare import compare_revisions

    second = services.start_next_revision(source=adopted, by=coordinator)
    services.adopt_revision(
        revision=second,
        decided_by="N",
        decided_on=datetime.date(2020, 5, 1),
        paragraph="3",
        diary_number="",
        by=coordinator,
    )
    third = services.start_next_revision(source=second, by=coordinator)
    comparison = compare_revisions(adopted, third)
    assert comparison.unchanged == 2 and not comparison.has_differences


def test_comparison_of_another_plans_revision_is_404(client, coordinator, adopted, committee):
    other = PlanRevision.objects.create(plan=adopted.plan, year=2020, copied_from=adopted)
    foreign = ActivityFactory(chapter__revision__plan__organisation=OrganisationFactory()).chapter.revision
    client.force_login(coordinator)
    url = reverse("plans:revision_compare", args=[other.pk])
    assert client.get(url, {"med": foreign.pk}).status_code == 404
    assert client.get(url, {"med": adopted.pk}).status_code == 200


def test_activity_page_links_origin_and_copies(client, coordinator, adopted):
    draft = services.start_next_revision(source=adopted, by=coordinator)
    original = Activity.objects.filter(chapter__revision=adopted).first()
    copy = Activity.objects.get(chapter__revision=draft, copied_from=original)
    client.force_login(coordinator)
    html = client.get(reverse("plans:activity_detail", args=[copy.pk])).content.decode()
    assert reverse("plans:activity_detail", args=[original.pk]) in html and "revideringen 2019" in html
    html = client.get(reverse("plans:activity_detail", args=[original.pk])).content.decode()
    assert "Kopierad vidare till" in html and reverse("plans:activity_detail", args=[copy.pk]) in html
    assert "Ändra aktiviteten" not in html  # the 2019 original is frozen


def test_adopted_revision_page_has_no_edit_buttons_but_offers_next_year(client, coordinator, adopted):
    client.force_login(coordinator)
    html = client.get(reverse("plans:revision_detail", args=[adopted.pk])).content.decode()
    assert "Antagen av Norra stadsdelsnämnden 2019-05-23 § 12" in html
    assert "Ändra kapitlet" not in html and "Lägg till aktivitet" not in html and "Flytta" not in html
    assert "Starta revidering för 2020" in html
    assert "kan inte ändras" in html
