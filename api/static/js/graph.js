// Graph: the knowledge graph, or the part of it filtered by type, document or organisation,
// drawn with Cytoscape.js (vendored from npm by `make setup`) from
// GET /api/v1/export?format=cytoscape; and a download link for every export format.

import { API, documentTitle, documents, getJSON, organisations, url } from './api.js';
import { errorBox, field, h, link, loading, notice, select, show, typeBadge } from './dom.js';

export const FORMATS = [
  ['graphml', 'GraphML', 'yEd, Gephi, networkx'], ['gexf', 'GEXF', 'Gephi'], ['turtle', 'Turtle', 'RDF'],
  ['jsonld', 'JSON-LD', 'RDF'], ['ntriples', 'N-Triples', 'RDF'], ['csv', 'CSV', 'zip of nodes.csv and edges.csv'],
  ['cytoscape', 'Cytoscape JSON', 'Cytoscape, Cytoscape.js'],
];
const TYPES = ['organisation', 'document', 'vision', 'priority', 'initiative', 'enabler', 'metric', 'risk'];
const COLOURS = {
  organisation: '#8e44ad', document: '#34495e', vision: '#00838f', priority: '#c0392b', initiative: '#2471a3',
  enabler: '#d68910', metric: '#7cb342', risk: '#7b241c',
};
const LAYOUTS = [['cose', 'Force-directed'], ['concentric', 'Rings by type'], ['breadthfirst', 'Tree'],
  ['grid', 'Grid']];
const CYTOSCAPE = '/static/vendor/cytoscape/cytoscape.esm.min.js';

let chart = null; // the drawn Cytoscape instance, destroyed when the view is left

/** Render the Graph view; `params` holds the filters (type, document, organisation) and layout. */
export async function render(main, params, { signal, setRoute, onLeave }) {
  onLeave(() => { if (chart) { chart.destroy(); chart = null; } });
  const status = h('div', { class: 'graph-status', 'aria-live': 'polite' });
  const canvas = h('div', { id: 'graph-canvas', class: 'graph-canvas', role: 'img',
    'aria-label': 'The graph drawing; the same nodes and edges can be downloaded below' });
  const side = h('aside', { class: 'graph-side', 'aria-live': 'polite' },
    h('p', { class: 'hint' }, 'Choose a node to see what it is. Drag to pan, scroll to zoom.'));
  const downloads = h('ul', { class: 'downloads' });
  show(main, h('h1', { tabindex: '-1' }, 'Graph'),
    h('p', { class: 'lead' }, 'The knowledge graph, or the part you filter. Every view can be downloaded for ' +
      'other tools.'),
    loading('Loading the filters…'));
  let docs = [];
  let orgs = [];
  try {
    [docs, orgs] = await Promise.all([documents(), organisations()]);
  } catch (error) {
    if (error.name !== 'AbortError') main.append(errorBox(error, 'load the filters'));
    return;
  } finally {
    main.querySelector('.loading')?.remove();
  }
  const type = select([['', 'Every type'], ...TYPES.map((name) => [name, name])], params.type || '', { name: 'type' });
  const documentSelect = select([['', 'Every document'], ...docs.map((d) => [d.id, `${documentTitle(d)} (${d.source})`])],
    params.document || '', { name: 'document' });
  const organisation = select([['', 'Every organisation'], ...orgs.map((o) => [o.id, o.label])],
    params.organisation || '', { name: 'organisation' });
  const layout = select(LAYOUTS, params.layout || 'cose', { name: 'layout' });
  const form = h('form', { class: 'toolbar', 'aria-label': 'Filter the graph' },
    field('Type', type), field('Document', documentSelect), field('Organisation', organisation), field('Layout', layout),
    h('div', { class: 'field actions' }, h('button', { type: 'submit', class: 'primary' }, 'Draw')));
  const filters = () => ({ type: type.value, document: documentSelect.value, organisation: organisation.value });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    setRoute('graph', { ...filters(), layout: layout.value === 'cose' ? '' : layout.value });
    draw(filters(), layout.value);
  });
  const nodeList = h('div', { class: 'node-list' });
  main.append(form, status, h('div', { class: 'graph-area' }, canvas, side), nodeList,
    h('section', { class: 'download-section', 'aria-labelledby': 'downloads-heading' },
      h('h2', { id: 'downloads-heading' }, 'Download this view'),
      h('p', { class: 'hint' }, 'The same filters, in each export format.'), downloads));

  function draw(current, layoutName) {
    fillDownloads(downloads, current);
    drawGraph({ canvas, status, side, nodeList, filters: current, layoutName, signal });
  }
  draw(filters(), layout.value);
}

function fillDownloads(list, filters) {
  show(list, FORMATS.map(([format, title, note]) => h('li', {},
    h('a', { href: url(`${API}/export`, { format, ...filters }), download: '', class: 'download', dataset: { format } },
      `${title}`), ' ', h('span', { class: 'meta' }, note))));
}

async function drawGraph({ canvas, status, side, nodeList, filters, layoutName, signal }) {
  if (chart) { chart.destroy(); chart = null; }
  show(nodeList);
  show(status, loading('Loading the graph…'));
  canvas.setAttribute('aria-busy', 'true');
  let cytoscape;
  try {
    ({ default: cytoscape } = await import(CYTOSCAPE));
  } catch (error) {
    show(status, errorBox(new Error('The graph library (Cytoscape.js) is not installed: run `make setup`, which ' +
      'installs it from npm into api/static/vendor, then reload the page.'), 'draw the graph'));
    canvas.removeAttribute('aria-busy');
    return;
  }
  try {
    const graph = await getJSON(`${API}/export`, { format: 'cytoscape', ...filters }, signal);
    const nodes = graph.elements.nodes || [];
    const edges = graph.elements.edges || [];
    if (!nodes.length) {
      show(status, notice('Nothing matches these filters. Widen them and draw again.'));
      return;
    }
    show(status, loading(`Laying out ${nodes.length} nodes…`));
    await new Promise((resolve) => requestAnimationFrame(() => resolve()));
    chart = cytoscape({
      container: canvas,
      elements: { nodes, edges },
      style: styles(),
      layout: layoutOptions(layoutName, nodes.length),
      minZoom: 0.05,
      maxZoom: 4,
    });
    chart.on('tap', 'node', (event) => describe(side, event.target.data()));
    const counts = {};
    nodes.forEach((node) => { counts[node.data.type] = (counts[node.data.type] || 0) + 1; });
    show(status, h('p', { class: 'graph-counts' },
      h('strong', { class: 'node-count', dataset: { count: chart.nodes().length } }, `${chart.nodes().length} nodes`), ', ',
      h('strong', { class: 'edge-count', dataset: { count: chart.edges().length } }, `${chart.edges().length} edges`), ' · ',
      TYPES.filter((name) => counts[name]).map((name, index) => [index ? ', ' : '',
        h('span', { class: 'swatch', style: `background:${COLOURS[name]}`, 'aria-hidden': 'true' }), ` ${counts[name]} ${name}`])));
    canvas.dataset.nodes = String(chart.nodes().length);
    show(nodeList, listOfNodes(nodes));
  } catch (error) {
    if (error.name !== 'AbortError') show(status, errorBox(error, 'draw the graph'));
  } finally {
    canvas.removeAttribute('aria-busy');
  }
}

function layoutOptions(name, size) {
  const common = { name, animate: false, fit: true, padding: 20 };
  if (name === 'cose') return { ...common, numIter: size > 300 ? 400 : 1000, nodeRepulsion: () => 8000, idealEdgeLength: () => 60 };
  if (name === 'concentric') {
    const rank = { document: 8, organisation: 7, vision: 6, priority: 5, enabler: 4, initiative: 3, metric: 2, risk: 1 };
    return { ...common, concentric: (node) => rank[node.data('type')] || 0, levelWidth: () => 1, minNodeSpacing: 6 };
  }
  return common;
}

function styles() {
  return [
    { selector: 'node', style: {
      'background-color': (node) => COLOURS[node.data('type')] || '#777', label: 'data(label)',
      'font-size': 9, 'text-wrap': 'ellipsis', 'text-max-width': 120, 'min-zoomed-font-size': 11,
      color: '#1b2631', 'text-valign': 'bottom', 'text-margin-y': 2, width: 14, height: 14,
    } },
    { selector: 'node[type = "document"]', style: {
      width: 30, height: 30, shape: 'round-rectangle', 'font-size': 13, 'font-weight': 'bold', 'min-zoomed-font-size': 0,
      'text-background-color': '#fff', 'text-background-opacity': 0.8, 'text-background-padding': 2, 'z-index': 10,
    } },
    { selector: 'node[type = "organisation"]', style: { shape: 'diamond', width: 18, height: 18 } },
    { selector: 'node[type = "priority"]', style: { width: 20, height: 20 } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#f1c40f' } },
    { selector: 'edge', style: {
      width: 1, 'line-color': '#aab7b8', 'curve-style': 'haystack', opacity: 0.7,
    } },
    { selector: 'edge[type = "aligns_with"]', style: { 'line-style': 'dashed', 'line-color': '#c0392b', opacity: 0.5 } },
    { selector: 'edge[type = "serves"]', style: { 'line-color': '#2471a3', width: 1.5 } },
  ];
}

/** The drawn nodes as links, by type: the drawing's content for keyboards and screen readers. */
function listOfNodes(nodes) {
  const rank = Object.fromEntries(TYPES.map((name, index) => [name, index]));
  const sorted = nodes.map((node) => node.data)
    .sort((a, b) => (rank[a.type] ?? 99) - (rank[b.type] ?? 99) || String(a.label).localeCompare(String(b.label)));
  return h('details', {},
    h('summary', {}, `List the ${nodes.length} nodes of this view`),
    h('ul', {}, sorted.map((data) => h('li', {}, typeBadge(data.type), ' ',
      link(`#/entity/${encodeURIComponent(data.id)}`, data.label || data.id)))));
}

function describe(side, data) {
  show(side,
    h('h2', {}, typeBadge(data.type), ' ', data.label),
    data.text && data.text !== data.label ? h('p', {}, data.text) : null,
    h('p', {}, link(`#/entity/${encodeURIComponent(data.id)}`, 'Open its page: evidence and links')),
    data.type === 'document' || data.type === 'organisation'
      ? h('p', {}, link(`#/graph?${data.type}=${encodeURIComponent(data.id)}`, `Only this ${data.type}`)) : null);
}
