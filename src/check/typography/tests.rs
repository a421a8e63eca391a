//! Each typography rule on text that breaks it and on text that must pass.

use super::*;

fn codes_in(text: &str) -> Vec<(Code, String)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = Vec::new();
    punctuation(text, &chars, &mut found);
    brackets(text, &chars, &mut found);
    words::doubled(text, &words::Ngrams::default(), &mut found);
    words::glued_words(text, &mut found);
    dates(text, &Patterns::new(), &mut found);
    found.into_iter().map(|f| (f.code, text[f.range].to_string())).collect()
}

#[test]
fn missing_space_after_punctuation_is_found_but_not_in_numbers_abbreviations_or_addresses() {
    assert_eq!(codes_in("phát triển.Khẩn trương"), [(Code::TypoNoSpaceAfter, ".".to_string())]);
    assert_eq!(codes_in("2.2.3.Văn hoá"), [(Code::TypoNoSpaceAfter, ".".to_string())]);
    assert_eq!(codes_in("tốt,nhanh;gọn:đủ").len(), 3);
    assert!(codes_in("tăng 8,58%, đạt 2.931,87 tỷ đồng tại TP.HCM, v.v. và www.haiduong.gov.vn.").is_empty());
}

#[test]
fn space_before_punctuation_and_double_spaces_are_found() {
    assert_eq!(codes_in("Thực hiện Kế  hoạch"), [(Code::TypoDoubleSpace, "  ".to_string())]);
    assert_eq!(codes_in("báo cáo ."), [(Code::TypoSpaceBefore, " .".to_string())]);
    assert_eq!(codes_in("(mục tiêu 5% )"), [(Code::TypoSpaceBefore, " )".to_string())]);
    assert!(codes_in("Nhật Bản ... tổ chức, giá 0,5 và trân trọng báo cáo./.").is_empty());
}

#[test]
fn unbalanced_brackets_and_quotes_are_found_but_item_labels_are_not_brackets() {
    assert_eq!(codes_in("Đề án “Xử lý rác\" được"), [(Code::TypoUnbalanced, "\"".to_string())]);
    assert_eq!(codes_in("(mục tiêu 5%"), [(Code::TypoUnbalanced, "(".to_string())]);
    assert_eq!(codes_in("mục tiêu) 5%"), [(Code::TypoUnbalanced, ")".to_string())]);
    assert!(codes_in("gồm: a) nông nghiệp; b) công nghiệp (“xanh”) và \"số\"").is_empty());
}

#[test]
fn doubled_words_and_phrases_are_found_but_reduplication_is_not() {
    assert_eq!(codes_in("đẩy mạnh đẩy mạnh cải cách"), [(Code::TypoDoubledWord, "đẩy mạnh".to_string())]);
    assert_eq!(codes_in("của của tỉnh"), [(Code::TypoDoubledWord, "của".to_string())]);
    assert!(codes_in("từng bước, dần dần, nhà nhà, người người; mới, mới").is_empty());
}

#[test]
fn glued_syllables_are_found_and_split_where_the_next_syllable_starts() {
    let found = codes_in("nhất làcác vụ việc, 10 thuêbao");
    assert_eq!(found, [(Code::TypoGluedWords, "làcác".to_string()), (Code::TypoGluedWords, "thuêbao".to_string())]);
    let mut out = Vec::new();
    words::glued_words("khôngtrong", &mut out);
    assert_eq!(out[0].help, "write `không trong`");
    assert!(codes_in("Nguyễn quyết giữ nghiêng khuya OCOP Covid Internet HĐND").is_empty());
}

#[test]
fn impossible_dates_and_years_with_the_wrong_digits_are_found() {
    assert_eq!(codes_in("ngày 31/4/2023"), [(Code::TypoDate, "31/4/2023".to_string())]);
    assert_eq!(codes_in("ngày 29 tháng 2 năm 2023"), [(Code::TypoDate, "ngày 29 tháng 2 năm 2023".to_string())]);
    assert_eq!(codes_in("từ tháng 13/2021"), [(Code::TypoDate, "13".to_string())]);
    assert_eq!(codes_in("ngày 30/11/20233"), [(Code::TypoYear, "20233".to_string())]);
    assert_eq!(codes_in("năm 202 tăng"), [(Code::TypoYear, "202".to_string())]);
    assert!(codes_in("ngày 29/2/2024, tháng 01/2021, năm 2023, số 191/KH-HĐND, 30/2020/NĐ-CP").is_empty());
}
