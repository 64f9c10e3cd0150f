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
