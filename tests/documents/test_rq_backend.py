"""The production queue: TASKS_BACKEND=rq puts the rendering on Redis (django-tasks-rq) and an RQ worker
stores the documents. Skipped where no Redis answers on REDIS_URL."""

import datetime

import pytest
from django.conf import settings

from documents.models import StoredDocument
from plans import services as plan_services
from tests.factories import ActivityFactory, ChapterFactory, PlanRevisionFactory

redis = pytest.importorskip("redis")
pytestmark = pytest.mark.django_db

RQ = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
TEST_DB = 15  # a Redis database of its own, emptied by the test


@pytest.fixture
def rq_settings(settings):
    url = settings.RQ_QUEUES["default"]["URL"]
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {url}")
    base = url.rsplit("/", 1)[0] if url.count("/") > 2 else url
    settings.RQ_QUEUES = {"default": {"URL": f"{base}/{TEST_DB}", "DEFAULT_TIMEOUT": 300}}
    settings.TASKS = RQ
    return settings


def test_adoption_enqueues_on_redis_and_an_rq_worker_stores_the_documents(
    rq_settings, secretary, committee, django_capture_on_commit_callbacks
):
    import django_rq
    from django_tasks_rq import Job
    from rq import SimpleWorker

    from documents.tasks import render_frozen_documents

    queue = django_rq.get_queue("default", job_class=Job)
    queue.empty()
    revision = PlanRevisionFactory(plan__organisation=committee)
    ActivityFactory(chapter=ChapterFactory(revision=revision))
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.adopt_revision(
            revision=revision,
            decided_by="Norra stadsdelsnämnden",
            decided_on=datetime.date(2020, 5, 20),
            paragraph="31",
            diary_number="",
            by=secretary,
        )
    assert queue.count == 1 and not StoredDocument.objects.exists()
    assert render_frozen_documents.queue_name == "default"
    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)
    assert (
        StoredDocument.objects.filter(key__startswith=f"plans.PlanRevision:{revision.pk}:").count() == 5
    )  # plan, ärende (PDF, Word), public plan
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend"
