//! Relation expressions: the small arithmetic a fact's `derived:` or `check:` is written in.
//!
//! ```text
//! expression := term (("+" | "-" | "−") term)*
//! term       := sign (("*" | "×" | "/" | "÷") sign)*
//! sign       := ("-" | "−") sign | primary
//! primary    := number | key | function "(" expression ("," expression)* ")" | "(" expression ")"
//! key        := namespace "." name          (a fact: `industry.output_2021`)
//! number     := digits ("." digits)?        (as YAML writes numbers: `100`, `0.5`)
//! ```
//!
//! The functions are listed in [`FUNCTIONS`]. baocao parses and evaluates the expression
//! itself: nothing in it is ever run as code, and tera never sees it. Every error carries the
//! byte range of the expression it is about, so that the caller can point at the column in
//! the YAML line. An expression is at most [`MAX_EXPRESSION_BYTES`] long and
//! [`MAX_EXPRESSION_DEPTH`] deep.

use std::ops::Range;

use super::number::vietnamese_number;
use crate::limits::{MAX_EXPRESSION_BYTES, MAX_EXPRESSION_DEPTH};

/// A parsed expression: a tree of nodes, each with its byte range in the expression text.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// What it is.
    pub node: Node,
    /// Where it is written in the expression.
    pub span: Range<usize>,
}

/// The kinds of expression nodes.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A number written in the expression.
    Number(f64),
    /// A fact, by key (`namespace.name`).
    Fact(String),
    /// A sign: `-x`.
    Negate(Box<Expr>),
    /// `a + b`, `a - b`, `a * b`, `a / b`.
    Binary(Op, Box<Expr>, Box<Expr>),
    /// `growth(a, b)`.
    Call(Function, Vec<Expr>),
}

/// The four operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*` or `×`
    Mul,
    /// `/` or `÷`
    Div,
}

impl Op {
    fn symbol(self) -> &'static str {
        match self {
            Op::Add => "+",
            Op::Sub => "−",
            Op::Mul => "×",
            Op::Div => "÷",
        }
    }

    fn precedence(self) -> u8 {
        match self {
            Op::Add | Op::Sub => 1,
            Op::Mul | Op::Div => 2,
        }
    }
}

/// A function of relation expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Function {
    /// `sum(a, b, …)`: a + b + …
    Sum,
    /// `mean(a, b, …)`: the arithmetic mean.
    Mean,
    /// `growth(new, old)`: (new ÷ old − 1) × 100, the growth rate in %.
    Growth,
    /// `avg_growth(r1, r2, …)`: the average yearly rate of yearly rates in % (compounded:
    /// ((1 + r1/100)(1 + r2/100)… )^(1/n) − 1) × 100), what "tăng bình quân" means.
    AvgGrowth,
    /// `cagr(last, first, years)`: ((last ÷ first)^(1/years) − 1) × 100.
    Cagr,
    /// `share(part, whole)`: part ÷ whole × 100, in % ("chiếm", "đạt x % kế hoạch").
    Share,
    /// `ratio(a, b)`: a ÷ b.
    Ratio,
    /// `min(a, b, …)`.
    Min,
    /// `max(a, b, …)`.
    Max,
    /// `abs(a)`.
    Abs,
    /// `round(a, decimals)`: half away from zero.
    Round,
}

/// Every function: its name and how many arguments it takes (`None`: one or more). What each
/// computes is told by the messages `facts-function-…` of the catalogue.
pub const FUNCTIONS: &[(&str, Function, Option<usize>)] = &[
    ("sum", Function::Sum, None),
    ("mean", Function::Mean, None),
    ("growth", Function::Growth, Some(2)),
    ("avg_growth", Function::AvgGrowth, None),
    ("cagr", Function::Cagr, Some(3)),
    ("share", Function::Share, Some(2)),
    ("ratio", Function::Ratio, Some(2)),
    ("min", Function::Min, None),
    ("max", Function::Max, None),
    ("abs", Function::Abs, Some(1)),
    ("round", Function::Round, Some(2)),
];

impl Function {
    /// The name as written.
    pub fn name(self) -> &'static str {
        FUNCTIONS.iter().find(|f| f.1 == self).map_or("?", |f| f.0)
    }
}

/// A problem with an expression: what, and where in it (a byte range of the expression text).
#[derive(Debug, Clone, PartialEq)]
pub struct ExprError {
    /// What is wrong.
    pub message: String,
    /// Where in the expression.
    pub span: Range<usize>,
    /// What to do, when known.
    pub help: Option<String>,
}

impl ExprError {
    fn new(message: impl Into<String>, span: Range<usize>) -> ExprError {
        ExprError { message: message.into(), span, help: None }
    }

    fn help(mut self, help: impl Into<String>) -> ExprError {
        self.help = Some(help.into());
        self
    }
}

/// Parses an expression.
pub fn parse(text: &str) -> Result<Expr, ExprError> {
    if text.len() > MAX_EXPRESSION_BYTES {
        return Err(ExprError::new(
            crate::t!("facts-expr-too-long", bytes = text.len(), limit = MAX_EXPRESSION_BYTES),
            0..text.len(),
        )
        .help(crate::t!("facts-expr-too-long-help")));
    }
    if text.trim().is_empty() {
        return Err(
            ExprError::new(crate::t!("facts-expr-empty"), 0..text.len()).help(crate::t!("facts-expr-empty-help"))
        );
    }
    let mut parser = Parser { text, at: 0, depth: 0 };
    let expr = parser.expression()?;
    parser.skip_space();
    if parser.at < text.len() {
        let rest = parser.token_span();
        return Err(ExprError::new(crate::t!("facts-expr-unexpected", found = &text[rest.clone()]), rest)
            .help(crate::t!("facts-expr-unexpected-end-help")));
    }
    Ok(expr)
}

struct Parser<'a> {
    text: &'a str,
    at: usize,
    depth: usize,
}

impl Parser<'_> {
    fn rest(&self) -> &str {
        &self.text[self.at..]
    }

    fn skip_space(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start().len();
    }

    /// The span of the next token (a word, a number or one character), for messages.
    fn token_span(&self) -> Range<usize> {
        let rest = self.rest();
        let len = rest
            .char_indices()
            .find(|(i, c)| *i > 0 && !(c.is_alphanumeric() || *c == '_' || *c == '.'))
            .map_or(rest.len(), |(i, _)| i);
        let first = rest.chars().next().map_or(0, char::len_utf8);
        let len = if rest.starts_with(|c: char| c.is_alphanumeric() || c == '_') { len } else { first };
        self.at..self.at + len.max(first)
    }

    /// Takes one of `symbols` if the next character is one.
    fn take(&mut self, symbols: &[char]) -> Option<char> {
        self.skip_space();
        let c = self.rest().chars().next().filter(|c| symbols.contains(c))?;
        self.at += c.len_utf8();
        Some(c)
    }

    fn deeper(&mut self, start: usize) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_EXPRESSION_DEPTH {
            return Err(ExprError::new(
                crate::t!("facts-expr-too-deep", limit = MAX_EXPRESSION_DEPTH),
                start..self.text.len(),
            )
            .help(crate::t!("facts-expr-too-deep-help")));
        }
        Ok(())
    }

    fn expression(&mut self) -> Result<Expr, ExprError> {
        let mut left = self.term()?;
        while let Some(c) = self.take(&['+', '-', '−']) {
            let op = if c == '+' { Op::Add } else { Op::Sub };
            let right = self.term()?;
            left = binary(op, left, right);
        }
        Ok(left)
    }

    fn term(&mut self) -> Result<Expr, ExprError> {
        let mut left = self.sign()?;
        while let Some(c) = self.take(&['*', '×', '/', '÷']) {
            let op = if matches!(c, '*' | '×') { Op::Mul } else { Op::Div };
            let right = self.sign()?;
            left = binary(op, left, right);
        }
        Ok(left)
    }

    fn sign(&mut self) -> Result<Expr, ExprError> {
        self.skip_space();
        let start = self.at;
        if self.take(&['-', '−']).is_some() {
            self.deeper(start)?;
            let inner = self.sign()?;
            self.depth -= 1;
            let span = start..inner.span.end;
            return Ok(Expr { node: Node::Negate(Box::new(inner)), span });
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Expr, ExprError> {
        self.skip_space();
        let start = self.at;
        let Some(first) = self.rest().chars().next() else {
            return Err(ExprError::new(crate::t!("facts-expr-ends-early"), start..start)
                .help(crate::t!("facts-expr-ends-early-help")));
        };
        if first == '(' {
            self.at += 1;
            self.deeper(start)?;
            let inner = self.expression()?;
            self.depth -= 1;
            if self.take(&[')']).is_none() {
                return Err(self.expected_close(start));
            }
            return Ok(Expr { node: inner.node, span: start..self.at });
        }
        if first.is_ascii_digit() {
            let len = self.rest().find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(self.rest().len());
            let written = self.text[self.at..self.at + len].to_string();
            self.at += len;
            return match written.parse::<f64>() {
                Ok(x) if x.is_finite() => Ok(Expr { node: Node::Number(x), span: start..self.at }),
                _ => Err(ExprError::new(crate::t!("facts-expr-not-a-number", written = &written), start..self.at)
                    .help(crate::t!("facts-expr-not-a-number-help"))),
            };
        }
        if first.is_ascii_alphabetic() || first == '_' {
            let len = self
                .rest()
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
                .unwrap_or(self.rest().len());
            let word = self.text[self.at..self.at + len].to_string();
            let word = word.as_str();
            self.at += len;
            let span = start..self.at;
            self.skip_space();
            if self.rest().starts_with('(') {
                return self.call(word, span);
            }
            return match word.split_once('.') {
                Some((ns, name))
                    if crate::facts::is_valid_name(ns) && crate::facts::is_valid_name(name) && !name.contains('.') =>
                {
                    Ok(Expr { node: Node::Fact(word.to_string()), span })
                }
                _ => Err(ExprError::new(crate::t!("facts-expr-not-a-key", word = word), span)
                    .help(crate::t!("facts-expr-not-a-key-help"))),
            };
        }
        let span = self.token_span();
        Err(ExprError::new(crate::t!("facts-expr-unexpected", found = &self.text[span.clone()]), span)
            .help(crate::t!("facts-expr-unexpected-help")))
    }

    fn call(&mut self, name: &str, name_span: Range<usize>) -> Result<Expr, ExprError> {
        let Some(&(_, function, arity)) = FUNCTIONS.iter().find(|f| f.0 == name) else {
            let names: Vec<&str> = FUNCTIONS.iter().map(|f| f.0).collect();
            return Err(ExprError::new(crate::t!("facts-expr-no-function", name = name), name_span)
                .help(crate::t!("facts-expr-functions", names = names.join(", "))));
        };
        let start = name_span.start;
        self.at += 1; // (
        self.deeper(start)?;
        let mut args = vec![self.expression()?];
        while self.take(&[',']).is_some() {
            args.push(self.expression()?);
        }
        self.depth -= 1;
        if self.take(&[')']).is_none() {
            return Err(self.expected_close(start));
        }
        let span = start..self.at;
        if let Some(n) = arity
            && args.len() != n
        {
            return Err(ExprError::new(
                crate::t!("facts-expr-arguments", name = name, n = n, given = args.len()),
                span,
            )
            .help(function_help(function)));
        }
        Ok(Expr { node: Node::Call(function, args), span })
    }

    fn expected_close(&self, open: usize) -> ExprError {
        let at = self.token_span();
        let found =
            if at.is_empty() { crate::t!("facts-expr-the-end") } else { format!("`{}`", &self.text[at.clone()]) };
        ExprError::new(crate::t!("facts-expr-not-closed", column = open + 1, found = found), at)
            .help(crate::t!("facts-expr-not-closed-help"))
    }
}

fn binary(op: Op, left: Expr, right: Expr) -> Expr {
    let span = left.span.start..right.span.end;
    Expr { node: Node::Binary(op, Box::new(left), Box::new(right)), span }
}

/// What a function computes, with its arguments named: `` `growth(new, old)` is (new ÷ old − 1) × 100 ``.
fn function_help(function: Function) -> String {
    match function {
        Function::Sum => crate::t!("facts-function-sum"),
        Function::Mean => crate::t!("facts-function-mean"),
        Function::Growth => crate::t!("facts-function-growth"),
        Function::AvgGrowth => crate::t!("facts-function-avg-growth"),
        Function::Cagr => crate::t!("facts-function-cagr"),
        Function::Share => crate::t!("facts-function-share"),
        Function::Ratio => crate::t!("facts-function-ratio"),
        Function::Min => crate::t!("facts-function-min"),
        Function::Max => crate::t!("facts-function-max"),
        Function::Abs => crate::t!("facts-function-abs"),
        Function::Round => crate::t!("facts-function-round"),
    }
}

impl Expr {
    /// The fact keys the expression names, each with its span, in order of writing.
    pub fn keys(&self) -> Vec<(&str, Range<usize>)> {
        let mut out = Vec::new();
        self.walk(&mut |e| {
            if let Node::Fact(k) = &e.node {
                out.push((k.as_str(), e.span.clone()));
            }
        });
        out
    }

    fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Expr)) {
        f(self);
        match &self.node {
            Node::Negate(e) => e.walk(f),
            Node::Binary(_, a, b) => {
                a.walk(f);
                b.walk(f);
            }
            Node::Call(_, args) => args.iter().for_each(|a| a.walk(f)),
            Node::Number(_) | Node::Fact(_) => {}
        }
    }

    /// The value, with `value` giving each fact's figure (or why it has none).
    pub fn eval(&self, value: &dyn Fn(&str) -> Result<f64, String>) -> Result<f64, ExprError> {
        let x = match &self.node {
            Node::Number(x) => *x,
            Node::Fact(key) => value(key).map_err(|m| ExprError::new(m, self.span.clone()))?,
            Node::Negate(e) => -e.eval(value)?,
            Node::Binary(op, a, b) => {
                let (x, y) = (a.eval(value)?, b.eval(value)?);
                match op {
                    Op::Add => x + y,
                    Op::Sub => x - y,
                    Op::Mul => x * y,
                    Op::Div => divide(x, y, b)?,
                }
            }
            Node::Call(function, args) => {
                let xs = args.iter().map(|a| a.eval(value)).collect::<Result<Vec<f64>, _>>()?;
                self.call(*function, &xs, args)?
            }
        };
        if x.is_finite() { Ok(x) } else { Err(ExprError::new(crate::t!("facts-expr-not-finite"), self.span.clone())) }
    }

    fn call(&self, function: Function, xs: &[f64], args: &[Expr]) -> Result<f64, ExprError> {
        let n = xs.len() as f64;
        Ok(match function {
            Function::Sum => xs.iter().sum(),
            Function::Mean => xs.iter().sum::<f64>() / n,
            Function::Growth => (divide(xs[0], xs[1], &args[1])? - 1.0) * 100.0,
            Function::AvgGrowth => {
                let product: f64 = xs.iter().map(|r| 1.0 + r / 100.0).product();
                if product <= 0.0 {
                    return Err(ExprError::new(crate::t!("facts-expr-rates-fall"), self.span.clone()));
                }
                (product.powf(1.0 / n) - 1.0) * 100.0
            }
            Function::Cagr => {
                let years = xs[2];
                if years <= 0.0 {
                    return Err(ExprError::new(crate::t!("facts-expr-years"), args[2].span.clone()));
                }
                let q = divide(xs[0], xs[1], &args[1])?;
                if q <= 0.0 {
                    return Err(ExprError::new(crate::t!("facts-expr-signs"), self.span.clone()));
                }
                (q.powf(1.0 / years) - 1.0) * 100.0
            }
            Function::Share => divide(xs[0], xs[1], &args[1])? * 100.0,
            Function::Ratio => divide(xs[0], xs[1], &args[1])?,
            Function::Min => xs.iter().copied().fold(f64::INFINITY, f64::min),
            Function::Max => xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            Function::Abs => xs[0].abs(),
            Function::Round => {
                let d = xs[1];
                if !(0.0..=12.0).contains(&d) || d.fract() != 0.0 {
                    return Err(ExprError::new(crate::t!("facts-expr-round-decimals"), args[1].span.clone()));
                }
                round_decimal(xs[0], d as usize)
            }
        })
    }

    /// The expression written with each fact replaced by its figure, the Vietnamese way:
    /// `33 + 25`, `growth(307.411, 274.784)`.
    pub fn show(&self, value: &dyn Fn(&str) -> Option<f64>) -> String {
        self.show_in(value, 0)
    }

    fn show_in(&self, value: &dyn Fn(&str) -> Option<f64>, outer: u8) -> String {
        match &self.node {
            Node::Number(x) => show_number(*x),
            Node::Fact(key) => value(key).map_or_else(|| key.clone(), show_number),
            Node::Negate(e) => format!("−{}", e.show_in(value, 3)),
            Node::Binary(op, a, b) => {
                let p = op.precedence();
                // the right side of − and ÷ keeps brackets at equal precedence
                let text = format!("{} {} {}", a.show_in(value, p), op.symbol(), b.show_in(value, p + 1));
                if p < outer { format!("({text})") } else { text }
            }
            Node::Call(f, args) => {
                let args: Vec<String> = args.iter().map(|a| a.show_in(value, 0)).collect();
                format!("{}({})", f.name(), args.join("; "))
            }
        }
    }
}

fn divide(x: f64, y: f64, divisor: &Expr) -> Result<f64, ExprError> {
    if y == 0.0 {
        return Err(ExprError::new(crate::t!("facts-expr-division-by-zero"), divisor.span.clone())
            .help(crate::t!("facts-expr-division-by-zero-help")));
    }
    Ok(x / y)
}

/// A figure the Vietnamese way, as written (`274.784`, `11,75`).
pub fn show_number(x: f64) -> String {
    vietnamese_number(&format!("{x}"), None, 0)
}

/// A figure rounded to `decimals` the Vietnamese way (`11,87`), as the report prints it.
pub fn show_rounded(x: f64, decimals: usize) -> String {
    vietnamese_number(&format!("{x}"), Some(decimals), 0)
}

/// `x` rounded to `decimals` on its decimal digits, half away from zero (`2.675` → `2.68`, as
/// the report's `num(decimals=2)` prints it, not as binary floating point would).
pub fn round_decimal(x: f64, decimals: usize) -> f64 {
    let printed = vietnamese_number(&format!("{x}"), Some(decimals), 0);
    printed.replace('.', "").replace(',', ".").parse().unwrap_or(x)
}

/// How many decimals `x` has as written in its shortest form (`11.75` → 2, `58` → 0).
pub fn decimals_of(x: f64) -> usize {
    let s = format!("{x}");
    s.split_once('.').map_or(0, |(_, f)| f.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(key: &str) -> Result<f64, String> {
        match key {
            "a.x" => Ok(33.0),
            "a.y" => Ok(25.0),
            "b.new" => Ok(307411.0),
            "b.old" => Ok(274784.0),
            "a.zero" => Ok(0.0),
            _ => Err(format!("no fact `{key}`")),
        }
    }

    fn eval(text: &str) -> Result<f64, ExprError> {
        parse(text)?.eval(&facts)
    }

    #[test]
    fn arithmetic_follows_precedence_and_brackets() {
        assert_eq!(eval("a.x + a.y").unwrap(), 58.0);
        assert_eq!(eval("a.x + a.y * 2").unwrap(), 83.0);
        assert_eq!(eval("(a.x + a.y) * 2").unwrap(), 116.0);
        assert_eq!(eval("a.x − a.y − 3").unwrap(), 5.0);
        assert_eq!(eval("-a.x + 1").unwrap(), -32.0);
        assert_eq!(eval("100 ÷ 4 × 2").unwrap(), 50.0);
        assert_eq!(eval("0.5*4").unwrap(), 2.0);
    }

    #[test]
    fn functions_compute_growth_shares_and_averages() {
        assert_eq!(show_rounded(eval("growth(b.new, b.old)").unwrap(), 2), "11,87");
        assert_eq!(show_rounded(eval("share(a.x, sum(a.x, a.y))").unwrap(), 2), "56,90");
        assert_eq!(eval("sum(a.x, a.y, 2)").unwrap(), 60.0);
        assert_eq!(eval("mean(2, 4)").unwrap(), 3.0);
        assert_eq!(show_rounded(eval("avg_growth(10, 20)").unwrap(), 4), "14,8913");
        assert_eq!(show_rounded(eval("cagr(121, 100, 2)").unwrap(), 2), "10,00");
        assert_eq!(eval("ratio(a.x, a.y)").unwrap(), 1.32);
        assert_eq!(eval("round(2.675, 2)").unwrap(), 2.68);
        assert_eq!(eval("max(a.x, a.y) - min(a.x, a.y)").unwrap(), 8.0);
    }

    #[test]
    fn errors_point_at_the_part_of_the_expression() {
        let e = parse("a.x + + a.y").unwrap_err();
        assert_eq!(e.span.start, 6, "{e:?}");
        let e = parse("grow(a.x, a.y)").unwrap_err();
        assert!(e.message.contains("no function `grow`") && e.span == (0..4), "{e:?}");
        let e = parse("growth(a.x)").unwrap_err();
        assert!(e.message.contains("takes 2 arguments, not 1"), "{e:?}");
        let e = parse("(a.x + a.y").unwrap_err();
        assert!(e.message.contains("not closed"), "{e:?}");
        let e = parse("a.x + 1,5").unwrap_err();
        assert_eq!(e.span.start, 7, "{e:?}");
        let e = parse("x + 1").unwrap_err();
        assert!(e.message.contains("not a fact key"), "{e:?}");
        let e = eval("a.x / a.zero").unwrap_err();
        assert!(e.message.contains("division by zero") && e.span == (6..12), "{e:?}");
        let e = eval("a.x + c.missing").unwrap_err();
        assert_eq!(e.span, 6..15);
    }

    #[test]
    fn errors_are_told_in_the_language_of_the_run() {
        let e = parse("abs(a.x, a.y)").unwrap_err();
        assert_eq!(e.message, "`abs` takes 1 argument, not 2");
        assert_eq!(e.help.as_deref(), Some("`abs(a)` is the absolute value"));
        crate::i18n::with_lang(crate::i18n::Lang::Vi, || {
            let e = parse("abs(a.x, a.y)").unwrap_err();
            assert_eq!(e.message, "hàm `abs` cần 1 giá trị, ở đây có 2");
            let e = eval("a.x / a.zero").unwrap_err();
            assert!(e.message == "chia cho 0" && e.span == (6..12), "{e:?}");
            let e = parse("(a.x + a.y").unwrap_err();
            assert_eq!(e.message, "dấu ngoặc mở ở cột 1 chưa được đóng: đến cuối biểu thức vẫn chưa thấy `)`");
        });
    }

    #[test]
    fn long_and_deep_expressions_are_refused_not_recursed() {
        let deep = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
        assert!(parse(&deep).unwrap_err().message.contains("limit"));
        let deep = format!("{}1{}", "(".repeat(400), ")".repeat(400));
        assert!(parse(&deep).unwrap_err().message.contains("nested more than"));
        let signs = format!("{}1", "-".repeat(400));
        assert!(parse(&signs).unwrap_err().message.contains("nested more than"));
        assert!(parse(&"1+".repeat(600)).is_err());
    }

    #[test]
    fn the_arithmetic_is_shown_with_the_figures() {
        let show = |text: &str| parse(text).unwrap().show(&|k| facts(k).ok());
        assert_eq!(show("a.x + a.y"), "33 + 25");
        assert_eq!(show("growth(b.new, b.old)"), "growth(307.411; 274.784)");
        assert_eq!(show("a.x - (a.y - 1)"), "33 − (25 − 1)");
        assert_eq!(show("(a.x + a.y) * 0.5"), "(33 + 25) × 0,5");
    }
}
