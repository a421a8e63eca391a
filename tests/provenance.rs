//! Reports that prove themselves: byte-reproducible PDF/A builds that carry their sources and a
//! manifest, `baocao verify` on fresh and tampered PDFs, and the draft/replaces metadata.
//! Every PDF is read back with a PDF library (lopdf, through `baocao::pdf_read`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use baocao::pdf_read::{self, PdfContents};
use baocao::provenance::{Manifest, sha256_hex};
use common::{baocao, mini_project, repo};

fn build(dir: &Path, args: &[&str]) -> PathBuf {
    let mut all = vec!["build", "--project", dir.to_str().unwrap()];
    all.extend_from_slice(args);
    let out = baocao(&all);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    dir.join("build-output/report.pdf")
}

fn read_pdf(path: &Path) -> PdfContents {
    pdf_read::read(&std::fs::read(path).unwrap()).unwrap()
}

fn manifest_of(pdf: &PdfContents) -> Manifest {
    let file = pdf.attachments.iter().find(|a| a.name == "manifest.json").expect("manifest.json is attached");
    Manifest::from_json(&file.bytes).unwrap()
}

/// `qpdf --check` on the file, when qpdf is installed.
fn qpdf_check(path: &Path) {
    match Command::new("qpdf").arg("--check").arg(path).output() {
        Ok(out) => assert!(
            out.status.success(),
            "qpdf --check failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(_) => eprintln!("note: qpdf is not installed; skipping `qpdf --check` (apt-get install -y qpdf)"),
    }
}

fn verify(args: &[&str], cwd: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_baocao")).arg("verify").args(args).current_dir(cwd).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn two_builds_in_two_processes_and_two_folders_are_byte_identical() {
    let (a, b) = (mini_project(), mini_project());
    let first = std::fs::read(build(a.path(), &[])).unwrap();
    let second = std::fs::read(build(b.path(), &[])).unwrap();
    assert!(first == second, "two builds of the same sources differ ({} and {} bytes)", first.len(), second.len());
    // and the same again without sources, with another standard
    let first = std::fs::read(build(a.path(), &["--no-sources"])).unwrap();
    let second = std::fs::read(build(b.path(), &["--no-sources"])).unwrap();
    assert!(first == second, "two builds without sources differ");
}

#[test]
fn the_pdf_is_pdf_a_3b_with_title_author_subject_and_language_vi() {
    let dir = mini_project();
    let path = build(dir.path(), &[]);
    let pdf = read_pdf(&path);
    assert_eq!(pdf.pdfa.as_deref(), Some("3B"), "PDF/A-3b is declared in the XMP metadata");
    assert_eq!(pdf.author.as_deref(), Some("ỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG"));
    let summary = "Kết quả thực hiện nhiệm vụ kế hoạch phát triển kinh tế - xã hội và hoạt động của UBND tỉnh từ đầu nhiệm kỳ 2021 – 2026 đến ngày 30/11/2023";
    assert_eq!(pdf.subject.as_deref(), Some(summary));
    assert_eq!(pdf.title, Some(format!("BÁO CÁO {summary}")));
    assert_eq!(pdf.lang.as_deref(), Some("vi"));
    assert_eq!(pdf.creator.as_deref(), Some(concat!("baocao ", env!("CARGO_PKG_VERSION"))));
    // the mini report is dated 2023 (no day or month): the PDF's date is 1 January 2023
    assert!(pdf.creation_date.as_deref().unwrap_or("").starts_with("D:20230101"), "{:?}", pdf.creation_date);
    qpdf_check(&path);
}

#[test]
fn without_sources_the_pdf_is_pdf_a_2b_with_no_attachments() {
    let dir = mini_project();
    let with = read_pdf(&build(dir.path(), &[]));
    let path = build(dir.path(), &["--no-sources"]);
    let pdf = read_pdf(&path);
    assert_eq!(pdf.pdfa.as_deref(), Some("2B"));
    assert!(pdf.attachments.is_empty(), "{:?}", pdf.attachments.iter().map(|a| &a.name).collect::<Vec<_>>());
    assert_eq!(pdf.pages, with.pages, "attaching the sources adds no page");
    qpdf_check(&path);
    let plain = read_pdf(&build(dir.path(), &["--no-sources", "--pdf-standard", "none"]));
    assert_eq!(plain.pdfa, None);
}

#[test]
fn a_standard_that_forbids_attachments_is_a_usage_error_unless_sources_are_left_out() {
    let dir = mini_project();
    let out = baocao(&["build", "--project", dir.path().to_str().unwrap(), "--pdf-standard", "a-2b"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("does not allow attached files") && stderr.contains("--no-sources"), "{stderr}");
    let out = baocao(&["build", "--project", dir.path().to_str().unwrap(), "--pdf-standard", "a-9z"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("a-3b"), "the allowed values are listed");
}

#[test]
fn the_attachments_are_the_exact_inputs_and_the_manifest_hashes_every_input_and_font() {
    let dir = mini_project();
    // the exact bytes travel: a Windows line end and a byte-order mark in a section stay as they are
    let section = dir.path().join("content/sections/02-ket-thuc.md");
    let text = std::fs::read_to_string(&section).unwrap();
    std::fs::write(&section, format!("\u{feff}{}", text.replace('\n', "\r\n"))).unwrap();
    let pdf = read_pdf(&build(dir.path(), &[]));
    let manifest = manifest_of(&pdf);

    let expected = [
        "content/report.yaml",
        "content/facts/economy.yaml",
        "content/sections/01-mo-dau.md",
        "content/sections/02-ket-thuc.md",
        "templates/report.typ.tera",
    ];
    let inputs: Vec<String> = manifest.inputs.iter().map(|i| i.path.to_str().unwrap().to_string()).collect();
    assert_eq!(inputs, expected);
    let mut names: Vec<&str> = pdf.attachments.iter().map(|a| a.name.as_str()).collect();
    names.sort();
    let mut want: Vec<&str> = expected.iter().copied().chain(["manifest.json"]).collect();
    want.sort();
    assert_eq!(names, want);
    for input in &manifest.inputs {
        let on_disk = std::fs::read(dir.path().join(&input.path)).unwrap();
        let attached = pdf.attachments.iter().find(|a| Path::new(&a.name) == input.path).unwrap();
        assert!(attached.bytes == on_disk, "{} is attached byte for byte", input.path.display());
        assert_eq!(input.sha256, sha256_hex(&on_disk));
        assert_eq!(input.bytes, on_disk.len() as u64);
        assert_eq!(attached.relationship.as_deref(), Some("Source"));
        assert!(attached.description.as_deref().unwrap_or("").contains(&attached.name));
    }
    let md = pdf.attachments.iter().find(|a| a.name.ends_with(".md")).unwrap();
    assert_eq!(md.mime.as_deref(), Some("text/markdown"));

    let fonts: Vec<(String, Vec<String>)> =
        manifest.fonts.iter().map(|f| (f.path.to_str().unwrap().to_string(), f.names.clone())).collect();
    assert_eq!(
        fonts,
        [
            ("fonts/LiberationSerif-Bold.ttf", "Liberation Serif Bold"),
            ("fonts/LiberationSerif-BoldItalic.ttf", "Liberation Serif Bold Italic"),
            ("fonts/LiberationSerif-Italic.ttf", "Liberation Serif Italic"),
            ("fonts/LiberationSerif-Regular.ttf", "Liberation Serif"),
        ]
        .map(|(p, n)| (p.to_string(), vec![n.to_string()]))
    );
    for f in &manifest.fonts {
        assert_eq!(f.sha256, sha256_hex(&std::fs::read(dir.path().join(&f.path)).unwrap()));
    }
    assert_eq!(manifest.baocao, env!("CARGO_PKG_VERSION"));
    assert_eq!(manifest.typst, typst::utils::version().raw());
    assert_eq!(manifest.options.pdf_standard.name(), "a-3b");
    assert!(manifest.options.sources_attached);
    assert_eq!(manifest.options.source_date_epoch, None);
    assert_eq!(manifest.options.timestamp, "2023-01-01");
}

#[test]
fn source_date_epoch_sets_the_pdf_date_and_is_recorded_for_verify() {
    let dir = mini_project();
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["build", "--project", dir.path().to_str().unwrap()])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let path = dir.path().join("build-output/report.pdf");
    let pdf = read_pdf(&path);
    assert!(pdf.creation_date.as_deref().unwrap_or("").starts_with("D:20231114221320"), "{:?}", pdf.creation_date);
    let manifest = manifest_of(&pdf);
    assert_eq!(manifest.options.source_date_epoch, Some(1700000000));
    assert_eq!(manifest.options.timestamp, "2023-11-14T22:13:20Z");
    // verify rebuilds with the recorded date, not today's environment
    let (code, text) = verify(&[path.to_str().unwrap(), "--project", dir.path().to_str().unwrap()], dir.path());
    assert_eq!(code, 0, "{text}");

    let bad = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["build", "--project", dir.path().to_str().unwrap()])
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("SOURCE_DATE_EPOCH"));
}

#[test]
fn verify_passes_on_a_fresh_build() {
    let dir = mini_project();
    let path = build(dir.path(), &[]);
    let (code, text) = verify(&[path.to_str().unwrap(), "--project", dir.path().to_str().unwrap()], dir.path());
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("rebuilt from the attached sources: identical"), "{text}");
    assert!(text.contains("verified:"), "{text}");
    // without --project, the fonts are looked up in ./fonts
    let (code, text) = verify(&[path.to_str().unwrap()], dir.path());
    assert_eq!(code, 0, "{text}");
}

#[test]
fn verify_with_a_project_fails_on_a_one_byte_change_of_a_section_and_names_it() {
    let dir = mini_project();
    let path = build(dir.path(), &[]);
    let section = dir.path().join("content/sections/02-ket-thuc.md");
    let mut bytes = std::fs::read(&section).unwrap();
    bytes[0] = b'N'; // "Thu nội địa" → "Nhu nội địa"
    std::fs::write(&section, bytes).unwrap();
    std::fs::write(dir.path().join("content/sections/03-them.md"), "Thêm.\n").unwrap();
    let (code, text) = verify(&[path.to_str().unwrap(), "--project", dir.path().to_str().unwrap()], dir.path());
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("changed  content/sections/02-ket-thuc.md"), "{text}");
    assert!(text.contains("added    content/sections/03-them.md"), "{text}");
    assert!(!text.contains("changed  content/sections/01-mo-dau.md"), "{text}");
    assert!(text.contains("is what its own sources produce, but the project differs"), "{text}");
}

/// Rewrites the PDF with lopdf, changing one byte of the attached file `name`.
fn tamper_attachment(pdf: &Path, name: &str, out: &Path) {
    let mut doc = lopdf::Document::load(pdf).unwrap();
    let mut target = None;
    for object in doc.objects.values() {
        if let Ok(dict) = object.as_dict()
            && dict.get(b"UF").and_then(lopdf::decode_text_string).ok().as_deref() == Some(name)
        {
            target = Some(dict.get(b"EF").unwrap().as_dict().unwrap().get(b"F").unwrap().as_reference().unwrap());
        }
    }
    let stream = doc.get_object_mut(target.expect("the attachment exists")).unwrap().as_stream_mut().unwrap();
    let mut content = stream.decompressed_content().unwrap();
    content[0] = b'N';
    stream.set_plain_content(content);
    doc.save(out).unwrap();
}

#[test]
fn verify_fails_on_a_one_byte_change_of_a_section_inside_the_pdf() {
    let dir = mini_project();
    let path = build(dir.path(), &[]);
    let tampered = dir.path().join("tampered.pdf");
    tamper_attachment(&path, "content/sections/02-ket-thuc.md", &tampered);
    let (code, text) = verify(&[tampered.to_str().unwrap()], dir.path());
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("`content/sections/02-ket-thuc.md`: the attached file does not match its SHA-256"), "{text}");
    assert!(text.contains("not verified"), "{text}");
}

#[test]
fn verify_fails_when_the_pdf_is_not_what_its_sources_produce() {
    let dir = mini_project();
    let path = build(dir.path(), &[]);
    // same attachments, other bytes: the title changed
    let mut doc = lopdf::Document::load(&path).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    doc.get_object_mut(info)
        .unwrap()
        .as_dict_mut()
        .unwrap()
        .set("Title", lopdf::Object::string_literal("BÁO CÁO khác"));
    let altered = dir.path().join("altered.pdf");
    doc.save(&altered).unwrap();
    let (code, text) = verify(&[altered.to_str().unwrap()], dir.path());
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("attached sources: all 5 match"), "{text}");
    assert!(text.contains("rebuilt from the attached sources, the PDF differs"), "{text}");
}

#[test]
fn verify_takes_the_fonts_built_into_baocao_and_cannot_tell_without_a_font_or_sources() {
    let dir = mini_project();
    let path = build(dir.path(), &[]);
    // outside the project: the fonts built into baocao are the report's, by SHA-256
    let elsewhere = tempfile::tempdir().unwrap();
    let (code, text) = verify(&[path.to_str().unwrap()], elsewhere.path());
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("fonts: all 4 found by SHA-256"), "{text}");

    // a font of the project's own (not built into baocao): nowhere else to be found
    let font = dir.path().join("fonts/LiberationSerif-BoldItalic.ttf");
    let mut bytes = std::fs::read(&font).unwrap();
    bytes.extend_from_slice(&[0; 4]);
    std::fs::write(&font, bytes).unwrap();
    let own = build(dir.path(), &[]);
    let (code, text) = verify(&[own.to_str().unwrap()], elsewhere.path());
    assert_eq!(code, 3, "cannot tell, not 'altered': {text}");
    assert!(text.contains("cannot rebuild: 1 of the fonts"), "{text}");
    assert!(text.contains("Liberation Serif Bold Italic (fonts/LiberationSerif-BoldItalic.ttf, SHA-256 "), "{text}");
    assert!(text.contains("--project DIR"), "{text}");
    assert!(text.contains("cannot tell:"), "{text}");
    let (code, text) = verify(&[own.to_str().unwrap(), "--project", dir.path().to_str().unwrap()], elsewhere.path());
    assert_eq!(code, 0, "with the project's fonts: {text}");

    let bare = build(dir.path(), &["--no-sources"]);
    let (code, text) = verify(&[bare.to_str().unwrap()], dir.path());
    assert_eq!(code, 3, "{text}");
    assert!(text.contains("carries no manifest.json"), "{text}");

    let (code, _) = verify(&["/nonexistent/report.pdf"], dir.path());
    assert_eq!(code, 2);
}

#[test]
fn draft_status_prints_du_thao_on_page_one_and_the_watermark_on_every_page() {
    use baocao::typeset::text::page_lines;
    let dir = mini_project();
    // enough text for three pages
    let paragraph = "Tiếp tục thực hiện tốt các nhiệm vụ phát triển kinh tế - xã hội của tỉnh. ".repeat(8);
    std::fs::write(dir.path().join("content/sections/03-dai.md"), format!("{paragraph}\n\n").repeat(20)).unwrap();
    let report = dir.path().join("content/report.yaml");
    let original = std::fs::read_to_string(&report).unwrap();
    let pages_of = |yaml: &str| {
        std::fs::write(&report, yaml).unwrap();
        let project = common::load(dir.path());
        let typeset = baocao::build::typeset(&project, Path::new("report.typ"), |_| Ok(())).unwrap();
        page_lines(&typeset.document)
            .into_iter()
            .map(|p| p.into_iter().map(|l| l.text).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    };
    let count = |pages: &[Vec<String>], page: usize| pages[page].iter().filter(|l| l.contains("DỰ THẢO")).count();

    let final_pages = pages_of(&original);
    assert!(final_pages.iter().all(|p| p.iter().all(|l| !l.contains("DỰ THẢO"))), "a final report has no marker");

    let draft = pages_of(&format!("{original}status: draft\n"));
    assert_eq!(count(&draft, 0), 1, "{:?}", draft[0]);
    assert_eq!(draft[0][0], "DỰ THẢO", "the marker comes first on page 1: {:?}", draft[0]);
    assert!(draft.iter().skip(1).all(|p| p.iter().all(|l| !l.contains("DỰ THẢO"))));
    assert_eq!(draft.len(), final_pages.len(), "the marker does not move the text");

    let watermarked = pages_of(&format!("{original}status: draft\nwatermark: true\n"));
    assert!(watermarked.len() >= 3, "{} pages", watermarked.len());
    assert_eq!(count(&watermarked, 0), 2, "page 1: the marker and the watermark");
    for page in 1..watermarked.len() {
        assert_eq!(count(&watermarked, page), 1, "the watermark is on page {}", page + 1);
    }

    std::fs::write(&report, format!("{original}status: draft\n")).unwrap();
    let pdf = read_pdf(&build(dir.path(), &[]));
    assert_eq!(pdf.keywords.as_deref(), Some("Dự thảo"));
    assert_eq!(manifest_of(&pdf).document.status, baocao::project::Status::Draft);
}

#[test]
fn replaces_is_recorded_in_the_pdf_keywords_and_the_manifest() {
    let dir = mini_project();
    let report = dir.path().join("content/report.yaml");
    let original = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, format!("{original}replaces:\n  number: 197/BC-UBND\n  date: 2023-11-24\n")).unwrap();
    let pdf = read_pdf(&build(dir.path(), &[]));
    assert_eq!(pdf.keywords.as_deref(), Some("Thay thế Báo cáo số 197/BC-UBND ngày 24/11/2023"));
    let replaces = manifest_of(&pdf).document.replaces.expect("replaces in the manifest");
    assert_eq!(replaces.number, "197/BC-UBND");
    assert_eq!(replaces.date.short_form(), "24/11/2023");
}

#[test]
fn the_real_report_records_the_report_it_replaces() {
    let project = common::load(&repo());
    let replaces = project.report.replaces.as_ref().expect("content/report.yaml has `replaces:`");
    assert_eq!((replaces.number.as_str(), replaces.date.short_form().as_str()), ("197/BC-UBND", "24/11/2023"));
}

#[test]
fn file_names_and_contents_reach_the_pdf_as_data_never_as_typst_code() {
    let dir = mini_project();
    let name = "content/sections/03-\"quoted\") #panic(\"x\").md";
    let text = "Dòng có #panic(\"không\") và \") #pdf.attach(\"x\") ký tự.\n";
    std::fs::write(dir.path().join(name), text).unwrap();
    let pdf = read_pdf(&build(dir.path(), &[]));
    let attached = pdf.attachments.iter().find(|a| a.name == name).expect("the odd name is attached as it is");
    assert_eq!(attached.bytes, text.as_bytes());
    assert_eq!(pdf.attachments.len(), 7, "nothing else was attached");
}

#[test]
fn the_reserved_folder_is_served_from_memory_only() {
    use typst_layout::PagedDocument;
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir(root.path().join(".baocao")).unwrap();
    std::fs::write(root.path().join(".baocao/on-disk.txt"), "on disk").unwrap();
    let world = |source: &str| {
        let date = typst::foundations::Datetime::from_ymd(2023, 1, 1).unwrap();
        let mut w = baocao::typeset::BaocaoWorld::new(root.path(), source.to_string(), &common::fonts(), date);
        w.add_virtual_file("/.baocao/served.txt", b"in memory".to_vec());
        w
    };
    let served = typst::compile::<PagedDocument>(&world("#read(\"/.baocao/served.txt\")")).output.unwrap();
    assert_eq!(baocao::typeset::text::document_text(&served), "in memory");
    let errors = typst::compile::<PagedDocument>(&world("#read(\"/.baocao/on-disk.txt\")")).output.err().unwrap();
    assert!(
        errors[0].message.contains("not found"),
        "a file on disk under .baocao/ is never read: {}",
        errors[0].message
    );
}
