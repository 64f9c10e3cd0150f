from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = "Uppföljning"

    def ready(self):
        from . import cases, pdf

        pdf.register()
        cases.register()
