from django.urls import path

from . import pdf_views, placement_views, views

app_name = "situation"

urlpatterns = [
    path("lagesbild/", views.picture_list, name="picture_list"),
    path("lagesbild/ny/", views.picture_create, name="picture_create"),
    path("lagesbild/<int:pk>/", views.picture_detail, name="picture_detail"),
    path("lagesbild/<int:pk>/redigera/", views.picture_edit, name="picture_edit"),
    path("lagesbild/<int:pk>/faststall/", views.picture_establish, name="picture_establish"),
    path("lagesbild/<int:pk>/sammantrade/", placement_views.picture_place, name="picture_place"),
    path("lagesbild/<int:pk>/nasta-ar/", views.picture_next_year, name="picture_next_year"),
    path("lagesbild/<int:pk>/lagesbild.pdf", pdf_views.picture_pdf, name="picture_pdf"),
    path("lagesbild/<int:pk>/lagesbild.docx", pdf_views.picture_docx, name="picture_docx"),
    path("lagesbild/<int:pk>/arende/", views.picture_case_edit, name="picture_case_edit"),
    path("lagesbild/<int:pk>/beslutsforslag.pdf", pdf_views.picture_case_pdf, name="picture_case_pdf"),
    path("lagesbild/<int:pk>/beslutsforslag.docx", pdf_views.picture_case_docx, name="picture_case_docx"),
    path("lagesbild/<int:pk>/jamforelse/", views.picture_comparison, name="picture_comparison"),
    path("lagesbild/<int:pk>/kallor/ny/", views.source_create, name="source_create"),
    path("lagesbild/kallor/<int:pk>/redigera/", views.source_edit, name="source_edit"),
    path("lagesbild/kallor/<int:pk>/ta-bort/", views.source_delete, name="source_delete"),
    path("lagesbild/<int:pk>/iakttagelser/ny/", views.observation_create, name="observation_create"),
    path("lagesbild/iakttagelser/<int:pk>/redigera/", views.observation_edit, name="observation_edit"),
    path("lagesbild/iakttagelser/<int:pk>/ta-bort/", views.observation_delete, name="observation_delete"),
    path("lagesbild/<int:pk>/problem/ny/", views.problem_create, name="problem_create"),
    path("lagesbild/problem/<int:pk>/redigera/", views.problem_edit, name="problem_edit"),
    path("lagesbild/problem/<int:pk>/ta-bort/", views.problem_delete, name="problem_delete"),
]
