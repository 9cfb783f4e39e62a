"""The ways a message leaves: SMTP, GOV.UK Notify, or files a developer can read.

Each sender raises ``TemporaryFailure`` (try again later: the server is down, busy or
refusing for now) or ``PermanentFailure`` (this message can never go as it is: the address
is refused). Errors carry only a class and a code, never the server's words, which often
quote the address back.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path
from typing import Any, Protocol

from portal.models.outbox import EMAIL, SMS
from portal.models.types import utcnow


@dataclass(frozen=True)
class Outgoing:
    dedupe_key: str
    channel: str
    to: str
    subject: str
    body: str
    language: str
    # An earlier try may have reached the provider (a crash, a timeout) before we recorded
    # it: a sender that cannot deduplicate by itself checks before sending again.
    maybe_sent: bool = False


class TemporaryFailure(Exception):
    """Worth trying again later."""


class PermanentFailure(Exception):
    """Will fail however often it is tried: staff must find another way."""


class Sender(Protocol):
    channels: frozenset[str]

    def send(self, message: Outgoing) -> str | None:
        """Deliver one message; return the provider's id for it, if any."""

    def close(self) -> None: ...


def message_id(dedupe_key: str, from_address: str) -> str:
    """The same Message-ID every time a message is sent, so a message sent again after a
    crash is recognised by the recipient's mail system as one message."""
    domain = parseaddr(from_address)[1].rpartition("@")[2] or "speak-up.invalid"
    return f"<{dedupe_key}@{domain}>"


def email_for(message: Outgoing, from_address: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = from_address
    email["To"] = message.to
    email["Subject"] = message.subject
    email["Message-ID"] = message_id(message.dedupe_key, from_address)
    email["Date"] = format_datetime(utcnow())
    # Tell mail systems not to send out-of-office replies back to a no-reply address.
    email["Auto-Submitted"] = "auto-generated"
    email.set_content(message.body)
    # After set_content, which replaces every Content-* header.
    email["Content-Language"] = message.language
    return email


class FileSender:
    """For development: each message becomes a file in ``directory`` that a person can open
    (``.eml`` for email, ``.txt`` for text messages), named by its dedupe key so a message
    written twice is still one file."""

    def __init__(self, directory: Path, from_address: str) -> None:
        self.directory = directory
        self.from_address = from_address
        self.channels = frozenset({EMAIL, SMS})

    def send(self, message: Outgoing) -> str | None:
        self.directory.mkdir(parents=True, exist_ok=True)
        if message.channel == EMAIL:
            path = self.directory / f"{message.dedupe_key}.eml"
            path.write_bytes(bytes(email_for(message, self.from_address)))
        else:
            path = self.directory / f"{message.dedupe_key}.sms.txt"
            path.write_text(f"To: {message.to}\n\n{message.body}\n", encoding="utf-8")
        return path.name

    def close(self) -> None:
        return None


class SmtpSender:
    """SMTP with STARTTLS or implicit TLS, one connection reused across a batch."""

    def __init__(
        self,
        *,
        host: str,
        port: int,
        security: str,
        username: str | None,
        password: str | None,
        timeout: float,
        from_address: str,
    ) -> None:
        if security not in ("none", "starttls", "tls"):
            raise ValueError("SMTP security must be none, starttls or tls")
        self.host, self.port, self.security = host, port, security
        self.username, self.password, self.timeout = username, password, timeout
        self.from_address = from_address
        self.channels = frozenset({EMAIL})
        self._connection: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        if self._connection is not None:
            return self._connection
        context = ssl.create_default_context()
        connection: smtplib.SMTP
        if self.security == "tls":
            connection = smtplib.SMTP_SSL(
                self.host, self.port, timeout=self.timeout, context=context
            )
        else:
            connection = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            if self.security == "starttls":
                connection.starttls(context=context)
        if self.username:
            connection.login(self.username, self.password or "")
        self._connection = connection
        return connection

    def send(self, message: Outgoing) -> str | None:
        if message.channel != EMAIL:
            raise PermanentFailure("smtp:not-email")
        try:
            connection = self._connect()
            connection.send_message(email_for(message, self.from_address))
        except smtplib.SMTPRecipientsRefused as error:
            self.close()
            codes = [code for code, _text in error.recipients.values()]
            if codes and all(code >= 500 for code in codes):
                raise PermanentFailure(f"smtp:recipient-refused:{codes[0]}") from None
            raise TemporaryFailure(f"smtp:recipient-deferred:{codes[:1]}") from None
        except smtplib.SMTPAuthenticationError as error:
            # Our credentials, not this message: keep it and try again once they are fixed.
            self.close()
            raise TemporaryFailure(f"smtp:authentication:{error.smtp_code}") from None
        except smtplib.SMTPResponseException as error:
            self.close()
            if error.smtp_code >= 500:
                raise PermanentFailure(f"smtp:refused:{error.smtp_code}") from None
            raise TemporaryFailure(f"smtp:deferred:{error.smtp_code}") from None
        except (smtplib.SMTPException, OSError) as error:
            self.close()
            raise TemporaryFailure(f"smtp:{type(error).__name__}") from None
        return None

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        try:
            connection.quit()
        except (smtplib.SMTPException, OSError):
            connection.close()


class NotifySender:
    """GOV.UK Notify through its official client. The service has one email template
    ("((subject))" / "((body))") and one text message template ("((body))"): our messages
    are written and translated here, so Notify only carries them."""

    def __init__(
        self, *, api_key: str, base_url: str, email_template: str, sms_template: str
    ) -> None:
        from notifications_python_client.notifications import NotificationsAPIClient

        self.client = NotificationsAPIClient(api_key, base_url=base_url, timeout=30)
        self.email_template, self.sms_template = email_template, sms_template
        self.channels = frozenset(c for c, t in ((EMAIL, email_template), (SMS, sms_template)) if t)

    def _already_sent(self, message: Outgoing) -> str | None:
        """Notify does not deduplicate by reference, so after an interrupted try ask it
        whether it already has this message."""
        found = self.client.get_all_notifications(reference=message.dedupe_key)
        notifications = found.get("notifications") or []
        return str(notifications[0]["id"]) if notifications else None

    def send(self, message: Outgoing) -> str | None:
        from notifications_python_client.errors import APIError

        if message.maybe_sent:
            try:
                existing = self._already_sent(message)
            except APIError as error:
                # Not knowing is no reason to give up on the message: try again later.
                raise TemporaryFailure(f"notify:lookup:{error.status_code}") from None
            if existing:
                return existing
        try:
            if message.channel == EMAIL:
                response: Mapping[str, Any] = self.client.send_email_notification(
                    email_address=message.to,
                    template_id=self.email_template,
                    personalisation={"subject": message.subject, "body": message.body},
                    reference=message.dedupe_key,
                )
            else:
                response = self.client.send_sms_notification(
                    phone_number=message.to,
                    template_id=self.sms_template,
                    personalisation={"body": message.body},
                    reference=message.dedupe_key,
                )
        except APIError as error:
            status = int(getattr(error, "status_code", 0) or 0)
            # 400: Notify will never accept this (a bad number or address). 403: our key is
            # wrong, 429 and 5xx: busy or down. Only the first is the message's fault.
            if status == 400:
                raise PermanentFailure(f"notify:{status}") from None
            # Connection failures and timeouts arrive here too, as 503.
            raise TemporaryFailure(f"notify:{status}") from None
        return str(response.get("id") or "") or None

    def close(self) -> None:
        self.client.request_session.close()


def from_config(config: Mapping[str, Any]) -> dict[str, Sender]:
    """The sender for each channel, as the settings choose (``none`` turns a channel off)."""
    made: dict[str, Sender] = {}

    def build(name: str) -> Sender:
        if name in made:
            return made[name]
        sender: Sender
        if name == "file":
            sender = FileSender(Path(config["MAIL_DIR"]), config["MAIL_FROM"])
        elif name == "smtp":
            sender = SmtpSender(
                host=config["SMTP_HOST"],
                port=int(config["SMTP_PORT"]),
                security=config["SMTP_SECURITY"],
                username=config["SMTP_USERNAME"],
                password=config["SMTP_PASSWORD"],
                timeout=float(config["SMTP_TIMEOUT"]),
                from_address=config["MAIL_FROM"],
            )
        elif name == "notify":
            if not config.get("NOTIFY_API_KEY"):
                raise ValueError("Notify is chosen but PORTAL_NOTIFY_API_KEY is not set")
            sender = NotifySender(
                api_key=config["NOTIFY_API_KEY"] or "",
                base_url=config["NOTIFY_BASE_URL"],
                email_template=config["NOTIFY_EMAIL_TEMPLATE"] or "",
                sms_template=config["NOTIFY_SMS_TEMPLATE"] or "",
            )
        else:
            raise ValueError(f"unknown sender {name!r}: use file, smtp, notify or none")
        made[name] = sender
        return sender

    senders: dict[str, Sender] = {}
    for channel, key in ((EMAIL, "EMAIL_SENDER"), (SMS, "SMS_SENDER")):
        name = str(config.get(key) or "none")
        if name != "none":
            sender = build(name)
            if channel not in sender.channels:
                raise ValueError(f"{name} cannot send {channel}: check {key} and its settings")
            senders[channel] = sender
    return senders


def available_channels(config: Mapping[str, Any]) -> frozenset[str]:
    """Channels a message can go by without building any client (letters always can)."""
    from portal.models.outbox import LETTER

    found = {LETTER}
    email = str(config.get("EMAIL_SENDER") or "none")
    if email in ("file", "smtp") or (email == "notify" and config.get("NOTIFY_EMAIL_TEMPLATE")):
        found.add(EMAIL)
    sms = str(config.get("SMS_SENDER") or "none")
    if sms == "file" or (sms == "notify" and config.get("NOTIFY_SMS_TEMPLATE")):
        found.add(SMS)
    return frozenset(found)
