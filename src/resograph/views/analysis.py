"""Analyses of the citation network, as plain functions of a ``DiGraph`` (networkx style).

The graph is the one :func:`resograph.views.network.from_rdf` builds: nodes keyed by instrument key, edges
from the citing to the cited instrument with ``relations`` among ``cites``, ``implements`` and
``part_of``. Every function is deterministic: ties are broken by key, communities use a fixed seed.

>>> from resograph.views.network import load
>>> G = load("tests/fixtures/explorer-sample.ttl")
>>> most_cited(G, 1)
[('convention:cybercrime-2024', 1, 4)]
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import MutableMapping
from itertools import combinations

import networkx as nx

from resograph.views.network import edges_of

CITATION_RELATIONS = ("cites", "implements")


def most_cited(G: nx.DiGraph, n: int | None = 10) -> list[tuple[str, int, int]]:
    """Instruments by in-degree over ``cites`` edges: ``(key, citing instruments, citations)``.

    Citations count citing paragraphs, so a treaty named in four paragraphs of one resolution has
    in-degree 1 and 4 citations; the second number breaks ties, then the key.

    >>> from resograph.views.network import load
    >>> most_cited(load("tests/fixtures/explorer-sample.ttl"), 2)
    [('convention:cybercrime-2024', 1, 4), ('A/DEC/49/426', 1, 1)]
    """
    cites = edges_of(G, "cites")
    rows = []
    for key in G:
        edges = list(cites.in_edges(key, data="weight"))
        if edges:
            rows.append((key, len(edges), sum(w for _, _, w in edges)))
    rows.sort(key=lambda r: (-r[1], -r[2], r[0]))
    return rows if n is None else rows[:n]


MEMO_MIN = 1000  # graphs with fewer nodes than this are not memoised: recomputing is as quick


def _digest(*parts) -> str:
    """A digest of what an analysis reads (keys and numbers: ``repr`` is exact for both)."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def pagerank(G: nx.DiGraph, n: int | None = 10, alpha: float = 0.85,
             memo: MutableMapping | None = None) -> list[tuple[str, float]]:
    """PageRank over all edges (citing → cited, article → treaty), highest first.

    An article passes its rank on to its treaty through the ``part_of`` edge, so citing an article
    also lends weight to the treaty. Edge weight is the number of citing paragraphs. ``memo``: a
    mapping that keeps the scores of large graphs by a digest of the graph (nodes and links in
    their order, weights), as :func:`clusters`.

    >>> from resograph.views.network import load
    >>> pagerank(load("tests/fixtures/explorer-sample.ttl"), 1)[0][0]
    'convention:cybercrime-2024'
    """
    if G.number_of_nodes() == 0:
        return []
    key = None
    if memo is not None and G.number_of_nodes() >= MEMO_MIN:
        # the node order and each adjacency's order decide the sums' order, so both are in the key
        key = _digest("pagerank", alpha, nx.__version__,
                      [(u, [(v, d.get("weight", 1)) for v, d in nbrs.items()]) for u, nbrs in G.adjacency()])
    scores = memo.get(key) if key is not None else None
    if scores is None:
        scores = nx.pagerank(G, alpha=alpha, weight="weight")
        if key is not None:
            memo[key] = scores
    rows = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    return rows if n is None else rows[:n]


def citation_cycles(G: nx.DiGraph, relations=CITATION_RELATIONS) -> list[list[str]]:
    """Groups of instruments that cite each other in a loop (strongly connected, size > 1).

    Texts rarely cite in circles, but registry facts and extraction errors can make one; the chain
    analysis below has to survive them.

    >>> import networkx as nx
    >>> G = nx.DiGraph()
    >>> G.add_edge("a", "b", relations=["cites"]); G.add_edge("b", "a", relations=["cites"])
    >>> citation_cycles(G)
    [['a', 'b']]
    """
    view = edges_of(G, relations)
    groups = [sorted(c) for c in nx.strongly_connected_components(view) if len(c) > 1]
    return sorted(groups, key=lambda c: (-len(c), c))


def acyclic(G: nx.DiGraph, relations=CITATION_RELATIONS) -> nx.DiGraph:
    """The ``relations`` edges minus those that close a cycle (DFS back edges, in key order): the
    same DAG on every run, for chains and the explorer's transitive reduction."""
    view = edges_of(G, relations)
    dag = nx.DiGraph()
    dag.add_nodes_from(sorted(view))
    dag.add_edges_from(sorted(view.edges()))
    if nx.is_directed_acyclic_graph(dag):
        return dag
    state: dict[str, int] = {}  # 1 = on the DFS stack, 2 = done
    back = []
    for root in sorted(dag):
        if root in state:
            continue
        stack = [(root, iter(sorted(dag.successors(root))))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                back.append((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(sorted(dag.successors(child)))))
    dag.remove_edges_from(back)
    return dag


def longest_chain(G: nx.DiGraph, relations=CITATION_RELATIONS) -> list[str]:
    """The longest citation chain: a cites b cites c …, newest first (longest path in the DAG).

    Edges that close a cycle are set aside first (depth-first back edges, visited in key order), so
    a graph with cycles still gets a chain and the answer is the same on every run.

    >>> from resograph.views.network import load
    >>> longest_chain(load("tests/fixtures/explorer-sample.ttl"))
    ['GA-2025-93-RES-03', 'A/RES/51/1', 'A/DEC/49/426']
    """
    dag = acyclic(G, relations)
    if dag.number_of_edges() == 0:
        return []
    # networkx picks among equal-length paths by node order: sorted insertion keeps it stable
    return nx.dag_longest_path(dag, topo_order=list(nx.lexicographical_topological_sort(dag)))


def co_citation(G: nx.DiGraph, n: int | None = 10, level: str = "paragraph") -> list[tuple[str, str, int]]:
    """Pairs of instruments cited together: ``(a, b, times)``, most often first.

    ``level="paragraph"`` counts citing paragraphs that name both (the six UN resolutions recalled
    in one paragraph of the seed); ``level="document"`` counts citing instruments. Citations that
    come from the registry, without a paragraph, count at document level only.

    >>> from resograph.views.network import load
    >>> co_citation(load("tests/fixtures/explorer-sample.ttl"), 1)
    [('A/RES/51/1', 'A/RES/71/19', 1)]
    """
    if level not in ("paragraph", "document"):
        raise ValueError(f"level must be 'paragraph' or 'document', not {level!r}")
    groups: dict[tuple[str, str], set[str]] = {}
    for u, v, d in edges_of(G, "cites").edges(data=True):
        if level == "document":
            groups.setdefault((u, ""), set()).add(v)
        else:
            for c in d["citations"]:
                if c["paragraph"]:
                    groups.setdefault((u, c["paragraph"]), set()).add(v)
    counts: Counter = Counter()
    for cited in groups.values():
        counts.update(combinations(sorted(cited), 2))
    rows = sorted(((a, b, k) for (a, b), k in counts.items()), key=lambda r: (-r[2], r[0], r[1]))
    return rows if n is None else rows[:n]


def bibliographic_coupling(G: nx.DiGraph, n: int | None = 10) -> list[tuple[str, str, int]]:
    """Pairs of citing instruments that share references: ``(a, b, shared)``, most shared first.

    >>> import networkx as nx
    >>> G = nx.DiGraph()
    >>> for u, v in [("x", "t1"), ("x", "t2"), ("y", "t1"), ("y", "t2"), ("z", "t2")]:
    ...     G.add_edge(u, v, relations=["cites"])
    >>> bibliographic_coupling(G)
    [('x', 'y', 2), ('x', 'z', 1), ('y', 'z', 1)]
    """
    cites = edges_of(G, "cites")
    refs = {u: set(cites.successors(u)) for u in cites if cites.out_degree(u)}
    if n is not None and len(refs) > 2 * COUPLING_BLOCK:
        return _coupling_top(refs, n)
    counts: Counter = Counter()
    citers_of: dict[str, list[str]] = {}
    for u in sorted(refs):
        for v in refs[u]:
            citers_of.setdefault(v, []).append(u)
    for citers in citers_of.values():  # only pairs that share something: no all-pairs scan
        counts.update(combinations(citers, 2))
    rows = sorted(((a, b, k) for (a, b), k in counts.items()), key=lambda r: (-r[2], r[0], r[1]))
    return rows if n is None else rows[:n]


COUPLING_BLOCK = 500  # citing instruments per block of the sparse product below


def _coupling_top(refs: dict[str, set[str]], n: int) -> list[tuple[str, str, int]]:
    """The ``n`` most coupled pairs from a sparse product, a block of citing rows at a time.

    Counting pairs through each shared reference is Σ in-degree² updates: ~50 million at 10,000
    documents, where the hubs are cited by 3,000 documents each (36 s). ``A·Aᵀ`` does the same sum
    in scipy; per block only the pairs at or above the block's n-th count can reach the top ``n``
    overall, so only those leave numpy. Same rows and order as the pair count.
    """
    import numpy as np
    from scipy import sparse

    citing = sorted(refs)
    cited = {k: i for i, k in enumerate(sorted(set().union(*refs.values())))}
    rows = [i for i, u in enumerate(citing) for _ in refs[u]]
    cols = [cited[v] for u in citing for v in refs[u]]
    A = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(citing), len(cited)))
    AT = A.T.tocsr()
    best: list[tuple[int, str, str]] = []  # the top n so far, as (-shared, a, b)
    for start in range(0, len(citing), COUPLING_BLOCK):
        block = np.triu((A[start:start + COUPLING_BLOCK] @ AT).toarray(), k=start + 1)  # pairs i < j only
        flat = block.ravel()
        # the n-th largest count, from a histogram (shared references are small integers; a
        # partition of the block is slow on so many equal values)
        above = np.cumsum(np.bincount(flat)[::-1])
        floor = max(1, len(above) - 1 - int(np.searchsorted(above, n))) if above[-1] >= n else 1
        if len(best) == n:
            floor = max(floor, -best[-1][0])  # below the n-th pair so far: cannot enter
        for x in np.nonzero(flat >= floor)[0]:
            i, j = divmod(int(x), len(citing))
            best.append((-int(flat[x]), citing[start + i], citing[j]))
        best = sorted(best)[:n]
    return [(a, b, -k) for k, a, b in best]


def clusters(G: nx.DiGraph, seed: int = 0, resolution: float = 1.0,
             memo: MutableMapping | None = None) -> list[list[str]]:
    """Communities of the undirected network (Louvain, fixed seed), largest first.

    Isolated instruments form their own singleton groups. The same graph and seed give the same
    clusters on every run. ``memo``: a mapping that keeps the communities of large graphs by a
    digest of what Louvain reads (the nodes, the weighted links, the seed and resolution), so a
    graph seen before costs a digest (~0.3 s at 10,000 documents) instead of Louvain (~5 s).

    >>> from resograph.views.network import load
    >>> groups = clusters(load("tests/fixtures/explorer-sample.ttl"))
    >>> any({"convention:cybercrime-2024", "convention:cybercrime-2024/art_41"} <= set(g) for g in groups)
    True
    """
    if G.number_of_nodes() == 0:
        return []
    nodes, edges = sorted(G), sorted(G.edges(data="weight", default=1))
    key = None
    if memo is not None and len(nodes) >= MEMO_MIN:
        key = _digest("louvain", seed, resolution, nx.__version__, nodes, edges)
        if key in memo:
            return [list(c) for c in memo[key]]
    U = nx.Graph()
    U.add_nodes_from(nodes)
    for u, v, w in edges:
        if U.has_edge(u, v):
            U[u][v]["weight"] += w
        else:
            U.add_edge(u, v, weight=w)
    found = nx.community.louvain_communities(U, weight="weight", seed=seed, resolution=resolution)
    groups = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))
    if key is not None:
        memo[key] = [list(c) for c in groups]
    return groups


def ego(G: nx.DiGraph, key: str, depth: int = 1) -> nx.DiGraph:
    """The instruments within ``depth`` links of ``key`` (either direction), with their edges.

    A treaty article reached at the edge of the radius keeps its treaty, so articles never float
    without their parent.

    >>> from resograph.views.network import load
    >>> sorted(ego(load("tests/fixtures/explorer-sample.ttl"), "A/RES/51/1"))
    ['A/DEC/49/426', 'A/RES/51/1', 'GA-2025-93-RES-03']
    """
    if key not in G:
        raise KeyError(key)
    if depth < 0:
        raise ValueError("depth must be 0 or more")
    # a breadth-first search on an undirected *view*: nx.ego_graph(undirected=True) copies the whole
    # graph first (3 s at 10,000 documents for a 16-node answer)
    keep = set(nx.single_source_shortest_path_length(G.to_undirected(as_view=True), key, cutoff=depth))
    keep |= {G.nodes[k].get("parent") for k in keep if G.nodes[k].get("parent") in G}
    return G.subgraph(sorted(keep)).copy()


def summary(G: nx.DiGraph) -> dict:
    """Counts of nodes by kind and edges by relation.

    >>> from resograph.views.network import load
    >>> summary(load("tests/fixtures/explorer-sample.ttl"))["edges"]
    {'cites': 20, 'implements': 2, 'part_of': 4}
    """
    kinds = Counter(d.get("kind") for _, d in G.nodes(data=True))
    relations = Counter(r for _, _, rs in G.edges(data="relations") for r in rs)
    return {
        "nodes": G.number_of_nodes(),
        "edge_pairs": G.number_of_edges(),
        "kinds": dict(sorted(kinds.items())),
        "edges": dict(sorted(relations.items())),
    }


def citing_counts(G: nx.DiGraph) -> dict[str, tuple[int, int]]:
    """Per instrument: (instruments that cite or implement it, citing paragraphs), in one pass.

    >>> G = nx.DiGraph([("a", "b", {"relation": "cites", "weight": 2})])
    >>> citing_counts(G)["b"]
    (1, 2)
    """
    out = {}
    for v, citers in G.pred.items():  # straight through the adjacency: no edge view (4x faster)
        a = b = 0
        for d in citers.values():
            relations = d.get("relations") or [d.get("relation")]
            if "cites" in relations:
                a += 1
                b += d.get("weight", 1)
            elif "implements" in relations:
                a += 1
        out[v] = (a, b)
    return out
