"""The command line: `check` for authors and CI, `new` to start a brief or an actor."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ..base.diagnostics import Diagnostic, escape_text, format_diagnostics, sort_diagnostics, summary_line
from ..corpus.loader import load
from ..reading.schema import ACTOR_KINDS
from ..site.outputs import output_diagnostics
from .scaffold import ScaffoldError, new_actor, new_brief
from .site_config import SiteConfigError, SiteSettings, read_site_settings

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Check and start briefs.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate briefs, actors and country profiles")
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="a briefs folder, or files inside one (default: docs_dir of ./mkdocs.yml)",
    )
    check.add_argument("--format", choices=("text", "json", "github"), default="text", help="output format")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--config", default="mkdocs.yml", help="site config to read (default: ./mkdocs.yml)")

    new = commands.add_parser("new", help="write a new brief or actor file")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")
    brief = kinds.add_parser("brief", help="start a new brief (as a draft)")
    brief.add_argument("title")
    brief.add_argument("--date", help="YYYY-MM-DD (default: today)")
    brief.add_argument("--summary", default="")
    brief.add_argument("--actors", nargs="+", default=[], metavar="ACTOR[:ROLE]",
                       help='actors, each with an optional role: "Xi Jinping:perpetrator"')  # fmt: skip
    brief.add_argument("--countries", nargs="+", default=[], metavar="COUNTRY[:ROLE]",
                       help="countries, each with an optional role: CN:origin")  # fmt: skip
    brief.add_argument("--topics", nargs="+", default=[], metavar="TOPIC")
    actor = kinds.add_parser("actor", help="register a new actor")
    actor.add_argument("name")
    actor.add_argument("--aliases", nargs="+", default=[], metavar="ALIAS")
    actor.add_argument("--kind", choices=ACTOR_KINDS)
    actor.add_argument("--country")
    actor.add_argument("--role", default="")
    for sub in (brief, actor):
        sub.add_argument("--dir", help="briefs folder (default: docs_dir of ./mkdocs.yml)")
        sub.add_argument("--config", default="mkdocs.yml", help="site config to read")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args.paths, args.format, args.strict, Path(args.config))
        return run_new(args)
    except (UsageError, SiteConfigError, ScaffoldError) as exc:
        print(f"error: {escape_text(str(exc))}", file=sys.stderr)  # paths from the command line or mkdocs.yml
        return EXIT_USAGE


def _settings_for(root: Path, config_file: Path | None = None) -> SiteSettings:
    """The site settings that apply to a briefs folder: those of the mkdocs.yml whose docs_dir it is."""
    for candidate in filter(None, (config_file, root.parent / "mkdocs.yml")):
        if candidate.is_file():
            settings = read_site_settings(candidate)
            if settings.docs_dir.resolve() == root.resolve():
                return settings
    return SiteSettings(docs_dir=root)


def _default_root(config_file: Path) -> SiteSettings:
    if not config_file.is_file():
        raise UsageError(f"no PATH given and no {config_file} here; pass a briefs folder, e.g. check briefs/")
    settings = read_site_settings(config_file)
    if not settings.docs_dir.is_dir():
        raise UsageError(f"docs_dir '{settings.docs_dir}' named in {config_file} is not a folder")
    return settings


def _root_of(path: Path, config_file: Path) -> Path:
    """The briefs folder a file or folder belongs to, so its names resolve against the whole site.

    A folder with actors/ is a briefs folder itself; else the configured docs_dir if the path lies in it,
    else the nearest enclosing folder with actors/, else the folder itself (or the file's folder).
    """
    resolved = path.resolve()
    if resolved.is_dir() and (resolved / "actors").is_dir():
        return resolved
    if config_file.is_file():
        docs_dir = read_site_settings(config_file).docs_dir.resolve()
        if resolved == docs_dir or docs_dir in resolved.parents:
            return docs_dir
    for parent in resolved.parents:
        if (parent / "actors").is_dir():
            return parent
    return resolved if resolved.is_dir() else resolved.parent


def _targets(paths: Sequence[str], config_file: Path) -> dict[Path, set[Path] | None]:
    """Briefs folder -> the files and folders in it to report on (None: all of it)."""
    targets: dict[Path, set[Path] | None] = {}
    if not paths:
        targets[_default_root(config_file).docs_dir.resolve()] = None
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise UsageError(f"{raw}: no such file or folder")
        root = _root_of(path, config_file)
        if root == path.resolve():
            targets[root] = None
        else:
            scopes = targets.setdefault(root, set())
            if scopes is not None:
                scopes.add(path.resolve())
    return targets


def _within(path: Path, scopes: set[Path]) -> bool:
    return path in scopes or any(scope in path.parents for scope in scopes)


def run_check(paths: Sequence[str], output_format: str, strict: bool, config_file: Path) -> int:
    diagnostics: list[Diagnostic] = []
    checked = 0
    for root, scopes in _targets(paths, config_file).items():
        settings = _settings_for(root, config_file)
        result = load(root, settings.core, excluded=settings.exclude_docs)
        found = [*result.diagnostics, *output_diagnostics(result, pair_min_briefs=settings.pair_min_briefs)]
        if scopes is None:
            checked += result.files_checked
        else:
            found = [d for d in found if _within(root / d.file, scopes)]
            files = result.files.markdown
            checked += len({root / f for f in files if _within(root / f, scopes)} | {s for s in scopes if s.is_file()})
        diagnostics.extend(d.shown_from(root) for d in found)

    diagnostics = sort_diagnostics(diagnostics)
    if output_format == "json" or diagnostics:
        print(format_diagnostics(diagnostics, output_format))
    if output_format == "text":
        print(summary_line(diagnostics, checked), file=sys.stderr)
    failed = any(d.is_error for d in diagnostics) or (strict and bool(diagnostics))
    return EXIT_ERRORS if failed else EXIT_OK


def _display(path: Path) -> str:
    relative = os.path.relpath(path, Path.cwd())
    return Path(relative).as_posix()


def run_new(args: argparse.Namespace) -> int:
    root = Path(args.dir) if args.dir else _default_root(Path(args.config)).docs_dir
    if not root.is_dir():
        raise UsageError(f"briefs folder '{root}' does not exist")
    settings = _settings_for(root, Path(args.config))
    if args.kind == "brief":
        written = new_brief(
            root,
            settings.core,
            title=args.title,
            date=args.date,
            summary=args.summary,
            actors=args.actors,
            countries=args.countries,
            topics=args.topics,
        )
        print(f"wrote {_display(written)} (a draft: remove 'status: draft' when it is ready to publish)")
    else:
        written = new_actor(
            root,
            settings.core,
            name=args.name,
            aliases=args.aliases,
            kind=args.kind,
            country=args.country,
            role=args.role,
        )
        print(f"wrote {_display(written)}")
    return EXIT_OK
