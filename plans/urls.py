from django.urls import path

from . import pdf_views

app_name = "plans"

urlpatterns = [
    path("planer/revideringar/<int:pk>/handlingsplan.pdf", pdf_views.revision_pdf, name="revision_pdf"),
    path(
        "planer/revideringar/<int:pk>/beslutsforslag.pdf",
        pdf_views.revision_case_pdf,
        name="revision_case_pdf",
    ),
]
