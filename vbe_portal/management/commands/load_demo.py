from importlib import import_module

from django.core.management.base import BaseCommand

# Each app's demo loader, in dependency order. Each is idempotent.
DEMO_LOADERS = [
    "organisations.demo",
    "meetings.demo",
    "situation.demo",
    "plans.demo",
    "followup.demo",
    "deadlines.demo",
]


class Command(BaseCommand):
    help = "Skapar eller uppdaterar demodata (organisationer, användare, planer, lägesbild, uppföljning)."

    def handle(self, *args, **options):
        for module_path in DEMO_LOADERS:
            import_module(module_path).load()
            self.stdout.write(f"Demodata laddad: {module_path}")
        self.stdout.write(self.style.SUCCESS("Klart. Alla demoanvändare har lösenordet 'vbe-demo'."))
