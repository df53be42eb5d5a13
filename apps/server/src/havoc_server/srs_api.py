"""`POST /v1/srs`: the SRS reasoning stack (contract in apps/server/API.md)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from havoc_server.errors import ApiError
from havoc_server.protocol import ErrorResponse, SrsRequest, SrsResult

router = APIRouter()


def srs_available() -> bool:
    return False


@router.post(
    "/v1/srs",
    response_model=SrsResult,
    responses={code: {"model": ErrorResponse} for code in (400, 401, 413, 422, 503)},
    summary="Answer an engineering question with the eight-stage SRS pipeline",
)
async def srs(body: SrsRequest, request: Request) -> SrsResult:
    raise ApiError(
        503, "the SRS reasoning stack (havoc-srs) is not available", code="srs_unavailable"
    )
