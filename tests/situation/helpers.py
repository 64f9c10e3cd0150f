"""Test helpers for the lägesbild: fictitious personnummer and form data."""

from django.urls import reverse


def luhn_check_digit(nine_digits: str) -> str:
    """The tenth digit that makes YYMMDDNNN pass the Luhn check (written apart from the code under test)."""
    total = 0
    for i, char in enumerate(nine_digits):
        doubled = int(char) * (2 - i % 2)
        total += doubled // 10 + doubled % 10
    return str((10 - total % 10) % 10)


def personal_number(yymmdd: str, serial3: str = "121", *, century: str = "", separator: str = "-") -> str:
    """A checksum-valid personnummer on an obviously fictitious date, e.g. 121212-1212."""
    return f"{century}{yymmdd}{separator}{serial3}{luhn_check_digit(yymmdd + serial3)}"


def wrong_checksum(yymmdd: str, serial3: str = "121", *, century: str = "", separator: str = "-") -> str:
    digit = (int(luhn_check_digit(yymmdd + serial3)) + 1) % 10
    return f"{century}{yymmdd}{separator}{serial3}{digit}"


PNR = personal_number("121212")  # 1912-12-12, Skatteverket's classic test date

PICTURE_FIELDS = [
    "made_with",
    "outlook",
    "occurrence",
    "knowledge",
    "routines",
    "organisation_text",
    "follow_up",
    "analysis",
    "threat_level",
    "threat_level_source",
]


def picture_post(picture, **overrides) -> dict:
    data = {name: getattr(picture, name) or "" for name in PICTURE_FIELDS}
    data["version"] = picture.version
    data.update(overrides)
    return data


def source_post(source=None, **overrides) -> dict:
    data = {"kind": "enkat_medarbetare", "description": "Enkät i mars.", "responses": "12", "order": "1"}
    if source is not None:
        data.update(
            kind=source.kind,
            description=source.description,
            responses=source.responses or "",
            order=source.order,
            version=source.version,
        )
    data.update(overrides)
    return data


def observation_post(observation=None, *, environment=None, kind=None, **overrides) -> dict:
    data = {
        "environment": environment.pk if environment else "",
        "kind": kind.pk if kind else "",
        "area": "Centrum",
        "period": "Våren",
        "count": "3",
        "description": "Klistermärken vid stationen.",
    }
    if observation is not None:
        data.update(
            environment=observation.environment_id,
            kind=observation.kind_id,
            area=observation.area,
            period=observation.period,
            count="" if observation.count is None else observation.count,
            description=observation.description,
            version=observation.version,
        )
    data.update(overrides)
    return data


def url(name, *args):
    return reverse(f"situation:{name}", args=args)
