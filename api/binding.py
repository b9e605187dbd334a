"""Binds a :class:`api.routes.Route` to Flask: token check, request parsing, answer shaping.

In: a route from :mod:`api.routes` and the current request. The token is checked first (so an
unauthorised request is refused before its body is read), then the query string and the body are
validated with the route's own schemas, then the view is called with ``query=`` and ``body=``.
Out: the view's dict as JSON with the route's status, a string as HTML, ``None`` as 204, a
``Response`` as is.
Raises :class:`api.schemas.BadInput` and :class:`api.auth.TokenRefused`; :mod:`api.errors`
turns them into HTTP. Must not call the knowledge base.
"""
from __future__ import annotations

from functools import wraps
from typing import Any, Callable

from flask import Response, jsonify, request

from api import auth, schemas
from api.routes import Route


def endpoint(route: Route) -> Callable[..., Response]:
    """The Flask view function for ``route``."""

    @wraps(route.view)
    def serve(**path: str) -> Response:
        if route.token:
            auth.require_token()
        arguments: dict[str, Any] = dict(path)
        if route.query is not None:
            arguments["query"] = schemas.parse(route.query, request.args.to_dict())
        if route.body is not None or route.form is not None or route.raw:
            arguments["body"] = read_body(route)
        return _answer(route.view(**arguments), route.status)

    return serve


def read_body(route: Route) -> schemas.RequestModel:
    """The request body validated with the route's model for its media type.

    Raises
    ------
    api.schemas.BadInput
        When the body does not fit the model, is not valid JSON, or has a media type the route
        does not take (code ``unsupported_media_type``).
    """
    mimetype = request.mimetype
    raw = dict(route.raw)
    if route.form is not None and mimetype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        return _read_form(route.form)
    if route.body is not None and request.is_json:
        data = request.get_json(silent=True)
        if data is None:
            raise schemas.BadInput("the body is not valid JSON; send an object such as "
                                   + _example(route.body))
        if not isinstance(data, dict):
            raise schemas.BadInput("the body must be a JSON object such as " + _example(route.body))
        return schemas.parse(route.body, data)
    if route.form is not None and mimetype in raw:
        return schemas.parse(route.form, {raw[mimetype]: request.get_data(as_text=True)})
    accepted = [*(["application/json"] if route.body else []),
                *(["multipart/form-data", "application/x-www-form-urlencoded"] if route.form else []),
                *[media for media in raw]]
    raise schemas.BadInput(f"a {mimetype or 'body without a Content-Type'} body is not taken here; "
                           f"send {' or '.join(accepted)}", "unsupported_media_type")


def _read_form(model: type[schemas.RequestModel]) -> schemas.RequestModel:
    """A form's fields plus its files, read as bytes; a file gives its name when the form does not."""
    data: dict[str, Any] = request.form.to_dict()
    for name, field in model.model_fields.items():
        if field.annotation is not bytes:
            continue
        upload = request.files.get(name)
        if upload is None or (not upload.filename and not data.get("name")):
            raise schemas.BadInput(f"{name}: send the document as a multipart file field named '{name}', "
                                   "with a file name whose extension gives its format")
        data[name] = upload.read()
        if "name" in model.model_fields and not data.get("name"):
            data["name"] = upload.filename
    return schemas.parse(model, data)


def _example(model: type[schemas.RequestModel]) -> str:
    fields = [name for name, field in model.model_fields.items() if field.is_required()]
    return "{" + ", ".join(f'"{name}": "..."' for name in fields) + "}"


def _answer(answer: Any, status: int) -> Response:
    if isinstance(answer, Response):
        return answer
    if answer is None:
        return Response(status=204)
    if isinstance(answer, str):  # a rendered page
        return Response(answer, status=status, mimetype="text/html")
    response = jsonify(answer)
    response.status_code = status
    return response
