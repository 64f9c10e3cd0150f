from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("publikt/tillganglighet/", views.accessibility_statement, name="accessibility"),
    path("publikt/<int:pk>/", views.organisation_page, name="organisation"),
    path("publikt/<int:pk>/handlingsplan/<int:revision_pk>/", views.revision_page, name="revision"),
    path("publikt/<int:pk>/handlingsplan/<int:revision_pk>.pdf", views.revision_pdf, name="revision_pdf"),
]
