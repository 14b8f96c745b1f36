"""Network, timeline and displaCy views on hand-built meetings (no model needed)."""

from __future__ import annotations

from datetime import date

import pytest

from diplomeet import Evidence, Meeting, Participant

nx = pytest.importorskip("networkx")
matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from diplomeet.graph import plot_network, plot_timeline, to_networkx  # noqa: E402
from diplomeet.viz import meeting_blocks, render  # noqa: E402

BLINKEN = Participant(name="Antony Blinken", aliases=["Blinken"], role="Secretary of State", country="United States", country_code="USA")
WANG = Participant(name="Wang Yi", role="Foreign Minister", country="China", country_code="CHN")
CAVUSOGLU = Participant(name="Mevlut Cavusoglu", aliases=["Cavusoglu"], role="Foreign Minister", country="Turkey", country_code="TUR")
UNNAMED = Participant(name=None, role="President", country="Armenia", country_code="ARM")


def make(id, people, day=None, status="occurred", **kw):
    return Meeting(id=id, participants=people, date=day, status=status, **kw)


MEETINGS = [
    make("m1", [BLINKEN, WANG], date(2023, 6, 19), location="Beijing", location_country="China",
         date_text="on Monday",
         evidence=[Evidence(text="Antony Blinken met Wang Yi in Beijing on Monday.", start=0, end=48),
                   Evidence(text="Blinken and Wang Yi talked for hours.", start=49, end=86)]),
    make("m2", [WANG, BLINKEN], date(2023, 7, 1), status="planned"),
    make("m3", [CAVUSOGLU, WANG, UNNAMED], None, kind="video"),
]


def test_to_networkx_nodes_and_edges():
    g = to_networkx(MEETINGS)
    assert set(g.nodes) == {"Antony Blinken", "Wang Yi", "Mevlut Cavusoglu", "President (Armenia)"}
    assert g.nodes["Wang Yi"]["country_code"] == "CHN"
    assert g.nodes["Wang Yi"]["n_meetings"] == 3
    assert g.nodes["President (Armenia)"]["name"] is None
    assert g.nodes["President (Armenia)"]["label"] == "President of Armenia"
    edge = g.edges["Wang Yi", "Antony Blinken"]
    assert edge["weight"] == 2
    assert edge["meetings"] == ["m1", "m2"]
    assert edge["dates"] == [date(2023, 6, 19), date(2023, 7, 1)]
    assert edge["statuses"] == ["occurred", "planned"]
    assert g.number_of_edges() == 1 + 3  # trilateral meeting -> a triangle
    assert to_networkx([]).number_of_nodes() == 0


def test_to_networkx_bad_input():
    with pytest.raises(TypeError):
        to_networkx("m1")


def test_plot_network_and_timeline_return_axes():
    import matplotlib.pyplot as plt

    ax = plot_network(MEETINGS)
    assert len(ax.texts) >= 4  # node labels
    for by in ("dyad", "person"):
        ax = plot_timeline(MEETINGS, by=by)
        labels = [t.get_text() for t in ax.get_yticklabels()]
        if by == "dyad":
            assert labels == ["Antony Blinken – Wang Yi"]
        else:
            assert set(labels) == {"Antony Blinken", "Wang Yi"}
        assert "1 without a date" in ax.get_title()
    fig, ax = plt.subplots()
    assert plot_timeline([], ax=ax) is ax
    assert plot_network([], ax=ax) is ax
    with pytest.raises(ValueError, match="dyad"):
        plot_timeline(MEETINGS, by="country")
    plt.close("all")


def test_meeting_blocks_highlight_participants_place_and_date():
    blocks = meeting_blocks(MEETINGS[0])
    assert len(blocks) == 2
    first = blocks[0]
    spans = [(first["text"][e["start"]:e["end"]], e["label"]) for e in first["ents"]]
    assert spans == [("Antony Blinken", "USA"), ("Wang Yi", "CHN"), ("Beijing", "PLACE"), ("on Monday", "DATE")]
    assert first["title"].startswith("2023-06-19 · occurred · in person · Beijing")
    second = [(blocks[1]["text"][e["start"]:e["end"]]) for e in blocks[1]["ents"]]
    assert second == ["Blinken", "Wang Yi"]


def test_render_meetings_returns_html():
    html = render(MEETINGS, jupyter=False)
    assert isinstance(html, str) and "Antony Blinken" in html and "USA" in html
    assert "No meetings found." in render([], jupyter=False)
    assert "Wang Yi" in render(MEETINGS[0], jupyter=False)
    with pytest.raises(TypeError):
        render(42, jupyter=False)


def test_render_doc_from_pipeline_data():
    spacy = pytest.importorskip("spacy")
    extensions = pytest.importorskip("diplomeet.pipeline.extensions")
    MEETINGS_KEY, register_extensions = extensions.MEETINGS_KEY, extensions.register_extensions

    register_extensions()
    nlp = spacy.blank("en")
    doc = nlp(MEETINGS[0].evidence[0].text)
    doc.user_data[MEETINGS_KEY] = [MEETINGS[0].model_dump(mode="json")]
    html = render(doc, jupyter=False)
    assert "Beijing" in html and "PLACE" in html


@pytest.mark.model
def test_render_text_with_model():
    html = render(
        "Turkish Foreign Minister Mevlut Cavusoglu met Chinese Foreign Minister Wang Yi in "
        "Beijing on Monday.",
        jupyter=False,
    )
    assert isinstance(html, str) and "Cavusoglu" in html
