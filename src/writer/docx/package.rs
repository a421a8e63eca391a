//! What docx-rs cannot express, added to the parts it built, and the zip.
//!
//! Each patch inserts fixed markup (or a value escaped by [`super::attribute`]) at a place found
//! in docx-rs's own output, and fails — never writing a half-patched file — when that place is
//! not where it should be (docx-rs is pinned; a new version that writes otherwise is caught here
//! and by the tests):
//!
//! - `w:tag` in each fact's content control, after the `w:alias` docx-rs writes (docx-rs's
//!   `sdtPr` has no tag);
//! - the separator (id -1) and continuation separator (id 0) footnotes that Word writes at the
//!   top of footnotes.xml and names in settings.xml's `w:footnotePr`;
//! - the footnote's own number mark (`w:footnoteRef`, in the Footnote Reference style) at the
//!   start of each footnote's first paragraph: without it Word shows the note with no number.
//!
//! The zip is packed here, not by docx-rs: its entries carry the fixed date 1980-01-01 00:00
//! (docx-rs's would take the clock whenever zip's `time` feature is on anywhere in the build),
//! in a fixed order, deflated, so that the same sources give the same bytes.

use std::io::{Cursor, Write};

use docx_rs::XMLDocx;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::body::Tag;
use super::styles::NOTE_REFERENCE;

/// Applies every patch; `footnotes` is how many footnotes the body wrote.
pub fn patch(xml: &mut XMLDocx, tags: &[Tag], footnotes: usize) -> Result<(), String> {
    let body: Vec<&Tag> = tags.iter().filter(|t| !t.in_note).collect();
    let notes: Vec<&Tag> = tags.iter().filter(|t| t.in_note).collect();
    xml.document = add_tags(&xml.document, &body).map_err(|e| format!("word/document.xml: {e}"))?.into_bytes();
    if footnotes > 0 {
        let with_tags = add_tags(&xml.footnotes, &notes).map_err(|e| format!("word/footnotes.xml: {e}"))?;
        xml.footnotes = footnote_marks(&with_tags, footnotes)?.into_bytes();
        xml.settings = footnote_settings(&xml.settings)?.into_bytes();
    } else if !notes.is_empty() {
        return Err("facts tagged in footnotes, but no footnote was written".into());
    }
    Ok(())
}

fn utf8(part: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(part).map_err(|e| format!("not UTF-8 ({e})"))
}

const ALIAS: &str = "<w:alias w:val=\"";

/// Inserts each tag after its content control's alias, checking that the aliases come in the
/// order the tags were made.
fn add_tags(part: &[u8], tags: &[&Tag]) -> Result<String, String> {
    let part = utf8(part)?;
    let mut out = String::with_capacity(part.len() + tags.len() * 60);
    let mut rest = part;
    let mut tags = tags.iter();
    while let Some(at) = rest.find(ALIAS) {
        let value_start = at + ALIAS.len();
        let value_end = rest[value_start..].find('"').map(|e| value_start + e).ok_or("an alias is not closed")?;
        let close = rest[value_end..].find("/>").map(|e| value_end + e + 2).ok_or("an alias is not closed")?;
        let tag = tags.next().ok_or("more content controls than facts printed")?;
        if rest[value_start..value_end] != tag.alias {
            return Err(format!(
                "content control `{}` where `{}` was expected",
                &rest[value_start..value_end],
                tag.alias
            ));
        }
        out.push_str(&rest[..close]);
        out.push_str(&format!("<w:tag w:val=\"{}\" />", tag.tag));
        rest = &rest[close..];
    }
    if tags.next().is_some() {
        return Err("fewer content controls than facts printed".into());
    }
    out.push_str(rest);
    Ok(out)
}

/// The separators Word writes (ids -1 and 0), then each footnote with its number mark.
fn footnote_marks(part: &str, expected: usize) -> Result<String, String> {
    const OPEN: &str = "<w:footnotes ";
    let start = part.find(OPEN).ok_or("footnotes.xml has no <w:footnotes>")?;
    let open_end = part[start..].find('>').map(|e| start + e + 1).ok_or("footnotes.xml: <w:footnotes> not closed")?;
    if part[..open_end].ends_with("/>") {
        return Err("footnotes.xml holds no footnote".into());
    }
    let spacing = "<w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\" /></w:pPr>";
    let mut out = String::with_capacity(part.len() + expected * 120 + 600);
    out.push_str(&part[..open_end]);
    out.push_str(&format!(
        "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p>{spacing}<w:r><w:separator /></w:r></w:p></w:footnote>\
         <w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p>{spacing}<w:r><w:continuationSeparator /></w:r></w:p></w:footnote>"
    ));
    let mark = format!("<w:r><w:rPr><w:rStyle w:val=\"{NOTE_REFERENCE}\" /></w:rPr><w:footnoteRef /></w:r>");
    let mut rest = &part[open_end..];
    let mut count = 0;
    while let Some(at) = rest.find("<w:footnote w:id=\"") {
        // the first paragraph's properties end where its content starts
        let props = rest[at..].find("</w:pPr>").map(|e| at + e + "</w:pPr>".len());
        let next = rest[at + 1..].find("<w:footnote w:id=\"").map(|e| at + 1 + e);
        let Some(props) = props.filter(|p| next.is_none_or(|n| *p < n)) else {
            return Err("footnotes.xml: a footnote's first paragraph has no properties".into());
        };
        out.push_str(&rest[..props]);
        out.push_str(&mark);
        rest = &rest[props..];
        count += 1;
    }
    out.push_str(rest);
    if count != expected {
        return Err(format!("footnotes.xml holds {count} footnotes, {expected} were written"));
    }
    Ok(out)
}

/// settings.xml names the separator footnotes, as Word writes it (`w:footnotePr` comes before
/// `w:compat` in the schema's order).
fn footnote_settings(part: &[u8]) -> Result<String, String> {
    let part = utf8(part)?;
    let pr = "<w:footnotePr><w:footnote w:id=\"-1\" /><w:footnote w:id=\"0\" /></w:footnotePr>";
    let at =
        part.find("<w:compat").or_else(|| part.rfind("</w:settings>")).ok_or("settings.xml has no <w:settings>")?;
    Ok(format!("{}{pr}{}", &part[..at], &part[at..]))
}

/// The package, zipped: every part docx-rs built, in a fixed order, dated 1980-01-01.
pub fn zip(xml: &XMLDocx) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut parts: Vec<(String, &[u8])> = vec![
        ("[Content_Types].xml".into(), &xml.content_type),
        ("_rels/.rels".into(), &xml.rels),
        ("docProps/app.xml".into(), &xml.doc_props.app),
        ("docProps/core.xml".into(), &xml.doc_props.core),
        ("docProps/custom.xml".into(), &xml.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), &xml.document_rels),
        ("word/document.xml".into(), &xml.document),
        ("word/styles.xml".into(), &xml.styles),
        ("word/settings.xml".into(), &xml.settings),
        ("word/fontTable.xml".into(), &xml.font_table),
        ("word/comments.xml".into(), &xml.comments),
        ("word/numbering.xml".into(), &xml.numberings),
        ("word/commentsExtended.xml".into(), &xml.comments_extended),
        ("word/footnotes.xml".into(), &xml.footnotes),
    ];
    for (i, header) in xml.headers.iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), header));
        if let Some(rels) = xml.header_rels.get(i) {
            parts.push((format!("word/_rels/header{}.xml.rels", i + 1), rels));
        }
    }
    for (i, footer) in xml.footers.iter().enumerate() {
        parts.push((format!("word/footer{}.xml", i + 1), footer));
        if let Some(rels) = xml.footer_rels.get(i) {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels));
        }
    }
    for (name, bytes) in parts {
        zip.start_file(name, options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(alias: &str, tag: &str) -> Tag {
        Tag { alias: alias.into(), tag: tag.into(), in_note: false }
    }

    #[test]
    fn tags_follow_their_alias_and_a_mismatch_is_an_error() {
        let part = br#"<w:sdtPr><w:rPr /><w:alias w:val="a.b" /></w:sdtPr>x<w:alias w:val="c.d" />"#;
        let (ab, cd) = (tag("a.b", "baocao:fact:0:a.b"), tag("c.d", "baocao:fact:1:c.d"));
        let out = add_tags(part, &[&ab, &cd]).unwrap();
        assert_eq!(
            out,
            r#"<w:sdtPr><w:rPr /><w:alias w:val="a.b" /><w:tag w:val="baocao:fact:0:a.b" /></w:sdtPr>x<w:alias w:val="c.d" /><w:tag w:val="baocao:fact:1:c.d" />"#
        );
        assert!(add_tags(part, &[&cd, &ab]).unwrap_err().contains("where `c.d` was expected"));
        assert!(add_tags(part, &[&ab]).is_err());
        assert!(add_tags(part, &[&ab, &cd, &ab]).is_err());
    }

    #[test]
    fn each_footnote_gets_its_number_mark_once_and_the_separators_come_first() {
        let part = "<w:footnotes xmlns:w=\"w\"><w:footnote w:id=\"1\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\" /></w:pPr>\
            <w:r><w:t>a</w:t></w:r></w:p><w:p><w:pPr /><w:pPr></w:pPr></w:p></w:footnote><w:footnote w:id=\"2\"><w:p><w:pPr></w:pPr></w:p></w:footnote></w:footnotes>";
        let out = footnote_marks(part, 2).unwrap();
        assert_eq!(out.matches("<w:footnoteRef />").count(), 2);
        assert!(out.find("w:id=\"-1\"").unwrap() < out.find("w:id=\"0\"").unwrap());
        assert!(out.find("w:id=\"0\"").unwrap() < out.find("w:id=\"1\"").unwrap());
        assert!(footnote_marks(part, 3).is_err());
        assert!(
            footnote_marks(
                "<w:footnotes xmlns:w=\"w\"><w:footnote w:id=\"1\"><w:p></w:p></w:footnote></w:footnotes>",
                1
            )
            .is_err()
        );
    }
}
