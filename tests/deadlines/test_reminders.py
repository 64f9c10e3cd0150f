import datetime
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from deadlines.models import PersonalCalendar, SentReminder
from deadlines.reminders import send_reminders
from tests.deadlines.conftest import TODAY


def _by_recipient():
    return {message.to[0]: message for message in mail.outbox}


def test_one_swedish_message_per_person_with_everything_due(year):
    summary = send_reminders(today=TODAY, within_days=10)
    messages = _by_recipient()
    # Södra's items are due in May: nobody there is reminded yet.
    assert set(messages) == {
        "samordnare-test@example.se",
        "sekreterare-test@example.se",
        "medarbetare-test@example.se",
        "central-test@example.se",
    }
    staff = messages["medarbetare-test@example.se"]
    assert staff.subject == "VBE-portalen: 1 sak att göra, varav 1 försenade"
    assert "Hej Test!" in staff.body and "FÖRSENAT" in staff.body
    assert "Sista dag 2026-03-20: Återrapportera: Föräldraträffar Norra" in staff.body
    link = "http://127.0.0.1:8000" + reverse("followup:entry_report", args=[year.norra.entry.pk])
    assert link in staff.body
    coordinator = messages["samordnare-test@example.se"]
    assert coordinator.subject == "VBE-portalen: 3 saker att göra, varav 1 försenade"
    assert coordinator.body.index("FÖRSENAT") < coordinator.body.index("SNART")
    assert summary.messages == 4 and summary.reminders == 3 + 3 + 1 + 3


def test_never_the_same_reminder_twice_on_the_same_day(year):
    send_reminders(today=TODAY, within_days=10)
    sent = len(mail.outbox)
    again = send_reminders(today=TODAY, within_days=10)
    assert len(mail.outbox) == sent and again.messages == 0 and again.skipped == 10
    send_reminders(today=TODAY + datetime.timedelta(days=1), within_days=10)
    assert len(mail.outbox) == 2 * sent


def test_none_to_users_who_turned_reminders_off(client, year):
    client.force_login(year.staff)
    client.post("/kalender/paminnelser/", {})  # the box unticked
    assert PersonalCalendar.objects.get(user=year.staff).reminders_enabled is False
    send_reminders(today=TODAY, within_days=10)
    assert "medarbetare-test@example.se" not in _by_recipient()
    assert "samordnare-test@example.se" in _by_recipient()


def test_none_to_users_without_email(year):
    year.staff.email = ""
    year.staff.save()
    send_reminders(today=TODAY, within_days=10)
    assert "medarbetare-test@example.se" not in _by_recipient() and len(mail.outbox) == 3


def test_management_command_for_cron(year, capsys):
    call_command("send_reminders", "--date", "2026-04-01", "--days", "10")
    assert "4 meddelanden med 10 påminnelser skickade" in capsys.readouterr().out
    assert SentReminder.objects.filter(sent_on=TODAY).count() == 10


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locks and real concurrency"
)
def test_two_concurrent_runs_send_each_reminder_once(year):
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            barrier.wait(timeout=10)
            results.append(send_reminders(today=TODAY, within_days=10))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
        assert not thread.is_alive(), "a run hung"
    assert not errors
    assert sum(r.reminders for r in results) == 10 and sum(r.skipped for r in results) == 10
    recipients = [message.to[0] for message in mail.outbox]
    assert sorted(recipients) == sorted(set(recipients)) and len(recipients) == 4
    assert SentReminder.objects.count() == 10
