"""The `kg` command line: ingest, ask, align, check and export from a terminal.

Each command opens the knowledge base from the settings (``KG_DATA_DIR`` and friends, read once
by :meth:`kg.settings.Settings.from_env`), calls one facade method and prints the answer. Library
errors become one clear line on stderr and exit status 1 (2 for usage errors, from click).
The `serve` command is added by `api.cli`, the only layer that knows HTTP.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ingest.errors import IngestError
from kg.errors import KgError
from kg.settings import SETTINGS, Settings


def _settings(ctx: click.Context) -> Settings:
    return ctx.obj if isinstance(ctx.obj, Settings) else Settings.from_env()


def _open(ctx: click.Context):
    from kg.service import KnowledgeBase

    return KnowledgeBase.open(_settings(ctx))


def fail(message: str) -> None:
    """Print one line on stderr and exit 1."""
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


class Guarded(click.Group):
    """A group whose commands turn library errors into one line and a non-zero exit."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (IngestError, KgError) as error:
            fail(error.message)
        except OSError as error:
            fail(f"{error.strerror or error}: {getattr(error, 'filename', '') or ''}".rstrip(": "))


_SETTINGS_HELP = "\n".join(f"  {s.env:<16} {s.help} (default: {s.default})" for s in SETTINGS)


# click's \b marker keeps it from re-flowing the table into one paragraph
@click.group(cls=Guarded, epilog=f"\b\nEnvironment:\n{_SETTINGS_HELP}")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Store location (overrides KG_DATA_DIR).")
@click.pass_context
def cli(ctx: click.Context, data_dir: Path | None) -> None:
    """strategy-kg: a knowledge graph of strategy documents, with evidence."""
    ctx.obj = Settings.from_env(data_dir=data_dir)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--keep-going", is_flag=True, help="Store the files that could be read even if others failed.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], keep_going: bool) -> None:
    """Ingest files or folders (txt, md, html, pdf, docx) into the store."""
    from ingest.errors import MissingPath

    for path in paths:
        if not Path(path).exists():
            raise MissingPath(f"'{path}' does not exist; give files or folders of .txt, .md, .html, .pdf or .docx")
    kb = _open(ctx)
    bar = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=0, unit="file", file=sys.stderr)

    def progress(done: int, total: int, name: str) -> None:
        if bar is not None:
            bar.total = total
            bar.set_postfix_str(name[:40])
            bar.update(1)

    try:
        report = kb.ingest_paths(paths, progress=progress, keep_going=keep_going)
    finally:
        if bar is not None:
            bar.close()
        kb.close()
    for path, code, message in report.failed:
        click.echo(f"failed: {path}: {message}", err=True)
    for record in report.ingested:
        counts = ", ".join(f"{n} {kind}" for kind, n in record["counts"].items()) or "nothing found"
        click.echo(f"ingested {record['source']} as {record['id']}: {counts}")
    for record in report.unchanged:
        click.echo(f"unchanged {record['source']} ({record['id']}): already stored")
    totals = report.counts()
    if totals:
        click.echo("total: " + ", ".join(f"{n} {kind}" for kind, n in totals.items()))
    if report.failed:
        hint = "" if keep_going else "; nothing was stored (use --keep-going to store the others)"
        fail(f"{len(report.failed)} of {len(report.failed) + len(report.ingested) + len(report.unchanged)} "
             f"files could not be ingested{hint}")
    if not report.ingested and not report.unchanged:
        fail("no supported files found (.txt, .md, .html, .pdf, .docx)")


@cli.command()
@click.option("--serves", "text", required=True, help="The priority to ask about, e.g. 'mental health'.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 500))
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON instead of text.")
@click.pass_context
def initiatives(ctx: click.Context, text: str, limit: int, as_json: bool) -> None:
    """Which initiatives serve a priority, across every stored plan, with quotes."""
    kb = _open(ctx)
    answer = kb.initiatives_serving(text, limit)
    if as_json:
        click.echo(json.dumps(answer, indent=1))
        return
    click.echo(f"Priorities matching '{text}':")
    for row in answer["priorities"][:5]:
        click.echo(f"  {row['score']:.2f}  {row['priority']['label']}  [{row['priority']['document']}]")
    click.echo("Initiatives:")
    for row in answer["items"]:
        entity = row["initiative"]
        evidence = entity["evidence"][0] if entity["evidence"] else None
        where = f"{evidence['document']}:{evidence['line_start']}" if evidence else "?"
        click.echo(f"  {row['score']:.2f}  {entity['label']}  ({row.get('via', 'direct')}, {where})")
        if evidence:
            click.echo(f"        “{evidence['quote'][:160]}”")


def _print_alignment(report: dict) -> None:
    coverage = report["coverage"]
    click.echo(f"{report['source']} → {report['target']}: source aligned {coverage['source_aligned']:.0%}, "
               f"target covered {coverage['target_covered']:.0%}")
    for pair in report["pairs"]:
        if pair["verdict"] != "none":
            click.echo(f"  {pair['verdict']:<8} {pair['score']:.2f}  {pair['source_priority']['label'][:50]}"
                       f"  ↔  {pair['target_priority']['label'][:50]}")
    if report["unaligned_source"]:
        click.echo("Unaligned source priorities:")
        for entity in report["unaligned_source"]:
            click.echo(f"  - {entity['label']}")
    if report["uncovered_target"]:
        click.echo("Target priorities left uncovered:")
        for entity in report["uncovered_target"]:
            click.echo(f"  - {entity['label']}")


@cli.command()
@click.argument("source")
@click.argument("target")
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON instead of text.")
@click.pass_context
def align(ctx: click.Context, source: str, target: str, as_json: bool) -> None:
    """Alignment report between two stored documents (ids or file names)."""
    report = _open(ctx).alignment(source, target)
    click.echo(json.dumps(report, indent=1)) if as_json else _print_alignment(report)


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--against", "target", required=True, help="The stored document to check against.")
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON instead of text.")
@click.pass_context
def check(ctx: click.Context, file: Path, target: str, as_json: bool) -> None:
    """Check a draft against a stored strategy without storing the draft."""
    report = _open(ctx).check_draft(file.name, file.read_bytes(), target)
    click.echo(json.dumps(report, indent=1)) if as_json else _print_alignment(report)


@cli.command()
@click.option("--format", "fmt", required=True,
              type=click.Choice(["graphml", "gexf", "turtle", "jsonld", "ntriples", "csv", "cytoscape"]))
@click.option("--type", "type_", default=None, help="Only entities of this type.")
@click.option("--document", default=None, help="Only what this document states (id, file name or sha256).")
@click.option("--organisation", default=None, help="Only what this organisation publishes, owns or leads.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: standard output).")
@click.pass_context
def export(ctx: click.Context, fmt: str, type_: str | None, document: str | None, organisation: str | None,
           output: Path | None) -> None:
    """Export a graph view as GraphML, GEXF, RDF, CSV or Cytoscape JSON."""
    result = _open(ctx).export(fmt, type=type_, document=document, organisation=organisation)
    if output is None:
        sys.stdout.buffer.write(result.data)
    else:
        output.write_bytes(result.data)
        click.echo(f"wrote {output} ({len(result.data)} bytes, {result.media_type})", err=True)


def _examples(ctx: click.Context, labels: tuple[Path, ...]):
    """Labelled documents with their features, reporting progress on stderr."""
    from ingest.embeddings import Embedder
    from ingest.model.examples import load_examples
    from ingest.model.labels import label_files

    settings = _settings(ctx)
    folders = list(labels) or [settings.corpus_dir]
    if not label_files(folders):
        fail(f"no *.labels.jsonl files under {', '.join(map(str, folders))}; see corpus/labels/README.md")
    embedder = Embedder(Path(settings.data_dir) / "embeddings")

    def progress(done: int, total: int, name: str) -> None:
        click.echo(f"reading labelled documents: {done}/{total} {name}", err=True)

    try:
        return load_examples(folders, embedder.encode, progress=progress)
    except ValueError as error:
        fail(f"{error}; fix the labels (python -m ingest.model.labels check FOLDER)")


@cli.command()
@click.option("--labels", "labels", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Label files or folders of them (default: every *.labels.jsonl under KG_CORPUS).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the trained reader (default: the one the package ships).")
@click.pass_context
def train(ctx: click.Context, labels: tuple[Path, ...], output: Path | None) -> None:
    """Train the learned reader on labelled documents (see corpus/labels/README.md)."""
    from ingest.model import reader as learned

    examples = _examples(ctx, labels)
    click.echo(f"training on {len(examples)} documents", err=True)
    model = learned.train(examples)
    version = learned.save(model, output or learned.SHIPPED)
    click.echo(f"trained reader {version} on {len(examples)} documents -> {output or learned.SHIPPED}")


@cli.command()
@click.option("--labels", "labels", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Label files or folders of them (default: every *.labels.jsonl under KG_CORPUS).")
@click.option("--gold", "gold", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Evaluator gold (JSON) to score documents against instead of their labels.")
@click.option("--only", multiple=True, help="Score only these documents (file names); train on all others.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.pass_context
def evaluate(ctx: click.Context, labels: tuple[Path, ...], gold: tuple[Path, ...], only: tuple[str, ...],
             as_json: bool) -> None:
    """Leave-one-document-out: train on all labelled documents but one, score the one left out, repeat."""
    from ingest.model.evaluate import leave_one_out, read_gold

    examples = _examples(ctx, labels)
    if only and not set(only) & {e.name for e in examples}:
        fail(f"none of {', '.join(only)} is a labelled document")

    def progress(done: int, total: int, name: str) -> None:
        click.echo(f"left out {done}/{total}: {name}", err=True)

    result = leave_one_out(examples, read_gold(list(gold)), set(only) or None, progress=progress)
    totals = result.totals().ratios()
    if as_json:
        click.echo(json.dumps({"documents": {n: {"ratios": t.ratios(), "counts": t.counts}
                                             for n, t in result.per_document.items()},
                               "scored_on": result.gold_source, "totals": totals}, indent=2))
        return
    click.echo(result.table())
    click.echo("TOTALS " + " ".join(f"{k}={v}" for k, v in totals.items() if v is not None))
