// Building the page's elements. Text from documents is only ever set as text (textContent or text
// nodes), never parsed as HTML, so a quote containing "<script>" shows as those characters.

/**
 * Make an element.
 *
 * h('a', {href: '#/ask', class: 'tab'}, 'Ask') — attributes are set with setAttribute, except
 * `class`, `dataset` (an object), `on` (an object of event listeners) and boolean properties
 * (`hidden`, `disabled`, `checked`, `selected`, `open`); children are nodes, strings (as text),
 * numbers, arrays of those, or null/undefined/false (skipped).
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name === 'on') {
      for (const [event, listener] of Object.entries(value)) element.addEventListener(event, listener);
    } else if (['hidden', 'disabled', 'checked', 'selected', 'open', 'required', 'multiple'].includes(name)) {
      element[name] = Boolean(value);
    } else if (name === 'value') element.value = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** Append children (nodes, strings as text, arrays, skipping empty ones) to `parent`. */
export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Remove every child of `node`. */
export function clear(node) {
  node.replaceChildren();
  return node;
}

/** Replace the children of `node` with `children`. */
export function show(node, ...children) {
  clear(node);
  return append(node, children);
}

/**
 * A loading indicator that says what is being waited for; screen readers hear it (role=status).
 * `slow` adds why it may take a while.
 */
export function loading(message, slow = '') {
  return h('div', { class: 'loading', role: 'status', 'aria-live': 'polite' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }),
    h('span', {}, message),
    slow ? h('span', { class: 'hint' }, ` ${slow}`) : null);
}

/**
 * An error in words: what was being done, what went wrong (the API's message) and its code.
 * Announced at once by screen readers (role=alert).
 */
export function errorBox(error, doing = '') {
  const text = error && error.message ? error.message : String(error);
  const message = text.charAt(0).toUpperCase() + text.slice(1);
  return h('div', { class: 'error', role: 'alert' },
    h('p', { class: 'error-title' }, doing ? `Could not ${doing}.` : 'Something went wrong.'),
    h('p', { class: 'error-message' }, message),
    error && error.code ? h('p', { class: 'hint' }, `Error code: ${error.code}` +
      (error.status ? ` (HTTP ${error.status})` : '')) : null);
}

/** A short notice (not an error), e.g. "No initiatives found". */
export function notice(text) {
  return h('p', { class: 'notice' }, text);
}

/** A label/value pair for a definition list. */
export function fact(term, ...value) {
  return [h('dt', {}, term), h('dd', {}, ...value)];
}

/** A score from 0 to 1 as a fixed two-decimal string. */
export function score(value) {
  return typeof value === 'number' ? value.toFixed(2) : '–';
}

/** A share from 0 to 1 as a whole percentage, e.g. "71%". */
export function percent(value) {
  return typeof value === 'number' ? `${Math.round(value * 100)}%` : '–';
}

/** "line 12" or "lines 12–14". */
export function lineSpan(evidence) {
  return evidence.line_start === evidence.line_end
    ? `line ${evidence.line_start}` : `lines ${evidence.line_start}–${evidence.line_end}`;
}

/** A hash link within the page, e.g. link('#/entity/pri-1', 'Mental health'). */
export function link(href, text, attributes = {}) {
  return h('a', { href, ...attributes }, text);
}

/** A type badge, coloured per entity type in style.css. */
export function typeBadge(type) {
  return h('span', { class: `badge type-${type}` }, type);
}

/** A labelled form control wrapped with its <label>. */
export function field(labelText, control, hint = '') {
  if (!control.id) control.id = `f-${Math.random().toString(36).slice(2, 9)}`;
  const hintNode = hint ? h('span', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
  if (hintNode) control.setAttribute('aria-describedby', hintNode.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, labelText), hintNode, control);
}

/** A <select> whose options are [value, text] pairs; `selected` picks one. */
export function select(options, selected = '', attributes = {}) {
  return h('select', attributes, options.map(([value, text]) =>
    h('option', { value, selected: String(value) === String(selected ?? '') }, text)));
}
