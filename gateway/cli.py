"""``gallery-gateway`` (also ``python -m gateway``): demo, serve, emulate, export-schema.

Wiring only: each subcommand builds settings and hands an app to uvicorn.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import threading
import webbrowser
from collections.abc import Sequence
from pathlib import Path

import uvicorn

__all__ = ["main"]


#: Emulators that write absolute URLs of themselves into what they serve, and the
#: ``create_emulator`` argument that sets that URL: behind a proxy or in compose the default
#: (an unresolvable ``*.emulator`` host) would send clients nowhere.
_PUBLIC_URL_PARAMETERS = {"iiif": "base_url", "glycerine": "public_base"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gallery-gateway",
        description="A GraphQL gateway over DPG, Pixieset-style, CMS and IIIF gallery backends.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="serve the gateway over in-process emulators")
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--no-browser", action="store_true", help="do not open GraphiQL")

    serve = commands.add_parser("serve", help="serve the gateway from a config file")
    serve.add_argument("--config", required=True, type=Path, help="TOML file of sources")
    serve.add_argument("--host", default=None)
    serve.add_argument("--port", type=int, default=None)

    emulate = commands.add_parser("emulate", help="serve one backend emulator over HTTP")
    emulate.add_argument("kind")
    emulate.add_argument("--host", default="127.0.0.1")
    emulate.add_argument("--port", type=int, required=True)
    emulate.add_argument(
        "--public-url",
        default=None,
        help="the URL clients reach the emulator at, written into its documents' ids "
        f"({', '.join(sorted(_PUBLIC_URL_PARAMETERS))} only)",
    )

    export = commands.add_parser("export-schema", help="print the GraphQL SDL")
    export.add_argument("--output", type=Path, default=None)
    return parser


def _open_browser_soon(url: str) -> None:
    timer = threading.Timer(1.5, webbrowser.open, args=(url,))
    timer.daemon = True
    timer.start()


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    # One line per backend call drowns the request log; /metrics counts them instead.
    logging.getLogger("httpx").setLevel(logging.WARNING)

    if args.command == "export-schema":
        from schema.root import sdl

        text = sdl()
        if args.output:
            args.output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return 0

    from gateway.registry import EMULATORS, KINDS

    if args.command == "emulate":
        if args.kind not in EMULATORS:
            print(
                f"unknown kind {args.kind!r}; one of {', '.join(sorted(EMULATORS))}",
                file=sys.stderr,
            )
            return 2
        options: dict[str, str] = {}
        if args.public_url is not None:
            if args.kind not in _PUBLIC_URL_PARAMETERS:
                print(f"--public-url does not apply to the {args.kind} emulator", file=sys.stderr)
                return 2
            options[_PUBLIC_URL_PARAMETERS[args.kind]] = args.public_url.rstrip("/")
        emulator = EMULATORS[args.kind](**options)
        print(f"{args.kind} emulator on http://{args.host}:{args.port}{emulator.base_path}")
        for key, value in emulator.credentials.items():
            print(f"  credential {key}: {value}")
        uvicorn.run(emulator.app, host=args.host, port=args.port, log_level="info")
        return 0

    from gateway.app import create_app
    from gateway.config import ConfigError, load_settings
    from gateway.runtime import Gateway, check_sources

    if args.command == "demo":
        from gateway.demo import build_demo

        demo = build_demo(host=args.host, port=args.port)
        gateway = Gateway(demo.settings, transports=demo.transports)
        url = f"http://{args.host}:{args.port}/graphql"
        print(f"Gallery Gateway demo: GraphiQL at {url}", flush=True)
        if not args.no_browser and not os.environ.get("CI"):
            _open_browser_soon(url)
        uvicorn.run(create_app(gateway), host=args.host, port=args.port, log_level="info")
        return 0

    try:
        settings = load_settings(args.config, environ=os.environ, kinds=KINDS)
        asyncio.run(check_sources(settings))
    except ConfigError as exc:
        print(f"config error: {exc}", file=sys.stderr)
        return 2
    host = args.host or settings.server.host
    port = args.port or settings.server.port
    uvicorn.run(create_app(Gateway(settings)), host=host, port=port, log_level="info")
    return 0
