"""The lokal lägesbild as a nämnd-ready document (LÄGESBILD).

Like the plan documents (plans/pdf.py): a context builder plus templates/pdf/situation_picture.html,
turned into PDF/A by documents.render. A fastställd picture can no longer change, so its document is
rendered once and then served as the stored bytes; a draft is rendered fresh and marked UTKAST.
"""

from django.utils import timezone
from django.utils.safestring import mark_safe

from documents import cases, registry
from documents.downloads import DocumentSet, pdf_or_word, pdf_renderer
from documents.header import DocumentHeader, organisation_lines
from documents.http import ascii_filename_part
from documents.registry import DocumentSpec, FrozenSource
from documents.services import RenderedDocument
from organisations.kinds import PlanKind

from . import selectors
from .charts import PDF_FONTS, comparison_chart
from .comparison import year_over_year
from .models import Problem, SituationPicture

TEMPLATE = "pdf/situation_picture.html"


def filename_for(picture: SituationPicture) -> str:
    """Lagesbild-VBE-Skarholmen-2019-faststalld.pdf / ...-utkast.pdf"""
    organisation = ascii_filename_part(picture.organisation.short_name, fallback="organisation")
    return f"Lagesbild-VBE-{organisation}-{picture.year}-{picture.status}.pdf"


def _observation_groups(picture: SituationPicture) -> list[dict]:
    """Observations grouped by environment, in the order of the reference list."""
    groups: list[dict] = []
    for observation in picture.observations.select_related("environment", "kind"):
        if not groups or groups[-1]["environment"] != observation.environment:
            groups.append({"environment": observation.environment, "observations": []})
        groups[-1]["observations"].append(observation)
    return groups


def _status_rows(picture: SituationPicture) -> list[tuple[str, str, str]]:
    rows = [("Organisation", picture.organisation.name, ""), ("Avser år", str(picture.year), "")]
    if picture.is_frozen:
        established = picture.established_at and timezone.localdate(picture.established_at)
        rows.append(("Status", f"Fastställd {established:%Y-%m-%d}" if established else "Fastställd", ""))
    else:
        rows.append(("Status", "Utkast – ej fastställd", "status-draft"))
    if picture.made_with:
        rows.append(("Framtagen med", picture.made_with, ""))
    return rows


def picture_context(picture: SituationPicture) -> dict:
    """Context of pdf/situation_picture.html: cover, contents, threat level, chapters, the prioritised
    problems, sources, observations and the year-over-year chart. A fixed number of queries whatever
    the size."""
    organisation = picture.organisation
    established = picture.established_at and timezone.localdate(picture.established_at)
    title = f"Lokal lägesbild {picture.year}"
    header = DocumentHeader(
        title=f"{title} – {organisation.name}",
        document_type="LÄGESBILD",
        organisation_lines=organisation_lines(organisation),
        date=established or timezone.localdate(),
        diary_label="",
        subtitle=f"Avser {picture.year}",
        is_draft=not picture.is_frozen,
        draft_note="UTKAST – lägesbilden är inte fastställd.",
        footer_line=(f"Fastställd {established:%Y-%m-%d}. " if established else "")
        + "Oidentifierad information – lägesbilden innehåller inga personuppgifter.",
        subject=f"Lokal lägesbild om våldsbejakande extremism för {organisation.name} {picture.year}",
        keywords=["lägesbild", "våldsbejakande extremism", organisation.name, str(picture.year)],
    )
    comparison = year_over_year(organisation, up_to=picture.year)
    # The national threat level is the VBE picture's (NCT); the crime-prevention kind has no such section,
    # as on the web page.
    threat = picture.kind == PlanKind.VBE
    first = 2 if threat else 1
    chapters = [
        {"anchor": f"kapitel-{n}", "number": n, "heading": heading, "text": text}
        for n, (heading, text) in enumerate(picture.chapters(), start=first)
    ]
    after = first + len(chapters)
    sections = [
        *([{"anchor": "hotniva", "number": 1, "heading": "Nationell hotnivå"}] if threat else []),
        *chapters,
        # Where the web page has them: after the analysis, before the evidence they cite.
        {"anchor": "problem", "number": after, "heading": "Prioriterade problem"},
        {"anchor": "kallor", "number": after + 1, "heading": "Källor"},
        {"anchor": "iakttagelser", "number": after + 2, "heading": "Iakttagelser"},
        {"anchor": "jamforelse", "number": after + 3, "heading": "Iakttagelser år för år"},
    ]
    return {
        "header": header,
        "cover": {
            "kicker": organisation.name,
            "title": "Lokal lägesbild",
            "year": picture.year,
            "rows": _status_rows(picture),
        },
        "toc": [{key: s[key] for key in ("anchor", "number", "heading")} for s in sections],
        "numbers": {s["anchor"]: s["number"] for s in sections},
        "picture": picture,
        "organisation": organisation,
        "chapters": chapters,
        "problems": list(selectors.problems(picture)),
        "sources": list(picture.sources.all()),
        "observation_groups": _observation_groups(picture),
        "comparison": comparison,
        # Our own template with every value escaped (situation/charts/grouped_bars.svg).
        "chart": mark_safe(  # noqa: S308
            comparison_chart(comparison, by="environment", chart_id="pdf-chart", font_family=PDF_FONTS)
        )
        if comparison.by_environment
        else "",
        "chart_kind": mark_safe(  # noqa: S308
            comparison_chart(comparison, by="kind", chart_id="pdf-chart-kind", font_family=PDF_FONTS)
        )
        if comparison.by_kind
        else "",
    }


LABEL = "situation.SituationPicture"


def draft_versions(picture: SituationPicture) -> tuple:
    """Everything the lägesbild document shows: the picture, its sources, observations and problems
    (with the evidence they cite), the reference names, and the other years of the chart."""
    organisation = picture.organisation
    return (
        (picture.pk, picture.version, picture.status),
        organisation_lines(organisation),
        list(picture.sources.values_list("pk", "version")),
        list(picture.observations.values_list("pk", "version", "environment__name", "kind__name")),
        list(picture.problems.values_list("pk", "version", "environment__name")),
        list(
            Problem.observations.through.objects.filter(problem__picture=picture).values_list(
                "problem_id", "observation_id"
            )
        ),
        list(
            Problem.sources.through.objects.filter(problem__picture=picture).values_list(
                "problem_id", "source_id"
            )
        ),
        list(
            SituationPicture.objects.filter(organisation=organisation, year__lte=picture.year).values_list(
                "pk", "version"
            )
        ),
    )


KINDS = ("lagesbild", "lagesbild.docx")


def _renderer(picture: SituationPicture, kind: str = "lagesbild"):
    from .docx import picture_docx

    if kind.endswith(".docx"):
        return lambda: picture_docx(picture_context(picture))
    return pdf_renderer(TEMPLATE, lambda: picture_context(picture))


PICTURE = DocumentSet(
    label=LABEL,
    kinds=KINDS,
    renderer=_renderer,
    spec_fields=pdf_or_word(filename_for),
    frozen=lambda picture: picture.is_frozen,
    versions=draft_versions,
    companions=(cases.documents,),
)


def frozen_documents(picture: SituationPicture) -> list[DocumentSpec]:
    """The lägesbild and its ärende, PDF and Word: stored when it is fastställd."""
    return PICTURE.all_specs(picture)


def document(picture: SituationPicture, kind: str) -> RenderedDocument:
    """PDF or Word (the lägesbild's or its ärende's): rendered for a draft (once per version), the stored
    bytes once it is frozen."""
    return PICTURE.open(picture, kind)


def picture_document(picture: SituationPicture) -> RenderedDocument:
    return document(picture, "lagesbild")


def register() -> None:
    registry.register(
        FrozenSource(
            label=LABEL,
            get=lambda pk: SituationPicture.objects.select_related("organisation").get(pk=pk),
            frozen=lambda: SituationPicture.objects.filter(
                status=SituationPicture.Status.ESTABLISHED
            ).select_related("organisation"),
            documents=frozen_documents,
        )
    )
