"""One guard for every Office file (DOCX, XLSX) the portal reads, run before python-docx or openpyxl.

An Office file is a zip of XML parts. Two things in it can hurt a server that merely reads it:
- a zip bomb: a few kilobytes that inflate to gigabytes. The zip's central directory declares each
  member's uncompressed size, and Python's zipfile never inflates a member past its declared size, so
  checking the declared sizes, the number of members and the compression ratio bounds what any reader
  (ours, python-docx's, openpyxl's) will ever inflate;
- XML with a DOCTYPE or ENTITY declaration: entity expansion ("billion laughs") and external entities.
  No Office part needs one, so a file whose parts contain either is refused before lxml sees it.

`check_office_file(data)` raises `NotAnOfficeFile` (not a zip at all: the caller says what it expected)
or `UnsafeOfficeFile` (a zip we will not read), both ValueErrors with a Swedish `message`.
"""

import io
import zipfile

MAX_MEMBERS = 1_000
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 100 * 1024 * 1024
# XML compresses well (10-30 times); a bomb inflates thousands of times. Small members may be anything.
MAX_RATIO = 100
RATIO_APPLIES_ABOVE = 1024 * 1024
# Declarations no Office part has. NULs are removed before the search, so UTF-16/32 parts are caught too.
FORBIDDEN = (b"<!doctype", b"<!entity")
CHUNK = 1024 * 1024
UNSAFE_HINT = "Öppna filen i Word eller Excel och spara den på nytt, eller kontakta den som skickade den."


class OfficeFileError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotAnOfficeFile(OfficeFileError):
    """Not a zip archive: the file is something else (or damaged)."""


class UnsafeOfficeFile(OfficeFileError):
    """A zip archive the portal refuses to read: too large when unpacked, or XML with declarations."""


def check_office_file(data: bytes) -> None:
    """Refuse `data` unless it is a zip whose members are few, bounded and free of XML declarations."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise NotAnOfficeFile("Filen är inte en Office-fil (den är inte ett zip-arkiv).") from error
    with archive:
        members = archive.infolist()
        _check_sizes(members)
        for member in members:
            _check_xml(archive, member)


def _check_sizes(members) -> None:
    if len(members) > MAX_MEMBERS:
        raise UnsafeOfficeFile(
            f"Filen innehåller {len(members)} delar, fler än de {MAX_MEMBERS} som tillåts. {UNSAFE_HINT}"
        )
    total = 0
    for member in members:
        size = member.file_size
        total += size
        if size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
            raise UnsafeOfficeFile(
                f"Filen blir större än {MAX_TOTAL_BYTES // (1024 * 1024)} MB när den packas upp "
                f"(delen ”{_name(member)}”). {UNSAFE_HINT}"
            )
        if size > RATIO_APPLIES_ABOVE and size > MAX_RATIO * max(member.compress_size, 1):
            raise UnsafeOfficeFile(
                f"Delen ”{_name(member)}” är packad mer än {MAX_RATIO} gånger, vilket vanliga Office-filer "
                f"aldrig är (en så kallad zip-bomb). {UNSAFE_HINT}"
            )


def _check_xml(archive, member) -> None:
    """Stream the member (bounded by its declared size) and look for a DOCTYPE or ENTITY declaration."""
    if member.is_dir():
        return
    tail = b""
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(CHUNK):
                text = (tail + chunk.replace(b"\x00", b"")).lower()
                if any(pattern in text for pattern in FORBIDDEN):
                    raise UnsafeOfficeFile(
                        f"Delen ”{_name(member)}” innehåller en DOCTYPE- eller ENTITY-deklaration, som "
                        f"Office-filer inte har och som portalen inte läser. {UNSAFE_HINT}"
                    )
                tail = text[-16:]
    except UnsafeOfficeFile:
        raise
    except Exception as error:  # noqa: BLE001 - zlib, lzma, bz2 and zipfile each raise their own kinds
        # A damaged member, an unknown compression method, a password: no reader could use it either.
        raise UnsafeOfficeFile(
            f"Delen ”{_name(member)}” i filen går inte att packa upp. {UNSAFE_HINT}"
        ) from error


def _name(member) -> str:
    return member.filename[:80]
