// Compare: how the priorities of two documents align, as a heatmap matrix with verdicts,
// coverage figures and the priorities left unaligned or uncovered. Two stored documents
// (GET /api/v1/alignment?source=&target=) or a draft checked against one without storing it
// (POST /api/v1/alignment/check, JSON {"text", "target"} or multipart "file" + "target").

import { API, documentTitle, documents, getJSON, postForm, postJSON } from './api.js';
import { errorBox, field, h, lineSpan, link, loading, notice, percent, score, select, show } from './dom.js';
import { sourceLink } from './evidence.js';

const VERDICTS = { aligned: 'Aligned', partial: 'Partial', none: 'None' };
const MARK = { aligned: '●', partial: '◐', none: '' };

/** Render the Compare view; `params.source` and `params.target` compare at once. */
export async function render(main, params, { signal, setRoute }) {
  const results = h('section', { class: 'results', 'aria-live': 'polite', 'aria-label': 'Alignment' });
  show(main,
    h('h1', { tabindex: '-1' }, 'Compare priorities'),
    h('p', { class: 'lead' }, 'See which priorities of one document align with those of another: a matrix of ' +
      'scores with verdicts, how much each side covers, and what is left over. Check a draft the same way; ' +
      'the draft is not stored.'),
    loading('Loading the documents…'), results);
  let docs;
  try {
    docs = await documents();
  } catch (error) {
    if (error.name !== 'AbortError') show(main, h('h1', { tabindex: '-1' }, 'Compare priorities'), errorBox(error, 'list the documents'));
    return;
  }
  main.querySelector('.loading')?.remove();
  const options = docs.map((document) => [document.id, `${documentTitle(document)} (${document.source})`]);
  const pick = (value, fallback) => (docs.find((d) => d.id === value || d.source === value) || fallback || {}).id || '';
  const source = select(options, pick(params.source, docs[0]), { name: 'source' });
  const target = select(options, pick(params.target, docs[1] || docs[0]), { name: 'target' });
  const compareForm = h('form', { class: 'panel', 'aria-labelledby': 'compare-heading' },
    h('h2', { id: 'compare-heading' }, 'Two stored documents'),
    h('div', { class: 'toolbar' }, field('Source document', source), field('Target document', target),
      h('div', { class: 'field actions' }, h('button', { type: 'submit', class: 'primary' }, 'Compare'))));
  compareForm.addEventListener('submit', (event) => {
    event.preventDefault();
    setRoute('compare', { source: source.value, target: target.value });
    compareDocuments(results, source.value, target.value, docs, signal).then(() => reveal(results));
  });

  const draftText = h('textarea', { name: 'text', rows: '7', class: 'wide',
    placeholder: 'Paste the draft here, for example:\n\nOur priorities\n1. Prevention and early intervention\n2. Good mental health for all' });
  const draftFile = h('input', { type: 'file', name: 'file', accept: '.txt,.md,.markdown,.html,.htm,.pdf,.docx' });
  const draftTarget = select(options, pick(params.target, docs[0]), { name: 'target' });
  const draftForm = h('form', { 'aria-labelledby': 'draft-heading' },
    field('Draft text', draftText, 'Paste the draft, or choose a file below (the file is used when both are given).'),
    h('div', { class: 'toolbar' },
      field('Or a draft file', draftFile, '.txt, .md, .html, .pdf or .docx'),
      field('Check against', draftTarget),
      h('div', { class: 'field actions' }, h('button', { type: 'submit', class: 'primary' }, 'Check draft'))));
  draftForm.addEventListener('submit', (event) => {
    event.preventDefault();
    setRoute('compare', { mode: 'draft', target: draftTarget.value });
    checkDraft(results, draftText.value, draftFile.files[0], draftTarget.value, docs, signal).then(() => reveal(results));
  });
  const draftPanel = h('details', { class: 'panel draft-panel', open: params.mode === 'draft' },
    h('summary', {}, h('h2', { id: 'draft-heading' }, 'Or check a draft against a stored document')), draftForm);
  results.before(compareForm, draftPanel);
  if (params.source && params.target) compareDocuments(results, params.source, params.target, docs, signal);
}

/** Bring the answer (or the error) into view: it appears below the forms. */
function reveal(results) {
  if (results.isConnected) results.scrollIntoView({ block: 'start' });
}

async function compareDocuments(results, sourceId, targetId, docs, signal) {
  show(results, loading('Aligning the priorities of the two documents…',
    'The first comparison loads the language model; that takes a few seconds.'));
  results.setAttribute('aria-busy', 'true');
  try {
    const answer = await getJSON(`${API}/alignment`, { source: sourceId, target: targetId }, signal);
    show(results, ...alignmentView(answer, docs, null));
  } catch (error) {
    if (error.name !== 'AbortError') show(results, errorBox(error, 'compare the two documents'));
  } finally {
    results.removeAttribute('aria-busy');
  }
}

async function checkDraft(results, text, file, targetId, docs, signal) {
  if (!file && !text.trim()) {
    show(results, errorBox(new Error('The draft is empty: paste its text or choose a file, then check again.'),
      'check the draft'));
    return;
  }
  show(results, loading(file ? `Reading ${file.name} and aligning its priorities…` : 'Aligning the draft’s priorities…',
    'Reading a draft and the first comparison can take a few seconds.'));
  results.setAttribute('aria-busy', 'true');
  try {
    let answer;
    if (file) {
      const form = new FormData();
      form.append('file', file, file.name);
      form.append('target', targetId);
      answer = await postForm(`${API}/alignment/check`, form, signal);
    } else {
      answer = await postJSON(`${API}/alignment/check`, { text, target: targetId }, signal);
    }
    show(results, ...alignmentView(answer, docs, file ? file.name : 'the pasted draft'));
  } catch (error) {
    if (error.name !== 'AbortError') show(results, errorBox(error, 'check the draft'));
  } finally {
    results.removeAttribute('aria-busy');
  }
}

/** Priorities in document order (by their first line), each once. */
function ordered(priorities) {
  const unique = new Map();
  for (const priority of priorities) if (!unique.has(priority.id)) unique.set(priority.id, priority);
  const line = (priority) => (priority.evidence && priority.evidence[0] ? priority.evidence[0].line_start : Infinity);
  return [...unique.values()].sort((a, b) => line(a) - line(b) || a.label.localeCompare(b.label));
}

/** The alignment answer as a summary, coverage figures, the matrix and the left-over lists. */
export function alignmentView(answer, docs, draftName) {
  const titles = new Map(docs.map((document) => [document.id, document]));
  const draft = answer.source_document;
  const sourceName = draftName
    ? `Draft “${draft ? documentTitle(draft) : draftName}”${draft && draft.source ? ` (${draft.source})` : ''}`
    : documentTitle(titles.get(answer.source)) || answer.source;
  const targetName = documentTitle(titles.get(answer.target)) || answer.target;
  const sources = ordered([...answer.pairs.map((pair) => pair.source_priority), ...answer.unaligned_source]);
  const targets = ordered([...answer.pairs.map((pair) => pair.target_priority), ...answer.uncovered_target]);
  const aligned = sources.length - answer.unaligned_source.length;
  const covered = targets.length - answer.uncovered_target.length;
  const stored = (priority) => titles.has(priority.document);
  const parts = [
    h('h2', { class: 'result-title' }, `${sourceName} → ${targetName}`),
    h('div', { class: 'coverage', role: 'group', 'aria-label': 'Coverage' },
      h('div', { class: 'figure', dataset: { figure: 'source_aligned' } },
        h('span', { class: 'figure-value' }, percent(answer.coverage.source_aligned)),
        h('span', { class: 'figure-label' }, `of the source’s priorities align with a target priority (${aligned} of ${sources.length})`)),
      h('div', { class: 'figure', dataset: { figure: 'target_covered' } },
        h('span', { class: 'figure-value' }, percent(answer.coverage.target_covered)),
        h('span', { class: 'figure-label' }, `of the target’s priorities are covered by the source (${covered} of ${targets.length})`))),
  ];
  if (!sources.length) {
    parts.push(notice(draftName
      ? 'No priorities were found in the draft. Number them (1. 2. 3.) or list them under a heading such as “Our priorities”.'
      : 'The source document states no priorities, so there is nothing to align.'));
  }
  if (!targets.length) parts.push(notice('The target document states no priorities.'));
  if (sources.length && targets.length) parts.push(matrixView(answer, sources, targets, stored));
  parts.push(h('div', { class: 'leftovers' },
    leftoverList('Source priorities not aligned with any target priority', 'unaligned-source', answer.unaligned_source, stored),
    leftoverList('Target priorities no source priority covers', 'uncovered-target', answer.uncovered_target, stored)));
  return parts;
}

function priorityName(priority, stored) {
  const text = [priority.number ? `${priority.number} ` : '', priority.label].join('');
  return stored(priority) ? link(`#/entity/${encodeURIComponent(priority.id)}`, text) : h('span', {}, text);
}

function matrixView(answer, sources, targets, stored) {
  const cells = new Map(answer.pairs.map((pair) => [`${pair.source_priority.id}|${pair.target_priority.id}`, pair]));
  const detail = h('div', { class: 'pair-detail', 'aria-live': 'polite' },
    h('p', { class: 'hint' }, 'Choose a cell to read the two priorities and the evidence behind the score.'));
  const table = h('table', { class: 'matrix', 'aria-describedby': 'matrix-caption' },
    h('caption', { id: 'matrix-caption' }, `Alignment scores: ${sources.length} source priorities (rows) × ` +
      `${targets.length} target priorities (columns)`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'corner' }, 'Source ↓ / Target →'),
      targets.map((target, index) => h('th', { scope: 'col', class: 'col-head', title: target.text || target.label },
        h('span', { class: 'col-index' }, `T${index + 1}`), h('span', { class: 'col-label' }, target.label))))),
    h('tbody', {}, sources.map((sourcePriority, row) => h('tr', {},
      h('th', { scope: 'row', class: 'row-head' }, h('span', { class: 'col-index' }, `S${row + 1}`), ' ',
        priorityName(sourcePriority, stored)),
      targets.map((target) => {
        const pair = cells.get(`${sourcePriority.id}|${target.id}`);
        if (!pair) return h('td', { class: 'cell cell-missing' }, '–');
        const value = pair.score;
        const button = h('button', {
          type: 'button', class: 'cell-button',
          'aria-label': `${sourcePriority.label} and ${target.label}: score ${score(value)}, ${pair.verdict}`,
          on: { click: () => { showPair(detail, pair, stored); markChosen(table, cell); } },
        }, h('span', { class: 'cell-score' }, score(value)), h('span', { class: 'cell-mark', 'aria-hidden': 'true' }, MARK[pair.verdict]));
        const cell = h('td', {
          class: `cell verdict-cell-${pair.verdict}`, dataset: { score: value, verdict: pair.verdict },
          style: heat(value), title: `${sourcePriority.label} ↔ ${target.label}: ${score(value)} (${pair.verdict})`,
        }, button);
        return cell;
      })))));
  const legend = h('p', { class: 'legend' }, 'Darker is a higher score (0 to 0.8 and above). ',
    Object.entries(VERDICTS).map(([verdict, title]) =>
      h('span', { class: `legend-item verdict-cell-${verdict}` }, MARK[verdict] ? `${MARK[verdict]} ` : '', title)));
  return h('section', { class: 'matrix-section', 'aria-label': 'Alignment matrix' },
    h('h3', {}, 'Alignment matrix'), legend, h('div', { class: 'matrix-scroll', tabindex: '0', role: 'region',
      'aria-label': 'Alignment matrix, scrolls sideways' }, table), detail);
}

/** A blue whose darkness follows the score (0 light, 1 dark); white text on the darker cells. */
function heat(value) {
  // scores above 0.8 are rare; spreading 0-0.8 over the scale keeps the differences visible
  const clamped = Math.max(0, Math.min(1, (value || 0) / 0.8));
  const lightness = Math.round(97 - clamped * 62);
  return `background-color: hsl(212, 72%, ${lightness}%); color: ${lightness < 60 ? '#fff' : '#102a43'}`;
}

function markChosen(table, cell) {
  table.querySelectorAll('.cell.chosen').forEach((other) => other.classList.remove('chosen'));
  cell.classList.add('chosen');
}

function showPair(detail, pair, stored) {
  const side = (title, priority) => h('div', { class: 'pair-side' }, h('h4', {}, title),
    h('p', {}, priorityName(priority, stored)),
    (priority.evidence || []).slice(0, 2).map((evidence) => h('div', { class: 'quoted' },
      h('blockquote', { class: 'quote' }, evidence.quote),
      stored(priority) ? sourceLink(evidence, 'Source, ') : h('span', { class: 'meta' }, `draft, ${lineSpan(evidence)}`))));
  show(detail,
    h('h3', {}, `Score ${score(pair.score)} · `, h('span', { class: `verdict verdict-${pair.verdict}` }, VERDICTS[pair.verdict])),
    h('div', { class: 'pair-sides' }, side('Source priority', pair.source_priority), side('Target priority', pair.target_priority)));
}

function leftoverList(title, key, priorities, stored) {
  return h('section', { class: `leftover ${key}` }, h('h3', {}, `${title} (${priorities.length})`),
    priorities.length ? h('ul', {}, ordered(priorities).map((priority) => h('li', {}, priorityName(priority, stored))))
      : notice('None.'));
}
