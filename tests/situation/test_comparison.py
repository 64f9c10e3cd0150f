"""Year over year: the numbers per environment and kind, and the SVG chart drawn from them."""

import xml.etree.ElementTree as ET

import pytest

from situation.charts import grouped_bar_chart, nice_step, wrap_label
from situation.comparison import year_over_year
from tests.factories import ObservationFactory, SituationPictureFactory, environment, observation_kind

from .helpers import url

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
RIGHT = "Våldsbejakande högerextremism / vit makt-miljön"
LEFT = "Vänsterextremism / autonoma miljön"


@pytest.fixture
def three_years(committee, other_committee):
    p2017 = SituationPictureFactory(organisation=committee, year=2017, established=True)
    p2018 = SituationPictureFactory(organisation=committee, year=2018, established=True)
    p2019 = SituationPictureFactory(organisation=committee, year=2019)
    graffiti, flyers = observation_kind("Graffiti/klotter"), observation_kind("Flygblad/affischer")
    right, left = environment(RIGHT), environment(LEFT)
    ObservationFactory(picture=p2017, environment=right, kind=graffiti, count=1)
    ObservationFactory(picture=p2017, environment=right, kind=flyers, count=2)
    ObservationFactory(picture=p2018, environment=right, kind=graffiti, count=3)
    ObservationFactory(picture=p2018, environment=right, kind=graffiti, count=2)  # two areas, same kind
    ObservationFactory(picture=p2018, environment=right, kind=flyers, count=5)
    ObservationFactory(picture=p2018, environment=left, kind=graffiti, count=2)
    ObservationFactory(picture=p2019, environment=left, kind=graffiti, count=None)  # seen, not counted
    ObservationFactory(picture=p2019, environment=right, kind=flyers, count=4)
    ObservationFactory(picture=p2019, environment=right, kind=flyers, count=None)
    # Another committee's numbers never mix in.
    ObservationFactory(
        picture__organisation=other_committee, picture__year=2018, environment=right, count=100
    )
    return p2019


def _cells(comparison, environment_name, kind_name):
    row = next(r for r in comparison.rows if r.environment == environment_name and r.kind == kind_name)
    return [cell.display for cell in row.cells]


def test_comparison_numbers_per_environment_and_kind(committee, three_years, django_assert_num_queries):
    with django_assert_num_queries(4):
        comparison = year_over_year(committee)
    assert comparison.years == [2017, 2018, 2019]
    assert _cells(comparison, RIGHT, "Graffiti/klotter") == ["1", "5", "0"]
    assert _cells(comparison, RIGHT, "Flygblad/affischer") == ["2", "5", "4 + ej räknat"]
    assert _cells(comparison, RIGHT, "Totalt") == ["3", "10", "4 + ej räknat"]
    assert _cells(comparison, LEFT, "Graffiti/klotter") == ["0", "2", "ej räknat"]
    assert _cells(comparison, LEFT, "Totalt") == ["0", "2", "ej räknat"]
    assert [(name, [c.value for c in cells]) for name, cells in comparison.by_kind] == [
        ("Graffiti/klotter", [1, 7, None]),  # both environments; 2019 only "ej räknat"
        ("Flygblad/affischer", [2, 5, 4]),
    ]
    assert [(name, [c.value for c in cells]) for name, cells in comparison.by_environment] == [
        (RIGHT, [3, 10, 4]),
        (LEFT, [0, 2, None]),
    ]


def test_comparison_page_shows_table_and_chart(client, coordinator, three_years):
    client.force_login(coordinator)
    response = client.get(url("picture_comparison", three_years.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<th scope="col"><a href="' in html and ">2017</a></th>" in html
    assert html.count('role="img"') == 2
    assert '<title id="chart-environment-title">Iakttagelser per miljö och år</title>' in html
    assert "100" not in html.split("<table")[1].split("</table>")[0]  # other committee's count
    assert "<script" not in html


def _bars(svg):
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    return root, [rect for rect in root.iter(f"{SVG}rect") if rect.get("class") == "bar"]


def test_chart_bars_are_proportional_to_the_counts(committee, three_years):
    from situation.charts import comparison_chart

    svg = comparison_chart(year_over_year(committee), by="environment")
    root, bars = _bars(svg)
    assert root.find(f"{SVG}title").text == "Iakttagelser per miljö och år"
    desc = root.find(f"{SVG}desc").text
    assert "2018: 10" in desc and "2019: ej räknat" in desc
    by_key = {(b.get("data-category"), b.get("data-series")): b for b in bars}
    assert len(by_key) == 6  # two environments x three years

    tallest = by_key[(RIGHT, "2018")]
    unit = float(tallest.get("height")) / 10
    baselines = {round(float(b.get("y")) + float(b.get("height")), 1) for b in bars}
    assert len(baselines) == 1  # every bar stands on the same axis
    for (category, year), value in {
        (RIGHT, "2017"): 3,
        (RIGHT, "2018"): 10,
        (RIGHT, "2019"): 4,
        (LEFT, "2017"): 0,
        (LEFT, "2018"): 2,
    }.items():
        assert float(by_key[(category, year)].get("height")) == pytest.approx(value * unit, abs=0.02)
    uncounted = by_key[(LEFT, "2019")]
    assert float(uncounted.get("height")) == 0 and uncounted.get("data-value") == ""
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "bar-label"]
    assert labels.count("ej räknat") == 1 and "10" in labels

    # Bars of one year keep their order left to right within each group, groups in category order.
    xs = [float(by_key[(RIGHT, y)].get("x")) for y in ("2017", "2018", "2019")]
    assert xs == sorted(xs) and max(xs) < float(by_key[(LEFT, "2017")].get("x"))


def test_chart_tells_series_apart_without_colour(committee):
    svg = grouped_bar_chart(
        chart_id="t",
        title="Test",
        description="Test",
        categories=["A", "B"],
        series=[("2017", [1, 2]), ("2018", [3, 4]), ("2019", [5, 6])],
    )
    root, bars = _bars(svg)
    patterns = root.findall(f".//{SVG}pattern")
    # The first year is solid colour; the others lay white stripes or dots over their colour.
    assert [p.get("id") for p in patterns] == ["t-p1", "t-p2"]
    assert all(len(list(p)) >= 1 for p in patterns)
    assert len({b.get("fill") for b in bars}) == 3
    overlays = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "bar-pattern"]
    assert sorted(r.get("fill") for r in overlays) == ["url(#t-p1)"] * 2 + ["url(#t-p2)"] * 2
    legend = [t.text for t in root.iter(f"{SVG}text") if t.text in {"2017", "2018", "2019"}]
    assert legend == ["2017", "2018", "2019"]
    assert "," not in " ".join(b.get("x") + b.get("height") for b in bars)  # no Swedish decimal comma


def test_axis_steps_and_label_wrapping():
    assert nice_step(4) == 1 and nice_step(12) == 5 and nice_step(60) == 20 and nice_step(230) == 50
    assert wrap_label(RIGHT) == ["Våldsbejakande", "högerextremism /", "vit makt-miljön"]
    assert wrap_label("Demonstrationer/manifestationer") == ["Demonstrationer/", "manifestationer"]


def test_many_years_never_share_colour_and_pattern():
    svg = grouped_bar_chart(
        chart_id="m",
        title="Tio år",
        description="Tio år",
        categories=["A"],
        series=[(str(2010 + i), [i + 1]) for i in range(10)],
    )
    root, bars = _bars(svg)
    overlays = {r.get("x"): r.get("fill") for r in root.iter(f"{SVG}rect") if r.get("class") == "bar-pattern"}
    looks = {(b.get("fill"), overlays.get(b.get("x"), "solid")) for b in bars}
    assert len(looks) == 10
    legend_rows = {r.get("y") for r in root.find(f"{SVG}g[@class='chart__legend']").iter(f"{SVG}rect")}
    assert len(legend_rows) == 2  # the legend wraps instead of running off the chart
    assert int(root.get("height")) > max(float(y) for y in legend_rows) + 16
