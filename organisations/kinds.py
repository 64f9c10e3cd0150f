"""Plan kinds: one engine for the VBE-handlingsplan and the brottsförebyggande åtgärdsplan.

Since 2023-07-01 every municipality must keep a lägesbild and an åtgärdsplan for crime prevention
(lag 2023:196 om kommuners ansvar för brottsförebyggande arbete). Both kinds share editing, adoption,
history, follow-up, documents and the catalogue; what differs per kind lives as data: the default
chapters and activity sections (plans.kinds), the lägesbild's parts (situation.models), and the cycle
and adopting body, which an organisation sets in KindSetting (the nearest setting up the tree applies).
"""

from dataclasses import dataclass

from django.db import models
from simple_history.models import HistoricalRecords


class PlanKind(models.TextChoices):
    VBE = "vbe", "VBE-handlingsplan"
    CRIME_PREVENTION = "brottsforebyggande", "Brottsförebyggande åtgärdsplan (lag 2023:196)"


@dataclass(frozen=True)
class KindDefaults:
    adopting_body: str
    plan_cycle_years: int
    picture_cycle_years: int


# Used where no organisation up the tree has its own KindSetting.
DEFAULTS = {
    PlanKind.VBE: KindDefaults(adopting_body="", plan_cycle_years=1, picture_cycle_years=1),
    PlanKind.CRIME_PREVENTION: KindDefaults(
        adopting_body="Kommunfullmäktige", plan_cycle_years=1, picture_cycle_years=1
    ),
}


class KindSetting(models.Model):
    """An organisation's settings for one plan kind: who adopts the plan and how often it is made."""

    class Body(models.TextChoices):
        COUNCIL = "Kommunfullmäktige", "Kommunfullmäktige"
        EXECUTIVE = "Kommunstyrelsen", "Kommunstyrelsen"

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="organisation",
        on_delete=models.CASCADE,
        related_name="kind_settings",
    )
    kind = models.CharField("plantyp", max_length=20, choices=PlanKind.choices)
    adopting_body = models.CharField(
        "beslutande organ",
        max_length=200,
        blank=True,
        help_text="Till exempel Kommunfullmäktige, Kommunstyrelsen eller nämndens namn.",
    )
    plan_cycle_years = models.PositiveSmallIntegerField(
        "planens cykel (år)", default=1, help_text="Antal år mellan två revideringar av planen."
    )
    picture_cycle_years = models.PositiveSmallIntegerField(
        "lägesbildens cykel (år)",
        default=1,
        help_text="Antal år mellan två lägesbilder; den brottsförebyggande behöver inte vara årlig.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "inställning per plantyp"
        verbose_name_plural = "inställningar per plantyp"
        ordering = ["organisation__path", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind"], name="kindsetting_unique_kind"),
            models.CheckConstraint(
                condition=models.Q(plan_cycle_years__gte=1, picture_cycle_years__gte=1),
                name="kindsetting_cycles_positive",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.organisation}"


def setting_for(organisation, kind) -> KindDefaults:
    """The nearest KindSetting from the organisation up the tree, else the kind's defaults."""
    settings = {
        s.organisation_id: s
        for s in KindSetting.objects.filter(organisation_id__in=organisation.ancestor_ids(), kind=kind)
    }
    for org_id in reversed(organisation.ancestor_ids()):
        if org_id in settings:
            s = settings[org_id]
            return KindDefaults(s.adopting_body, s.plan_cycle_years, s.picture_cycle_years)
    return DEFAULTS[PlanKind(kind)]
