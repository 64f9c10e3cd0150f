"""The whole year in the browser: create, edit, adopt, frozen for good, next year's draft from it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from plans import services
from plans.models import ActionPlan, Activity, Chapter, PlanRevision

pytestmark = pytest.mark.django_db


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_coordinator_writes_secretary_adopts_nobody_changes_it_and_next_year_starts_from_it(
    client, coordinator, secretary, committee, unit, superuser
):
    # 1. The samordnare creates the plan with its first draft.
    client.force_login(coordinator)
    response = client.post(
        reverse("plans:plan_create"),
        {"organisation": committee.pk, "title": "Handlingsplan mot våldsbejakande extremism", "year": 2019},
    )
    plan = ActionPlan.objects.get(organisation=committee)
    revision = plan.revisions.get()
    assert response.status_code == 302 and response["Location"] == revision.get_absolute_url()
    assert revision.status == PlanRevision.Status.DRAFT and revision.year == 2019

    # 2. Chapters and activities, added, edited and reordered in the browser.
    client.post(
        reverse("plans:chapter_create", args=[revision.pk]),
        {"heading": "Inledning och syfte", "kind": "prosa", "body": "Första stycket.\n\nAndra stycket."},
    )
    client.post(
        reverse("plans:chapter_create", args=[revision.pk]),
        {"heading": "Förebyggande arbete", "kind": "forebyggande", "body": ""},
    )
    prose, preventive = revision.chapters.order_by("order")
    for text in ("Föräldraträffar om nätet", "Utbildning för fritidsledare"):
        response = client.post(
            reverse("plans:activity_create", args=[preventive.pk]),
            {"text": text, "responsible": "Fritidsenheten", "timing": "VT 2019", "responsible_unit": unit.pk},
        )
        assert response.status_code == 302
    first, second = preventive.activities.order_by("order")
    response = client.post(
        reverse("plans:activity_edit", args=[first.pk]),
        {
            "text": first.text,
            "purpose": "Stärka föräldrar",
            "timing": "HT 2019",
            "version": first.version,
            "responsible_unit": unit.pk,
        },
    )
    assert response.status_code == 302
    client.post(reverse("plans:activity_move", args=[second.pk]), {"direction": "up"})
    client.post(reverse("plans:chapter_move", args=[preventive.pk]), {"direction": "up"})
    html = client.get(revision.get_absolute_url()).content.decode()
    assert html.index("Utbildning för fritidsledare") < html.index("Föräldraträffar om nätet")
    assert html.index("Förebyggande arbete</h2>") < html.index("Inledning och syfte</h2>")
    assert "<p>Första stycket.</p>" in html and "HT 2019" in html

    # 3. The nämndsekreterare records the decision.
    client.force_login(secretary)
    response = client.post(
        reverse("plans:revision_adopt", args=[revision.pk]),
        {
            "decided_by": "Norra stadsdelsnämnden",
            "decided_on": "2019-05-23",
            "paragraph": "§ 12",
            "diary_number": "1.2.3-456/2019",
        },
        follow=True,
    )
    revision.refresh_from_db()
    assert revision.status == PlanRevision.Status.ADOPTED
    html = response.content.decode()
    assert "Antagen av Norra stadsdelsnämnden 2019-05-23 § 12, dnr 1.2.3-456/2019" in html

    # 4. Every edit path now refuses: views, services and the admin.
    client.force_login(coordinator)
    first.refresh_from_db()
    edits = [
        (reverse("plans:activity_edit", args=[first.pk]), {"text": "Ändrad", "version": first.version}),
        (reverse("plans:activity_delete", args=[first.pk]), {}),
        (reverse("plans:activity_move", args=[first.pk]), {"direction": "up"}),
        (reverse("plans:activity_create", args=[preventive.pk]), {"text": "Ny aktivitet"}),
        (
            reverse("plans:chapter_edit", args=[prose.pk]),
            {"heading": "Ändrad", "kind": "prosa", "version": 1},
        ),
        (reverse("plans:chapter_delete", args=[prose.pk]), {}),
        (reverse("plans:chapter_move", args=[prose.pk]), {"direction": "up"}),
        (reverse("plans:chapter_create", args=[revision.pk]), {"heading": "Nytt", "kind": "prosa"}),
        (reverse("plans:revision_edit", args=[revision.pk]), {"year": 2030, "version": revision.version}),
        (reverse("plans:revision_adopt", args=[revision.pk]), {"decided_on": "2020-01-01", "paragraph": "1"}),
    ]
    for url, data in edits:
        response = client.post(url, data, follow=True)
        assert response.redirect_chain[-1][0] == revision.get_absolute_url(), url
        assert any("kan inte ändras" in m for m in _messages(response)), url
    assert Activity.objects.filter(chapter__revision=revision).count() == 2
    assert not Activity.objects.filter(text="Ändrad").exists()
    assert set(revision.chapters.values_list("heading", flat=True)) == {
        "Inledning och syfte",
        "Förebyggande arbete",
    }
    revision.refresh_from_db()
    assert revision.year == 2019 and revision.paragraph == "12"
    for call in (
        lambda: services.update_activity(activity=first, version=first.version, text="x", by=coordinator),
        lambda: services.delete_activity(activity=first, version=first.version, by=coordinator),
        lambda: services.add_chapter(revision=revision, heading="x", by=coordinator),
        lambda: services.move_chapter(chapter=prose, direction="down", by=coordinator),
        lambda: services.adopt_revision(
            revision=revision,
            decided_by="x",
            decided_on=datetime.date(2020, 1, 1),
            paragraph="1",
            diary_number="",
            by=secretary,
        ),
    ):
        with pytest.raises(services.RevisionFrozen):
            call()
    client.force_login(superuser)
    html = client.get(reverse("admin:plans_activity_change", args=[first.pk])).content.decode()
    assert 'name="text"' not in html and "Föräldraträffar om nätet" in html
    assert (
        client.post(reverse("admin:plans_activity_delete", args=[first.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert Activity.objects.filter(pk=first.pk).exists()

    # 5. Next year's draft starts as a copy that remembers its origin; only one draft at a time.
    client.force_login(coordinator)
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "Starta revidering för 2020" in html
    response = client.post(reverse("plans:revision_start_next", args=[revision.pk]))
    draft = plan.revisions.get(status=PlanRevision.Status.DRAFT)
    assert response["Location"] == draft.get_absolute_url()
    assert draft.year == 2020 and draft.copied_from == revision
    copies = Activity.objects.filter(chapter__revision=draft)
    assert {a.copied_from_id for a in copies} == {first.pk, second.pk}
    assert {c.copied_from_id for c in Chapter.objects.filter(revision=draft)} == {prose.pk, preventive.pk}
    response = client.post(reverse("plans:revision_start_next", args=[revision.pk]), follow=True)
    assert any("bara finnas ett utkast" in m for m in _messages(response))
    assert plan.revisions.count() == 2
    assert "Starta revidering" not in client.get(plan.get_absolute_url()).content.decode()

    # 6. Adopting the 2020 draft supersedes 2019.
    client.force_login(secretary)
    client.post(
        reverse("plans:revision_adopt", args=[draft.pk]),
        {"decided_by": "Norra stadsdelsnämnden", "decided_on": "2020-05-20", "paragraph": "9"},
    )
    revision.refresh_from_db()
    draft.refresh_from_db()
    assert (revision.status, draft.status) == (PlanRevision.Status.SUPERSEDED, PlanRevision.Status.ADOPTED)
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "Ersatt" in html and "Antagen av Norra stadsdelsnämnden 2020-05-20 § 9" in html


def test_secretary_adopts_but_cannot_edit(client, secretary, draft):
    client.force_login(secretary)
    activity = Activity.objects.filter(chapter__revision=draft).first()
    html = client.get(draft.get_absolute_url()).content.decode()
    assert "Registrera beslut om antagande" in html
    assert reverse("plans:activity_edit", args=[activity.pk]) not in html
    response = client.post(
        reverse("plans:activity_edit", args=[activity.pk]), {"text": "Ändrad", "version": activity.version}
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.update_activity(activity=activity, version=activity.version, text="Ändrad", by=secretary)
    activity.refresh_from_db()
    assert activity.text != "Ändrad"
