from django.apps import AppConfig


class SituationConfig(AppConfig):
    name = "situation"
    verbose_name = "Lokal lägesbild"

    def ready(self):
        from . import cases, pdf

        pdf.register()
        cases.register()
