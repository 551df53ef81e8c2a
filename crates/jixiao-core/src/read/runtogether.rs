//! Run-together text (a document site's extraction, OCR): no separators at all.
//!
//! The lines are joined (a doc site breaks lines anywhere, even inside a number) and [`cut`]
//! finds the labels in the text, longest first and only those that can stand where the reader
//! is (funds labels in the funds block, level labels in the indicator table …); what lies between
//! two labels is data. In the indicator table a piece of data is cut into rows
//! `name target actual [reason]` by the values at the end of each row ([`cut_rows`]). In the
//! funds block a digit run such as `194.9194.9100%` is split against the columns by
//! [`split_funds_values`]: every split into valid numbers is tried and the ones that agree with
//! the columns' meaning (执行率 = 执行数 / 预算数) are kept; when more than one is left the row is
//! ambiguous and no value is read.

use super::labels::FundsColumn;
use super::regrid::Cell;
use crate::grid::StreamCell;
use crate::model::Pos;
use crate::normalise;
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Sec {
    Header,
    Funds,
    Goals,
    IndHeader,
    Indicators,
    Trailer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Header,
    FundsCaption,
    FundsColumn,
    FundsRow,
    Goal,
    IndCaption,
    IndColumn,
    Level,
    Total,
    Trailer,
}

const VOCAB: &[(&str, Kind)] = &[
    ("专项资金名称", Kind::Header),
    ("项目名称", Kind::Header),
    ("负责人及电话", Kind::Header),
    ("县级主管部门", Kind::Header),
    ("主管部门", Kind::Header),
    ("主管单位", Kind::Header),
    ("项目实施单位", Kind::Header),
    ("实施单位", Kind::Header),
    ("单位名称", Kind::Header),
    ("项目编码", Kind::Header),
    ("项目资金(万元)", Kind::FundsCaption),
    ("项目资金(元)", Kind::FundsCaption),
    ("资金情况(万元)", Kind::FundsCaption),
    ("年初预算数(A)", Kind::FundsColumn),
    ("全年预算数(A)", Kind::FundsColumn),
    ("全年执行数(B)", Kind::FundsColumn),
    ("执行率(B/A)", Kind::FundsColumn),
    ("年初预算数", Kind::FundsColumn),
    ("全年预算数", Kind::FundsColumn),
    ("全年执行数", Kind::FundsColumn),
    ("执行率", Kind::FundsColumn),
    ("分值", Kind::FundsColumn),
    ("得分", Kind::FundsColumn),
    ("年度资金总额", Kind::FundsRow),
    ("当年财政拨款", Kind::FundsRow),
    ("本年财政拨款", Kind::FundsRow),
    ("上年结转资金", Kind::FundsRow),
    ("其他资金", Kind::FundsRow),
    ("年度总体目标", Kind::Goal),
    ("年初设定目标", Kind::Goal),
    ("全年实际完成情况", Kind::Goal),
    ("预期目标", Kind::Goal),
    ("实际完成情况", Kind::Goal),
    ("绩效指标", Kind::IndCaption),
    ("一级指标", Kind::IndColumn),
    ("二级指标", Kind::IndColumn),
    ("三级指标", Kind::IndColumn),
    ("年度指标值", Kind::IndColumn),
    ("全年完成值", Kind::IndColumn),
    ("实际完成值", Kind::IndColumn),
    ("全年实际值", Kind::IndColumn),
    ("未完成原因和改进措施", Kind::IndColumn),
    ("未完成原因及改进措施", Kind::IndColumn),
    ("偏差原因分析及改进措施", Kind::IndColumn),
    ("产出指标", Kind::Level),
    ("效益指标", Kind::Level),
    ("满意度指标", Kind::Level),
    ("成本指标", Kind::Level),
    ("数量指标", Kind::Level),
    ("质量指标", Kind::Level),
    ("时效指标", Kind::Level),
    ("经济效益指标", Kind::Level),
    ("社会效益指标", Kind::Level),
    ("生态效益指标", Kind::Level),
    ("可持续影响指标", Kind::Level),
    ("服务对象满意度指标", Kind::Level),
    ("总分", Kind::Total),
    ("说明", Kind::Trailer),
    ("注:", Kind::Trailer),
];

/// Whether a label of `kind` can stand in section `sec` (the section it leads to).
fn allowed(kind: Kind, sec: Sec) -> Option<Sec> {
    use Kind as K;
    use Sec as S;
    Some(match (kind, sec) {
        (K::Header, S::Header) => S::Header,
        (K::FundsCaption | K::FundsColumn, S::Header | S::Funds) => S::Funds,
        (K::FundsRow, S::Funds) => S::Funds,
        (K::Goal, S::Header | S::Funds | S::Goals) => S::Goals,
        (K::IndCaption | K::IndColumn, S::Header | S::Funds | S::Goals | S::IndHeader) => {
            S::IndHeader
        }
        (K::IndCaption, S::Indicators) => S::Indicators,
        (K::Level, S::IndHeader | S::Indicators) => S::Indicators,
        (K::Total | K::Trailer, S::Indicators) => S::Trailer,
        _ => return None,
    })
}

/// The joined text of the stream and where each of its characters was printed.
struct Joined {
    chars: Vec<char>,
    at: Vec<Pos>,
}

fn join(stream: &[StreamCell]) -> Joined {
    let mut chars = Vec::new();
    let mut at = Vec::new();
    for c in stream {
        for (i, ch) in c.text.chars().enumerate() {
            if ch == ' ' {
                continue;
            }
            chars.push(ch);
            at.push(Pos::new(
                c.at.line,
                u32::try_from(i + 1).unwrap_or(u32::MAX),
            ));
        }
    }
    Joined { chars, at }
}

fn starts_with_at(chars: &[char], p: usize, word: &str) -> bool {
    (p..)
        .zip(word.chars())
        .all(|(k, w)| chars.get(k) == Some(&w))
}

/// A level label may carry its weight: `产出指标(50分)`.
fn weight_suffix(chars: &[char], p: usize) -> usize {
    if chars.get(p) != Some(&'(') {
        return 0;
    }
    let mut k = p + 1;
    while k < chars.len() && (chars[k].is_ascii_digit() || chars[k] == '.') {
        k += 1;
    }
    if k == p + 1 {
        return 0;
    }
    if chars.get(k) == Some(&'分') {
        k += 1;
    }
    if chars.get(k) == Some(&')') {
        k + 1 - p
    } else {
        0
    }
}

fn is_value_char(c: char) -> bool {
    c.is_ascii_digit() || c == '%'
}

/// Cut the run-together stream into cells.
pub(crate) fn cut(stream: &[StreamCell]) -> Vec<Cell> {
    let j = join(stream);
    let n = j.chars.len();
    let mut out: Vec<Cell> = Vec::new();
    let mut sec = Sec::Header;
    let mut data_start = 0;
    let mut titled = false;
    let mut p = 0;
    let push_data = |out: &mut Vec<Cell>, from: usize, to: usize, sec: Sec| {
        if from >= to {
            return;
        }
        let text: String = j.chars[from..to].iter().collect();
        let at = j.at[from];
        match sec {
            Sec::Indicators => out.extend(cut_rows(&j.chars[from..to], &j.at[from..to])),
            Sec::Funds => {
                // `194.9194.9100%其中:中央、省、市补助县级资金194.9…`: values and row labels
                // alternate; a label runs up to the next digit.
                let is_v = |c: char| c.is_ascii_digit() || c == '.' || c == '%';
                let mut k = from;
                while k < to {
                    let v = is_v(j.chars[k]);
                    let mut e = k;
                    while e < to && is_v(j.chars[e]) == v {
                        e += 1;
                    }
                    out.push(cell(j.chars[k..e].iter().collect(), j.at[k]));
                    k = e;
                }
                let _ = (text, at);
            }
            _ => out.push(cell(text, at)),
        }
    };
    while p < n {
        // The title runs from the start to `…绩效自评表` / `…绩效目标自评表`.
        if !titled || sec == Sec::Trailer {
            let suffix = ["绩效目标自评表", "绩效自评表"]
                .iter()
                .find(|s| starts_with_at(&j.chars, p, s));
            if let Some(s) = suffix {
                let end = p + s.chars().count();
                let text: String = j.chars[data_start..end].iter().collect();
                out.push(cell(text, j.at[data_start]));
                titled = true;
                sec = Sec::Header;
                p = end;
                data_start = end;
                continue;
            }
        }
        let found = VOCAB
            .iter()
            .filter(|(w, _)| starts_with_at(&j.chars, p, w))
            .filter_map(|(w, k)| allowed(*k, sec).map(|next| (*w, *k, next)))
            .max_by_key(|(w, _, _)| w.len());
        let Some((word, kind, next)) = found else {
            p += 1;
            continue;
        };
        // A trailer word only right after a value (`…100%说明无注:`).
        if kind == Kind::Trailer && p > 0 && !is_value_char(j.chars[p - 1]) && p != data_start {
            p += 1;
            continue;
        }
        push_data(&mut out, data_start, p, sec);
        let mut end = p + word.chars().count();
        if kind == Kind::Level {
            end += weight_suffix(&j.chars, end);
        }
        let text: String = j.chars[p..end].iter().collect();
        out.push(cell(text, j.at[p]));
        sec = next;
        p = end;
        data_start = end;
    }
    push_data(&mut out, data_start, n, sec);
    out
}

fn cell(text: String, at: Pos) -> Cell {
    let canon = normalise::canonical_label(&text);
    let label = super::labels::classify(&canon);
    Cell {
        text,
        canon,
        at,
        label,
    }
}

/// Unit words a run-together value may end with (longest first).
const UNITS: &[&str] = &[
    "万元",
    "亿元",
    "人次",
    "户次",
    "公里",
    "平方米",
    "万亩",
    "元",
    "吨",
    "起",
    "人",
    "次",
    "个",
    "亩",
    "天",
    "户",
    "家",
    "所",
    "项",
    "件",
    "台",
    "套",
    "辆",
    "份",
    "场",
    "期",
    "篇",
    "条",
    "座",
    "处",
    "名",
    "种",
    "批",
    "例",
];

/// A value token at `p`: digits with an optional fraction and `%` or a unit. Returns its end.
fn value_at(chars: &[char], p: usize) -> Option<usize> {
    let mut k = p;
    while k < chars.len() && chars[k].is_ascii_digit() {
        k += 1;
    }
    if k == p {
        return None;
    }
    if chars.get(k) == Some(&'.') && chars.get(k + 1).is_some_and(char::is_ascii_digit) {
        k += 1;
        while k < chars.len() && chars[k].is_ascii_digit() {
            k += 1;
        }
    }
    if chars.get(k) == Some(&'%') {
        return Some(k + 1);
    }
    for u in UNITS {
        if starts_with_at(chars, k, u) {
            return Some(k + u.chars().count());
        }
    }
    Some(k)
}

#[derive(Debug)]
enum Tok {
    Text(usize, usize),
    Value(usize, usize),
}

/// Cut the data under one level label into `name target actual [reason]` cells: a row ends at
/// two values in a row (`…真实率100%100%`), or at one value and a null word (`100%无…`, the
/// rest up to the next label being the reason); a name ending in a doubled word
/// (`…安全性高高`) holds a qualitative target and actual.
fn cut_rows(chars: &[char], at: &[Pos]) -> Vec<Cell> {
    let mut toks: Vec<Tok> = Vec::new();
    let mut p = 0;
    let mut text_start = 0;
    while p < chars.len() {
        let prev_digit = p > 0 && (chars[p - 1].is_ascii_digit() || chars[p - 1] == '.');
        match value_at(chars, p).filter(|_| !prev_digit) {
            Some(end) => {
                if text_start < p {
                    toks.push(Tok::Text(text_start, p));
                }
                toks.push(Tok::Value(p, end));
                p = end;
                text_start = end;
            }
            None => p += 1,
        }
    }
    if text_start < chars.len() {
        toks.push(Tok::Text(text_start, chars.len()));
    }
    let s = |a: usize, b: usize| -> String { chars[a..b].iter().collect() };
    let mut out = Vec::new();
    let mut name_start: Option<usize> = None;
    let mut k = 0;
    while k < toks.len() {
        match (&toks[k], toks.get(k + 1), toks.get(k + 2)) {
            // Two values after a name: target and actual.
            (Tok::Value(a, b), Some(Tok::Value(c, d)), after)
                if name_start.is_some() && !matches!(after, Some(Tok::Value(..))) =>
            {
                let ns = name_start.take().unwrap_or(*a);
                out.push(cell(s(ns, *a), at[ns]));
                out.push(cell(s(*a, *b), at[*a]));
                out.push(cell(s(*c, *d), at[*c]));
                k += 2;
            }
            // One value then a null word: the actual is 无, the rest is the reason.
            (Tok::Value(a, b), Some(Tok::Text(c, d)), None)
                if name_start.is_some() && matches!(chars[*c], '无' | '/' | '—') =>
            {
                let ns = name_start.take().unwrap_or(*a);
                out.push(cell(s(ns, *a), at[ns]));
                out.push(cell(s(*a, *b), at[*a]));
                out.push(cell(s(*c, *c + 1), at[*c]));
                if *c + 1 < *d {
                    out.push(cell(s(*c + 1, *d), at[*c + 1]));
                }
                k += 2;
            }
            // A lone digit run that splits into two equal-looking values (`00`).
            (Tok::Value(a, b), after, _)
                if name_start.is_some()
                    && !matches!(after, Some(Tok::Value(..)))
                    && split_two(&s(*a, *b)).is_some() =>
            {
                let ns = name_start.take().unwrap_or(*a);
                out.push(cell(s(ns, *a), at[ns]));
                if let Some((x, y)) = split_two(&s(*a, *b)) {
                    out.push(cell(x, at[*a]));
                    out.push(cell(y, at[*a]));
                }
                k += 1;
            }
            (Tok::Text(a, _), _, _) | (Tok::Value(a, _), _, _) => {
                name_start.get_or_insert(*a);
                k += 1;
            }
        }
    }
    if let Some(ns) = name_start {
        // Text left at the end: a name with a doubled qualitative value, or just text.
        let rest = s(ns, chars.len());
        match doubled_tail(&rest) {
            Some((name, v)) => {
                out.push(cell(name, at[ns]));
                let vpos =
                    at[(ns + rest.chars().count() - 2 * v.chars().count()).min(at.len() - 1)];
                out.push(cell(v.clone(), vpos));
                out.push(cell(v, vpos));
            }
            None => out.push(cell(rest, at[ns])),
        }
    }
    out
}

/// `00` → (`0`, `0`); `100100` has two readings (100|100, 10010|0) and gives `None`.
fn split_two(t: &str) -> Option<(String, String)> {
    if !t.chars().all(|c| c.is_ascii_digit()) || t.len() < 2 {
        return None;
    }
    let valid = |x: &str| !x.is_empty() && (x == "0" || !x.starts_with('0'));
    let splits: Vec<(String, String)> = (1..t.len())
        .filter(|&i| valid(&t[..i]) && valid(&t[i..]))
        .map(|i| (t[..i].to_string(), t[i..].to_string()))
        .collect();
    match splits.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// `粮食储备设备维护及安全性高高` → (`粮食储备设备维护及安全性`, `高`).
fn doubled_tail(t: &str) -> Option<(String, String)> {
    let chars: Vec<char> = t.chars().collect();
    let n = chars.len();
    (1..=6).rev().find_map(|k| {
        if n < 2 * k + 2 {
            return None;
        }
        let a = &chars[n - 2 * k..n - k];
        let b = &chars[n - k..];
        (a == b).then(|| {
            (
                chars[..n - 2 * k].iter().collect(),
                a.iter().collect::<String>(),
            )
        })
    })
}

/// A number as printed: no leading zero (except `0` and `0.x`), at most one point, not ending
/// in a point.
fn valid_number(s: &str) -> bool {
    if s.is_empty() || s.starts_with('.') || s.ends_with('.') || s.matches('.').count() > 1 {
        return false;
    }
    let int = s.split('.').next().unwrap_or("");
    int == "0" || !int.starts_with('0')
}

/// Every way of cutting the digit run `s` into `parts` valid numbers (at most 64 readings).
fn splits(s: &str, parts: usize, out: &mut Vec<Vec<String>>, acc: &mut Vec<String>) {
    if out.len() >= 64 {
        return;
    }
    if parts == 1 {
        if valid_number(s) {
            let mut r = acc.clone();
            r.push(s.to_string());
            out.push(r);
        }
        return;
    }
    for i in 1..s.len() {
        let (a, b) = s.split_at(i);
        if valid_number(a) {
            acc.push(a.to_string());
            splits(b, parts - 1, out, acc);
            acc.pop();
        }
    }
}

/// Every reading of `segs` (digit runs, each flagged when a `%` closes it) as `n` values.
fn split_segments(
    segs: &[(String, bool)],
    n: usize,
    acc: &mut Vec<String>,
    out: &mut Vec<Vec<String>>,
) {
    if out.len() >= 64 {
        return;
    }
    let Some(((seg, pct), rest)) = segs.split_first() else {
        if n == 0 {
            out.push(acc.clone());
        }
        return;
    };
    // This segment takes `p` values, leaving at least one for each later segment.
    for p in 1..=n.saturating_sub(rest.len()) {
        let mut parts = Vec::new();
        splits(seg, p, &mut parts, &mut Vec::new());
        for mut part in parts {
            if *pct && let Some(last) = part.last_mut() {
                last.push('%');
            }
            let len = acc.len();
            acc.extend(part);
            split_segments(rest, n - p, acc, out);
            acc.truncate(len);
        }
    }
}

/// Split a funds row's run-together values against its columns. `Ok` with one value per column
/// when exactly one reading agrees with the columns' meaning; `Err` with the competing readings
/// (`Err(vec![])` when there is no reading at all).
pub(crate) fn split_funds_values(
    text: &str,
    cols: &[FundsColumn],
) -> Result<Vec<String>, Vec<String>> {
    let n = cols.len();
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if n == 0
        || t.len() > 40
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '%')
    {
        return Err(Vec::new());
    }
    // Segments end at each `%` (a percent value closes its segment).
    let mut segs: Vec<(String, bool)> = Vec::new();
    for (k, part) in t.split('%').enumerate() {
        let _ = k;
        segs.push((part.to_string(), true));
    }
    if let Some(last) = segs.last_mut() {
        last.1 = false;
    }
    if segs.last().is_some_and(|(s, _)| s.is_empty()) {
        segs.pop();
    }
    if segs.iter().any(|(s, _)| s.is_empty()) || segs.len() > n {
        return Err(Vec::new());
    }
    let mut readings: Vec<Vec<String>> = Vec::new();
    split_segments(&segs, n, &mut Vec::new(), &mut readings);
    let fits: Vec<&Vec<String>> = readings.iter().filter(|r| consistent(r, cols)).collect();
    let show = |r: &Vec<String>| r.join(" | ");
    match (fits.as_slice(), readings.as_slice()) {
        ([one], _) => Ok((*one).clone()),
        ([], [one]) => Ok(one.clone()),
        ([], many) => Err(many.iter().map(show).collect()),
        (many, _) => Err(many.iter().map(|r| show(r)).collect()),
    }
}

/// A reading agrees with the columns: a `%` value only under 执行率, and 执行率 within 1% of
/// 执行数 / 预算数 (printed as a percent, or as a ratio).
fn consistent(r: &[String], cols: &[FundsColumn]) -> bool {
    let get = |k: FundsColumn| cols.iter().position(|c| *c == k).and_then(|i| r.get(i));
    for (v, c) in r.iter().zip(cols) {
        if v.ends_with('%') && *c != FundsColumn::ExecutionRate {
            return false;
        }
    }
    let num = |s: &String| normalise::parse_percent(s);
    // A 分值 is at most 100, and a score at most its 分值.
    let weight = get(FundsColumn::Weight).and_then(num);
    if weight.is_some_and(|w| w > Decimal::ONE_HUNDRED) {
        return false;
    }
    let score = get(FundsColumn::Score).and_then(num);
    if let (Some(w), Some(sc)) = (weight, score)
        && sc > w
    {
        return false;
    }
    let (Some(b), Some(e), Some(rate)) = (
        get(FundsColumn::AdjustedBudget).and_then(num),
        get(FundsColumn::Executed).and_then(num),
        get(FundsColumn::ExecutionRate).and_then(num),
    ) else {
        return true;
    };
    if b.is_zero() {
        return false;
    }
    let Some(pct) = e
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|x| x.checked_div(b))
    else {
        return false;
    };
    let rate_pct = if rate <= Decimal::new(15, 1) && pct > Decimal::new(15, 1) {
        rate * Decimal::ONE_HUNDRED
    } else {
        rate
    };
    // Printed rates are rounded, sometimes coarsely: within 1% of the rate (at least 0.05).
    let tol = (rate_pct * Decimal::new(1, 2)).max(Decimal::new(5, 2));
    if (pct - rate_pct).abs() > tol {
        return false;
    }
    // A printed score near 分值 × 执行率 (within one point).
    if let (Some(w), Some(sc)) = (weight, score) {
        let expect = w * pct.min(Decimal::ONE_HUNDRED) / Decimal::ONE_HUNDRED;
        if (expect - sc).abs() > Decimal::ONE {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(c: &[Cell]) -> Vec<&str> {
        c.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn funds_digit_runs_split_against_the_columns() {
        use FundsColumn::*;
        let cols = [AdjustedBudget, Executed, ExecutionRate];
        assert_eq!(
            split_funds_values("194.9194.9100%", &cols),
            Ok(vec!["194.9".into(), "194.9".into(), "100%".into()])
        );
        // 148 | 46 | 31.00% fits, but so does 148463 | 1.0 | 0%: no guess.
        let r = split_funds_values("1484631.00%", &cols);
        assert!(
            matches!(r, Err(ref v) if v.contains(&"148 | 46 | 31.00%".to_string())),
            "{r:?}"
        );
        let cols4 = [AdjustedBudget, Executed, Weight, ExecutionRate];
        // 30 | 30 | 10 | 100% fits, and so does 30301 | 0 | 10 | 0% (nothing spent).
        let r = split_funds_values("303010100%", &cols4);
        assert!(
            matches!(r, Err(ref v) if v.len() >= 2 && v.contains(&"30 | 30 | 10 | 100%".to_string())),
            "{r:?}"
        );
        // With the score after the rate the reading is unique.
        let cols5 = [AdjustedBudget, Executed, Weight, ExecutionRate, Score];
        assert_eq!(
            split_funds_values("303010100%10", &cols5).map(|v| v.join("|")),
            Ok("30|30|10|100%|10".to_string())
        );
        // Inconsistent printed rate: several readings and none agrees: ambiguous.
        let r = split_funds_values("4753.663824.26100%", &cols);
        assert!(matches!(r, Err(ref v) if v.len() > 1), "{r:?}");
    }

    #[test]
    fn rows_are_cut_at_their_values() {
        let t = "5000吨稻谷、500吨成品粮储备到位率100%100%库存数量真实率100%100%县级储备粮库存粮食明显变质比例00";
        let chars: Vec<char> = t.chars().collect();
        let at = vec![Pos::default(); chars.len()];
        assert_eq!(
            texts(&cut_rows(&chars, &at)),
            vec![
                "5000吨稻谷、500吨成品粮储备到位率",
                "100%",
                "100%",
                "库存数量真实率",
                "100%",
                "100%",
                "县级储备粮库存粮食明显变质比例",
                "0",
                "0"
            ]
        );
        let t = "政策性挂账利息补贴保障率100%无没有轮换、动用库存";
        let chars: Vec<char> = t.chars().collect();
        let at = vec![Pos::default(); chars.len()];
        assert_eq!(
            texts(&cut_rows(&chars, &at)),
            vec![
                "政策性挂账利息补贴保障率",
                "100%",
                "无",
                "没有轮换、动用库存"
            ]
        );
        let t = "粮食储备设备维护及安全性高高";
        let chars: Vec<char> = t.chars().collect();
        let at = vec![Pos::default(); chars.len()];
        assert_eq!(
            texts(&cut_rows(&chars, &at)),
            vec!["粮食储备设备维护及安全性", "高", "高"]
        );
    }

    #[test]
    fn labels_are_found_by_section() {
        let s = vec![StreamCell {
            text: "2020年度县级专项资金绩效目标自评表专项资金名称县级储备粮项目资金(万元)全年预算数(A)全年执行数(B)执行率(B/A)年度资金总额194.9194.9100%其他资金".into(),
            at: Pos::new(1, 1),
        }];
        assert_eq!(
            texts(&cut(&s)),
            vec![
                "2020年度县级专项资金绩效目标自评表",
                "专项资金名称",
                "县级储备粮",
                "项目资金(万元)",
                "全年预算数(A)",
                "全年执行数(B)",
                "执行率(B/A)",
                "年度资金总额",
                "194.9194.9100%",
                "其他资金"
            ]
        );
    }
}
