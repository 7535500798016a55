"""The explorer's side cache written for a build, so that its first `resograph explore` is quick.

`resograph explore` keeps what it derives from a store generation beside it
(:mod:`resograph.graph.sidecache`): the network, the titles in the reader's language, and Louvain and
PageRank of the page's network. Without this module the first explore after a build computes them
(~24 CPU-s at 10,000 documents). :func:`start`, called by `resograph build` once the build is
published, has them written from the published store by a process of its own, so that neither the
build nor the explore waits for them:

- the process runs the explorer's own code on the store (:func:`warm`), so its values are those the
  explore would have written, under the same stamps (a page from them is byte-identical);
- it holds the generation's lock while it writes (:func:`resograph.graph.sidecache.claim`): an
  explore that starts meanwhile waits for it rather than doing the same work twice;
- it runs at a lower priority, and gives up when a newer generation is published before it starts
  reading; the next build stops it as it starts if it is still busy then (:func:`stop_superseded`:
  a rebuild right after a rebuild; if that build publishes nothing new, the next explore computes
  what the writer had not written);
- small builds are left alone (under :data:`MIN_TRIPLES`, an explore computes them in a second or
  two); ``RESOGRAPH_SIDE_CACHE`` = ``off`` (never), ``now`` (in the build's process, before it
  returns), ``background`` (always in the background), ``auto`` (the default).

A rebuild does not patch the previous generation's values with its delta: the network's titles,
years and counts depend on other documents than the changed ones, and any change of a link changes
Louvain's input (~5 s to redo whatever the patch), so the values are computed again, off the
rebuild's path.

>>> start("build", triples=0)   # a small build: nothing to do
'small'
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from resograph.graph import sidecache
from resograph.graph.store import open_build, store_path

MIN_TRIPLES = 100_000  # ~250 synthetic documents; below, the first explore reads the store in ~1-2 s
ENV = "RESOGRAPH_SIDE_CACHE"
MODES = ("auto", "background", "now", "off")
NICE = 10
MODULE = "resograph.views.warm"  # how start() runs it, and how stop_superseded() knows it


def mode() -> str:
    """What ``RESOGRAPH_SIDE_CACHE`` asks for (``auto`` when unset or not one of :data:`MODES`)."""
    value = os.environ.get(ENV, "auto").strip().lower()
    return value if value in MODES else "auto"


def published_generation(build_dir: str | os.PathLike) -> Path | None:
    """The generation `build/store` points at, or None (no on-disk store)."""
    link = store_path(build_dir)
    return link.resolve() if link.is_symlink() else None


def start(build_dir: str | os.PathLike, triples: int) -> str:
    """Have the side cache of the build's published generation written, as :func:`mode` says;
    returns what was done: ``off``, ``small``, ``none`` (no on-disk store), ``busy`` (another
    process is writing it), ``now``, ``failed`` (``now`` went wrong: the explore will compute it) or
    ``background``."""
    how = mode()
    if how == "off":
        return "off"
    if how == "auto" and triples < MIN_TRIPLES:
        return "small"
    generation = published_generation(build_dir)
    if generation is None:
        return "none"
    stop_superseded(build_dir, generation)
    fd = sidecache.claim(generation)
    if fd is None:
        return "busy"
    if how == "now":
        try:
            warm(build_dir, generation)
        except Exception:  # noqa: BLE001 - the build is published all the same; an explore computes it
            return "failed"
        finally:
            sidecache.release(generation, fd)
        return "now"
    try:
        child = subprocess.Popen([sys.executable, "-m", MODULE, str(Path(build_dir).resolve()),
                          str(generation)],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         pass_fds=(fd,), start_new_session=True, close_fds=True)
    except OSError:
        sidecache.release(generation, fd)
        return "off"
    os.write(fd, str(child.pid).encode())  # for the next build to stop it (stop_superseded)
    os.close(fd)  # the child holds the lock now
    return "background"


def stop_superseded(build_dir: str | os.PathLike, generation: Path | None = None) -> list[int]:
    """Stop the writers still busy with generations other than ``generation`` (None: all of them,
    as a build starts): a rebuild replaces theirs, and nobody explores a replaced generation for
    long (a rebuild right after a rebuild shared the machine with a writer whose work went unused:
    +0.3-0.5 s of its ~2 s). Only a process whose command is this module's and that holds its lock
    is stopped. Returns their process ids."""
    stopped = []
    folder = Path(build_dir) / sidecache.DIR
    for lock in sorted(folder.glob("*.writing")) if folder.is_dir() else ():
        if generation is not None and lock.name.split(".", 1)[0] == generation.name:
            continue
        pid = sidecache.writer(lock)
        try:
            if pid is None or MODULE not in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace"):
                continue
            os.kill(pid, signal.SIGTERM)
        except OSError:
            continue
        stopped.append(pid)
    return stopped


def warm(build_dir: str | os.PathLike, generation: Path, lang: str = "en") -> bool:
    """Write ``generation``'s side cache as the default explore would (the network, its titles in
    ``lang``, Louvain and PageRank of the page's network); False, and nothing written, when the
    build no longer publishes ``generation``."""
    from resograph.views import analysis, network  # networkx: not for a build that starts a process
    from resograph.views.explore import select_view  # the page's view: the same analyses' inputs

    graph = open_build(build_dir)
    if network.generation_of(graph) != generation:
        return False
    G = network.load_graph(graph, lang=lang, wait=False)  # this process holds the lock
    memo = network.Memo(generation)
    H, _ = select_view(G)
    analysis.clusters(H, memo=memo)
    analysis.pagerank(H, None, memo=memo)
    memo.save()
    return True


def main(argv: list[str]) -> int:
    """`python -m resograph.views.warm BUILD GENERATION`, as :func:`start` runs it (the lock is
    inherited: released when this process ends)."""
    build_dir, generation = Path(argv[0]), Path(argv[1])
    try:
        os.nice(NICE)
        warm(build_dir, generation)
    except Exception:  # noqa: BLE001 - nobody reads this process's output: the explore computes instead
        return 1
    finally:
        sidecache.lock_path(generation).unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
