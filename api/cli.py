"""The `kg` console script: the graph commands of :mod:`kg.cli` plus `serve`, which needs HTTP.

`serve` opens the knowledge base, ingests the corpus folder when the store is empty (progress on
stderr), and serves the app with waitress, a production WSGI server.
"""
from __future__ import annotations

import logging
import sys

import click

from kg.cli import cli


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64))
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, threads: int) -> None:
    """Serve the API and the web page; ingest the corpus first when the store is empty."""
    from waitress import serve as waitress_serve

    from api import create_app
    from kg.service import KnowledgeBase

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = ctx.obj
    kb = KnowledgeBase.open(settings)

    def progress(done: int, total: int, name: str) -> None:
        click.echo(f"ingesting corpus: {done}/{total} {name}", err=True)

    report = kb.ensure_corpus(progress=progress)
    if report is not None:
        for path, _, message in report.failed:
            click.echo(f"failed: {path}: {message}", err=True)
        click.echo(f"ingested {len(report.ingested)} documents from {settings.corpus_dir}", err=True)
    app = create_app(settings=settings, kb=kb)
    click.echo(f"serving on http://{host}:{port}/ (API under /api/v1, docs at /api/docs)", err=True)
    waitress_serve(app, host=host, port=port, threads=threads, ident="strategy-kg")


def main() -> None:
    cli(prog_name="kg")


if __name__ == "__main__":
    sys.exit(main())
