//! Messages in Vietnamese and English: one catalogue, chosen once per run.
//!
//! Every message a user sees (errors, warnings, help lines, summaries, `--help`) is a
//! [Fluent](https://projectfluent.org) message with the same id in `en/*.ftl` and `vi/*.ftl`,
//! one file per part of the tool, built into the binary. Code asks for a message by id with
//! [`t!`](crate::t): `t!("fact-unused", key = key)`. Fluent gives plurals by the language's
//! rules (`{ $n -> [one] page *[other] pages }`; Vietnamese has one form).
//!
//! The language of a run ([`Lang`]) is `--lang`, else a Vietnamese locale (`LANG=vi_VN.UTF-8`,
//! `LC_ALL`, `LC_MESSAGES`), else `language:` in the project's report.yaml, else English
//! (see [`choose`]). Finding codes (`fact-unused`…) are not translated: they are the stable
//! names of JSON output and `baocao-allow` comments.
//!
//! The tests check that both languages hold the same messages with the same variables, and
//! that every id the code asks for exists.

use std::cell::Cell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language baocao speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Tiếng Việt.
    Vi,
    /// English.
    En,
}

impl Lang {
    /// The language named by a tag: `vi`, `vi-VN`, `vi_VN.UTF-8`, `en`, `en_GB`…
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_', '.', '@']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The tag written in report.yaml and accepted by `--lang`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

/// The language of a run: `--lang` if given, else a Vietnamese locale, else the project's
/// `language:`, else English. An English or other locale does not override a project written
/// in Vietnamese (a clerk's computer is often set to English); `--lang en` does.
pub fn choose(flag: Option<Lang>, locale: Option<&str>, project: Option<Lang>) -> Lang {
    flag.or_else(|| locale.and_then(Lang::from_tag).filter(|l| *l == Lang::Vi)).or(project).unwrap_or(Lang::En)
}

/// The locale of the environment, as POSIX looks it up: `LC_ALL`, then `LC_MESSAGES`, then
/// `LANG` (the first that is set and not empty).
pub fn locale_from_env() -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
}

/// The language of a run of the command line, before its arguments are parsed (so that clap's
/// `--help` and its errors are in it too): `--lang X` among `args`, the locale, and the
/// `language:` line of `content/report.yaml` in `--project DIR` (or the current folder).
pub fn for_command_line(args: &[std::ffi::OsString]) -> Lang {
    let value = |name: &str| {
        let mut it = args.iter().filter_map(|a| a.to_str());
        let prefix = format!("{name}=");
        while let Some(a) = it.next() {
            if a == name {
                return it.next().map(str::to_string);
            }
            if let Some(v) = a.strip_prefix(&prefix) {
                return Some(v.to_string());
            }
        }
        None
    };
    let flag = value("--lang").as_deref().and_then(Lang::from_tag);
    let project = value("--project").unwrap_or_else(|| ".".into());
    let declared = std::fs::read_to_string(std::path::Path::new(&project).join("content").join("report.yaml"))
        .ok()
        .and_then(|text| declared_language(&text));
    choose(flag, locale_from_env().as_deref(), declared)
}

/// The language a report.yaml declares on its top-level `language:` line (`language: vi`).
pub fn declared_language(report_yaml: &str) -> Option<Lang> {
    report_yaml.lines().find_map(|line| {
        let value = line.strip_prefix("language:")?;
        let value = value.split('#').next().unwrap_or("").trim().trim_matches(['"', '\'']);
        Lang::from_tag(value)
    })
}

static CURRENT: AtomicU8 = AtomicU8::new(1);

thread_local! {
    static OVERRIDE: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Sets the language of the run (every thread).
pub fn set(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// The language messages are written in now.
pub fn current() -> Lang {
    OVERRIDE.with(Cell::get).unwrap_or(if CURRENT.load(Ordering::Relaxed) == Lang::Vi as u8 {
        Lang::Vi
    } else {
        Lang::En
    })
}

/// Runs `f` with messages in `lang` on this thread only (tests, a server answering in the
/// language a request asks for).
pub fn with_lang<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    let before = OVERRIDE.with(|o| o.replace(Some(lang)));
    let out = f();
    OVERRIDE.with(|o| o.set(before));
    out
}

/// A value put into a message: a text, or a number (which also chooses a plural form).
pub struct Arg(FluentValue<'static>);

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg(FluentValue::String(s.to_string().into()))
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg(FluentValue::String(s.into()))
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg(FluentValue::String(s.clone().into()))
    }
}
impl From<std::borrow::Cow<'_, str>> for Arg {
    fn from(s: std::borrow::Cow<'_, str>) -> Arg {
        Arg(FluentValue::String(s.into_owned().into()))
    }
}
macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg(FluentValue::from(n as f64))
            }
        }
    )*};
}
number_args!(usize, u64, u32, u16, u8, i64, i32, f64);

/// The message `id` in the current language, with `args` put in. A message missing from one
/// language falls back to the other (the tests make sure none is); an unknown id is returned
/// as is.
pub fn text(id: &str, args: &[(&str, Arg)]) -> String {
    let lang = current();
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        fluent_args.set(*name, value.0.clone());
    }
    [lang, other(lang)]
        .into_iter()
        .find_map(|l| {
            let bundle = bundle(l);
            let pattern = bundle.get_message(id)?.value()?;
            let mut errors = Vec::new();
            Some(bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned())
        })
        .unwrap_or_else(|| id.to_string())
}

/// Whether the catalogue has a message `id`.
pub fn has(id: &str) -> bool {
    bundle(Lang::En).has_message(id)
}

fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Vi => Lang::En,
        Lang::En => Lang::Vi,
    }
}

/// The message `id` in the current language: `t!("fact-unused", key = key)`.
#[macro_export]
macro_rules! t {
    ($id:literal) => {
        $crate::i18n::text($id, &[])
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::text($id, &[$((stringify!($name), $crate::i18n::Arg::from($value))),+])
    };
}

/// The catalogue's files: (name, English, Vietnamese).
macro_rules! catalogue {
    ($($name:literal),* $(,)?) => {
        /// Every part of the catalogue, by file name, in both languages.
        pub const FILES: &[(&str, &str, &str)] = &[
            $(($name, include_str!(concat!("en/", $name, ".ftl")), include_str!(concat!("vi/", $name, ".ftl")))),*
        ];
    };
}

catalogue![
    "common",
    "codes",
    "facts",
    "project",
    "check",
    "narrative",
    "cli",
    "build",
    "diff",
    "verify",
    "import",
    "serve",
    "typeset",
];

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static VI: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let cell = match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    };
    cell.get_or_init(|| {
        let mut bundle = FluentBundle::new_concurrent(vec![lang.tag().parse().expect("a valid language tag")]);
        // no Unicode isolation marks around values: terminals and files show them as they are
        bundle.set_use_isolating(false);
        for (_, en, vi) in FILES {
            let source = if lang == Lang::Vi { vi } else { en };
            // a file that does not parse is refused by the tests; keep what did parse
            let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
            // a message defined twice is refused by the tests too; the first is kept
            let _ = bundle.add_resource(resource);
        }
        bundle
    })
}

#[cfg(test)]
mod tests;
