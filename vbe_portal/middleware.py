from django.conf import settings


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
