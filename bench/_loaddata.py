"""Synthetic data for bench/load.py: a city with N adopted activities over its committees, and a second
municipality the benchmark's users must never see.

- Benchstad (kommun) > Utvald nämnd (a 300-activity plan, the plan page measured at every size) >
  Fritidsenheten (the medarbetare's unit). The other N - 300 activities are spread over further
  committees of the city, 500 each: this is what grows between the sizes.
- Grannkommun: two committees of 500 activities whose texts carry the word GRANNORD (a canary).
- A follow-up round of the 300-activity revision with two thirds reported, and ten years (2016–2025)
  of established lägesbilder of the committee with observations, for the comparison page.
- Users: a medarbetare, a samordnare (Utvald nämnd) and a central samordnare (Benchstad), each with the
  password PASSWORD; bench/load.py logs them in through the login form.

Rows are written with bulk_create: throw-away benchmark data, without history. The database triggers
place every activity in the catalogue and the search index, as they do for the application's own writes.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from followup.models import ActivityFollowUp, FollowUpRound, FollowUpStatus
from organisations.models import Membership, Organisation
from plans.models import ActionPlan, Activity, Chapter, PlanRevision
from situation.models import Environment, Observation, ObservationKind, SituationPicture

PASSWORD = "bench-bench-123"
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
RESPONSIBLE = ["Avdelningschefer", "Enhetschef fritid", "Socialtjänsten", "Skolan", "Styrgruppen"]
KINDS = [Chapter.Kind.PREVENTIVE, Chapter.Kind.HINDERING, Chapter.Kind.GRANTS, Chapter.Kind.TRAINING]
FEATURED_ACTIVITIES = 300
PER_ORGANISATION = 500
NEIGHBOUR_COMMITTEES = 2
YEARS = range(2016, 2026)


def sentence(rng: random.Random, n: int, extra: str = "") -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    if extra:
        words.insert(rng.randrange(n), extra)
    return " ".join(words).capitalize()


def make_plan(org, activities, rng, *, unit=None, extra="") -> PlanRevision:
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
    batch = [
        Activity(
            chapter=chapters[i % len(chapters)],
            order=i,
            text=sentence(rng, 12, extra),
            purpose=sentence(rng, 10),
            responsible=RESPONSIBLE[i % len(RESPONSIBLE)],
            responsible_unit=unit if unit and i % 2 == 0 else None,
            partners="Polis, Civilsamhället",
            timing="Pågående",
            follow_up_method="Följs upp i ordinarie verksamhetsuppföljning",
        )
        for i in range(activities)
    ]
    Activity.objects.bulk_create(batch, batch_size=2000)
    return revision


def committees(parent, count, per_organisation, rng, prefix, extra=""):
    remaining, index = count, 0
    while remaining > 0:
        size = min(per_organisation, remaining)
        org = Organisation.objects.create(
            name=f"{prefix} {index}", short_name=f"{prefix[:3]}{index}", parent=parent, kind="namnd"
        )
        make_plan(org, size, rng, extra=extra)
        remaining -= size
        index += 1


def followup_round(revision, coordinator) -> FollowUpRound:
    round_ = FollowUpRound.objects.create(
        revision=revision, kind="tertial2", period="Maj–augusti 2025", deadline=datetime.date(2025, 9, 15)
    )
    statuses = list(FollowUpStatus.objects.filter(organisation__isnull=True))
    now = timezone.now()
    entries = []
    for i, activity in enumerate(Activity.objects.filter(chapter__revision=revision).order_by("pk")):
        reported = i % 3 != 0
        entries.append(
            ActivityFollowUp(
                round=round_,
                activity=activity,
                status=statuses[i % len(statuses)] if reported and statuses else None,
                narrative="Genomfört enligt plan, fortsätter under hösten." if reported else "",
                reported_by=coordinator if reported else None,
                reported_at=now if reported else None,
            )
        )
    ActivityFollowUp.objects.bulk_create(entries, batch_size=2000)
    return round_


def pictures(org, rng) -> SituationPicture:
    environments, kinds = list(Environment.objects.all()), list(ObservationKind.objects.all())
    latest = None
    for year in YEARS:
        latest = SituationPicture.objects.create(
            organisation=org,
            year=year,
            status=SituationPicture.Status.ESTABLISHED,
            made_with="Lokalpolisen",
            outlook=sentence(rng, 40),
            analysis=sentence(rng, 40),
            threat_level=3,
            threat_level_source=f"NCT:s bedömning {year}",
            established_at=timezone.now(),
        )
        Observation.objects.bulk_create(
            Observation(
                picture=latest,
                environment=environments[i % len(environments)],
                kind=kinds[i % len(kinds)],
                area="Centrum",
                period=f"Våren {year}",
                count=rng.randrange(0, 30),
                description=sentence(rng, 12),
            )
            for i in range(30)
        )
    return latest


def build(total: int) -> None:
    rng = random.Random(20261201)
    city = Organisation.objects.create(name="Benchstad", short_name="Benchstad", kind="kommun")
    featured = Organisation.objects.create(
        name="Utvald nämnd", short_name="Utvald", parent=city, kind="namnd"
    )
    unit = Organisation.objects.create(
        name="Fritidsenheten", short_name="Fritid", parent=featured, kind="enhet"
    )
    featured_revision = make_plan(featured, FEATURED_ACTIVITIES, rng, unit=unit)
    committees(city, max(total - FEATURED_ACTIVITIES, 0), PER_ORGANISATION, rng, "Nämnd")
    neighbour = Organisation.objects.create(name="Grannkommun", short_name="Granne", kind="kommun")
    committees(
        neighbour, NEIGHBOUR_COMMITTEES * PER_ORGANISATION, PER_ORGANISATION, rng, "Grannämnd", "grannord"
    )

    users = {}
    for role, org in (
        (Membership.Role.STAFF, unit),
        (Membership.Role.COORDINATOR, featured),
        (Membership.Role.CENTRAL, city),
    ):
        user = get_user_model().objects.create_user(f"bench-{role}", password=PASSWORD)
        Membership.objects.create(user=user, organisation=org, role=role)
        users[role] = user
    round_ = followup_round(featured_revision, users[Membership.Role.COORDINATOR])
    picture = pictures(featured, rng)

    for role, user in users.items():
        print(f"user_{role}={user.username}")
    print(f"plan_url={featured_revision.get_absolute_url()}")
    print(f"progress_url={reverse('followup:round_detail', args=[round_.pk])}")
    print(f"report_url={reverse('followup:round_report', args=[round_.pk])}")
    print(f"comparison_url={reverse('situation:picture_comparison', args=[picture.pk])}")
    print(f"featured_org={featured.pk}")
    print(f"neighbour_org={neighbour.pk}")
    print(f"activities={Activity.objects.count()}")
