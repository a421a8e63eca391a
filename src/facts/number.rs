//! Numbers as a Vietnamese reader writes them: `.` between thousands, `,` before decimals
//! (`51.997`, `8,58`). Used where a figure is printed: the section filters (`num`, `pct`), the
//! arithmetic of a relation that does not hold, the diff of two values.

/// Formats a plain decimal string (`-1234.5`) the Vietnamese way: `-1.234,5`. With
/// `decimals`, rounds half away from zero on the decimal digits (or pads with zeros);
/// `pad` gives the minimum number of integer digits (`9` → `09`).
pub fn vietnamese_number(plain: &str, decimals: Option<usize>, pad: usize) -> String {
    let (negative, digits) = match plain.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, plain.strip_prefix('+').unwrap_or(plain)),
    };
    let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
    let mut int_digits: Vec<u8> = int_part.bytes().map(|b| b - b'0').collect();
    let mut frac_digits: Vec<u8> = frac_part.bytes().map(|b| b - b'0').collect();
    if let Some(d) = decimals {
        if frac_digits.len() > d {
            let round_up = frac_digits[d] >= 5;
            frac_digits.truncate(d);
            if round_up {
                // propagate the carry through the fraction, then the integer part
                let mut carry = true;
                for digit in frac_digits.iter_mut().rev().chain(int_digits.iter_mut().rev()) {
                    if !carry {
                        break;
                    }
                    if *digit == 9 {
                        *digit = 0;
                    } else {
                        *digit += 1;
                        carry = false;
                    }
                }
                if carry {
                    int_digits.insert(0, 1);
                }
            }
        }
        frac_digits.resize(d, 0);
    }
    while int_digits.len() > 1 && int_digits[0] == 0 {
        int_digits.remove(0);
    }
    if int_digits.is_empty() {
        int_digits.push(0);
    }
    while int_digits.len() < pad {
        int_digits.insert(0, 0);
    }
    let is_zero = int_digits.iter().chain(&frac_digits).all(|&d| d == 0);
    let mut out = String::new();
    if negative && !is_zero {
        out.push('-');
    }
    let n = int_digits.len();
    for (i, d) in int_digits.iter().enumerate() {
        // no grouping for padded small numbers ("09"); groups of three from the right otherwise
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push((b'0' + d) as char);
    }
    if !frac_digits.is_empty() {
        out.push(',');
        out.extend(frac_digits.iter().map(|d| (b'0' + d) as char));
    }
    out
}

/// A figure written the Vietnamese way as a text: `51.997` (dots between thousands), `1.234,5`,
/// `1,47`, `-2,5`, `2021` — the value and the decimals written after the comma (`None` without
/// a comma). Anything else (`1,47 %`, `khoảng 50`, a code with a leading zero `09`) is not one.
pub fn parse_vietnamese(text: &str) -> Option<(super::FactValue, Option<usize>)> {
    use super::FactValue;
    let t = text.trim();
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let (int, frac) = match body.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if frac.is_some_and(|f| !all_digits(f)) {
        return None;
    }
    let groups: Vec<&str> = int.split('.').collect();
    let grouped = groups.len() > 1 && (1..=3).contains(&groups[0].len()) && groups[1..].iter().all(|g| g.len() == 3);
    if !(groups.iter().all(|g| all_digits(g)) && (groups.len() == 1 || grouped)) {
        return None;
    }
    let digits = groups.concat();
    if digits.len() > 1 && digits.starts_with('0') {
        return None;
    }
    let sign = if negative { "-" } else { "" };
    match frac {
        None => match format!("{sign}{digits}").parse::<i64>() {
            Ok(i) => Some((FactValue::Integer(i), None)),
            Err(_) => format!("{sign}{digits}").parse::<f64>().ok().map(|x| (FactValue::Float(x), None)),
        },
        Some(f) => {
            let x = format!("{sign}{digits}.{f}").parse::<f64>().ok().filter(|x| x.is_finite())?;
            Some((FactValue::from_f64(x), Some(f.len()).filter(|d| *d <= 12)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::FactValue;

    #[test]
    fn vietnamese_written_figures_read_as_a_vietnamese_reads_them() {
        assert_eq!(parse_vietnamese("51.997"), Some((FactValue::Integer(51997), None)));
        assert_eq!(parse_vietnamese("1.234,5"), Some((FactValue::Float(1234.5), Some(1))));
        assert_eq!(parse_vietnamese("1,47"), Some((FactValue::Float(1.47), Some(2))));
        assert_eq!(parse_vietnamese("-2,5"), Some((FactValue::Float(-2.5), Some(1))));
        assert_eq!(parse_vietnamese(" 2021 "), Some((FactValue::Integer(2021), None)));
        assert_eq!(parse_vietnamese("1.234.567"), Some((FactValue::Integer(1_234_567), None)));
        assert_eq!(parse_vietnamese("1,50"), Some((FactValue::Float(1.5), Some(2))));
        for text in
            ["1,47 %", "khoảng 50", "8.58", "1.2.3", "09", "0.123", "1,", ",5", "-", "", "1e5", "12.3456", "1.23,4.5"]
        {
            assert_eq!(parse_vietnamese(text), None, "{text}");
        }
    }
}
