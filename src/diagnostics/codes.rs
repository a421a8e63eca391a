//! The stable codes of findings: one list, with each code's severity and what it finds.
//!
//! A code names one kind of finding; it appears as `warning[code]` in the human output, in the
//! JSON of `check`, in `baocao-allow` comments and in the baseline. The names never change.

use super::Severity;

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, $severity:ident; )*) => {
        /// A kind of finding.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
        }

        impl Code {
            /// Every code, in the order of the documentation.
            pub const ALL: &[Code] = &[$(Code::$variant),*];

            /// The stable name: `typo-no-space-after`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// Errors stop the build; warnings do not.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// One line saying what it finds, in the language of the run (the catalogue's
            /// `code-<name>`, src/i18n/*/codes.ftl).
            pub fn summary(self) -> String {
                crate::i18n::text(&format!("code-{}", self.as_str()), &[])
            }
        }
    };
}

codes! {
    /// A `{{ … }}` names a fact that does not exist.
    FactUndefined = "fact-undefined", Error;
    /// A fact that no section prints.
    FactUnused = "fact-unused", Warning;
    /// A value the filter cannot print (text through `num`, a bad date…).
    FactFormat = "fact-format", Error;
    /// A `{{ … }}` that tera cannot read.
    FactSyntax = "fact-syntax", Error;
    /// An unquoted YAML number a Vietnamese reader reads otherwise (`value: 51.997`, three digits
    /// after the dot, in money or a count: YAML reads 51,997, the office meant 51 997).
    FactAmbiguousNumber = "fact-ambiguous-number", Warning;
    /// The same key twice in one YAML mapping of a facts file.
    FactDuplicateKey = "fact-duplicate-key", Error;
    /// A relation (`derived:` or `check:`) that cannot be read or computed: a syntax error, a
    /// fact that does not exist, a division by zero, a cycle of derived facts.
    RelationError = "relation-error", Error;
    /// A fact whose stated value disagrees with its `check:` (`33 + 25 = 58 ≠ 57`).
    RelationMismatch = "relation-mismatch", Warning;
    /// A fact's `source:` cell that cannot be read: no such file, sheet or cell, a text, no saved value.
    SourceCell = "source-cell", Error;
    /// Two figures printed as "a/b" where a is above b (`35/33 xã`).
    FigureFraction = "figure-fraction", Warning;
    /// A share or rate above 100 % (a fact in % whose meaning is a share: "tỷ lệ", "chiếm", "tỷ trọng").
    FigureShare = "figure-share", Warning;
    /// A growth rate printed beside two values of one fact for consecutive periods that gives
    /// another rate.
    FigureGrowth = "figure-growth", Warning;
    /// `[^x]` with no `[^x]: …` anywhere.
    FootnoteUndefined = "footnote-undefined", Error;
    /// Two definitions of the same note label.
    FootnoteDuplicate = "footnote-duplicate", Error;
    /// A note nothing references.
    FootnoteUnreferenced = "footnote-unreferenced", Warning;
    /// A heading number that jumps over one (`1.3.` → `1.5.`, `a)` → `c)`).
    HeadingSkip = "heading-skip", Warning;
    /// A heading number that does not follow the one before (`2.1.` → `1.2.`, a repeat, a step back).
    HeadingNumber = "heading-number", Warning;
    /// `.`, `,`, `;` or `:` directly followed by a letter.
    TypoNoSpaceAfter = "typo-no-space-after", Warning;
    /// A space before `.`, `,`, `;` or `)`.
    TypoSpaceBefore = "typo-space-before", Warning;
    /// Two or more spaces in a row.
    TypoDoubleSpace = "typo-double-space", Warning;
    /// An unclosed or unopened `( )`, `“ ”` or `" "`.
    TypoUnbalanced = "typo-unbalanced", Warning;
    /// A word or phrase written twice in a row.
    TypoDoubledWord = "typo-doubled-word", Warning;
    /// A number glued to the word after it (`12ha`) where the report's convention has a space.
    TypoGluedNumber = "typo-glued-number", Warning;
    /// Two Vietnamese syllables written as one word (`làcác`).
    TypoGluedWords = "typo-glued-words", Warning;
    /// A word pair in a heading spelt with other tone marks than in the text (`Nguyên nhận`).
    TypoToneVariant = "typo-tone-variant", Warning;
    /// A word with its tone mark on another vowel than elsewhere in the report (`hoá` / `hóa`).
    TypoTonePlacement = "typo-tone-placement", Warning;
    /// A date that does not exist (`31/4/2023`).
    TypoDate = "typo-date", Warning;
    /// A year with the wrong number of digits (`năm 20233`).
    TypoYear = "typo-year", Warning;
    /// A range separator (`–` or `-`) other than the one the report mostly uses.
    TypoRangeDash = "typo-range-dash", Warning;
    /// A line starting with a list marker (`- `, `+ `, `* `, `2. `) that Markdown joined to the
    /// paragraph or item above: two items print as one line.
    ListMarkerJoined = "list-marker-joined", Warning;
    /// A code block in a section (a paragraph indented by a Tab or 4 spaces, or fenced with
    /// ```` ``` ````): it prints as small unindented text.
    CodeBlock = "code-block", Warning;
    /// A paragraph indented by a Tab after a footnote's definition or a list item: Markdown made it
    /// part of that footnote (printed at the page's foot) or item (printed as the item's own text).
    TabAbsorbed = "tab-absorbed", Warning;
    /// An entry of a list in report.yaml that YAML joined with the next line's entry (one space
    /// too many before `- `): two recipients print as one.
    ReportItemJoined = "report-item-joined", Warning;
    /// A file in content/sections/ or content/facts/ that is not read (`.md.txt`, `.docx`, `.txt`).
    FileLeftOut = "file-left-out", Warning;
    /// A character the report's text font cannot show.
    GlyphMissing = "glyph-missing", Error;
    /// A `baocao-allow` comment naming an unknown code, or an error (errors cannot be silenced).
    AllowInvalid = "allow-invalid", Warning;
    /// A `baocao-allow` comment that silenced nothing.
    AllowUnused = "allow-unused", Warning;
    /// The project could not be loaded (a file missing or unreadable, bad YAML).
    ProjectLoad = "project-load", Error;
    /// An entry of `content/check-baseline.yaml` that matches no finding any more.
    BaselineStale = "baseline-stale", Warning;
}

impl Code {
    /// The code named `name`, if it is one.
    pub fn parse(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == name)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed_once_with_a_kebab_case_name() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            assert!(seen.insert(c.as_str()), "{c} listed twice");
            assert!(c.as_str().chars().all(|ch| ch.is_ascii_lowercase() || ch == '-'), "{c}");
            assert_eq!(Code::parse(c.as_str()), Some(*c));
        }
    }
}
