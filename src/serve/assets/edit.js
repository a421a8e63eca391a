// baocao serve: the facts table (search, edit a value, unit or meaning) and the file editor.
'use strict';

/** Lower case without Vietnamese diacritics: "Tỷ lệ hộ nghèo" matches "ty le ho ngheo". */
function fold(s) {
  return String(s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();
}

const Facts = {
  data: null,
  editing: null,
  loading: null,

  /** Loads the facts (once at a time: callers share the load under way). */
  load() {
    if (!this.loading) {
      this.loading = api('/api/facts')
        .then((data) => { this.data = data; this.render(); })
        .catch((e) => $('fact-count').replaceChildren(errorBlock(e)))
        .finally(() => { this.loading = null; });
    }
    return this.loading;
  },

  show() { if (!this.data) this.load(); else this.render(); },

  matches() {
    const words = fold($('fact-search').value).split(/\s+/).filter(Boolean);
    return this.data.facts.filter((f) => {
      const hay = fold(`${f.key} ${f.value} ${f.unit} ${f.meaning || ''} ${f.period || ''}`);
      return words.every((w) => hay.includes(w));
    });
  },

  render() {
    if (!this.data) return;
    const all = this.matches();
    const shown = all.slice(0, 200);
    $('fact-count').textContent = T('ui-ed-facts', { n: all.length }) + (all.length > shown.length ? ` (${T('ui-ed-first', { n: shown.length })})` : '');
    const rows = [];
    for (const f of shown) {
      const pages = [...new Set(f.printed.map((p) => p.page).filter(Boolean))];
      rows.push(el('tr', { 'data-key': f.key, class: this.editing === f.key ? 'editing' : null },
        el('td', {}, f.meaning ? el('div', { class: 'meaning' }, f.meaning) : null, el('div', { class: 'key' }, f.key)),
        el('td', { class: 'num' }, String(f.value)),
        el('td', {}, f.unit),
        el('td', {}, pages.length ? pages.map((n, i) => [i ? ', ' : '',
          el('button', { type: 'button', class: 'link', onclick: () => App.showPrinting(f, n) }, String(n))]) : T('ui-ed-not-printed')),
        el('td', {}, el('button', { type: 'button', 'aria-label': T('ui-ed-edit-key', { key: f.key }), onclick: () => this.edit(f.key) }, T('ui-ed-edit')))));
      if (this.editing === f.key) {
        // the same form across renders (a build while typing keeps what is typed and the message)
        if (!this.formRow || this.formRow.dataset.key !== f.key) this.formRow = this.form(f);
        rows.push(this.formRow);
      }
    }
    $('fact-table').tBodies[0].replaceChildren(...rows);
  },

  close() { this.editing = null; this.formRow = null; this.render(); },

  async edit(key) {
    showView('facts');
    if (!this.data) await this.load();
    if (!this.data.facts.some((f) => f.key === key)) return;
    if (this.editing !== key) this.formRow = null;
    this.editing = key;
    $('fact-search').value = key;
    this.render();
    const input = document.querySelector('#fact-table .edit-form input');
    if (input) { input.focus(); input.select(); input.scrollIntoView({ block: 'center' }); }
  },

  form(f) {
    const value = el('input', { id: 'edit-value', value: String(f.value), inputmode: 'decimal', autocomplete: 'off' });
    const unit = el('input', { id: 'edit-unit', value: f.unit, autocomplete: 'off' });
    const meaning = el('input', { id: 'edit-meaning', value: f.meaning || '', autocomplete: 'off' });
    const out = el('div', { role: 'status', 'aria-live': 'polite' });
    const save = async () => {
      out.replaceChildren(el('div', { class: 'spinner' }, T('ui-ed-checking')));
      let current = this.data.versions[f.defined.path];
      const now = this.data.facts.find((x) => x.key === f.key) || f;
      const changes = [['value', value.value, String(now.value)], ['unit', unit.value, now.unit], ['meaning', meaning.value, now.meaning || '']]
        .filter(([, now, was]) => now.trim() !== was.trim());
      if (!changes.length) { out.replaceChildren(el('div', { class: 'message ok' }, T('ui-ed-unchanged'))); return; }
      try {
        let warnings = [];
        for (const [field, now] of changes) {
          const r = await post('/api/fact', { key: f.key, field, value: now, version: current });
          current = r.version;
          warnings = r.warnings || [];
          this.data.versions[f.defined.path] = current;
        }
        out.replaceChildren(el('div', { class: 'message ok' }, T('ui-ed-saved-to', { path: f.defined.path })));
        if (warnings.length) out.append(el('div', { class: 'hint' }, T('ui-js-new-warnings', { n: warnings.length }) + '.'));
        this.saved = f.key;
      } catch (e) { out.replaceChildren(errorBlock(e)); }
    };
    const onKey = (event) => {
      if (event.key === 'Enter') { event.preventDefault(); save(); }
      if (event.key === 'Escape') this.close();
    };
    for (const i of [value, unit, meaning]) i.addEventListener('keydown', onKey);
    return el('tr', { class: 'editing', 'data-key': f.key }, el('td', { colspan: 5 },
      el('div', { class: 'edit-form' },
        el('label', { for: 'edit-value' }, T('ui-ed-value')), value,
        el('label', { for: 'edit-unit' }, T('ui-ed-unit')), unit,
        el('label', { for: 'edit-meaning' }, T('ui-ed-meaning')), meaning,
        el('div', { class: 'edit-actions' },
          el('button', { type: 'button', class: 'primary', id: 'edit-save', onclick: save }, T('ui-save')),
          el('button', { type: 'button', onclick: () => this.close() }, T('ui-ed-close')))),
      el('div', { class: 'hint' }, T('ui-ed-number-hint') + ' ',
        T('ui-ed-defined-at', { place: `${f.defined.path}:${f.defined.line}` })),
      out));
  },
};

App.showPrinting = (f, page) => {
  const p = f.printed.find((x) => x.page === page);
  const pg = App.status && App.status.pages[page - 1];
  const box = pg && p && pg.facts.find((b) => b.text === p.text && b.key === f.key);
  showOnPage(page, box ? box.rect : null);
};

$('fact-search').addEventListener('input', () => Facts.render());
App.onBuild(() => {
  // a table being edited keeps its form; otherwise the new figures are shown
  if (App.view === 'facts') { const keep = Facts.editing; Facts.load().then(() => { Facts.editing = keep; Facts.render(); }); }
  else Facts.data = null;
});

// ---- the file editor ----

const Editor = {
  file: null,
  dirty: false,
  files: null,

  async list() {
    if (this.files) return;
    const data = await api('/api/files');
    this.files = data.sections;
    const option = (path, label) => el('option', { value: path }, label);
    $('file-select').replaceChildren(
      el('optgroup', { label: T('ui-ed-group-sections') },
        data.sections.map((s) => option(s.path, s.heading ? `${s.path.replace('content/sections/', '')} — ${s.heading}` : s.path))),
      el('optgroup', { label: T('ui-ed-group-facts') }, data.facts.map((p) => option(p, p.replace('content/facts/', '')))),
      el('optgroup', { label: T('ui-cmp-metadata') }, option('content/report.yaml', 'report.yaml')));
  },

  /** Opens `path` at `line` (and selects `width` characters from `column`). */
  async open(path, line, column, width) {
    showView('sections');
    await this.list();
    if (this.dirty && this.file && this.file.path !== path &&
        !confirm(T('ui-ed-discard'))) return;
    let data;
    try { data = await api('/api/file?path=' + encodeURIComponent(path)); } catch (e) { $('file-status').replaceChildren(errorBlock(e)); return; }
    this.show(data);
    if (line) this.goTo(line, column, width);
    // what is open, and where (read by the tests)
    $('file-text').dataset.opened = `${path}:${line || 1}`;
  },

  show(data) {
    this.file = data;
    const text = $('file-text');
    text.value = data.text;
    this.setDirty(false);
    $('file-select').value = data.path;
    $('file-status').textContent = `${data.path} · ${T('ui-ed-loaded')}`;
    this.lists();
    this.caret();
  },

  lists() {
    const data = this.file;
    const stale = data.built_version && data.built_version !== data.version;
    $('expr-list').replaceChildren(...data.expressions.map((x) => el('li', {},
      el('button', { type: 'button', class: 'link', onclick: () => this.select(x.start, x.end) }, T('ui-ed-line', { line: x.line })), ' ',
      el('span', { class: 'expr' }, `{{ ${x.expression} }}`), ' → ', el('span', { class: 'printed' }, x.printed || T('ui-ed-unprintable')))));
    $('expr-box').hidden = !data.expressions.length;
    if (stale) $('expr-list').prepend(el('li', { class: 'hint' }, T('ui-ed-list-stale')));
    $('note-list').replaceChildren(...data.notes.map((n) => el('li', {},
      el('button', { type: 'button', class: 'link', onclick: () => this.goTo(n.line) }, T('ui-ed-line', { line: n.line })), ' ',
      n.number ? T('ui-cmp-note', { number: n.number }) : T('ui-ed-unreferenced'), ` [^${n.label}] `, n.text.replace(/^\[\^[^\]]*\]:\s*/, '').slice(0, 160))));
    $('note-box').hidden = !data.notes.length;
  },

  setDirty(d) {
    this.dirty = d;
    $('file-text').classList.toggle('dirty', d);
    if (d) $('file-status').textContent = `${this.file.path} · ${T('ui-ed-unsaved')}`;
  },

  select(start, end) {
    const t = $('file-text');
    t.focus();
    t.setSelectionRange(start, end);
    this.scrollTo(start);
    this.caret();
  },

  /** Selects line `line` (or `width` characters from `column` on it) and scrolls to it. */
  goTo(line, column, width) {
    const t = $('file-text');
    const lines = t.value.split('\n');
    let start = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) start += lines[i].length + 1;
    const lineText = lines[line - 1] || '';
    const from = column ? start + Math.min(column - 1, lineText.length) : start;
    const to = column ? Math.min(from + (width || 1), start + lineText.length) : start + lineText.length;
    this.select(from, to);
  },

  /** Scrolls the text field so that character `at` shows: the height of the text before it. */
  scrollTo(at) {
    const t = $('file-text');
    const { value, selectionStart, selectionEnd } = t;
    t.value = value.slice(0, at);
    const height = t.scrollHeight;
    t.value = value;
    t.setSelectionRange(selectionStart, selectionEnd);
    t.scrollTop = Math.max(0, height - t.clientHeight / 3);
  },

  caret() {
    const t = $('file-text');
    const at = t.selectionStart;
    const before = t.value.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    const x = this.file && !this.dirty && this.file.expressions.find((e) => e.start <= at && at <= e.end);
    $('caret-info').replaceChildren(T('ui-ed-caret', { line, column }),
      x ? [' · ', el('span', { class: 'expr' }, `{{ ${x.expression} }}`), ' in ra ', el('span', { class: 'printed' }, x.printed || '?')] : '');
  },

  async save() {
    if (!this.file) return;
    const text = $('file-text').value;
    $('file-status').textContent = T('ui-ed-saving');
    try {
      const r = await post('/api/file', { path: this.file.path, text, version: this.file.version });
      this.file.version = r.version;
      this.file.text = text;
      this.setDirty(false);
      $('file-status').textContent = `${this.file.path} · ${T('ui-ed-saved-at', { time: new Date().toLocaleTimeString(T('ui-js-locale')) })}`;
    } catch (e) { $('file-status').replaceChildren(errorBlock(e)); }
  },

  /** After a build: the lists anew and, when the text is not being edited, the file as on disk. */
  async rebuilt() {
    if (!this.file || App.view !== 'sections') { this.files = null; return; }
    // the list anew (a section added or removed meanwhile), the open file still chosen
    this.files = null;
    await this.list();
    $('file-select').value = this.file.path;
    let data;
    try { data = await api('/api/file?path=' + encodeURIComponent(this.file.path)); } catch (_) { return; }
    if (this.dirty) {
      if (data.version !== this.file.version) $('file-status').textContent = `${this.file.path} · ${T('ui-ed-changed-elsewhere')}`;
      return;
    }
    const t = $('file-text');
    const keep = [t.selectionStart, t.selectionEnd, t.scrollTop];
    this.file = data;
    if (t.value !== data.text) t.value = data.text;
    t.setSelectionRange(keep[0], keep[1]);
    t.scrollTop = keep[2];
    this.lists();
  },
};

$('file-text').addEventListener('input', () => Editor.setDirty(true));
for (const e of ['keyup', 'click', 'select']) $('file-text').addEventListener(e, () => Editor.caret());
$('file-save').addEventListener('click', () => Editor.save());
$('file-reload').addEventListener('click', () => { if (Editor.file) { Editor.dirty = false; Editor.open(Editor.file.path); } });
$('file-select').addEventListener('change', (e) => Editor.open(e.target.value));
document.addEventListener('keydown', (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's' && App.view === 'sections') {
    event.preventDefault();
    Editor.save();
  }
});
App.onBuild(() => Editor.rebuilt());
window.addEventListener('beforeunload', (event) => { if (Editor.dirty) event.preventDefault(); });
$('tab-sections').addEventListener('click', async () => {
  if (!Editor.file) { await Editor.list(); if (Editor.files && Editor.files[0]) Editor.open(Editor.files[0].path); }
});

window.Facts = Facts;
window.Editor = Editor;
