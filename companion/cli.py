"""The `companion` command: run the product, manage people and knowledge, rebuild the index."""

from __future__ import annotations

import logging
import os
import signal
import sys
from pathlib import Path

import click

from companion.core.config import get_settings
from companion.registry import register_review_kinds


def _services():
    from companion.interop.xapi import install
    from companion.services import build_services

    services = build_services(get_settings())
    install(services)  # what a command does (e.g. `companion mcp` over stdio) reaches the xAPI outbox too
    return services


def _lock_data_dir(purpose: str) -> None:
    """Refuse to write an embedded data folder another process (the API) has open; released when we finish."""
    from companion.core import datalock

    try:
        path = datalock.acquire(get_settings(), purpose)
    except datalock.DataDirBusy as exc:
        raise click.ClickException(str(exc)) from exc
    click.get_current_context().call_on_close(lambda: datalock.release(path))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Log more.")
def main(verbose: bool) -> None:
    """companion: a Dutch-first AI learning companion for workplace learning.

    Settings come from COMPANION_* environment variables or a .env file (see the README).
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s")
    register_review_kinds()


@main.command()
@click.option("--demo/--no-demo", default=True, show_default=True, help="Create the demo organisation on first start.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--api-port", default=8000, show_default=True)
@click.option("--ui-port", default=8501, show_default=True)
def run(demo: bool, host: str, api_port: int, ui_port: int) -> None:
    """Start the API and the web UI together (Ctrl+C stops both).

    Waits as long as the API is starting (the first start creates the demo organisation), showing what it does;
    fails only when the API or the UI stops, saying why.
    """
    from companion import launcher

    settings = get_settings()
    status = launcher.status_file()
    env = dict(os.environ, COMPANION_DEMO="true" if demo else "false", PYTHONUNBUFFERED="1",
               COMPANION_API_URL=f"http://{host}:{api_port}", COMPANION_STARTUP_STATUS=str(status))
    # Ctrl+C, and a service manager's SIGTERM, stop both children; a shell may start us with SIGINT ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    children: list = []
    ready = False
    try:
        api = launcher.Child("API", launcher.api_command(host, api_port), env)
        children.append(api)
        ui = launcher.Child("UI", launcher.ui_command(host, ui_port), env)
        children.append(ui)
        launcher.wait_until_ready(api, f"http://{host}:{api_port}/api/health", status, others=[ui])
        ready = True
        _announce(settings, demo, host, api_port, ui_port)
        for child in children:
            child.go_live()
        stopped = launcher.wait_while_running(children)
        raise click.ClickException(launcher.why_stopped(stopped, None, starting=False))
    except launcher.Stopped as exc:
        raise click.ClickException(str(exc)) from None
    except KeyboardInterrupt:
        unfinished = " (de volgende start maakt de demo af / the next start completes the demo)"
        click.echo("\nstoppen / stopping…" + (unfinished if demo and not ready else ""))
    finally:
        for child in reversed(children):
            child.stop()
        for child in reversed(children):
            # an API still starting finishes its step before it hears a signal; its seeding resumes next time
            child.wait(grace=15 if ready else 2)
        status.unlink(missing_ok=True)


def _announce(settings, demo: bool, host: str, api_port: int, ui_port: int) -> None:
    mode = "LLM " + settings.chat_model if settings.llm_enabled else "offline reflectiegids (geen LLM ingesteld)"
    click.echo("\n  companion draait / is running")
    click.echo(f"  UI:   http://{host}:{ui_port}")
    click.echo(f"  API:  http://{host}:{api_port}   (OpenAPI: http://{host}:{api_port}/docs)")
    click.echo(f"  Modus / mode: {mode}")
    if demo:
        from companion.demo.organisation import DEMO_PEOPLE

        click.echo("  Demo-logins:")
        for username, password, name, role in DEMO_PEOPLE:
            click.echo(f"    {username:<6} / {password:<11} {name} ({role})")
    click.echo("  Stoppen / stop: Ctrl+C\n")


@main.command()
@click.option("--demo", is_flag=True, help="Also create the demo organisation if the database is empty.")
def init(demo: bool) -> None:
    """Create or upgrade the database schema (and optionally the demo data)."""
    services = _services()
    if demo:
        from companion.demo.organisation import seed_demo

        click.echo("demo organisation created" if seed_demo(services) else "database already has data")
    click.echo(f"database ready: {services.engine.url.render_as_string(hide_password=True)}")


@main.group()
def person() -> None:
    """Manage people."""


@person.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(["professional", "expert", "admin"]), required=True)
@click.option("--team", default=None, help="Team name (created if new); an expert coaches this team.")
@click.option("--name", "display_name", default="", help="Display name.")
@click.option("--org", default=None, help="Organisation name; needed when there is none or more than one.")
@click.option("--language", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def person_add(username, role, team, display_name, org, language, password_stdin) -> None:
    """Create a person (the first admin of a new organisation, for example)."""
    from sqlalchemy import select

    from companion.core.errors import CompanionError
    from companion.models import Organisation
    from companion.trust import people

    password = sys.stdin.readline().rstrip("\n") if password_stdin else click.prompt(
        "Password", hide_input=True, confirmation_prompt=True)
    services = _services()
    with services.sessions() as session:
        orgs = list(session.scalars(select(Organisation)))
        if org:
            organisation = people.get_or_create_org(session, org)
        elif len(orgs) == 1:
            organisation = orgs[0]
        else:
            raise click.UsageError("name the organisation with --org" + (" (there are several)" if orgs else ""))
        try:
            p = people.create_person(session, org_id=organisation.id, username=username, password=password,
                                     role=role, display_name=display_name, team=team, language=language)
            session.commit()
        except CompanionError as exc:
            raise click.ClickException(exc.message) from exc
        click.echo(f"created {p.username} ({p.role}) in {organisation.name}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--org", default=None, help="Organisation name (needed when there are several).")
def ingest(paths: tuple[Path, ...], org: str | None) -> None:
    """Add Markdown, text, PDF, Word (.docx) and HTML files (or folders of them) to an organisation's documents.

    A document is known by its file name, or by its path inside the folder you name; ingesting it again
    replaces the earlier version (unchanged files are skipped). A progress bar shows long runs; a file that
    cannot be read is reported and skipped, and the command then exits with status 1.
    """
    from sqlalchemy import select

    from companion.core.errors import CompanionError
    from companion.knowledge import documents
    from companion.models import Organisation

    _lock_data_dir("ingest")
    services = _services()
    with services.sessions() as session:
        orgs = list(session.scalars(select(Organisation).where(Organisation.name == org) if org else
                                    select(Organisation)))
        if len(orgs) != 1:
            raise click.UsageError("name an existing organisation with --org")
        files = [pair for p in paths for pair in documents.files_of(p)]
        if not files:
            raise click.UsageError("no .md, .txt, .pdf, .docx or .html files found")
        counts: dict[str, int] = {}
        failed: list[str] = []
        done: list[str] = []
        chunks = 0
        with click.progressbar(files, label="ingesting", show_pos=True, width=30,
                               item_show_func=lambda pair: pair[1] if pair else "") as bar:
            for n, (file, source) in enumerate(bar, 1):
                try:
                    doc, status = documents.ingest_file(session, services.index, orgs[0].id, file, source)
                except CompanionError as exc:
                    session.rollback()
                    failed.append(f"{file}: {exc.message}")
                    continue
                counts[status] = counts.get(status, 0) + 1
                chunks += len(doc.chunks)
                done.append(f"[{n}/{len(files)}] {status:<9} {source} (v{doc.version}, {len(doc.chunks)} chunks)")
        for line in done:  # after the bar, so the two never interleave
            click.echo(line)
        for line in failed:
            click.echo(f"skipped {line}", err=True)
        summary = ", ".join(f"{k} {status}" for status, k in sorted(counts.items()))
        click.echo(f"ingested {len(done)} file(s) into {orgs[0].name}: {summary or 'none'}; {chunks} chunks"
                   + (f"; {len(failed)} failed" if failed else ""))
        if failed:
            sys.exit(1)


@main.command()
def reindex() -> None:
    """Rebuild the vector index from the database (after changing the embedding model, for example)."""
    from companion.retrieval.index_sync import reindex_all

    _lock_data_dir("reindex")
    services = _services()
    with services.sessions() as session:
        counts = reindex_all(session, services.index)
    click.echo("reindexed: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))


if __name__ == "__main__":
    main()


@main.group()
def bench() -> None:
    """Measure quality, speed and memory; every benchmark prints a summary and writes JSON."""


# Each benchmark lives in companion/benchmarks/<name>.py and is registered here: bench.add_command(...)
from companion.benchmarks.concurrency import concurrency as _bench_concurrency  # noqa: E402

bench.add_command(_bench_concurrency)
from companion.benchmarks.index_scale import index_command  # noqa: E402
from companion.benchmarks.retrieval import retrieval_command  # noqa: E402

bench.add_command(retrieval_command)
bench.add_command(index_command)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="API worker processes; more than 1 needs PostgreSQL and a Chroma server.")
def serve(host: str, port: int, workers: int) -> None:
    """Serve the API alone (no web UI), for a reverse proxy in front (docs/operations.md)."""
    from companion import serving

    settings = get_settings()
    reason = serving.refuse_reason(settings, workers)
    if reason:
        raise click.ClickException(reason)
    if workers == 1:
        _lock_data_dir("api")  # the embedded store is one process's; with a Chroma server nothing is locked
    serving.serve(settings, host, port, workers)


@main.command()
@click.option("--repair", is_flag=True, help="Migrate a database behind the code and rebuild what the index lacks.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def doctor(repair: bool, as_json: bool) -> None:
    """Check the database (integrity, orphans, migrations) and the index against it; exit 1 on a problem."""
    import json

    from companion import doctor as doc

    if repair:
        _lock_data_dir("doctor --repair")
    report = doc.run(get_settings(), repair=repair)
    click.echo(json.dumps(report.as_dict(), indent=2) if as_json else doc.render(report))
    if not report.ok:
        if not repair:
            click.echo("problems found; `companion doctor --repair` rebuilds the index from the database", err=True)
        sys.exit(1)
@main.command("mcp")
def mcp_command() -> None:
    """Serve the MCP server over stdio for a desktop chat client, as the owner of COMPANION_API_KEY.

    The key is a personal API key (Mijn gegevens → API-sleutels). With the API running on the same embedded data
    folder, connect the client to the API's /mcp over HTTP instead (see the README).
    """
    key = os.environ.get("COMPANION_API_KEY", "").strip()
    if not key:
        raise click.ClickException("set COMPANION_API_KEY to a personal API key (Mijn gegevens → API-sleutels)")
    from companion.core.errors import CompanionError
    from companion.interop import mcp_server

    _lock_data_dir("mcp")  # the embedded store has one writer: this process, while the client runs it
    try:
        mcp_server.run_stdio(_services(), key)
    except CompanionError as exc:  # an unknown, revoked or expired key: said on stderr, stdout stays the protocol's
        raise click.ClickException(str(exc)) from None


from companion.benchmarks.faults import faults_command  # noqa: E402

bench.add_command(faults_command)
from companion.benchmarks.demo_year import demo_year_command  # noqa: E402

bench.add_command(demo_year_command)
from companion.benchmarks.dialogue import dialogue_command  # noqa: E402

bench.add_command(dialogue_command)
from companion.benchmarks.turns import turns_command  # noqa: E402

bench.add_command(turns_command)
from companion.benchmarks.intervisie import intervisie_command  # noqa: E402

bench.add_command(intervisie_command)
from companion.interop.xapi.command import xapi_command  # noqa: E402

main.add_command(xapi_command)
