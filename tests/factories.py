"""Factories shared by every app's tests. Names are invented."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from organisations.models import Membership, Organisation
from plans.models import ActionPlan, Activity, Chapter, Indicator, IndicatorTarget, PlanRevision, Routine


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Testnämnd {n}")
    short_name = factory.Sequence(lambda n: f"Test{n}")
    kind = Organisation.Kind.COMMITTEE
    parent = None


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"anvandare{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    password = factory.PostGenerationMethodCall("set_password", "testlosen-123")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.COORDINATOR


def member(role, organisation, **user_kwargs):
    """A user holding `role` in `organisation`."""
    return MembershipFactory(role=role, organisation=organisation, user=UserFactory(**user_kwargs)).user


# --- plans -----------------------------------------------------------------------------------------


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    organisation = factory.SubFactory(OrganisationFactory)
    title = "Handlingsplan mot våldsbejakande extremism"


class PlanRevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanRevision

    plan = factory.SubFactory(ActionPlanFactory)
    year = 2019
    status = PlanRevision.Status.DRAFT

    class Params:
        adopted = factory.Trait(
            status=PlanRevision.Status.ADOPTED,
            decided_by=factory.LazyAttribute(lambda o: o.plan.organisation.name),
            decided_on=datetime.date(2019, 5, 23),
            paragraph="12",
            diary_number="1.2.3-456/2019",
        )


class ChapterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Chapter

    revision = factory.SubFactory(PlanRevisionFactory)
    order = factory.Sequence(lambda n: n)
    heading = "Förebyggande arbete"
    body = "Förebyggande arbete handlar om att öka medvetenheten i demokratifrågor."
    kind = Chapter.Kind.PREVENTIVE


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    chapter = factory.SubFactory(ChapterFactory)
    order = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Föräldrastöd i form av föräldrarådgivare, insats {n}")
    purpose = "Stärka föräldrar i deras roll"
    responsible = "Socialtjänst och förskola"
    partners = "Polis, Civilsamhället"
    timing = "Pågående"
    follow_up_method = "Följs upp i ordinarie verksamhetsuppföljning"


class RoutineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Routine

    organisation = factory.SubFactory(OrganisationFactory)
    kind = Routine.Kind.CONCERN
    title = "Rutin vid oro/händelse rörande våldsbejakande extremism"
    body = "Kontakta närmaste chef och förvaltningens samordnare samma dag."
    contact = "Samordnare, telefon 08-123 456 78"


# --- followup --------------------------------------------------------------------------------------


class FollowUpRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "followup.FollowUpRound"

    revision = factory.SubFactory(PlanRevisionFactory, adopted=True)
    kind = "tertial2"
    period = factory.Sequence(lambda n: f"Maj–augusti {2019 + n}")
    deadline = datetime.date(2099, 9, 15)


class ActivityFollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "followup.ActivityFollowUp"

    round = factory.SubFactory(FollowUpRoundFactory)
    activity = factory.SubFactory(
        ActivityFactory, chapter__revision=factory.SelfAttribute("...round.revision")
    )


# --- situation -------------------------------------------------------------------------------------

from situation.models import (  # noqa: E402
    Environment,
    Observation,
    ObservationKind,
    Problem,
    SituationPicture,
    Source,
)


class SituationPictureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SituationPicture

    organisation = factory.SubFactory(OrganisationFactory)
    year = 2019
    status = SituationPicture.Status.DRAFT
    made_with = "Lokalpolisen"
    occurrence = "Klotter och klistermärken förekommer i centrum."
    analysis = "Medarbetare behöver mer kunskap om symboler."

    class Params:
        established = factory.Trait(status=SituationPicture.Status.ESTABLISHED)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    picture = factory.SubFactory(SituationPictureFactory)
    kind = Source.Kind.STAFF_SURVEY
    description = "Enkät till förvaltningens verksamheter i mars."
    responses = 42


def environment(name="Våldsbejakande högerextremism / vit makt-miljön"):
    """A reference environment seeded by the data migration."""
    return Environment.objects.get(name=name)


def observation_kind(name="Graffiti/klotter"):
    return ObservationKind.objects.get(name=name)


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    picture = factory.SubFactory(SituationPictureFactory)
    environment = factory.LazyFunction(environment)
    kind = factory.LazyFunction(observation_kind)
    area = "Centrum"
    period = "Våren"
    count = 2
    description = "Klotter på en gångtunnel."


class ProblemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Problem

    picture = factory.SubFactory(SituationPictureFactory)
    priority = factory.Sequence(lambda n: n % 9 + 1)
    title = factory.Sequence(lambda n: f"Klotter med extremistiska symboler, område {n}")
    area = "Centrum"
    causes = "Få vuxna i rörelse kvällstid."


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    activity = factory.SubFactory(ActivityFactory)
    name = "Andel elever som känner sig trygga i skolan"
    unit = "procent"
    baseline_year = 2018
    baseline_value = Decimal("62.5")
    baseline_source = "Elevenkäten 2018"


class IndicatorTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorTarget

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2020
    value = Decimal("70")


# --- meetings --------------------------------------------------------------------------------------


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.Meeting"

    organisation = factory.SubFactory(OrganisationFactory)
    date = datetime.date(2020, 3, 26)
    starts_at = datetime.time(8, 15)
    place = "Sammanträdesrummet"
