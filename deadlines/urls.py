from django.urls import path

from . import views

app_name = "deadlines"

urlpatterns = [
    path("kalender/", views.calendar_settings, name="settings"),
    path("kalender/ny-adress/", views.renew_token, name="renew_token"),
    path("kalender/paminnelser/", views.set_reminders, name="set_reminders"),
    path("kalender/<str:token>.ics", views.feed, name="feed"),
]
