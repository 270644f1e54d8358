"""Reminder digests: per agency, its measures and indicators overdue or due within 30 days,
printed or sent by e-mail to the agency's contributors (through ``rightstrack.mail``'s settings).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.engine import Connection

from rightstrack.domain import PlanRole
from rightstrack.mail import SmtpSettings as SmtpSettings  # where callers have always found it
from rightstrack.mail import new_message, smtp_connection
from rightstrack.store.tracking_schema import PlanMemberRow, UserRow
from rightstrack.tracking.items import Indicator, Measure, PlanView
from rightstrack.tracking.monitoring import DUE_SOON
from rightstrack.tracking.monitoring import due_soon as _due_soon


@dataclass
class Digest:
    plan_title: str
    agency: str
    recipients: list[str]
    overdue: list[Measure | Indicator] = field(default_factory=list)
    due_soon: list[Measure | Indicator] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.overdue and not self.due_soon

    def text(self, today: date) -> str:
        lines = [f"{self.plan_title}", f"Reminders for {self.agency}, {today.isoformat()}", ""]
        for heading, items in (
            ("Overdue", self.overdue),
            (f"Due within {DUE_SOON.days} days", self.due_soon),
        ):
            if not items:
                continue
            lines.append(f"{heading}:")
            for item in items:
                lines.append(f"  - {_describe(item)}")
            lines.append("")
        if self.empty:
            lines.append("Nothing is overdue or due soon.")
        return "\n".join(lines).rstrip() + "\n"


def _describe(item: Measure | Indicator) -> str:
    if isinstance(item, Measure):
        return f"Measure {item.id}: {item.title} (target {item.target_date}, {item.status})"
    return f"Indicator {item.id}: {item.name} (due {item.due_date}, {item.status})"


def digests(connection: Connection, view: PlanView, today: date) -> list[Digest]:
    """One digest per agency of the plan, addressed to its contributors that have an e-mail address."""
    recipients: dict[int, list[str]] = {}
    for agency_id, email in connection.execute(
        select(PlanMemberRow.agency_id, UserRow.email)
        .join(UserRow, UserRow.id == PlanMemberRow.user_id)
        .where(
            PlanMemberRow.plan_id == view.id,
            PlanMemberRow.role == PlanRole.CONTRIBUTOR.value,
            PlanMemberRow.deleted_at.is_(None),
            UserRow.disabled.is_(False),
        )
    ):
        if email and agency_id is not None:
            recipients.setdefault(agency_id, []).append(email)
    result = []
    for agency_id, name in view.agencies.items():
        digest = Digest(view.title, name, sorted(recipients.get(agency_id, [])))
        measures = [
            m
            for m in view.measures.values()
            if m.lead_agency_id == agency_id or agency_id in m.supporting_agency_ids
        ]
        indicators = [i for i in view.indicators.values() if set(i.measure_ids) & {m.id for m in measures}]
        items: list[Measure | Indicator] = [*measures, *indicators]
        for item in items:
            if item.overdue(today):
                digest.overdue.append(item)
            elif _due_soon(_due(item), item.status, today):
                digest.due_soon.append(item)
        result.append(digest)
    return result


def _due(item: Measure | Indicator) -> date | None:
    return item.target_date if isinstance(item, Measure) else item.due_date


def send(digests_to_send: list[Digest], settings: SmtpSettings, today: date) -> int:
    """Sends each non-empty digest that has recipients; returns how many messages went out."""
    sent = 0
    with smtp_connection(settings) as smtp:
        for digest in digests_to_send:
            if digest.empty or not digest.recipients:
                continue
            counts = f"{len(digest.overdue)} overdue, {len(digest.due_soon)} due soon"
            message = new_message(settings, f"[RightsTrack] {digest.agency}: {counts}", digest.recipients)
            message.set_content(digest.text(today))
            smtp.send_message(message)
            sent += 1
    return sent
