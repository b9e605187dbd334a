// Talking to the JSON API under /api/v1, and the few answers the page keeps (documents,
// organisations, entity labels). Every failure becomes an ApiError whose message is words a
// reader can act on: the API's own {"error": {"code", "message"}}, or what happened to the request.

export const API = '/api/v1';

/** What went wrong with a request: `code` and `message` as the API answered them. */
export class ApiError extends Error {
  constructor(message, code = '', status = 0) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

/** A URL with its query string; empty values are left out. */
export function url(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, value);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

async function request(path, options = {}) {
  let response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' }, ...options });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError('The server did not answer. Check that it is still running (make run) and try again.',
      'no_answer');
  }
  let body = null;
  try {
    body = await response.json();
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    body = null;
  }
  if (!response.ok) {
    const problem = body && body.error;
    if (problem && problem.message) throw new ApiError(problem.message, problem.code || '', response.status);
    throw new ApiError(`The server answered ${response.status} ${response.statusText || ''} without saying why.`.trim(),
      'http_error', response.status);
  }
  if (body === null) throw new ApiError('The server answered something that is not JSON.', 'not_json', response.status);
  return body;
}

/** GET path?params as JSON. */
export function getJSON(path, params = {}, signal = undefined) {
  return request(url(path, params), { signal });
}

/** POST a JSON body. */
export function postJSON(path, body, signal = undefined) {
  return request(path, {
    method: 'POST', signal, body: JSON.stringify(body),
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
  });
}

/** POST a multipart form (the browser sets the boundary). */
export function postForm(path, form, signal = undefined) {
  return request(path, { method: 'POST', signal, body: form });
}

// ------------------------------------------------------------------ answers kept for the session
let documentsPromise = null;
let organisationsPromise = null;
const entities = new Map(); // id -> entity (without edges)
const documentEntities = new Map(); // document id -> Promise of its entities

/** Every stored document, in the API's order (asked once). */
export function documents() {
  if (!documentsPromise) {
    documentsPromise = getJSON(`${API}/documents`).then((answer) => {
      answer.items.forEach((document) => entities.set(document.id, document));
      return answer.items;
    }).catch((error) => { documentsPromise = null; throw error; });
  }
  return documentsPromise;
}

/** Every organisation (asked once). */
export function organisations() {
  if (!organisationsPromise) {
    organisationsPromise = getJSON(`${API}/entities`, { type: 'organisation', limit: 1000 }).then((answer) => {
      answer.items.forEach((organisation) => entities.set(organisation.id, organisation));
      return answer.items.slice().sort((a, b) => a.label.localeCompare(b.label));
    }).catch((error) => { organisationsPromise = null; throw error; });
  }
  return organisationsPromise;
}

/** Everything a document states (asked once per document). */
export function entitiesOf(documentId) {
  if (!documentEntities.has(documentId)) {
    const answer = getJSON(`${API}/entities`, { document: documentId, limit: 1000 }).then((page) => {
      page.items.forEach((entity) => { if (!entities.has(entity.id)) entities.set(entity.id, entity); });
      return page.items;
    }).catch((error) => { documentEntities.delete(documentId); throw error; });
    documentEntities.set(documentId, answer);
  }
  return documentEntities.get(documentId);
}

/** Remember entities the page was given (e.g. in an answer), so their labels need no request. */
export function remember(...records) {
  for (const record of records.flat()) if (record && record.id && !entities.has(record.id)) entities.set(record.id, record);
}

/** A remembered entity, or undefined. */
export function known(id) {
  return entities.get(id);
}

/**
 * The entities behind `ids`, as a Map id -> entity (ids that cannot be found are left out).
 * Documents and organisations come from their lists, the rest from the documents named in
 * `documentIds`, and what is still missing one by one (at most `most`, a few at a time).
 */
export async function resolve(ids, documentIds = [], signal = undefined, most = 80) {
  const wanted = [...new Set(ids)];
  const needs = (prefix) => wanted.some((id) => id.startsWith(prefix) && !entities.has(id));
  const lists = [];
  if (needs('doc-')) lists.push(documents());
  if (needs('org-')) lists.push(organisations());
  for (const documentId of new Set(documentIds.filter(Boolean))) if (needs('')) lists.push(entitiesOf(documentId));
  await Promise.allSettled(lists);
  const missing = wanted.filter((id) => !entities.has(id)).slice(0, most);
  const queue = missing.slice();
  const worker = async () => {
    while (queue.length) {
      const id = queue.shift();
      try {
        const entity = await getJSON(`${API}/entities/${encodeURIComponent(id)}`, {}, signal);
        delete entity.edges;
        entities.set(id, entity);
      } catch (error) {
        if (error.name === 'AbortError') throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(6, queue.length) }, worker));
  return new Map(wanted.filter((id) => entities.has(id)).map((id) => [id, entities.get(id)]));
}

/** A document's title for headings: its title, else its source file name, else its id. */
export function documentTitle(document) {
  if (!document) return '';
  return document.title || document.label || document.source || document.id;
}
