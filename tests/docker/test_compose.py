"""docker/: compose.yaml and both Dockerfiles refer only to files, commands and kinds that exist.

No Docker engine is needed: the files are read with the strict readers next to this module,
and what they name is checked against the repository, the CLI parser, the emulator registry
and the config loader.
"""

from __future__ import annotations

import glob
import os
import shlex
import subprocess
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from adapters.emulation.control import CONTROL_PREFIX
from gateway.cli import _PUBLIC_URL_PARAMETERS, _parser
from gateway.config import Settings, load_settings
from gateway.registry import EMULATORS, KINDS
from gateway.runtime import Gateway
from tests.docker.compose_yaml import Node, parse_compose
from tests.docker.dockerfile import Instruction, copy_sources, exec_form, instructions
from tests.gateway.harness import running

ROOT = Path(__file__).resolve().parents[2]
DOCKER = ROOT / "docker"
COMPOSE = parse_compose((DOCKER / "compose.yaml").read_text(encoding="utf-8"))
GATEWAY_CONFIG_TARGET = "/etc/gallery-gateway/gateway.toml"
EMULATOR_KINDS = {"cms", "dpg", "pixieset", "glycerine", "iiif"}


def mapping(node: Node) -> dict[str, Node]:
    assert isinstance(node, dict), node
    return node


def strings(node: Node) -> dict[str, str]:
    table = mapping(node)
    assert all(isinstance(v, str) for v in table.values()), table
    return {k: v for k, v in table.items() if isinstance(v, str)}


def services() -> dict[str, dict[str, Node]]:
    return {name: mapping(spec) for name, spec in mapping(COMPOSE["services"]).items()}


def dockerfile_of(service: dict[str, Node]) -> Path:
    build = strings(service["build"])
    return (DOCKER / build["context"] / build["dockerfile"]).resolve()


def dockerfile(name: str) -> list[Instruction]:
    return instructions((DOCKER / name).read_text(encoding="utf-8"))


def only(items: list[Instruction], keyword: str) -> Instruction:
    (found,) = [i for i in items if i.keyword == keyword]
    return found


def image_env(items: list[Instruction]) -> dict[str, str]:
    env: dict[str, str] = {}
    for instruction in (i for i in items if i.keyword == "ENV"):
        for word in shlex.split(instruction.arguments):
            key, sep, value = word.partition("=")
            assert sep, f"ENV in the legacy 'KEY value' form: {instruction.arguments}"
            env[key] = value
    return env


def emulator_services() -> dict[str, dict[str, str]]:
    """Each service built from emulator.Dockerfile, with its environment."""
    return {
        name: strings(spec.get("environment", {}))
        for name, spec in services().items()
        if dockerfile_of(spec) == DOCKER / "emulator.Dockerfile"
    }


def gateway_config_path() -> Path:
    volumes = mapping(services()["gateway"])["volumes"]
    assert isinstance(volumes, list)
    mounts = [v.split(":") for v in volumes]
    (source,) = [m[0] for m in mounts if m[1] == GATEWAY_CONFIG_TARGET]
    return (DOCKER / source).resolve()


def gateway_settings() -> Settings:
    environ = strings(services()["gateway"]["environment"])
    return load_settings(gateway_config_path(), environ=environ, kinds=KINDS)


def test_every_dockerfile_named_in_compose_exists_in_its_build_context():
    specs = services()
    assert set(specs) == {"gateway"} | EMULATOR_KINDS
    for name, spec in specs.items():
        build = strings(spec["build"])
        context = (DOCKER / build["context"]).resolve()
        assert context == ROOT, name
        assert (context / build["dockerfile"]).is_file(), name


@pytest.mark.parametrize("name", ["gateway.Dockerfile", "emulator.Dockerfile"])
def test_every_copy_source_in_a_dockerfile_exists(name: str):
    items = dockerfile(name)
    stages = [i.stage for i in items if i.keyword == "FROM"]
    copies = [(i, copy_sources(i)) for i in items if i.keyword == "COPY"]
    assert copies
    for instruction, copy in copies:
        if copy.from_stage is not None:
            # From an earlier stage of this file, not from the repository.
            assert copy.from_stage in stages[: stages.index(instruction.stage)], copy
            continue
        for source in copy.sources:
            assert glob.glob(source, root_dir=ROOT), f"{name}: COPY {source} matches nothing"


def test_the_gateway_command_is_a_valid_serve_of_the_mounted_config():
    items = dockerfile("gateway.Dockerfile")
    command = exec_form(only(items, "CMD").arguments)
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert command[0] in scripts["scripts"]
    args = _parser().parse_args(command[1:])
    assert args.command == "serve"
    assert str(args.config) == GATEWAY_CONFIG_TARGET
    assert args.host == "0.0.0.0"
    assert gateway_config_path().is_file()


def test_the_mounted_gateway_config_loads_with_the_compose_environment():
    settings = gateway_settings()
    assert [s.kind for s in settings.sources] == ["cms", "dpg", "pixieset", "glycerine", "iiif"]
    for source in settings.sources:
        # The environment compose sets is exactly the emulators' seeded demo credentials.
        assert dict(source.credentials) == dict(EMULATORS[source.kind]().credentials)


def test_every_emulator_service_runs_a_registered_kind():
    kinds = {name: env.get("EMULATOR_KIND") for name, env in emulator_services().items()}
    assert kinds == {kind: kind for kind in EMULATOR_KINDS}
    assert set(kinds.values()) <= set(EMULATORS)


def test_the_emulator_command_gives_the_cli_each_services_kind_port_and_public_url(
    tmp_path: Path,
):
    items = dockerfile("emulator.Dockerfile")
    defaults = image_env(items)
    assert defaults["EMULATOR_KIND"] == "cms"
    assert defaults["EMULATOR_PORT"] == "9000"
    # Run the shell-form CMD as Docker would (sh -c), with a stand-in that prints its arguments.
    stand_in = tmp_path / "gallery-gateway"
    stand_in.write_text('#!/bin/sh\nfor a in "$@"; do printf \'%s\\0\' "$a"; done\n')
    stand_in.chmod(0o755)
    for name, env in {"<image default>": {}, **emulator_services()}.items():
        environ = {**defaults, **env, "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}"}
        result = subprocess.run(
            ["sh", "-c", only(items, "CMD").arguments],
            env=environ,
            capture_output=True,
            check=True,
            timeout=10,
        )
        args = _parser().parse_args(result.stdout.decode().split("\0")[:-1])
        assert (args.command, args.kind, args.host, args.port) == (
            "emulate",
            environ["EMULATOR_KIND"],
            "0.0.0.0",
            9000,
        ), name
        assert args.public_url == (environ["EMULATOR_PUBLIC_URL"] or None), name
        assert args.public_url is None or args.kind in _PUBLIC_URL_PARAMETERS, name


def test_every_gateway_source_points_at_the_emulator_service_of_its_kind():
    emulators = emulator_services()
    port = image_env(dockerfile("emulator.Dockerfile"))["EMULATOR_PORT"]
    for source in gateway_settings().sources:
        url = urlsplit(source.base_url)
        assert url.hostname in emulators, source.name
        env = emulators[url.hostname]
        assert env["EMULATOR_KIND"] == source.kind
        assert str(url.port) == env.get("EMULATOR_PORT", port)
        assert url.path == EMULATORS[source.kind]().base_path
        public_url = env.get("EMULATOR_PUBLIC_URL")
        if public_url:
            assert public_url == f"{url.scheme}://{url.netloc}", source.name


async def test_the_iiif_service_serves_documents_whose_ids_point_back_at_it():
    env = emulator_services()["iiif"]
    emulator = EMULATORS["iiif"](base_url=env["EMULATOR_PUBLIC_URL"])
    options: dict[str, Any] = dict(
        next(s for s in gateway_settings().sources if s.kind == "iiif").options
    )
    transport = httpx.ASGITransport(app=emulator.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://iiif:9000") as client:
        response = await client.get(options["collection_url"])
    assert response.status_code == 200
    assert response.json()["id"] == "http://iiif:9000/collections/top.json"
    assert urlsplit(response.json()["items"][0]["id"]).hostname in options["allowed_hosts"]
    assert options["allow_private_networks"] is True
    assert emulator.control.journal.count("GET", "/collections/top.json") == 1


def test_every_depends_on_service_is_defined_and_has_a_healthcheck():
    specs = services()
    depends_on = mapping(specs["gateway"]["depends_on"])
    assert set(depends_on) == EMULATOR_KINDS
    for name, condition in depends_on.items():
        assert name in specs
        assert strings(condition) == {"condition": "service_healthy"}
        image = dockerfile(dockerfile_of(specs[name]).name)
        assert any(i.keyword == "HEALTHCHECK" for i in image), name


def test_the_published_port_is_the_one_the_gateway_exposes_and_listens_on():
    ports = services()["gateway"]["ports"]
    assert ports == ["8000:8000"]
    items = dockerfile("gateway.Dockerfile")
    assert only(items, "EXPOSE").arguments == "8000"
    assert gateway_settings().server.port == 8000
    assert "http://127.0.0.1:8000/healthz" in only(items, "HEALTHCHECK").arguments


async def test_the_gateway_healthcheck_path_answers_without_calling_a_backend():
    emulators = {kind: EMULATORS[kind]() for kind in EMULATOR_KINDS}
    settings = gateway_settings()
    transports: dict[str, httpx.AsyncBaseTransport] = {
        s.name: httpx.ASGITransport(app=emulators[s.kind].app) for s in settings.sources
    }
    async with running(Gateway(settings, transports=transports)) as client:
        response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert {kind: len(e.control.journal) for kind, e in emulators.items()} == dict.fromkeys(
        EMULATOR_KINDS, 0
    )


async def test_the_emulator_healthcheck_path_answers_without_touching_the_journal():
    healthcheck = only(dockerfile("emulator.Dockerfile"), "HEALTHCHECK").arguments
    path = f"{CONTROL_PREFIX}/journal"
    assert f"127.0.0.1:%s{path}" in healthcheck
    for kind in EMULATOR_KINDS:
        emulator = EMULATORS[kind]()
        transport = httpx.ASGITransport(app=emulator.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as client:
            response = await client.get(path)
        assert response.status_code == 200, kind
        assert response.json() == {"total": 0, "routes": {}}
        assert len(emulator.control.journal) == 0
