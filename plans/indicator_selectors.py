"""Reads of indicators shared by the activity page, the plan PDF and the follow-up report.

Reported values live in followup (which depends on plans); they are read here through the related
name `values` only, so the arrow between the apps keeps pointing one way.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.safestring import SafeString, mark_safe

from .indicator_chart import WEB_FONTS, ReportedValue, indicator_chart
from .indicator_models import Indicator


def _value_model():
    return Indicator._meta.get_field("values").related_model


def with_values(queryset):
    """Indicators with their targets and their reported values (oldest round first), prefetched."""
    values = _value_model().objects.select_related("round__revision").order_by("round__opened_at", "pk")
    return queryset.prefetch_related("targets", Prefetch("values", queryset=values))


def reported(indicator) -> list[ReportedValue]:
    return [
        ReportedValue(
            label=f"{v.round.get_kind_display()} {v.round.revision.year}",
            year=v.round.revision.year,
            kind=v.round.kind,
            value=v.value,
        )
        for v in indicator.values.all()
    ]


@dataclass
class IndicatorView:
    indicator: Indicator
    chart: SafeString
    values: list

    @property
    def latest(self):
        return self.values[-1] if self.values else None


def indicator_views(indicators, *, font_family=WEB_FONTS, reported_values=True) -> list[IndicatorView]:
    """Each indicator (values prefetched by `with_values`) with its chart; baseline and targets only
    when `reported_values` is false (the public plan shows no follow-up)."""
    result = []
    for indicator in indicators:
        values = list(indicator.values.all()) if reported_values else []
        svg = indicator_chart(
            indicator, reported(indicator) if reported_values else [], font_family=font_family
        )
        result.append(IndicatorView(indicator, mark_safe(svg), values))  # noqa: S308 - our template, escaped
    return result


def for_activity(activity, *, font_family=WEB_FONTS) -> list[IndicatorView]:
    return indicator_views(with_values(activity.indicators.all()), font_family=font_family)


def by_activity(activities, *, font_family=WEB_FONTS, reported_values=True) -> dict[int, list[IndicatorView]]:
    """{activity id: its indicator views} for a whole revision in three queries."""
    indicators = with_values(Indicator.objects.filter(activity__in=activities))
    grouped: dict[int, list[IndicatorView]] = {}
    for view in indicator_views(indicators, font_family=font_family, reported_values=reported_values):
        grouped.setdefault(view.indicator.activity_id, []).append(view)
    return grouped
