# ruff: noqa: E501  (transcribed text: long Swedish strings are kept whole for grep-ability)
"""Demo plans transcribed from the seed documents (activity rows complete, prose shortened).

Each activity is (text, purpose, responsible, partners, timing, follow-up, demo unit key or None).
Names of people in routines are invented.
"""

import datetime

from .models import Chapter, Routine

K = Chapter.Kind
ILS = "Uppföljning i ILS"
AVTAL = "Enligt samverkansavtal med polisen"
SDF = "Stadsdelsförvaltningen"
ORD = "Följs upp i ordinarie verksamhetsuppföljning"

HASSELBY_2018 = {
    "org": "hv",
    "year": 2018,
    "decision": ("Hässelby-Vällingby stadsdelsnämnd", datetime.date(2018, 3, 22), "9", "1.2.3-118/2018"),
    "chapters": [
        (
            "Inledning",
            K.PROSE,
            "I en demokrati har alla rätt att uttrycka sina politiska åsikter, även sådana som kan uppfattas "
            "som obekväma. Politiska handlingar som står i strid med demokratins grundläggande spelregler kan "
            "dock aldrig accepteras. Det är därför viktigt att värna demokratin mot våldsbejakande extremism.\n\n"
            "Kommunfullmäktige beslutade i maj 2016 om stadsövergripande riktlinjer mot våldsbejakande "
            "extremism. Stadsdelsnämnderna ska utarbeta lokala handlingsplaner för en tydlig ansvarsfördelning "
            "och struktur i arbetet.",
            [],
        ),
        (
            "Definitioner",
            K.PROSE,
            "Våldsbejakande extremism är ett samlingsbegrepp för rörelser, ideologier eller miljöer som inte "
            "accepterar en demokratisk samhällsordning och som främjar våld för att uppnå ett ideologiskt mål.",
            [],
        ),
        (
            "Avgränsning",
            K.PROSE,
            "Den lokala handlingsplanen omfattar endast åtgärder som förvaltningen äger rådighet över, vilket "
            "bland annat innebär att stadsdelsområdets skolor och gymnasier är undantagna från handlingsplanen.",
            [],
        ),
        (
            "Olika våldsbejakande extremistmiljöer i Sverige",
            K.PROSE,
            "Enligt Säkerhetspolisens definition finns i huvudsak tre extremistiska miljöer i Sverige: den "
            "högerextremistiska vit makt-miljön, den vänsterextremistiska autonoma miljön och den islamistiska "
            "extremistmiljön. Därutöver finns ensamagerande extremister.",
            [],
        ),
        (
            "Lokal lägesbild",
            K.PROSE,
            "Förvaltningens enheter har inte sett några uttryck för våldsbejakande extremism sedan tertialrapport "
            "2 2017. I stadsmiljön har klistermärken förekommit vid ett par tunnelbanestationer. Polisens "
            "bedömning är att grupperingarna idag inte bedriver någon aktivitet inom stadsdelsområdet.",
            [],
        ),
        (
            "Aktiviteter för förebyggande arbete",
            K.PREVENTIVE,
            "Förebyggande arbete handlar bland annat om att öka medvetenheten i demokratifrågor och att "
            "motverka utanförskap, våld och annan kriminalitet.",
            [
                (
                    "Ge alla barn förutsättningar till goda och jämlika uppväxtvillkor",
                    "",
                    SDF,
                    "Civilsamhället, Utbildningsförvaltning, Landstinget",
                    "",
                    ILS,
                    None,
                ),
                ("Stärka tilliten till myndigheter och politiska system", "", SDF, "", "", ILS, None),
                (
                    "Arbeta våldsförebyggande inom fritidsverksamheten",
                    "",
                    SDF,
                    "Entreprenörer t.o.m. juli 2018",
                    "",
                    ILS,
                    None,
                ),
                ("Öka ungdomars delaktighet och påverkan", "", SDF, "Stadsledningskontoret", "", ILS, None),
                ("Förebygga utanförskap", "", SDF, "Landsting, Utbildningsförvaltning", "", ILS, None),
                (
                    "Förhindra och förebygga kriminellt beteende hos unga vuxna 15-29 år",
                    "",
                    SDF,
                    "Utbildningsförvaltning, Polis",
                    "",
                    AVTAL,
                    None,
                ),
                (
                    "Stödjer elever till en högre närvaro och måluppfyllelse i skolan",
                    "",
                    SDF,
                    "Utbildningsförvaltning",
                    "",
                    ILS,
                    None,
                ),
                (
                    "Samhällsvägledning till invånare avseende stödtelefon samt kontaktvägar till socialtjänsten",
                    "",
                    SDF,
                    "Rädda Barnen",
                    "",
                    ILS,
                    None,
                ),
                (
                    "Utbildning för medarbetare om våldsbejakande extremism",
                    "",
                    SDF,
                    "Central samordnare, Polis",
                    "",
                    ILS,
                    None,
                ),
                ("Värdegrundsarbete i förskola, fritidsgårdar och parklekar", "", SDF, "", "", ILS, None),
                (
                    "Följer riktlinjerna vid misstankar om händelser som har beröring med våldsbejakande extremism",
                    "",
                    SDF,
                    "Polis",
                    "",
                    AVTAL,
                    None,
                ),
                (
                    "Återkräva föreningsbidrag vid konstaterande om våldsbejakande extremism",
                    "",
                    SDF,
                    "Polis, Samfund, Föreningar, Kronofogde, Skatteverket",
                    "",
                    AVTAL,
                    None,
                ),
            ],
        ),
        (
            "Föreningsbidrag och uthyrning av lokaler",
            K.PROSE,
            "Stadsdelsnämnden beslutar årligen om föreningsbidrag. Föreningar ska arbeta utifrån den "
            "demokratiska rättsstatens principer och mänskliga rättigheter; samma krav gäller vid hyra av "
            "förvaltningens lokaler.",
            [],
        ),
        (
            "Aktiviteter för förhindrande arbete",
            K.HINDERING,
            "Det förhindrande arbetet är de insatser och åtgärder som riktas mot individer som håller på att "
            "hamna i, eller befinner sig i, våldsbejakande extremistmiljöer. Exempel på samverkansformer för "
            "tidig upptäckt är SSPF, SIG, PPSS och den öppna fritidsverksamheten.",
            [
                (
                    "Ta emot orosanmälningar och ansökningar som rör barn och unga samt utreda deras eventuella "
                    "behov av skydd och/eller stöd",
                    "",
                    SDF,
                    "Polis",
                    "",
                    "Dialog ansvariga chefer",
                    None,
                ),
                (
                    "Följer riktlinjerna vid misstankar om händelser som har beröring med våldsbejakande extremism",
                    "",
                    SDF,
                    "Polis",
                    "",
                    "Dialog ansvariga chefer",
                    None,
                ),
            ],
        ),
        (
            "Aktiviteter 2018",
            K.OTHER,
            "Önskat resultat:\n- Medarbetare ska känna till organisation och rutiner i arbetet.\n"
            "- Medarbetare ska veta vart de ska vända sig med frågor i ämnet.\n"
            "- Den grupp som gått fördjupningsutbildningarna ska känna sig rustade inför eventuella uppdrag.\n"
            "- En fungerande samverkan med berörda aktörer kring frågan, främst polis och skolor.\n"
            "Resultatet följs upp i verksamhetsberättelsen 2018.",
            [
                (text, "", "", "", timing, "Verksamhetsberättelsen 2018", None)
                for text, timing in [
                    ("Uppdatera den interna organisationen inklusive rutinen", "Maj"),
                    ("Förankra den interna organisationen inklusive rutinen", "Juni"),
                    ("Intern utbildning för förvaltningens enhetschefer", "Juni"),
                    ("Göra intranätsidan om våldsbejakande extremism känd i organisationen", "Juni"),
                    ("Utsedd grupp deltar i stadens fördjupningsutbildningar", "Start april"),
                    (
                        "Regelbundna möten mellan förvaltningens samordnare och de med fördjupad kunskap",
                        "Start maj",
                    ),
                    ("Delta i stadens grundutbildningar", "Hösten 2018"),
                    ("Delta i stadens kunskapshöjande föreläsningar", "Hela 2018"),
                ]
            ],
        ),
    ],
}

SKARHOLMEN_2019 = {
    "org": "skarholmen",
    "year": 2019,
    "decision": ("Skärholmens stadsdelsnämnd", datetime.date(2019, 5, 23), "12", "1.2.3-456/2019"),
    "chapters": [
        (
            "Inledning och syfte",
            K.PROSE,
            "Våldsbejakande extremism är ett samlingsbegrepp för rörelser, ideologier eller miljöer som inte "
            "accepterar en demokratisk samhällsordning och som främjar våld för att uppnå ett ideologiskt mål.\n\n"
            "Syftet med handlingsplanen är att säkerställa en tydlig ansvarsfördelning och struktur för arbetet "
            "med att förebygga och motverka våldsbejakande extremism på lokal nivå. Handlingsplanerna revideras "
            "årligen.",
            [],
        ),
        (
            "Ansvar och samverkan",
            K.PROSE,
            "Nämnden ska ha en lokal samordnare som deltar i stadens nätverk, samverkar löpande med polisen, är "
            "kontaktpunkt i frågor som rör våldsbejakande extremism och stödjer förvaltningens verksamheter.\n\n"
            "Samverkan avseende våldsbejakande extremism infogas i befintlig samverkan med polis, skola, "
            "socialtjänst, förskola och civilsamhället. En rutin vid oro/händelse rörande våldsbejakande "
            "extremism och en blankett för oidentifierad information finns på intranätet.",
            [],
        ),
        (
            "Lokal lägesbild",
            K.PROSE,
            "Den rapportering som ligger till grund för lägesbilden uppvisar inte många händelser med inslag av "
            "våldsbejakande extremism under 2018. Vanligast är skadegörelse i form av klotter, klistermärken och "
            "flygblad. Förvaltningen ser en ökning av aktivitet från vit makt-miljön under valrörelsen.",
            [],
        ),
        (
            "Förebyggande arbete",
            K.PREVENTIVE,
            "Förebyggande arbete handlar bland annat om att öka medvetenheten i demokratifrågor, samt att "
            "bedriva ett förebyggande arbete mot utanförskap, våld och annan kriminalitet.",
            [
                (
                    "Implementera handlingsplanen och stadens rutiner avseende vbe",
                    "",
                    "Avdelningschefer och styrgruppen",
                    "",
                    "2019",
                    ORD,
                    None,
                ),
                (
                    "Stärkt tidigt stöd i samverkan STIS och introduktionsförskola, hembesöksprogrammet",
                    "",
                    "Socialtjänst och förskola",
                    "Förskola",
                    "Pågående",
                    ORD,
                    "skarholmen-soc",
                ),
                (
                    "Föräldrastöd i form av föräldrarådgivare och föräldrastödskurser",
                    "",
                    "Socialtjänst och förskola",
                    "Förskola",
                    "Pågående",
                    ORD,
                    "skarholmen-forskola",
                ),
                (
                    "Delta i Mentors in Violence prevention på en av grundskolorna i området",
                    "",
                    "Socialtjänst",
                    "Grundskola",
                    "Pågående",
                    ORD,
                    "skarholmen-soc",
                ),
                (
                    "Erbjuda feriearbete till ungdomar på alla skollov",
                    "",
                    "Avdelningschefer",
                    "",
                    "Pågående",
                    ORD,
                    None,
                ),
                (
                    "I befintliga samverkansforum ta upp frågan runt våldsbejakande extremism",
                    "",
                    "Ansvarig för forumet",
                    "",
                    "2019",
                    "",
                    None,
                ),
                (
                    "Fortsätt systematiskt arbeta för att öka valdeltagandet bland annat tillsammans med "
                    "civilsamhället",
                    "",
                    "Medborgarkontoret",
                    "Civilsamhället",
                    "2019",
                    ORD,
                    "skarholmen-fritid",
                ),
                (
                    "Stärka invånarnas kontakt med lokala politiker, öppna nämndmöten samt medborgarmöten 8 ggr/år",
                    "",
                    "SDN och BRÅ",
                    "",
                    "Fortlöpande",
                    ORD,
                    None,
                ),
                (
                    "Informera medarbetare om hur olika symboler ser ut i de olika miljöerna",
                    "",
                    "Enhetschefer",
                    "",
                    "2019",
                    ORD,
                    None,
                ),
                (
                    "Deltagande i stadens och regionens olika nätverk",
                    "",
                    "Preventionssamordnare, avdelningschef socialtjänst, enhetschef ekonomiskt bistånd",
                    "",
                    "Pågående",
                    ORD,
                    "skarholmen-soc",
                ),
                (
                    "Samarbeta med fastighetsägarna genom att ha ett gemensamt seminarium gällande lokaluthyrning",
                    "",
                    "Preventionssamordnare",
                    "Fastighetsägare",
                    "HT 2019",
                    ORD,
                    None,
                ),
                (
                    "Bjuda in Arbetsmarknadsförvaltningen och Trafikkontoret till Brottsförebyggande rådet",
                    "",
                    "Preventionssamordnare",
                    "Arbetsmarknadsförvaltningen, Trafikkontoret",
                    "2019",
                    ORD,
                    None,
                ),
                (
                    "Styrgrupp mot våldsbejakande extremism",
                    "",
                    "Socialtjänst och stadsutveckling",
                    "",
                    "Pågående",
                    ORD,
                    "skarholmen-soc",
                ),
                (
                    "Öka stadsdelsförvaltningens samverkan med civilsamhället och föreningar/trossamfund",
                    "",
                    "Stadsutveckling/medborgarservice och socialtjänst",
                    "Civilsamhället, Föreningar, Trossamfund",
                    "2019",
                    "",
                    "skarholmen-soc",
                ),
            ],
        ),
        (
            "Förhindrande arbete",
            K.HINDERING,
            "Det förhindrande arbetet är de insatser och åtgärder som riktas mot personer som håller på att "
            "hamna i, eller befinner sig i, våldsbejakande extremistmiljöer. Socialtjänsten kan erbjuda stöd "
            "till den som vill lämna en våldsbejakande miljö och till anhöriga.",
            [
                (
                    "Preventionssamordnare träffar kommunpolis var 14:e dag och analyserar lägesbilden i området",
                    "",
                    "Stadsutveckling och medborgarservice",
                    "Polis",
                    "Pågående",
                    ORD,
                    None,
                ),
                (
                    "Operativ samverkan med tjänstepersoner från olika myndigheter som möter unga och unga vuxna "
                    "sker varje månad",
                    "",
                    "Preventionssamordnaren",
                    "Polis, Utbildningsförvaltningen",
                    "Pågående",
                    ORD,
                    None,
                ),
                (
                    "Om det stadsövergripande vbe-teamet får information som berör stadsdelsområdet har stadsdelen "
                    "i uppdrag att samverka med dem i arbetet",
                    "",
                    "Socialtjänsten",
                    "Socialförvaltningens vbe-team",
                    "Pågående",
                    ORD,
                    "skarholmen-soc",
                ),
                (
                    "Implementera den stadsövergripande vägledningen för ärenden gällande barn och unga som "
                    "återvänder från krigsdrabbade områden, med eller utan vårdnadshavare, eller som fortfarande "
                    "befinner sig i krigsdrabbade områden",
                    "",
                    "Socialtjänsten",
                    "",
                    "2019-05-01",
                    ORD,
                    "skarholmen-soc",
                ),
                (
                    "Se över rutiner på individnivå för att hantera avhoppare och drabbade anhöriga som "
                    "individuellt utformade insatser enligt SoL eller LVU om behov uppstår",
                    "",
                    "Socialtjänsten",
                    "",
                    "2019",
                    ORD,
                    "skarholmen-soc",
                ),
                (
                    "Uppmana tjänstemän internt och externt samt invånare att använda Tyck till-appen för att "
                    "snabbt få bort klotter",
                    "",
                    "Alla",
                    "Trafikkontoret",
                    "2019",
                    ORD,
                    None,
                ),
                (
                    "Regelbunden samverkan mellan socialtjänst och ansvarig lokalpolis där vbe-frågan finns med på "
                    "dagordningen",
                    "",
                    "Socialtjänsten",
                    "Polis",
                    "2019",
                    "2019",
                    "skarholmen-soc",
                ),
            ],
        ),
        (
            "Föreningsbidrag och upplåtande av lokaler",
            K.GRANTS,
            "Stöd i form av ekonomiska bidrag från staden ska inte ges till någon aktör som inte står bakom den "
            "demokratiska rättsstatens principer, de mänskliga rättigheterna och jämställdhet mellan kvinnor och "
            "män.",
            [
                (
                    "Delta i stadens arbetsgrupp för att ta fram riktlinjer runt föreningsbidrag och lokaluthyrning",
                    "",
                    "Medborgarkontoret",
                    "Stadsledningskontoret",
                    "VT 2019",
                    ORD,
                    "skarholmen-fritid",
                ),
                (
                    "Implementera och arbeta efter stadens riktlinjer för lokaluthyrning",
                    "",
                    "Resursenheten Äldreomsorgen",
                    "",
                    "2019-09-01",
                    ORD,
                    None,
                ),
                (
                    "Implementera och arbeta efter stadens riktlinjer för föreningsbidrag",
                    "",
                    "Medborgarkontoret",
                    "Föreningar",
                    "2019-09-01",
                    ORD,
                    "skarholmen-fritid",
                ),
            ],
        ),
        (
            "Kompetenshöjande insatser",
            K.TRAINING,
            "Behovet av kunskapshöjande åtgärder är fortsatt stort. En webbaserad grundutbildning om "
            "våldsbejakande extremism finns i alla anställdas utbildningsportal.",
            [
                (
                    "All personal ska ha genomgått stadens obligatoriska webbutbildning rörande våldsbejakande "
                    "extremism",
                    "",
                    "Förvaltningsledning",
                    "",
                    "2019-2020",
                    ORD,
                    None,
                ),
                (
                    "Personal på stadsdelsförvaltningen uppmanas delta i de utbildningar som anordnas "
                    "stadsövergripande för riktade målgrupper",
                    "",
                    "Avdelningschefer och preventionssamordnare",
                    "",
                    "Pågående",
                    ORD,
                    None,
                ),
                (
                    "Kompetenshöja socialtjänsten runt otillåten påverkan",
                    "",
                    "Preventionssamordnare, säkerhetssamordnare, HR-chef och verksamhetsutvecklare inom "
                    "socialtjänsten",
                    "",
                    "2019",
                    ORD,
                    "skarholmen-soc",
                ),
                (
                    "Kompetenshöja förtroendevalda runt otillåten påverkan via en infonämnd",
                    "",
                    "Stadsdelsdirektör och preventionssamordnare",
                    "",
                    "2019",
                    ORD,
                    None,
                ),
                (
                    "Kompetenshöja skolsociala team kring vbe-frågan",
                    "",
                    "Socialtjänsten",
                    "Skola",
                    "2019",
                    ORD,
                    "skarholmen-soc",
                ),
                (
                    "Kompetenshöja anhörigstödarna kring vbe-frågan",
                    "",
                    "Socialtjänsten",
                    "",
                    "2019",
                    ORD,
                    "skarholmen-soc",
                ),
            ],
        ),
        (
            "Uppföljning",
            K.PROSE,
            "Handlingsplanen följs upp årligen inom ramen för ordinarie styrning. Handlingsplanen revideras "
            "årligen utifrån aktuell lägesbild, som tas fram tillsammans med andra berörda nämnder och polisen. "
            "Nästa revidering sker i samband med tertialrapport 1 2020.",
            [],
        ),
    ],
}

# The 2020 draft: copies of 2019 with these edits, so that the comparison shows something.
SKARHOLMEN_2020_EDITS = {
    "timing": {"2019": "2020", "HT 2019": "HT 2020", "VT 2019": "VT 2020"},
    "changed_text": {
        "Informera medarbetare om hur olika symboler ser ut i de olika miljöerna": (
            "Informera medarbetare om hur olika symboler ser ut i de olika miljöerna, med stadens symbollexikon"
        ),
    },
    "removed": [
        "Delta i stadens arbetsgrupp för att ta fram riktlinjer runt föreningsbidrag och lokaluthyrning"
    ],
    "added": {
        "Kompetenshöjande insatser": (
            "Utbilda medarbetare i att rapportera klotter och klistermärken med extremistiska budskap i IA",
            "Öka inrapporteringen enligt lägesbilden 2019",
            "Enhetschefer och preventionssamordnare",
            "Trafikkontoret",
            "VT 2020",
            ORD,
            None,
        ),
    },
}

LULEA_2022 = {
    "org": "lulea-soc",
    "year": 2022,
    "title": "Aktivitetsplan mot våldsbejakande extremism",
    "decision": ("Socialnämnden", datetime.date(2022, 4, 27), "41", "2022/311-1.1.2"),
    "chapters": [
        (
            "Bakgrund",
            K.PROSE,
            "Lägesbilden och aktivitetsplanen har tagits fram i enlighet med kommunstyrelsens beslut. "
            "Beredningsgruppen för trygghet och brottsförebyggande har löpande tagit del av arbetet. Detta är "
            "den första lägesbild som tagits fram i Luleå kommun.",
            [],
        ),
        (
            "Aktivitetsplan",
            K.PREVENTIVE,
            "",
            [
                (
                    "Tydliggör samordnarens roll och skapa kännedom om funktionen hos förvaltningar och relevanta "
                    "externa samverkansparter",
                    "Öka förmåga att samordna förebyggande och förhindrande arbete",
                    "Kommunstaben",
                    "",
                    "VT 2022",
                    "",
                    None,
                ),
                (
                    "Integrera arbetet mot våldsbejakande extremism i kommunens övriga brottsförebyggande arbete",
                    "Öka förmåga att samordna förebyggande och förhindrande arbete",
                    "Kommunstaben",
                    "Beredningsgruppen",
                    "VT 2022",
                    "",
                    None,
                ),
                (
                    "Etablera ett rutinmässigt arbetssätt för att hålla lägesbild och aktivitetsplan aktuell över "
                    "tid, inklusive uppföljning och återkoppling",
                    "Skapa och ajourhålla underlag för att möjliggöra ett effektivt arbete i förhållande till "
                    "lokala problembilder och orsaker",
                    "Kommunstaben",
                    "Beredningsgruppen, Arbetsmarknadsförvaltningen",
                    "VT 2022",
                    "",
                    None,
                ),
                (
                    "Inventera vilka personalkategorier som bedöms ha störst behov av riktade utbildningsinsatser",
                    "Skapa underlag för vilka verksamheter som ska erbjudas utbildning",
                    "Kommunstaben",
                    "Beredningsgruppen, Arbetsmarknadsförvaltningen",
                    "VT 2022",
                    "",
                    None,
                ),
                (
                    "Genomföra grundläggande utbildning för personal",
                    "Öka verksamheters förmåga att upptäcka risksignaler och vid behov vidta ändamålsenliga "
                    "åtgärder",
                    "Kommunstaben",
                    "De förvaltningar som har personal i behov av utbildning",
                    "HT 2022 – VT 2023",
                    "",
                    None,
                ),
                (
                    "Ta fram ett symbollexikon över våldsbejakande extremistiska budskap och kommunicera detta med "
                    "relevanta verksamheter",
                    "Öka förmåga att upptäcka förekomst av våldsbejakande extremistiska budskap",
                    "Kommunstaben",
                    "",
                    "HT 2022",
                    "",
                    None,
                ),
                (
                    "Revidera och implementera socialförvaltningens rutin mot våldsbejakande extremism",
                    "Öka förmåga att upptäcka risksignaler och säkerställa ändamålsenliga åtgärder vid behov",
                    "Socialförvaltningen",
                    "",
                    "2022",
                    "",
                    None,
                ),
                (
                    "Se över och vid behov revidera riktlinjer och rutiner av betydelse för det förebyggande "
                    "arbetet mot våldsbejakande extremism (exempelvis rutiner för orosanmälan, utbyte av "
                    "information med polis, lokaluthyrning o.s.v.)",
                    "Säkerställa ett ändamålsenligt arbete (som en del i det förebyggande arbetet mot "
                    "våldsbejakande extremism)",
                    "Socialförvaltningen",
                    "Barn- och utbildningsförvaltningen, Kultur- och fritidsförvaltningen, "
                    "Arbetsmarknadsförvaltningen",
                    "2022",
                    "",
                    None,
                ),
                (
                    "Se över behov av kommunövergripande riktlinjer/rutiner för kommunens arbete mot "
                    "våldsbejakande extremism",
                    "Tydliggöra kommunens arbete för att förebygga och förhindra våldsbejakande extremism",
                    "Kommunstaben",
                    "",
                    "2022",
                    "",
                    None,
                ),
            ],
        ),
    ],
}

# (organisation key, kind, title, body, contact). People's names and numbers are invented.
CONCERN_BODY = (
    "1. Agera direkt om någon är i fara: ring 112.\n"
    "2. Kontakta din närmaste chef samma dag och berätta vad du sett eller hört.\n"
    "3. Gäller oron ett barn eller en ungdom: gör en orosanmälan till socialtjänsten.\n"
    "4. Chefen kontaktar förvaltningens samordnare, som vid behov samråder med polisen.\n"
    "5. Fyll i blanketten för oidentifierad information och skicka den till samordnaren. "
    "Skriv inga personuppgifter i blanketten.\n"
    "6. Dokumentera enligt verksamhetens vanliga rutiner."
)
FORM_BODY = (
    "Blanketten för oidentifierad information används vid oro eller händelser rörande våldsbejakande "
    "extremism, till exempel klotter, klistermärken, flygblad eller uttalanden. Den finns på intranätet, fylls i "
    "utan personuppgifter och skickas till förvaltningens samordnare. Blanketten är en del i arbetet med att "
    "kartlägga förekomsten av våldsbejakande extremism lokalt och ingår i den lokala lägesbilden."
)
ROUTINES = [
    (
        "skarholmen",
        Routine.Kind.CONCERN,
        "Rutin vid oro/händelse rörande våldsbejakande extremism",
        CONCERN_BODY,
        "Förvaltningens samordnare, se Samordnarens kontaktuppgifter.",
    ),
    (
        "skarholmen",
        Routine.Kind.CONTACT,
        "Samordnarens kontaktuppgifter",
        "Samordnaren är förvaltningens kontaktpunkt gentemot polisen och andra aktörer i frågor som rör "
        "våldsbejakande extremism och stödjer verksamheterna i enskilda ärenden.",
        "Preventionssamordnare Karin Holmqvist\nTelefon 08-000 12 34\nkarin.holmqvist@example.invalid",
    ),
    ("skarholmen", Routine.Kind.FORM, "Blankett för oidentifierad information", FORM_BODY, ""),
    (
        "hv",
        Routine.Kind.CONCERN,
        "Rutin vid oro/händelse rörande våldsbejakande extremism",
        CONCERN_BODY,
        "Förvaltningens samordnare, se Samordnarens kontaktuppgifter.",
    ),
    (
        "hv",
        Routine.Kind.CONTACT,
        "Samordnarens kontaktuppgifter",
        "Samordnaren håller ihop förvaltningens arbete mot våldsbejakande extremism och är kontaktperson för "
        "lokalpolisområde Vällingby.",
        "Samordnare Elin Nordgren\nTelefon 08-000 56 78\nelin.nordgren@example.invalid",
    ),
    ("hv", Routine.Kind.FORM, "Blankett för oidentifierad information", FORM_BODY, ""),
    (
        "lulea-soc",
        Routine.Kind.CONCERN,
        "Socialförvaltningens rutin vid oro för våldsbejakande extremism",
        CONCERN_BODY,
        "Kommunstabens samordnare mot våldsbejakande extremism, telefon 0920-00 00 00",
    ),
]

# Modelled on the plan behind kun-uppfoljning-2022.txt ("Antagen av KUN 2020-02-19 § 12"), placed under the
# demo's Kungsbacka kultur- och fritidsnämnd. Activity = the description column, syfte/mål = the Mål column.
INTEGRATION = "Verksamheten för integration och arbetsmarknad"
EDUCATION = "Verksamhet utbildning"
KUNGSBACKA_2020 = {
    "org": "kungsbacka-kfn",
    "year": 2020,
    "decision": ("Kultur- och fritidsnämnden", datetime.date(2020, 2, 19), "12", "KFN 2019-0457"),
    "chapters": [
        (
            "Inledning",
            K.PROSE,
            "Handlingsplanen beskriver nämndens förebyggande insatser mot våldsbejakande extremism, grupperade "
            "per verksamhet. Den följs upp årligen och rapporteras till nämnden.",
            [],
        ),
        (
            "Förebyggande insatser",
            K.PREVENTIVE,
            "",
            [
                (
                    "Spridning av personer vid bostadsfördelningen för nyanlända",
                    "Minskad segregation som ger jämlika levnadsvillkor",
                    INTEGRATION,
                    "",
                    "Pågående",
                    "",
                    None,
                ),
                (
                    "Få personer i praktik, eller annan insats, så fort som möjligt för att inte skapa en inhouse-effekt där brukare upplever sig än mer stigmatiserade",
                    "Minskad segregation som ger jämlika levnadsvillkor",
                    INTEGRATION,
                    "",
                    "Pågående",
                    "",
                    None,
                ),
                (
                    "Avsätta lektionstid för demokrati- och MR-frågor",
                    "Förstärka elevens förståelse och kunskap kring demokratiskt styrelseskick och MR-frågor",
                    EDUCATION,
                    "",
                    "Läsåret 2020/21",
                    "",
                    None,
                ),
                (
                    "Genomförande av elevers inflytande på utbildning",
                    "Lära sig grundläggande demokratiska värderingar",
                    EDUCATION,
                    "",
                    "Pågående",
                    "",
                    None,
                ),
                (
                    "Diskussion inom arbetslag och programråd om inkludering och mångfald",
                    "Ökad inkludering och förståelse för mångfald hos elever, studerande samt pedagoger",
                    EDUCATION,
                    "",
                    "Pågående",
                    "",
                    None,
                ),
            ],
        ),
        (
            "Kunskapshöjande insatser",
            K.TRAINING,
            "",
            [
                (
                    "Närvarande och kontinuerliga möten och diskussioner i förvaltningens boenden för nyanlända",
                    "Stärka förståelse och kunskap kring demokratiska värderingar, skapa trygghet",
                    INTEGRATION,
                    "",
                    "Pågående",
                    "",
                    None,
                ),
                (
                    "Integrationsavdelningen och SFI genomför inventering av kunskap hos elever om extremism och om man vet vem man ska kontakta vid oro",
                    "Förmedla kunskap och medvetenhet kring frågor som rör våldsbejakande extremism",
                    INTEGRATION,
                    "SFI",
                    "2020",
                    "",
                    None,
                ),
                (
                    "Kontinuerliga föreläsningar för tjänstepersoner och förtroendevalda om våldsbejakande extremism",
                    "Öka kunskap och medvetenhet kring frågor som rör våldsbejakande extremism",
                    INTEGRATION,
                    "",
                    "Årligen",
                    "",
                    None,
                ),
                (
                    "Information om rutiner om tillvägagångssätt om medarbetare uppmärksammar eller misstänker våldsbejakande extremism",
                    "Kännedom om rutiner så att medarbetare kan föra informationen vidare till socialtjänst, polis och kommunstyrelsens säkerhetsenhet",
                    INTEGRATION,
                    "Socialtjänst, Polis",
                    "2020",
                    "",
                    None,
                ),
                (
                    "Utbildning kring nätetik inom sociala medier samt källkritik",
                    "Öka kunskapen och medvetenheten hos elever och pedagoger kring näthat och utanförskap",
                    EDUCATION,
                    "Bibliotek",
                    "Pågående",
                    "",
                    None,
                ),
            ],
        ),
    ],
}

# The responsible unit of each demo activity whose row names none: by the plan's free-text Ansvarig,
# "*" for the rest. The follow-up report groups by unit, like the seed kun-uppfoljning-2022.txt.
UNIT_BY_RESPONSIBLE = {
    "hv": {"*": "hv-stab", "": "hv-fritid"},
    "skarholmen": {
        "Medborgarkontoret": "skarholmen-fritid",
        "Stadsutveckling och medborgarservice": "skarholmen-fritid",
        "Resursenheten Äldreomsorgen": "skarholmen-aldre",
        "*": "skarholmen-ledning",
    },
    "kungsbacka-kfn": {
        "Verksamheten för integration och arbetsmarknad": "kungsbacka-integration",
        "Verksamhet utbildning": "kungsbacka-utbildning",
        "*": "kungsbacka-utbildning",
    },
    "lulea-soc": {"Kommunstaben": "lulea-stab", "*": "lulea-socf"},
}

# Contact fields of each organisation's routines vid oro and its contact routine (invented people, as in
# the seeds: the coordinator's name, role, phone and e-mail). (name, role, phone, e-mail)
ROUTINE_CONTACTS = {
    "skarholmen": (
        "Karin Holmqvist",
        "Preventionssamordnare",
        "08-000 12 34",
        "karin.holmqvist@example.invalid",
    ),
    "hv": (
        "Elin Nordgren",
        "Samordnare mot våldsbejakande extremism",
        "08-000 56 78",
        "elin.nordgren@example.invalid",
    ),
    "lulea-soc": ("Maja Öberg", "Samordnare, kommunstaben", "0920-00 00 00", "maja.oberg@example.invalid"),
}
