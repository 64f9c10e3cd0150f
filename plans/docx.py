"""The plan revision as a Word document, from the same context as its PDF (its ärende: documents.docx)."""

from django.utils.text import Truncator

from documents.docx import heading, new_document, paragraph, paragraphs, table, to_bytes
from organisations.kinds import PlanKind

ACTIVITY_HEAD = ["Aktivitet och syfte", "Ansvarig och samverkan", "Tidplan", "Uppföljning"]


def _activity_row(activity, *, answers: bool) -> list[str]:
    what = activity.text + (f"\nSyfte: {activity.purpose}" if activity.purpose else "")
    problems = [problem.title for problem in activity.problems.all()] if answers else []
    if problems:  # as pdf/_activity_table.html (plans/partials/_answers.html)
        what += "\nSvarar mot: " + "; ".join(problems)
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
    revision = context["revision"]
    if revision.plan.kind == PlanKind.CRIME_PREVENTION and revision.measures_position:
        heading(document, "Ställningstagande om vilka åtgärder som behöver vidtas", level=1)
        paragraphs(document, revision.measures_position)
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
                    [_activity_row(a, answers=context["answers"]) for a in activities],
                    caption=f"Aktiviteter – {chapter.heading}",
                )
            else:
                paragraph(document, "Inga aktiviteter i detta avsnitt.")
            if chapter.indicator_views:
                _indicators(document, chapter)
    if context["routines"]:
        heading(document, f"{len(context['chapters']) + 1} Rutiner", level=1)
        for routine in context["routines"]:
            heading(document, routine.title, level=2)
            paragraphs(document, routine.body)
            if routine.contact_lines:
                paragraph(document, "Kontakt: " + "\n".join(routine.contact_lines))
    if context["adoption_line"]:
        paragraph(document, context["adoption_line"]).runs[0].bold = True
    return to_bytes(document)


def _indicators(document, chapter) -> None:
    """pdf/_indicators.html in Word: each indicator's description, its chart as a table of its points."""
    heading(document, f"Indikatorer – {chapter.heading}", level=2)
    for activity, views in chapter.indicator_views:
        for view in views:
            indicator = view.indicator
            heading(document, f"{indicator.name} ({indicator.unit})", level=3)
            text = f"Aktivitet: {Truncator(activity.text).chars(140)}. {indicator.get_direction_display()}."
            if indicator.baseline_year:
                source = f" ({indicator.baseline_source})" if indicator.baseline_source else ""
                text += f" Utgångsvärde {indicator.baseline_year}: {indicator.baseline_display}{source}."
            paragraph(document, text)
            rows = [[f"Målvärde {t.year}", t.value_display] for t in indicator.targets.all()]
            rows += [
                [f"{v.round.get_kind_display()} {v.round.revision.year}", v.value_display]
                for v in view.values
            ]
            if rows:
                table(document, ["Tillfälle", "Värde"], rows)
