"""Which frozen objects have documents, and how to make them: filled in by the apps that own them.

The documents app knows no domain app (the arrows point the other way). Each app registers, in its
AppConfig.ready(), one `FrozenSource` per kind of object that freezes (an adopted plan revision, a
fastställd lägesbild, a closed follow-up round). The background task and the management command
ask this registry what to render; neither imports plans, situation or followup.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentSpec:
    """One document of an object: the storage key, its file name now, and how to render its bytes."""

    key: str
    filename: str
    render: Callable[[], bytes]
    content_type: str = "application/pdf"


@dataclass(frozen=True)
class FrozenSource:
    """label: "plans.PlanRevision"; get: the object by pk; frozen: every frozen object;
    documents: the documents of one frozen object."""

    label: str
    get: Callable[[int], object]
    frozen: Callable[[], Iterable]
    documents: Callable[[object], list[DocumentSpec]]


_SOURCES: dict[str, FrozenSource] = {}


def register(source: FrozenSource) -> None:
    _SOURCES[source.label] = source


def source(label: str) -> FrozenSource:
    return _SOURCES[label]


def sources() -> list[FrozenSource]:
    return list(_SOURCES.values())


@dataclass(frozen=True)
class CaseSubject:
    """What an ärende (documents.models.CaseMemo) says about the kind of object it is written on.

    label: "situation.SituationPicture"; organisation: whose matter it is (its people may be
    handläggare); title: the document's title ("Förslag till beslut gällande ..."); prefill: the text
    the object gives (proposal, summary, recipients, diary_number), from the deciding body's name;
    decision_basis: Beslutsunderlag, each document with its year, date and dnr; decided_by: the body
    recorded in the decision ("" until decided); decided_on: the decision's date (None until decided);
    edit_url: the page that writes the ärende; filename_stem: the object's document name now
    ("Lagesbild-VBE-Norra-2019-faststalld"); versions: everything else the ärende shows, for the draft
    cache; keywords: the PDF's keywords; lock_related: what editing.lock joins when saving;
    text_validator: for the owner's own rules on text (a lägesbild's ärende refuses a personnummer as
    the lägesbild does), a factory that takes a field's Swedish label and returns a field validator.
    """

    label: str
    organisation: Callable[[object], object]
    title: Callable[[object], str]
    prefill: Callable[[object, str], dict]
    decision_basis: Callable[[object, object], list[str]]
    decided_by: Callable[[object], str]
    decided_on: Callable[[object], object]
    edit_url: Callable[[object], str]
    filename_stem: Callable[[object], str]
    versions: Callable[[object], object]
    keywords: tuple[str, ...] = ()
    lock_related: tuple[str, ...] = ()
    text_validator: Callable[[str], Callable[[str], None]] | None = None


_CASE_SUBJECTS: dict[str, CaseSubject] = {}


def register_case_subject(subject: CaseSubject) -> None:
    _CASE_SUBJECTS[subject.label] = subject


def label_of(obj) -> str:
    return f"{obj._meta.app_label}.{obj._meta.object_name}"


def case_subject(obj) -> CaseSubject:
    return _CASE_SUBJECTS[label_of(obj)]


def case_subject_keys() -> set[tuple[str, str]]:
    """(app_label, model_name) of each kind of object an ärende may be written on (ContentType keys)."""
    return {(label.split(".")[0], label.split(".")[1].lower()) for label in _CASE_SUBJECTS}
