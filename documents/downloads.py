"""The one way a view gets a nämnd document: stored bytes when frozen, a cached render when a draft."""

from collections.abc import Callable

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
