# syntax=docker/dockerfile:1
# The gateway image. Build from the repository root:
#   docker build -f docker/gateway.Dockerfile -t gallery-gateway .
# It reads its sources from /etc/gallery-gateway/gateway.toml (mount one; see
# docker/gateway.compose.toml and docs/configuration.md) and secrets from the environment.

# GraphiQL's files, so the IDE works with no CDN (see gateway/graphiql.py).
FROM node:20-slim AS ui
WORKDIR /app
COPY ui/package.json ui/package-lock.json ui/
RUN npm ci --prefix ui --omit=dev --no-audit --no-fund

# The locked Python environment, built with uv and copied into the final stage without it.
FROM python:3.11-slim AS build
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN pip install --no-cache-dir uv
WORKDIR /app
# Dependencies first: this layer is reused until the lockfile changes.
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --locked --no-dev --no-install-project
COPY gateway/ gateway/
COPY adapters/ adapters/
COPY schema/ schema/
# An editable install (uv's default) keeps the code at /app, where gateway/graphiql.py looks
# for ui/node_modules next to it.
RUN uv sync --locked --no-dev

FROM python:3.11-slim
ENV PATH=/app/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN groupadd --system gateway && useradd --system --gid gateway --no-create-home gateway
WORKDIR /app
COPY --from=build /app /app
COPY ui/package*.json ui/
COPY --from=ui /app/ui/node_modules ui/node_modules
USER gateway
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]
CMD ["gallery-gateway", "serve", "--config", "/etc/gallery-gateway/gateway.toml", "--host", "0.0.0.0"]
