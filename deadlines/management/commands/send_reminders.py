import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from deadlines.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Skickar dagens påminnelser via e-post: en per person, med allt som ska vara klart inom N dagar "
        "eller är försenat. Kör en gång om dagen (cron, systemd-timer eller compose-tjänsten scheduler)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Dagar framåt (standard REMINDER_DAYS).")
        parser.add_argument("--date", help="Dagens datum ÅÅÅÅ-MM-DD (för test); standard i dag.")

    def handle(self, *args, days=None, date=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"Ogiltigt datum {date!r}: skriv ÅÅÅÅ-MM-DD.") from error
        summary = send_reminders(today=today, within_days=days)
        self.stdout.write(
            f"{today.isoformat()}: {summary.messages} meddelanden med {summary.reminders} påminnelser "
            f"skickade, {summary.skipped} redan skickade i dag."
        )
