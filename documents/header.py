"""What every nämnd document carries in its running header, whatever app builds it."""

import datetime
from dataclasses import dataclass, field

from organisations.models import Organisation


@dataclass(frozen=True)
class DocumentHeader:
    """The header block of pdf/base.html (after the Luleå papers).

    organisation_lines: the municipality in capitals, then the committee or administration.
    document_type: "HANDLINGSPLAN", "BESLUTSFÖRSLAG", "LÄGESBILD", "UPPFÖLJNING".
    diary_label: "Dnr" for reports, "Ärendenr" for a beslutsförslag (as in the Luleå papers).
    diary_label "" leaves the diary line out (a lägesbild has no diary number of its own).
    subtitle: a line under the document type, e.g. the follow-up round "Tertial 2, maj–augusti 2019".
    is_draft: marks every page UTKAST (running header, footer and a diagonal watermark);
    draft_note says in the footer why it is a draft.
    footer_line: the adoption line on adopted documents.
    """

    title: str
    document_type: str
    organisation_lines: list[str]
    date: datetime.date
    diary_number: str = ""
    diary_label: str = "Dnr"
    subtitle: str = ""
    is_draft: bool = True
    draft_note: str = "UTKAST – ej antaget av nämnden."
    footer_line: str = ""
    official: str = ""
    subject: str = ""
    keywords: list[str] = field(default_factory=list)


def organisation_header_lines(names_from_root: list[str]) -> list[str]:
    """The header's left column from the names root first: the municipality in capitals, then the rest."""
    return [names_from_root[0].upper(), *names_from_root[1:]] if names_from_root else []


def organisation_lines(organisation: Organisation) -> list[str]:
    """The header's left column: the municipality in capitals, then the committee (and unit)."""
    # Ancestors' paths are prefixes of each other, so ordering by path puts the municipality first.
    names = list(
        Organisation.objects.ancestors_of(organisation).order_by("path").values_list("name", flat=True)
    )
    return organisation_header_lines(names or [organisation.name])
