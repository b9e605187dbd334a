// Ask: "which initiatives serve …?" across every document, answered with quotes.
// GET /api/v1/initiatives?serves=TEXT&limit=N; answers grouped by the document that states them.

import { API, documentTitle, documents, getJSON, known, remember, resolve } from './api.js';
import { errorBox, field, h, link, loading, notice, score, select, show } from './dom.js';
import { sourceLink } from './evidence.js';

const EXAMPLES = ['mental health', 'prevention and early intervention', 'frail older people', 'workforce'];

/** Render the Ask view into `main`; `params.q` asks at once (a linked question). */
export function render(main, params, { signal, setRoute }) {
  const question = h('input', {
    type: 'search', name: 'serves', value: params.q || '', autocomplete: 'off', required: true,
    placeholder: 'e.g. mental health', class: 'wide',
  });
  const limit = select([['10', '10'], ['30', '30'], ['100', '100']], params.limit || '30', { name: 'limit' });
  const results = h('section', { class: 'results', 'aria-live': 'polite', 'aria-label': 'Answers' });
  const form = h('form', { class: 'toolbar', role: 'search', 'aria-label': 'Ask which initiatives serve a priority' },
    field('Which initiatives serve …', question, 'A priority in any words; every document is searched.'),
    field('At most', limit),
    h('div', { class: 'field actions' }, h('button', { type: 'submit', class: 'primary' }, 'Ask')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = question.value.trim();
    if (!text) {
      show(results, errorBox(new Error('Type a priority to ask about, e.g. "mental health".'), 'ask'));
      question.focus();
      return;
    }
    setRoute('ask', { q: text, limit: limit.value });
    ask(results, text, limit.value, signal);
  });
  const examples = h('p', { class: 'hint' }, 'Try: ', EXAMPLES.map((example, index) => [
    index ? ', ' : '', link(`#/ask?q=${encodeURIComponent(example)}`, example)]));
  show(main,
    h('h1', { tabindex: '-1' }, 'Ask: which initiatives serve a priority?'),
    h('p', { class: 'lead' }, 'Finds the priorities that best match your words in every document, then the ' +
      'initiatives that serve them, each with the quote that states it.'),
    form, examples, results);
  if (params.q) ask(results, params.q, params.limit || '30', signal);
  else question.focus();
}

async function ask(results, text, limit, signal) {
  show(results, loading(`Asking which initiatives serve “${text}”…`,
    'The first question loads the language model; that takes a few seconds.'));
  results.setAttribute('aria-busy', 'true');
  try {
    const [answer, docs] = await Promise.all([
      getJSON(`${API}/initiatives`, { serves: text, limit }, signal), documents()]);
    remember(answer.priorities.map((matched) => matched.priority), answer.items.map((item) => item.initiative));
    // the priorities each initiative serves, for their labels
    await resolve(answer.items.map((item) => item.priority).filter(Boolean), [], signal);
    show(results, ...answerView(answer, docs));
  } catch (error) {
    if (error.name === 'AbortError') return;
    show(results, errorBox(error, `answer “${text}”`));
  } finally {
    results.removeAttribute('aria-busy');
  }
}

function answerView(answer, docs) {
  const titles = new Map(docs.map((document) => [document.id, document]));
  if (!answer.items.length) {
    return [notice(`No initiatives were found serving “${answer.query}”. Try other words, or a broader priority.`)];
  }
  const matched = h('details', { class: 'matched' },
    h('summary', {}, `Matched priorities (${answer.priorities.length})`),
    h('ul', {}, answer.priorities.map(({ priority, score: value }) => h('li', {},
      link(`#/entity/${encodeURIComponent(priority.id)}`, priority.label), ' ',
      h('span', { class: 'meta' }, `${documentTitle(titles.get(priority.document))} · score ${score(value)}`)))));
  // group by document, documents in the order of their best answer
  const groups = new Map();
  for (const item of answer.items) {
    const key = item.initiative.document || '';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(item);
  }
  const summary = h('p', { class: 'summary' },
    `${answer.items.length} initiative${answer.items.length === 1 ? '' : 's'} in ${groups.size} ` +
    `document${groups.size === 1 ? '' : 's'} serve “${answer.query}”.`);
  const sections = [...groups].map(([documentId, items]) => {
    const document = titles.get(documentId);
    return h('section', { class: 'answer-group', dataset: { document: documentId } },
      h('h2', {}, documentTitle(document) || 'Unknown document', ' ',
        h('span', { class: 'meta' }, document ? document.source : '', ` · ${items.length} initiative${items.length === 1 ? '' : 's'}`)),
      h('ol', { class: 'answers' }, items.map((item) => answerItem(item, titles))));
  });
  return [summary, matched, ...sections];
}

function answerItem(item, titles) {
  const initiative = item.initiative;
  const priority = item.priority ? known(item.priority) : null;
  const quotes = (initiative.evidence || []).map((evidence) => h('div', { class: 'quoted' },
    h('blockquote', { class: 'quote' }, evidence.quote), sourceLink(evidence, 'Source, ')));
  return h('li', { class: 'answer', dataset: { entity: initiative.id } },
    h('h3', {}, link(`#/entity/${encodeURIComponent(initiative.id)}`, initiative.label)),
    h('p', { class: 'meta' },
      `score ${score(item.score)}`,
      priority ? [' · serves ', link(`#/entity/${encodeURIComponent(priority.id)}`, priority.label),
        priority.document !== initiative.document && titles.get(priority.document)
          ? ` (in ${documentTitle(titles.get(priority.document))})` : ''] : '',
      item.via && item.via !== 'direct' ? ` · ${viaText(item.via)}` : ''),
    quotes);
}

function viaText(via) {
  return {
    enabler: 'found through an enabler', alignment: 'found through an aligned priority',
    text: 'found by its own words',
  }[via] || `found by ${via}`;
}
