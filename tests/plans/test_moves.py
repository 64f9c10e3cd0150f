"""Reordering activities: "Flytta till plats …" in one request, one history record per move."""

import pytest
from django.urls import reverse

from plans import services
from plans.models import Activity, Chapter
from tests.factories import ActivityFactory, ChapterFactory


@pytest.fixture
def long_chapter(draft):
    """The draft's activity chapter with 15 activities, "Aktivitet 1" … "Aktivitet 15" in order."""
    chapter = draft.chapters.get(heading="Förebyggande arbete")
    chapter.activities.all().delete()
    for number in range(1, 16):
        ActivityFactory(chapter=chapter, order=number, text=f"Aktivitet {number}")
    return chapter


def _texts(chapter):
    return list(chapter.activities.order_by("order", "pk").values_list("text", flat=True))


def _history_count(chapter):
    return Activity.history.filter(chapter_id=chapter.pk).count()


def test_moving_from_place_15_to_1_writes_one_history_record(coordinator, long_chapter):
    last = long_chapter.activities.get(text="Aktivitet 15")
    before = _history_count(long_chapter)
    assert services.move_activity(activity=last, position=1, by=coordinator) is True
    assert _texts(long_chapter) == ["Aktivitet 15"] + [f"Aktivitet {n}" for n in range(1, 15)]
    assert _history_count(long_chapter) == before + 1
    record = last.history.first()
    assert record.history_change_reason == "Flyttad från plats 15 till 1"
    assert record.history_user == coordinator
    orders = list(long_chapter.activities.order_by("order").values_list("order", flat=True))
    assert orders == list(range(1, 16))


def test_moving_down_keeps_the_others_in_their_order(coordinator, long_chapter):
    third = long_chapter.activities.get(text="Aktivitet 3")
    services.move_activity(activity=third, position=10, by=coordinator)
    texts = _texts(long_chapter)
    assert texts.index("Aktivitet 3") == 9
    assert [t for t in texts if t != "Aktivitet 3"] == [f"Aktivitet {n}" for n in range(1, 16) if n != 3]
    assert third.history.first().history_change_reason == "Flyttad från plats 3 till 10"


@pytest.mark.parametrize("position", ["0", "16", "först", ""])
def test_a_place_outside_the_chapter_is_refused(coordinator, long_chapter, position):
    first = long_chapter.activities.get(text="Aktivitet 1")
    before = _history_count(long_chapter)
    with pytest.raises(services.PlanError, match="mellan 1 och 15"):
        services.move_activity(activity=first, position=position, by=coordinator)
    assert _history_count(long_chapter) == before


def test_moving_to_its_own_place_writes_nothing(coordinator, long_chapter):
    fifth = long_chapter.activities.get(text="Aktivitet 5")
    before = _history_count(long_chapter)
    assert services.move_activity(activity=fifth, position=5, by=coordinator) is False
    assert _history_count(long_chapter) == before


def test_one_step_up_is_also_one_record(coordinator, long_chapter):
    second = long_chapter.activities.get(text="Aktivitet 2")
    before = _history_count(long_chapter)
    services.move_activity(activity=second, direction="up", by=coordinator)
    assert _texts(long_chapter)[:2] == ["Aktivitet 2", "Aktivitet 1"]
    assert _history_count(long_chapter) == before + 1


def test_chapter_moves_write_one_record(coordinator, draft):
    ChapterFactory(revision=draft, order=3, heading="Kompetenshöjande", kind=Chapter.Kind.TRAINING)
    last = draft.chapters.get(heading="Kompetenshöjande")
    before = Chapter.history.filter(revision_id=draft.pk).count()
    services.move_chapter(chapter=last, direction="up", by=coordinator)
    assert Chapter.history.filter(revision_id=draft.pk).count() == before + 1
    assert last.history.first().history_change_reason == "Flyttad från plats 3 till 2"


def test_flytta_till_plats_is_one_request_and_one_history_entry(client, coordinator, draft, long_chapter):
    client.force_login(coordinator)
    last = long_chapter.activities.get(text="Aktivitet 15")
    response = client.post(reverse("plans:activity_move", args=[last.pk]), {"position": "1"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#aktivitet-{last.pk}")
    assert _texts(long_chapter)[0] == "Aktivitet 15"
    page = client.get(response["Location"]).content.decode()
    assert "Aktiviteten är flyttad till plats 1." in page
    history = client.get(reverse("plans:revision_history", args=[draft.pk])).content.decode()
    assert history.count("Flyttad från plats") == 1
    assert "Flyttad från plats 15 till 1" in history
    assert "Ordning" not in history


def test_a_bad_place_is_a_message_not_an_error_page(client, coordinator, long_chapter):
    client.force_login(coordinator)
    first = long_chapter.activities.get(text="Aktivitet 1")
    response = client.post(reverse("plans:activity_move", args=[first.pk]), {"position": "99"}, follow=True)
    assert response.status_code == 200
    assert "Ange en plats mellan 1 och 15." in response.content.decode()
    assert _texts(long_chapter)[0] == "Aktivitet 1"


def test_the_editing_page_offers_every_activity_a_move_form(client, coordinator, draft, long_chapter):
    client.force_login(coordinator)
    html = client.get(reverse("plans:revision_detail", args=[draft.pk])).content.decode()
    assert html.count('name="position"') == 15
    assert html.count('max="15"') == 15
    assert 'name="direction"' not in html.split('class="activity-cards"', 1)[1]


def test_history_of_a_chapter_uses_neuter_forms(client, coordinator, draft):
    client.force_login(coordinator)
    services.add_chapter(revision=draft, heading="Nytt kapitel", by=coordinator)
    html = client.get(reverse("plans:revision_history", args=[draft.pk])).content.decode()
    assert "Skapat kapitel" in html and "Skapad kapitel" not in html
