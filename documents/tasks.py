"""Background rendering of a frozen object's documents (Django's task framework, django-tasks).

A service that freezes an object (adoption, fastställande, closing a round) calls
`render_when_committed(label, pk)`: once the transaction commits, the task is enqueued; the worker
(`manage.py db_worker`, or RQ in production) renders every document of the object and stores it.
Rendering twice is harmless: a document already stored is never rendered again.
"""

import logging

from django.core.cache import cache
from django.db import transaction
from django_tasks import task

from . import registry
from .services import store_frozen

logger = logging.getLogger(__name__)

# A download of a document still missing asks for its rendering at most this often (seconds).
REQUEST_THROTTLE = 60


@task()
def render_frozen_documents(label: str, pk: int) -> list[str]:
    """Render and store each document of the frozen object `label`/`pk` that is not stored yet."""
    source = registry.source(label)
    instance = source.get(pk)
    stored = []
    for spec in source.documents(instance):
        store_frozen(spec)
        stored.append(spec.key)
    return stored


def render_when_committed(label: str, pk: int) -> None:
    """Enqueue the rendering of an object's documents once the freezing transaction has committed."""
    transaction.on_commit(lambda: render_frozen_documents.enqueue(label, pk))


def request_render(label: str, pk: int) -> bool:
    """A download found a frozen document missing (a failed or lost task, or an object frozen before
    documents were made at the decision): ask the worker again, not more than once a minute.
    True if a task was enqueued now."""
    if not cache.add(f"documents:render-requested:{label}:{pk}", True, REQUEST_THROTTLE):
        return False
    logger.warning("Dokument för %s %s saknades vid nedladdning; rendering begärd.", label, pk)
    render_frozen_documents.enqueue(label, pk)
    return True
