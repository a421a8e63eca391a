//! The document walk: a .docx's XML → paragraphs of text pieces (with bold, italic, footnote
//! references, NOTEREF cross-references, tagged figures), tables, footnotes, and the list of
//! what was met but not converted (images, text boxes, fields, equations) and of the reviewers'
//! marks (tracked changes and comments, with author and date).
//!
//! Tracked changes are read as the document was before them (insertions left out, deletions
//! kept), or as accepted (`accept`): insertions kept, deletions left out. Either way each is
//! listed.

use std::collections::HashMap;

use roxmltree::{Document, Node};

use super::package::Package;
use crate::diagnostics::Diagnostic;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

pub use super::document::{Change, Comment, Fmt, Item, Para, Piece, Skipped, WordDoc};

struct Style {
    based_on: Option<String>,
    outline: Option<u8>,
    bold: Option<bool>,
    italic: Option<bool>,
    num: Option<(String, usize)>,
}

struct Walker {
    accept: bool,
    styles: HashMap<String, Style>,
    numbering: super::lists::Numbering,
    doc: WordDoc,
    /// Fields open: (instruction, in the result part, its shown result left out).
    fields: Vec<(String, bool, bool)>,
    /// Bookmarks open and not yet bound to a footnote: id → name.
    open_bookmarks: Vec<(String, String)>,
    /// Comments whose range is open: id → index in `doc.comments`.
    open_comments: Vec<(String, usize)>,
    comment_ids: HashMap<String, usize>,
}

pub(super) fn w<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

pub(super) fn is(node: Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(W)
}

pub(super) fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| is(*c, name))
}

fn on(node: Option<Node>) -> Option<bool> {
    node.map(|n| !matches!(w(n, "val"), Some("0" | "false" | "off" | "none")))
}

fn parse<'a>(part: &str, text: &'a str) -> Result<Document<'a>, Diagnostic> {
    Document::parse_with_options(
        text,
        roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: 20_000_000, ..Default::default() },
    )
    .map_err(|e| {
        Diagnostic::error(crate::t!("import-bad-xml", part = part, error = e.to_string()))
            .help(crate::t!("import-bad-xml-help"))
    })
}

/// Walks the package.
pub fn walk(package: &Package, accept: bool) -> Result<WordDoc, Diagnostic> {
    let mut walker = Walker {
        accept,
        styles: HashMap::new(),
        numbering: super::lists::Numbering::default(),
        doc: WordDoc::default(),
        fields: Vec::new(),
        open_bookmarks: Vec::new(),
        open_comments: Vec::new(),
        comment_ids: HashMap::new(),
    };
    if let Some(styles) = &package.styles {
        walker.read_styles(&parse("word/styles.xml", styles)?);
    }
    if let Some(numbering) = &package.numbering {
        walker.numbering.read(&parse("word/numbering.xml", numbering)?);
    }
    if let Some(comments) = &package.comments {
        walker.read_comments(&parse("word/comments.xml", comments)?);
    }
    walker.read_properties(package);
    walker.doc.skipped.endnotes = package.has_endnotes;
    let document = parse("word/document.xml", &package.document)?;
    let body = document
        .descendants()
        .find(|n| is(*n, "body"))
        .ok_or_else(|| Diagnostic::error(crate::t!("import-no-body")).help(crate::t!("import-save-again")))?;
    let mut items = Vec::new();
    walker.blocks(body, &mut items);
    walker.doc.body = items;
    if let Some(footnotes) = &package.footnotes {
        let xml = parse("word/footnotes.xml", footnotes)?;
        for note in xml.descendants().filter(|n| is(*n, "footnote")) {
            if w(note, "type").is_some_and(|t| t != "normal") {
                continue;
            }
            let Some(id) = w(note, "id") else { continue };
            let mut items = Vec::new();
            walker.blocks(note, &mut items);
            let paras = items
                .into_iter()
                .flat_map(|i| match i {
                    Item::Para(p) => vec![p],
                    Item::Table(rows) => rows.into_iter().flatten().flatten().collect(),
                })
                .collect();
            walker.doc.notes.insert(id.to_string(), paras);
        }
    }
    Ok(walker.doc)
}

impl Walker {
    fn read_styles(&mut self, xml: &Document) {
        for s in xml.descendants().filter(|n| is(*n, "style")) {
            let Some(id) = w(s, "styleId") else { continue };
            let ppr = child(s, "pPr");
            let rpr = child(s, "rPr");
            let name = child(s, "name").and_then(|n| w(n, "val")).unwrap_or("").to_lowercase();
            let outline = ppr
                .and_then(|p| child(p, "outlineLvl"))
                .and_then(|o| w(o, "val"))
                .and_then(|v| v.parse::<u8>().ok())
                .filter(|l| *l < 9)
                .or_else(|| {
                    name.strip_prefix("heading ").and_then(|n| n.parse::<u8>().ok()).map(|n| n.saturating_sub(1))
                });
            let num = ppr.and_then(|p| child(p, "numPr")).and_then(num_pr);
            self.styles.insert(
                id.to_string(),
                Style {
                    based_on: child(s, "basedOn").and_then(|b| w(b, "val")).map(str::to_string),
                    outline,
                    bold: on(rpr.and_then(|r| child(r, "b"))),
                    italic: on(rpr.and_then(|r| child(r, "i"))),
                    num,
                },
            );
        }
    }

    /// A property of a style, looked up through its `basedOn` chain.
    fn style_get<T>(&self, id: &str, get: impl Fn(&Style) -> Option<T>) -> Option<T> {
        let mut id = Some(id);
        for _ in 0..20 {
            let style = self.styles.get(id?)?;
            if let Some(v) = get(style) {
                return Some(v);
            }
            id = style.based_on.as_deref();
        }
        None
    }

    fn read_comments(&mut self, xml: &Document) {
        for c in xml.descendants().filter(|n| is(*n, "comment")) {
            let text: Vec<String> = c
                .descendants()
                .filter(|n| is(*n, "p"))
                .map(|p| p.descendants().filter(|t| is(*t, "t")).filter_map(|t| t.text()).collect())
                .collect();
            if let Some(id) = w(c, "id") {
                self.comment_ids.insert(id.to_string(), self.doc.comments.len());
            }
            self.doc.comments.push(Comment {
                author: w(c, "author").unwrap_or("").to_string(),
                date: w(c, "date").unwrap_or("").to_string(),
                text: text.join("\n"),
                anchor: String::new(),
            });
        }
    }

    fn read_properties(&mut self, package: &Package) {
        if let Some(core) = package.core.as_deref().and_then(|c| roxmltree::Document::parse(c).ok()) {
            self.doc.keywords = core
                .descendants()
                .find(|n| n.tag_name().name() == "keywords")
                .and_then(|n| n.text())
                .map(str::to_string);
        }
        if let Some(custom) = package.custom.as_deref().and_then(|c| roxmltree::Document::parse(c).ok()) {
            for p in custom.descendants().filter(|n| n.tag_name().name() == "property") {
                let value: String = p.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect();
                if let Some(name) = p.attribute("name") {
                    self.doc.properties.insert(name.to_string(), value);
                }
            }
        }
    }

    /// Block-level content: paragraphs, tables, block content controls, tracked blocks.
    fn blocks(&mut self, node: Node, out: &mut Vec<Item>) {
        for n in node.children().filter(Node::is_element) {
            match n.tag_name().name() {
                "p" if is(n, "p") => {
                    let p = self.paragraph(n);
                    out.push(Item::Para(p));
                }
                "tbl" if is(n, "tbl") => {
                    let rows = n
                        .children()
                        .filter(|r| is(*r, "tr"))
                        .map(|r| {
                            r.children()
                                .filter(|c| is(*c, "tc"))
                                .map(|c| {
                                    let mut items = Vec::new();
                                    self.blocks(c, &mut items);
                                    items
                                        .into_iter()
                                        .flat_map(|i| match i {
                                            Item::Para(p) => vec![p],
                                            Item::Table(rows) => rows.into_iter().flatten().flatten().collect(),
                                        })
                                        .collect()
                                })
                                .collect()
                        })
                        .collect();
                    out.push(Item::Table(rows));
                }
                "sdt" | "customXml" | "smartTag" => {
                    let content = child(n, "sdtContent").unwrap_or(n);
                    self.blocks(content, out);
                }
                "ins" | "moveTo" if !self.accept => self.note_change(n, "inserted"),
                "del" | "moveFrom" if self.accept => self.note_change(n, "deleted"),
                "ins" | "moveTo" | "del" | "moveFrom" => {
                    self.note_change(
                        n,
                        if matches!(n.tag_name().name(), "ins" | "moveTo") { "inserted" } else { "deleted" },
                    );
                    self.blocks(n, out);
                }
                "bookmarkStart" => self.bookmark_start(n, None),
                "bookmarkEnd" => self.bookmark_end(n),
                "AlternateContent" => {
                    if let Some(fallback) = n.children().find(|c| c.tag_name().name() == "Fallback") {
                        self.blocks(fallback, out);
                    }
                }
                _ => {}
            }
        }
    }

    fn note_change(&mut self, node: Node, kind: &'static str) {
        let text: String =
            node.descendants().filter(|t| is(*t, "t") || is(*t, "delText")).filter_map(|t| t.text()).collect();
        let footnote = node.descendants().any(|t| is(t, "footnoteReference"));
        if text.is_empty() && !footnote {
            return;
        }
        let text = if footnote && text.is_empty() { crate::t!("import-footnote-reference") } else { text };
        self.doc.changes.push(Change {
            kind,
            author: w(node, "author").unwrap_or("").to_string(),
            date: w(node, "date").unwrap_or("").to_string(),
            text,
        });
    }

    fn bookmark_start(&mut self, n: Node, para: Option<&mut Para>) {
        if let (Some(id), Some(name)) = (w(n, "id"), w(n, "name")) {
            self.open_bookmarks.push((id.to_string(), name.to_string()));
            if let Some(p) = para {
                p.bookmarks.push(name.to_string());
            }
        }
    }

    fn bookmark_end(&mut self, n: Node) {
        if let Some(id) = w(n, "id") {
            self.open_bookmarks.retain(|(i, _)| i != id);
        }
    }

    fn paragraph(&mut self, node: Node) -> Para {
        let mut p = Para::default();
        if let Some(ppr) = child(node, "pPr") {
            p.style = child(ppr, "pStyle").and_then(|s| w(s, "val")).map(str::to_string);
            p.outline =
                child(ppr, "outlineLvl").and_then(|o| w(o, "val")).and_then(|v| v.parse().ok()).filter(|l| *l < 9);
            p.centered = child(ppr, "jc").and_then(|j| w(j, "val")).is_some_and(|v| v == "center");
            p.right_indent =
                child(ppr, "ind").and_then(|i| w(i, "right").or_else(|| w(i, "end"))).and_then(|v| v.parse().ok());
            let num = child(ppr, "numPr").and_then(num_pr);
            let num = num.or_else(|| p.style.as_deref().and_then(|s| self.style_get(s, |st| st.num.clone())));
            if let Some((id, level)) = num
                && id != "0"
            {
                p.list = self.numbering.marker(&id, level);
            }
        }
        if p.outline.is_none() {
            p.outline = p.style.as_deref().and_then(|s| self.style_get(s, |st| st.outline));
        }
        let style_fmt = Fmt::default();
        self.inlines(node, &mut p, style_fmt);
        // a number Word's numbering shows (`I.`, `1.`, `a)`) is part of the text as printed
        if let Some(number) = p.list.take_if(|m| !matches!(m.as_str(), "-" | "+")) {
            let fmt = p.pieces.iter().find_map(|x| match x {
                Piece::Text { fmt, .. } => Some(*fmt),
                _ => None,
            });
            p.pieces.insert(0, Piece::Text { text: format!("{number} "), fmt: fmt.unwrap_or_default() });
        }
        p
    }

    fn inlines(&mut self, node: Node, p: &mut Para, fmt: Fmt) {
        for n in node.children().filter(Node::is_element) {
            match n.tag_name().name() {
                "r" => self.run(n, p, fmt),
                "hyperlink" | "smartTag" | "customXml" | "fldSimple" | "dir" | "bdo" => {
                    let instr = w(n, "instr").map(str::to_string);
                    let target = instr.as_deref().and_then(|i| self.note_target(i));
                    if let Some(instr) = instr.as_deref().filter(|_| target.is_none()) {
                        self.field_seen(instr);
                    }
                    if let Some(bookmark) = target {
                        p.pieces.push(Piece::NoteRef { bookmark });
                    } else {
                        self.inlines(n, p, fmt);
                    }
                }
                "sdt" => {
                    let props = child(n, "sdtPr");
                    let get =
                        |name: &str| props.and_then(|pr| child(pr, name)).and_then(|t| w(t, "val")).map(str::to_string);
                    let (tag, alias) = (get("tag"), get("alias"));
                    let Some(content) = child(n, "sdtContent") else { continue };
                    if tag.as_deref().is_some_and(|t| t.starts_with("baocao:fact:")) {
                        let mut inner = Para::default();
                        self.inlines(content, &mut inner, fmt);
                        let text = inner.text();
                        let fmt = inner
                            .pieces
                            .iter()
                            .find_map(|x| match x {
                                Piece::Text { fmt, .. } => Some(*fmt),
                                _ => None,
                            })
                            .unwrap_or(fmt);
                        p.pieces.push(Piece::Control { tag, alias, text, fmt });
                    } else {
                        self.inlines(content, p, fmt);
                    }
                }
                "ins" | "moveTo" => {
                    self.note_change(n, "inserted");
                    if self.accept {
                        self.inlines(n, p, fmt);
                    }
                }
                "del" | "moveFrom" => {
                    self.note_change(n, "deleted");
                    if !self.accept {
                        self.inlines(n, p, fmt);
                    }
                }
                "bookmarkStart" => self.bookmark_start(n, Some(p)),
                "bookmarkEnd" => self.bookmark_end(n),
                "commentRangeStart" => {
                    if let Some(i) = w(n, "id").and_then(|id| self.comment_ids.get(id).map(|i| (id.to_string(), *i))) {
                        self.open_comments.push(i);
                    }
                }
                "commentRangeEnd" => {
                    if let Some(id) = w(n, "id") {
                        self.open_comments.retain(|(i, _)| i != id);
                    }
                }
                "oMath" | "oMathPara" => self.doc.skipped.equations += 1,
                "AlternateContent" => {
                    if let Some(fallback) = n.children().find(|c| c.tag_name().name() == "Fallback") {
                        self.inlines(fallback, p, fmt);
                    }
                }
                _ => {}
            }
        }
    }

    fn run(&mut self, r: Node, p: &mut Para, outer: Fmt) {
        let rpr = child(r, "rPr");
        let style = rpr.and_then(|x| child(x, "rStyle")).and_then(|s| w(s, "val"));
        let from_style = |get: fn(&Style) -> Option<bool>| style.and_then(|s| self.style_get(s, get));
        let bold = on(rpr.and_then(|x| child(x, "b"))).or_else(|| from_style(|s| s.bold)).unwrap_or(outer.bold);
        let italic = on(rpr.and_then(|x| child(x, "i"))).or_else(|| from_style(|s| s.italic)).unwrap_or(outer.italic);
        let hidden = on(rpr.and_then(|x| child(x, "vanish"))).unwrap_or(false);
        let fmt = Fmt { bold, italic };
        for n in r.children().filter(Node::is_element) {
            match n.tag_name().name() {
                "t" | "delText" if !hidden => self.text(p, n.text().unwrap_or(""), fmt),
                "tab" if !hidden => self.text(p, "\t", fmt),
                "br" | "cr"
                    if !hidden && w(n, "type").is_none_or(|t| t == "textWrapping") && !self.in_instruction() =>
                {
                    p.pieces.push(Piece::Break)
                }
                "noBreakHyphen" => self.text(p, "-", fmt),
                "sym" => {
                    let c = w(n, "char").and_then(|c| u32::from_str_radix(c, 16).ok()).and_then(char::from_u32);
                    if let Some(c) = c.filter(|c| !('\u{F000}'..='\u{F0FF}').contains(c)) {
                        self.text(p, c.encode_utf8(&mut [0; 4]), fmt);
                    }
                }
                "footnoteReference" => {
                    if let Some(id) = w(n, "id") {
                        for (_, name) in self.open_bookmarks.drain(..) {
                            self.doc.note_bookmarks.entry(name).or_insert_with(|| id.to_string());
                        }
                        if !self.in_hidden_field() {
                            p.pieces.push(Piece::Note { id: id.to_string() });
                        }
                    }
                }
                "endnoteReference" => self.doc.skipped.endnotes = true,
                "fldChar" => match w(n, "fldCharType") {
                    Some("begin") => self.fields.push((String::new(), false, false)),
                    Some("separate") => {
                        let hidden = self.fields.last().is_some_and(|f| self.note_target(&f.0).is_some());
                        if let Some(f) = self.fields.last_mut() {
                            (f.1, f.2) = (true, hidden);
                        }
                    }
                    Some("end") => {
                        if let Some((instr, _, _)) = self.fields.pop() {
                            match self.note_target(&instr) {
                                Some(bookmark) => p.pieces.push(Piece::NoteRef { bookmark }),
                                None => self.field_seen(&instr),
                            }
                        }
                    }
                    _ => {}
                },
                "instrText" => {
                    if let Some(f) = self.fields.last_mut() {
                        f.0.push_str(n.text().unwrap_or(""));
                    }
                }
                "drawing" | "pict" => {
                    let text_box: Vec<&str> = n
                        .descendants()
                        .filter(|t| is(*t, "txbxContent"))
                        .flat_map(|b| b.descendants().filter(|t| is(*t, "t")).filter_map(|t| t.text()))
                        .collect();
                    if n.descendants().any(|t| is(t, "txbxContent")) {
                        self.doc.skipped.text_boxes.push(text_box.concat());
                    } else {
                        self.doc.skipped.images += 1;
                    }
                }
                "object" => self.doc.skipped.objects += 1,
                "AlternateContent" => {
                    let fallback = n.children().find(|c| c.tag_name().name() == "Choice");
                    if let Some(c) = fallback {
                        self.run(c, p, fmt);
                    }
                }
                _ => {}
            }
        }
    }

    /// Inside a field's instruction (not shown).
    fn in_instruction(&self) -> bool {
        self.fields.iter().any(|f| !f.1)
    }

    /// Inside a field whose shown text is not kept (a NOTEREF's number).
    fn in_hidden_field(&self) -> bool {
        self.fields.iter().any(|f| !f.1 || f.2)
    }

    /// The bookmark of the footnote a field refers to: `NOTEREF name`, or `REF name` to a
    /// bookmark around a footnote reference (LibreOffice's cross-reference to a footnote).
    fn note_target(&self, instr: &str) -> Option<String> {
        let mut words = instr.split_whitespace();
        let name = words.next()?.to_ascii_uppercase();
        let bookmark = words.next()?.trim_matches('"').to_string();
        match name.as_str() {
            "NOTEREF" => Some(bookmark),
            "REF" if self.doc.note_bookmarks.contains_key(&bookmark) => Some(bookmark),
            _ => None,
        }
    }

    fn text(&mut self, p: &mut Para, text: &str, fmt: Fmt) {
        if text.is_empty() || self.in_hidden_field() {
            return;
        }
        for (_, i) in &self.open_comments {
            if let Some(c) = self.doc.comments.get_mut(*i) {
                c.anchor.push_str(text);
            }
        }
        if let Some(Piece::Text { text: last, fmt: f }) = p.pieces.last_mut()
            && *f == fmt
        {
            last.push_str(text);
            return;
        }
        p.pieces.push(Piece::Text { text: text.to_string(), fmt });
    }

    fn field_seen(&mut self, instr: &str) {
        let name = instr.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
        if !name.is_empty() && name != "NOTEREF" {
            self.doc.skipped.fields.push(name);
        }
    }
}

/// `(numId, level)` of a `w:numPr`.
fn num_pr(n: Node) -> Option<(String, usize)> {
    let id = child(n, "numId").and_then(|i| w(i, "val"))?;
    let level = child(n, "ilvl").and_then(|i| w(i, "val")).and_then(|v| v.parse().ok()).unwrap_or(0);
    Some((id.to_string(), level))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> WordDoc {
        let package = Package {
            document: format!("<w:document xmlns:w=\"{W}\"><w:body>{body}</w:body></w:document>"),
            ..Package::default()
        };
        walk(&package, false).unwrap()
    }

    #[test]
    fn runs_keep_bold_and_italic_and_a_noteref_field_becomes_a_second_reference() {
        let d = doc(
            r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>1.</w:t></w:r><w:r><w:t xml:space="preserve"> a </w:t></w:r>
            <w:bookmarkStart w:id="5" w:name="_Ref1"/><w:r><w:footnoteReference w:id="3"/></w:r><w:bookmarkEnd w:id="5"/>
            <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> NOTEREF _Ref1 \f \h </w:instrText></w:r>
            <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
        );
        let Item::Para(p) = &doc_first(&d) else { panic!() };
        assert_eq!(p.text(), "1. a ");
        assert!(matches!(&p.pieces[0], Piece::Text { fmt: Fmt { bold: true, .. }, .. }));
        assert_eq!(p.pieces[2], Piece::Note { id: "3".into() });
        assert_eq!(p.pieces[3], Piece::NoteRef { bookmark: "_Ref1".into() });
        assert_eq!(d.note_bookmarks["_Ref1"], "3");
    }

    fn doc_first(d: &WordDoc) -> Item {
        d.body[0].clone()
    }

    #[test]
    fn tracked_changes_are_listed_and_left_out_unless_accepted() {
        let body = r#"<w:p><w:r><w:t>tăng </w:t></w:r><w:del w:author="An" w:date="2024-01-02T00:00:00Z"><w:r><w:delText>8</w:delText></w:r></w:del>
            <w:ins w:author="An" w:date="2024-01-02T00:00:00Z"><w:r><w:t>9</w:t></w:r></w:ins></w:p>"#;
        let d = doc(body);
        let Item::Para(p) = &d.body[0] else { panic!() };
        assert_eq!(p.text(), "tăng 8");
        assert_eq!(d.changes.len(), 2);
        assert_eq!((d.changes[0].kind, d.changes[0].author.as_str()), ("deleted", "An"));
        let package = Package {
            document: format!("<w:document xmlns:w=\"{W}\"><w:body>{body}</w:body></w:document>"),
            ..Package::default()
        };
        let d = walk(&package, true).unwrap();
        let Item::Para(p) = &d.body[0] else { panic!() };
        assert_eq!(p.text(), "tăng 9");
    }

    #[test]
    fn a_typed_marker_is_taken_off_whole_or_not_at_all() {
        let text = |t: &str| Piece::Text { text: t.into(), fmt: Fmt::default() };
        let p = Para { pieces: vec![text(" "), text("- ạ b")], ..Para::default() };
        assert_eq!(p.without_marker("-").unwrap().text(), "ạ b");
        let p = Para { pieces: vec![text("ạ- b")], ..Para::default() };
        assert!(p.without_marker("-").is_none(), "no marker: nothing cut, even in a multi-byte letter");
        assert!(p.without_marker("+").is_none());
    }
}
