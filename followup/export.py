"""A follow-up round as an XLSX workbook: the nämnd's report table and the status summary."""

from io import BytesIO

from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

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
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Uppföljning"
    sheet.append([f"Uppföljning av {round_.revision.plan.title} – {round_.organisation.name}"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"{round_.get_kind_display()}, {round_.period}. {round_.revision.adoption_line}"])
    sheet.append([])
    sheet.append(HEADERS)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for group in groups:
        for entry in group["entries"]:
            sheet.append(
                [
                    group["label"],
                    entry.activity.chapter.heading,
                    entry.activity.text,
                    entry.activity.purpose,
                    entry.status.label if entry.status else "Ej rapporterad",
                    entry.narrative,
                    (entry.reported_by.get_full_name() or entry.reported_by.username)
                    if entry.reported_by
                    else "",
                    timezone.localtime(entry.reported_at).date() if entry.reported_at else None,
                ]
            )
            sheet.cell(row=sheet.max_row, column=8).number_format = "yyyy-mm-dd"
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[chr(64 + index)].width = width
    for row in sheet.iter_rows(min_row=header_row + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"

    totals = workbook.create_sheet("Sammanfattning")
    totals.append(["Status", "Antal aktiviteter"])
    for cell in totals[1]:
        cell.font = Font(bold=True)
    for status, count in summary:
        totals.append([status.label if status else "Ej rapporterad", count])
    totals.append(["Totalt", sum(count for _status, count in summary)])
    totals.column_dimensions["A"].width = 24
    totals.column_dimensions["B"].width = 18
    if round_.overall_comment:
        totals.append([])
        totals.append(["Samordnarens samlade kommentar"])
        totals.append([round_.overall_comment])

    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
