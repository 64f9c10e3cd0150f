from django.conf import settings
from django.http import HttpResponseNotAllowed


class ContentSecurityPolicyMiddleware:
    """Send our Content-Security-Policy: no inline scripts, no third-party origins, no framing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # The admin ships inline scripts of its own; every other page keeps the strict policy.
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class PrivatePagesMiddleware:
    """Nothing shown to a logged-in user stays in a browser or proxy cache (`Cache-Control: no-store`).

    Plans in draft, lägesbilder, follow-up exports and adopted documents are all restricted material: on a
    shared computer the back button or the cache must not show them after logout. Any caching header a
    view set (the stored PDFs' max-age, say) gives way. Pages for anonymous visitors (the login page) and
    static files (served by WhiteNoise before this runs) are untouched.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers["Cache-Control"] = "private, no-store"
            response.headers.pop("Expires", None)
        return response


class RefuseTraceAndOptionsMiddleware:
    """TRACE and OPTIONS (and any method no view answers) get 405 with an `Allow` header, never a page."""

    ALLOWED = ("GET", "HEAD", "POST")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in self.ALLOWED:
            return HttpResponseNotAllowed(self.ALLOWED)
        return self.get_response(request)
