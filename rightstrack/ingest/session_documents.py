"""Which UN documents belong to a UPR session, from what the store and the reference data know:
the Working Group's own documents for each state reviewed, and the reports (and addenda) the
store's records cite."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Connection

from rightstrack.domain import Mechanism
from rightstrack.sources.undocs import report_symbols, reviewed_in_reference, wg_document_symbols
from rightstrack.store.schema import RecommendationRow


@dataclass(frozen=True)
class SessionDocuments:
    session: int
    states: tuple[str, ...]  # ISO3 codes of the states reviewed, as far as anything says
    symbols: tuple[str, ...]
    unknown_states: tuple[str, ...] = ()  # names in the reference table no state resolves

    @property
    def empty(self) -> bool:
        return not self.symbols


def session_documents(connection: Connection, session: int) -> SessionDocuments:
    upr = (RecommendationRow.session == session) & (RecommendationRow.mechanism == Mechanism.UPR.value)
    stored_states = set(connection.scalars(select(RecommendationRow.sur_code).where(upr).distinct()))
    cited = connection.scalars(
        select(RecommendationRow.document_symbol)
        .where(upr, RecommendationRow.document_symbol.is_not(None))
        .distinct()
    )
    reference_states, unknown = reviewed_in_reference(session)
    states = sorted(stored_states | set(reference_states))
    symbols = wg_document_symbols(session, states) + report_symbols(s for s in cited if s)
    return SessionDocuments(session, tuple(states), tuple(symbols), tuple(unknown))
