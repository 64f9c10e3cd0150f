from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from deadlines.selectors import deadlines_for
from organisations import access
from organisations.access import Perm

# The start page lists what is due within this many days, and everything overdue.
HOME_HORIZON_DAYS = 60
HOME_MAX_DEADLINES = 30


@login_required
def home(request):
    """The start page: what this user's roles let them do next."""
    can = {perm.value: access.has_any(request.user, perm) for perm in Perm}
    today = timezone.localdate()
    deadlines = deadlines_for(request.user, today=today, within_days=HOME_HORIZON_DAYS)
    return render(
        request,
        "home.html",
        {
            "memberships": access.memberships(request.user),
            "can": can,
            "deadlines": deadlines[:HOME_MAX_DEADLINES],
            "more": max(0, len(deadlines) - HOME_MAX_DEADLINES),
            "today": today,
            "horizon": HOME_HORIZON_DAYS,
        },
    )


@never_cache
@require_GET
def healthz(request):
    """Liveness and readiness for load balancers: 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not ready"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


# The body was over DATA_UPLOAD_MAX_MEMORY_SIZE or had too many fields or files: say so, with 413.
_TOO_LARGE = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def bad_request(request, exception=None):
    if isinstance(exception, _TOO_LARGE):
        return render(request, "413.html", status=413)
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


@require_safe
def favicon(request):
    """/favicon.ico, which browsers ask for on their own: the SVG icon the pages link to."""
    return redirect(static("img/favicon.svg"))
