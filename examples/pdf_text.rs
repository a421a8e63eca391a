//! What `baocao::pdf_text` reads from a PDF, and how long it takes:
//!
//! ```text
//! cargo run --example pdf_text -- lines FILE.pdf [PAGE]   # the printed lines (y, x, end, size, bold)
//! cargo run --example pdf_text -- document FILE.pdf       # blocks and notes, with page:line
//! cargo run --release --example pdf_text -- time FILE.pdf [RUNS]   # median time of RUNS reads (5)
//! ```
use std::path::Path;
use std::time::Instant;

use baocao::pdf_text::{self, BlockKind};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(mode), Some(path)) = (args.first(), args.get(1)) else {
        eprintln!("usage: pdf_text lines|document|time FILE.pdf [PAGE|RUNS]");
        std::process::exit(2);
    };
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let number: Option<usize> = args.get(2).and_then(|n| n.parse().ok());
    let pages = match pdf_text::lines(&bytes) {
        Ok(pages) => pages,
        Err(e) => {
            eprintln!("{}", e.to_diagnostic(Path::new(path)).render());
            std::process::exit(1);
        }
    };
    match mode.as_str() {
        "lines" => {
            for page in pages.iter().filter(|p| number.is_none_or(|n| n == p.number)) {
                println!("--- page {} ({:.1} × {:.1})", page.number, page.width, page.height);
                for (i, l) in page.lines.iter().enumerate() {
                    let sup: Vec<&str> = l.runs.iter().filter(|r| r.superscript).map(|r| r.text.as_str()).collect();
                    let sup = if sup.is_empty() { String::new() } else { format!("   ^{}", sup.join(",")) };
                    let bold = if l.is_bold() { "B" } else { " " };
                    println!(
                        "{:3} y={:6.1} x={:5.1} end={:5.1} {:4.1}{bold} {}{sup}",
                        i + 1,
                        l.y,
                        l.x,
                        l.end(),
                        l.size,
                        l.text
                    );
                }
            }
        }
        "document" => {
            let doc = pdf_text::document(&pages);
            for b in &doc.blocks {
                let kind = match b.kind {
                    BlockKind::Heading { level } => format!("H{level}"),
                    BlockKind::Paragraph => "P".to_string(),
                    BlockKind::ListItem => "LI".to_string(),
                };
                let at = b.words.first().map_or(String::new(), |w| format!("{}:{}", w.page, w.line));
                println!("[{kind} {at}] {}", b.text());
            }
            for n in &doc.notes {
                let at = n.words.first().map_or(String::new(), |w| format!("{}:{}", w.page, w.line));
                println!("[note {} {at}] {}", n.number, n.text());
            }
        }
        "time" => {
            let runs = number.unwrap_or(5).max(1);
            let mut times: Vec<f64> = (0..runs)
                .map(|_| {
                    let start = Instant::now();
                    let pages = pdf_text::lines(&bytes).expect("read once already");
                    let lines = start.elapsed().as_secs_f64();
                    std::hint::black_box(pdf_text::document(&pages));
                    let all = start.elapsed().as_secs_f64();
                    eprintln!("lines {:.1} ms, lines + document {:.1} ms", lines * 1e3, all * 1e3);
                    all
                })
                .collect();
            times.sort_by(f64::total_cmp);
            println!("{} pages: median of {runs} runs {:.1} ms (lines + document)", pages.len(), times[runs / 2] * 1e3);
        }
        _ => {
            eprintln!("unknown mode `{mode}`: lines, document or time");
            std::process::exit(2);
        }
    }
}
