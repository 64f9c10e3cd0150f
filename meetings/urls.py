from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("sammantraden/", views.meeting_list, name="meeting_list"),
    path("sammantraden/nytt/", views.meeting_create, name="meeting_create"),
    path("sammantraden/importera/", views.meeting_import, name="meeting_import"),
    path("sammantraden/<int:pk>/andra/", views.meeting_edit, name="meeting_edit"),
    path("sammantraden/regel/<int:organisation_pk>/", views.rule_edit, name="rule_edit"),
]
