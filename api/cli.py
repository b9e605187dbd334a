"""The `kg` console script: the commands of :mod:`kg.cli` plus `serve`, the one that needs HTTP.

`kg serve [--host H] [--port P] [--threads N]` opens the knowledge base from the settings that
:mod:`kg.cli` resolved, ingests the corpus folder when the store is empty (progress and failures
on stderr), then serves :func:`api.create_app` with waitress, a production WSGI server. Library
errors end the command with one line on stderr and a non-zero exit, through :mod:`kg.cli`'s group.
Must not read the environment itself.
"""
from __future__ import annotations

import logging
import sys

import click

from kg.cli import cli
from kg.settings import Settings


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for every interface).")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64),
              help="Worker threads answering requests.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, threads: int) -> None:
    """Serve the API, the SPARQL endpoint and the web page; ingest the corpus first if the store is empty."""
    from waitress import serve as waitress_serve

    from api import create_app
    from kg.service import KnowledgeBase

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = ctx.obj if isinstance(ctx.obj, Settings) else Settings.from_env()
    kb = KnowledgeBase.open(settings)
    try:
        _ensure_corpus(kb, settings)
        app = create_app(settings=settings, kb=kb)
        if not settings.api_token:
            click.echo("writing through the API is disabled: set KG_API_TOKEN to enable it", err=True)
        click.echo(f"serving http://{host}:{port}/ (API under /api/v1, docs at /api/docs, SPARQL at /sparql)",
                   err=True)
        waitress_serve(app, host=host, port=port, threads=threads, ident="strategy-kg")
    finally:
        kb.close()


def _ensure_corpus(kb, settings: Settings) -> None:
    """Ingest the corpus folder into an empty store, reporting each file on stderr."""

    def progress(done: int, total: int, name: str) -> None:
        click.echo(f"ingesting {settings.corpus_dir}: {done}/{total} {name}", err=True)

    report = kb.ensure_corpus(progress=progress)
    if report is None:
        return
    for path, _code, message in report.failed:
        click.echo(f"failed: {path}: {message}", err=True)
    if report.failed and not report.ingested:
        click.echo("nothing was stored: fix or remove the files above, or run `kg ingest --keep-going`",
                   err=True)
        return
    totals = ", ".join(f"{n} {kind}" for kind, n in report.counts().items()) or "nothing found"
    click.echo(f"ingested {len(report.ingested)} documents from {settings.corpus_dir}: {totals}", err=True)


def main() -> None:
    """Entry point of the `kg` console script."""
    cli(prog_name="kg")


if __name__ == "__main__":
    sys.exit(main())
