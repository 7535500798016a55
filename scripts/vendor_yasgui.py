"""Rebuild the query page's vendored editor (src/resograph/query/static/yasgui/) from npm.

    python scripts/vendor_yasgui.py            # what `make yasgui` runs

It installs ``@zazuko/yasgui`` (YASQE editor + YASR results, MIT) into a scratch directory with
``npm install --ignore-scripts``, copies the package's built ``yasgui.min.js`` / ``yasgui.min.css``
without their source-map comment (the map is not shipped, so no browser asks for it), and writes
``LICENSES.txt``: the licence of every production package of the install, from its own licence file.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

VERSION = "4.6.2"
PACKAGE = "@zazuko/yasgui"
OUT = Path(__file__).resolve().parents[1] / "src" / "resograph" / "query" / "static" / "yasgui"
LICENCE_FILE = re.compile(r"^(licen[cs]e|copying)(\.(md|txt))?$", re.I)
MIT = """Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense,
and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so,
subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial
portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT
LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN
NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY,
WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE
SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE."""


def _packages(tree: dict, root: Path, seen: dict[str, Path]) -> dict[str, Path]:
    for name, node in (tree.get("dependencies") or {}).items():
        path = Path(node.get("path") or root / "node_modules" / name)
        seen.setdefault(f"{name}@{node.get('version')}", path)
        _packages(node, root, seen)
    return seen


def _licence_text(path: Path, meta: dict) -> str:
    files = sorted(p for p in path.iterdir() if LICENCE_FILE.match(p.name))
    if files:
        return "\n".join(f.read_text(encoding="utf-8", errors="replace").strip() for f in files)
    author = meta.get("author")
    author = author.get("name") if isinstance(author, dict) else author
    holders = ", ".join(filter(None, [author] + [c.get("name") for c in meta.get("contributors") or []
                                                 if isinstance(c, dict)]))
    if meta.get("license") == "MIT":
        return (f"(The package ships no licence file; its package.json declares MIT, authors: {holders}.)\n\n"
                f"Copyright (c) {holders}\n\n{MIT}")
    return f"(The package ships no licence file; its package.json declares: {meta.get('license')}.)"


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="yasgui-npm-") as tmp:
        work = Path(tmp)
        subprocess.run(["npm", "init", "-y"], cwd=work, check=True, capture_output=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts",
                        f"{PACKAGE}@{VERSION}"], cwd=work, check=True)
        tree = json.loads(subprocess.run(["npm", "ls", "--all", "--omit=dev", "--json", "--long"], cwd=work,
                                         check=True, capture_output=True, text=True).stdout)
        build = work / "node_modules" / PACKAGE / "build"
        OUT.mkdir(parents=True, exist_ok=True)
        for name in ("yasgui.min.js", "yasgui.min.css"):
            text = (build / name).read_text(encoding="utf-8")
            text = re.sub(r"\n?(//|/\*)# sourceMappingURL=\S+( \*/)?\s*$", "\n", text)
            (OUT / name).write_text(text, encoding="utf-8")
        parts = [f"Licences of the query editor vendored here: {PACKAGE} {VERSION} from npm and the packages "
                 "its build bundles (every production dependency of the install).\n"]
        for key, path in sorted(_packages(tree, work, {}).items()):
            meta = json.loads((path / "package.json").read_text(encoding="utf-8"))
            parts.append(f"{'=' * 78}\n{key} ({meta.get('license')})\n{'=' * 78}\n{_licence_text(path, meta)}\n")
        (OUT / "LICENSES.txt").write_text("\n".join(parts), encoding="utf-8")
    shutil.rmtree(OUT / "__pycache__", ignore_errors=True)
    print(f"{OUT}: yasgui.min.js, yasgui.min.css, LICENSES.txt ({PACKAGE} {VERSION})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
