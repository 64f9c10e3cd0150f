"""Make the missing documents of frozen objects, and verify every stored checksum.

    manage.py render_documents            render what no task stored (lost task, older data)
    manage.py render_documents --dry-run  only list what is missing
    manage.py render_documents --verify   check every stored document against its SHA-256

A document already stored is never rendered again: its bytes are the archived form of the decision.
"""

from django.core.management.base import BaseCommand, CommandError

from documents import registry
from documents.models import StoredDocument, StoredDocumentCorrupted
from documents.services import store_frozen


class Command(BaseCommand):
    help = "Skapar saknade dokument för frysta objekt; --verify kontrollerar alla lagrade kontrollsummor."

    def add_arguments(self, parser):
        parser.add_argument("--verify", action="store_true", help="Kontrollera alla lagrade dokument.")
        parser.add_argument("--dry-run", action="store_true", help="Lista bara det som saknas.")

    def handle(self, *args, verify=False, dry_run=False, **options):
        if verify:
            return self._verify()
        stored = set(StoredDocument.objects.values_list("key", flat=True))
        made = 0
        for source in registry.sources():
            for instance in source.frozen():
                for spec in source.documents(instance):
                    if spec.key in stored:
                        continue
                    self.stdout.write(f"{'saknas' if dry_run else 'skapar'}: {spec.key} ({spec.filename})")
                    if not dry_run:
                        store_frozen(spec)
                    made += 1
        verb = "saknas" if dry_run else "skapade"
        self.stdout.write(self.style.SUCCESS(f"{made} dokument {verb}; inget lagrat dokument ändrades."))

    def _verify(self):
        checked, broken = 0, []
        for stored in StoredDocument.objects.order_by("key").iterator(chunk_size=50):
            checked += 1
            try:
                stored.verified_content()
            except StoredDocumentCorrupted as error:
                broken.append(stored.key)
                self.stderr.write(str(error))
        if broken:
            raise CommandError(
                f"{len(broken)} av {checked} lagrade dokument stämmer inte med sin kontrollsumma."
            )
        self.stdout.write(self.style.SUCCESS(f"{checked} lagrade dokument stämmer med sina kontrollsummor."))
