"""Signing up, in and out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from rightstrack.accounts import (
    BUSY_RETRY_SECONDS,
    Busy,
    authenticate,
    create_user,
    end_session,
    start_session,
)
from rightstrack.errors import Forbidden, InvalidInput
from rightstrack.web.auth import (
    SESSION_COOKIE,
    clear_session,
    client_address,
    set_session,
    signup_open,
    store,
)
from rightstrack.web.pages import render
from rightstrack.web.security import CSRF_FIELD, check_csrf, safe_next

router = APIRouter(include_in_schema=False)

Text = Annotated[str, Form()]
Csrf = Annotated[str | None, Form(alias=CSRF_FIELD)]


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/plans") -> HTMLResponse:
    return render(request, "login.html", {"next": safe_next(next), "signup": signup_open()})


@router.post("/login")
def login(
    request: Request, username: Text, password: Text, csrf: Csrf = None, next: Text = "/plans"
) -> Response:
    check_csrf(request, csrf)
    try:
        user = authenticate(store(request), username, password, client_address(request))
        with store(request).begin() as connection:
            token = start_session(connection, user)
    except (Forbidden, Busy) as refused:
        # The form again, with the name kept: a person can simply send it once more.
        status = 503 if isinstance(refused, Busy) else 429 if "too many" in str(refused) else 401
        page = render(
            request,
            "login.html",
            {"next": safe_next(next), "error": str(refused), "username": username, "signup": signup_open()},
            status_code=status,
        )
        if isinstance(refused, Busy):
            page.headers["Retry-After"] = str(BUSY_RETRY_SECONDS)
        return page
    response = RedirectResponse(safe_next(next), status_code=303)
    set_session(response, token, request)
    return response


@router.post("/logout")
def logout(request: Request, csrf: Csrf = None) -> Response:
    check_csrf(request, csrf)
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        with store(request).begin() as connection:
            end_session(connection, token)
    response = RedirectResponse("/", status_code=303)
    clear_session(response)
    return response


@router.get("/signup", response_class=HTMLResponse)
def signup_page(request: Request) -> HTMLResponse:
    if not signup_open():
        raise Forbidden("accounts are created by an administrator here")
    return render(request, "signup.html", {})


@router.post("/signup")
def signup(
    request: Request,
    username: Text,
    password: Text,
    display_name: Text = "",
    email: Text = "",
    csrf: Csrf = None,
) -> Response:
    check_csrf(request, csrf)
    if not signup_open():
        raise Forbidden("accounts are created by an administrator here")
    try:
        with store(request).begin() as connection:
            user = create_user(connection, username, password, display_name, email=email.strip() or None)
            token = start_session(connection, user)
    except InvalidInput as problem:
        context = {"error": str(problem), "username": username, "display_name": display_name, "email": email}
        return render(request, "signup.html", context, status_code=400)
    response = RedirectResponse("/plans", status_code=303)
    set_session(response, token, request)
    return response
