"""OpenAPI docs at /docs from a Swagger UI bundled in a wheel: FastAPI's default page loads it from a CDN."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC_URL = "/docs-static"


def swagger_static_dir() -> Path | None:
    """The static Swagger UI files of the `swagger-ui-py` package, found without importing it."""
    spec = importlib.util.find_spec("swagger_ui")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "static"
    return path if (path / "swagger-ui-bundle.js").is_file() else None


def add_offline_docs(app: FastAPI) -> None:
    """Serve /docs and its assets from this process, so the docs work with no internet access."""
    static = swagger_static_dir()
    if static is None:  # the package is a declared dependency; without it, say so rather than load a CDN
        @app.get("/docs", include_in_schema=False)
        def docs_missing() -> HTMLResponse:
            return HTMLResponse("Swagger UI is not installed (pip install swagger-ui-py); the schema is at "
                                f"<a href='{app.openapi_url}'>{app.openapi_url}</a>.", status_code=501)
        return
    app.mount(STATIC_URL, StaticFiles(directory=static), name="docs-static")
    redirect_url = app.swagger_ui_oauth2_redirect_url or "/docs/oauth2-redirect"

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url=app.openapi_url or "/openapi.json", title=f"{app.title} — docs",
                                   swagger_js_url=f"{STATIC_URL}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{STATIC_URL}/swagger-ui.css",
                                   swagger_favicon_url=f"{STATIC_URL}/favicon-32x32.png",
                                   oauth2_redirect_url=redirect_url)

    @app.get(redirect_url, include_in_schema=False)
    def oauth2_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()
