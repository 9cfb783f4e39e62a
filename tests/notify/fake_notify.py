"""A small fake of the GOV.UK Notify REST API, served over real HTTP on 127.0.0.1.

It answers the calls the portal makes (``POST /v2/notifications/email``,
``POST /v2/notifications/sms`` and ``GET /v2/notifications``) the way Notify does:

* the ``Authorization: Bearer <JWT>`` header is checked as Notify checks it: HS256, ``iss``
  naming a service we know, signed with that service's API key secret, ``iat`` within 30
  seconds of now. A missing header or another scheme is a 401, a wrong token a 403;
* the body is validated: required fields, a known template of the right type, every
  ``((placeholder))`` of the template given in ``personalisation``, a UK mobile number;
* an accepted notification gets a 201 with ``id`` (a uuid4), ``reference``, ``content``,
  ``uri`` and ``template``, and is recorded in ``sent``;
* ``GET /v2/notifications`` lists what was accepted, newest first, as
  ``{"notifications": [...], "links": {"current": ..., "next": ...}}``, filtered by
  ``reference``, ``template_type``, ``status`` (``failed`` meaning any failure) and paged by
  ``older_than`` (the id of the last one seen), ``page_size`` at a time. Notify does not
  deduplicate by ``reference``: sending twice with one reference makes two notifications,
  and this list is the only way to find out whether a reference was already sent.

Errors have Notify's shape: ``{"status_code": 400, "errors": [{"error": "BadRequestError",
"message": "..."}]}``. A test can make it fail for a while (``fail_next``), accept a
notification and then answer with an error as a timeout after acceptance looks to the
client (``accept_then_fail_next``), hold the answer to an accepted notification until told
(``hold_after_accept``, to kill a sender between Notify's acceptance and its own record of
it), or refuse one phone number as Notify refuses an invalid one (``reject_number``).
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import jwt
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

# Notify refuses a token issued more than this many seconds from its own clock.
TOKEN_BOUND = 30
PLACEHOLDER = re.compile(r"\(\(([^)]+)\)\)")
# Notify's page size for GET /v2/notifications (its API_PAGE_SIZE).
PAGE_SIZE = 250
# The statuses GET /v2/notifications accepts as a filter; "failed" stands for every failure.
STATUSES = (
    "cancelled",
    "created",
    "sending",
    "sent",
    "delivered",
    "pending",
    "failed",
    "technical-failure",
    "temporary-failure",
    "permanent-failure",
    "pending-virus-check",
    "validation-failed",
    "virus-scan-failed",
    "returned-letter",
    "accepted",
    "received",
)
FAILURES = ("technical-failure", "temporary-failure", "permanent-failure", "validation-failed")
TEMPLATE_TYPES = ("sms", "email", "letter")
LIST_PARAMETERS = ("reference", "status", "template_type", "older_than", "include_jobs")
DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


@dataclass(frozen=True)
class Template:
    id: str
    type: str  # "email" or "sms"
    body: str
    subject: str | None = None
    version: int = 1

    def placeholders(self) -> list[str]:
        found = PLACEHOLDER.findall((self.subject or "") + "\n" + self.body)
        return list(dict.fromkeys(name.strip() for name in found))

    def fill(self, text: str, personalisation: dict[str, Any]) -> str:
        return PLACEHOLDER.sub(lambda m: str(personalisation[m.group(1).strip()]), text)


@dataclass(frozen=True)
class Notification:
    """One message Notify accepted."""

    id: str
    type: str  # "email" or "sms"
    to: str
    template_id: str
    personalisation: dict[str, Any]
    reference: str | None
    content: dict[str, Any] = field(default_factory=dict)
    template_version: int = 1
    # Notify's first status for an accepted email or text message; ``set_status`` moves it on.
    status: str = "created"
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass(frozen=True)
class Call:
    """One request that reached the fake."""

    method: str
    path: str
    args: dict[str, list[str]]


class NotifyError(Exception):
    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status, self.error, self.message = status, error, message


def uk_mobile(number: str) -> str | None:
    """The number in Notify's normal form (``447700900982``), or None if it is not a UK
    mobile number."""
    digits = re.sub(r"[\s()\-.]", "", number)
    if digits.startswith("+"):
        digits = digits[1:]
    if not digits.isdigit():
        return None
    if digits.startswith("0044"):
        digits = digits[4:]
    elif digits.startswith("44"):
        digits = digits[2:]
    digits = digits.removeprefix("0")
    if len(digits) != 10 or not digits.startswith("7"):
        return None
    return "44" + digits


class FakeNotify:
    """Start with ``with FakeNotify(...) as fake:`` (or ``start()``/``stop()``); point the
    client at ``fake.url`` with the key ``fake.api_key()``."""

    def __init__(
        self,
        *,
        service_id: str | None = None,
        secret: str | None = None,
        email_template: str | None = None,
        sms_template: str | None = None,
    ) -> None:
        self.service_id = service_id or str(uuid.uuid4())
        self.secret = secret or str(uuid.uuid4())
        self.email_template = email_template or str(uuid.uuid4())
        self.sms_template = sms_template or str(uuid.uuid4())
        # The portal's templates in Notify: it writes the words, Notify only carries them.
        self.templates = {
            self.email_template: Template(
                self.email_template, "email", body="((body))", subject="((subject))"
            ),
            self.sms_template: Template(self.sms_template, "sms", body="((body))"),
        }
        self._lock = threading.Lock()
        self._sent: list[Notification] = []
        self._requests = 0
        self._calls: list[Call] = []
        self._failures: list[int] = []
        self._fail_after_accept: list[int] = []
        self._hold_after_accept = 0
        self._rejected: set[str] = set()
        # hold_after_accept: ``held`` is set once an accepted notification's answer waits;
        # setting ``release`` lets it (and any later held answer) go.
        self.held = threading.Event()
        self.release = threading.Event()
        self.page_size = PAGE_SIZE
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self.url = ""

    # --- What a test sets and reads ------------------------------------------------------

    def api_key(self, name: str = "speakup_test", *, secret: str | None = None) -> str:
        """A key in Notify's form: ``{name}-{service id}-{secret}``."""
        return f"{name}-{self.service_id}-{secret or self.secret}"

    @property
    def sent(self) -> list[Notification]:
        with self._lock:
            return list(self._sent)

    @property
    def requests(self) -> int:
        """How many requests reached the fake, accepted or not."""
        with self._lock:
            return self._requests

    @property
    def calls(self) -> list[Call]:
        with self._lock:
            return list(self._calls)

    def lookups(self, reference: str | None = None) -> list[Call]:
        """The ``GET /v2/notifications`` requests (for ``reference``, if given)."""
        return [
            call
            for call in self.calls
            if call.method == "GET"
            and call.path == "/v2/notifications"
            and (reference is None or call.args.get("reference", [None])[0] == reference)
        ]

    def sends(self) -> list[Call]:
        """The ``POST`` requests, accepted or not."""
        return [call for call in self.calls if call.method == "POST"]

    def fail_next(self, count: int, status: int = 500) -> None:
        """Answer the next ``count`` requests with ``status`` (an outage), whatever they are."""
        with self._lock:
            self._failures.extend([status] * count)

    def accept_then_fail_next(self, count: int, status: int = 500) -> None:
        """Record the next ``count`` notifications Notify would accept, then answer each with
        ``status`` instead of 201: what a client sees when its request timed out or the
        connection dropped after Notify had taken the message. Lookups do not use these up."""
        with self._lock:
            self._fail_after_accept.extend([status] * count)

    def hold_after_accept(self, count: int = 1) -> None:
        """Record the next ``count`` accepted notifications, then hold each answer until
        ``release`` is set (``held`` tells the test one is waiting)."""
        with self._lock:
            self._hold_after_accept += count

    def set_status(self, notification_id: str, status: str) -> None:
        """Move a notification on, as Notify does when the provider reports back."""
        with self._lock:
            self._sent = [
                replace(n, status=status) if n.id == notification_id else n for n in self._sent
            ]

    def reject_number(self, number: str) -> None:
        """Refuse this phone number with a 400, as Notify does for a number it cannot use."""
        normal = uk_mobile(number)
        with self._lock:
            self._rejected.add(normal or number)

    # --- Serving ----------------------------------------------------------------------------

    def start(self) -> FakeNotify:
        self._server = make_server("127.0.0.1", 0, self._app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="fake-notify",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeNotify:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _app(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        response = self._answer(Request(environ))
        return response(environ, start_response)

    def _answer(self, request: Request) -> Response:
        with self._lock:
            self._requests += 1
            self._calls.append(Call(request.method, request.path, request.args.to_dict(flat=False)))
            failure = self._failures.pop(0) if self._failures else None
        try:
            if failure is not None:
                raise NotifyError(failure, "Exception", "Internal server error")
            self._authenticate(request)
            body: dict[str, Any]
            if request.path == "/v2/notifications":
                if request.method != "GET":
                    raise NotifyError(405, "MethodNotAllowed", "The method is not allowed")
                body, status = self._list(request), 200
            else:
                kind = {"/v2/notifications/email": "email", "/v2/notifications/sms": "sms"}.get(
                    request.path
                )
                if kind is None:
                    raise NotifyError(404, "ResourceNotFound", "Not found")
                if request.method != "POST":
                    raise NotifyError(405, "MethodNotAllowed", "The method is not allowed")
                body, status = self._accept(kind, request), 201
        except NotifyError as error:
            status = error.status
            body = {
                "status_code": error.status,
                "errors": [{"error": error.error, "message": error.message}],
            }
        return Response(json.dumps(body), status=status, mimetype="application/json")

    # --- What Notify checks ---------------------------------------------------------------

    def _authenticate(self, request: Request) -> None:
        header = request.headers.get("Authorization")
        if not header:
            raise NotifyError(
                401, "AuthError", "Unauthorized: authentication token must be provided"
            )
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise NotifyError(
                401, "AuthError", "Unauthorized: authentication bearer scheme must be used"
            )
        try:
            unverified = jwt.decode(
                token, options={"verify_signature": False}, algorithms=["HS256"]
            )
        except jwt.InvalidTokenError:
            raise NotifyError(403, "AuthError", "Invalid token: signature") from None
        issuer = unverified.get("iss")
        if not issuer:
            raise NotifyError(403, "AuthError", "Invalid token: iss field not provided")
        if issuer != self.service_id:
            raise NotifyError(403, "AuthError", "Invalid token: service not found")
        try:
            claims = jwt.decode(
                token,
                key=self.secret,
                algorithms=["HS256"],
                leeway=TOKEN_BOUND,
                options={"verify_signature": True},
            )
        except jwt.InvalidAlgorithmError:
            raise NotifyError(
                403, "AuthError", "Invalid token: algorithm used is not HS256"
            ) from None
        except jwt.InvalidSignatureError:
            raise NotifyError(403, "AuthError", "Invalid token: API key not found") from None
        except jwt.InvalidTokenError:
            raise NotifyError(403, "AuthError", "Invalid token: signature") from None
        if "iat" not in claims:
            raise NotifyError(403, "AuthError", "Invalid token: iat field not provided")
        now = int(time.time())
        issued = int(claims["iat"])
        if now > issued + TOKEN_BOUND or issued > now + TOKEN_BOUND:
            raise NotifyError(
                403, "AuthError", "Error: Your system clock must be accurate to within 30 seconds"
            )

    def _accept(self, kind: str, request: Request) -> dict[str, Any]:
        try:
            data = json.loads(request.get_data(as_text=True))
        except ValueError:
            raise NotifyError(
                400, "BadRequestError", "Invalid JSON supplied in POST data"
            ) from None
        if not isinstance(data, dict):
            raise NotifyError(400, "ValidationError", "POST data is not a JSON object")
        recipient_field = "email_address" if kind == "email" else "phone_number"
        for name in (recipient_field, "template_id"):
            if not data.get(name):
                raise NotifyError(400, "ValidationError", f"{name} is a required property")
        try:
            template_id = str(uuid.UUID(str(data["template_id"])))
        except ValueError:
            raise NotifyError(400, "ValidationError", "template_id is not a valid UUID") from None
        template = self.templates.get(template_id)
        if template is None:
            raise NotifyError(400, "BadRequestError", "Template not found")
        if template.type != kind:
            raise NotifyError(
                400,
                "BadRequestError",
                f"{template.type} template is not suitable for {kind} notification",
            )
        personalisation = data.get("personalisation") or {}
        if not isinstance(personalisation, dict):
            raise NotifyError(400, "ValidationError", "personalisation is not of type object")
        missing = [p for p in template.placeholders() if p not in personalisation]
        if missing:
            raise NotifyError(
                400, "BadRequestError", "Missing personalisation: " + ", ".join(missing)
            )
        reference = data.get("reference")
        if reference is not None and not isinstance(reference, str):
            raise NotifyError(400, "ValidationError", "reference is not of type string")
        to = str(data[recipient_field])
        if kind == "email":
            if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", to):
                raise NotifyError(400, "ValidationError", "email_address Not a valid email address")
        else:
            normal = uk_mobile(to)
            with self._lock:
                refused = normal is None or normal in self._rejected or to in self._rejected
            if refused:
                raise NotifyError(400, "ValidationError", "phone_number Not a UK mobile number")
        body = template.fill(template.body, personalisation)
        content: dict[str, Any] = {"body": body}
        if kind == "email":
            content["subject"] = template.fill(template.subject or "", personalisation)
            content["from_email"] = "speak.up@notifications.service.gov.uk"
        else:
            content["from_number"] = "GOVUK"
        notification = Notification(
            id=str(uuid.uuid4()),
            type=kind,
            to=to,
            template_id=template_id,
            personalisation=dict(personalisation),
            reference=reference,
            content=content,
        )
        with self._lock:
            self._sent.append(notification)
            fail_with = self._fail_after_accept.pop(0) if self._fail_after_accept else None
            hold = self._hold_after_accept > 0
            if hold:
                self._hold_after_accept -= 1
        if hold:
            self.held.set()
            self.release.wait(timeout=60)
        if fail_with is not None:
            raise NotifyError(fail_with, "Exception", "Internal server error")
        root = request.host_url.rstrip("/")
        answer: dict[str, Any] = {
            "id": notification.id,
            "reference": reference,
            "content": content,
            "uri": f"{root}/v2/notifications/{notification.id}",
            "template": {
                "id": template_id,
                "version": template.version,
                "uri": f"{root}/v2/template/{template_id}/version/{template.version}",
            },
            "scheduled_for": None,
        }
        if kind == "email":
            answer["one_click_unsubscribe_url"] = None
        return answer

    def _list(self, request: Request) -> dict[str, Any]:
        """``GET /v2/notifications``: validated as Notify validates it, newest first."""
        data = request.args.to_dict(flat=False)
        for name in data:
            if name not in LIST_PARAMETERS:
                raise NotifyError(
                    400,
                    "ValidationError",
                    f"Additional properties are not allowed ({name} was unexpected)",
                )
        # Notify takes one value of these, and every value of status and template_type.
        query: dict[str, Any] = dict(data)
        for name in ("reference", "older_than", "include_jobs"):
            if name in query:
                query[name] = query[name][0]
        for status in query.get("status", []):
            if status not in STATUSES:
                raise NotifyError(
                    400,
                    "ValidationError",
                    f"status {status} is not one of [{', '.join(STATUSES)}]",
                )
        for kind in query.get("template_type", []):
            if kind not in TEMPLATE_TYPES:
                raise NotifyError(
                    400,
                    "ValidationError",
                    f"template_type {kind} is not one of [{', '.join(TEMPLATE_TYPES)}]",
                )
        older_than = query.get("older_than")
        if older_than is not None:
            try:
                older_than = str(uuid.UUID(older_than))
            except ValueError:
                raise NotifyError(
                    400, "ValidationError", "older_than is not a valid UUID"
                ) from None

        with self._lock:
            newest_first = list(reversed(self._sent))
        if older_than is not None:
            ids = [n.id for n in newest_first]
            # An id Notify does not know (or no longer keeps) matches nothing older.
            newest_first = newest_first[ids.index(older_than) + 1 :] if older_than in ids else []
        statuses = set(query.get("status", []))
        if "failed" in statuses:
            statuses.update(FAILURES)
        kinds = set(query.get("template_type", []))
        reference = query.get("reference")
        found = [
            n
            for n in newest_first
            if (reference is None or n.reference == reference)
            and (not statuses or n.status in statuses)
            and (not kinds or n.type in kinds)
        ][: self.page_size]

        root = request.host_url.rstrip("/")
        links = {"current": self._link(root, query)}
        if found:
            links["next"] = self._link(root, {**query, "older_than": found[-1].id})
        return {
            "notifications": [self._serialise(root, n) for n in found],
            "links": links,
        }

    @staticmethod
    def _link(root: str, query: dict[str, Any]) -> str:
        encoded = urlencode(query, doseq=True)
        return f"{root}/v2/notifications" + (f"?{encoded}" if encoded else "")

    def _serialise(self, root: str, n: Notification) -> dict[str, Any]:
        """One notification as ``GET /v2/notifications/{id}`` and the list show it."""
        return {
            "id": n.id,
            "reference": n.reference,
            "email_address": n.to if n.type == "email" else None,
            "phone_number": n.to if n.type == "sms" else None,
            "line_1": None,
            "line_2": None,
            "line_3": None,
            "line_4": None,
            "line_5": None,
            "line_6": None,
            "postcode": None,
            "type": n.type,
            "status": n.status,
            "template": {
                "id": n.template_id,
                "version": n.template_version,
                "uri": f"{root}/v2/template/{n.template_id}/version/{n.template_version}",
            },
            "body": n.content.get("body", ""),
            "subject": n.content.get("subject") if n.type == "email" else None,
            "created_at": n.created_at.strftime(DATETIME_FORMAT),
            "created_by_name": None,
            "sent_at": None,
            "completed_at": None,
            "scheduled_for": None,
            "postage": None,
        }
