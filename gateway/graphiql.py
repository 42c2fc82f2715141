"""The GraphiQL page, served with its files from this process so it works with no CDN.

``ui/package.json`` pins the exact files strawberry's page loads from a CDN (GraphiQL 3.8.3,
React 18.2.0, the explorer plugin, js-cookie); ``npm ci --prefix ui`` installs them, and the
page's ``integrity`` hashes still hold because the files are byte-identical. Without them the
page falls back to the CDN.
"""

from __future__ import annotations

import json
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from strawberry.http.ides import get_graphql_ide_html

__all__ = ["ASSETS", "ASSET_ROUTE", "DEFAULT_QUERY", "asset_endpoint", "render_page"]

ASSET_ROUTE = "/graphiql/assets"
NODE_MODULES = Path(__file__).resolve().parent.parent / "ui" / "node_modules"

#: CDN URL prefix in strawberry's page -> file under node_modules.
ASSETS: dict[str, str] = {
    "https://unpkg.com/react@18.2.0/umd/react.production.min.js": (
        "react/umd/react.production.min.js"
    ),
    "https://unpkg.com/react-dom@18.2.0/umd/react-dom.production.min.js": (
        "react-dom/umd/react-dom.production.min.js"
    ),
    "https://unpkg.com/js-cookie@3.0.5/dist/js.cookie.min.js": "js-cookie/dist/js.cookie.min.js",
    "https://unpkg.com/graphiql@3.8.3/graphiql.min.css": "graphiql/graphiql.min.css",
    "https://unpkg.com/graphiql@3.8.3/graphiql.min.js": "graphiql/graphiql.min.js",
    "https://unpkg.com/@graphiql/plugin-explorer@1.0.2/dist/style.css": (
        "@graphiql/plugin-explorer/dist/style.css"
    ),
    "https://unpkg.com/@graphiql/plugin-explorer@1.0.2/dist/index.umd.js": (
        "@graphiql/plugin-explorer/dist/index.umd.js"
    ),
}

DEFAULT_QUERY = """# Gallery Gateway: one schema over DPG, Pixieset, CMS and IIIF galleries.
# Press the play button (or Ctrl-Enter) to run this query.
{
  sources { name kind status }
  galleries(first: 5) {
    totalCount
    edges {
      node {
        id
        source
        title
        translations { language title }
        images(first: 3) {
          edges { node { title url(width: 400) } }
        }
      }
    }
  }
}
"""


def local_assets_present(root: Path = NODE_MODULES) -> bool:
    return all((root / path).is_file() for path in ASSETS.values())


def render_page(*, local_assets: bool, default_query: str = DEFAULT_QUERY) -> str:
    html = get_graphql_ide_html(graphql_ide="graphiql")
    html = html.replace("<title>Strawberry GraphiQL</title>", "<title>Gallery Gateway</title>")
    start = html.index("const EXAMPLE_QUERY = `")
    end = html.index("`;", start) + 2
    html = html[:start] + f"const EXAMPLE_QUERY = {json.dumps(default_query)};" + html[end:]
    if local_assets:
        for cdn, path in ASSETS.items():
            html = html.replace(cdn, f"{ASSET_ROUTE}/{path}")
        html = html.replace("crossorigin\n", "\n")
    return html


async def asset_endpoint(request: Request) -> Response:
    path = request.path_params["path"]
    if path not in ASSETS.values():
        return PlainTextResponse("not found", status_code=404)
    file = NODE_MODULES / path
    if not file.is_file():
        return PlainTextResponse("GraphiQL files are not installed (npm ci --prefix ui)", 404)
    return FileResponse(file, headers={"cache-control": "public, max-age=86400, immutable"})
