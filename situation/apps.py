from django.apps import AppConfig


class SituationConfig(AppConfig):
    name = "situation"
    verbose_name = "Lokal lägesbild"

    def ready(self):
        from . import pdf

        pdf.register()
