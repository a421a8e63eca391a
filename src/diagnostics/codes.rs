//! The stable codes of findings: one list, with each code's severity and what it finds.
//!
//! A code names one kind of finding; it appears as `warning[code]` in the human output, in the
//! JSON of `check`, in `baocao-allow` comments and in the baseline. The names never change.

use super::Severity;

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, $severity:ident, $summary:literal; )*) => {
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

            /// One line saying what it finds.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }
        }
    };
}

codes! {
    /// A `{{ … }}` names a fact that does not exist.
    FactUndefined = "fact-undefined", Error, "a `{{ … }}` names a fact that does not exist";
    /// A fact that no section prints.
    FactUnused = "fact-unused", Warning, "a fact that no section prints";
    /// A value the filter cannot print (text through `num`, a bad date…).
    FactFormat = "fact-format", Error, "a value the filter cannot print";
    /// A `{{ … }}` that tera cannot read.
    FactSyntax = "fact-syntax", Error, "a `{{ … }}` that tera cannot read";
    /// The same key twice in one YAML mapping of a facts file.
    FactDuplicateKey = "fact-duplicate-key", Error, "the same key twice in one mapping of a facts file";
    /// A relation (`derived:` or `check:`) that cannot be read or computed: a syntax error, a
    /// fact that does not exist, a division by zero, a cycle of derived facts.
    RelationError = "relation-error", Error, "a relation between facts that cannot be read or computed";
    /// A fact whose stated value disagrees with its `check:` (`33 + 25 = 58 ≠ 57`).
    RelationMismatch = "relation-mismatch", Warning, "a fact whose value disagrees with its declared relation";
    /// A fact's `source:` cell that cannot be read: no such file, sheet or cell, a text, no saved value.
    SourceCell = "source-cell", Error, "a spreadsheet cell a fact cannot be read from";
    /// Two figures printed as "a/b" where a is above b (`35/33 xã`).
    FigureFraction = "figure-fraction", Warning, "figures printed as a/b where a is above b";
    /// A share or rate above 100 % (a fact in % whose meaning is a share: "tỷ lệ", "chiếm", "tỷ trọng").
    FigureShare = "figure-share", Warning, "a share above 100 %";
    /// A growth rate printed beside two values of one fact for consecutive periods that gives
    /// another rate.
    FigureGrowth = "figure-growth", Warning, "a growth rate that disagrees with the two values printed beside it";
    /// `[^x]` with no `[^x]: …` anywhere.
    FootnoteUndefined = "footnote-undefined", Error, "a note reference without a definition";
    /// Two definitions of the same note label.
    FootnoteDuplicate = "footnote-duplicate", Error, "a note label defined twice";
    /// A note nothing references.
    FootnoteUnreferenced = "footnote-unreferenced", Warning, "a note that nothing references";
    /// A heading number that jumps over one (`1.3.` → `1.5.`, `a)` → `c)`).
    HeadingSkip = "heading-skip", Warning, "a heading number that skips one";
    /// A heading number that does not follow the one before (`2.1.` → `1.2.`, a repeat, a step back).
    HeadingNumber = "heading-number", Warning, "a heading number that does not follow the one before";
    /// `.`, `,`, `;` or `:` directly followed by a letter.
    TypoNoSpaceAfter = "typo-no-space-after", Warning, "no space after `.`, `,`, `;` or `:` before a letter";
    /// A space before `.`, `,`, `;` or `)`.
    TypoSpaceBefore = "typo-space-before", Warning, "a space before `.`, `,`, `;` or `)`";
    /// Two or more spaces in a row.
    TypoDoubleSpace = "typo-double-space", Warning, "two or more spaces in a row";
    /// An unclosed or unopened `( )`, `“ ”` or `" "`.
    TypoUnbalanced = "typo-unbalanced", Warning, "an unbalanced bracket or quotation mark";
    /// A word or phrase written twice in a row.
    TypoDoubledWord = "typo-doubled-word", Warning, "a word or phrase written twice in a row";
    /// A number glued to the word after it (`12ha`) where the report's convention has a space.
    TypoGluedNumber = "typo-glued-number", Warning, "a number glued to the word after it";
    /// Two Vietnamese syllables written as one word (`làcác`).
    TypoGluedWords = "typo-glued-words", Warning, "two Vietnamese syllables written as one word";
    /// A word pair in a heading spelt with other tone marks than in the text (`Nguyên nhận`).
    TypoToneVariant = "typo-tone-variant", Warning, "a heading word pair spelt with other tone marks than in the text";
    /// A word with its tone mark on another vowel than elsewhere in the report (`hoá` / `hóa`).
    TypoTonePlacement = "typo-tone-placement", Warning, "a word with its tone mark on another vowel than elsewhere";
    /// A date that does not exist (`31/4/2023`).
    TypoDate = "typo-date", Warning, "a date that does not exist";
    /// A year with the wrong number of digits (`năm 20233`).
    TypoYear = "typo-year", Warning, "a year with the wrong number of digits";
    /// A range separator (`–` or `-`) other than the one the report mostly uses.
    TypoRangeDash = "typo-range-dash", Warning, "a range separator other than the report's usual one";
    /// A character the report's text font cannot show.
    GlyphMissing = "glyph-missing", Error, "a character the text font cannot show";
    /// A `baocao-allow` comment naming an unknown code, or an error (errors cannot be silenced).
    AllowInvalid = "allow-invalid", Warning, "a `baocao-allow` comment naming an unknown code or an error";
    /// A `baocao-allow` comment that silenced nothing.
    AllowUnused = "allow-unused", Warning, "a `baocao-allow` comment that silenced nothing";
    /// The project could not be loaded (a file missing or unreadable, bad YAML).
    ProjectLoad = "project-load", Error, "the project could not be loaded";
    /// An entry of `content/check-baseline.yaml` that matches no finding any more.
    BaselineStale = "baseline-stale", Warning, "a baseline entry that matches no finding any more";
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
