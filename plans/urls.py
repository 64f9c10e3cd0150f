from django.urls import path

from . import catalogue_views

app_name = "plans"

urlpatterns = [
    # Staff catalogue, export and import (catalogue_views).
    path("aktiviteter/", catalogue_views.activity_list, name="activity_list"),
    path("aktiviteter/export.xlsx", catalogue_views.activity_export_xlsx, name="activity_export_xlsx"),
    path("aktiviteter/export.csv", catalogue_views.activity_export_csv, name="activity_export_csv"),
    # TEMPORARY: replaced by the plan editing branch's activity page when both are merged.
    path("aktiviteter/<int:pk>/", catalogue_views.activity_detail_placeholder, name="activity_detail"),
    path(
        "handlingsplaner/revision/<int:pk>/importera/",
        catalogue_views.revision_import,
        name="revision_import",
    ),
    path("rutiner/", catalogue_views.routine_list, name="routine_list"),
    path("rutiner/ny/", catalogue_views.routine_create, name="routine_create"),
    path("rutiner/<int:pk>/", catalogue_views.routine_detail, name="routine_detail"),
    path("rutiner/<int:pk>/andra/", catalogue_views.routine_edit, name="routine_edit"),
]
