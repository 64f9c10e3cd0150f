from django.apps import AppConfig
from django.db.backends.signals import connection_created


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Handlingsplaner"

    def ready(self):
        from . import cases, pdf
        from .search import register_sqlite_functions

        pdf.register()
        cases.register()

        # Free-text search on SQLite needs a Unicode-aware casefold (see plans/search.py).
        connection_created.connect(register_sqlite_functions, dispatch_uid="plans_sqlite_casefold")
