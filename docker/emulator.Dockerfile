# syntax=docker/dockerfile:1
# One image for every backend emulator. Build from the repository root:
#   docker build -f docker/emulator.Dockerfile -t gallery-gateway-emulator .
#   docker run -e EMULATOR_KIND=dpg -p 9000:9000 gallery-gateway-emulator
# EMULATOR_KIND is a key of gateway.registry.EMULATORS (cms, dpg, pixieset, glycerine, iiif);
# EMULATOR_PUBLIC_URL, for iiif and glycerine, is the URL clients reach it at (it is written
# into the ids of the documents they serve). The seeded credentials are printed at start.

FROM python:3.11-slim AS build
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN pip install --no-cache-dir uv
WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --locked --no-dev --no-install-project
COPY gateway/ gateway/
COPY adapters/ adapters/
COPY schema/ schema/
RUN uv sync --locked --no-dev

FROM python:3.11-slim
ENV PATH=/app/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    EMULATOR_KIND=cms \
    EMULATOR_PORT=9000 \
    EMULATOR_PUBLIC_URL=
RUN groupadd --system emulator && useradd --system --gid emulator --no-create-home emulator
WORKDIR /app
COPY --from=build /app /app
USER emulator
EXPOSE 9000
# The control endpoint answers without touching the emulated backend or its journal.
HEALTHCHECK --interval=5s --timeout=3s --start-period=5s --retries=5 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/__emulator__/journal' % os.environ['EMULATOR_PORT'], timeout=2)"
# Shell form, so the variables are read when the container starts; exec makes the server PID 1.
CMD exec gallery-gateway emulate "$EMULATOR_KIND" --host 0.0.0.0 --port "$EMULATOR_PORT" ${EMULATOR_PUBLIC_URL:+--public-url "$EMULATOR_PUBLIC_URL"}
