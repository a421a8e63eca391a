//! The document's properties (docProps/core.xml), as the PDF's metadata has them: title (the
//! type and the summary), author (the issuing authority), subject (the summary), keywords (the
//! status, the report replaced), language `vi`, and the report's date as created and modified —
//! never the clock, so that two builds give the same bytes.
//!
//! docx-rs writes core.xml with a fixed creator ("unknown") and no setter for the creator, the
//! title or the keywords, so this part is written here, with quick-xml's writer (every value
//! escaped by it), in the order Word writes it.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::project::Report;

/// docProps/core.xml for `report`, dated `date` (W3CDTF).
pub fn core(report: &Report, date: &str) -> Result<Vec<u8>, String> {
    let mut w = Writer::new(Vec::new());
    let text = |w: &mut Writer<Vec<u8>>, name: &str, value: &str| -> std::io::Result<()> {
        w.create_element(name).write_text_content(BytesText::new(&super::xml_text(value)))?;
        Ok(())
    };
    let dated = |w: &mut Writer<Vec<u8>>, name: &str| -> std::io::Result<()> {
        w.create_element(name)
            .with_attribute(("xsi:type", "dcterms:W3CDTF"))
            .write_text_content(BytesText::new(date))?;
        Ok(())
    };
    let keywords = report.keywords().join(", ");
    (|| -> std::io::Result<()> {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), Some("yes"))))?;
        w.create_element("cp:coreProperties")
            .with_attributes([
                ("xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"),
                ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
                ("xmlns:dcterms", "http://purl.org/dc/terms/"),
                ("xmlns:dcmitype", "http://purl.org/dc/dcmitype/"),
                ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            ])
            .write_inner_content(|w| {
                text(w, "dc:title", &report.title())?;
                text(w, "dc:subject", &report.summary.join(" "))?;
                text(w, "dc:creator", &report.authority.join(" "))?;
                if !keywords.is_empty() {
                    text(w, "cp:keywords", &keywords)?;
                }
                text(w, "cp:lastModifiedBy", &report.authority.join(" "))?;
                text(w, "cp:revision", "1")?;
                text(w, "dc:language", "vi")?;
                dated(w, "dcterms:created")?;
                dated(w, "dcterms:modified")?;
                Ok(())
            })?;
        Ok(())
    })()
    .map_err(|e| format!("docProps/core.xml: {e}"))?;
    Ok(w.into_inner())
}
