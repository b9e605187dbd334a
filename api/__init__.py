"""The HTTP layer: a Flask app factory around one :class:`kg.service.KnowledgeBase`.

In: :class:`kg.settings.Settings` (upload limit, write token) and, optionally, an open knowledge
base. Out: a WSGI app serving :func:`api.routes.routes`. The layer is thin: it parses requests
with :mod:`api.schemas`, calls the knowledge base, shapes JSON; :mod:`api.errors` is the only
place exceptions become HTTP. Holds no business logic and reads no environment variable itself:
when no settings are given it asks :meth:`kg.settings.Settings.from_env`, the one reader.
"""
from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from flask import Blueprint, Flask, Response, g

from kg.settings import Settings

if TYPE_CHECKING:
    from kg.service import KnowledgeBase

# room for the multipart envelope around a file as large as the upload limit allows
_ENVELOPE_BYTES = 64 * 1024


def create_app(settings: Settings | None = None, kb: "KnowledgeBase | None" = None) -> Flask:
    """Build the app.

    Parameters
    ----------
    settings
        Every setting; read from the environment by :meth:`Settings.from_env` when not given.
    kb
        An open knowledge base; opened from ``settings`` when not given. The app does not close it.

    Returns
    -------
    flask.Flask
        With every route of :func:`api.routes.routes` in one blueprint per view module.
    """
    from api import binding, errors
    from api.routes import routes

    settings = settings if settings is not None else Settings.from_env()
    if kb is None:
        from kg.service import KnowledgeBase

        kb = KnowledgeBase.open(settings)
    # static files are a route of the table like any other, hence no built-in static folder
    app = Flask(__name__, static_folder=None)
    app.config.update(
        MAX_CONTENT_LENGTH=settings.max_upload_bytes + _ENVELOPE_BYTES,
        KG_API_TOKEN=settings.api_token,
    )
    app.json.sort_keys = False  # keep the contract's field order
    app.json.ensure_ascii = False
    route_table = routes()
    app.extensions["kg"] = kb
    app.extensions["kg.routes"] = route_table

    # Blueprints are made per app: a blueprint registered once cannot take more rules, and tests
    # build many apps.
    blueprints: dict[str, Blueprint] = {}
    for route in route_table:
        blueprint = blueprints.setdefault(route.blueprint, Blueprint(route.blueprint, route.view.__module__))
        blueprint.add_url_rule(route.rule, endpoint=route.view.__name__, view_func=binding.endpoint(route),
                               methods=list(route.methods))
    for blueprint in blueprints.values():
        app.register_blueprint(blueprint)

    @app.before_request
    def assign_request_id() -> None:
        g.request_id = uuid.uuid4().hex[:16]

    @app.after_request
    def tell_request_id(response: Response) -> Response:
        # the id a 500 is logged under, so a report can be matched to the log
        response.headers["X-Request-Id"] = getattr(g, "request_id", "-")
        return response

    errors.register(app)
    return app
