from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views
from .forms import LoginForm

admin.site.site_header = "VBE-portalen – administration"
admin.site.site_title = "VBE-portalen"
admin.site.index_title = "Administration"

handler400 = "vbe_portal.views.bad_request"
handler403 = "vbe_portal.views.permission_denied"
handler404 = "vbe_portal.views.page_not_found"
handler500 = "vbe_portal.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "konto/logga-in/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("plans.urls")),
    path("", include("situation.urls")),
    path("", include("followup.urls")),
    path("", include("meetings.urls")),
    path("", include("deadlines.urls")),
    path("", include("public.urls")),
    path("admin/", admin.site.urls),
]
