from django.urls import path

from . import pdf_views, placement_views, views

app_name = "followup"

urlpatterns = [
    path("uppfoljning/", views.round_list, name="round_list"),
    path("uppfoljning/ny/", views.round_open, name="round_open"),
    path("uppfoljning/mina/", views.my_entries, name="my_entries"),
    path("uppfoljning/oversikt/", views.overview, name="overview"),
    path("uppfoljning/<int:pk>/", views.round_detail, name="round_detail"),
    path("uppfoljning/<int:pk>/rapport/", views.round_report, name="round_report"),
    path("uppfoljning/<int:pk>/rapport.pdf", pdf_views.round_pdf, name="round_pdf"),
    path("uppfoljning/<int:pk>/rapport.docx", pdf_views.round_docx, name="round_docx"),
    path("uppfoljning/<int:pk>/arende/", views.round_case_edit, name="round_case_edit"),
    path("uppfoljning/<int:pk>/beslutsforslag.pdf", pdf_views.round_case_pdf, name="round_case_pdf"),
    path("uppfoljning/<int:pk>/beslutsforslag.docx", pdf_views.round_case_docx, name="round_case_docx"),
    path("uppfoljning/<int:pk>/export.xlsx", views.round_export, name="round_export"),
    path("uppfoljning/<int:pk>/kommentar/", views.round_comment, name="round_comment"),
    path("uppfoljning/<int:pk>/stang/", views.round_close, name="round_close"),
    path("uppfoljning/<int:pk>/sammantrade/", placement_views.round_place, name="round_place"),
    path("uppfoljning/rapportera/<int:pk>/", views.entry_report, name="entry_report"),
    path("uppfoljning/aktivitet/<int:pk>/historik/", views.activity_history, name="activity_history"),
]
