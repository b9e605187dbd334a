// Evidence in its context: the numbered lines around a quote, with the quote highlighted.
// Lines come from GET /api/v1/documents/{id}/lines?start=&end=; they are inserted as text.

import { API, getJSON } from './api.js';
import { h, lineSpan, link } from './dom.js';

/** The hash route showing a document's lines `start`..`end` in context. */
export function sourceHref(evidence) {
  return `#/source/${encodeURIComponent(evidence.document)}?start=${evidence.line_start}&end=${evidence.line_end}`;
}

/** A link to the source lines of `evidence`, e.g. "lines 12–14". */
export function sourceLink(evidence, prefix = '') {
  return link(sourceHref(evidence), `${prefix}${lineSpan(evidence)}`, { class: 'source-link' });
}

/** The lines `start`..`end` of a document (clamped at line 1). */
export function fetchLines(documentId, start, end, signal) {
  return getJSON(`${API}/documents/${encodeURIComponent(documentId)}/lines`,
    { start: Math.max(1, start), end: Math.max(1, end) }, signal);
}

/**
 * Where `quote` occurs in the span lines, as {lineNumber: [[from, to], ...]} character ranges.
 * Whitespace runs count as one space on both sides, so a quote that was whitespace-normalised
 * or that runs over several lines is still found; case is ignored when the exact text is not found.
 * Answers null when the quote is not in the lines.
 */
export function locateQuote(lines, quote) {
  const positions = []; // normalised index -> [line number, offset]
  let normalised = '';
  let lastSpace = true;
  lines.forEach((line, index) => {
    const text = index > 0 ? `\n${line.text}` : line.text;
    const shift = index > 0 ? 1 : 0;
    for (let offset = 0; offset < text.length; offset += 1) {
      const character = text[offset];
      const at = [line.number, offset - shift];
      if (/\s/.test(character)) {
        if (!lastSpace) { normalised += ' '; positions.push(at); }
        lastSpace = true;
      } else {
        normalised += character;
        positions.push(at);
        lastSpace = false;
      }
    }
  });
  const wanted = (quote || '').replace(/\s+/g, ' ').trim();
  if (!wanted) return null;
  let found = normalised.indexOf(wanted);
  if (found < 0) found = normalised.toLowerCase().indexOf(wanted.toLowerCase());
  if (found < 0) return null;
  const ranges = {};
  for (let index = found; index < found + wanted.length; index += 1) {
    const [number, offset] = positions[index];
    if (offset < 0) continue; // the line break between two lines
    const lineRanges = ranges[number] || (ranges[number] = []);
    const last = lineRanges[lineRanges.length - 1];
    if (last && last[1] >= offset) last[1] = offset + 1;
    else lineRanges.push([offset, offset + 1]);
  }
  // fill the gaps that whitespace runs left inside one line
  for (const lineRanges of Object.values(ranges)) {
    const merged = [lineRanges[0][0], lineRanges[lineRanges.length - 1][1]];
    lineRanges.splice(0, lineRanges.length, merged);
  }
  return ranges;
}

/**
 * Numbered lines as an element. Lines inside `span` ([start, end]) are marked; `ranges`
 * (from locateQuote) are highlighted with <mark>.
 */
export function linesView(lines, span = null, ranges = null) {
  return h('div', { class: 'lines', role: 'group', 'aria-label': 'Numbered lines of the document' },
    lines.map((line) => {
      const inSpan = span && line.number >= span[0] && line.number <= span[1];
      const text = h('span', { class: 'line-text' });
      const marks = ranges && ranges[line.number];
      if (marks) {
        let at = 0;
        for (const [from, to] of marks) {
          text.append(line.text.slice(at, from), h('mark', { class: 'quote-mark' }, line.text.slice(from, to)));
          at = to;
        }
        text.append(line.text.slice(at));
      } else {
        text.append(line.text || '\u00a0');
      }
      return h('div', { class: inSpan ? 'line in-span' : 'line', dataset: { line: line.number } },
        h('span', { class: 'line-number' }, String(line.number)), text);
    }));
}

/**
 * One piece of evidence: its quote in the lines around it (`context` lines either side),
 * the quote highlighted, with a link to the whole source. Shows the quote alone if the
 * lines cannot be had (e.g. a draft that was never stored).
 */
export async function evidenceInContext(evidence, signal, context = 3) {
  const box = h('figure', { class: 'evidence' });
  const caption = h('figcaption', {}, sourceLink(evidence, 'Source, '));
  try {
    const answer = await fetchLines(evidence.document, evidence.line_start - context, evidence.line_end + context, signal);
    const spanLines = answer.lines.filter((line) => line.number >= evidence.line_start && line.number <= evidence.line_end);
    const ranges = locateQuote(spanLines, evidence.quote);
    box.append(linesView(answer.lines, [evidence.line_start, evidence.line_end], ranges));
    if (!ranges) box.append(h('p', { class: 'hint' }, 'The quote is in the marked lines: ', h('q', {}, evidence.quote)));
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    box.append(h('blockquote', { class: 'quote' }, evidence.quote),
      h('p', { class: 'hint' }, `The surrounding lines could not be shown: ${error.message}`));
  }
  box.append(caption);
  return box;
}
