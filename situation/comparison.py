"""Year over year: what one organisation observed, per environment and kind, across its lägesbilder."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from .models import Environment, Observation, ObservationKind, SituationPicture


@dataclass
class Cell:
    """Observations of one year: the counted total, and how many were recorded as "ej räknat"."""

    total: int = 0
    uncounted: int = 0
    recorded: int = 0

    def add(self, other: "Cell") -> None:
        self.total += other.total
        self.uncounted += other.uncounted
        self.recorded += other.recorded

    @property
    def value(self) -> int | None:
        """The number to draw: None when something was seen but nothing was counted."""
        if self.recorded and self.recorded == self.uncounted:
            return None
        return self.total

    @property
    def display(self) -> str:
        if not self.recorded:
            return "0"
        if self.value is None:
            return "ej räknat"
        if self.uncounted:
            return f"{self.total} + ej räknat"
        return str(self.total)


@dataclass
class Row:
    environment: str
    kind: str
    cells: list[Cell]
    is_total: bool = False
    span: int = 0  # rows of this environment, set on its first row (for the table's rowspan)


@dataclass
class Comparison:
    years: list[int]
    pictures: list[SituationPicture]
    rows: list[Row] = field(default_factory=list)
    by_environment: list[tuple[str, list[Cell]]] = field(default_factory=list)
    by_kind: list[tuple[str, list[Cell]]] = field(default_factory=list)


def year_over_year(organisation, *, up_to: int | None = None) -> Comparison:
    """Counts for every year this organisation has a lägesbild (four queries whatever the size).

    With `up_to`, only the years until then: the lägesbild of 2019 compares with earlier years only.
    """
    pictures = SituationPicture.objects.filter(organisation=organisation).order_by("year")
    observations = Observation.objects.filter(picture__organisation=organisation)
    if up_to is not None:
        pictures = pictures.filter(year__lte=up_to)
        observations = observations.filter(picture__year__lte=up_to)
    pictures = list(pictures)
    years = [p.year for p in pictures]
    index = {year: i for i, year in enumerate(years)}
    aggregates = observations.values("picture__year", "environment_id", "kind_id").annotate(
        total=Sum("count", default=0),
        uncounted=Count("pk", filter=Q(count__isnull=True)),
        recorded=Count("pk"),
    )
    cells: dict[tuple[int, int], list[Cell]] = {}
    for row in aggregates:
        key = (row["environment_id"], row["kind_id"])
        cells.setdefault(key, [Cell() for _ in years])[index[row["picture__year"]]] = Cell(
            row["total"], row["uncounted"], row["recorded"]
        )
    environments = {e.pk: e for e in Environment.objects.filter(pk__in={k[0] for k in cells})}
    kinds = {k.pk: k for k in ObservationKind.objects.filter(pk__in={k[1] for k in cells})}

    comparison = Comparison(years=years, pictures=pictures)
    per_kind: dict[int, list[Cell]] = {}
    for env in sorted(environments.values(), key=lambda e: (e.order, e.name)):
        env_total = [Cell() for _ in years]
        first = len(comparison.rows)
        for kind in sorted(kinds.values(), key=lambda k: (k.order, k.name)):
            row_cells = cells.get((env.pk, kind.pk))
            if row_cells is None:
                continue
            comparison.rows.append(Row(env.name, kind.name, row_cells))
            for i, cell in enumerate(row_cells):
                env_total[i].add(cell)
                per_kind.setdefault(kind.pk, [Cell() for _ in years])[i].add(cell)
        comparison.rows.append(Row(env.name, "Totalt", env_total, is_total=True))
        comparison.rows[first].span = len(comparison.rows) - first
        comparison.by_environment.append((env.name, env_total))
    for kind in sorted(kinds.values(), key=lambda k: (k.order, k.name)):
        if kind.pk in per_kind:
            comparison.by_kind.append((kind.name, per_kind[kind.pk]))
    return comparison
