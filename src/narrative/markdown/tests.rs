//! Unit tests of the converter's output text; compiled-output tests are in tests/.

use super::*;

fn one(md: &str) -> String {
    convert(&[md]).sections.remove(0).typst
}

#[test]
fn text_is_escaped_and_paragraphs_separated() {
    assert_eq!(one("a #b $c\n\nd"), "a \\#b \\$c\n\nd\n\n");
}

#[test]
fn first_reference_emits_the_note_later_ones_reuse_it() {
    let out = one("A[^1] B[^1].\n\n[^1]: Note.\n");
    assert_eq!(out, "A#footnote[Note\\.]<fn-1> B#footnote(<fn-1>)\\.\n\n");
}

#[test]
fn a_note_defined_in_another_section_can_be_referenced() {
    let c = convert(&["A[^x].\n\n[^x]: X.\n", "B[^x]."]);
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    assert_eq!(c.sections[1].typst, "B#footnote(<fn-1>)\\.\n\n");
}

#[test]
fn undefined_duplicate_and_unused_notes_are_reported() {
    let c = convert(&["A[^nope].\n\n[^d]: one\n\n[^d]: two\n\n[^u]: unused\n"]);
    let kinds: Vec<&str> = c
        .problems
        .iter()
        .map(|p| match p.kind {
            FootnoteProblemKind::Undefined => "undefined",
            FootnoteProblemKind::Duplicate => "duplicate",
            FootnoteProblemKind::Unreferenced => "unreferenced",
        })
        .collect();
    assert!(kinds.contains(&"undefined") && kinds.contains(&"duplicate") && kinds.contains(&"unreferenced"), "{kinds:?}");
}

#[test]
fn list_items_keep_their_marker_as_written() {
    let out = one("- a\n\n+ b\n\n3. c\n");
    assert!(out.contains("#bc-item(\"-\", depth: 1)[a]"), "{out}");
    assert!(out.contains("#bc-item(\"+\", depth: 1)[b]"), "{out}");
    assert!(out.contains("#bc-item(\"3.\", depth: 1)[c]"), "{out}");
}

#[test]
fn html_comments_are_dropped_other_html_is_text() {
    assert_eq!(one("a <!-- note --> b <i>"), "a  b \\<i\\>\n\n");
}

#[test]
fn no_smart_punctuation() {
    assert_eq!(one("\"a\" -- b..."), "\\\"a\\\" \\-\\- b\\.\\.\\.\n\n");
}

#[test]
fn a_right_indent_directive_widens_only_the_next_paragraph() {
    let out = one("<!-- baocao: right-indent=-2.8mm -->\nA\n\nB\n");
    assert_eq!(out, "#pad(right: -2.8mm, par[A])\n\nB\n\n");
    // anything that is not a plain length is ignored: content never becomes code
    let out = one("<!-- baocao: right-indent=1mm);#read(\"x\") -->\nA\n");
    assert_eq!(out, "A\n\n");
}

#[test]
fn a_note_inside_a_widened_paragraph_does_not_close_it() {
    let out = one("<!-- baocao: right-indent=-3mm -->\nA[^1] B.\n\n[^1]: Note.\n");
    assert_eq!(out, "#pad(right: -3mm, par[A#footnote[Note\\.]<fn-1> B\\.])\n\n");
}

#[test]
fn change_marks_become_mark_functions_only_when_marking_and_never_straddle_structure() {
    use super::super::marks::Mark;
    let (ins, end) = (Mark::Inserted.open(), Mark::Inserted.close());
    let md = format!("x {ins}a *b* c{end} y");
    // a normal build prints the characters as text: content never becomes code
    assert!(!one(&md).contains("#bc-ins"), "{}", one(&md));
    let marked = convert_marked(&[&md], &Marking::default()).sections.remove(0).typst;
    assert_eq!(marked, "x #bc-ins[a ]#emph[#bc-ins[b]]#bc-ins[ c] y\n\n");
}

#[test]
fn a_highlighted_fact_is_marked_from_its_tag_to_the_end_of_its_printing() {
    let mut next = 0;
    let (tagged, _) = super::super::fact_uses::tag("A {{ x.y }} B", 0, &mut next);
    let marking = Marking { highlight: [0].into_iter().collect() };
    let out = convert_marked(&[&tagged.replace("{{ x.y }}", "8,5")], &marking).sections.remove(0).typst;
    assert_eq!(out, "A #bc-fact-changed[8\\,5]#metadata(0)<bc-fact> B\n\n");
    let plain = convert(&[&tagged.replace("{{ x.y }}", "8,5")]).sections.remove(0).typst;
    assert_eq!(plain, "A 8\\,5#metadata(0)<bc-fact> B\n\n", "the marker follows the value");
}

#[test]
fn a_note_referenced_in_a_list_item_keeps_its_text_and_the_item_open() {
    let out = one("- Item[^1] text.\n\n[^1]: Note.\n");
    assert_eq!(out, "#bc-item(\"-\", depth: 1)[Item#footnote[Note\\.]<fn-1> text\\.]\n\n");
}

#[test]
fn text_holding_a_slash_is_boxed_up_to_a_space_or_just_after_a_hyphen() {
    assert_eq!(one("Nghị định 130/2005/NĐ-CP ngày 8,05%/năm."), "Nghị định #box[130\\/2005\\/NĐ\\-]CP ngày #box[8\\,05\\%\\/năm\\.]\n\n");
    assert_eq!(one("kỳ 2021-2026, a  b"), "kỳ 2021\\-2026\\, a#\"  \"b\n\n", "no slash, no box; spaces kept");
}

#[test]
fn a_fact_printed_inside_a_slash_word_keeps_its_marker_in_the_box() {
    let mut next = 0;
    let (tagged, _) = crate::narrative::fact_uses::tag("tăng {{ a.b }}/năm", 0, &mut next);
    let tagged = tagged.replace("{{ a.b }}", "17\\,4\\%");
    assert_eq!(one(&tagged), "tăng #box[17\\,4\\%#metadata(0)<bc-fact>\\/năm]\n\n");
}
