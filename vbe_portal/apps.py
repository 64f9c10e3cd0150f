from django.apps import AppConfig


class VbePortalConfig(AppConfig):
    name = "vbe_portal"
    verbose_name = "VBE-portalen"

    def ready(self):
        # The admin is not a second door for control characters: every registered admin's text fields
        # clean their text like the portal's forms (documents.text). Done here, at the top of the
        # dependency order, after admin.autodiscover() (django.contrib.admin is listed first).
        from django.contrib import admin
        from django.db import models

        from documents.text import CleanTextField

        for model_admin in admin.site._registry.values():
            for field_class in (models.CharField, models.TextField):
                model_admin.formfield_overrides.setdefault(field_class, {})["form_class"] = CleanTextField
