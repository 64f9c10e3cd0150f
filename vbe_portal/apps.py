from django.apps import AppConfig


class VbePortalConfig(AppConfig):
    name = "vbe_portal"
    verbose_name = "VBE-portalen"
