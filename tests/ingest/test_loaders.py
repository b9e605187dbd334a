"""Tests of the document loaders (ingest/loaders): every format in, numbered lines out.

The same strategy (tests/fixtures/variants/strategy.txt) is built as .md, .html, .pdf and .docx
by ``tests/variants.py`` once per run and each version is loaded; small documents built by hand
check each format's rules; the error paths check the exception class and its message; a
property test feeds arbitrary bytes. Fast, no models: ``.venv/bin/python -m pytest
tests/ingest/test_loaders.py -q``.
"""
from __future__ import annotations

import codecs
import hashlib
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import loaders
from ingest.errors import (
    EmptyDocument, IngestError, MissingPath, TooLarge, UnreadableDocument, UnsupportedFormat,
)
from ingest.loaders import SUPPORTED_EXTENSIONS, iter_paths, load_bytes, load_path
from ingest.records import SourceText

VARIANTS = Path(__file__).resolve().parent.parent / "fixtures" / "variants"
STRATEGY = VARIANTS / "strategy.txt"
TITLE = "Riverside Health and Wellbeing Strategy 2025-2030"
ALL_FORMATS = (".txt", ".md", ".html", ".pdf", ".docx")
DERIVED = (".html", ".pdf", ".docx")
# \x85 and friends are C1 controls; a derived line may hold TAB and nothing else below U+00A0.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_LIST_PREFIX = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+")


@pytest.fixture(scope="module")
def variants(tmp_path_factory) -> dict[str, Path]:
    from variants import build_variants

    built = build_variants(STRATEGY, tmp_path_factory.mktemp("variants"))
    return {".txt": STRATEGY, **built}


@pytest.fixture(scope="module")
def loaded(variants) -> dict[str, SourceText]:
    return {extension: load_path(path) for extension, path in variants.items()}


def words(line: str) -> str:
    """A line as its lower-case words, list marker and punctuation dropped."""
    return " ".join(re.findall(r"[a-z0-9]+", _LIST_PREFIX.sub("", line).lower()))


def docx_bytes(build) -> bytes:
    import docx

    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------- every format


def test_variants_cover_every_supported_format(variants):
    assert {Path(p).suffix for p in variants.values()} == {".txt", ".md", ".html", ".pdf", ".docx"}
    assert set(SUPPORTED_EXTENSIONS) >= set(ALL_FORMATS)


@pytest.mark.parametrize("extension", ALL_FORMATS)
def test_every_format_loads(variants, loaded, extension):
    source = loaded[extension]
    data = variants[extension].read_bytes()
    assert isinstance(source, SourceText)
    assert source.source == variants[extension].name
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert source.media_type == loaders.media_type_for(variants[extension].name)
    assert sum(1 for line in source.lines if line.strip()) >= 40


@pytest.mark.parametrize("extension", ALL_FORMATS)
def test_load_bytes_gives_what_load_path_gives(variants, loaded, extension):
    path = variants[extension]
    assert load_bytes(path.name, path.read_bytes()) == loaded[extension]


@pytest.mark.parametrize("extension", (".txt", ".md"))
def test_exact_formats_keep_the_files_own_lines(variants, loaded, extension):
    # Evidence line numbers are checked against the file as a user opens it.
    assert loaded[extension].lines == tuple(variants[extension].read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("extension", (".html", ".docx"))
def test_derived_formats_have_every_line_of_the_text(loaded, extension):
    expected = {words(line) for line in STRATEGY.read_text(encoding="utf-8").splitlines() if line.strip()}
    found = {words(line) for line in loaded[extension].lines}
    assert expected - found == set()


def test_pdf_has_every_line_of_the_text_in_order(loaded):
    # PDF lines wrap where the page ends, so look for each line's words in the running text.
    running = " " + " ".join(words(line) for line in loaded[".pdf"].lines if line.strip()) + " "
    position = 0
    for line in STRATEGY.read_text(encoding="utf-8").splitlines():
        if line.strip():
            found = running.find(f" {words(line)} ", position)
            assert found >= 0, f"not in the PDF text after position {position}: {line!r}"
            position = found


@pytest.mark.parametrize("extension", DERIVED)
def test_derived_lines_are_clean(loaded, extension):
    lines = loaded[extension].lines
    assert all(line == line.rstrip() for line in lines)
    assert not any(_CONTROL.search(line) for line in lines)
    assert lines[0].strip() and lines[-1].strip()
    assert tuple(loaded[extension].text.splitlines()) == lines


@pytest.mark.parametrize("extension", (".md", ".html", ".pdf", ".docx"))
def test_formats_declare_the_title(loaded, extension):
    assert loaded[extension].title == TITLE


def test_plain_text_declares_no_title(loaded):
    assert loaded[".txt"].title is None


@pytest.mark.parametrize("extension", (".html", ".docx"))
def test_headings_stand_alone_after_a_blank_line(loaded, extension):
    lines = loaded[extension].lines
    for heading in ("Our vision", "Our priorities", "What we will do", "Enablers", "Key risks"):
        index = lines.index(heading)
        assert lines[index - 1] == ""


@pytest.mark.parametrize("extension", (".md", ".html", ".docx"))
def test_lists_keep_their_markers(loaded, extension):
    lines = loaded[extension].lines
    assert "- Offer a free health check to every adult aged 40 to 74" in lines
    assert "- Sharing data between organisations may take longer than planned" in lines
    ordered = [line for line in lines if re.match(r"^\d\. ", line)]
    assert ordered[:3] == ["1. Prevention and healthy lives", "2. Mental wellbeing for all ages",
                           "3. Joined-up care closer to home"]


def test_html_drops_navigation_script_and_style(loaded):
    text = loaded[".html"].text
    assert "All plans" not in text and "analytics" not in text and "font-family" not in text


# ---------------------------------------------------------------------------- plain text and markdown


@pytest.mark.parametrize("data, expected", [
    (b"Our vision\r\n\r\nHealthier lives\r\n", ("Our vision", "", "Healthier lives")),
    (codecs.BOM_UTF8 + b"Caf\xc3\xa9 plan\nline two", ("Café plan", "line two")),
    (b"Smoking \x96 a \x93risk\x94\n", ("Smoking – a “risk”",)),
    (b"undefined \x81 byte \x85 stays on one line", ("undefined \x81 byte … stays on one line",)),
    ("UTF-16 plan\nline two".encode("utf-16"), ("UTF-16 plan", "line two")),
    (b"  indented  \t\nkept   ", ("  indented  \t", "kept   ")),
])
def test_text_decoding_keeps_lines_exact(data, expected):
    assert load_bytes("plan.txt", data).lines == expected


def test_text_with_nul_characters_is_refused():
    with pytest.raises(UnreadableDocument, match="NUL"):
        load_bytes("plan.txt", "no byte-order mark".encode("utf-16-le"))


@pytest.mark.parametrize("lines, title", [
    (["---", "title: 'Our plan'", "---", "# Heading"], "Our plan"),
    (["```", "# a shell comment", "```", "Our plan", "========"], "Our plan"),
    (["Intro", "", "## Section", "# The plan #"], "The plan"),
    (["No heading at all"], None),
])
def test_markdown_title(lines, title):
    source = load_bytes("plan.md", "\n".join(lines).encode())
    assert source.title == title
    assert list(source.lines) == lines


# ---------------------------------------------------------------------------- html


def test_html_blocks_lists_tables_and_breaks():
    page = b"""<html><head><title>  Plan \n title </title></head><body>
    <h2>Our <em>aims</em></h2><p>First <b>work</b>force line<br>second line</p>
    <ul><li>one</li><li><p>two</p><ul><li>two a</li></ul></li></ul>
    <ol start="4"><li>four</li><li value="9">nine</li></ol>
    <ol type="a"><li>alpha</li></ol>
    <table><thead><tr><th>Measure</th><th>Target</th></tr></thead>
    <tbody><tr><td><p>Wait</p><p>times</p></td><td>4 <b>weeks</b></td></tr>
    <tr><td></td><td></td></tr></tbody></table>
    <div>loose div text<p>inner</p></div><dl><dt>Term</dt><dd>Meaning</dd></dl>
    <pre>  kept
  as is</pre><!-- a comment --><p>bell\x07 and \x1bescape</p></body></html>"""
    source = load_bytes("page.html", page)
    assert source.title == "Plan title"
    assert source.lines == (
        "Our aims", "",
        "First workforce line", "second line", "",
        "- one", "- two", "  - two a", "",
        "4. four", "9. nine", "",
        "a. alpha", "",
        "Measure\tTarget", "Wait times\t4 weeks", "",
        "loose div text", "", "inner", "",
        "Term", "Meaning", "",
        "  kept", "  as is", "",
        "bell and escape",
    )


def test_html_title_falls_back_to_the_first_h1():
    source = load_bytes("page.htm", b"<body><p>x</p><h1>The <i>real</i> title</h1></body>")
    assert source.title == "The real title"
    assert source.lines == ("x", "", "The real title")


def test_html_with_only_markup_is_empty():
    with pytest.raises(EmptyDocument):
        load_bytes("page.html", b"<html><head><title>T</title></head><body><script>x()</script></body>")


# ---------------------------------------------------------------------------- docx


def test_docx_keeps_tables_in_body_order():
    def build(document):
        document.core_properties.title = "Word Document"  # a placeholder, not a title
        document.add_heading("Delivery plan", level=1)
        document.add_paragraph("Before the table\twith a tab")
        table = document.add_table(rows=2, cols=3)
        for column, text in enumerate(("Action", "Lead", "When")):
            table.cell(0, column).text = text
        merged = table.cell(1, 0).merge(table.cell(1, 1))
        merged.text = "Open hubs"
        table.cell(1, 2).text = "2026\nspring"
        paragraph = document.add_paragraph("After the table")
        paragraph.add_run().add_break()
        paragraph.add_run("on a new line")
        document.add_paragraph("First", style="List Number")
        document.add_paragraph("Second", style="List Number")
        document.add_paragraph("A point", style="List Bullet")

    source = load_bytes("plan.docx", docx_bytes(build))
    assert source.title == "Delivery plan"
    assert source.lines == (
        "Delivery plan", "",
        "Before the table with a tab", "",
        "Action\tLead\tWhen", "Open hubs\t2026 spring", "",
        "After the table", "on a new line", "",
        "1. First", "2. Second", "- A point",
    )


def test_docx_core_title_wins():
    def build(document):
        document.core_properties.title = "Declared title"
        document.add_heading("A heading", level=1)

    assert load_bytes("plan.docx", docx_bytes(build)).title == "Declared title"


def test_docx_text_is_what_word_shows():
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def build(document):
        paragraph = document.add_paragraph("Kept ")
        # a tracked deletion, a tracked insertion, a field code and a non-breaking hyphen
        w = nsdecls("w")
        paragraph._p.append(parse_xml(
            f'<w:del {w} w:id="1" w:author="a"><w:r><w:delText>deleted </w:delText></w:r></w:del>'))
        paragraph._p.append(parse_xml(
            f'<w:ins {w} w:id="2" w:author="a"><w:r><w:t xml:space="preserve">inserted </w:t></w:r></w:ins>'))
        paragraph._p.append(parse_xml(
            f'<w:r {w}><w:instrText>PAGEREF _Toc1 \\h</w:instrText></w:r>'))
        paragraph._p.append(parse_xml(f'<w:r {w}><w:t>long</w:t><w:noBreakHyphen/><w:t>term</w:t></w:r>'))

    assert load_bytes("plan.docx", docx_bytes(build)).lines == ("Kept inserted long-term",)


# ---------------------------------------------------------------------------- pdf


def pdf_bytes(pages: list[str], title: str | None = None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    if title:
        pdf.set_title(title)
    for text in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=12)
        pdf.cell(0, 10, text)
    return bytes(pdf.output())


def test_pdf_pages_are_parted_by_a_blank_line_and_placeholder_titles_dropped():
    placeholder = "Microsoft Word - plan v3.docx"
    source = load_bytes("plan.pdf", pdf_bytes(["Page one", "Page two"], title=placeholder))
    assert source.lines == ("Page one", "", "Page two")
    assert source.title is None


def test_pdf_needing_a_password_is_unreadable():
    from pypdf import PdfReader, PdfWriter

    def encrypted(password: str) -> bytes:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(["Sealed text"]))))
        writer.encrypt(user_password=password, owner_password="owner", algorithm="RC4-128")
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()

    assert load_bytes("open.pdf", encrypted("")).lines == ("Sealed text",)
    with pytest.raises(UnreadableDocument, match="password"):
        load_bytes("sealed.pdf", encrypted("secret"))


def test_pdf_without_text_asks_for_ocr():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)  # a drawing, as a scanned page is an image: no text to extract
    with pytest.raises(EmptyDocument, match="OCR"):
        load_bytes("scan.pdf", bytes(pdf.output()))


# ---------------------------------------------------------------------------- errors


def test_missing_path(tmp_path):
    with pytest.raises(MissingPath, match="does not exist") as caught:
        load_path(tmp_path / "nowhere.txt")
    assert caught.value.code == "missing_path" and "nowhere.txt" in caught.value.message


def test_directory_is_not_a_document(tmp_path):
    with pytest.raises(MissingPath, match="is a folder"):
        load_path(tmp_path)


@pytest.mark.parametrize("name, data", [
    ("empty.txt", b""), ("blank.txt", b"  \n\t\r\n  "), ("blank.md", b"\n\n   \n"),
    ("empty.pdf", b""), ("empty.docx", b""), ("blank.html", b"   "),
])
def test_empty_and_blank_files(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(EmptyDocument) as caught:
        load_path(path)
    assert name in caught.value.message and caught.value.code == "empty_document"


def test_unicode_blank_text_is_empty():
    with pytest.raises(EmptyDocument):
        load_bytes("blank.txt", "\u00a0\u2003\n\u3000".encode())


def test_unsupported_extension_says_what_is_supported(tmp_path):
    path = tmp_path / "plan.xyz"
    path.write_text("Our vision")
    with pytest.raises(UnsupportedFormat) as caught:
        load_path(path)
    message = caught.value.message
    assert "plan.xyz" in message and "'.xyz'" in message
    assert all(extension in message for extension in ALL_FORMATS)


@pytest.mark.parametrize("name, data", [
    ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without a trailer"),
    ("broken.pdf", b"this was never a PDF"),
    ("broken.docx", b"PK\x03\x04 truncated zip"),
    ("broken.docx", b"a Word 97 .doc renamed, perhaps"),
])
def test_corrupt_files_are_unreadable(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(UnreadableDocument) as caught:
        load_path(path)
    assert name in caught.value.message and "damaged" in caught.value.message
    assert caught.value.__cause__ is not None


def test_docx_without_a_document_part_is_unreadable():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a Word package")
    with pytest.raises(UnreadableDocument) as caught:
        load_bytes("plan.docx", buffer.getvalue())
    assert caught.value.__cause__ is not None


def test_too_large(tmp_path, monkeypatch):
    monkeypatch.setattr(loaders, "MAX_BYTES", 10)
    path = tmp_path / "big.txt"
    path.write_text("more than ten bytes of text")
    with pytest.raises(TooLarge, match="Split the document"):
        load_path(path)
    with pytest.raises(TooLarge):
        load_bytes("big.txt", b"more than ten bytes")
    assert load_bytes("small.txt", b"ten bytes.").lines == ("ten bytes.",)


def test_media_type_decides_only_without_a_known_extension():
    page = b"<p>Hello</p>"
    assert load_bytes("upload", page, "text/html; charset=utf-8").media_type == "text/html"
    assert load_bytes("upload.bin", page, "text/html").lines == ("Hello",)
    # the extension wins over a generic or wrong media type
    assert load_bytes("notes.txt", page, "text/html").lines == ("<p>Hello</p>",)
    with pytest.raises(UnsupportedFormat, match="application/octet-stream"):
        load_bytes("upload", page, "application/octet-stream")


def test_loading_text_imports_no_other_parser():
    # rdflib-style registry: a format's module is imported only when a file of it is read.
    code = ("import sys; from ingest.loaders import load_bytes; load_bytes('a.txt', b'x'); "
            "print(sorted(m for m in ('pypdf', 'docx', 'bs4', 'spacy') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.stdout.strip() == "[]"


# ---------------------------------------------------------------------------- iter_paths


def test_iter_paths_expands_folders_and_keeps_named_files(tmp_path):
    folder = tmp_path / "corpus"
    for name in ("b.txt", "a.md", "sub/c.PDF", "sub/d.docx", "e.html", "README.md", "readme.txt",
                 ".hidden.txt", ".git/x.txt", "notes.xyz", "~$d.docx"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x")
    named = tmp_path / "draft.xyz"
    named.write_text("x")
    found = iter_paths([folder, named, folder / "README.md"])
    assert found == [folder / "a.md", folder / "b.txt", folder / "e.html", folder / "sub/c.PDF",
                     folder / "sub/d.docx", named, folder / "README.md"]
    with pytest.raises(UnsupportedFormat):
        load_path(named)


def test_iter_paths_checks_every_path_exists(tmp_path):
    with pytest.raises(MissingPath, match="nowhere"):
        iter_paths([tmp_path, tmp_path / "nowhere"])


# ---------------------------------------------------------------------------- properties


def expected_text(data: bytes) -> str:
    """The decoding rule, written out independently of the loader."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    undefined_in_cp1252 = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
    return "".join(chr(b) if b in undefined_in_cp1252 else bytes([b]).decode("cp1252") for b in data)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=200).map(str.encode)))
def test_any_bytes_as_text_give_exact_lines_or_an_ingest_error(data):
    try:
        source = load_bytes("x.txt", data)
    except IngestError as error:
        text = expected_text(data)
        if isinstance(error, EmptyDocument):
            assert not text.strip()
        else:
            assert isinstance(error, UnreadableDocument) and "\x00" in text
        return
    assert source.lines == tuple(expected_text(data).splitlines())


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(("x.md", "x.html", "x.pdf", "x.docx")))
def test_any_bytes_in_any_format_load_or_raise_an_ingest_error(data, name):
    try:
        source = load_bytes(name, data)
    except IngestError:
        return
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert any(line.strip() for line in source.lines)
