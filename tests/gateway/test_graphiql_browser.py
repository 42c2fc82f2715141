"""GraphiQL really renders in a browser, offline, from the gateway's own files.

Needs a Chromium on the machine (Debian's ``chromium``) and the GraphiQL files
(``npm ci --prefix ui``); skipped otherwise. It serves the app with uvicorn on loopback.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from gateway.app import create_app
from gateway.graphiql import local_assets_present
from gateway.runtime import Gateway
from tests.fakes import FakeAdapter
from tests.gateway.harness import settings_for

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or not local_assets_present(),
    reason="needs Chromium and the GraphiQL files (npm ci --prefix ui)",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def server() -> Iterator[str]:
    fake = FakeAdapter()
    app = create_app(Gateway(settings_for({"fake": fake}), adapters={"fake": fake}))
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    for _ in range(200):
        if instance.started:
            break
        threading.Event().wait(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


async def test_graphiql_renders_its_editor_and_run_button_with_no_network(
    server: str, tmp_path: Path
):
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path}",
        "--virtual-time-budget=15000",
        "--dump-dom",
        f"{server}/graphql",
    ]
    result = await asyncio.to_thread(
        subprocess.run, command, capture_output=True, text=True, timeout=120, check=False
    )
    dom = result.stdout
    assert "graphiql-execute-button" in dom, result.stderr[-2000:]
    assert "Gallery Gateway" in dom
