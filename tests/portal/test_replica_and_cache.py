"""At scale: the catalogue reads from a replica when DATABASE_REPLICA_URL is set, and the cache backend
(Redis via django-redis in production, per process otherwise) is chosen by REDIS_URL."""

import json
import os
import subprocess
import sys
from pathlib import Path

from plans.models import Activity, CatalogueEntry
from vbe_portal.db_router import CatalogueReplicaRouter

ROOT = Path(__file__).resolve().parents[2]

REPLICA_SCRIPT = """
import json
import django
django.setup()
from django.core.management import call_command
from django.db import connections
from django.test import Client
from organisations.models import Membership
from tests.factories import ActivityFactory, ChapterFactory, OrganisationFactory, PlanRevisionFactory, member

call_command("migrate", verbosity=0)
city = OrganisationFactory(name="Replikstad", kind="kommun")
committee = OrganisationFactory(name="Replikanämnden", parent=city)
revision = PlanRevisionFactory(plan__organisation=committee, adopted=True)
ActivityFactory(chapter=ChapterFactory(revision=revision), text="Läst från repliken")
client = Client()
client.force_login(member(Membership.Role.CENTRAL, city, username="central-replik"))
seen = {"default": [], "replica": []}

def recorder(alias):
    def wrapper(execute, sql, params, many, context):
        seen[alias].append(sql)
        return execute(sql, params, many, context)
    return wrapper

with connections["default"].execute_wrapper(recorder("default")):
    with connections["replica"].execute_wrapper(recorder("replica")):
        response = client.get("/aktiviteter/", {"q": "repliken"})
print(json.dumps({"status": response.status_code, "html": response.content.decode(), "seen": seen}))
"""


def run_with(env_overrides: dict, code: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update({"DEBUG": "1", "DJANGO_SETTINGS_MODULE": "vbe_portal.settings", "ALLOWED_HOSTS": "testserver"})
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )


def test_the_catalogue_reads_from_the_replica_alias_pointing_at_the_same_server(tmp_path):
    url = f"sqlite:///{tmp_path / 'primary.sqlite3'}"
    result = run_with({"DATABASE_URL": url, "DATABASE_REPLICA_URL": url}, REPLICA_SCRIPT)
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["status"] == 200
    assert "Läst från repliken" in outcome["html"]
    replica, default = outcome["seen"]["replica"], outcome["seen"]["default"]
    # The catalogue's generation, the scope (the tally), the page and its count come from the replica;
    # nothing is written there.
    assert len(replica) == 4 and all("plans_catalogue" in sql for sql in replica)
    assert "plans_cataloguegeneration" in replica[0]
    assert not any(sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")) for sql in replica)
    # Sessions, users and memberships stay on the primary, which never serves the page.
    assert default and not any("plans_catalogue" in sql for sql in default)


def test_the_router_sends_only_catalogue_reads_to_the_replica():
    router = CatalogueReplicaRouter()
    assert router.db_for_read(CatalogueEntry) == "replica"
    assert router.db_for_read(Activity) is None
    assert router.db_for_write(CatalogueEntry) == "default"
    assert router.allow_migrate("replica", "plans") is False
    assert router.allow_migrate("default", "plans") is True


SETTINGS_SCRIPT = (
    "import json; from vbe_portal import settings as s; "
    "print(json.dumps([s.CACHES['default']['BACKEND'], s.SESSION_ENGINE if hasattr(s, 'SESSION_ENGINE') "
    "else 'django.contrib.sessions.backends.db', sorted(s.DATABASES)]))"
)


def test_redis_url_selects_django_redis_and_sessions_read_through_it():
    result = run_with({"REDIS_URL": "redis://127.0.0.1:6379/1"}, SETTINGS_SCRIPT)
    assert result.returncode == 0, result.stderr
    backend, sessions, aliases = json.loads(result.stdout)
    assert backend == "django_redis.cache.RedisCache"
    assert sessions == "django.contrib.sessions.backends.cached_db"
    assert aliases == ["default"]


def test_without_redis_the_cache_is_per_process_and_sessions_stay_in_the_database():
    result = run_with({"REDIS_URL": ""}, SETTINGS_SCRIPT)
    assert result.returncode == 0, result.stderr
    backend, sessions, _ = json.loads(result.stdout)
    assert backend == "django.core.cache.backends.locmem.LocMemCache"
    # A logout in one worker must end the session in every worker: no per-process session cache.
    assert sessions == "django.contrib.sessions.backends.db"
