"""The plan revision as a Word document, from the same context as its PDF (its ärende: documents.docx)."""

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
