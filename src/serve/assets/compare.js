// baocao serve: two versions compared, as `baocao diff` compares them (its JSON, docs/diff-json.md).
'use strict';

const KINDS = Object.fromEntries(['added', 'removed', 'changed', 'renamed', 'renumbered', 'inserted', 'deleted',
  'replaced', 'moved'].map((k) => [k, T('ui-cmp-kind-' + k)]));

function place(p, side) {
  if (!p) return null;
  const where = `${p.path}:${p.line}` + (p.page ? ` (${p.page_line ? T('ui-cmp-page-line', { page: p.page, line: p.page_line }) : T('ui-cmp-page', { page: p.page })})` : '');
  // a NEW place of the project as it is now opens in the editor
  if (side === 'new' && Compare.newIsCurrent && p.path && !p.path.endsWith('.pdf')) {
    return el('button', { type: 'button', class: 'link', onclick: () => Editor.open(p.path, p.line) }, where);
  }
  return el('span', {}, where);
}

function showValue(v) {
  if (!v) return '—';
  return `${v.value}${v.unit ? ' ' + v.unit : ''}`;
}

function textChange(c) {
  const kind = c.kind;
  const body = el('div', { class: 'text' });
  if (kind === 'moved') {
    body.append(el('span', { class: 'moved-tag' }, T('ui-cmp-moved-paragraph')), ' ', c.new || c.old);
  } else {
    if (c.before) body.append(el('span', { class: 'ctx' }, '… ' + c.before + ' '));
    if (c.old) body.append(el('del', {}, c.old));
    if (c.old && c.new) body.append(' ');
    if (c.new) body.append(el('ins', {}, c.new));
    if (c.after) body.append(el('span', { class: 'ctx' }, ' ' + c.after + ' …'));
  }
  const loc = c.location || {};
  return el('div', { class: 'change ' + kind },
    el('div', { class: 'where' }, KINDS[kind] || kind, c.scope === 'block' ? ` (${T('ui-cmp-whole-paragraph')})` : '',
      c.facts && c.facts.length ? ` · ${T('ui-cmp-facts', { keys: c.facts.join(', ') })}` : '',
      loc.old ? [` · ${T('ui-cmp-old')} `, place(loc.old, 'old')] : '', loc.new ? [` · ${T('ui-cmp-new')} `, place(loc.new, 'new')] : ''),
    body);
}

const Compare = {
  loaded: false,
  newIsCurrent: false,

  async show() {
    if (this.loaded) return;
    this.loaded = true;
    let versions = [];
    try { versions = await api('/api/versions'); } catch (_) { /* typed by hand */ }
    $('version-list').replaceChildren(...versions.map((v) => el('option', { value: v.value }, v.label)));
    const git = versions.find((v) => v.label.startsWith('git '));
    // a suggestion only in a field the user has not started on
    const old = $('compare-old');
    if (!old.value && git && document.activeElement !== old) old.value = git.value;
  },

  async run() {
    const old = $('compare-old').value.trim(), now = $('compare-new').value.trim();
    const out = $('compare-result');
    out.replaceChildren(el('p', { class: 'spinner' }, T('ui-cmp-comparing')));
    for (const a of ['compare-redline', 'compare-json']) $(a).hidden = true;
    let d;
    try { d = await api(`/api/compare?old=${encodeURIComponent(old)}&new=${encodeURIComponent(now)}`); }
    catch (e) { out.replaceChildren(errorBlock(e)); return; }
    this.newIsCurrent = now === '.';
    const q = `old=${encodeURIComponent(old)}&new=${encodeURIComponent(now)}`;
    $('compare-redline').href = '/api/compare/redline?' + q;
    $('compare-json').href = '/api/compare/json?' + q;
    $('compare-redline').hidden = false;
    $('compare-json').hidden = false;
    out.replaceChildren(...this.render(d));
  },

  render(d) {
    const s = d.summary;
    const parts = [];
    parts.push(el('p', {}, T('ui-cmp-versions', { old: d.old.source + (d.old.commit ? ' (' + d.old.commit.slice(0, 7) + ')' : ''), new: d.new.source })));
    for (const line of d.sources_lines || []) parts.push(el('p', { class: 'hint' }, line));
    if (d.identical) { parts.push(el('p', { class: 'message ok' }, T('ui-cmp-identical'))); return parts; }
    parts.push(el('div', { class: 'counts' },
      el('span', {}, T('ui-cmp-count-metadata', { n: s.metadata })),
      el('span', {}, T('ui-cmp-count-facts', s.facts)),
      el('span', {}, T('ui-cmp-count-text', s.text)),
      el('span', {}, T('ui-cmp-count-footnotes', s.footnotes))));
    const by = (cat) => d.changes.filter((c) => c.category === cat);
    const meta = by('metadata');
    if (meta.length) {
      parts.push(el('h3', {}, T('ui-cmp-metadata')), el('ul', {}, meta.map((c) =>
        el('li', {}, el('code', {}, c.field), ': ', el('del', {}, JSON.stringify(c.old)), ' → ', el('ins', {}, JSON.stringify(c.new))))));
    }
    const facts = by('fact');
    if (facts.length) {
      parts.push(el('h3', {}, `${T('ui-cmp-heading-facts')} (${facts.length})`), el('div', { class: 'table-wrap' }, el('table', { id: 'compare-facts' },
        el('thead', {}, el('tr', {}, ['fact', 'change', 'old', 'new', 'printed'].map((h) => T('ui-cmp-col-' + h)).map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, facts.map((c) => el('tr', {},
          el('td', {}, el('div', { class: 'key' }, c.old_key ? `${c.old_key} → ${c.key}` : c.key),
            el('div', { class: 'meaning' }, ((c.new || c.old || {}).meaning) || '')),
          el('td', {}, KINDS[c.kind] || c.kind, c.fields && c.fields.length ? ` (${c.fields.join(', ')})` : ''),
          el('td', { class: 'num' }, el('del', {}, showValue(c.old))),
          el('td', { class: 'num' }, el('ins', {}, showValue(c.new))),
          el('td', {}, (c.printed || []).map((p, i) => [i ? '; ' : '', place(p, c.kind === 'removed' ? 'old' : 'new')]))))))));
    }
    const text = by('text');
    if (text.length) parts.push(el('h3', {}, `${T('ui-cmp-heading-text')} (${text.length})`), ...text.map(textChange));
    const notes = by('footnote');
    const renumbered = notes.filter((c) => c.kind === 'renumbered');
    const other = notes.filter((c) => c.kind !== 'renumbered');
    if (notes.length) {
      parts.push(el('h3', {}, `${T('ui-cmp-heading-footnotes')} (${notes.length})`));
      for (const c of other) {
        const num = (v) => (v ? `${T('ui-cmp-note', { number: v.number ?? '?' })} [^${v.label}]` : '');
        parts.push(el('div', { class: 'change ' + (c.kind === 'added' ? 'inserted' : c.kind === 'removed' ? 'deleted' : 'replaced') },
          el('div', { class: 'where' }, KINDS[c.kind] || c.kind, ' · ', num(c.old), c.old && c.new ? ' → ' : '', num(c.new)),
          c.changes && c.changes.length ? c.changes.map(textChange)
            : el('div', { class: 'text' }, c.old && !c.new ? el('del', {}, c.old.text) : el('ins', {}, (c.new || {}).text || ''))));
      }
      if (renumbered.length) {
        parts.push(el('details', {}, el('summary', {}, T('ui-cmp-renumbered', { n: renumbered.length })),
          el('ul', {}, renumbered.map((c) => el('li', {}, `${c.old.number} → ${c.new.number}: `, c.new.text.slice(0, 120))))));
      }
    }
    const layout = by('layout');
    if (layout.length) parts.push(el('h3', {}, T('ui-cmp-layout')), el('p', {}, T('ui-cmp-layout-changed') + ' ', layout.map((c) => c.location.new.path).join(', ')));
    return parts;
  },
};

// a PDF from this computer (the issued report): kept in the project, then chosen as the old version
$('compare-upload').addEventListener('change', async (event) => {
  const file = event.target.files[0];
  if (!file) return;
  const out = $('compare-result');
  out.replaceChildren(el('p', { class: 'spinner' }, T('ui-cmp-sending', { name: file.name })));
  try {
    const r = await api('/api/upload?name=' + encodeURIComponent(file.name),
      { method: 'POST', headers: { 'Content-Type': 'application/pdf' }, body: file });
    $('compare-old').value = r.value;
    out.replaceChildren(el('p', { class: 'hint' }, T('ui-cmp-received', { name: file.name })));
    Compare.loaded = false;
    Compare.show();
  } catch (e) { out.replaceChildren(errorBlock(e)); }
});

$('compare-form').addEventListener('submit', (event) => { event.preventDefault(); Compare.run(); });
window.Compare = Compare;
