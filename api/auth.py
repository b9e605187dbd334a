"""The bearer-token check for the write endpoints (ingest and delete).

In: the token configured in :class:`kg.settings.Settings` (``KG_API_TOKEN``) and the request's
``Authorization`` header. Out: nothing, or :class:`TokenRefused`, which :mod:`api.errors` turns
into a 403. When no token is configured, writing is disabled altogether rather than open to
anyone. Must not read the environment; the token comes from the settings the app was built with.
"""
from __future__ import annotations

import hmac

from flask import current_app, request


class TokenRefused(Exception):
    """A write endpoint was called without the right token.

    Parameters
    ----------
    code
        ``writes_disabled`` (no token configured), ``missing_token`` or ``wrong_token``.
    message
        What to send instead.
    """

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def require_token() -> None:
    """Check ``Authorization: Bearer <token>`` against the configured token.

    The comparison is constant-time (``hmac.compare_digest``) so that response times do not
    reveal how much of a guessed token was right.

    Raises
    ------
    TokenRefused
        When no token is configured, when the header is missing or not a bearer token, or when
        the token is wrong.
    """
    expected: str | None = current_app.config.get("KG_API_TOKEN")
    if not expected:
        raise TokenRefused("writes_disabled", "writing is disabled on this server: set KG_API_TOKEN before "
                                              "starting it, then send 'Authorization: Bearer <token>'")
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    if not header or scheme.lower() != "bearer" or not given.strip():
        raise TokenRefused("missing_token", "this endpoint writes: send 'Authorization: Bearer <token>' "
                                            "with the server's KG_API_TOKEN")
    if not hmac.compare_digest(given.strip().encode("utf-8"), expected.encode("utf-8")):
        raise TokenRefused("wrong_token", "the bearer token is wrong: send the server's KG_API_TOKEN")
