"""Synthetic data for bench/load.py: N activities across organisations, in one municipality.

One organisation keeps a Skärholmen-size plan (40 activities) whatever N is, so the plan page
measures the same page at every size; the rest of the activities are spread over other committees
(500 each), which is what grows. Rows are written with bulk_create: this is throw-away benchmark
data, so it carries no history.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from organisations.models import Membership, Organisation
from plans.models import ActionPlan, Activity, Chapter, PlanRevision

WORDS = [
    "föräldrastöd",
    "samverkan",
    "skola",
    "fritid",
    "polis",
    "civilsamhälle",
    "utbildning",
    "dialog",
    "trygghet",
    "ungdomar",
    "förebyggande",
    "insats",
    "kartläggning",
    "orosanmälan",
    "demokrati",
    "källkritik",
    "mötesplats",
    "våldsbejakande",
    "extremism",
    "rutin",
    "information",
    "nätverk",
    "uppföljning",
    "socialtjänst",
    "förskola",
    "arbetsmarknad",
]
KINDS = [Chapter.Kind.PREVENTIVE, Chapter.Kind.HINDERING, Chapter.Kind.GRANTS, Chapter.Kind.TRAINING]
FEATURED_ACTIVITIES = 40
PER_ORGANISATION = 500


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def make_plan(org: Organisation, activities: int, rng: random.Random) -> PlanRevision:
    plan = ActionPlan.objects.create(organisation=org)
    revision = PlanRevision.objects.create(
        plan=plan,
        year=2025,
        status=PlanRevision.Status.ADOPTED,
        decided_by=org.name,
        decided_on=datetime.date(2025, 5, 23),
        paragraph="12",
        diary_number="1.2.3-456/2025",
    )
    chapters = Chapter.objects.bulk_create(
        Chapter(revision=revision, order=i, heading=kind.label, kind=kind, body=sentence(rng, 60))
        for i, kind in enumerate(KINDS)
    )
    batch = []
    for i in range(activities):
        batch.append(
            Activity(
                chapter=chapters[i % len(chapters)],
                order=i,
                text=sentence(rng, 12),
                purpose=sentence(rng, 10),
                responsible="Avdelningschefer",
                partners="Polis, Civilsamhället",
                timing="Pågående",
                follow_up_method="Följs upp i ordinarie verksamhetsuppföljning",
            )
        )
        if len(batch) >= 5000:
            _bulk_activities(batch)
            batch = []
    _bulk_activities(batch)
    return revision


def _bulk_activities(batch):
    # The search column needs nothing from us: a PostgreSQL trigger fills it on insert.
    Activity.objects.bulk_create(batch, batch_size=2000)


def build(total: int) -> None:
    rng = random.Random(20261128)
    city = Organisation.objects.create(
        name="Benchstad", short_name="Benchstad", kind=Organisation.Kind.MUNICIPALITY
    )
    featured = Organisation.objects.create(
        name="Utvald nämnd", short_name="Utvald", parent=city, kind=Organisation.Kind.COMMITTEE
    )
    featured_revision = make_plan(featured, FEATURED_ACTIVITIES, rng)
    remaining = max(total - FEATURED_ACTIVITIES, 0)
    index = 0
    while remaining > 0:
        count = min(PER_ORGANISATION, remaining)
        org = Organisation.objects.create(
            name=f"Nämnd {index}", short_name=f"N{index}", parent=city, kind=Organisation.Kind.COMMITTEE
        )
        make_plan(org, count, rng)
        remaining -= count
        index += 1

    user = get_user_model().objects.create_user("bench-medarbetare", password="bench-bench-123")
    Membership.objects.create(user=user, organisation=featured, role=Membership.Role.STAFF)
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    print(f"session={session.session_key}")
    print(f"catalogue_url={reverse('plans:activity_list')}")
    print(f"plan_url={featured_revision.get_absolute_url()}")
    print(f"activities={Activity.objects.count()}")
