"""The one permission layer: every view, QuerySet and service asks here.

A permission is granted by a role held in one organisation, and reaches that organisation and,
depending on the role, its ancestors (plans and routines that staff follow come from above) or its
descendants (a central samordnare reads every committee below the city).

    access.has_perm(user, Perm.EDIT_PLAN, organisation) -> bool
    access.require(user, Perm.EDIT_PLAN, organisation)  -> None or PermissionDenied
    access.organisations_for(user, Perm.VIEW_SITUATION) -> Organisation QuerySet (usable as a subquery)
    access.reach_condition(user, Perm.VIEW_PLAN, id_field=..., path_field=...) -> Q over denormalised rows
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from .models import Membership, Organisation

Role = Membership.Role


class Perm(StrEnum):
    VIEW_PLAN = "view_plan"  # adopted plan revisions and routines
    VIEW_DRAFT = "view_draft"  # drafts, history and comparisons of plans
    EDIT_PLAN = "edit_plan"  # write plan revisions, chapters, activities, routines
    ADOPT = "adopt"  # record the nämnd's decision on a revision
    EXPORT = "export"  # download nämnd-ready PDF and spreadsheets
    VIEW_SITUATION = "view_situation"  # the lokal lägesbild (sensitive)
    EDIT_SITUATION = "edit_situation"
    VIEW_FOLLOWUP = "view_followup"  # follow-up rounds, progress and reports
    MANAGE_FOLLOWUP = "manage_followup"  # open and close rounds, report on every activity, comment
    REPORT_FOLLOWUP = "report_followup"  # report on the activities this organisation is responsible for
    MANAGE_MEETINGS = "manage_meetings"  # the nämnd's meeting calendar (sammanträdesordning)


@dataclass(frozen=True)
class Grant:
    own: frozenset = field(default_factory=frozenset)
    ancestors: frozenset = field(default_factory=frozenset)
    descendants: frozenset = field(default_factory=frozenset)


_READ_PLANS = frozenset({Perm.VIEW_PLAN})

ROLE_GRANTS: dict[str, Grant] = {
    Role.COORDINATOR: Grant(
        own=frozenset(Perm),
        ancestors=_READ_PLANS,
        descendants=frozenset({Perm.VIEW_PLAN, Perm.VIEW_DRAFT, Perm.VIEW_FOLLOWUP}),
    ),
    Role.SECRETARY: Grant(
        own=frozenset(
            {
                Perm.VIEW_PLAN,
                Perm.VIEW_DRAFT,
                Perm.ADOPT,
                Perm.EXPORT,
                Perm.VIEW_SITUATION,
                Perm.VIEW_FOLLOWUP,
                Perm.MANAGE_MEETINGS,
            }
        ),
        ancestors=_READ_PLANS,
    ),
    Role.STAFF: Grant(
        own=frozenset({Perm.VIEW_PLAN, Perm.REPORT_FOLLOWUP}),
        ancestors=_READ_PLANS,
    ),
    Role.CENTRAL: Grant(
        own=frozenset(
            {Perm.VIEW_PLAN, Perm.VIEW_DRAFT, Perm.EXPORT, Perm.VIEW_SITUATION, Perm.VIEW_FOLLOWUP}
        ),
        ancestors=_READ_PLANS,
        descendants=frozenset(
            {Perm.VIEW_PLAN, Perm.VIEW_DRAFT, Perm.EXPORT, Perm.VIEW_SITUATION, Perm.VIEW_FOLLOWUP}
        ),
    ),
}


def memberships(user) -> list[Membership]:
    """The user's memberships with their organisations, fetched once per user object (one query)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_vbe_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("organisation"))
        user._vbe_memberships = cached
    return cached


def roles(user, organisation=None) -> set[str]:
    return {m.role for m in memberships(user) if organisation is None or m.organisation_id == organisation.pk}


def _reach(user, perm: Perm) -> tuple[set[int], list[str]]:
    """Organisations reached directly (own and ancestors by id) and subtrees reached (by path prefix)."""
    ids: set[int] = set()
    subtrees: list[str] = []
    for membership in memberships(user):
        grant = ROLE_GRANTS[membership.role]
        org = membership.organisation
        if perm in grant.own:
            ids.add(org.pk)
        if perm in grant.ancestors:
            ids.update(org.ancestor_ids(include_self=False))
        if perm in grant.descendants:
            subtrees.append(org.path)
    return ids, subtrees


@dataclass(frozen=True)
class Reach:
    """Where a user holds one permission: every organisation (superuser), or organisations by id (own
    and ancestors) and whole subtrees by path prefix. Hashable, so that what depends only on it (the
    catalogue's scope) can be shared by users who reach the same organisations."""

    everything: bool = False
    ids: tuple[int, ...] = ()
    subtrees: tuple[str, ...] = ()

    def condition(self, *, id_field: str = "pk", path_field: str = "path") -> Q:
        """A filter on rows that carry an organisation's id and path (``id_field``, ``path_field``): a
        handful of conditions rather than a subquery or a list of every organisation below a city, so
        that a denormalised table filters on its own columns. Empty for everything; never true for a
        reach of nothing."""
        if self.everything:
            return Q()
        # The ids are few (memberships and their ancestors); each reached subtree is one prefix condition.
        condition = Q(**{f"{id_field}__in": self.ids})
        for prefix in self.subtrees:
            condition |= Q(**{f"{path_field}__startswith": prefix})
        return condition


def reach(user, perm: Perm) -> Reach:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Reach()
    if user.is_superuser:
        return Reach(everything=True)
    ids, subtrees = _reach(user, perm)
    return Reach(ids=tuple(sorted(ids)), subtrees=tuple(sorted(set(subtrees))))


def reach_condition(user, perm: Perm, *, id_field: str = "pk", path_field: str = "path") -> Q:
    """`reach(user, perm).condition(...)`: the rows of the organisations where the user holds `perm`."""
    return reach(user, perm).condition(id_field=id_field, path_field=path_field)


def has_perm(user, perm: Perm, organisation: Organisation | None) -> bool:
    if organisation is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    ids, subtrees = _reach(user, perm)
    return organisation.pk in ids or any(organisation.path.startswith(p) for p in subtrees)


def require(user, perm: Perm, organisation: Organisation | None) -> None:
    """Raise PermissionDenied (403) unless the user holds `perm` for `organisation`."""
    if not has_perm(user, perm, organisation):
        raise PermissionDenied


def organisations_for(user, perm: Perm):
    """Every organisation where the user holds `perm`, as a lazy QuerySet (no query until used)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    ids, subtrees = _reach(user, perm)
    if not ids and not subtrees:
        return Organisation.objects.none()
    return Organisation.objects.filter(reach_condition(user, perm))


def has_any(user, perm: Perm) -> bool:
    """Whether the user holds `perm` anywhere: decides which menu entries to show."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    ids, subtrees = _reach(user, perm)
    return bool(ids or subtrees)


def holders_of(perm: Perm):
    """View decorator: signed in (else the login page) and holding `perm` somewhere (else 403).

    The lägesbild uses it on every URL, so that medarbetare get 403 rather than a 404 that would tell
    them which pictures exist."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not has_any(request.user, perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


# --- object-level questions: "may this user do ACTION to THIS object" -------------------------------


class Action(StrEnum):
    VIEW = "view"
    CHANGE = "change"  # edit the object, add, move or remove its parts
    DELETE = "delete"
    DECIDE = "decide"  # adopt a revision, fastställ a lägesbild, close a round
    REPORT = "report"  # report on a follow-up entry
    EXPORT = "export"  # download its documents and spreadsheets
    CONTINUE = "continue"  # start next year's draft from it (reads the object, writes a new one)
    PLACE = "place"  # put it on a nämnd meeting (its deadlines then follow the meeting)


WRITE_ACTIONS = frozenset({Action.CHANGE, Action.DELETE, Action.DECIDE, Action.REPORT, Action.PLACE})


class Frozen(PermissionDenied):
    """A write to an object whose state forbids every write (adopted, fastställd, closed)."""

    def __init__(self, message: str = "Det här är fastställt och kan inte längre ändras."):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Policy:
    """What an object answers about itself: `grants[action]` lists (perm, organisation) pairs, any one
    of which allows the action; `frozen` refuses every write action for everyone, superuser included.
    `frozen_error()` builds the app's own exception (a subclass of `Frozen`) with its Swedish wording."""

    grants: dict
    frozen: bool = False
    frozen_error: Callable[[], Frozen] | None = None


def policy_of(obj) -> Policy:
    return obj.access_policy()


def _granted(user, action, policy) -> bool:
    return any(has_perm(user, perm, organisation) for perm, organisation in policy.grants.get(action, ()))


def can(user, action: Action, obj) -> bool:
    """The one object-level question: the user's role where the object lives, and the object's state."""
    policy = policy_of(obj)
    if action in WRITE_ACTIONS and policy.frozen:
        return False
    return _granted(user, action, policy)


def require_can(user, action: Action, obj) -> None:
    """PermissionDenied (403) for a role that may never do it; then the object's `Frozen` error (a
    PermissionDenied too, with a Swedish message) for a write to a frozen object."""
    policy = policy_of(obj)
    if not _granted(user, action, policy):
        raise PermissionDenied
    if action in WRITE_ACTIONS and policy.frozen:
        raise (policy.frozen_error or Frozen)()


def is_frozen(obj) -> bool:
    return policy_of(obj).frozen
