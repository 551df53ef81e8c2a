//! The generator's own model of one form: every cell as it will be printed, plus what the
//! generator knows about it (kind of row, numeric target and actual) so defects can be injected
//! precisely. Printed scores come from `jixiao_core::score`, never from a formula of our own.

use jixiao_core::model::{Indicator, Pos, Sourced};
use jixiao_core::normalise;
use jixiao_core::profile::Profile;
use jixiao_core::score;
use rust_decimal::Decimal;

/// Level-1 categories of the central template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum L1 {
    Output,
    Outcome,
    Satisfaction,
}

impl L1 {
    pub const ALL: [L1; 3] = [L1::Output, L1::Outcome, L1::Satisfaction];

    pub fn word(self) -> &'static str {
        match self {
            L1::Output => "产出",
            L1::Outcome => "效益",
            L1::Satisfaction => "满意度",
        }
    }

    /// The weight of the level-1 in the 10/50/30/10 split.
    pub fn weight(self) -> Decimal {
        Decimal::from(match self {
            L1::Output => 50,
            L1::Outcome => 30,
            L1::Satisfaction => 10,
        })
    }
}

/// What a row is, as far as scoring goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// `无 无 无 0 0.00`.
    Placeholder,
    /// A number target. `forward`: ≥ (or implicit on a non-cost row); `count`: a count unit.
    Quant { forward: bool, count: bool },
    /// Descriptive target, grade-vocabulary actual.
    Qual,
}

/// One indicator row as printed.
#[derive(Debug, Clone)]
pub struct Ind {
    pub l1: L1,
    /// Weight printed in the level-1 label (`产出(50分)`).
    pub label_weight: Decimal,
    /// Label spelling variant (see `render::level1_label`).
    pub label_style: u8,
    /// Short level-2 (`数量`, `经济效益`, `服务对象满意度`).
    pub l2: &'static str,
    pub name: String,
    pub target: String,
    pub actual: String,
    pub weight: Decimal,
    pub score: Decimal,
    pub note: String,
    pub kind: RowKind,
    /// Numeric target/actual and the printed operator and unit (quantitative rows).
    pub t_val: Option<Decimal>,
    pub a_val: Option<Decimal>,
    pub op: &'static str,
    pub unit: String,
    /// A page break (blank line) printed before the row.
    pub break_before: bool,
}

impl Ind {
    pub fn is_cost(&self) -> bool {
        self.l2 == "成本"
    }

    /// Scored full marks.
    pub fn full(&self) -> bool {
        self.score == self.weight
    }

    /// The row as the core's model sees it (positions are irrelevant for scoring).
    pub fn to_core(&self) -> Indicator {
        let at = Pos::default();
        let s = |v: &str| Sourced::new(v.to_string(), at);
        let label = format!("{}({}分)", self.l1.word(), self.label_weight.normalize());
        let (category, label_weight) = normalise::level1_of(&label).unzip();
        Indicator {
            level1: s(&label),
            level1_category: category,
            level1_label_weight: label_weight.flatten(),
            level2: Some(s(self.l2)),
            name: s(&self.name),
            target: (!self.target.is_empty()).then(|| normalise::parse_target(&self.target, at)),
            actual: (!self.actual.is_empty()).then(|| normalise::parse_actual(&self.actual, at)),
            weight: Some(Sourced::new(self.weight, at)),
            score: Some(Sourced::new(self.score, at)),
            deviation_note: (!self.note.is_empty()).then(|| s(&self.note)),
            extra: Default::default(),
            line: 0,
        }
    }

    /// The score the core's rule gives this row, if it can compute one.
    pub fn rule_score(&self, profile: &Profile) -> Option<Decimal> {
        score::indicator(profile, &self.to_core()).computed
    }
}

/// One funds row: 年初预算数, 全年预算数, 全年执行数.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Money {
    pub b0: Decimal,
    pub b: Decimal,
    pub e: Decimal,
}

/// Spelling and layout choices of one form (all seen in the seed).
#[derive(Debug, Clone)]
pub struct Style {
    /// The compact layout of seed form 8 (short rows, blank lines between sections).
    pub compact: bool,
    /// `:` or `：` after header labels.
    pub colon: &'static str,
    pub label_style: u8,
    /// Level-2 printed with `指标` (`数量指标`).
    pub l2_long: bool,
    pub rate_header: &'static str,
    pub sub_colon: &'static str,
    pub star: &'static str,
    /// Goals block variant (0..=2).
    pub goals: u8,
    /// Decimals printed in 执行率 (2, 1, 0 when exact, 4).
    pub rate_dp: u32,
    /// `0` or `0.00` in a placeholder row's 分值.
    pub placeholder_weight: &'static str,
}

/// One form, cell by cell.
#[derive(Debug, Clone)]
pub struct Form {
    /// Amounts in 万元 with a 主管部门 header (central profile) instead of 元 with 项目编码.
    pub central: bool,
    pub code: String,
    pub name: String,
    pub year: i32,
    pub impl_unit: String,
    pub budget_unit: String,
    pub style: Style,
    /// 年度资金总额, 当年财政拨款, 上年结转资金, 其他资金.
    pub funds: [Money; 4],
    pub exec_weight: Decimal,
    /// The core's `round2(100E/B)`.
    pub rate: Decimal,
    pub rate_text: String,
    pub exec_score: Decimal,
    pub goal_expected: String,
    pub goal_achieved: String,
    pub inds: Vec<Ind>,
    pub total_score: Decimal,
    /// The text stops before the 总分 row.
    pub truncated: bool,
}

impl Form {
    /// Printed execution score plus every printed indicator score: what 总分 must say.
    pub fn printed_sum(&self) -> Decimal {
        self.exec_score + self.inds.iter().map(|i| i.score).sum::<Decimal>()
    }
}

/// `d` with exactly two decimals (`7.50`, `108000.00`).
pub fn fmt2(d: Decimal) -> String {
    let mut x = score::round2(d);
    x.rescale(2);
    x.to_string()
}

/// `d` with trailing zeros removed (`96.5`, `100`).
pub fn fmt_trim(d: Decimal) -> String {
    d.normalize().to_string()
}

/// `d` with thousands separators and no decimals (`400,000`).
pub fn fmt_grouped(d: Decimal) -> String {
    let s = d.trunc().normalize().to_string();
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (bytes.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(fmt2(Decimal::new(75, 1)), "7.50");
        assert_eq!(fmt2(Decimal::new(5975, 3)), "5.98");
        assert_eq!(fmt_trim(Decimal::new(96500, 3)), "96.5");
        assert_eq!(fmt_grouped(Decimal::from(400_000)), "400,000");
        assert_eq!(fmt_grouped(Decimal::from(1_830_000)), "1,830,000");
        assert_eq!(fmt_grouped(Decimal::from(950)), "950");
    }
}
