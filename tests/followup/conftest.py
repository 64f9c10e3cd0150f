import pytest

from followup import services
from organisations.models import Organisation
from tests.factories import ActivityFactory, ChapterFactory, OrganisationFactory, PlanRevisionFactory


@pytest.fixture
def other_unit(committee):
    return OrganisationFactory(
        name="Avdelningen för förskola", short_name="Forskola", kind=Organisation.Kind.UNIT, parent=committee
    )


@pytest.fixture
def revision(committee):
    return PlanRevisionFactory(plan__organisation=committee, year=2019, adopted=True)


@pytest.fixture
def activities(revision, unit, other_unit):
    """Two activities of `unit`, one of `other_unit`, one with only a free-text responsible."""
    preventive = ChapterFactory(revision=revision, order=1)
    training = ChapterFactory(revision=revision, order=2, heading="Kompetenshöjande insatser")
    return [
        ActivityFactory(chapter=preventive, text="Mötesplatser för unga", responsible_unit=unit),
        ActivityFactory(chapter=preventive, text="Föräldraträffar", responsible_unit=other_unit),
        ActivityFactory(
            chapter=training,
            text="Föreläsning om våldsbejakande extremism",
            responsible="Avdelningschefer och styrgruppen",
        ),
        ActivityFactory(chapter=training, text="Utbildning i rutinen vid oro", responsible_unit=unit),
    ]


@pytest.fixture
def round_(revision, activities, coordinator):
    import datetime

    return services.open_round(
        revision=revision,
        kind="tertial2",
        period="Maj–augusti 2019",
        deadline=datetime.date(2099, 9, 15),
        by=coordinator,
    )


def entry_for(round_, activity):
    return round_.entries.get(activity=activity)
