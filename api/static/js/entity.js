// The page of one entity: what it says, its evidence in context (quote highlighted), its links
// in and out, and for a priority the priorities it aligns with in other documents and the
// initiatives that serve it. GET /api/v1/entities/{id}, /api/v1/priorities/{id}/initiatives.

import { API, documentTitle, documents, getJSON, known, remember, resolve } from './api.js';
import { errorBox, fact, h, link, loading, notice, score, show, typeBadge } from './dom.js';
import { evidenceInContext, sourceLink } from './evidence.js';

const RELATIONS = {
  publishes: ['publishes', 'published by'],
  states: ['states', 'stated in'],
  owns: ['owns', 'owned by'],
  serves: ['serves', 'served by'],
  supports: ['supports', 'supported by'],
  measures: ['measures', 'measured by'],
  leads: ['leads', 'led by'],
  part_of: ['is part of', 'has part'],
  aligns_with: ['aligns with', 'aligns with'],
  mentions: ['mentions', 'mentioned in'],
};
const VIA = [
  ['direct', 'Directly'], ['enabler', 'Through an enabler'], ['alignment', 'Through an aligned priority'],
];

export function entityHref(id) {
  return `#/entity/${encodeURIComponent(id)}`;
}

/** Render the page of entity `id` into `main`. */
export async function render(main, params, { signal, arg }) {
  const id = arg;
  show(main, loading('Loading the entity…'));
  main.setAttribute('aria-busy', 'true');
  try {
    if (!id) throw Object.assign(new Error('No entity id was given: the address should be #/entity/ID.'), { code: 'no_id' });
    const [entity, docs] = await Promise.all([getJSON(`${API}/entities/${encodeURIComponent(id)}`, {}, signal), documents()]);
    const edges = [...entity.edges.out.map((edge) => ({ edge, out: true, other: edge.target })),
      ...entity.edges.in.map((edge) => ({ edge, out: false, other: edge.source }))];
    await resolve([...edges.map((item) => item.other), entity.organisation, entity.document].filter(Boolean),
      [entity.type === 'document' ? entity.id : entity.document], signal);
    const home = docs.find((candidate) => candidate.id === entity.document);
    window.document.title = `${entity.label} · strategy-kg`;
    show(main, ...header(entity, home));
    main.removeAttribute('aria-busy');
    const evidence = h('section', { class: 'evidence-list', 'aria-labelledby': 'evidence-heading' },
      h('h2', { id: 'evidence-heading' }, `Evidence (${entity.evidence.length})`),
      entity.evidence.length ? loading('Loading the lines around each quote…') : notice('No evidence was recorded.'));
    main.append(evidence);
    if (entity.type === 'priority') main.append(alignedView(edges, docs), servingView(entity, signal));
    main.append(edgesView(edges, entity));
    const figures = await Promise.all(entity.evidence.slice(0, 20).map((item) => evidenceInContext(item, signal)));
    evidence.querySelector('.loading')?.remove();
    evidence.append(...figures);
    if (entity.evidence.length > 20) evidence.append(notice(`Showing 20 of ${entity.evidence.length} quotes.`));
  } catch (error) {
    if (error.name === 'AbortError') return;
    show(main, h('h1', { tabindex: '-1' }, 'Entity not shown'), errorBox(error, `show the entity “${id}”`),
      h('p', {}, 'Find entities under ', link('#/browse', 'Browse'), ' or ask a question under ', link('#/ask', 'Ask'), '.'));
  } finally {
    main.removeAttribute('aria-busy');
  }
}

function header(entity, home) {
  const organisation = entity.organisation ? known(entity.organisation) : null;
  const homeHref = home ? `#/browse?document=${encodeURIComponent(home.id)}` : '';
  const facts = [
    home && entity.type !== 'document' ? fact('Document', link(homeHref, documentTitle(home)), ' ',
      h('span', { class: 'meta' }, home.source || '')) : null,
    entity.section ? fact('Section', entity.section) : null,
    entity.organisation ? fact('Organisation', link(entityHref(entity.organisation),
      organisation ? organisation.label : entity.organisation)) : null,
    entity.kind ? fact('Kind', entity.kind) : null,
    entity.aliases && entity.aliases.length ? fact('Also named', entity.aliases.join('; ')) : null,
    entity.source ? fact('File', entity.source) : null,
    entity.publishers && entity.publishers.length ? fact('Published by', entity.publishers.map((id, index) =>
      [index ? ', ' : '', link(entityHref(id), known(id) ? known(id).label : id)])) : null,
    entity.counts ? fact('States', Object.entries(entity.counts).map(([type, count]) => `${count} ${type}`).join(', ')) : null,
    fact('Found by', `${entity.method}, confidence ${score(entity.confidence)}`),
    fact('Id', h('code', {}, entity.id)),
  ];
  const crumbs = h('nav', { class: 'crumbs', 'aria-label': 'Where this is' },
    link('#/browse', 'Browse'),
    home ? [' › ', link(homeHref, documentTitle(home))] : null,
    ' › ', entity.type);
  const graphable = entity.type === 'document' || entity.type === 'organisation';
  return [
    crumbs,
    h('h1', { tabindex: '-1', class: 'entity-title' }, typeBadge(entity.type), ' ',
      entity.number ? h('span', { class: 'number' }, entity.number) : null, entity.label),
    entity.text && entity.text !== entity.label ? h('p', { class: 'statement' }, entity.text) : null,
    h('dl', { class: 'facts' }, facts),
    graphable ? h('p', { class: 'branch-links' },
      link(`#/graph?${entity.type}=${encodeURIComponent(entity.id)}`, `Graph of this ${entity.type}`)) : null,
  ];
}

function otherLabel(id) {
  const other = known(id);
  return other ? [typeBadge(other.type), ' ', link(entityHref(id), other.label)] : [link(entityHref(id), id)];
}

function alignedView(edges, docs) {
  const best = new Map();
  for (const { edge, other } of edges) {
    if (edge.type !== 'aligns_with') continue;
    const value = edge.score ?? edge.confidence;
    if (!best.has(other) || best.get(other).value < value) best.set(other, { value, verdict: edge.verdict, edge });
  }
  const titles = new Map(docs.map((document) => [document.id, document]));
  const rows = [...best].sort((a, b) => b[1].value - a[1].value);
  return h('section', { class: 'aligned', 'aria-labelledby': 'aligned-heading' },
    h('h2', { id: 'aligned-heading' }, `Aligned priorities in other documents (${rows.length})`),
    rows.length ? h('table', { class: 'data' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Priority'), h('th', { scope: 'col' }, 'Document'),
        h('th', { scope: 'col' }, 'Verdict'), h('th', { scope: 'col', class: 'num' }, 'Score'))),
      h('tbody', {}, rows.map(([id, { value, verdict }]) => {
        const other = known(id);
        return h('tr', { dataset: { entity: id } },
          h('td', {}, link(entityHref(id), other ? other.label : id)),
          h('td', {}, other ? documentTitle(titles.get(other.document)) : ''),
          h('td', {}, verdict ? h('span', { class: `verdict verdict-${verdict}` }, verdict) : ''),
          h('td', { class: 'num' }, score(value)));
      }))) : notice('No priority in another document aligns with this one.'));
}

function servingView(priority, signal) {
  const section = h('section', { class: 'serving', 'aria-labelledby': 'serving-heading' },
    h('h2', { id: 'serving-heading' }, 'Initiatives serving this priority'),
    loading('Finding the initiatives that serve it…'));
  getJSON(`${API}/priorities/${encodeURIComponent(priority.id)}/initiatives`, {}, signal).then((answer) => {
    section.querySelector('.loading')?.remove();
    remember(answer.items.map((item) => item.initiative));
    if (!answer.items.length) { section.append(notice('No initiative serves it, directly or otherwise.')); return; }
    for (const [via, title] of VIA) {
      const items = answer.items.filter((item) => item.via === via);
      if (!items.length) continue;
      section.append(h('details', { class: 'via', open: via !== 'alignment' || items.length <= 10 },
        h('summary', {}, `${title} (${items.length})`),
        h('ul', { class: 'serving-list' }, items.map((item) => h('li', {},
          link(entityHref(item.initiative.id), item.initiative.label), ' ',
          h('span', { class: 'meta' }, `score ${score(item.score)}`),
          item.initiative.document !== priority.document && item.initiative.evidence[0]
            ? [' · ', sourceLink(item.initiative.evidence[0], 'in another document, ')] : null)))));
    }
  }).catch((error) => {
    if (error.name === 'AbortError') return;
    section.querySelector('.loading')?.remove();
    section.append(errorBox(error, 'find the initiatives that serve it'));
  });
  return section;
}

function edgesView(edges, entity) {
  const groups = new Map();
  for (const item of edges) {
    // aligns_with is symmetric: one group whichever way the edge was stored
    const key = `${item.edge.type}:${item.edge.type === 'aligns_with' ? 'both' : item.out ? 'out' : 'in'}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(item);
  }
  const section = h('section', { class: 'edges', 'aria-labelledby': 'edges-heading' },
    h('h2', { id: 'edges-heading' }, `Links (${edges.length})`),
    h('p', { class: 'hint' }, `${entity.edges.out.length} out, ${entity.edges.in.length} in.`));
  if (!edges.length) section.append(notice('No links.'));
  for (const [key, items] of groups) {
    const [type, direction] = key.split(':');
    const words = RELATIONS[type] || [type, type];
    const relation = direction === 'in' ? words[1] : words[0];
    section.append(h('details', { class: 'edge-group', open: items.length <= 25, dataset: { type, direction } },
      h('summary', {}, `This ${entity.type} ${relation} (${items.length})`),
      h('table', { class: 'data edge-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, { out: 'Target', in: 'Source', both: 'With' }[direction]),
          h('th', { scope: 'col', class: 'num' }, 'Confidence'), h('th', { scope: 'col' }, 'Method'),
          h('th', { scope: 'col' }, 'Evidence'))),
        h('tbody', {}, items.sort((a, b) => (b.edge.score ?? b.edge.confidence) - (a.edge.score ?? a.edge.confidence))
          .map(({ edge, other }) => h('tr', { class: 'edge', dataset: { type: edge.type, other } },
            h('td', {}, otherLabel(other),
              edge.verdict ? [' ', h('span', { class: `verdict verdict-${edge.verdict}` }, edge.verdict)] : null),
            h('td', { class: 'num' }, score(edge.score ?? edge.confidence)),
            h('td', {}, edge.method),
            h('td', {}, edgeEvidence(edge))))))));
  }
  return section;
}

function edgeEvidence(edge) {
  const evidence = edge.evidence || [];
  if (!evidence.length) return '–';
  return h('details', { class: 'edge-evidence' },
    h('summary', {}, `${evidence.length} quote${evidence.length === 1 ? '' : 's'}`),
    evidence.map((item) => h('div', { class: 'quoted' }, h('blockquote', { class: 'quote' }, item.quote),
      sourceLink(item, 'Source, '))));
}

