"""Meetings as a network of people, and pictures of it (networkx, matplotlib: imported on use)."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations
from typing import TYPE_CHECKING, Any, Literal

from diplomeet.formats._common import (
    as_meetings,
    participant_key,
    participant_name,
)
from diplomeet.models import Meeting

if TYPE_CHECKING:  # pragma: no cover
    import networkx
    from matplotlib.axes import Axes

_MARKERS = {"occurred": "o", "planned": "s", "proposed": "^", "cancelled": "x"}


def _require(module: str) -> Any:
    try:
        return __import__(module, fromlist=["_"])
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError(
            f'this function needs {module.split(".")[0]}: pip install "diplomeet[graph]"'
        ) from None


def to_networkx(meetings: Iterable[Meeting]) -> "networkx.Graph":
    """Build an undirected graph: people are nodes, meetings link every pair of participants.

    Nodes are people: keyed by ``person_id`` (one node per person of a deduplicated corpus,
    whatever spellings the articles used), else by canonical name, or ``"Role (Country)"`` for
    an unnamed participant, with attributes ``person_id``, ``name``, ``label``, ``role``,
    ``country``, ``country_code`` and ``n_meetings``.
    Edges carry ``weight`` (number of meetings), ``meetings`` (ids), ``dates`` (``date`` or
    None, aligned with ``meetings``) and ``statuses``. Every status counts: filter the list first
    to keep, say, only meetings that took place.

    Raises:
        ImportError: networkx is not installed (``pip install "diplomeet[graph]"``).
    """
    nx = _require("networkx")
    items = as_meetings(meetings, func="to_networkx")
    graph = nx.Graph()
    for m in items:
        keys = []
        for p in m.participants:
            key = participant_key(p)
            if key in keys:
                continue
            keys.append(key)
            if key not in graph:
                graph.add_node(
                    key,
                    person_id=p.person_id,
                    name=p.name,
                    label=participant_name(p),
                    role=p.role,
                    country=p.country,
                    country_code=p.country_code,
                    n_meetings=0,
                )
            node = graph.nodes[key]
            node["n_meetings"] += 1
            for attr in ("name", "role", "country", "country_code"):
                if node[attr] is None and getattr(p, attr) is not None:
                    node[attr] = getattr(p, attr)
        for a, b in combinations(keys, 2):
            if not graph.has_edge(a, b):
                graph.add_edge(a, b, weight=0, meetings=[], dates=[], statuses=[])
            edge = graph.edges[a, b]
            edge["weight"] += 1
            edge["meetings"].append(m.id)
            edge["dates"].append(m.date)
            edge["statuses"].append(m.status)
    return graph


def plot_network(meetings: Iterable[Meeting], ax: "Axes | None" = None) -> "Axes":
    """Draw the network of :func:`to_networkx`: node colour by country, edge width by meetings.

    Args:
        meetings: The meetings.
        ax: Axes to draw on; a new figure when None.

    Returns:
        The Axes drawn on.
    """
    nx = _require("networkx")
    plt = _require("matplotlib.pyplot")
    graph = to_networkx(meetings)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 6))
    ax.set_axis_off()
    if graph.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no meetings", ha="center", va="center", transform=ax.transAxes)
        return ax
    positions = nx.spring_layout(graph, seed=0, weight="weight")
    countries = sorted({str(c) for _, c in graph.nodes(data="country")})
    palette = plt.get_cmap("tab20")
    colour = {c: palette(i % 20) for i, c in enumerate(countries)}
    nx.draw_networkx_edges(
        graph,
        positions,
        ax=ax,
        width=[1 + 1.5 * (w - 1) for _, _, w in graph.edges(data="weight")],
        edge_color="#999999",
    )
    nx.draw_networkx_nodes(
        graph,
        positions,
        ax=ax,
        node_color=[colour[str(c)] for _, c in graph.nodes(data="country")],
        node_size=[300 + 100 * n for _, n in graph.nodes(data="n_meetings")],
    )
    nx.draw_networkx_labels(
        graph, positions, ax=ax, labels=dict(graph.nodes(data="label")), font_size=8
    )
    for country in countries:
        ax.scatter([], [], color=colour[country], label=country)
    ax.legend(loc="best", fontsize=7, frameon=False)
    return ax


def plot_timeline(
    meetings: Iterable[Meeting],
    by: Literal["dyad", "person"] = "dyad",
    ax: "Axes | None" = None,
) -> "Axes":
    """Plot meetings over time, one row per pair of participants (``"dyad"``) or per person.

    Markers show the status (o occurred, s planned, ^ proposed, x cancelled); meetings without
    a date are left out and counted in the title.

    Args:
        meetings: The meetings.
        by: ``"dyad"`` or ``"person"``.
        ax: Axes to draw on; a new figure when None.

    Returns:
        The Axes drawn on.
    """
    if by not in ("dyad", "person"):
        raise ValueError(f"by must be 'dyad' or 'person', got {by!r}")
    plt = _require("matplotlib.pyplot")
    items = as_meetings(meetings, func="plot_timeline")
    points: dict[str, list[tuple[Any, str]]] = {}
    undated = 0
    for m in items:
        if m.date is None:
            undated += 1
            continue
        for row in _rows(m, by):
            points.setdefault(row, []).append((m.date, m.status))
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 1 + 0.4 * max(len(points), 2)))
    title = f"Meetings by {by}"
    if undated:
        title += f" ({undated} without a date not shown)"
    ax.set_title(title)
    if not points:
        ax.text(0.5, 0.5, "no dated meetings", ha="center", va="center", transform=ax.transAxes)
        ax.set_yticks([])
        return ax
    rows = sorted(points, key=lambda r: (min(d for d, _ in points[r]), r))
    for y, row in enumerate(rows):
        for status, marker in _MARKERS.items():
            dates = [d for d, s in points[row] if s == status]
            if dates:
                colour = f"C{list(_MARKERS).index(status)}"
                ax.scatter(dates, [y] * len(dates), marker=marker, color=colour)
    for i, (status, marker) in enumerate(_MARKERS.items()):
        ax.scatter([], [], marker=marker, color=f"C{i}", label=status)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(rows, fontsize=8)
    ax.set_ylim(-0.5, len(rows) - 0.5)
    ax.legend(loc="upper left", fontsize=7, frameon=False, ncol=4)
    ax.figure.autofmt_xdate()
    return ax


def _rows(m: Meeting, by: str) -> list[str]:
    # after a corpus run every mention of a person carries the person's canonical name
    names = list(dict.fromkeys(participant_name(p) for p in m.participants))
    if by == "person":
        return names
    return [" – ".join(sorted(pair)) for pair in combinations(names, 2)]
