"""The HTTP layer: a Flask app factory, the API blueprint, SPARQL, the docs page and the web page.

`api` is thin: it parses requests with the schemas in :mod:`api.schemas`, calls
:class:`kg.service.KnowledgeBase`, and shapes JSON. :mod:`api.errors` is the only place exceptions
become HTTP. Settings come in through :class:`kg.settings.Settings`; nothing here reads the
environment except through ``Settings.from_env`` when no settings are given.
"""
from __future__ import annotations

from flask import Blueprint, Flask

from kg.settings import Settings


def create_app(settings: Settings | None = None, kb=None) -> Flask:
    """Build the app around a knowledge base (opened from ``settings`` when not given)."""
    from api import docs, errors, sparql, web
    from api.routes import ROUTES

    settings = settings or Settings.from_env()
    if kb is None:
        from kg.service import KnowledgeBase

        kb = KnowledgeBase.open(settings)
    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=settings.max_upload_bytes, KG_API_TOKEN=settings.api_token,
                      JSON_SORT_KEYS=False)
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    app.extensions["kg"] = kb
    api = Blueprint("api", __name__)
    for route in ROUTES:
        api.add_url_rule(route.rule, endpoint=f"{route.view.__name__}_{'_'.join(route.methods).lower()}",
                         view_func=route.view, methods=list(route.methods))
    app.register_blueprint(api)
    app.register_blueprint(sparql.blueprint)
    app.register_blueprint(docs.blueprint)
    app.register_blueprint(web.blueprint)
    errors.register(app)
    return app
