"""Whole-page cache for the staff catalogue, keyed so that it can never serve a stale or foreign page.

The catalogue shows activities of adopted revisions, which never change; what changes it is a new
adoption, an organisation moved in the tree, or someone's memberships. The key therefore holds the
user, their CSRF cookie (the page carries a logout form with a token), the query
string, and a generation: the newest history row of every model the catalogue reads. Every write in
this project goes through save() and so leaves a history row, so any change gives a new generation
and the next request renders afresh. A miss costs one extra small query; a hit skips the filtering,
the counting and the template.
"""

import hashlib
from functools import cache as cache_for_process
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token

from organisations.models import Membership, Organisation
from situation.models import Problem

from .models import ActionPlan, Activity, Chapter, PlanRevision

TIMEOUT = 10 * 60
# Problems: the catalogue filters by them (their titles are its options for lägesbild readers).
_TRACKED = (Organisation, Membership, ActionPlan, PlanRevision, Chapter, Activity, Problem)


@cache_for_process
def _generation_sql() -> str:
    # Built once: simple-history makes a new manager class on every `Model.history` access, which
    # cost more than the whole cached response. Only our own models' quoted table names go in.
    tables = [connection.ops.quote_name(model.history.model._meta.db_table) for model in _TRACKED]
    return "SELECT " + ", ".join(f"(SELECT MAX(history_id) FROM {table})" for table in tables)  # noqa: S608


def generation() -> tuple:
    """The newest history id of each model the catalogue depends on, in one query."""
    with connection.cursor() as cursor:
        cursor.execute(_generation_sql())
        return tuple(cursor.fetchone())


def _key(request) -> str | None:
    csrf_cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    if not csrf_cookie or len(messages.get_messages(request)):
        # Without a CSRF cookie the page's token would belong to a secret the browser never got; a
        # pending message must be shown once, not stored.
        return None
    user = request.user
    query = sorted(request.GET.lists())
    # Memberships need no place of their own: any change to them is a new Membership history row,
    # so a new generation.
    raw = repr((user.pk, user.is_superuser, user.is_active, csrf_cookie, query, generation()))
    return "catalogue-page:" + hashlib.sha256(raw.encode()).hexdigest()


def cached_page(view):
    """Serve the view's 200 responses from the cache under the key above (GET only)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        key = _key(request) if request.method == "GET" else None
        if key is not None:
            content = cache.get(key)
            if content is not None:
                get_token(request)  # keep the CSRF cookie as a fresh render would
                return HttpResponse(content)
        response = view(request, *args, **kwargs)
        if key is not None and response.status_code == 200 and not response.streaming:
            cache.set(key, response.content, TIMEOUT)
        return response

    return wrapper
