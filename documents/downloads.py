"""The one way a view gets a nämnd document: stored bytes when frozen, a cached render when a draft."""

from collections.abc import Callable
from dataclasses import dataclass

from .docx import DOCX_CONTENT_TYPE
from .registry import DocumentSpec
from .render import render_pdf
from .services import RenderedDocument, draft_content, stored_content
from .tasks import request_render


def frozen_key(label: str, pk: int, kind: str) -> str:
    """'plans.PlanRevision:12:plan': where a frozen object's document is stored."""
    return f"{label}:{pk}:{kind}"


def document_for(
    *,
    label: str,
    pk: int,
    kind: str,
    frozen: bool,
    filename: str,
    render: Callable[[], bytes],
    versions: Callable[[], object],
    content_type: str = "application/pdf",
) -> RenderedDocument:
    """A frozen object's stored document (pending, and asked for again, while it is not there yet), or
    a draft's, rendered at most once per `versions()`. Nothing frozen is ever rendered here."""
    key = frozen_key(label, pk, kind)
    if frozen:
        content = stored_content(key)
        if content is None and request_render(label, pk):
            # Only a backend that runs tasks in the enqueuing process (the tests') has stored it now.
            content = stored_content(key)
        return RenderedDocument(content, filename, frozen=True, content_type=content_type)
    content = draft_content(key=key, versions=versions(), render=render)
    return RenderedDocument(content, filename, frozen=False, content_type=content_type)


def pdf_renderer(template: str, build_context: Callable[[], dict]) -> Callable[[], bytes]:
    return lambda: render_pdf(template, build_context())


@dataclass(frozen=True)
class DocumentSet:
    """The documents one kind of object carries (a plan revision's "plan" as PDF and Word, say), and
    the two ways to them: every one as a DocumentSpec for the task that stores them at the freeze, and
    one of them for a view (`document`, through document_for).

    renderer(obj, kind): what renders that document's bytes; spec_fields(obj, kind): its filename and
    content_type now; frozen(obj): whether it is stored; versions(obj): what a draft's render shows;
    companions: further sets the object carries, each made for the object (its ärende's, say), which
    `all_specs` stores with it and `open` opens by their kinds."""

    label: str
    kinds: tuple[str, ...]
    renderer: Callable[[object, str], Callable[[], bytes]]
    spec_fields: Callable[[object, str], dict]
    frozen: Callable[[object], bool]
    versions: Callable[[object], object]
    companions: tuple[Callable[[object], "DocumentSet"], ...] = ()

    def specs(self, obj) -> list[DocumentSpec]:
        return [
            DocumentSpec(
                key=frozen_key(self.label, obj.pk, kind),
                render=self.renderer(obj, kind),
                **self.spec_fields(obj, kind),
            )
            for kind in self.kinds
        ]

    def all_specs(self, obj) -> list[DocumentSpec]:
        """Every document stored when `obj` freezes: this set's and its companions'."""
        return [
            *self.specs(obj),
            *(spec for companion in self.companions for spec in companion(obj).specs(obj)),
        ]

    def open(self, obj, kind: str) -> RenderedDocument:
        """One document of this set or of a companion, by its kind."""
        if kind in self.kinds:
            return self.document(obj, kind)
        for companion in self.companions:
            documents = companion(obj)
            if kind in documents.kinds:
                return documents.document(obj, kind)
        raise ValueError(f"{self.label} has no document {kind!r}")

    def document(self, obj, kind: str) -> RenderedDocument:
        """Rendered for a draft (once per version), the stored bytes once it is frozen."""
        return document_for(
            label=self.label,
            pk=obj.pk,
            kind=kind,
            frozen=self.frozen(obj),
            render=self.renderer(obj, kind),
            versions=lambda: self.versions(obj),
            **self.spec_fields(obj, kind),
        )


def pdf_or_word(filename_for: Callable[[object], str]) -> Callable[[object, str], dict]:
    """spec_fields for a set whose Word kinds end in ".docx": the PDF's file name, or the same as .docx."""

    def fields(obj, kind: str) -> dict:
        if kind.endswith(".docx"):
            return {
                "filename": filename_for(obj).removesuffix(".pdf") + ".docx",
                "content_type": DOCX_CONTENT_TYPE,
            }
        return {"filename": filename_for(obj), "content_type": "application/pdf"}

    return fields
