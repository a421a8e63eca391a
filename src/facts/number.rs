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
