"""Demo lägesbilder: Skärholmen 2017–2019 and Luleå 2022, from the seed documents.

Skärholmen 2019 is the lägesbild of the seed plan (reporting from 2018 and the survey of March
2019), 2018 rests on what the seed's analysis says about 2018 against 2017, and 2017 is invented
so that the comparison has three years to show. Luleå 2022 follows the chapters of its seed. No
names of people; counts come from the seed text where it gives them.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from organisations.models import Organisation

from .models import Environment, Observation, ObservationKind, SituationPicture, Source

RIGHT = "Våldsbejakande högerextremism / vit makt-miljön"
LEFT = "Vänsterextremism / autonoma miljön"
ISLAMISM = "Våldsbejakande islamism"
HONOUR = "Hedersrelaterat våld"
OTHER = "Annat"

Kind = Source.Kind
SKARHOLMEN_POLICE = "Lokalpolisen i Skärholmen"

SKARHOLMEN = {
    2017: {
        "status": SituationPicture.Status.ESTABLISHED,
        "made_with": SKARHOLMEN_POLICE,
        "occurrence": (
            "Rapporteringen visar enstaka händelser med inslag av våldsbejakande extremism under 2017, "
            "främst klistermärken och flygblad från vit makt-miljön i och kring Skärholmens centrum."
        ),
        "analysis": (
            "Förvaltningen behöver göra rutinen vid oro känd bland medarbetarna och uppmana dem att "
            "rapportera skadegörelse med extremistiska budskap i incidentrapporteringssystemet (IA)."
        ),
        "sources": [
            (Kind.POLICE, "Lokalpolisens rapportering för 2017.", None),
            (Kind.CONCERN_REPORTS, "Orosanmälningar med våldsbejakande extremistiska inslag under 2017.", 1),
        ],
        "observations": [
            (
                RIGHT,
                "Klistermärken",
                "Skärholmens centrum",
                "2017",
                3,
                "Klistermärken med vit makt-symboler.",
            ),
            (
                RIGHT,
                "Flygblad/affischer",
                "Skärholmens centrum",
                "2017",
                2,
                "Affischering vid busshållplatser.",
            ),
            (RIGHT, "Graffiti/klotter", "Sätra", "2017", 1, "Klotter med vit makt-symbol."),
            (LEFT, "Graffiti/klotter", "Bredäng", "2017", 1, "Klotter med autonom symbolik."),
        ],
    },
    2018: {
        "status": SituationPicture.Status.ESTABLISHED,
        "made_with": SKARHOLMEN_POLICE,
        "occurrence": (
            "Stadsdelsförvaltningen ser en ökning av aktivitet från vit makt under valrörelsen. "
            "Demonstrationer och flygblad främst från vit makt-miljön ökade jämfört med 2017. I området "
            "skedde även ett par demonstrationer av Nordiska motståndsrörelsen.\n\n"
            "Skadegörelse/klotter med inslag av våldsbejakande extremism ökade från 2017. Alla tre "
            "miljöerna var involverade i skadegörelsen/klottret."
        ),
        "analysis": (
            "Utifrån att stadsdelen ser en ökning av aktivitet runt valrörelser är det viktigt att även "
            "politiker involveras i arbetet i form av kunskapshöjning inom området samt vad otillåten "
            "påverkan innebär."
        ),
        "sources": [
            (Kind.POLICE, "Lokalpolisens rapportering för 2018.", None),
            (Kind.CONCERN_REPORTS, "Orosanmälningar med våldsbejakande extremistiska inslag under 2018.", 2),
        ],
        "observations": [
            (
                RIGHT,
                "Demonstrationer/manifestationer",
                "Skärholmen",
                "Valrörelsen 2018",
                2,
                "Demonstrationer av Nordiska motståndsrörelsen.",
            ),
            (
                RIGHT,
                "Flygblad/affischer",
                "Hela stadsdelsområdet",
                "Valrörelsen 2018",
                5,
                "Flygblad och affischering, fler än 2017.",
            ),
            (
                RIGHT,
                "Klistermärken",
                "Skärholmens centrum",
                "2018",
                2,
                "Klistermärken med vit makt-symboler.",
            ),
            (RIGHT, "Graffiti/klotter", "Sätra och Skärholmen", "2018", 3, "Skadegörelse/klotter."),
            (LEFT, "Graffiti/klotter", "Bredäng", "2018", 2, "Skadegörelse/klotter."),
            (ISLAMISM, "Graffiti/klotter", "Vårberg", "2018", 1, "Skadegörelse/klotter."),
        ],
    },
    2019: {
        "status": SituationPicture.Status.DRAFT,
        "made_with": f"{SKARHOLMEN_POLICE} och andra berörda aktörer",
        "occurrence": (
            "Den rapportering som ligger till grund för lägesbilden uppvisar inte många händelser med "
            "inslag av våldsbejakande extremism under 2018. Polisens rapportering rör ett fåtal individer "
            "med koppling till den autonoma och våldsbejakande islamistiska miljön.\n\n"
            "Alla former av extremism förekommer i området. Tre ärenden har rapporterats i IA-systemet, "
            "ett gällande hot och våld; de två andra är felregistrerade och har ingen koppling till VBE. "
            "Till stadsdelsförvaltningen har det inkommit fyra orosanmälningar med våldsbejakande "
            "extremistiska inslag: två under 2018 och hittills två under 2019. Ingen enskild individ har "
            "vänt sig till förvaltningen för att få hjälp att lämna en extremistisk miljö, och ingen "
            "anhörig har hört av sig om behov av stöd. Majoriteten av de svarande i förvaltningens enkäter "
            "har inte sett uttryck för våldsbejakande extremism i området.\n\n"
            "Vanligast är skadegörelse i form av klotter, klistermärken och flygblad/affischering. Av de "
            "externt svarande uppger tre att anhöriga tagit kontakt angående oro för radikalisering, "
            "jämnt fördelat på alla tre miljöerna."
        ),
        "knowledge": (
            "Förvaltningen uppmanar medarbetare att genomgå den obligatoriska webbutbildningen samt delta "
            "på utbildningar från socialförvaltningen för specifika målgrupper."
        ),
        "routines": (
            "Inrapporteringen i IA visar att medarbetare har låg kunskap om att de ska rapportera "
            "skadegörelse såsom klotter och klistermärken med extremistiska budskap. Enkäten visar att "
            "rutinerna för vart tjänstepersoner ska vända sig inte är ordentligt implementerade."
        ),
        "organisation_text": (
            "Arbetet hålls ihop genom befintlig styrgrupp, och samordnaren och avdelningschefen för "
            "socialtjänsten har tät kontakt."
        ),
        "analysis": (
            "När det gäller skadegörelse/klotter behöver förvaltningen uppmana både boende och "
            "tjänstemän att rapportera in så snabbt de ser någonting. Även i ärenden där det kan "
            "förekomma våldsbejakande extremistiska inslag behöver förvaltningen fortsätta arbeta med "
            "att implementera handlingsplanen och rutinerna."
        ),
        "sources": [
            (
                Kind.POLICE,
                "Underlag från lokalpolisen om personer i Skärholmen med känt samröre med "
                "någon av de tre extremistmiljöerna.",
                None,
            ),
            (Kind.STAFF_SURVEY, "Enkät till förvaltningens verksamheter, mars 2019.", None),
            (
                Kind.EXTERNAL_SURVEY,
                "Enkät till föreningar, bostadsbolag, församlingar/samfund, "
                "Trafikförvaltningen, brandförsvaret och MTR, mars 2019.",
                None,
            ),
            (Kind.INCIDENT_REPORTS, "Ärenden i incidentrapporteringssystemet (IA).", 3),
            (
                Kind.CONCERN_REPORTS,
                "Orosanmälningar med våldsbejakande extremistiska inslag, två 2018 och två hittills 2019.",
                4,
            ),
            (
                Kind.OTHER_ADMINISTRATION,
                "Utbildningsförvaltningen, idrottsförvaltningen, "
                "arbetsmarknadsförvaltningen, socialförvaltningen, kulturförvaltningen och trafikkontoret.",
                None,
            ),
        ],
        "observations": [
            (OTHER, "Hot och våld", "Skärholmen", "2018–2019", 1, "Ärende i IA gällande hot och våld."),
            (
                OTHER,
                "Graffiti/klotter",
                "Skärholmen",
                "2018–2019",
                1,
                "Anmälan om skadegörelse i form av klotter från trafikkontoret.",
            ),
            (
                OTHER,
                "Klistermärken",
                "Skärholmen",
                "2018–2019",
                1,
                "Klistermärke observerat av arbetsmarknadsförvaltningen.",
            ),
            (
                OTHER,
                "Flygblad/affischer",
                "Skärholmen",
                "2018–2019",
                None,
                "Det externa aktörer ser mest i området enligt enkäten.",
            ),
            (
                RIGHT,
                "Anhörig som söker stöd",
                "Skärholmen",
                "Våren 2019",
                1,
                "Anhörig har kontaktat extern aktör med oro för radikalisering.",
            ),
            (
                LEFT,
                "Anhörig som söker stöd",
                "Skärholmen",
                "Våren 2019",
                1,
                "Anhörig har kontaktat extern aktör med oro för radikalisering.",
            ),
            (
                ISLAMISM,
                "Anhörig som söker stöd",
                "Skärholmen",
                "Våren 2019",
                1,
                "Anhörig har kontaktat extern aktör med oro för radikalisering.",
            ),
            (
                OTHER,
                "Person som vill lämna",
                "Skärholmen",
                "2018–2019",
                0,
                "Ingen har vänt sig till förvaltningen för att få hjälp att lämna en extremistisk miljö.",
            ),
        ],
    },
}

LULEA_2022 = {
    "status": SituationPicture.Status.ESTABLISHED,
    # The day kommunstyrelsen was informed of the lägesbild and plan (seed).
    "established_at": timezone.make_aware(datetime.datetime(2022, 3, 14, 10)),
    "made_with": "Polisen, Luleå Lokaltrafik, Lulebo och kommunala förvaltningar",
    "outlook": (
        "Säkerhetspolisens årsbok 2021: hotet kommer i första hand från våldsbejakande högerextremism "
        "och våldsbejakande islamism, men bedöms vara föränderligt. Våldsbejakande extremister har till "
        "stor del flyttat ut på digitala plattformar som skapar mötesplatser för radikalisering, "
        "rekrytering och planering, och allt fler unga attraheras av den nätbaserade högerextremismen.\n\n"
        "Nationellt centrum för terrorhotbedömning (NCT), helårsbedömning 2022: det sammantagna "
        "terrorhotet mot Sverige utgör ett förhöjt hot (3) på en femgradig skala, vilket innebär en "
        "bedömning att terrorattentat kan ske under 2022."
    ),
    "occurrence": (
        "Kartläggningen visar inte på någon hög förekomst av eller stora problem med våldsbejakande "
        "extremistiska miljöer i Luleå kommun. Det som generellt har inrapporterats är förekomst av "
        "flygblad, affischering och klotter som främst kan kopplas till sympatier med högerextrem "
        "extremistmiljö. Emellanåt förekommer situationer som tyder på förekomst av hederskultur.\n\n"
        "Utåtriktade aktiviteter inom den högerextrema miljön ökar under våren, vid särskilda "
        "manifestationer för jämlikhet (exempelvis Pride) och under ett valår. Den vänsterextrema miljön "
        "ger sig oftast till känna som en reaktion på dessa, såsom vid parader och demonstrationer."
    ),
    "knowledge": (
        "Det är generellt svårt att veta vad som kan ha kopplingar till en våldsbejakande extremistmiljö. "
        "Främst grundskoleverksamheten och vissa verksamheter inom socialförvaltningen respektive "
        "arbetsmarknadsförvaltningen signalerar behov av utbildning. Verksamheter som arbetar med "
        "fastigheter behöver mer kunskap om symboler som klottras och affischeras."
    ),
    "routines": (
        "På kommunövergripande nivå finns inga rutiner som tydliggör arbetet mot våldsbejakande "
        "extremism, och inga rutiner för att upprätthålla en aktuell lägesbild och aktivitetsplan. "
        "Kommunen har infört metoden Effektiv samordning för trygghet (EST). Socialförvaltningens rutin "
        "mot våldsbejakande extremism (2020-03-26) är enligt kartläggningen inte tillräckligt "
        "implementerad och känd."
    ),
    "organisation_text": (
        "Det finns ingen särskild organisering för arbetet. Kommunen har en samordnare mot våldsbejakande "
        "extremism på kommunstaben, men rollen är inte nedtecknad eller tydliggjord. En "
        "samverkansorganisation med förvaltningar och polis finns inom samverkansöverenskommelsen med "
        "polisen (2020–2023), med en beredningsgrupp som kan tillsätta arbetsgrupper."
    ),
    "follow_up": (
        "I dagsläget saknas ett strukturerat och samlat arbete på området, så även vad gäller "
        "uppföljning. Detta är den första lägesbild som tagits fram i Luleå kommun och därmed finns ännu "
        "inga rutiner för uppföljning och återkoppling av lägesbild och aktivitetsplan."
    ),
    "analysis": (
        "Tecken på sympatier med en högerextrem miljö är vanligare än tecken på sympatier med de övriga "
        "miljöerna, vilket bekräftar NCT:s bild och kan tyda på ett kunskapsglapp när det gäller att "
        "veta vad man ser. Hot och hat har blivit allt mer normaliserat i takt med ett hårdare "
        "samtalsklimat."
    ),
    "threat_level": 3,
    "threat_level_source": "NCT:s helårsbedömning 2022",
    "sources": [
        (Kind.POLICE, "Polisen i arbetsgruppen som kartlade riskbilden hösten 2021.", None),
        (
            Kind.OTHER_ADMINISTRATION,
            "Representanter för kommunala förvaltningar, Luleå Lokaltrafik och Lulebo i arbetsgruppen.",
            None,
        ),
        (
            Kind.OTHER,
            "Informationssäkerhetsavdelningens intervjuer med politiker och tjänstepersoner om hot och hat.",
            None,
        ),
        (Kind.OTHER, "Säkerhetspolisens årsbok 2021 och NCT:s helårsbedömning 2022.", None),
    ],
    "observations": [
        (RIGHT, "Flygblad/affischer", "Luleå kommun", "Hösten 2021", None, "Flygblad och affischering."),
        (
            RIGHT,
            "Graffiti/klotter",
            "Luleå kommun",
            "Hösten 2021",
            None,
            "Klotter med högerextrema symboler.",
        ),
        (
            LEFT,
            "Demonstrationer/manifestationer",
            "Luleå kommun",
            "Hösten 2021",
            None,
            "Motdemonstrationer vid högerextrema parader och demonstrationer.",
        ),
        (
            HONOUR,
            "Annat",
            "Luleå kommun",
            "Hösten 2021",
            None,
            "Situationer som tyder på förekomst av hederskultur.",
        ),
        (
            OTHER,
            "Hot och våld",
            "Luleå kommun",
            "Hösten 2021",
            None,
            "Hot och hat mot politiker och tjänstepersoner.",
        ),
    ],
}


def _picture(organisation, year, data) -> SituationPicture:
    picture, created = SituationPicture.objects.get_or_create(organisation=organisation, year=year)
    if not created:
        return picture
    for name in (
        "made_with",
        "outlook",
        "occurrence",
        "knowledge",
        "routines",
        "organisation_text",
        "follow_up",
        "analysis",
        "threat_level",
        "threat_level_source",
    ):
        if name in data:
            setattr(picture, name, data[name])
    environments = {e.name: e for e in Environment.objects.all()}
    kinds = {k.name: k for k in ObservationKind.objects.all()}
    for order, (kind, description, responses) in enumerate(data["sources"], start=1):
        source = Source(picture=picture, order=order, kind=kind, description=description, responses=responses)
        source._change_reason = "Demodata"
        source.save()
    for env, kind, area, period, count, description in data["observations"]:
        observation = Observation(
            picture=picture,
            environment=environments[env],
            kind=kinds[kind],
            area=area,
            period=period,
            count=count,
            description=description,
        )
        observation._change_reason = "Demodata"
        observation.save()
    picture.status = data["status"]
    if picture.is_frozen:
        picture.established_at = data.get("established_at") or timezone.make_aware(
            datetime.datetime(year, 4, 15, 10)
        )
    picture._change_reason = "Demodata"
    picture.save()
    return picture


@transaction.atomic
def load() -> None:
    """Create the demo lägesbilder once; pictures that already exist are left as they are."""
    skarholmen = Organisation.objects.get(name="Skärholmens stadsdelsnämnd", parent__name="Stockholms stad")
    for year, data in SKARHOLMEN.items():
        _picture(skarholmen, year, data)
    # The Luleå lägesbild 2022 is part of socialnämndens handlingar in the seed, so it belongs to the
    # nämnd, where its demo samordnare can see it.
    lulea_social = Organisation.objects.get(name="Socialnämnden", parent__name="Luleå kommun")
    _picture(lulea_social, 2022, LULEA_2022)
