// Source lines: a document's numbered lines around a span (#/source/DOC?start=&end=), the span
// marked, with buttons to read further up or down. GET /api/v1/documents/{id}/lines.

import { API, documentTitle, documents, url } from './api.js';
import { errorBox, h, link, loading, show } from './dom.js';
import { fetchLines, linesView } from './evidence.js';

const CONTEXT = 12;
const MORE = 40;

/** Render the lines of document `arg` around `params.start`..`params.end`. */
export async function render(main, params, { signal, arg }) {
  const documentId = arg;
  const start = Math.max(1, parseInt(params.start, 10) || 1);
  const end = Math.max(start, parseInt(params.end, 10) || start);
  let first = Math.max(1, start - CONTEXT);
  let last = end + CONTEXT;
  const body = h('div', { class: 'source-body' }, loading('Loading the lines…'));
  const heading = h('h1', { tabindex: '-1' }, 'Source lines');
  show(main, heading, body);
  try {
    const docs = await documents();
    const home = docs.find((candidate) => candidate.id === documentId || candidate.source === documentId);
    if (home) {
      heading.textContent = `${documentTitle(home)}, ${start === end ? `line ${start}` : `lines ${start}–${end}`}`;
    }
    const answer = await fetchLines(documentId, first, last, signal);
    let lines = answer.lines;
    const holder = h('div', {});
    const draw = () => show(holder, linesView(lines, [start, end]));
    const earlier = h('button', { type: 'button', class: 'secondary', disabled: first <= 1 }, `Show ${MORE} earlier lines`);
    const later = h('button', { type: 'button', class: 'secondary', disabled: lines.length < last - first + 1 },
      `Show ${MORE} later lines`);
    earlier.addEventListener('click', async () => {
      const from = Math.max(1, first - MORE);
      const more = await fetchLines(documentId, from, first - 1, signal).catch((error) => ({ error }));
      if (more.error) { holder.before(errorBox(more.error, 'load earlier lines')); return; }
      lines = [...more.lines, ...lines];
      first = from;
      earlier.disabled = first <= 1;
      draw();
    });
    later.addEventListener('click', async () => {
      const more = await fetchLines(documentId, last + 1, last + MORE, signal).catch((error) => ({ error }));
      if (more.error) { holder.after(errorBox(more.error, 'load later lines')); return; }
      lines = [...lines, ...more.lines];
      last += MORE;
      later.disabled = more.lines.length < MORE;
      draw();
    });
    draw();
    show(body,
      h('p', { class: 'meta' }, home ? `${home.source} · ` : '', 'The marked lines are the evidence. ',
        home ? link(`#/browse?document=${encodeURIComponent(home.id)}`, 'Browse this document') : null, ' · ',
        h('a', { href: url(`${API}/documents/${encodeURIComponent(documentId)}/lines`, { start, end }) }, 'these lines as JSON')),
      h('p', { class: 'toolbar-inline' }, earlier), holder, h('p', { class: 'toolbar-inline' }, later));
    holder.querySelector('.in-span')?.scrollIntoView({ block: 'center' });
  } catch (error) {
    if (error.name !== 'AbortError') show(body, errorBox(error, `show lines ${start}–${end} of “${documentId}”`));
  }
}
