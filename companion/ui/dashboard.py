"""Dashboard (admins): the organisation's aggregates next to the published research, charts, and a CSV export.

Only aggregates reach this page (the API suppresses groups smaller than k); a hidden cell says why it is hidden.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from companion.ui.common import api, fmt_date, me, safe_markdown, tr

HEADLINE = (("satisfied_share", "dash_satisfied"), ("applied_as_intended", "dash_applied"),
            ("continuation_52", "dash_continued"))
SUMMARY = ("active_learners_avg", "rhythm_completion", "products_approved", "review_turnaround_days", "satisfaction",
           "satisfied_share", "applied_survey", "fits_week", "applied_as_intended", "continuation_4",
           "continuation_13", "continuation_26", "continuation_52")
SHARES = {"rhythm_completion", "satisfied_share", "applied_as_intended", "continuation_4", "continuation_13",
          "continuation_26", "continuation_52"}
SECTIONS = ("professional", "organisation", "ahead")


def fmt_value(metric: str, value: float | None) -> str:
    if value is None:
        return "—"
    if metric in SHARES:
        return f"{value * 100:.0f}%"
    if metric == "products_approved":
        return f"{value:.0f}"
    return f"{value:.1f}".replace(".", ",") if st.session_state.get("language", "nl") == "nl" else f"{value:.1f}"


def why_hidden(cell: dict[str, Any], k: int) -> str:
    return tr(f"dash_status_{cell['status']}", k=k)


def cells_by(board: dict[str, Any]) -> dict[tuple[str, str, str], dict[str, Any]]:
    return {(c["metric"], c["group"], c["period"]): c for c in board["cells"]}


def headline(board: dict[str, Any], cells: dict) -> None:
    st.subheader(tr("dash_headline"))
    st.caption(tr("dash_headline_caption"))
    research = {b["metric"]: b["research"] for b in board["benchmarks"]}
    for column, (metric, key) in zip(st.columns(len(HEADLINE)), HEADLINE, strict=True):
        cell = cells[(metric, "org", "")]
        ours = cell["value"]
        delta = None if ours is None else f"{(ours - research[metric]) * 100:+.0f} %-pt"
        column.metric(tr(key), fmt_value(metric, ours), delta=delta, delta_color="normal", border=True,
                      help=tr("dash_research_help", research=f"{research[metric] * 100:.0f}%"))
        column.caption(tr("dash_research", research=f"{research[metric] * 100:.0f}%") if cell["status"] == "shown"
                       else why_hidden(cell, board["k"]))


def group_label(group: dict[str, Any]) -> str:
    kind = tr(f"dash_kind_{group['kind']}")
    return f"{group['label']} ({kind}, {tr('dash_people', n=group['size'])})"


def summary_table(board: dict[str, Any], cells: dict) -> None:
    st.subheader(tr("dash_table"))
    rows = []
    for metric in SUMMARY:
        row = {tr("dash_metric"): tr(f"dash_m_{metric}")}
        for group in board["groups"]:
            cell = cells[(metric, group["key"], "")]
            row[group["label"]] = fmt_value(metric, cell["value"]) if cell["status"] == "shown" \
                else tr(f"dash_short_{cell['status']}")
        rows.append(row)
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", height=36 * (len(rows) + 1) + 3)
    st.caption(tr("dash_legend", k=board["k"]))


def weekly_chart(board: dict[str, Any], cells: dict, metric: str, groups: list[dict[str, Any]]) -> None:
    rows = [{"week": week, "group": g["label"], "value": cells[(metric, g["key"], week)]["value"]}
            for g in groups for week in board["weeks"]
            if cells[(metric, g["key"], week)]["status"] == "shown"]
    if not rows:
        st.info(tr("dash_no_chart", k=board["k"]))
        return
    y = alt.Y("value:Q", title=tr(f"dash_m_{metric}"),
              axis=alt.Axis(format="%") if metric in SHARES else alt.Axis(format="d"))
    chart = alt.Chart(pd.DataFrame(rows)).mark_line(point=False).encode(
        x=alt.X("week:N", title=tr("dash_week"), axis=alt.Axis(labelAngle=-45, labelOverlap=True)),
        y=y, color=alt.Color("group:N", title=tr("dash_group")),
        tooltip=["week", "group", alt.Tooltip("value:Q", format=".0%" if metric in SHARES else "d")])
    st.altair_chart(chart, width="stretch")


def continuation_chart(board: dict[str, Any], cells: dict, groups: list[dict[str, Any]]) -> None:
    rows = []
    for g in groups:
        for w in (4, 13, 26, 52):
            cell = cells[(f"continuation_{w}", g["key"], "")]
            if cell["status"] == "shown":
                rows.append({"weeks": w, "group": g["label"], "value": cell["value"]})
    if not rows:
        st.info(tr("dash_no_chart", k=board["k"]))
        return
    bars = alt.Chart(pd.DataFrame(rows)).mark_bar().encode(
        x=alt.X("weeks:O", title=tr("dash_weeks_after"), axis=alt.Axis(labelAngle=0)), xOffset="group:N",
        y=alt.Y("value:Q", title=tr("dash_still_going"), axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("group:N", title=tr("dash_group")),
        tooltip=["group", "weeks", alt.Tooltip("value:Q", format=".0%")])
    research = next(b["research"] for b in board["benchmarks"] if b["metric"] == "continuation_52")
    # the dashed line is named in the legend, next to the groups: not only in a tooltip nobody finds
    rule = alt.Chart(pd.DataFrame([{"value": research, "label": tr("dash_research_line")}])).mark_rule(
        color="gray", strokeWidth=2).encode(
        y="value:Q", tooltip=["label"],
        strokeDash=alt.StrokeDash("label:N", scale=alt.Scale(range=[[6, 4]]),
                                  legend=alt.Legend(title=None, symbolType="stroke", labelLimit=300)))
    st.altair_chart((bars + rule).resolve_legend(color="independent", strokeDash="independent"), width="stretch")


def comments(board: dict[str, Any]) -> None:
    st.subheader(tr("dash_comments"))
    pooled = board.get("comments") or {}
    if pooled.get("status") != "shown":
        st.caption(tr("dash_comments_hidden", k=board["k"]) if pooled.get("status") == "too_small"
                   else tr("dash_status_no_data"))
        return
    st.caption(tr("dash_comments_caption", k=board["k"]))
    with st.container(height=220):
        for text in pooled["items"]:
            st.markdown(f"- {safe_markdown(text)}")


def shared_accounts() -> None:
    st.subheader(tr("dash_shared_accounts"))
    st.caption(tr("dash_shared_caption"))
    rows = api().request("GET", "/api/accountability-reports/shared")
    if not rows:
        st.info(tr("dash_shared_none"))
        return
    for row in rows:
        with st.expander(tr("dash_shared_item", owner=row["owner"], start=fmt_date(row["period_start"]),
                            end=fmt_date(row["period_end"]))):
            for key in SECTIONS:
                if key in row["sections"]:
                    st.markdown(f"**{tr('acct_section_' + key)}**")
                    st.markdown(safe_markdown(row["sections"][key]))


def render() -> None:
    st.set_page_config(layout="wide")  # a table with a column per group needs the room
    st.title(tr("page_dashboard"))
    if me().get("role") != "admin":
        st.error(tr("admin_only"))
        return
    board = api().request("GET", "/api/analytics/dashboard")
    cells = cells_by(board)
    st.caption(tr("dash_caption", org=board["organisation"], start=fmt_date(board["period_start"]),
                  end=fmt_date(board["period_end"]), k=board["k"]))
    headline(board, cells)
    groups = board["groups"]
    chosen = st.multiselect(tr("dash_groups"), [g["key"] for g in groups], default=["org"],
                            format_func=lambda key: group_label(next(g for g in groups if g["key"] == key)))
    selected = [g for g in groups if g["key"] in chosen] or groups[:1]
    trend, rhythm, lasting = st.tabs([tr("dash_tab_active"), tr("dash_tab_rhythm"), tr("dash_tab_continuation")])
    with trend:
        weekly_chart(board, cells, "active_learners", selected)
    with rhythm:
        weekly_chart(board, cells, "rhythm_completion", selected)
    with lasting:
        continuation_chart(board, cells, selected)
    summary_table(board, cells)
    csv = api().download("/api/analytics/export.csv")
    st.download_button(tr("dash_download"), csv, file_name=f"dashboard-{board['period_end']}.csv",
                       mime="text/csv", icon=":material/download:")
    comments(board)
    shared_accounts()


if __name__ == "__main__":
    render()
