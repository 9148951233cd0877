"""`companion bench demo-year`: what the simulated year adds to the first start, and how fast the dashboard is.

Seeds the demo organisation (without the starter knowledge, whose embedding dominates the first start and is
measured elsewhere) into a temporary folder with the real offline embeddings, then the year, then reads the
dashboard and the CSV a few times.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

import click


def run(repeats: int = 5) -> dict:
    from companion.accountability import analytics
    from companion.core.config import Settings
    from companion.demo import organisation, year
    from companion.models import Person
    from companion.services import build_services
    from companion.trust import people

    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "no-knowledge"
        empty.mkdir()
        services = build_services(Settings(data_dir=Path(tmp) / "data", knowledge_dir=empty))
        timings: dict[str, float] = {}
        original = year.seed_demo_year

        def timed(svc):
            started = time.perf_counter()
            result = original(svc)
            timings["year_s"] = round(time.perf_counter() - started, 3)
            return result

        year.seed_demo_year = timed
        started = time.perf_counter()
        try:
            organisation.seed_demo(services)
        finally:
            year.seed_demo_year = original
        timings["demo_with_year_s"] = round(time.perf_counter() - started, 3)
        with services.sessions() as session:
            admin = people.load_principal(session, session.query(Person).filter_by(username="admin").one().id)
            runs, board = [], {}
            for _ in range(repeats):
                t = time.perf_counter()
                board = analytics.dashboard(session, admin, services.clock.now())
                analytics.to_csv(board)
                runs.append(time.perf_counter() - t)
            professionals = session.query(Person).filter_by(role="professional").count()
        services.engine.dispose()
    shown = sum(1 for c in board["cells"] if c["status"] == "shown")
    return {**timings, "dashboard_and_csv_ms_median": round(statistics.median(runs) * 1000, 1),
            "professionals": professionals, "cells": len(board["cells"]), "cells_shown": shown,
            "cells_suppressed": sum(1 for c in board["cells"] if c["status"] in ("too_small", "differencing"))}


@click.command("demo-year")
@click.option("--repeats", default=5, show_default=True, help="How often the dashboard is computed.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write the JSON here.")
def demo_year_command(repeats: int, out: Path | None) -> None:
    """Seeding time of the simulated demo year, and the dashboard's response time over it."""
    report = run(repeats)
    click.echo(json.dumps(report, indent=2))
    if out:
        out.write_text(json.dumps(report, indent=2), encoding="utf-8")
        click.echo(f"wrote {out}")
