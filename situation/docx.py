"""The lokal lägesbild as a Word document, from the same context as its PDF (charts as their tables)."""

from documents.docx import heading, labelled, new_document, paragraph, paragraphs, table, to_bytes


def _evidence(problem) -> str:
    observations = ", ".join(str(o) for o in problem.observations.all())
    sources = ", ".join(str(s) for s in problem.sources.all())
    return "; ".join(part for part in (observations, sources) if part) or "–"


def _problems(document, context) -> None:
    """pdf/_problems.html in Word: each prioritised problem with where, what kind, evidence and causes."""
    heading(document, f"{context['numbers']['problem']} Prioriterade problem", level=1)
    if not context["problems"]:
        paragraph(document, "Inga prioriterade problem registrerade.")
        return
    paragraph(document, "Det lägesbilden visar att planen behöver svara mot, i prioritetsordning.")
    for problem in context["problems"]:
        heading(document, str(problem), level=2)
        kind = "; ".join(
            part for part in (problem.environment and problem.environment.name, problem.crime_type) if part
        )
        for label, value in (
            ("Var", problem.area or "–"),
            ("Miljö eller brottstyp", kind or "–"),
            ("Det som visar det", _evidence(problem)),
            ("Möjliga orsaker", problem.causes or "–"),
        ):
            labelled(document, label, value)


def picture_docx(context: dict) -> bytes:
    document = new_document(context["header"])
    picture, numbers = context["picture"], context["numbers"]
    cover = context["cover"]
    paragraph(document, cover["kicker"].upper())
    heading(document, f"{cover['title']} {cover['year']}", level=0)
    for label, value, _css in cover["rows"]:
        paragraph(document, f"{label}: {value}")
    if "hotniva" in numbers:  # the VBE picture's; the crime-prevention kind has none
        heading(document, f"{numbers['hotniva']} Nationell hotnivå", level=1)
        if picture.threat_level:
            paragraph(document, f"Hotnivå {picture.threat_level} på en femgradig skala.")
            paragraph(document, f"Källa: {picture.threat_level_source or 'ingen källa angiven'}.")
        else:
            paragraph(document, "Ingen hotnivå angiven.")
    for chapter in context["chapters"]:
        heading(document, f"{chapter['number']} {chapter['heading']}", level=1)
        paragraphs(document, chapter["text"] or "Inte ifyllt.")
    _problems(document, context)
    heading(document, f"{numbers['kallor']} Källor", level=1)
    if context["sources"]:
        rows = [
            [s.get_kind_display(), s.description, "–" if s.responses is None else str(s.responses)]
            for s in context["sources"]
        ]
        table(
            document,
            ["Typ av källa", "Beskrivning", "Antal svar"],
            rows,
            caption="Det lägesbilden bygger på:",
        )
    else:
        paragraph(document, "Inga källor registrerade.")
    heading(document, f"{numbers['iakttagelser']} Iakttagelser", level=1)
    head = ["Typ av iakttagelse", "Område", "Period", "Antal", "Beskrivning"]
    for group in context["observation_groups"]:
        heading(document, group["environment"].name, level=2)
        rows = [
            [o.kind.name, o.area or "–", o.period or "–", o.count_display, o.description]
            for o in group["observations"]
        ]
        table(document, head, rows)
    if not context["observation_groups"]:
        paragraph(document, "Inga iakttagelser registrerade.")
    heading(document, f"{numbers['jamforelse']} Iakttagelser år för år", level=1)
    comparison = context["comparison"]
    if comparison.by_environment:
        years = comparison.years
        span = (
            f"erna för {context['organisation'].name} {years[0]}–{years[-1]}"
            if len(years) > 1
            else (f"en för {context['organisation'].name} {picture.year}")
        )
        paragraph(
            document,
            f"Antal iakttagelser per miljö i lägesbild{span}. ”Ej räknat” betyder att något har setts men "
            "inte räknats.",
        )
        # The PDF's chart captions: here the charts are their tables.
        paragraph(
            document,
            "Staplarna visar summan av räknade iakttagelser per miljö. "
            "Tabellen nedan innehåller samma siffror.",
        )
        paragraph(document, "Samma iakttagelser fördelade på typ av iakttagelse, år för år.")
    for title, rows in (("miljö", comparison.by_environment), ("typ av iakttagelse", comparison.by_kind)):
        if rows:
            table(
                document,
                [title.capitalize(), *[str(year) for year in comparison.years]],
                [[name, *[cell.display for cell in cells]] for name, cells in rows],
                caption=f"Antal iakttagelser per {title} och år",
            )
    if not comparison.by_environment:
        paragraph(document, "Det finns inga iakttagelser att jämföra.")
    return to_bytes(document)
