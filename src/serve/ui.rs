//! The workspace's words in the run's language: the page (`assets/index.html`) with its
//! `{{ui-…}}` placeholders filled from `serve.ftl`, and every `ui-…` message handed to the
//! scripts as JSON inside the page (`<script type="application/json" id="ui-text">`), where
//! `T(id, {n: 3})` in `app.js` puts the values in.

use serde_json::{Map, Value};

use crate::i18n::{self, Arg};

/// The ids of the workspace's messages: every `ui-…` message of `serve.ftl`.
pub fn ids() -> Vec<&'static str> {
    let source = i18n::FILES.iter().find(|(name, _, _)| *name == "serve").map_or("", |(_, en, _)| *en);
    source
        .lines()
        .filter_map(|line| line.split_once(" = ").map(|(id, _)| id))
        .filter(|id| {
            id.starts_with("ui-") && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
        .collect()
}

/// The messages for the scripts: each as written with its variables left as `{$name}`, and,
/// where the singular differs (English `1 page`), its form for one as `ID#one`.
pub fn texts() -> Map<String, Value> {
    let mut out = Map::new();
    for id in ids() {
        let general = i18n::text(id, &[]);
        let one = i18n::text(id, &[("n", Arg::from(1usize))]);
        if one != general.replace("{$n}", "1") {
            out.insert(format!("{id}#one"), Value::String(one));
        }
        out.insert(id.to_string(), Value::String(general));
    }
    // what each finding code finds, for the findings list (`code-fact-unused`…)
    for code in crate::diagnostics::Code::ALL {
        out.insert(format!("code-{}", code.as_str()), Value::String(code.summary()));
    }
    out
}

/// The page: placeholders filled (text escaped for HTML, except in `…-html` messages, which
/// are markup of the catalogue's own), the language, and the messages for the scripts.
pub fn page(template: &str) -> String {
    let mut out = String::with_capacity(template.len() + 8192);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find("}}").map(|e| start + e) else { break };
        let id = &rest[start + 2..end];
        match id {
            "lang" => out.push_str(i18n::current().tag()),
            // `</` cannot close the script element: JSON allows `<\/`
            "ui-json" => out.push_str(&Value::Object(texts()).to_string().replace("</", "<\\/")),
            _ if id.ends_with("-html") => out.push_str(&i18n::text(id, &[])),
            _ => out.push_str(&escape(&i18n::text(id, &[]))),
        }
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, with_lang};

    #[test]
    fn the_page_speaks_the_language_of_the_run_and_leaves_no_placeholder() {
        let template = include_str!("assets/index.html");
        let vi = with_lang(Lang::Vi, || page(template));
        assert!(vi.contains("<html lang=\"vi\">") && vi.contains(">So sánh hai phiên bản</h2>"), "{vi}");
        let en = with_lang(Lang::En, || page(template));
        assert!(en.contains("<html lang=\"en\">") && en.contains(">Compare two versions</h2>"), "{en}");
        for page in [vi, en] {
            // (a finding code's summary may show `{{ … }}`: only `{{ui-…}}` is a placeholder)
            assert!(!page.contains("{{ui-"), "a placeholder left");
        }
    }

    #[test]
    fn the_scripts_get_every_message_with_variables_to_fill_and_the_english_singular() {
        let en = with_lang(Lang::En, texts);
        assert!(en.len() > 40, "{en:?}");
        assert_eq!(en["ui-js-pages"], "{$n} pages");
        assert_eq!(en["ui-js-pages#one"], "1 page");
        let vi = with_lang(Lang::Vi, texts);
        assert_eq!(vi["ui-js-pages"], "{$n} trang");
        assert!(!vi.contains_key("ui-js-pages#one"), "Vietnamese has one form");
        // every finding code is named in the findings list, in the language of the run
        for code in crate::diagnostics::Code::ALL {
            assert!(vi.contains_key(&format!("code-{}", code.as_str())), "{code}");
        }
        assert_eq!(vi["code-fact-unused"], "một số liệu không mục nào in ra");
    }
}
