"""Build, serve the site on this machine and rebuild on every save, reloading the page."""

from __future__ import annotations

import argparse

from ..settings import Settings

HELP = "build, serve on 127.0.0.1 and rebuild on change"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from ..serve.server import serve  # the HTTP server and watcher are only needed here

    return serve(settings, host=args.host, port=args.port, drafts=args.drafts,
                 listing_command=f"{args.prog} check", verbose=args.verbose, quiet=args.quiet)
