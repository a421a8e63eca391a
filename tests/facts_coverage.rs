//! Every figure the report states lives once, as a fact: at least 90 % of the numbers printed
//! with a unit or a percent sign in content/sections come from `{{ … }}` expressions, not literals.

mod common;

/// Units that make a number a figure (money, area, counts, shares), as the report writes them.
const UNITS: &[&str] = &[
    "%",
    "tỷ",
    "triệu",
    "nghìn",
    "ha",
    "USD",
    "doanh nghiệp",
    "dự án",
    "người",
    "lượt",
    "xã",
    "trường",
    "cơ sở",
    "sản phẩm",
    "km",
    "tấn",
    "hộ",
    "vụ",
    "đơn",
    "văn bản",
    "thủ tục",
    "cụm",
    "KCN",
    "CCN",
    "đại biểu",
    "đơn vị",
    "cơ quan",
    "thành viên",
    "học sinh",
    "giường",
    "bác sĩ",
    "lao động",
    "hợp tác xã",
    "mỏ",
    "giấy phép",
    "quyết định",
    "công trình",
    "chợ",
    "siêu thị",
    "tổ chức",
    "cán bộ",
    "lần",
    "cuộc",
];

/// (figures printed from facts, figures written as literals) in one section's text.
fn count(text: &str) -> (usize, usize) {
    let (mut facts, mut literals) = (0, 0);
    let mut rest = text;
    // facts: a `{{ … }}` followed by a unit
    let mut plain = String::new();
    while let Some(open) = rest.find("{{") {
        plain.push_str(&rest[..open]);
        let Some(close) = rest[open..].find("}}") else { break };
        let after = rest[open + close + 2..].trim_start_matches(' ');
        if UNITS.iter().any(|u| after.starts_with(u)) || rest[open..open + close].contains("pct") {
            facts += 1;
        }
        plain.push_str(" FACT ");
        rest = &rest[open + close + 2..];
    }
    plain.push_str(rest);
    // literals: a number (digits with . or , inside) followed by a unit
    let chars: Vec<char> = plain.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit()
            && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '/' || chars[i - 1] == '-'))
        {
            let mut j = i;
            while j < chars.len()
                && (chars[j].is_ascii_digit()
                    || ((chars[j] == '.' || chars[j] == ',') && chars.get(j + 1).is_some_and(char::is_ascii_digit)))
            {
                j += 1;
            }
            let after: String = chars[j..chars.len().min(j + 16)].iter().collect();
            let after = after.trim_start_matches(' ');
            let is_label = chars.get(j) == Some(&'.') || chars.get(j) == Some(&')'); // heading numbers
            if !is_label && UNITS.iter().any(|u| after.starts_with(u)) {
                literals += 1;
            }
            i = j;
        }
        i += 1;
    }
    (facts, literals)
}

#[test]
fn at_least_90_percent_of_figures_come_from_facts() {
    let mut total = (0, 0);
    for entry in std::fs::read_dir(common::repo().join("content/sections")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let (f, l) = count(&text);
        total.0 += f;
        total.1 += l;
    }
    let share = total.0 as f64 / (total.0 + total.1) as f64;
    eprintln!("figures from facts: {} of {} ({:.1} %)", total.0, total.0 + total.1, share * 100.0);
    assert!(share >= 0.90, "only {:.1} % of figures come from facts", share * 100.0);
}

#[test]
fn the_counter_tells_facts_from_literals() {
    assert_eq!(count("tăng {{ a.b | pct }}, đạt 60.368 tỷ đồng và 12 dự án; 2.1. Mục"), (1, 2));
}
