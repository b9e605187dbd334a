// The web page of strategy-kg: a hash router over five views (Ask, Browse, Compare, Graph) plus
// the entity page and the source lines, so every step has an address that can be linked:
// #/ask?q=…, #/browse?document=…, #/entity/ID, #/source/DOC?start=&end=, #/compare?source=&target=,
// #/graph?type=&document=&organisation=. Everything it shows comes from the JSON API.

import { API, getJSON } from './js/api.js';
import { errorBox, h, link, show } from './js/dom.js';
import * as ask from './js/ask.js';
import * as browse from './js/browse.js';
import * as compare from './js/compare.js';
import * as entity from './js/entity.js';
import * as graph from './js/graph.js';
import * as source from './js/source.js';

const VIEWS = {
  ask: { view: ask, title: 'Ask', tab: 'ask' },
  browse: { view: browse, title: 'Browse', tab: 'browse' },
  entity: { view: entity, title: 'Entity', tab: 'browse' },
  source: { view: source, title: 'Source lines', tab: 'browse' },
  compare: { view: compare, title: 'Compare', tab: 'compare' },
  graph: { view: graph, title: 'Graph', tab: 'graph' },
};
const HOME = 'ask';

const main = document.getElementById('main');
let current = null; // {controller, leave: [callbacks]} of the view on screen

/** '#/entity/pri-1?x=2' -> {name: 'entity', arg: 'pri-1', params: {x: '2'}} */
export function parseHash(hash) {
  const text = (hash || '').replace(/^#\/?/, '');
  const [path, query = ''] = text.split(/\?(.*)/s);
  const [name = '', ...rest] = path.split('/');
  let arg = rest.join('/');
  try { arg = decodeURIComponent(arg); } catch { /* keep it as written */ }
  return { name: name || HOME, arg, params: Object.fromEntries(new URLSearchParams(query)) };
}

/** The hash of view `name` with `params` (empty values left out). */
export function hashFor(name, params = {}, arg = '') {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== undefined && value !== null && value !== ''));
  const text = query.toString();
  return `#/${name}${arg ? `/${encodeURIComponent(arg)}` : ''}${text ? `?${text}` : ''}`;
}

/** Record a view's new state in the address without drawing the view again. */
function setRoute(name, params, arg = '') {
  const hash = hashFor(name, params, arg);
  if (hash !== window.location.hash) window.history.pushState(null, '', hash);
}

function leaveCurrent() {
  if (!current) return;
  current.controller.abort();
  current.leave.forEach((callback) => { try { callback(); } catch { /* the view is gone anyway */ } });
  current = null;
}

async function route() {
  leaveCurrent();
  const { name, arg, params } = parseHash(window.location.hash);
  const entry = VIEWS[name];
  const focusHeading = !main.contains(document.activeElement) || document.activeElement === document.body;
  document.querySelectorAll('nav.tabs a').forEach((tab) => {
    if (entry && tab.dataset.tab === entry.tab) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  });
  if (!entry) {
    document.title = 'Page not found · strategy-kg';
    show(main, h('h1', { tabindex: '-1' }, 'Page not found'),
      errorBox(Object.assign(new Error(`There is no page at “${window.location.hash}”. Use the tabs above: ` +
        'Ask, Browse, Compare or Graph.'), { code: 'unknown_page' }), 'open this page'),
      h('p', {}, link('#/ask', 'Go to Ask')));
    main.querySelector('h1').focus();
    return;
  }
  document.title = `${entry.title} · strategy-kg`;
  window.scrollTo(0, 0);
  const controller = new AbortController();
  current = { controller, leave: [] };
  const context = {
    arg, signal: controller.signal, setRoute,
    onLeave: (callback) => current && current.controller === controller && current.leave.push(callback),
  };
  // After a change of view, focus goes to its heading (for keyboards and screen readers), unless
  // the view focused a control itself or the reader has moved on meanwhile.
  const before = document.activeElement;
  const focusView = () => {
    const heading = main.querySelector('h1');
    if (focusHeading && heading && !main.contains(document.activeElement)) heading.focus({ preventScroll: true });
  };
  const rendering = entry.view.render(main, params, context);
  focusView();
  try {
    await rendering;
  } catch (error) {
    if (error.name !== 'AbortError') main.append(errorBox(error, `show ${entry.title}`));
  }
  if (document.activeElement === before && current && current.controller === controller) focusView();
}

async function showHealth() {
  const place = document.getElementById('health');
  try {
    const health = await getJSON(`${API}/health`);
    show(place, `${health.documents} documents · ${health.nodes} nodes · ${health.edges} edges`);
  } catch (error) {
    show(place, h('span', { class: 'health-down', role: 'alert' }, `The API does not answer: ${error.message}`));
  }
}

window.addEventListener('hashchange', route);
// the skip link moves focus without changing the address (the hash holds the route)
document.querySelector('a.skip')?.addEventListener('click', (event) => { event.preventDefault(); main.focus(); });
if (!window.location.hash || window.location.hash === '#' || window.location.hash === '#/') {
  window.history.replaceState(null, '', `#/${HOME}`);
}
route();
showHealth();
