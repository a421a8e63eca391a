//! Tera filters for Vietnamese conventions: numbers `1.234,56`, percentages `8,58%`, dates
//! `30/11/2023` and `ngày 30 tháng 11 năm 2023`.
//!
//! Numbers are formatted from their shortest decimal representation and rounded on the
//! decimal digits (half away from zero), so no binary floating-point artefact is ever printed.

use crate::facts::number::vietnamese_number;
use crate::t;
use tera::{Kwargs, State, Tera, Value};

/// Registers `num`, `pct`, `vn_date` and `vn_date_long` on a tera instance.
pub fn register(tera: &mut Tera) {
    tera.register_filter("num", |v: &Value, kw: Kwargs, _: &State| -> tera::TeraResult<String> {
        format_value(v, &kw)
    });
    tera.register_filter("pct", |v: &Value, kw: Kwargs, _: &State| -> tera::TeraResult<String> {
        Ok(format!("{}%", format_value(v, &kw)?))
    });
    tera.register_filter("vn_date", |v: &str, kw: Kwargs, _: &State| -> tera::TeraResult<String> {
        let pad = kw.get::<bool>("pad")?.unwrap_or(true);
        let d = parse_date(v)?;
        Ok(short_date(d, pad))
    });
    tera.register_filter("vn_date_long", |v: &str, _: Kwargs, _: &State| -> tera::TeraResult<String> {
        Ok(long_date(parse_date(v)?))
    });
}

fn format_value(v: &Value, kw: &Kwargs) -> tera::TeraResult<String> {
    let decimals = kw.get::<i64>("decimals")?;
    let pad = kw.get::<i64>("pad")?.unwrap_or(0);
    let decimals = match decimals {
        Some(d) if !(0..=12).contains(&d) => {
            return Err(tera::Error::message(t!("narrative-filter-decimals", value = d)));
        }
        d => d.map(|d| d as usize),
    };
    if !(0..=20).contains(&pad) {
        return Err(tera::Error::message(t!("narrative-filter-pad", value = pad)));
    }
    let plain = if v.is_undefined() {
        return Err(tera::Error::message(t!("narrative-filter-undefined")));
    } else if let Some(i) = v.as_i128() {
        i.to_string()
    } else if let Some(f) = v.as_f64() {
        if !f.is_finite() {
            return Err(tera::Error::message(t!("narrative-filter-not-finite", value = f.to_string())));
        }
        format!("{f}")
    } else if let Some(s) = v.as_str() {
        let t = s.trim();
        // digits with at most one decimal point, as `vietnamese_number` reads them: `1e-5`, `inf`
        // and `NaN` parse as floats but are not digits to print
        let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
        let plain = digits.bytes().any(|b| b.is_ascii_digit())
            && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && digits.matches('.').count() <= 1;
        if !plain {
            return Err(tera::Error::message(t!("narrative-filter-text", text = s)));
        }
        t.to_string()
    } else {
        return Err(tera::Error::message(t!("narrative-filter-kind", kind = v.name())));
    };
    Ok(vietnamese_number(&plain, decimals, pad as usize))
}

/// Whether a filter's error `message` says a text was given to a number filter
/// (`narrative-filter-text`, in the language of the run).
pub(crate) fn is_text_error(message: &str) -> bool {
    let marker = "\u{1}";
    let wording = t!("narrative-filter-text", text = marker);
    let (before, after) = wording.split_once(marker).unwrap_or((wording.as_str(), ""));
    let (before, after) = (before.trim_end_matches('`'), after.trim_start_matches('`'));
    !(before.is_empty() && after.is_empty()) && message.contains(before) && message.contains(after)
}

fn parse_date(s: &str) -> tera::TeraResult<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|e| tera::Error::message(t!("narrative-filter-date", text = s, reason = e.to_string())))
}

/// `30/11/2023`; with `pad`, days and months below 10 take a leading zero (`08/02/2023`).
pub fn short_date(d: chrono::NaiveDate, pad: bool) -> String {
    use chrono::Datelike;
    if pad {
        format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
    } else {
        format!("{}/{}/{}", d.day(), d.month(), d.year())
    }
}

/// `ngày 05 tháng 02 năm 2023` (Decree 30: days below 10 and months 1–2 take a leading zero).
pub fn long_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let month = if d.month() <= 2 { format!("{:02}", d.month()) } else { d.month().to_string() };
    format!("ngày {:02} tháng {month} năm {}", d.day(), d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(src: &str) -> String {
        let mut tera = Tera::new();
        register(&mut tera);
        tera.add_raw_template("t", src).unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("i", &60368);
        ctx.insert("f", &2931.87);
        ctx.insert("p", &8.58);
        ctx.insert("a", &666);
        ctx.insert("b", &780);
        tera.render("t", &ctx).unwrap()
    }

    #[test]
    fn numbers_use_dot_thousands_and_comma_decimals() {
        assert_eq!(render("{{ i | num }}"), "60.368");
        assert_eq!(render("{{ f | num }}"), "2.931,87");
        assert_eq!(render("{{ p | pct }}"), "8,58%");
        assert_eq!(render("{{ (a / b * 100) | pct(decimals=2) }}"), "85,38%");
        assert_eq!(render("{{ 9 | num(pad=2) }}"), "09");
        assert_eq!(render("{{ (0.1 + 0.2) | num }}"), "0,30000000000000004");
        assert_eq!(render("{{ (0.1 + 0.2) | num(decimals=2) }}"), "0,30");
    }

    #[test]
    fn rounding_is_decimal_half_away_from_zero() {
        assert_eq!(vietnamese_number("2.675", Some(2), 0), "2,68");
        assert_eq!(vietnamese_number("9.995", Some(2), 0), "10,00");
        assert_eq!(vietnamese_number("999999.5", Some(0), 0), "1.000.000");
        assert_eq!(vietnamese_number("-0.004", Some(2), 0), "0,00");
        assert_eq!(vietnamese_number("-1234.5", None, 0), "-1.234,5");
        assert_eq!(vietnamese_number("8.5", Some(2), 0), "8,50");
        assert_eq!(vietnamese_number("1234567", None, 0), "1.234.567");
    }

    #[test]
    fn dates_print_the_vietnamese_way() {
        assert_eq!(render("{{ '2023-11-30' | vn_date }}"), "30/11/2023");
        assert_eq!(render("{{ '2023-08-30' | vn_date(pad=false) }}"), "30/8/2023");
        assert_eq!(render("{{ '2023-02-05' | vn_date_long }}"), "ngày 05 tháng 02 năm 2023");
    }

    #[test]
    fn text_that_is_not_a_number_is_an_error() {
        let mut tera = Tera::new();
        register(&mut tera);
        tera.add_raw_template("t", "{{ 'abc' | num }}").unwrap();
        assert!(tera.render("t", &tera::Context::new()).is_err());
    }
}
