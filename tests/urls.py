"""The project's URLs plus routes that raise each error, so that error pages can be checked in a browser.

Only tests use this (`settings.ROOT_URLCONF = "tests.urls"`); the authorization matrix walks the real
`vbe_portal.urls`.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from vbe_portal import urls as project_urls
from vbe_portal import views

handler400 = project_urls.handler400
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500


def denied(request):
    raise PermissionDenied


def csrf_page(request):
    return views.csrf_failure(request)


def locked_out(request):
    return render(request, "registration/locked_out.html", status=429)


@csrf_exempt
def unprotected(request):
    """A deliberately broken view: proves that the CSRF walker notices a POST it should refuse."""
    return HttpResponse("ok", content_type="text/plain")


def inaccessible(request):
    """A deliberately inaccessible page (an image without text, a field without label): proves that the
    axe check reports what it should."""
    return HttpResponse(
        '<!doctype html><html lang="sv"><head><title>Prov</title></head><body><main><h1>Prov</h1>'
        '<img src="/static/saknas.png"><input type="text" name="q"></main></body></html>'
    )


urlpatterns = [
    *project_urls.urlpatterns,
    path("__prov__/nekad/", denied, name="test_denied"),
    path("__prov__/csrf/", csrf_page, name="test_csrf_failure"),
    path("__prov__/sparrad/", locked_out, name="test_locked_out"),
    path("__prov__/fel/", views.server_error, name="test_server_error"),
    path("__prov__/utan-csrf/", unprotected, name="test_csrf_exempt"),
    path("__prov__/otillganglig/", inaccessible, name="test_inaccessible"),
]
