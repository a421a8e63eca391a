// baocao serve: the report view, the fact pop-up, the findings, and what the other views share.
// Content from the report is only ever put in the page as text (textContent, createElement):
// nothing it holds can become markup or script.
'use strict';

const $ = (id) => document.getElementById(id);

/** The workspace's words in the run's language (serve.ftl's `ui-…` messages, put in the page by
 *  the server): `T('ui-js-pages', { n: 3 })`; the singular form when `n` is 1 and it differs. */
const UI = JSON.parse(($('ui-text') && $('ui-text').textContent) || '{}');
function T(id, args) {
  const a = args || {};
  const text = (a.n === 1 && UI[id + '#one']) || UI[id] || id;
  return text.replace(/\{\s*\$([a-z_]+)\s*\}/g, (m, k) => (k in a ? String(a[k]) : m));
}

/** An element with attributes (`on…` are listeners) and children (strings become text). */
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** JSON from the API; throws {status, body} on an error answer. */
async function api(path, options) {
  const response = await fetch(path, Object.assign({ credentials: 'same-origin' }, options || {}));
  let body = null;
  try { body = await response.json(); } catch (_) { body = null; }
  if (!response.ok) throw { status: response.status, body };
  return body;
}

function post(path, data) {
  return api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(data) });
}

/** An error answer as a message block. */
function errorBlock(e) {
  const body = (e && e.body) || {};
  const details = body.details || [];
  return el('div', { class: 'message error', role: 'alert' },
    body.error || T('ui-js-error', { status: (e && e.status) || T('ui-js-connection') }),
    details.length ? el('ul', {}, details.map((d) => el('li', {}, d))) : null,
    (body.help || []).map((h) => el('div', {}, h)));
}

const App = {
  status: null,
  view: 'report',
  listeners: [],
  onBuild(f) { this.listeners.push(f); },
};

// ---- views ----

function showView(name) {
  App.view = name;
  for (const tab of document.querySelectorAll('nav [role=tab]')) {
    tab.setAttribute('aria-selected', String(tab.dataset.view === name));
  }
  for (const v of ['report', 'facts', 'sections', 'findings', 'compare']) $('view-' + v).hidden = v !== name;
  document.body.classList.toggle('wide', name === 'compare');
  if (name === 'findings') loadFindings();
  if (name === 'facts' && window.Facts) window.Facts.show();
  if (name === 'compare' && window.Compare) window.Compare.show();
}

for (const tab of document.querySelectorAll('nav [role=tab]')) {
  tab.addEventListener('click', () => showView(tab.dataset.view));
}

// ---- status and live updates ----

async function refresh() {
  let status;
  try { status = await api('/api/status'); } catch (e) { return; }
  App.status = status;
  const s = $('build-status');
  s.classList.toggle('failed', !status.ok);
  if (!status.pages.length && status.ok) s.textContent = T('ui-building');
  else if (status.ok) {
    s.textContent = T('ui-js-updated', { time: new Date().toLocaleTimeString(T('ui-js-locale')) }) +
      ` · ${T('ui-js-pages', { n: status.pages.length })} · ${status.millis} ms` +
      (status.warnings ? ` · ${T('ui-js-warnings', { n: status.warnings })}` : '');
  } else s.textContent = T('ui-js-build-failed');
  const errors = $('errors');
  errors.replaceChildren();
  errors.hidden = status.ok;
  if (!status.ok) {
    errors.append(el('strong', {}, T('ui-js-errors', { n: status.errors.length })));
    for (const f of status.errors) errors.append(findingItem(f, false, 'pre'));
  }
  if (status.title) document.title = status.title + ' — baocao';
  const figures = status.pages.reduce((n, p) => n + p.facts.length, 0);
  $('overview').replaceChildren(
    status.title ? el('h3', {}, status.title) : null,
    el('ul', {},
      el('li', {}, `${T('ui-js-pages', { n: status.pages.length })}, ${T('ui-js-printings', { n: figures })}`),
      el('li', {}, status.warnings ? T('ui-js-new-warnings', { n: status.warnings }) : T('ui-js-no-new-warnings')),
      el('li', {}, T('ui-js-pdf-file'))));
  renderPages(status.pages);
  for (const f of App.listeners) f(status);
}

function listen() {
  const source = new EventSource('/api/events');
  source.addEventListener('build', (event) => {
    const generation = Number(event.data);
    if (!App.status || generation !== App.status.generation) refresh();
  });
}

// ---- pages ----

const pageDivs = [];
const visible = new Set();
const observer = new IntersectionObserver((entries) => {
  for (const e of entries) {
    const n = Number(e.target.dataset.n);
    if (e.isIntersecting) visible.add(n); else visible.delete(n);
  }
}, { root: $('pages'), rootMargin: '200px' });

function pageUrl(p) { return `/api/page?n=${p.n}&d=${p.digest}`; }

function renderPages(pages) {
  const container = $('pages');
  while (pageDivs.length > pages.length) {
    const div = pageDivs.pop();
    observer.unobserve(div);
    div.remove();
  }
  pages.forEach((p, i) => {
    let div = pageDivs[i];
    if (!div) {
      const img = el('img', { alt: `Trang ${p.n}`, loading: i < 2 ? 'eager' : 'lazy', decoding: 'async', draggable: 'false' });
      img.addEventListener('click', (event) => clickPage(div, event));
      div = el('div', { class: 'page', 'data-n': p.n }, el('span', { class: 'label' }, `Trang ${p.n}`), img);
      container.append(div);
      pageDivs.push(div);
      observer.observe(div);
    }
    div.style.aspectRatio = `${p.width} / ${p.height}`;
    div.dataset.width = p.width;
    div.dataset.height = p.height;
    const img = div.querySelector('img');
    if (div.dataset.digest !== p.digest) {
      div.dataset.digest = p.digest;
      if (img.getAttribute('src') && visible.has(p.n)) {
        // swap when the new drawing is there: no blank page while it loads
        const next = new Image();
        next.onload = () => { if (div.dataset.digest === p.digest) img.src = next.src; };
        next.src = pageUrl(p);
      } else img.src = pageUrl(p);
    }
    for (const b of div.querySelectorAll('.fact')) b.remove();
    for (const f of p.facts) {
      const [x0, y0, x1, y1] = f.rect;
      const b = el('button', { type: 'button', class: 'fact', 'aria-label': T('ui-js-fact-label', { key: f.key, text: f.text || '' }), title: f.key,
        onclick: () => showUse(p.n, f.rect, x0 + 0.5, (y0 + y1) / 2) });
      Object.assign(b.style, {
        left: (x0 / p.width * 100) + '%', top: (y0 / p.height * 100) + '%',
        width: ((x1 - x0) / p.width * 100) + '%', height: ((y1 - y0) / p.height * 100) + '%',
      });
      div.append(b);
    }
  });
}

async function clickPage(div, event) {
  const img = event.currentTarget;
  const x = event.offsetX / img.clientWidth * Number(div.dataset.width);
  const y = event.offsetY / img.clientHeight * Number(div.dataset.height);
  const n = Number(div.dataset.n);
  const hit = await api(`/api/hit?page=${n}&x=${x.toFixed(2)}&y=${y.toFixed(2)}`);
  if (hit.kind === 'fact') showFact(hit);
  else if (hit.kind === 'text' && hit.path) window.Editor.open(hit.path, hit.line);
}

async function showUse(n, rect, x, y) {
  const hit = await api(`/api/hit?page=${n}&x=${x.toFixed(2)}&y=${y.toFixed(2)}`);
  if (hit.kind === 'fact') showFact(hit);
}

/** Scrolls to page `n` and marks the box `rect` (points) for a moment. */
function showOnPage(n, rect) {
  const div = pageDivs[n - 1];
  if (!div) return;
  const w = Number(div.dataset.width), h = Number(div.dataset.height);
  const pages = $('pages');
  const top = rect ? rect[1] / h * div.clientHeight : 0;
  pages.scrollTo({ top: div.offsetTop - pages.offsetTop + top - 120, behavior: 'auto' });
  if (rect) {
    const f = el('div', { class: 'flash' });
    Object.assign(f.style, { left: (rect[0] / w * 100) + '%', top: (rect[1] / h * 100) + '%',
      width: ((rect[2] - rect[0]) / w * 100) + '%', height: ((rect[3] - rect[1]) / h * 100) + '%' });
    div.append(f);
    setTimeout(() => f.remove(), 2600);
  }
}

// ---- a fact ----

function valueText(f) { return `${f.value}${f.unit ? ' ' + f.unit : ''}`; }

function placeButton(p) {
  return el('button', { type: 'button', class: 'link', onclick: () => window.Editor.open(p.path, p.line) }, `${p.path}:${p.line}`);
}

function factCard(f, use) {
  const printed = f.printed || [];
  return el('div', { class: 'card' },
    el('div', { class: 'key' }, f.key),
    el('div', { class: 'value' }, valueText(f)),
    f.meaning ? el('div', {}, f.meaning) : null,
    el('dl', {},
      f.period ? [el('dt', {}, T('ui-js-period')), el('dd', {}, f.period)] : null,
      f.estimate ? [el('dt', {}, T('ui-js-note')), el('dd', {}, T('ui-js-estimate'))] : null,
      f.target ? [el('dt', {}, T('ui-js-note')), el('dd', {}, T('ui-js-target'))] : null,
      el('dt', {}, T('ui-js-defined-at')), el('dd', {}, placeButton(f.defined)),
      use ? [el('dt', {}, T('ui-js-clicked')), el('dd', {}, el('span', { class: 'expr' }, `{{ ${use.expression} }}`), ' → ',
        el('span', { class: 'printed' }, use.printed || '')), ] : null),
    el('div', {}, T('ui-js-printed-at', { n: printed.length })),
    el('ol', { class: 'places' }, printed.map((p) => el('li', {},
      p.page ? el('button', { type: 'button', class: 'link', onclick: () => goToPrinting(p) }, `trang ${p.page}`) : 'trang ?',
      ' · ', placeButton(p), ' · “', p.text, '”'))),
    el('div', { class: 'actions' },
      el('button', { type: 'button', onclick: () => window.Facts.edit(f.key) }, T('ui-js-edit-fact'))));
}

async function goToPrinting(p) {
  // the box of that printing: the fact boxes of its page, by the use's text
  const page = App.status && App.status.pages[p.page - 1];
  const box = page && page.facts.find((f) => f.text === p.text);
  showOnPage(p.page, box ? box.rect : null);
}

function showFact(hit) {
  showView('report');
  const detail = $('fact-detail');
  detail.replaceChildren(...hit.facts.map((f) => factCard(f, hit.use)));
  detail.querySelector('button')?.focus();
}

// ---- findings ----

/** What a finding code finds, in the language of the run (the catalogue's `code-…`). */
const codeTitle = (code) => UI['code-' + code] || code;

function findingItem(f, known, tag) {
  const loc = f.location;
  const sev = known ? el('span', { class: 'sev known' }, T('ui-js-known'))
    : el('span', { class: 'sev ' + f.severity }, f.severity === 'error' ? T('ui-js-error-word') : T('ui-js-warning-word'));
  return el(tag || 'li', {},
    sev, el('strong', {}, codeTitle(f.code)), ' ', el('code', {}, f.code),
    el('div', {}, f.message),
    loc ? el('div', { class: 'where' }, `${loc.path}:${loc.line}:${loc.column} — `, loc.line_text.slice(Math.max(0, loc.column - 40), loc.column + 60)) : null,
    f.help ? el('div', { class: 'where' }, T('ui-js-help') + ' ', f.help) : null,
    el('div', { class: 'actions' },
      loc ? el('button', { type: 'button', class: 'link', onclick: () => window.Editor.open(loc.path, loc.line, loc.column, loc.width) }, T('ui-js-open-in-editor')) : null,
      f.page ? el('button', { type: 'button', class: 'link', onclick: () => showOnPage(f.page, f.rect) }, T('ui-js-see-on-page', { page: f.page })) : null));
}

async function loadFindings() {
  let data;
  try { data = await api('/api/findings'); } catch (e) { $('finding-summary').replaceChildren(errorBlock(e)); return; }
  $('finding-summary').textContent = T('ui-js-findings', { n: data.findings.length, known: data.baselined.length }) +
    (data.findings.length ? '' : ' ' + T('ui-js-nothing-new'));
  $('finding-list').replaceChildren(...data.findings.map((f) => findingItem(f, false)));
  $('known-summary').textContent = T('ui-js-known-in-baseline', { n: data.baselined.length });
  $('known-list').replaceChildren(...data.baselined.map((f) => findingItem(f, true)));
}

App.onBuild(() => { if (App.view === 'findings') loadFindings(); });

// a fault of the page itself is shown, not swallowed
function pageFault(message) {
  const errors = $('errors');
  errors.hidden = false;
  errors.append(el('pre', { class: 'fault' }, T('ui-js-page-fault', { message })));
}
window.addEventListener('error', (e) => pageFault(`${e.message} (${e.filename}:${e.lineno})`));
window.addEventListener('unhandledrejection', (e) => {
  const r = e.reason;
  pageFault(r && r.body && r.body.error ? r.body.error : (r && r.stack) || String(r && r.status ? 'HTTP ' + r.status : r));
});

window.App = App;
window.addEventListener('DOMContentLoaded', () => { showView('report'); refresh().then(listen); });
