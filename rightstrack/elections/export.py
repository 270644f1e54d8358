"""The elections as plain JSON-ready dictionaries, one shape for the CLI's ``--json`` and the API."""

from __future__ import annotations

from typing import Any

from rightstrack.domain import FactSource
from rightstrack.elections.competitiveness import Contest, closed_shares, yearly
from rightstrack.elections.council_upr import MembershipSplit
from rightstrack.elections.pledges import PledgeStatus
from rightstrack.elections.views import CandidateView, YearView
from rightstrack.reference.hrc import ElectionData
from rightstrack.reference.membership import Membership


def source_json(source: FactSource) -> dict[str, Any]:
    return {
        "id": source.id,
        "publisher": source.publisher,
        "kind": source.kind,
        "published": source.published.isoformat(),
        "title": source.title,
        "url": source.url,
    }


def contest_json(contest: Contest) -> dict[str, Any]:
    election = contest.election
    return {
        "year": contest.year,
        "date": election.held.isoformat(),
        "kind": election.kind.value,
        "group": contest.group.value,
        "seats": contest.seats,
        "candidates": len(contest.standing),
        "candidates_complete": election.candidates_complete,
        "slate": contest.status,
        "surplus": contest.surplus,
        "margin": contest.margin,
        "valid_ballots": election.valid_ballots,
        "abstentions": election.abstentions,
        "required_majority": election.required_majority,
        "rounds": election.rounds,
        "sources": list(election.sources),
        "note": election.note,
        "results": [
            {
                "state": c.state,
                "votes": list(c.votes),
                "outcome": c.outcome.value,
                "term_start": c.term_start.isoformat() if c.term_start else None,
                "term_end": c.term_end.isoformat() if c.term_end else None,
                "sources": list(c.sources),
                "note": c.note,
            }
            for c in (*contest.standing, *contest.withdrawn)
        ],
    }


def overview_json(data: ElectionData) -> dict[str, Any]:
    """Every regular election's totals, and each group's closed, competitive and unknown slates."""
    return {
        "years": [vars(item) for item in yearly(data)],
        "closed_slates": [
            {
                "group": share.group.value,
                "closed": share.closed,
                "competitive": share.competitive,
                "unknown": share.unknown,
                "closed_share": share.closed_share,
            }
            for share in closed_shares(data)
        ],
    }


def split_json(side: MembershipSplit) -> dict[str, Any]:
    return {
        "label": side.label,
        "recommendations": side.recommendations,
        "accepted": side.accepted,
        "noted": side.noted,
        "accepted_share": side.accepted_share,
    }


def year_json(view: YearView) -> dict[str, Any]:
    return {
        "year": view.year,
        "date": view.held.isoformat(),
        "seats": view.seats,
        "groups": [contest_json(c) for c in view.contests],
        "sources": [source_json(s) for s in view.sources],
    }


def membership_json(membership: Membership) -> dict[str, Any]:
    return {
        "state": membership.state,
        "group": membership.group.value,
        "start": membership.start.isoformat(),
        "end": membership.end.isoformat(),
        "term_end": membership.term_end.isoformat(),
        "elected_in": membership.elected_in,
        "kind": membership.kind.value,
        "left_early": membership.left_early.note if membership.left_early else None,
    }


def pledge_status_json(status: PledgeStatus) -> dict[str, Any]:
    pledge = status.pledge
    return {
        "state": status.state,
        "group": status.group,
        "flag": status.flag,
        "days_before": status.days_before,
        "pledge": None
        if pledge is None
        else {
            "id": pledge.id,
            "symbol": pledge.symbol,
            "published_on": pledge.published_on.isoformat() if pledge.published_on else None,
            "url": pledge.url,
            "note": pledge.note,
            "version": pledge.version,
        },
        "pledging_events": [
            {"date": e.held_on.isoformat(), "place": e.place, "took_part": e.took_part} for e in status.events
        ],
    }


def candidate_json(view: CandidateView) -> dict[str, Any]:
    record = view.record
    review = record.review
    return {
        "state": view.candidacy.state,
        "name": view.name,
        "year": view.candidacy.year,
        "group": view.candidacy.group.value,
        "outcome": view.candidacy.outcome.value,
        "votes": list(view.candidacy.votes),
        "sources": [source_json(s) for s in view.sources],
        "upr": {
            "review": None
            if review is None
            else {
                "session": review.session,
                "cycle": review.cycle,
                "year": review.year,
                "month": review.month,
            },
            "data_ends": record.upr_data_ends,
            "data_incomplete": record.data_incomplete,
            "received": record.received,
            "accepted": record.accepted,
            "noted": record.noted,
            "accepted_share": record.accepted_share,
            "cooperation": [
                {"id": item.id, "text": item.text, "response": item.response} for item in record.cooperation
            ],
            "cooperation_accepted": record.cooperation_accepted,
            "voluntary_pledges": [{"id": item.id, "text": item.text} for item in record.pledges],
        },
        "past_terms": [membership_json(m) for m in view.past],
        "consecutive_terms": view.consecutive_terms,
        "pledges_document": pledge_status_json(view.pledge) if view.pledge else None,
    }
