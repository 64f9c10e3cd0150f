"""Ärendet (tjänsteutlåtande) of anything the nämnd decides on: who may be handläggare, the prefilled
text, the one save, and its documents (the Luleå beslutsförslag, PDF and Word).

It is written on a draft plan revision (to be antagen), a lägesbild (to be fastställd) and a follow-up
round (to be presented and closed). What differs between them (the title, the prefilled summary, the
beslutsunderlag) is each app's `CaseSubject` (documents.registry), registered in its AppConfig.ready();
this module knows no domain app. The ärende asks its owner's access policy, so it is frozen with the
owner's decision, and its frozen documents are stored by the owner's freezing task with the owner's
other documents.
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from organisations import access, editing
from organisations.access import Action
from organisations.models import Membership, Organisation

from . import registry
from .docx import DOCX_CONTENT_TYPE, case_docx
from .downloads import DocumentSet, pdf_renderer
from .header import DocumentHeader, organisation_lines
from .models import CaseMemo

CASE_FIELDS = (
    "official",
    "official_title",
    "prepared_on",
    "diary_number",
    "proposal",
    "summary",
    "background",
    "dialogue",
    "assessment",
    "recipients",
)
TEMPLATE = "pdf/case_memo.html"
# The ärende's documents among its owner's: stored under the owner's key ("plans.PlanRevision:12:...").
KINDS = ("beslutsforslag", "beslutsforslag.docx")


class CaseError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def officials_for(organisation: Organisation):
    """The organisation's people: members of it or of a unit below it, who may be named handläggare."""
    organisations = Organisation.objects.descendants_of(organisation)
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__organisation__in=organisations)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def official_title(user, organisation: Organisation) -> str:
    """The handläggare's title as the role they hold nearest the organisation ("Samordnare")."""
    own = [m for m in access.memberships(user) if m.organisation_id == organisation.pk]
    chosen = own or access.memberships(user)
    return Membership.Role(chosen[0].role).label if chosen else ""


def deciding_body(organisation: Organisation, recorded: str = "") -> str:
    """Who decides: the recorded decision's body, else the nearest committee above (or the organisation)."""
    if recorded:
        return recorded
    chain = sorted(
        Organisation.objects.ancestors_of(organisation), key=lambda org: len(org.path), reverse=True
    )
    committee = next((org for org in chain if org.kind == Organisation.Kind.COMMITTEE), None)
    return (committee or organisation).name


def dated(text: str, date, diary_number: str = "") -> str:
    """'Lokal lägesbild 2019, förslag, 2019-04-02, dnr 2019/12': one line of the beslutsunderlag."""
    parts = [text, f"{date:%Y-%m-%d}" if date else "", f"dnr {diary_number}" if diary_number else ""]
    return ", ".join(part for part in parts if part)


def memo_line(memo: CaseMemo) -> str:
    """The ärende itself in its beslutsunderlag: 'Tjänsteutlåtande, Frida Lundström, 2020-04-14, dnr …'."""
    return dated(
        ", ".join(filter(None, ["Tjänsteutlåtande", memo.official_name])), memo.prepared_on, memo.diary_number
    )


def saved_memo(owner) -> CaseMemo | None:
    return CaseMemo.objects.of(owner).select_related("official").first()


def prefilled(owner, *, official) -> CaseMemo:
    """An unsaved ärende with the text the object gives: a starting point the samordnare edits."""
    subject = registry.case_subject(owner)
    organisation = subject.organisation(owner)
    text = subject.prefill(owner, deciding_body(organisation, subject.decided_by(owner)))
    return CaseMemo(
        owner=owner,
        official=official,
        official_title=official_title(official, organisation) if official is not None else "",
        prepared_on=timezone.localdate(),
        **text,
    )


def memo_for(owner) -> CaseMemo:
    """The ärende written on the object, else the one the object gives (handläggare: who created the
    object, Datum: the decision's), so that an object decided without one still has a proposal that
    names no downloader and carries no download date."""
    memo = saved_memo(owner)
    if memo is not None:
        return memo
    first = owner.history.order_by("history_date", "history_id").select_related("history_user").first()
    memo = prefilled(owner, official=first.history_user if first else None)
    memo.prepared_on = registry.case_subject(owner).decided_on(owner) or memo.prepared_on
    return memo


@transaction.atomic
def save_case_memo(*, owner, data: dict, version, by) -> CaseMemo:
    """Write the ärende of `owner` (created on the first save); refuse a stale version, a handläggare
    from outside the organisation, and any change once the owner is decided (frozen)."""
    subject = registry.case_subject(owner)
    owner = editing.lock(owner, *subject.lock_related)
    access.require_can(by, Action.CHANGE, owner)
    official = data.get("official")
    if official is None or not officials_for(subject.organisation(owner)).filter(pk=official.pk).exists():
        raise CaseError("Handläggaren måste vara en person i organisationen.")
    values = {name: data[name] for name in CASE_FIELDS if name in data}
    _check_texts(subject, values)
    existing = CaseMemo.objects.of(owner).first()
    if existing is None:
        memo = CaseMemo(owner_type=ContentType.objects.get_for_model(owner), owner_id=owner.pk, **values)
        memo.full_clean()
        return editing.save_tracked(memo, by=by, reason="Ärendet skrevs")
    return editing.update(
        editing.lock(existing),
        data=values,
        version=version,
        by=by,
        reason="Ärendet ändrat",
        what="Ärendet",
        fields=CASE_FIELDS,
    )


def _check_texts(subject, values: dict) -> None:
    """The owner's rules on text (subject.text_validator) over every text field; a ValidationError per
    field, in Swedish and naming the field, so the form shows it where it was typed."""
    if subject.text_validator is None:
        return
    errors = {}
    for name, value in values.items():
        if not isinstance(value, str) or not value:
            continue
        label = CaseMemo._meta.get_field(name).verbose_name
        try:
            subject.text_validator(label[:1].upper() + label[1:])(value)
        except ValidationError as error:
            errors[name] = error.messages
    if errors:
        raise ValidationError(errors)


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def case_context(owner) -> dict:
    """Context of pdf/case_memo.html: the ärende in the Luleå beslutsförslag shape.

    Everything comes from the ärende and its object, never from the one who downloads; the proposal
    never carries the decision (no adoption line, no "Beslut" section)."""
    subject = registry.case_subject(owner)
    organisation = subject.organisation(owner)
    memo = memo_for(owner)
    title = subject.title(owner)
    header = DocumentHeader(
        title=f"{title} – {organisation.name}",
        document_type="BESLUTSFÖRSLAG",
        organisation_lines=organisation_lines(organisation),
        date=memo.prepared_on,
        diary_number=memo.diary_number,
        diary_label="Ärendenr",
        is_draft=not access.is_frozen(owner),
        draft_note="UTKAST – ärendet är inte slutligt.",
        official=memo.official_name,
        subject=title,
        keywords=["beslutsförslag", *subject.keywords, organisation.name],
    )
    return {
        "header": header,
        "owner": owner,
        "organisation": organisation,
        "memo": memo,
        "case_title": title,
        "summary": _paragraphs(memo.summary),
        "background": _paragraphs(memo.background),
        "assessment": _paragraphs(memo.assessment),
        "dialogue": _paragraphs(memo.dialogue),
        "decision_basis": subject.decision_basis(owner, memo),
        "recipients": memo.recipient_lines(),
    }


def _renderer(owner, kind: str):
    if kind.endswith(".docx"):
        return lambda: case_docx(case_context(owner))
    return pdf_renderer(TEMPLATE, lambda: case_context(owner))


def _spec_fields(owner, kind: str) -> dict:
    docx = kind.endswith(".docx")
    stem = registry.case_subject(owner).filename_stem(owner)
    return {
        "filename": f"Beslutsforslag-{stem}.{'docx' if docx else 'pdf'}",
        "content_type": DOCX_CONTENT_TYPE if docx else "application/pdf",
    }


def draft_versions(owner) -> tuple:
    """What the ärende shows: the ärende and its handläggare's name, and what its object shows."""
    memo = list(
        CaseMemo.objects.of(owner).values_list("pk", "version", "official__first_name", "official__last_name")
    )
    return (memo, registry.case_subject(owner).versions(owner))


def documents(owner) -> DocumentSet:
    """The ärende's documents for `owner`: a companion of the owner's own DocumentSet."""
    return DocumentSet(
        label=registry.label_of(owner),
        kinds=KINDS,
        renderer=_renderer,
        spec_fields=_spec_fields,
        frozen=access.is_frozen,
        versions=draft_versions,
    )
