"""What the ärende (tjänsteutlåtande) of a lägesbild to be fastställd says: the lägesbild's CaseSubject.

The ärende itself (model, save, form, page, documents) is documents.cases. It is frozen when the
lägesbild is fastställd (its access policy is the picture's), and its documents are stored with the
lägesbild's own by the fastställande's task.
"""

from django.urls import reverse
from django.utils import timezone

from documents import registry
from documents.cases import dated, memo_line
from documents.registry import CaseSubject

from .models import SituationPicture
from .validators import NoPersonalNumber


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _established_on(picture: SituationPicture):
    return picture.established_at and timezone.localdate(picture.established_at)


def prefilled_summary(picture: SituationPicture, deciding: str) -> str:
    """Sammanfattning from the lägesbild: what it rests on, what it shows and what it prioritises."""
    sources = picture.sources.count()
    observations = list(picture.observations.select_related("environment"))
    environments = sorted({o.environment.name for o in observations})
    problems = list(picture.problems.prioritised())
    made_with = f" tillsammans med {picture.made_with}" if picture.made_with else ""
    paragraphs = [
        f"Förvaltningen har{made_with} tagit fram en lokal lägesbild om våldsbejakande extremism för "
        f"{picture.year} som {deciding} föreslås fastställa.",
        f"Lägesbilden bygger på {_count(sources, 'källa', 'källor')} och redovisar "
        f"{_count(len(observations), 'iakttagelse', 'iakttagelser')}"
        + (
            f" inom {_count(len(environments), 'miljö', 'miljöer')}: {', '.join(environments).lower()}."
            if environments
            else "."
        )
        + f" Den pekar ut {_count(len(problems), 'prioriterat problem', 'prioriterade problem')}"
        + (f", främst {problems[0].title.rstrip('.').lower()}." if problems else "."),
    ]
    if picture.threat_level:
        paragraphs.append(
            f"Den nationella terrorhotnivån anges till {picture.threat_level} på en femgradig skala."
        )
    paragraphs.append(
        "Lägesbilden är oidentifierad information och innehåller inga personuppgifter. Den ligger till "
        "grund för handlingsplanens aktiviteter."
    )
    return "\n\n".join(paragraphs)


def prefill(picture: SituationPicture, deciding: str) -> dict:
    recipients = ["Samordnaren för arbetet mot våldsbejakande extremism"]
    if picture.made_with:
        recipients.append(picture.made_with)
    return {
        "diary_number": "",
        "proposal": f"{deciding} beslutar att fastställa den lokala lägesbilden om våldsbejakande "
        f"extremism för {picture.year}.",
        "summary": prefilled_summary(picture, deciding),
        "recipients": "\n".join([*recipients, "Registrator"]),
    }


def decision_basis(picture: SituationPicture, memo) -> list[str]:
    """Beslutsunderlag: the lägesbild (with its year), the ärende, and last year's fastställd one."""
    items = [
        dated(
            f"Lokal lägesbild {picture.year} för {picture.organisation.name}, förslag",
            memo.prepared_on,
            memo.diary_number,
        ),
        memo_line(memo),
    ]
    previous = (
        SituationPicture.objects.filter(
            organisation=picture.organisation,
            kind=picture.kind,
            year__lt=picture.year,
            status=SituationPicture.Status.ESTABLISHED,
        )
        .order_by("-year")
        .first()
    )
    if previous is not None:
        established = _established_on(previous)
        state = f"fastställd {established:%Y-%m-%d}" if established else "fastställd"
        items.append(f"Lokal lägesbild {previous.year} för {previous.organisation.name}, {state}")
    return items


def register() -> None:
    from . import pdf

    registry.register_case_subject(
        CaseSubject(
            label="situation.SituationPicture",
            organisation=lambda picture: picture.organisation,
            title=lambda picture: (
                f"Förslag till beslut gällande lokal lägesbild om våldsbejakande extremism {picture.year}"
            ),
            prefill=prefill,
            decision_basis=decision_basis,
            decided_by=lambda picture: "",
            decided_on=_established_on,
            edit_url=lambda picture: reverse("situation:picture_case_edit", args=[picture.pk]),
            filename_stem=lambda picture: pdf.filename_for(picture).removesuffix(".pdf"),
            versions=pdf.draft_versions,
            keywords=("lägesbild", "våldsbejakande extremism"),
            lock_related=("organisation",),
            # The lägesbild's ärende goes to the nämnd with it: no personnummer in it either.
            text_validator=NoPersonalNumber,
        )
    )
