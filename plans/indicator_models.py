"""Indicators of an activity: name, unit, which way is better, baseline and a target per year.

The shape the results frameworks converged on (Akvo, Kausal) and Luleå's internal-control follow-up
shows. Values are reported per follow-up round (followup.IndicatorValue). An indicator belongs to its
activity's revision: frozen with it, copied into next year's draft with lineage.
"""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

NUMBER = {"max_digits": 14, "decimal_places": 2}


def format_number(value) -> str:
    """12.50 -> '12,5', 3.00 -> '3': Swedish decimal comma, no trailing zeros."""
    if value is None:
        return "–"
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",").replace("-", "−")


class Indicator(models.Model):
    class Direction(models.TextChoices):
        HIGHER = "hogre", "Högre värde är bättre"
        LOWER = "lagre", "Lägre värde är bättre"

    activity = models.ForeignKey(
        "plans.Activity", verbose_name="aktivitet", on_delete=models.CASCADE, related_name="indicators"
    )
    order = models.PositiveIntegerField("ordning", default=0)
    name = models.CharField("indikator", max_length=200)
    unit = models.CharField("enhet", max_length=40, help_text="Till exempel antal, procent eller deltagare.")
    direction = models.CharField(
        "riktning", max_length=5, choices=Direction.choices, default=Direction.HIGHER
    )
    baseline_year = models.PositiveSmallIntegerField("utgångsår", null=True, blank=True)
    baseline_value = models.DecimalField("utgångsvärde", null=True, blank=True, **NUMBER)
    baseline_source = models.CharField(
        "källa för utgångsvärdet", max_length=300, blank=True, help_text="Till exempel Elevenkäten 2018."
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name="kopierad från",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikator"
        verbose_name_plural = "indikatorer"
        ordering = ["activity", "order", "pk"]

    def __str__(self):
        return f"{self.name} ({self.unit})"

    def get_absolute_url(self):
        return reverse("plans:activity_detail", args=[self.activity_id]) + f"#indikator-{self.pk}"

    def access_policy(self):
        return self.activity.access_policy()

    @property
    def baseline_display(self) -> str:
        return format_number(self.baseline_value)

    def target_for(self, year):
        return next((t for t in self.targets.all() if t.year == year), None)


class IndicatorTarget(models.Model):
    """Målvärde: the value the indicator should reach in a year."""

    indicator = models.ForeignKey(
        Indicator, verbose_name="indikator", on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField("år")
    value = models.DecimalField("målvärde", **NUMBER)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "målvärde"
        verbose_name_plural = "målvärden"
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="indicatortarget_unique_year"),
        ]

    def __str__(self):
        return f"{self.year}: {format_number(self.value)}"

    @property
    def value_display(self) -> str:
        return format_number(self.value)
