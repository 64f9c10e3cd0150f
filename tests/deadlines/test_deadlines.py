import datetime

from django.urls import reverse

from deadlines.selectors import deadlines_for
from meetings import services as meeting_services
from tests.deadlines.conftest import TODAY

D = datetime.date


def _keys(user, **kwargs):
    return [(item.key, item.due) for item in deadlines_for(user, today=TODAY, **kwargs)]


def test_staff_gets_exactly_their_units_entry_linked_to_the_form(year):
    items = deadlines_for(year.staff, today=TODAY)
    assert [(i.key, i.due, i.url) for i in items] == [
        (
            f"entry:{year.norra.entry.pk}",
            D(2026, 3, 20),
            reverse("followup:entry_report", args=[year.norra.entry.pk]),
        )
    ]
    assert items[0].title == "Återrapportera: Föräldraträffar Norra" and items[0].is_overdue(TODAY)


def test_coordinator_gets_the_round_the_draft_and_the_lagesbild_overdue_first(year):
    norra = year.norra
    assert _keys(year.coordinator) == [
        (f"round:{norra.round.pk}", D(2026, 3, 20)),
        (f"picture:{norra.picture.pk}", D(2026, 4, 9)),
        (f"revision:{norra.draft.pk}", D(2026, 4, 9)),
    ]
    urls = {i.key.split(":")[0]: i.url for i in deadlines_for(year.coordinator, today=TODAY)}
    assert urls["revision"] == reverse("plans:revision_edit", args=[norra.draft.pk])
    assert urls["picture"] == reverse("situation:picture_edit", args=[norra.picture.pk])


def test_secretary_is_sent_to_the_decision_form(year):
    urls = {i.key: i.url for i in deadlines_for(year.secretary, today=TODAY)}
    assert urls[f"revision:{year.norra.draft.pk}"] == reverse(
        "plans:revision_adopt", args=[year.norra.draft.pk]
    )
    assert urls[f"picture:{year.norra.picture.pk}"] == reverse(
        "situation:picture_detail", args=[year.norra.picture.pk]
    )
    assert not any(key.startswith("entry:") for key in urls)


def test_central_sees_every_nambd_under_them_and_other_coordinator_only_their_own(year):
    central = {key for key, _ in _keys(year.central)}
    own = {key for key, _ in _keys(year.coordinator)}
    sodra = {key for key, _ in _keys(year.other_coordinator)}
    assert central == own | sodra and own.isdisjoint(sodra)
    assert f"round-papers:{year.sodra.round.pk}" in sodra  # the round placed on a meeting: its report is due


def test_deadlines_move_when_the_meeting_moves(year):
    meeting = year.norra.meeting
    meeting_services.update_meeting(
        meeting=meeting, data={"date": D(2026, 5, 21)}, version=1, by=year.secretary
    )
    assert dict(_keys(year.coordinator))[f"revision:{year.norra.draft.pk}"] == D(2026, 5, 7)


def test_within_days_keeps_the_overdue_and_the_near(year):
    assert _keys(year.coordinator, within_days=3) == [(f"round:{year.norra.round.pk}", D(2026, 3, 20))]


def test_start_page_lists_the_users_items_overdue_first(client, year, django_assert_max_num_queries):
    # The start page uses the real date: put Norra's meeting 20 days ahead so its papers are 6 days ahead.
    today = datetime.date.today()
    meeting_services.update_meeting(
        meeting=year.norra.meeting,
        data={"date": today + datetime.timedelta(days=20)},
        version=1,
        by=year.secretary,
    )
    client.force_login(year.coordinator)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("home")).content.decode()
    overdue = page.index("Uppföljning Tertial")
    draft = page.index("Handlingar till nämnden")
    assert overdue < draft and "Försenad" in page[overdue - 200 : overdue]
    assert reverse("plans:revision_edit", args=[year.norra.draft.pk]) in page
    assert "Föräldraträffar" not in page and "Södra" not in page
    client.force_login(year.staff)
    page = client.get(reverse("home")).content.decode()
    assert reverse("followup:entry_report", args=[year.norra.entry.pk]) in page
    assert "Handlingar till nämnden" not in page and "Lägesbild 2026" not in page


def test_start_page_says_when_nothing_is_due(client, staff):
    client.force_login(staff)
    assert "Du har inget som ska vara klart" in client.get(reverse("home")).content.decode()
