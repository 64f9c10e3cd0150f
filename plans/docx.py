"""The plan revision and its ärende as Word documents, from the same contexts as their PDFs."""

from documents.docx import heading, new_document, paragraph, paragraphs, table, to_bytes

ACTIVITY_HEAD = ["Aktivitet och syfte", "Ansvarig och samverkan", "Tidplan", "Uppföljning"]


def _activity_row(activity) -> list[str]:
    what = activity.text + (f"\nSyfte: {activity.purpose}" if activity.purpose else "")
    who = (activity.responsible or "–") + (f"\nSamverkan: {activity.partners}" if activity.partners else "")
    return [what, who, activity.timing or "–", activity.follow_up_method or "–"]


def plan_docx(context: dict) -> bytes:
    """pdf/plan_revision.html in Word: cover lines, chapters as Heading 1, activity tables, routines."""
    document = new_document(context["header"])
    cover = context["cover"]
    paragraph(document, cover["kicker"].upper())
    heading(document, f"{cover['title']} {cover['year']}", level=0)
    for label, value, _css in cover["rows"]:
        paragraph(document, f"{label}: {value}")
    for number, chapter in enumerate(context["chapters"], start=1):
        heading(document, f"{number} {chapter.heading}", level=1)
        if chapter.body:
            paragraphs(document, chapter.body)
        if chapter.has_activities:
            activities = list(chapter.activities.all())
            if activities:
                table(
                    document,
                    ACTIVITY_HEAD,
                    [_activity_row(a) for a in activities],
                    caption=f"Aktiviteter – {chapter.heading}",
                )
            else:
                paragraph(document, "Inga aktiviteter i detta avsnitt.")
    if context["routines"]:
        heading(document, f"{len(context['chapters']) + 1} Rutiner", level=1)
        for routine in context["routines"]:
            heading(document, routine.title, level=2)
            paragraphs(document, routine.body)
            if routine.contact:
                paragraph(document, f"Kontakt: {routine.contact}")
    if context["adoption_line"]:
        paragraph(document, context["adoption_line"]).runs[0].bold = True
    return to_bytes(document)


def case_docx(context: dict) -> bytes:
    """pdf/plan_case.html in Word: the ärende's sections in the Luleå order."""
    document = new_document(context["header"])
    memo = context["memo"]
    heading(document, context["case_title"], level=0)
    paragraph(document, f"Ärendenr {memo.diary_number or '–'}")
    sections = [
        ("Förvaltningens förslag till beslut", [memo.proposal]),
        ("Sammanfattning av ärendet", context["summary"]),
        ("Beskrivning av ärendet", context["background"]),
        ("Förvaltningens bedömning", context["assessment"]),
        ("Dialog", context["dialogue"]),
    ]
    for title, texts in sections:
        if texts:
            heading(document, title, level=1)
            for text in texts:
                paragraph(document, text)
    heading(document, "Beslutsunderlag", level=1)
    for item in context["decision_basis"]:
        paragraph(document, item, style="List Bullet")
    paragraph(document, memo.official_name)
    if memo.official_title:
        paragraph(document, memo.official_title)
    heading(document, "Beslutet skickas till", level=1)
    for recipient in context["recipients"]:
        paragraph(document, recipient)
    return to_bytes(document)
