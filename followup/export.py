"""A follow-up round as an XLSX workbook: the nämnd's report table and the status summary."""

from django.utils import timezone
from django.utils.text import slugify

from documents.spreadsheet import BOLD, TITLE, Spreadsheet

HEADERS = [
    "Ansvarig",
    "Kapitel",
    "Aktivitet",
    "Mål",
    "Status",
    "Uppföljning",
    "Rapporterad av",
    "Rapporterad",
]
WIDTHS = [28, 24, 48, 40, 16, 60, 22, 12]


def filename(round_) -> str:
    org = slugify(round_.organisation.short_name) or "organisation"
    return f"uppfoljning-{org}-{round_.revision.year}-{round_.kind}-{round_.pk}.xlsx"


def round_workbook(round_, groups, summary) -> bytes:
    workbook = Spreadsheet()
    sheet = workbook.sheet("Uppföljning")
    sheet.append([f"Uppföljning av {round_.revision.plan.title} – {round_.organisation.name}"], font=TITLE)
    sheet.append([f"{round_.get_kind_display()}, {round_.period}. {round_.revision.adoption_line}"])
    sheet.append([])
    sheet.append(HEADERS, font=BOLD)
    header_row = sheet.last_row
    for group in groups:
        for entry in group["entries"]:
            sheet.append(_entry_row(group["label"], entry), wrap=True, number_formats={8: "yyyy-mm-dd"})
    sheet.widths(WIDTHS)
    sheet.worksheet.freeze_panes = sheet.worksheet.cell(row=header_row + 1, column=1)
    sheet.worksheet.print_title_rows = f"{header_row}:{header_row}"

    totals = workbook.sheet("Sammanfattning")
    totals.append(["Status", "Antal aktiviteter"], font=BOLD)
    for status, count in summary:
        totals.append([status.label if status else "Ej rapporterad", count])
    totals.append(["Totalt", sum(count for _status, count in summary)])
    totals.widths([24, 18])
    if round_.overall_comment:
        totals.append([])
        totals.append(["Samordnarens samlade kommentar"])
        totals.append([round_.overall_comment])
    return workbook.to_bytes()


def _entry_row(label, entry) -> list:
    reporter = entry.reported_by
    return [
        label,
        entry.activity.chapter.heading,
        entry.activity.text,
        entry.activity.purpose,
        entry.status.label if entry.status else "Ej rapporterad",
        entry.narrative,
        (reporter.get_full_name() or reporter.username) if reporter else "",
        timezone.localtime(entry.reported_at).date() if entry.reported_at else None,
    ]
