"""Check every article, then write the site (only what changed since the last build)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from ..incremental import unchanged_build
from ..outcome import BuildResult
from ..report import held_back, plural, print_warnings
from ..settings import Settings

HELP = "check, then write the site (the default command)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--clean", action="store_true",
                        help="ignore the build cache (.footnoted-cache/) and render everything")


def run(args: argparse.Namespace, settings: Settings) -> int:
    started = time.perf_counter()
    result = None if args.clean else unchanged_build(settings, args.drafts, args.strict)
    if result is None:
        result = full_build(args, settings)
    if args.quiet:
        return 0
    print_warnings(result.warnings, f"{args.prog} check", args.verbose)
    parts = [f"Built {plural(result.articles, 'article')} ({result.changed:,} changed) in "
             f"{time.perf_counter() - started:.2f} s -> {shown_folder(settings.output)}"]
    if result.warnings:
        parts.append(plural(len(result.warnings), "warning"))
    parts.append(held_back(result.drafts, result.future))
    print("; ".join(part for part in parts if part))
    return 0


def full_build(args: argparse.Namespace, settings: Settings) -> BuildResult:
    from ..build.pipeline import build_site
    from ..progress import ProgressBar  # the build's modules load only when it runs

    progress = ProgressBar(enabled=not args.quiet)
    try:
        return build_site(settings, strict=args.strict, drafts=args.drafts,
                          processes=args.jobs, clean=args.clean, progress=progress)
    finally:
        progress.close()


def shown_folder(folder: Path) -> str:
    """`site/` when it is below the current folder, else its full path."""
    try:
        return f"{folder.relative_to(Path.cwd()).as_posix()}/"
    except ValueError:
        from ..project import shown

        return f"{shown(folder)}/"

