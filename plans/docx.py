"""The plan revision and its ärende as Word documents, from the same contexts as their PDFs."""

from documents.docx import new_document, paragraphs, table, to_bytes

ACTIVITY_HEAD = ["Aktivitet och syfte", "Ansvarig och samverkan", "Tidplan", "Uppföljning"]


def _activity_row(activity) -> list[str]:
    what = activity.text + (f"\nSyfte: {activity.purpose}" if activity.purpose else "")
    who = (activity.responsible or "–") + (f"\nSamverkan: {activity.partners}" if activity.partners else "")
    return [what, who, activity.timing or "–", activity.follow_up_method or "–"]


def plan_docx(context: dict) -> bytes:
    """pdf/plan_revision.html in Word: cover lines, chapters as Heading 1, activity tables, routines."""
    document = new_document(context["header"])
    cover = context["cover"]
    document.add_paragraph(cover["kicker"].upper())
    document.add_heading(f"{cover['title']} {cover['year']}", level=0)
    for label, value, _css in cover["rows"]:
        document.add_paragraph(f"{label}: {value}")
    for number, chapter in enumerate(context["chapters"], start=1):
        document.add_heading(f"{number} {chapter.heading}", level=1)
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
                document.add_paragraph("Inga aktiviteter i detta avsnitt.")
    if context["routines"]:
        document.add_heading(f"{len(context['chapters']) + 1} Rutiner", level=1)
        for routine in context["routines"]:
            document.add_heading(routine.title, level=2)
            paragraphs(document, routine.body)
            if routine.contact:
                document.add_paragraph(f"Kontakt: {routine.contact}")
    if context["adoption_line"]:
        document.add_paragraph(context["adoption_line"]).runs[0].bold = True
    return to_bytes(document)


def case_docx(context: dict) -> bytes:
    """pdf/plan_case.html in Word: the ärende's sections in the Luleå order."""
    document = new_document(context["header"])
    memo = context["memo"]
    document.add_heading(context["case_title"], level=0)
    document.add_paragraph(f"Ärendenr {memo.diary_number or '–'}")
    sections = [
        ("Förvaltningens förslag till beslut", [memo.proposal]),
        ("Sammanfattning av ärendet", context["summary"]),
        ("Beskrivning av ärendet", context["background"]),
        ("Förvaltningens bedömning", context["assessment"]),
        ("Dialog", context["dialogue"]),
    ]
    for heading, texts in sections:
        if texts:
            document.add_heading(heading, level=1)
            for text in texts:
                document.add_paragraph(text)
    document.add_heading("Beslutsunderlag", level=1)
    for item in context["decision_basis"]:
        document.add_paragraph(item, style="List Bullet")
    document.add_paragraph(memo.official_name)
    if memo.official_title:
        document.add_paragraph(memo.official_title)
    document.add_heading("Beslutet skickas till", level=1)
    for recipient in context["recipients"]:
        document.add_paragraph(recipient)
    return to_bytes(document)
