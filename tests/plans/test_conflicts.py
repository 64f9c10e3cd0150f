"""No silent overwrite: two people edit the same thing from the same version."""

import pytest
from django.test import Client
from django.urls import reverse

from plans import services
from plans.models import Activity, Chapter
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_coordinator(committee):
    from organisations.models import Membership

    return member(
        Membership.Role.COORDINATOR, committee, username="samordnare-tva", first_name="Kim", last_name="Berg"
    )


def _activity_data(activity, **changes):
    data = {
        "text": activity.text,
        "purpose": activity.purpose,
        "responsible": activity.responsible,
        "partners": activity.partners,
        "timing": activity.timing,
        "follow_up_method": activity.follow_up_method,
        "responsible_unit": activity.responsible_unit_id or activity.chapter.revision.plan.organisation_id,
        "version": activity.version,
    }
    data.update(changes)
    return data


def test_second_save_of_an_activity_is_refused_and_shows_what_the_other_changed(
    coordinator, second_coordinator, draft
):
    activity = Activity.objects.filter(chapter__revision=draft).first()
    url = reverse("plans:activity_edit", args=[activity.pk])
    first, second = Client(), Client()
    first.force_login(second_coordinator)
    second.force_login(coordinator)
    # Both open the form at the same version.
    assert f'name="version" value="{activity.version}"' in first.get(url).content.decode()
    assert f'name="version" value="{activity.version}"' in second.get(url).content.decode()

    assert first.post(url, _activity_data(activity, timing="HT 2020", purpose="Nå fler")).status_code == 302
    response = second.post(url, _activity_data(activity, responsible="Min egen ändring"))

    assert response.status_code == 409
    html = response.content.decode()
    assert "har ändrats av Kim Berg" in html
    assert "Tidplan" in html and "<del>Pågående</del>" in html and "<ins>HT 2020</ins>" in html
    assert "<ins>Nå fler</ins>" in html
    # The second user's input is kept, and nothing of theirs was saved over the first's.
    assert 'value="Min egen ändring"' in html
    activity.refresh_from_db()
    assert (activity.timing, activity.purpose) == ("HT 2020", "Nå fler")
    assert activity.responsible == "Socialtjänst och förskola"
    # Having seen the other change, saving again is a deliberate choice and goes through.
    assert f'name="version" value="{activity.version}"' in html
    response = second.post(url, _activity_data(activity, responsible="Min egen ändring"))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.responsible == "Min egen ändring" and activity.timing == "HT 2020"


def test_second_save_of_a_chapter_is_refused_and_shows_what_the_other_changed(
    coordinator, second_coordinator, draft
):
    chapter = draft.chapters.get(heading="Inledning och syfte")
    url = reverse("plans:chapter_edit", args=[chapter.pk])
    first, second = Client(), Client()
    first.force_login(second_coordinator)
    second.force_login(coordinator)
    data = {
        "heading": chapter.heading,
        "kind": chapter.kind,
        "body": chapter.body,
        "version": chapter.version,
    }

    assert first.post(url, {**data, "heading": "Inledning"}).status_code == 302
    response = second.post(url, {**data, "body": "Min nya brödtext."})

    assert response.status_code == 409
    html = response.content.decode()
    assert "har ändrats av Kim Berg" in html and "<ins>Inledning</ins>" in html
    assert "Min nya brödtext." in html
    chapter.refresh_from_db()
    assert (chapter.heading, chapter.body) == ("Inledning", "Text.")


def test_service_conflict_carries_field_changes(coordinator, second_coordinator, draft):
    activity = Activity.objects.filter(chapter__revision=draft).first()
    services.update_activity(activity=activity, version=1, timing="VT 2021", by=second_coordinator)
    with pytest.raises(services.EditConflict) as caught:
        services.update_activity(activity=activity, version=1, timing="HT 2021", by=coordinator)
    changes = {c.label: (c.old, c.new) for c in caught.value.changes}
    assert changes == {"Tidplan": ("Pågående", "VT 2021")}
    assert caught.value.changed_by == "Kim Berg"
    assert Activity.objects.get(pk=activity.pk).timing == "VT 2021"


def test_reordering_does_not_count_as_a_conflicting_edit(coordinator, draft):
    chapter = draft.chapters.get(heading="Förebyggande arbete")
    first, second = chapter.activities.order_by("order")
    services.move_activity(activity=second, direction="up", by=coordinator)
    services.update_activity(activity=first, version=first.version, timing="2021", by=coordinator)
    assert list(chapter.activities.order_by("order").values_list("pk", flat=True)) == [second.pk, first.pk]


def test_deleting_a_chapter_someone_just_changed_is_refused(coordinator, second_coordinator, draft):
    chapter = draft.chapters.get(heading="Inledning och syfte")
    services.update_chapter(chapter=chapter, version=1, heading="Ny rubrik", by=second_coordinator)
    with pytest.raises(services.EditConflict):
        services.delete_chapter(chapter=chapter, version=1, by=coordinator)
    assert Chapter.objects.filter(pk=chapter.pk).exists()


def test_an_edit_without_the_starting_version_is_refused(client, coordinator, draft):
    activity = Activity.objects.filter(chapter__revision=draft).first()
    client.force_login(coordinator)
    response = client.post(reverse("plans:activity_edit", args=[activity.pk]), {"text": "Utan version"})
    assert "Formuläret saknar versionsuppgift" in response.content.decode()
    assert Activity.objects.get(pk=activity.pk).text != "Utan version"
