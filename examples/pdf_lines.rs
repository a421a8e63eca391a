//! Prints the lines `baocao::pdf_text::lines` reads from a PDF: `cargo run --example pdf_lines -- FILE.pdf [PAGE]`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: pdf_lines FILE.pdf [PAGE]");
        std::process::exit(2);
    };
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let only: Option<usize> = args.get(2).and_then(|p| p.parse().ok());
    match baocao::pdf_text::lines(&bytes) {
        Ok(pages) => {
            for page in pages.iter().filter(|p| only.is_none_or(|n| n == p.number)) {
                println!("--- page {} ({:.1} × {:.1})", page.number, page.width, page.height);
                for (i, l) in page.lines.iter().enumerate() {
                    let sup: Vec<String> = l.runs.iter().filter(|r| r.superscript).map(|r| r.text.clone()).collect();
                    let bold = if l.is_bold() { "B" } else { " " };
                    println!(
                        "{:3} y={:6.1} x={:5.1} end={:5.1} {:4.1}{bold} {}{}",
                        i + 1,
                        l.y,
                        l.x,
                        l.end(),
                        l.size,
                        l.text,
                        if sup.is_empty() { String::new() } else { format!("   ^{}", sup.join(",")) }
                    );
                }
            }
        }
        Err(e) => {
            eprintln!("{}", e.to_diagnostic(std::path::Path::new(path)).render());
            std::process::exit(1);
        }
    }
}
