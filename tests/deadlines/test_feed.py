import datetime

from django.urls import reverse
from icalendar import Calendar

from deadlines.models import PersonalCalendar
from organisations.models import Membership


def _token(client, user):
    client.force_login(user)
    assert client.post(reverse("deadlines:renew_token")).status_code == 302
    return PersonalCalendar.objects.get(user=user).feed_token


def _events(client, token):
    client.logout()  # a calendar program has no session
    response = client.get(reverse("deadlines:feed", args=[token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_parses_and_holds_the_users_meetings_and_deadlines(client, year, settings):
    settings.TIME_ZONE = "Europe/Stockholm"
    year.norra.meeting.date = datetime.date.today() + datetime.timedelta(days=20)
    year.norra.meeting.save()
    events = _events(client, _token(client, year.coordinator))
    meeting = events["Sammanträde: Norra stadsdelsnämnden"]
    start = meeting.decoded("dtstart")
    assert (start.date(), start.hour, start.minute) == (year.norra.meeting.date, 8, 15)
    assert str(start.tzinfo) == "Europe/Stockholm"
    assert str(meeting["location"]) == "Sammanträdesrummet"
    deadline = next(e for s, e in events.items() if s.startswith("Sista dag: Handlingar till nämnden"))
    assert deadline.decoded("dtstart") == year.norra.meeting.date - datetime.timedelta(days=14)
    assert "Sammanträde: Södra stadsdelsnämnden" not in events  # not the coordinator's nämnd
    assert not any("Föräldraträffar" in summary for summary in events)


def test_staff_feed_has_their_entry_but_no_lagesbild(client, year):
    events = _events(client, _token(client, year.staff))
    assert "Sista dag: Återrapportera: Föräldraträffar Norra" in events
    assert not any("Lägesbild" in summary for summary in events)


def test_renewing_the_address_refuses_the_old_one(client, year):
    old = _token(client, year.secretary)
    new = _token(client, year.secretary)
    client.logout()
    assert old != new
    assert client.get(reverse("deadlines:feed", args=[old])).status_code == 404
    assert client.get(reverse("deadlines:feed", args=[new])).status_code == 200


def test_the_feed_is_refused_when_the_role_is_removed(client, year):
    token = _token(client, year.staff)
    Membership.objects.get(user=year.staff).delete()
    client.logout()
    assert client.get(reverse("deadlines:feed", args=[token])).status_code == 404


def test_settings_page_shows_the_address_and_the_reminder_choice(client, year):
    _token(client, year.staff)
    page = client.get(reverse("deadlines:settings")).content.decode()
    token = PersonalCalendar.objects.get(user=year.staff).feed_token
    assert f"/kalender/{token}.ics" in page and "Förnya kalenderadressen" in page and "checked" in page
