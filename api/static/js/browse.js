// Browse: documents as a tree of what they state (vision, priorities, initiatives, metrics,
// enablers, risks, organisations), each branch loaded when opened
// (GET /api/v1/entities?document=&type=&limit=).

import { API, documentTitle, documents, getJSON, remember } from './api.js';
import { errorBox, h, link, loading, notice, show } from './dom.js';

export const BRANCHES = [
  ['vision', 'Vision'], ['priority', 'Priorities'], ['initiative', 'Initiatives'], ['metric', 'Metrics'],
  ['enabler', 'Enablers'], ['risk', 'Risks'], ['organisation', 'Organisations mentioned'],
];

/** Render the Browse view; `params.document` opens that document's branch. */
export async function render(main, params, { signal }) {
  const tree = h('div', { class: 'tree', 'aria-busy': 'true' }, loading('Loading the documents…'));
  show(main,
    h('h1', { tabindex: '-1' }, 'Browse the documents'),
    h('p', { class: 'lead' }, 'Open a document, then a kind of statement; every entry opens its page with ' +
      'its evidence and links.'),
    tree);
  try {
    const docs = await documents();
    if (!docs.length) {
      show(tree, notice('No documents are stored yet. `make run` ingests corpus/ into an empty store.'));
      return;
    }
    show(tree, h('ul', { class: 'tree-root' }, docs.map((document) =>
      h('li', {}, documentBranch(document, params.document === document.id || params.document === document.source, signal)))));
  } catch (error) {
    if (error.name !== 'AbortError') show(tree, errorBox(error, 'list the documents'));
  } finally {
    tree.removeAttribute('aria-busy');
  }
}

function documentBranch(document, open, signal) {
  const counts = document.counts || {};
  const total = BRANCHES.reduce((sum, [type]) => sum + (counts[type] || 0), 0);
  const branch = h('details', { class: 'document-branch', open, dataset: { document: document.id } },
    h('summary', {},
      h('span', { class: 'branch-title' }, documentTitle(document)), ' ',
      h('span', { class: 'meta' }, `${document.source || document.id} · ${total} statements`)),
    h('p', { class: 'branch-links' },
      link(`#/entity/${encodeURIComponent(document.id)}`, 'Document page'), ' · ',
      link(`#/graph?document=${encodeURIComponent(document.id)}`, 'Graph of this document'), ' · ',
      link(`#/compare?source=${encodeURIComponent(document.id)}`, 'Compare with another')),
    h('ul', { class: 'tree-branches' }, BRANCHES.map(([type, title]) =>
      h('li', {}, typeBranch(document, type, title, counts[type] || 0, signal)))));
  return branch;
}

function typeBranch(document, type, title, count, signal) {
  const body = h('div', { class: 'branch-body' });
  const branch = h('details', { class: 'type-branch', dataset: { type } },
    h('summary', {}, h('span', {}, title), ' ', h('span', { class: 'count' }, String(count))),
    body);
  let loaded = false;
  branch.addEventListener('toggle', async () => {
    if (!branch.open || loaded) return;
    loaded = true;
    if (!count) { show(body, notice(`This document states no ${title.toLowerCase()}.`)); return; }
    show(body, loading(`Loading ${title.toLowerCase()}…`));
    try {
      const page = await getJSON(`${API}/entities`, { document: document.id, type, limit: 1000 }, signal);
      remember(page.items);
      const items = page.items.slice().sort(type === 'organisation' ? byLabel : byPlace);
      show(body, h('ul', { class: 'entity-list' }, items.map((entity) => h('li', {},
        link(`#/entity/${encodeURIComponent(entity.id)}`, [
          entity.number ? h('span', { class: 'number' }, entity.number) : null, entity.label],
          { dataset: { entity: entity.id } })))),
        page.total > items.length ? notice(`Showing ${items.length} of ${page.total}.`) : null);
    } catch (error) {
      loaded = false;
      if (error.name !== 'AbortError') show(body, errorBox(error, `load the ${title.toLowerCase()}`));
    }
  });
  return branch;
}

function byLabel(a, b) {
  return a.label.localeCompare(b.label);
}

/** Document order: by the first line that states it. */
function byPlace(a, b) {
  const line = (entity) => (entity.evidence && entity.evidence[0] ? entity.evidence[0].line_start : Infinity);
  return line(a) - line(b) || a.label.localeCompare(b.label);
}
