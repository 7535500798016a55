# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # What does INTERPOL resolution GA-2025-93-RES-03 rely on?
#
# This notebook reads the citation graph that ResoGraph builds from resolution texts and answers
# a few questions an analyst asks about one text: which instruments it cites and why, how they line
# up in time, which United Nations resolutions form the UN–INTERPOL cooperation series, what the
# Cybercrime Convention's articles bring, and which instruments sit at the centre of the network.
# It uses only the package's public API (`resograph.api`, `resograph.views.analysis`), so you can copy it
# as a starting point for your own texts.

# %%
import shutil
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, Markdown, display

from resograph import api
from resograph.views import analysis
from resograph.core.paths import project_root, sources_dir

pd.set_option("display.max_colwidth", 90)
pd.set_option("display.max_rows", 60)
DOC = "GA-2025-93-RES-03"

# %% [markdown]
# ## 1. Build the graph
#
# The build reads every resolution text in `data/sources`, extracts its paragraphs and citations,
# joins them with the curated registry of instruments (titles, dates, issuing bodies), checks the
# result against the SHACL shapes and writes it to an Oxigraph store. We build into a temporary
# folder so the notebook never disturbs the project's own `build/`; to reuse an existing build,
# call `api.open_graph("build")` instead.

# %%
WORK = Path(tempfile.mkdtemp(prefix="resograph-notebook-"))
result = api.build_graph([sources_dir()], WORK / "seed")
print(result.summary())
graph = api.open_graph(WORK / "seed")

# %% [markdown]
# ## 2. SPARQL results as tables
#
# Questions live as named SPARQL queries (`src/resograph/queries/*.rq`); `api.query_df` runs one
# with its parameters and returns a pandas DataFrame, with IRIs shortened (`id:`, `rgcf:`, `cito:`)
# and dates as dates. Here is the catalogue, then the extracted document itself.

# %%
api.queries()

# %%
api.query_df(graph, "documents")

# %% [markdown]
# ## 3. What the resolution relies on, by clause function and issuing body
#
# Each citing paragraph opens with a phrase ("RAPPELANT", "PRENANT NOTE", "INVITE"…) that says
# *why* it cites: recalling an authority, taking note of background, welcoming a development,
# asking for action. Crossing that intent with the body that issued each cited instrument shows
# where the resolution draws its mandate from.

# %%
cited = api.query_df(graph, "cited-by", doc=DOC).drop(columns=["doc"])
G = api.network(graph)
body_names = {d["body"]: d["body_label"] or d["body"] for _, d in G.nodes(data=True) if d.get("body")}
cited["body"] = cited["body"].map(lambda b: body_names.get(b, b) if isinstance(b, str) else "(no issuing body)")
cited[["key", "kind", "title", "date", "body", "functions", "paragraphs"]]

# %%
by_function = cited.assign(function=cited["functions"].str.split(", ")).explode("function")
pd.crosstab(by_function["function"], by_function["body"], margins=True, margins_name="total")

# %%
(by_function.groupby(["function", "body"])["key"]
 .agg(lambda keys: ", ".join(sorted(keys))).rename("instruments").to_frame())

# %% [markdown]
# ## 4. A timeline of the cited instruments
#
# Plotting the cited instruments by adoption date, one lane per issuing body, shows the layers the
# resolution builds on: the 1996 UN observer status, the UN cooperation resolutions since 2016,
# INTERPOL's own earlier resolutions, and the 2024 Convention. The Convention's articles carry the
# Convention's date, so they are folded into its point. Instruments without a known date are
# listed below the plot rather than guessed.

# %%
articles = cited[cited["kind"] == "TreatyArticle"]
whole = cited[cited["kind"] != "TreatyArticle"].copy()
article_numbers = {}
for key in articles["key"]:
    treaty, _, art = key.partition("/art_")
    article_numbers.setdefault(treaty, []).append(art)
whole["label"] = [k + (f" (+ art. {', '.join(article_numbers[k])})" if k in article_numbers else "")
                  for k in whole["key"]]
dated = whole[whole["date"].notna()].assign(date=lambda d: pd.to_datetime(d["date"])).sort_values("date")
undated = whole[whole["date"].isna()]

bodies = sorted(dated["body"].unique())
colours = dict(zip(bodies, plt.get_cmap("tab10").colors))
levels = [14, -20, 30, -36]  # label heights (points) cycled within a lane so neighbours do not collide
fig, ax = plt.subplots(figsize=(13, 1.0 + 1.4 * len(bodies)))
for lane, body in enumerate(bodies):
    rows = dated[dated["body"] == body]
    ax.scatter(rows["date"], [lane] * len(rows), s=70, color=colours[body], zorder=3)
    for i, (_, row) in enumerate(rows.iterrows()):
        ax.annotate(row["label"], (row["date"], lane), xytext=(3, levels[i % len(levels)]),
                    textcoords="offset points", fontsize=8, va="center", color=colours[body],
                    arrowprops={"arrowstyle": "-", "color": "0.6", "lw": 0.6})
ax.set_yticks(range(len(bodies)), bodies)
ax.set_ylim(-0.6, len(bodies) - 0.4)
ax.set_xlim(dated["date"].min() - pd.DateOffset(years=1), dated["date"].max() + pd.DateOffset(years=6))
ax.grid(axis="x", alpha=0.3)
ax.set_title(f"Instruments cited by {DOC}, by adoption date and issuing body")
fig.tight_layout()
plt.show()

# %%
display(Markdown("**Undated cited instruments** (no adoption date in the registry):"))
undated[["key", "kind", "title", "body", "functions", "paragraphs"]]

# %% [markdown]
# ## 5. The UN General Assembly's UN–INTERPOL cooperation series
#
# Resolution 51/1 (1996) gave INTERPOL observer status at the UN General Assembly; since 2016 the
# Assembly has returned to cooperation with INTERPOL every two years. The query follows citations
# from our resolution, keeps UN GA resolutions about INTERPOL, and lists them oldest first, with
# what each cites in turn where a source attests it (51/1 builds on decision 49/426).

# %%
chain = api.query_df(graph, "un-interpol-chain", {"from": DOC})
display(Markdown(" → ".join(f"`{k}` ({d:%Y})" for k, d in zip(chain["key"], chain["date"]))))
chain.drop(columns=["from", "topic"])

# %% [markdown]
# ## 6. What the Convention's articles 37, 40, 41 and 47 contribute
#
# The resolution does not only cite the UN Convention against Cybercrime as a whole: one passage
# names four of its articles — extradition, mutual legal assistance, the 24/7 network and
# law-enforcement cooperation — the parts where INTERPOL's channels matter. Titles come from the
# registry (in English where it has one, otherwise in French).

# %%
arts = api.query_df(graph, "articles-invoked", doc=DOC, treaty="convention:cybercrime-2024")
arts[["article", "number", "about", "paragraph", "function", "quote"]]

# %% [markdown]
# A query need not be in the catalogue: `api.query_df` also takes SPARQL text. This one fetches the
# full passage that cites each article, so you can read the words around the reference.

# %%
PASSAGES = """
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX rg: <https://w3id.org/resograph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?paragraph (GROUP_CONCAT(DISTINCT STR(?n); separator=", ") AS ?articles) ?text WHERE {
  ?par eli:cites ?art ; rg:eId ?paragraph ; rg:text ?text .
  ?art a rg:TreatyArticle ; rg:articleNumber ?n .
} GROUP BY ?paragraph ?text ORDER BY ?paragraph
"""
passages = api.query_df(graph, PASSAGES)
for _, row in passages.iterrows():
    display(Markdown(f"**{row['paragraph']}** (articles {row['articles']}): {row['text']}"))
passages

# %% [markdown]
# ## 7. Centrality and co-citation
#
# In-degree counts how many texts cite an instrument (and in how many paragraphs); PageRank also
# credits instruments cited by well-cited ones, and an article passes its weight to its treaty.
# With one citing text the ranking mostly reflects the registry's own links, and it sharpens as
# more texts are added. Co-citation counts the paragraphs that cite two instruments together:
# pairs that are always cited together usually form a series.

# %%
in_degree = pd.DataFrame(analysis.most_cited(G, n=None), columns=["key", "citing texts", "citing paragraphs"])
rank = pd.DataFrame(analysis.pagerank(G, n=None), columns=["key", "pagerank"])
centrality = rank.merge(in_degree, on="key", how="left").fillna({"citing texts": 0, "citing paragraphs": 0})
centrality["title"] = centrality["key"].map(lambda k: G.nodes[k]["title"])
centrality.astype({"citing texts": int, "citing paragraphs": int}).head(15)

# %%
pd.DataFrame(analysis.co_citation(G, n=15), columns=["instrument", "co-cited with", "paragraphs"])

# %% [markdown]
# ## 8. The explorer, inline
#
# The same interactive page that `resograph explore` writes, embedded here: colour by issuing
# body, shape by kind, size by how often cited; hover for titles and citing passages. It is fully
# self-contained (no network request), so it also works on an offline analyst workstation.

# %%
HTML(api.inline_html(api.explorer_html(G)))

# %% [markdown]
# ## 9. Adding a new resolution text
#
# To grow the graph, drop another resolution text (French, English or Spanish) into the sources
# folder and rebuild. Here we copy the seed and an English INTERPOL resolution on UN cooperation
# into a fresh folder. Instruments both texts cite become the *same* nodes (one canonical key per
# instrument), so the network now shows what the two texts share; references the registry does
# not know yet are kept and reported as unresolved.

# %%
sources = WORK / "sources"
sources.mkdir()
for text in [*sources_dir().glob("*.txt"), project_root() / "tests/fixtures/dev02_interpol_en_uncoop.txt"]:
    shutil.copy(text, sources)
grown = api.build_graph([sources], WORK / "grown")
print(grown.summary())
graph2 = api.open_graph(WORK / "grown")
api.query_df(graph2, "documents")[["key", "language", "title", "paragraphs", "citations", "instruments"]]

# %% [markdown]
# The instruments both resolutions cite, and how each uses them (bibliographic coupling):

# %%
G2 = api.network(graph2)
docs = sorted(api.query_df(graph2, "documents")["key"])
shared = sorted(set(G2.successors(docs[0])) & set(G2.successors(docs[1])))
pd.DataFrame([{"instrument": k, "title": G2.nodes[k]["title"],
               **{d: ", ".join(G2.edges[d, k]["functions"]) for d in docs},
               "citing texts": G2.in_degree(k)} for k in shared])

# %%
api.query_df(graph2, "unresolved")

# %%
print(f"seed graph: {G.number_of_nodes()} instruments; with the new text: {G2.number_of_nodes()} "
      f"({G2.number_of_nodes() - G.number_of_nodes()} new, {len(shared)} shared with the seed)")
