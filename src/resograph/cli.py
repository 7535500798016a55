"""`resograph` command line.

Each sub-command lives in its own module under :mod:`resograph.commands` and exposes
``register(subparsers)``; this file only discovers them, so adding a command touches no shared code.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import os
import sys

from resograph.core.version import __version__
from resograph import commands
from resograph.core.errors import UserError
from resograph.reading.clean import display_name


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser; with `argv`, only the command it names is registered when it names one (each
    command module imports what it needs: all of them together took ~0.5 s of every start)."""
    parser = argparse.ArgumentParser(
        prog="resograph",
        description="Turn resolutions into a citation knowledge graph: extract, build, query, explore.",
        epilog="Example: resograph extract data/sources/GA-2025-93-RES-03.fr.txt --format table",
    )
    parser.add_argument("--version", action="version", version=f"resograph {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    names = sorted(info.name for info in pkgutil.iter_modules(commands.__path__))
    wanted = _command_of(sys.argv[1:] if argv is None else argv)  # each module registers its name
    for name in [wanted] if wanted in names else names:
        importlib.import_module(f"{commands.__name__}.{name}").register(sub)
    return parser


def _command_of(argv: list[str]) -> str | None:
    """The command `argv` names: its first word that is not an option (the top-level options,
    --help and --version, take no value)."""
    return next((arg for arg in argv if not arg.startswith("-")), None)


def _quiet_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        status = int(args.func(args) or 0)
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not after main returns
        return status
    except UserError as exc:
        print(f"resograph: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a full disk, a file that vanished: one line, not a traceback
        _quiet_stdout()  # what is still buffered would fail again at exit, with a traceback
        if isinstance(exc, BrokenPipeError):
            return 0
        where = f"{display_name(exc.filename)}: " if exc.filename else ""
        print(f"resograph: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except MemoryError:
        print("resograph: error: out of memory", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("resograph: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
