"""Shared ownership made visible: giving account (verantwoording) of a period from the actual data, reviewed
like any suggestion and shared per section; the pulse survey; and the organisation's dashboard of aggregates,
where groups smaller than five are never shown.
"""

from companion.accountability import analytics, report_facts, report_wording, reports, suppression, surveys

__all__ = ["analytics", "report_facts", "report_wording", "reports", "suppression", "surveys"]
