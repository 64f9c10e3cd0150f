from django.urls import path

from . import catalogue_views, import_views, pdf_views, views, word_import_views
from .views import placement

app_name = "plans"

urlpatterns = [
    # Handlingsplaner, revisions, chapters (the editing core).
    path("handlingsplaner/", views.plan_list, name="plan_list"),
    path("handlingsplaner/ny/", views.plan_create, name="plan_create"),
    path("handlingsplaner/<int:pk>/", views.plan_detail, name="plan_detail"),
    path(
        "handlingsplaner/<int:pk>/importera-word/",
        word_import_views.plan_word_import,
        name="plan_word_import",
    ),
    path(
        "handlingsplaner/<int:pk>/importera-word/bekrafta/",
        word_import_views.plan_word_import_confirm,
        name="plan_word_import_confirm",
    ),
    path(
        "handlingsplaner/<int:pk>/importera-word/angra/",
        word_import_views.plan_word_import_undo,
        name="plan_word_import_undo",
    ),
    path("handlingsplaner/revideringar/<int:pk>/", views.revision_detail, name="revision_detail"),
    path("handlingsplaner/revideringar/<int:pk>/uppgifter/", views.revision_edit, name="revision_edit"),
    path("handlingsplaner/revideringar/<int:pk>/anta/", views.revision_adopt, name="revision_adopt"),
    path(
        "handlingsplaner/revideringar/<int:pk>/sammantrade/", placement.revision_place, name="revision_place"
    ),
    path(
        "handlingsplaner/revideringar/<int:pk>/arende/", views.revision_case_edit, name="revision_case_edit"
    ),
    path(
        "handlingsplaner/revideringar/<int:pk>/starta-revidering/",
        views.revision_start_next,
        name="revision_start_next",
    ),
    path("handlingsplaner/revideringar/<int:pk>/historik/", views.revision_history, name="revision_history"),
    path("handlingsplaner/revideringar/<int:pk>/jamfor/", views.revision_compare, name="revision_compare"),
    path(
        "handlingsplaner/revideringar/<int:pk>/jamforelse.pdf",
        pdf_views.revision_compare_pdf,
        name="revision_compare_pdf",
    ),
    path(
        "handlingsplaner/revideringar/<int:revision_pk>/kapitel/nytt/",
        views.chapter_create,
        name="chapter_create",
    ),
    path("handlingsplaner/kapitel/<int:pk>/andra/", views.chapter_edit, name="chapter_edit"),
    path("handlingsplaner/kapitel/<int:pk>/ta-bort/", views.chapter_delete, name="chapter_delete"),
    path("handlingsplaner/kapitel/<int:pk>/flytta/", views.chapter_move, name="chapter_move"),
    path(
        "handlingsplaner/kapitel/<int:chapter_pk>/aktiviteter/ny/",
        views.activity_create,
        name="activity_create",
    ),
    # One activity (the catalogue list at /aktiviteter/ lives beside these).
    path("aktiviteter/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("aktiviteter/<int:pk>/andra/", views.activity_edit, name="activity_edit"),
    path("aktiviteter/<int:pk>/ta-bort/", views.activity_delete, name="activity_delete"),
    path("aktiviteter/<int:pk>/flytta/", views.activity_move, name="activity_move"),
    path("aktiviteter/<int:pk>/historik/", views.activity_history, name="activity_history"),
    path("aktiviteter/<int:activity_pk>/indikatorer/ny/", views.indicator_create, name="indicator_create"),
    path("indikatorer/<int:pk>/andra/", views.indicator_edit, name="indicator_edit"),
    path("indikatorer/<int:pk>/ta-bort/", views.indicator_delete, name="indicator_delete"),
    # Staff catalogue, export and import (catalogue_views).
    path("aktiviteter/", catalogue_views.activity_list, name="activity_list"),
    path("aktiviteter/export.xlsx", catalogue_views.activity_export_xlsx, name="activity_export_xlsx"),
    path("aktiviteter/export.csv", catalogue_views.activity_export_csv, name="activity_export_csv"),
    path(
        "handlingsplaner/revision/<int:pk>/importera/",
        import_views.revision_import,
        name="revision_import",
    ),
    path(
        "handlingsplaner/revision/<int:pk>/importera/bekrafta/",
        import_views.revision_import_confirm,
        name="revision_import_confirm",
    ),
    path(
        "handlingsplaner/revision/<int:pk>/importera/angra/",
        import_views.revision_import_undo,
        name="revision_import_undo",
    ),
    path("rutiner/", catalogue_views.routine_list, name="routine_list"),
    path("rutiner/ny/", catalogue_views.routine_create, name="routine_create"),
    path("rutiner/<int:pk>/", catalogue_views.routine_detail, name="routine_detail"),
    path("rutiner/<int:pk>/andra/", catalogue_views.routine_edit, name="routine_edit"),
    path(
        "handlingsplaner/revideringar/<int:pk>/handlingsplan.pdf", pdf_views.revision_pdf, name="revision_pdf"
    ),
    path(
        "handlingsplaner/revideringar/<int:pk>/beslutsforslag.pdf",
        pdf_views.revision_case_pdf,
        name="revision_case_pdf",
    ),
    path(
        "handlingsplaner/revideringar/<int:pk>/handlingsplan.docx",
        pdf_views.revision_docx,
        name="revision_docx",
    ),
    path(
        "handlingsplaner/revideringar/<int:pk>/beslutsforslag.docx",
        pdf_views.revision_case_docx,
        name="revision_case_docx",
    ),
]
