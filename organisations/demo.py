"""Demo organisations and users, modelled on the seed documents. Names of people are invented."""

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Membership, Organisation

DEMO_PASSWORD = "vbe-demo"

Kind = Organisation.Kind
Role = Membership.Role

# (key, name, short name, kind, parent key)
ORGANISATIONS = [
    ("stockholm", "Stockholms stad", "Stockholm", Kind.MUNICIPALITY, None),
    ("hv", "Hässelby-Vällingby stadsdelsnämnd", "Hasselby-Vallingby", Kind.COMMITTEE, "stockholm"),
    ("skarholmen", "Skärholmens stadsdelsnämnd", "Skarholmen", Kind.COMMITTEE, "stockholm"),
    ("skarholmen-soc", "Avdelningen för socialtjänst", "Socialtjanst", Kind.UNIT, "skarholmen"),
    ("skarholmen-fritid", "Avdelningen för kultur och fritid", "Kultur-och-fritid", Kind.UNIT, "skarholmen"),
    ("skarholmen-forskola", "Avdelningen för förskola", "Forskola", Kind.UNIT, "skarholmen"),
    ("skarholmen-ledning", "Stadsdelsdirektörens stab", "Skarholmen-stab", Kind.UNIT, "skarholmen"),
    ("skarholmen-aldre", "Avdelningen för äldreomsorg", "Aldreomsorg", Kind.UNIT, "skarholmen"),
    ("hv-stab", "Stadsdelsförvaltningens stab", "HV-stab", Kind.UNIT, "hv"),
    ("hv-fritid", "Avdelningen för kultur och fritid, Hässelby-Vällingby", "HV-fritid", Kind.UNIT, "hv"),
    ("kungsbacka", "Kungsbacka kommun", "Kungsbacka", Kind.MUNICIPALITY, None),
    ("kungsbacka-kfn", "Kultur- och fritidsnämnden", "Kungsbacka-KFN", Kind.COMMITTEE, "kungsbacka"),
    (
        "kungsbacka-integration",
        "Verksamheten för integration och arbetsmarknad",
        "Kungsbacka-integration",
        Kind.UNIT,
        "kungsbacka-kfn",
    ),
    ("kungsbacka-utbildning", "Verksamhet utbildning", "Kungsbacka-utbildning", Kind.UNIT, "kungsbacka-kfn"),
    ("lulea", "Luleå kommun", "Lulea", Kind.MUNICIPALITY, None),
    ("lulea-soc", "Socialnämnden", "Lulea-socialnamnden", Kind.COMMITTEE, "lulea"),
    ("lulea-stab", "Kommunstaben", "Lulea-kommunstab", Kind.UNIT, "lulea-soc"),
    ("lulea-socf", "Socialförvaltningen", "Lulea-socialforvaltning", Kind.UNIT, "lulea-soc"),
]

# Organisations that publish their adopted plans and routines on the public pages (/publikt/<id>/).
PUBLISHING = {"skarholmen", "lulea-soc"}

# (username, first name, last name, organisation key, role); superuser `admin` has no membership.
USERS = [
    ("samordnare", "Karin", "Holmqvist", "skarholmen", Role.COORDINATOR),
    ("sekreterare", "Jonas", "Berglund", "skarholmen", Role.SECRETARY),
    ("medarbetare", "Amira", "Lindqvist", "skarholmen-fritid", Role.STAFF),
    ("central", "Per", "Sandström", "stockholm", Role.CENTRAL),
    ("samordnare-hv", "Elin", "Nordgren", "hv", Role.COORDINATOR),
    ("samordnare-kungsbacka", "Oskar", "Wikström", "kungsbacka-kfn", Role.COORDINATOR),
    ("samordnare-lulea", "Maja", "Öberg", "lulea-soc", Role.COORDINATOR),
]


@transaction.atomic
def load() -> dict[str, Organisation]:
    """Create or update the demo organisations and users; safe to run again."""
    orgs: dict[str, Organisation] = {}
    for key, name, short_name, kind, parent_key in ORGANISATIONS:
        parent = orgs[parent_key] if parent_key else None
        org, _ = Organisation.objects.update_or_create(
            name=name,
            parent=parent,
            defaults={"short_name": short_name, "kind": kind, "publishes_publicly": key in PUBLISHING},
        )
        orgs[key] = org

    User = get_user_model()
    for username, first, last, org_key, role in USERS:
        user = _user(User, username, first, last)
        Membership.objects.get_or_create(user=user, organisation=orgs[org_key], role=role)

    admin = _user(User, "admin", "Alex", "Administratör")
    if not admin.is_superuser:
        admin.is_superuser = admin.is_staff = True
        admin.save()
    return orgs


def _user(User, username, first, last):
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@example.invalid"},
    )
    if created or not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def organisation(key: str) -> Organisation:
    """Look up a demo organisation by its key, for the other apps' demo loaders."""
    for k, name, _short, _kind, _parent in ORGANISATIONS:
        if k == key:
            return Organisation.objects.get(name=name)
    raise KeyError(key)
