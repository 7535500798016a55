"""The explorer: one self-contained, offline HTML page of the citation network (vis-network).

The page draws with pyvis's own copy of vis-network, inlined; the node and edge records are the
ones pyvis's ``Network`` would make (``id``, ``label``, ``shape``, ``from``/``to``, ``arrows``), made
here directly because ``Network.add_edge`` checks both ends against a list of every node (minutes at
10,000 documents). The HTML around it is our template (``static/explorer.html``) because pyvis's
templates load Bootstrap and tom-select from CDNs even in ``in_line`` mode and render tooltips as
HTML. What the page guarantees:

- offline: every script and style is inline; the page makes no network request at all;
- escaping: source text (titles, passages) travels as JSON inside ``<script type="application/json">``
  with ``<``, ``>``, ``&`` and U+2028/2029 escaped, and the page only ever puts it in the DOM as
  text (``textContent``), never as HTML; vis tooltips are not used (they render strings as HTML);
- scale: positions are computed here (a timeline or a force layout), vis's improved layout is off,
  physics is off for timelines and for force layouts above ``PHYSICS_MAX_NODES``; above
  ``max_nodes`` instruments (default ``MAX_NODES``) the page draws the most cited ones (or, with a
  focus, those nearest to it) and the links among them, says what it left out, and its search still
  finds every instrument and names the command that draws it.

>>> from resograph.views.network import load
>>> html = render_html(load("tests/fixtures/explorer-sample.ttl"))
>>> "<script src" in html or "<link" in html, "window.__xss=1;alert(1)</script>" in html
(False, False)
"""

from __future__ import annotations

import difflib
import html as _html
import json
import math
import re
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

import networkx as nx
import pyvis

from resograph.core import kinds as kind_table
from resograph.core.errors import UserError
from resograph.core.files import replacing
from resograph.core.version import __version__
from resograph.views import analysis
from resograph.views.network import edges_of

# Above this many instruments the page draws only the most cited. Headless Chromium (software
# rendering, a loaded 2-core machine) on the 10,000-document build: 2,000 instruments (10,194 links,
# 9 MB) ready in 1.6 s, a full redraw 60 ms; 3,000: 2.5 s and 0.2 s; 5,000: 3.3 s and 0.75 s;
# all 18,373 (126,223 links, 83 MB): 24 s and 3.6 s per redraw. 0 or None draws everything.
MAX_NODES = 2000
PHYSICS_MAX_NODES = 300  # above this, the force layout is drawn as computed, without physics
LARGE_GRAPH = 1000  # above this, edges hide while dragging or zooming so panning stays smooth
VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"

# Colours by issuing body: fixed for the usual ones, the rest from a palette in key order.
BODY_COLOURS = {b.code: b.colour for b in kind_table.BODIES}  # core/kinds.py
PALETTE = ["#6c8e2f", "#b5651d", "#2f7ea6", "#a34f8a", "#4a6b5d", "#7d5a3c", "#3d5a80", "#9c6644"]
NO_BODY = "#8d96a0"
BODY_NAMES = {b.code: b.name for b in kind_table.BODIES}  # shown when the graph gives no label for a body
BODY_ORDER = [b.code for b in kind_table.BODIES]
# vis shape and the glyph the legend shows for it, in the legend's order (core/kinds.py)
SHAPES = {k.name: (k.shape, k.glyph) for k in sorted(kind_table.KINDS, key=lambda k: k.legend) if k.drawn}
RELATION_STYLE = {  # colour, dashes, legend label
    "cites": ("#5f6b7a", False, "cites"),
    "implements": ("#e07a1f", False, "implements / adopts"),
    "part_of": ("#9aa5b1", True, "article of"),
}
YEAR_STEP = 150  # canvas pixels between two consecutive years on the timeline (at most DENSE_YEAR a year)
DENSE_YEAR = 4  # more instruments than this in one year of one lane widen every year (by the square root)
UNDATED_COL = 150  # undated instruments: a block of columns this far apart, left of the earliest year
ROW = 92  # vertical distance between rows of a timeline lane
ARTICLE_ROW = 66  # vertical distance between the articles stacked under their treaty
LANE_GAP = 60


# ---------------------------------------------------------------- what each node looks like

def effective_body(G: nx.DiGraph, key: str) -> str | None:
    """A node's issuing body; an article takes its treaty's."""
    d = G.nodes[key]
    if d.get("body"):
        return d["body"]
    parent = d.get("parent")
    return G.nodes[parent].get("body") if parent in G else None


def body_colours(bodies) -> dict[str | None, str]:
    colours, spare = {}, iter(PALETTE * 10)
    for b in sorted(b for b in bodies if b):
        colours[b] = BODY_COLOURS.get(b) or next(spare)
    colours[None] = NO_BODY
    return colours


def darker(colour: str, amount: float = 0.5) -> str:
    """The border of a text whose paragraphs were read: its own colour, darkened (a black ring
    would hide the colour of a small node).

    >>> darker("#ffffff")
    '#888c93'
    """
    ink = (0x11, 0x18, 0x27)
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c * (1 - amount) + k * amount):02x}" for c, k in zip(rgb, ink))


def short_label(d: dict) -> str:
    """What the canvas writes under a node: the symbol, or a short name for named instruments."""
    key = d["key"]
    if d.get("kind") == "article" and d.get("article") is not None:
        return f"art. {d['article']}"
    if re.match(r"^[a-z]+:", key) and d.get("title") and str(d.get("title_source") or "").startswith("registry"):
        name = d["title"].split(";")[0].strip()
        return name if len(name) <= 34 else name[:33].rstrip() + "…"
    return key


def label_width(label: str, font: int = 18) -> float:
    return max(60.0, 0.58 * font * len(label))


# ---------------------------------------------------------------- layouts

def _year_x(years: list[int], step: float = YEAR_STEP) -> tuple[dict[int, float], list[dict], list[float]]:
    """x of each year: one column per year that has instruments, in order. An empty year between
    two gets a narrow column of its own; a longer empty stretch is cut (and marked ≈), so the page
    shows decades of instruments at a readable zoom."""
    xs, ticks, breaks = {}, [], []
    x = 0.0
    for i, y in enumerate(years):
        if i:
            gap = y - years[i - 1]
            if gap == 2:
                ticks.append({"x": x + step * 0.75, "label": str(y - 1), "empty": True})
                x += step * 1.5
            elif gap > 2:
                breaks.append(x + step * 0.75)
                x += step * 1.5
            else:
                x += step
        xs[y] = x
        ticks.append({"x": x, "label": str(y), "empty": False})
    return xs, ticks, breaks


def _year_fraction(d: dict) -> float:
    date = d.get("date") or ""
    m = re.match(r"^\d{4}-(\d{2})(?:-(\d{2}))?", date)
    if d.get("year_source") == "date" and m:
        return (int(m.group(1)) - 1 + (int(m.group(2) or 15) - 1) / 31) / 12
    return 0.5  # year known from a session or the key: mid-year


def timeline_positions(G: nx.DiGraph) -> tuple[dict[str, tuple[float, float]], dict]:
    """x = adoption year, one horizontal lane per issuing body; articles sit in a block under their
    treaty; undated instruments in a column left of the earliest year. Returns (positions, axis).

    Within a lane, an instrument takes the highest row where its label does not overlap the one
    before it, so dense years stack instead of piling up. So that a large graph is not a tall thin
    column: years widen when one holds many instruments of a lane, and the undated instruments of
    a lane (UN documents without a date, hundreds at 10,000 documents) fill a square-ish block of
    columns instead of one column. So that a long, thin timeline (decades of one body) does not
    leave most of a screen empty, rows are spread until the drawing is at least ``MIN_ASPECT`` as
    tall as it is wide.

    >>> from resograph.views.network import load
    >>> pos, axis = timeline_positions(load("tests/fixtures/explorer-sample.ttl"))
    >>> pos["A/RES/51/1"][0] < pos["A/RES/79/136"][0] < pos["GA-2025-93-RES-03"][0]
    True
    """
    children, lanes = _lanes(G)
    x_of, ticks, breaks, undated = _year_axis(G, lanes)
    order = sorted(lanes, key=lambda b: (b is None, BODY_ORDER.index(b) if b in BODY_ORDER else 99, b or ""))
    pos: dict[str, tuple[float, float]] = {}
    lane_boxes = []
    y0 = 0.0
    for body in order:
        y1 = _place_lane(G, lanes[body], children, x_of, y0, pos)
        label = (BODY_NAMES.get(body) if body else "no issuing body")
        named = next((G.nodes[k].get("body_label") for k in lanes[body] if G.nodes[k].get("body_label")), None)
        lane_boxes.append({"y0": y0, "y1": y1, "label": named or label or body, "body": body})
        y0 = y1 + 20
    xs = [p[0] for p in pos.values()] or [0.0]
    axis = {"ticks": ticks, "breaks": breaks, "undated": undated, "lanes": lane_boxes,
            "x0": min(xs) - 260, "x1": max(xs) + 140}
    return _stretch(pos, axis)


MIN_ASPECT = 0.55  # height / width below which a timeline's rows are spread (at most MAX_STRETCH times)
MAX_STRETCH = 5.0


def _stretch(pos: dict, axis: dict) -> tuple[dict, dict]:
    """Spread the rows of a wide, flat timeline vertically (x and the axis ticks stay)."""
    if not axis["lanes"]:
        return pos, axis
    height = axis["lanes"][-1]["y1"] - axis["lanes"][0]["y0"]
    factor = min(MAX_STRETCH, MIN_ASPECT * (axis["x1"] - axis["x0"]) / max(height, 1.0))
    if factor <= 1:
        return pos, axis
    for lane in axis["lanes"]:
        lane["y0"], lane["y1"] = lane["y0"] * factor, lane["y1"] * factor
    return {k: (x, y * factor) for k, (x, y) in pos.items()}, axis


def _lanes(G: nx.DiGraph) -> tuple[dict[str, list[str]], dict[str | None, list[str]]]:
    """Articles under their treaty (by number), and the other instruments by issuing body."""
    children: dict[str, list[str]] = defaultdict(list)
    for k, d in G.nodes(data=True):
        if d.get("kind") == "article" and d.get("parent") in G:
            children[d["parent"]].append(k)
    for kids in children.values():
        kids.sort(key=lambda k: (G.nodes[k].get("article") or 0, k))
    lanes: dict[str | None, list[str]] = defaultdict(list)
    for k in G:
        if not (G.nodes[k].get("kind") == "article" and G.nodes[k].get("parent") in G):
            lanes[effective_body(G, k)].append(k)
    return children, lanes


def _year_axis(G: nx.DiGraph, lanes: dict):
    """x of each instrument (a function), the year ticks, the cuts, and the undated block's centre."""
    tops = [k for ks in lanes.values() for k in ks]
    years = sorted({G.nodes[k]["year"] for k in tops if G.nodes[k].get("year") is not None})
    per_year = Counter((body, G.nodes[k].get("year")) for body, ks in lanes.items() for k in ks)
    dense = max((n for (_, year), n in per_year.items() if year is not None), default=1)
    step = YEAR_STEP * max(1.0, math.sqrt(dense / DENSE_YEAR))
    year_x, ticks, breaks = _year_x(years, step)
    undated_x = (min(year_x.values()) if year_x else 0) - step * 1.6
    undated_cols = math.ceil(math.sqrt(max((n for (_, year), n in per_year.items() if year is None), default=1)))
    undated_slot = {k: i % undated_cols for ks in lanes.values()
                    for i, k in enumerate(sorted(k for k in ks if G.nodes[k].get("year") is None))}

    def x_of(k):
        d = G.nodes[k]
        if d.get("year") is None:
            return undated_x - (undated_cols - 1 - undated_slot[k]) * UNDATED_COL
        return year_x[d["year"]] + (_year_fraction(d) - 0.5) * step * 0.8
    undated = undated_x - (undated_cols - 1) * UNDATED_COL / 2 if undated_slot else None
    return x_of, ticks, breaks, undated


def _place_lane(G, members, children, x_of, y0: float, pos: dict) -> float:
    """Place one lane's instruments (and their articles) into ``pos``; return the lane's bottom."""
    members = sorted(members, key=lambda k: (x_of(k), k))
    rows = _Rows(sum(1 + math.ceil(len(children.get(k, ())) * ARTICLE_ROW / ROW) + 1 for k in members))
    placed_rows = 0
    for k in members:
        x = x_of(k)
        kids = children.get(k, [])
        cols = max(1, math.ceil(len(kids) / 8)) if kids else 0
        per_col = math.ceil(len(kids) / cols) if kids else 0
        half = label_width(short_label(G.nodes[k])) / 2 + 12
        need = 1 + math.ceil((per_col + 0.4) * ARTICLE_ROW / ROW) if kids else 1
        row = rows.first_free(x - half, need)
        for r in range(row, row + need):
            rows.set(r, x - half + max(half * 2, cols * 120))
        pos[k] = (x, y0 + LANE_GAP + row * ROW)
        for i, kid in enumerate(kids):
            c, r = divmod(i, per_col)
            pos[kid] = (x + (c - (cols - 1) / 2) * 120,  # under their treaty
                        y0 + LANE_GAP + row * ROW + (r + 1.4) * ARTICLE_ROW)
        placed_rows = max(placed_rows, row + need)
    return y0 + LANE_GAP + max(placed_rows, 1) * ROW


class _Rows:
    """The rows of a timeline lane, each with the x where its last label ends, as a min segment
    tree: the first row free at some x is found in O(log rows), not by trying every row (which was
    14 million tests for the 18,000 instruments of 10,000 documents)."""

    def __init__(self, capacity: int):
        self.size = 1 << max(1, capacity).bit_length()
        self.tree = [-math.inf] * (2 * self.size)  # a row never used is free everywhere

    def set(self, row: int, end: float) -> None:
        i = row + self.size
        self.tree[i] = end
        while i > 1:
            i //= 2
            self.tree[i] = min(self.tree[2 * i], self.tree[2 * i + 1])

    def _first(self, left: float, start: int) -> int:
        """The first row at or after ``start`` whose last label ends at or before ``left``."""
        tree, size = self.tree, self.size
        i = start + size
        if tree[i] <= left:
            return start
        while True:  # climb until a right sibling holds a free row, then descend to its first one
            while i & 1:
                i //= 2
            if i == 0:
                raise ValueError("no free row: the capacity was too small")
            i += 1
            if tree[i] <= left:
                break
        while i < size:
            i = 2 * i if tree[2 * i] <= left else 2 * i + 1
        return i - size

    def first_free(self, left: float, need: int = 1) -> int:
        """The first row where ``need`` consecutive rows are free at ``left``."""
        row = self._first(left, 0)
        while need > 1:
            taken = next((r for r in range(row + 1, row + need) if self.tree[r + self.size] > left), None)
            if taken is None:
                break
            row = self._first(left, taken + 1)
        return row


def _spring(U: nx.Graph, nodes: list[str], seed: int, iterations: int = 80) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold on a dense adjacency matrix (what networkx does below 500 nodes), in
    [-1, 1]². networkx switches to a sparse per-node loop above 500 nodes, which is ~50x slower."""
    import numpy as np

    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {k: i for i, k in enumerate(nodes)}
    A = np.zeros((n, n))
    for u, v in U.subgraph(nodes).edges():
        A[index[u], index[v]] = A[index[v], index[u]] = 1.0
    pos = np.random.RandomState(seed).rand(n, 2)
    k = 1.6 / math.sqrt(n)
    t = max(np.ptp(pos, axis=0)) * 0.1
    dt = t / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt(np.einsum("ijk,ijk->ij", delta, delta))
        np.clip(dist, 0.01, None, out=dist)
        disp = np.einsum("ijk,ij->ik", delta, (k * k / dist**2 - A * dist / k))
        length = np.sqrt(np.einsum("ij,ij->i", disp, disp))
        length = np.where(length < 0.01, 0.1, length)
        pos += disp * (t / length)[:, None]
        t -= dt
    pos -= pos.mean(axis=0)
    pos /= max(np.abs(pos).max(), 1e-9)
    return {k_: (float(x), float(y)) for k_, (x, y) in zip(nodes, pos)}


def force_positions(G: nx.DiGraph, seed: int = 7, memo=None) -> dict[str, tuple[float, float]]:
    """A force-directed layout (Fruchterman-Reingold, fixed seed), in canvas pixels.

    The force layout costs O(n²) per iteration, so above ``LARGE_GRAPH`` nodes each community
    (analysis.clusters) is laid out on its own and the communities are placed by a layout of the
    graph between them, spread until they no longer overlap.

    >>> from resograph.views.network import load
    >>> pos = force_positions(load("tests/fixtures/explorer-sample.ttl"))
    >>> len(pos), pos == force_positions(load("tests/fixtures/explorer-sample.ttl"))
    (22, True)
    """
    if G.number_of_nodes() == 0:
        return {}
    U = nx.Graph()
    U.add_nodes_from(sorted(G))
    U.add_edges_from(sorted(G.edges()))
    if len(U) <= LARGE_GRAPH:
        scale = 90 * math.sqrt(len(U))
        return {k: (x * scale, y * scale) for k, (x, y) in _spring(U, sorted(U), seed, 200).items()}
    groups = analysis.clusters(G, seed=seed, memo=memo)
    home = {k: i for i, g in enumerate(groups) for k in g}
    between = nx.Graph()
    between.add_nodes_from(range(len(groups)))
    for u, v in U.edges():
        if home[u] != home[v]:
            between.add_edge(home[u], home[v])
    radius = [70 * math.sqrt(len(g)) + 40 for g in groups]
    centres = _spring(between, sorted(between), seed, 150)
    # spread the centres until neighbouring communities no longer overlap
    spread = max(radius) * 2.2 / max(min(_nearest(centres).values()), 1e-3) if len(groups) > 1 else 1
    pos = {}
    for i, g in enumerate(groups):
        cx, cy = (c * spread for c in centres[i])
        for k, (x, y) in _spring(U, g, seed, 50).items():
            pos[k] = (cx + x * radius[i], cy + y * radius[i])
    return pos


def _nearest(points: dict) -> dict:
    """Distance from each point to its nearest neighbour (grid buckets, not all pairs)."""
    import numpy as np
    from scipy.spatial import cKDTree

    keys = list(points)
    arr = np.array([points[k] for k in keys], dtype=float)
    dist, _ = cKDTree(arr).query(arr, k=2)
    return {k: float(d[1]) for k, d in zip(keys, dist)}


# ---------------------------------------------------------------- the page

def _passage_key(src: str, paragraph: str) -> str:
    return f"{src}#{paragraph}"




def drawn_nodes(G: nx.DiGraph, max_nodes: int | None = MAX_NODES, focus: str | None = None) -> list[str]:
    """The instruments a page of at most ``max_nodes`` draws: the most cited (instruments citing
    it, then citing paragraphs, then key), or with ``focus`` the nearest to it first. An article
    comes with its treaty, so that it never floats alone. ``max_nodes`` 0 or None: all of them.

    >>> from resograph.views.network import load
    >>> drawn_nodes(load("tests/fixtures/explorer-sample.ttl"), 2)
    ['A/DEC/49/426', 'convention:cybercrime-2024']
    """
    if not max_nodes or G.number_of_nodes() <= max_nodes:
        return sorted(G)
    counts = analysis.citing_counts(G)
    if focus in G:
        distance = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), focus)
    else:
        distance = {}
    far = G.number_of_nodes()
    order = sorted(G, key=lambda k: (distance.get(k, far), -counts[k][0], -counts[k][1], k))
    keep: set[str] = set()
    for k in order:
        if len(keep) >= max_nodes:
            break
        parent = G.nodes[k].get("parent")
        extra = {parent} if parent in G and parent not in keep else set()
        if len(keep) + 1 + len(extra) <= max_nodes:
            keep |= {k} | extra
    return sorted(keep)


def select_view(G: nx.DiGraph, focus: str | None = None, depth: int = 1,
                include_isolated: bool = False, source: str = "") -> tuple[nx.DiGraph, int]:
    """The instruments a page shows, and how many isolated ones it leaves out: with ``focus``, the
    instruments within ``depth`` links of it (:func:`analysis.ego`); else every instrument that cites
    or is cited (all of them with ``include_isolated``). The CLI and the API both draw this.

    >>> from resograph.views.network import load
    >>> H, _ = select_view(load("tests/fixtures/explorer-sample.ttl"), "A/RES/51/1")
    >>> sorted(H)
    ['A/DEC/49/426', 'A/RES/51/1', 'GA-2025-93-RES-03']
    """
    if depth < 0:
        raise UserError(f"--depth {depth}: must be 0 or more")
    if focus:
        if focus not in G:
            close = difflib.get_close_matches(focus, list(G), n=3, cutoff=0.5)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            where = f" in {source}" if source else ""
            raise UserError(f"--focus {focus}: no such instrument{where}{hint}")
        return analysis.ego(G, focus, depth), 0
    if include_isolated:
        return G, 0
    succ, pred = G.succ, G.pred
    isolated = [k for k in G if not succ[k] and not pred[k]]
    # a copy less the isolated instruments is the subgraph of the others, in the same order, and
    # 4x quicker than copying through a subgraph view
    H = G.copy()
    H.remove_nodes_from(isolated)
    return H, len(isolated)


CLUSTER_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
                   "#17becf", "#bcbd22", "#393b79", "#ad494a", "#637939"]  # the largest clusters, in rank order
OTHER_CLUSTER = "#b8c0c8"  # every smaller cluster
LABELS_ALWAYS = 40  # the page always labels this many of the most important drawn instruments


def page_data(G: nx.DiGraph, layout: str = "timeline", focus: str | None = None,
              title: str | None = None, max_nodes: int | None = MAX_NODES, memo=None) -> dict:
    """Everything the page shows, as one JSON-ready dict (vis nodes/edges, details, legend).

    Above ``max_nodes`` instruments only :func:`drawn_nodes` are drawn; ``meta.cut`` then says how
    many of how many, and ``hidden`` lists the others (key, title, citing instruments) for search.
    Clusters and PageRank are those of the whole graph (as ``resograph stats`` computes them), the
    core numbers and the transitive reduction those of the drawn instruments. ``memo``: where
    clusters and PageRank of large graphs are kept between runs (:func:`analysis.clusters`).
    """
    if layout not in ("timeline", "force"):
        raise ValueError(f"layout must be 'timeline' or 'force', not {layout!r}")
    full = G
    counts = analysis.citing_counts(full)
    keep = drawn_nodes(full, max_nodes, focus)
    cut = None
    if len(keep) < full.number_of_nodes():
        G = full.subgraph(keep)
        cut = {"shown": G.number_of_nodes(), "of": full.number_of_nodes(),
               "edgesShown": G.number_of_edges(), "edgesOf": full.number_of_edges(),
               "max": max_nodes, "by": "nearest to the focus, then most cited" if focus in full else "most cited"}
    pos, axis = timeline_positions(G) if layout == "timeline" else (force_positions(G, memo=memo), None)
    physics = layout == "force" and G.number_of_nodes() <= PHYSICS_MAX_NODES
    bodies = {k: effective_body(G, k) for k in G}
    clusters = analysis.clusters(full, memo=memo)
    home = {k: i for i, group in enumerate(clusters) for k in group}
    rank = dict(analysis.pagerank(full, None, memo=memo))
    vis_nodes, info_nodes = _node_records(G, pos, bodies, counts, focus, home, rank)
    vis_edges, info_edges, passages = _edge_records(G)
    n = G.number_of_nodes()
    return {
        "meta": {
            "title": title or "ResoGraph explorer", "layout": layout, "physics": physics,
            "focus": focus, "nodes": n, "edges": G.number_of_edges(), "cut": cut,
            "generator": f"resograph {__version__}", "labelsAlways": LABELS_ALWAYS,
        },
        "vis": {"nodes": vis_nodes, "edges": vis_edges, "options": vis_options(n, physics)},
        "nodes": info_nodes,
        "edges": info_edges,
        "passages": passages,
        "hidden": [[k, _short_title(full.nodes[k], k), counts[k][0]] for k in sorted(full) if k not in G],
        "legend": _legend(G, bodies, clusters, home),
        "axis": axis,
    }


def _node_records(G, pos, bodies, counts, focus, home, rank) -> tuple[list[dict], dict[str, dict]]:
    """The vis node records (as pyvis's ``Network.add_node`` makes them) and the details of each."""
    colours = body_colours(set(bodies.values()))
    citing = {u for u, _, cs in G.edges(data="citations") if any(c.get("paragraph") for c in cs)}
    core = core_numbers(G)
    vis_nodes, info = [], {}
    for k in sorted(G):
        d = G.nodes[k]
        size = min(46, 13 + 8 * math.sqrt(counts[k][1]))
        colour = colours[bodies[k]]
        x, y = pos.get(k, (0.0, 0.0))
        vis_nodes.append({
            "color": {"background": colour, "border": darker(colour) if k in citing else colour,
                      "highlight": {"background": colour, "border": "#f59e0b"},
                      "hover": {"background": colour, "border": "#f59e0b"}},
            "x": round(x, 1), "y": round(y, 1), "size": round(max(size, 26) if k in citing else size, 1),
            "borderWidth": 3 if (k in citing or k == focus) else 1,
            "id": k, "label": short_label(d), "shape": SHAPES.get(d.get("kind"), ("dot", "●"))[0],
        })
        info[k] = {
            "key": k, "kind": d.get("kind"), "body": bodies[k],
            "bodyLabel": d.get("body_label") or BODY_NAMES.get(bodies[k] or "", None),
            "title": d.get("title"), "titleSource": d.get("title_source"), "titles": d.get("titles") or {},
            "date": d.get("date"), "year": d.get("year"), "yearSource": d.get("year_source"),
            "url": d.get("url"), "iri": d.get("iri"), "parent": d.get("parent"), "article": d.get("article"),
            "cited": counts[k][1], "citedBy": counts[k][0], "inRegistry": d.get("in_registry", True),
            "source": k in citing, "cluster": home.get(k, -1), "pagerank": round(rank.get(k, 0.0), 6),
            "core": core.get(k, 0),
        }
    return vis_nodes, info


def _edge_records(G) -> tuple[list[dict], dict[str, dict], dict[str, str]]:
    """The vis edge records, the details of each (``tr``: kept by the transitive reduction) and the
    citing passages, each stored once."""
    reduced = transitive_reduction(G)
    passages: dict[str, str] = {}
    vis_edges, info = [], {}
    for i, (u, v, d) in enumerate(sorted(G.edges(data=True), key=lambda e: (e[0], e[1]))):
        colour, dashes, _ = RELATION_STYLE.get(d["relation"], ("#5f6b7a", False, d["relation"]))
        eid = f"e{i}"
        record = {"id": eid, "color": {"color": colour},  # highlight and hover colours: vis_options
                  "width": round(min(6, 1 + math.log2(d.get("weight", 1))), 2)}
        if dashes:
            record["dashes"] = True
        vis_edges.append({**record, "from": u, "to": v, "arrows": "to"})  # as pyvis's add_edge
        cits = []
        for c in d.get("citations", []):
            pk = None
            if c.get("text"):
                pk = _passage_key(u, c.get("paragraph") or "")
                passages[pk] = c["text"]
            cits.append({"p": c.get("paragraph"), "f": c.get("function"), "phrase": c.get("phrase"),
                         "q": c.get("quote"), "t": pk})
        info[eid] = {"from": u, "to": v, "relation": d["relation"], "relations": d["relations"],
                     "adopts": d.get("adopts", False), "functions": d.get("functions", []),
                     "weight": d.get("weight", 1), "citations": cits,
                     "tr": (u, v) in reduced or "part_of" in d["relations"]}
    return vis_edges, info, passages


def core_numbers(G: nx.DiGraph) -> dict[str, int]:
    """Each instrument's core number in the undirected drawn network (CitNetExplorer's core: the
    instruments with at least k links among themselves).

    >>> from resograph.views.network import load
    >>> core_numbers(load("tests/fixtures/explorer-sample.ttl"))["GA-2025-93-RES-03"]
    2
    """
    U = nx.Graph(G.to_undirected(as_view=True))
    U.remove_edges_from(nx.selfloop_edges(U))
    return nx.core_number(U)


def transitive_reduction(G: nx.DiGraph) -> set[tuple[str, str]]:
    """The citation links (cites, implements) that no longer path between the same two instruments
    makes redundant: CitNetExplorer's way to make a timeline readable. Links that close a cycle
    are kept (the reduction of a graph with cycles is not unique).

    >>> import networkx as nx
    >>> G = nx.DiGraph()
    >>> for u, v in [("c", "b"), ("b", "a"), ("c", "a")]: G.add_edge(u, v, relations=["cites"])
    >>> sorted(transitive_reduction(G))
    [('b', 'a'), ('c', 'b')]
    """
    dag = analysis.acyclic(G, analysis.CITATION_RELATIONS)
    cyclic = set(edges_of(G, analysis.CITATION_RELATIONS).edges()) - set(dag.edges())
    return set(nx.transitive_reduction(dag).edges()) | cyclic


def _legend(G, bodies, clusters, home) -> dict:
    """What the legend lists, with counts: bodies, clusters, kinds, relations."""
    kinds = Counter(G.nodes[k].get("kind") for k in G)
    rels = Counter(r for _, _, rs in G.edges(data="relations") for r in rs)
    body_count = Counter(bodies.values())
    colours = body_colours(set(bodies.values()))
    order = sorted(body_count, key=lambda b: (b is None, BODY_ORDER.index(b) if b in BODY_ORDER else 99, b or ""))
    return {
        "bodies": [{"code": b, "label": _body_label(G, bodies, b) or (BODY_NAMES.get(b) if b else "no issuing body"),
                    "color": colours[b], "count": body_count[b]} for b in order],
        "clusters": _cluster_legend(G, clusters, home),
        "kinds": [{"name": k, "glyph": SHAPES.get(k, ("dot", "●"))[1], "count": kinds[k]}
                  for k in SHAPES if kinds[k]] +
                 [{"name": k, "glyph": "●", "count": c} for k, c in sorted(kinds.items(), key=str)
                  if k not in SHAPES],
        "relations": [{"name": r, "label": RELATION_STYLE[r][2], "color": RELATION_STYLE[r][0],
                       "dashes": RELATION_STYLE[r][1], "count": rels[r]} for r in RELATION_STYLE if rels[r]],
    }


def _cluster_legend(G, clusters, home) -> list[dict]:
    """The clusters with drawn members: the largest each in its colour and named after its most
    cited drawn member, the rest in one grey entry (code -1)."""
    drawn = Counter(home.get(k, -1) for k in G)
    counts = analysis.citing_counts(G)
    out, other = [], 0
    for i, group in enumerate(clusters):
        if not drawn[i]:
            continue
        if i >= len(CLUSTER_COLOURS):
            other += drawn[i]
            continue
        top = min((k for k in group if k in G), key=lambda k: (-counts[k][0], -counts[k][1], k))
        out.append({"code": i, "label": f"{i + 1}: {short_label(G.nodes[top])}", "color": CLUSTER_COLOURS[i],
                    "count": drawn[i], "size": len(group)})
    if other:
        out.append({"code": -1, "label": "smaller clusters", "color": OTHER_CLUSTER, "count": other, "size": other})
    return out


def _short_title(d: dict, key: str, width: int = 120) -> str:
    title = d.get("title") or ""
    return title if len(title) <= width else title[: width - 1].rstrip() + "…"


def _body_label(G, bodies, body):
    if body is None:
        return None
    return next((G.nodes[k].get("body_label") for k, b in bodies.items()
                 if b == body and G.nodes[k].get("body") == body and G.nodes[k].get("body_label")), None)


def vis_options(n: int, physics: bool) -> dict:
    large = n > LARGE_GRAPH
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 140, "avoidOverlap": 0.3},
            "stabilization": {"enabled": physics, "iterations": 200, "fit": True},
        },
        "interaction": {
            "hover": True, "tooltipDelay": 200, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large,
            "navigationButtons": False, "keyboard": {"enabled": True, "bindToWindow": False},
            "multiselect": False,
        },
        "nodes": {
            "font": {"size": 18, "face": "system-ui, 'DejaVu Sans', sans-serif", "color": "#1f2933",
                     "strokeWidth": 4, "strokeColor": "#ffffff"},
            "scaling": {"label": {"drawThreshold": 7}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
            "smooth": False if large else {"enabled": True, "type": "continuous", "roundness": 0.2},
            "selectionWidth": 2, "hoverWidth": 1.5,
            "color": {"highlight": "#111827", "hover": "#111827", "inherit": False},
        },
    }


def script_json(value) -> str:
    """JSON that is safe inside ``<script>``: no ``</script>``, ``<!--`` or line separators survive.

    >>> script_json({"t": "</script><!-- & \\u2028"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003c!-- \\\\u0026 \\\\u2028"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=False, separators=(", ", ": "))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _template() -> str:
    return resources.files("resograph.views").joinpath("static/explorer.html").read_text(encoding="utf-8")


def _inline_safe(code: str, tag: str) -> str:
    """Library code inlined in a ``<script>``/``<style>``: it must not close its own element."""
    return re.sub(rf"</({tag})", r"<\\/\1", code, flags=re.I)


def render_html(G: nx.DiGraph, layout: str = "timeline", focus: str | None = None,
                title: str | None = None, max_nodes: int | None = MAX_NODES, memo=None) -> str:
    """The whole page as one string (UTF-8, no external resource)."""
    data = page_data(G, layout=layout, focus=focus, title=title, max_nodes=max_nodes, memo=memo)
    parts = {
        "TITLE": _html.escape(data["meta"]["title"]),
        "VIS_CSS": _inline_safe((VIS_DIR / "vis-network.css").read_text(encoding="utf-8"), "style"),
        "VIS_JS": _inline_safe((VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8"), "script"),
        "DATA": script_json(data),
    }
    return re.sub(r"/\*@(TITLE|VIS_CSS|VIS_JS|DATA)@\*/", lambda m: parts[m.group(1)], _template())


def write_explorer(G: nx.DiGraph, out: str | Path, **kwargs) -> Path:
    """Write the page atomically (a temporary file renamed into place) and return its path."""
    out = Path(out)
    page = render_html(G, **kwargs)
    with replacing(out, ".explorer-", ".html") as tmp:
        tmp.write_text(page, encoding="utf-8", newline="\n")
    return out
