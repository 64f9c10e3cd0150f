"""Handlingsplaner in the browser, split by what each module serves."""

from .cases import revision_case_edit
from .editing import (
    activity_create,
    activity_delete,
    activity_detail,
    activity_edit,
    activity_history,
    activity_move,
    chapter_create,
    chapter_delete,
    chapter_edit,
    chapter_move,
)
from .indicators import indicator_create, indicator_delete, indicator_edit
from .revisions import (
    plan_create,
    plan_detail,
    plan_list,
    revision_adopt,
    revision_compare,
    revision_detail,
    revision_edit,
    revision_history,
    revision_start_next,
)

__all__ = [
    "indicator_create",
    "indicator_delete",
    "indicator_edit",
    "activity_create",
    "activity_delete",
    "activity_detail",
    "activity_edit",
    "activity_history",
    "activity_move",
    "chapter_create",
    "chapter_delete",
    "chapter_edit",
    "chapter_move",
    "plan_create",
    "plan_detail",
    "plan_list",
    "revision_adopt",
    "revision_case_edit",
    "revision_compare",
    "revision_detail",
    "revision_edit",
    "revision_history",
    "revision_start_next",
]
