"""OpenAI error objects for every failure, plus the body-size and API-key middlewares.

Every error body is ``{"error": {"message", "type", "param", "code"}}``:

======  =====================  ===========================================================
status  type                   when
======  =====================  ===========================================================
400     invalid_request_error  malformed JSON, body not an object, prompt + max_tokens too long
401     invalid_request_error  missing or wrong API key (``--api-key``)
404     invalid_request_error  unknown model or path
405     invalid_request_error  wrong method for a path
413     invalid_request_error  body larger than the limit
422     invalid_request_error  a field is missing, of the wrong type or out of range
429     rate_limit_error       the scheduler queue is full, or /v1/srs runs at its limit
500     server_error           an unexpected failure (a generic message with an error id)
503     server_error           shutting down, the reasoning stack unavailable, failed or timed out
======  =====================  ===========================================================
"""

from __future__ import annotations

import hmac
import json
import logging
import re
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("havoc_server")

_TYPES = {
    400: "invalid_request_error",
    401: "invalid_request_error",
    403: "invalid_request_error",
    404: "invalid_request_error",
    405: "invalid_request_error",
    413: "invalid_request_error",
    422: "invalid_request_error",
    429: "rate_limit_error",
    503: "server_error",
}


class ApiError(Exception):
    """An error answered as an OpenAI error object."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        param: str | None = None,
        code: str | None = None,
        type: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.param = param
        self.code = code
        self.type = type or _TYPES.get(status, "server_error")

    def body(self) -> dict[str, Any]:
        return error_body(self.message, self.type, self.param, self.code)


def error_body(
    message: str, type: str, param: str | None = None, code: str | int | None = None
) -> dict[str, Any]:
    return {"error": {"message": message, "type": type, "param": param, "code": code}}


def error_response(
    status: int, message: str, param: str | None = None, code: str | None = None
) -> JSONResponse:
    err = ApiError(status, message, param=param, code=code)
    headers = {"Retry-After": "1"} if status in (429, 503) else None
    return JSONResponse(err.body(), status_code=status, headers=headers)


_UNION_TAG = re.compile(r"^(constrained-)?(str|int|float|bool|bytes|list|dict)$|\[|^function-")


def _field_path(loc: tuple[Any, ...]) -> str | None:
    """('body', 'messages', 0, 'role') -> 'messages[0].role'.

    pydantic puts the union member it tried into the location (``'str'``,
    ``'list[constrained-str]'``); those are not fields, so they are dropped.
    """
    out = ""
    for p in loc[1:] if loc and loc[0] == "body" else loc:
        if isinstance(p, int):
            out += f"[{p}]"
        elif not _UNION_TAG.search(str(p)):
            out += ("." if out else "") + str(p)
    return out or None


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        headers = {"Retry-After": "1"} if exc.status in (429, 503) else None
        return JSONResponse(exc.body(), status_code=exc.status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        first = errors[0] if errors else {"type": "invalid", "loc": ("body",), "msg": "invalid"}
        if first.get("type") == "json_invalid":
            ctx = first.get("ctx") or {}
            detail = f": {ctx['error']}" if "error" in ctx else ""
            return error_response(
                400, f"the request body is not valid JSON{detail}", None, "invalid_json"
            )
        loc = tuple(first.get("loc", ()))
        if loc == ("body",):
            return error_response(
                400, "the request body must be a JSON object", None, "invalid_request_body"
            )
        param = _field_path(loc)
        # With unions pydantic reports each member; name the field once, with every reason.
        same = [e for e in errors if _field_path(tuple(e.get("loc", ()))) == param]
        reasons = "; ".join(dict.fromkeys(str(e.get("msg")) for e in same))
        message = f"invalid value for '{param}': {reasons}" if param else reasons
        if first.get("type") == "missing":
            message = f"'{param}' is required"
        extra = len({_field_path(tuple(e.get("loc", ()))) for e in errors}) - 1
        if extra > 0:
            message += f" (and {extra} more invalid field{'s' if extra > 1 else ''})"
        return error_response(422, message, param, str(first.get("type")))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = "no such endpoint; see /docs"
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code)
        return JSONResponse(
            error_body(message, _TYPES.get(exc.status_code, "server_error"), None, code),
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        # the exception's own text may name files, code or data: log it, answer an id
        error_id = uuid.uuid4().hex[:12]
        log.error("unhandled error (error id %s)", error_id, exc_info=exc)
        return JSONResponse(
            error_body(
                f"internal server error (error id {error_id})",
                "server_error",
                None,
                "internal_error",
            ),
            status_code=500,
        )


class BodySizeLimit:
    """ASGI middleware: 413 for bodies over ``max_bytes`` (by Content-Length or as they stream)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    await self._reject(send, 400, "invalid Content-Length header")
                    return
                if length > self.max_bytes:
                    await self._reject(send, 413, self._message(length))
                    return
        seen = 0
        rejected = False

        async def limited_receive() -> Message:
            # FastAPI turns any error raised while reading the body into a 400, so on overflow
            # answer 413 here, tell the app the client left, and drop whatever it sends.
            nonlocal seen, rejected
            if rejected:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    rejected = True
                    await self._reject(send, 413, self._message(seen, exact=False))
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not rejected:
                await send(message)

        await self.app(scope, limited_receive, guarded_send)

    def _message(self, size: int, exact: bool = True) -> str:
        amount = f"{size} bytes" if exact else f"more than {self.max_bytes} bytes"
        return f"the request body ({amount}) exceeds the limit of {self.max_bytes} bytes"

    @staticmethod
    async def _reject(send: Send, status: int, message: str) -> None:
        code = "request_too_large" if status == 413 else "invalid_request"
        body = json.dumps(error_body(message, "invalid_request_error", None, code)).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class ApiKeyAuth:
    """ASGI middleware: ``Authorization: Bearer <key>`` on ``/v1/*`` and ``/metrics``, compared
    in constant time. CORS preflights (OPTIONS) pass so the CORS layer can answer them."""

    def __init__(self, app: ASGIApp, api_key: str) -> None:
        self.app = app
        self.expected = f"Bearer {api_key}".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        protected = path.startswith("/v1/") or path == "/metrics"
        if scope["type"] != "http" or not protected or scope.get("method") == "OPTIONS":
            await self.app(scope, receive, send)
            return
        given = b""
        for name, value in scope.get("headers", []):
            if name == b"authorization":
                given = value
        if not hmac.compare_digest(given, self.expected):
            message = (
                "missing API key: send 'Authorization: Bearer <key>'"
                if not given
                else "incorrect API key"
            )
            body = json.dumps(
                error_body(message, "invalid_request_error", None, "invalid_api_key")
            ).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 401,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                        (b"www-authenticate", b"Bearer"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)
