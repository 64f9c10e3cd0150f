"""The personal data guard: personnummer and samordningsnummer are refused in every free-text field."""

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from situation import services
from situation.models import Environment, Observation, ObservationKind, Problem, SituationPicture, Source
from situation.validators import find_personal_number
from tests.factories import (
    ObservationFactory,
    ProblemFactory,
    SituationPictureFactory,
    SourceFactory,
    environment,
    observation_kind,
)

from .helpers import PNR, observation_post, personal_number, picture_post, source_post, url, wrong_checksum

REFUSED = [
    personal_number("121212"),  # 121212-121x
    personal_number("121212", separator=""),  # 1212121212-like, ten digits
    personal_number("121212", century="19"),  # 19121212-121x
    personal_number("121212", century="19", separator=""),  # twelve digits
    personal_number("121212", separator="+"),  # over a hundred years old
    personal_number("000229", "998"),  # 2000-02-29, a leap day
    personal_number("121272", "239"),  # samordningsnummer: day 12 + 60
    personal_number("121272", "239", century="19", separator=""),
    f"Eleven med nummer {personal_number('121212')} sågs i centrum.",
    f"({personal_number('121212', separator='')})",
]

ALLOWED = [
    "2025/992-1.1.2.3",  # diarienummer, Luleå
    "1.2.3-456/2019",
    "155-943/2015",
    "KS 2020/140, § 140",
    "2019-05-23",
    "20190523",
    "2019-05-23 – 2019-06-30",
    "08-508 25 000",
    "0920-45 30 00",
    "070-123 45 67",
    "+46 70 123 45 67",
    "42 svar",
    "2019",
    "Tre ärenden i IA, två felregistrerade",
    wrong_checksum("121212"),  # right shape, checksum fails
    wrong_checksum("121212", century="19", separator=""),
    wrong_checksum("121272", "239"),
    personal_number("121312"),  # month 13: checksum holds, the date does not exist
    personal_number("121232"),  # day 32
    personal_number("121292"),  # samordningsnummer day 92 = 32
    personal_number("010229"),  # 1901/2001-02-29 never existed
    personal_number("121212", century="31", separator=""),  # year 3112
    "212000-1355",  # organisationsnummer: month 20
    "12345678901234",  # a longer run of digits is not cut into a number
]


@pytest.mark.parametrize("text", REFUSED)
def test_guard_finds_personnummer_and_samordningsnummer(text):
    assert find_personal_number(text) is not None


@pytest.mark.parametrize("text", ALLOWED)
def test_guard_lets_diary_numbers_dates_phone_numbers_and_counts_through(text):
    assert find_personal_number(text) is None


def test_guard_tells_samordningsnummer_apart():
    assert find_personal_number(personal_number("121272", "239")) == "samordningsnummer"
    assert find_personal_number(PNR) == "personnummer"


# Every free-text field of every situation model, with the Swedish label the message names.
GUARDED = {
    SituationPicture: {
        "made_with": "Framtagen tillsammans med",
        "outlook": "Omvärld",
        "occurrence": "Förekomst",
        "knowledge": "Kunskap och utbildningsbehov",
        "routines": "Rutiner",
        "organisation_text": "Organisation, roll- och ansvarsfördelning samt samverkan",
        "follow_up": "Uppföljning och återkoppling",
        "analysis": "Analys",
        "threat_level_source": "Källa för hotnivån",
        "crime_mapping": "Kartläggning av brottsligheten, dess omfattning och konsekvenser",
        "other_information": "Annan relevant information",
    },
    Source: {"description": "Beskrivning"},
    Observation: {"area": "Område", "period": "Period", "description": "Beskrivning"},
    Problem: {"title": "Problem", "area": "Var", "crime_type": "Brottstyp", "causes": "Möjliga orsaker"},
    Environment: {"name": "Namn"},
    ObservationKind: {"name": "Namn"},
}
CASES = [(model, name, label) for model, fields in GUARDED.items() for name, label in fields.items()]


def message(label, kind="personnummer"):
    return (
        f"Fältet ”{label}” innehåller något som ser ut som ett {kind}. "
        "Lägesbilden får inte innehålla personuppgifter."
    )


@pytest.mark.parametrize("model", list(GUARDED))
def test_no_free_text_field_is_left_unguarded(model):
    free_text = {
        f.name
        for f in model._meta.get_fields()
        if isinstance(f, models.CharField | models.TextField) and f.editable and not f.choices
    }
    assert free_text == set(GUARDED[model])


def _instance(model, committee):
    picture = SituationPictureFactory(organisation=committee)
    return {
        SituationPicture: lambda: SituationPictureFactory.build(organisation=committee, year=2020),
        Source: lambda: SourceFactory.build(picture=picture),
        Observation: lambda: ObservationFactory.build(picture=picture),
        Problem: lambda: ProblemFactory.build(picture=picture),
        Environment: lambda: Environment(name="Ny miljö"),
        ObservationKind: lambda: ObservationKind(name="Ny typ"),
    }[model]()


@pytest.mark.parametrize(("model", "field", "label"), CASES)
def test_model_validation_refuses_personnummer_in_every_free_text_field(committee, model, field, label):
    obj = _instance(model, committee)
    obj.full_clean()  # valid as built
    setattr(obj, field, f"Uppgift: {PNR}")
    with pytest.raises(ValidationError) as error:
        obj.full_clean()
    assert error.value.message_dict[field] == [message(label)]


CRIME_PREVENTION_PARTS = {"crime_mapping", "other_information"}
PICTURE_FORM_CASES = [
    ("vbe", field, label)
    for field, label in GUARDED[SituationPicture].items()
    if field not in CRIME_PREVENTION_PARTS
] + [
    (
        "brottsforebyggande",
        "crime_mapping",
        "Kartläggning av brottsligheten, dess omfattning och konsekvenser",
    ),
    ("brottsforebyggande", "other_information", "Annan relevant information"),
    ("brottsforebyggande", "analysis", "Analys, inklusive möjliga orsaker"),
]


@pytest.mark.parametrize(("kind", "field", "label"), PICTURE_FORM_CASES)
def test_picture_form_refuses_personnummer_and_saves_nothing(
    client, coordinator, committee, kind, field, label
):
    picture = SituationPictureFactory(organisation=committee, kind=kind)
    client.force_login(coordinator)
    data = picture_post(picture, **{field: f"Se {personal_number('121272', '239')}"})
    data["analysis"] = data["analysis"] if field == "analysis" else "Ny analys utan personuppgifter."
    response = client.post(url("picture_edit", picture.pk), data)
    assert response.status_code == 400
    assert message(label, "samordningsnummer") in response.content.decode()
    picture.refresh_from_db()
    assert picture.analysis == "Medarbetare behöver mer kunskap om symboler."
    assert picture.version == 1


def test_picture_form_accepts_diary_numbers_dates_and_phone_numbers(client, coordinator, committee):
    picture = SituationPictureFactory(organisation=committee)
    client.force_login(coordinator)
    text = " ".join(ALLOWED)
    response = client.post(
        url("picture_edit", picture.pk), picture_post(picture, analysis=text, routines=text)
    )
    assert response.status_code == 302
    picture.refresh_from_db()
    assert picture.analysis == text


def test_create_form_refuses_personnummer(client, coordinator, committee):
    client.force_login(coordinator)
    response = client.post(
        url("picture_create"), {"organisation": committee.pk, "year": 2020, "made_with": f"Polisen {PNR}"}
    )
    assert response.status_code == 400
    assert message("Framtagen tillsammans med") in response.content.decode()
    assert not SituationPicture.objects.exists()


@pytest.mark.parametrize("field", ["description"])
def test_source_forms_refuse_personnummer(client, coordinator, committee, field):
    picture = SituationPictureFactory(organisation=committee)
    source = SourceFactory(picture=picture)
    client.force_login(coordinator)
    created = client.post(url("source_create", picture.pk), source_post(**{field: PNR}))
    edited = client.post(url("source_edit", source.pk), source_post(source, **{field: PNR}))
    for response in (created, edited):
        assert response.status_code == 400
        assert message("Beskrivning") in response.content.decode()
    assert list(picture.sources.values_list("description", flat=True)) == [source.description]


@pytest.mark.parametrize(("field", "label"), list(GUARDED[Observation].items()))
def test_observation_forms_refuse_personnummer(client, coordinator, committee, field, label):
    picture = SituationPictureFactory(organisation=committee)
    observation = ObservationFactory(picture=picture)
    client.force_login(coordinator)
    new = observation_post(environment=environment(), kind=observation_kind(), **{field: PNR})
    created = client.post(url("observation_create", picture.pk), new)
    edited = client.post(
        url("observation_edit", observation.pk), observation_post(observation, **{field: PNR})
    )
    for response in (created, edited):
        assert response.status_code == 400
        assert message(label) in response.content.decode()
    observation.refresh_from_db()
    assert picture.observations.count() == 1 and observation.version == 1
    assert PNR not in (observation.area + observation.period + observation.description)


def test_services_refuse_personnummer_and_save_nothing(coordinator, committee):
    picture = SituationPictureFactory(organisation=committee)
    source = SourceFactory(picture=picture)
    observation = ObservationFactory(picture=picture)
    attempts = [
        lambda: services.update_picture(
            picture=picture, changes={"analysis": PNR}, version=1, by=coordinator
        ),
        lambda: services.add_source(picture=picture, kind="annat", description=PNR, by=coordinator),
        lambda: services.update_source(
            source=source, changes={"description": PNR}, version=1, by=coordinator
        ),
        lambda: services.add_observation(
            picture=picture, environment=environment(), kind=observation_kind(), area=PNR, by=coordinator
        ),
        lambda: services.update_observation(
            observation=observation, changes={"period": PNR}, version=1, by=coordinator
        ),
        lambda: services.create_picture(organisation=committee, year=2030, made_with=PNR, by=coordinator),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match="Lägesbilden får inte innehålla personuppgifter"):
            attempt()
    picture.refresh_from_db()
    assert picture.version == 1 and PNR not in picture.analysis
    assert picture.sources.count() == 1 and picture.observations.count() == 1
    assert SituationPicture.objects.count() == 1
