//! Form families (`formats.md`, "Families"): told apart by the labels a form prints, and
//! mapped to a scoring profile (`profile::all`).
//!
//! | family | signs | profile |
//! |---|---|---|
//! | central (万元 or 元), + 指标性质/度量单位, fenzhi-first, whole department | none of the below | `central_2020` (or `shenzhen_2022` by project code) |
//! | 四川 10 + 90 | `权重` column, `预算执行情况(10分)`, `绩效指标(90分)`, 报表编号 510000 | `sichuan_2023` |
//! | budget 20 + targets 80 | `得分(20分*执行率)`, no 分值 column | `budget20_target80` |
//! | no score | no 分值 and no 得分 column | `no_score` (status `unscored`) |
//! | transfer payment | `资金管理情况`, 转移支付 title or fields | `no_score` unless it prints scores |
//! | decision / management / performance | `项目决策`, `项目管理`, `项目绩效` | `decision_management_performance` (sections scored with their printed 分值) |
//! | 河北 weighted | `权重占比(%)` or `折算得分` column | `hebei_weighted` |
//! | 北京 2016 / 江西 2017 | a `得分计算方法` or `评分标准` column | `jiangxi` when the form names 江西 (or one of its cities), else `beijing_2016` |
//! | whole department | `部门整体支出` title, or 重庆's `得分系数` / `是否核心指标` columns | central |

use super::labels::{self, IndicatorColumn};
use crate::model::{Comparator, Form, Pos, Sourced};
use rust_decimal::Decimal;

/// A family of forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Central,
    /// Central with 年度指标值 split into 指标性质 / 指标值 / 度量单位 (云南).
    CentralSplitTarget,
    /// 分值 before the target (安徽/四川 衔接资金, 扶贫).
    FenzhiFirst,
    Sichuan,
    Budget20,
    NoScore,
    TransferPayment,
    DecisionMgmtPerf,
    WholeDepartment,
    /// 河北: 指标分值 / 单项指标得分 / 权重占比(%) / 折算得分.
    HebeiWeighted,
    /// 北京 2016, 江西 2017: a 得分计算方法 / 评分标准 text column.
    ScoringMethod,
}

impl Family {
    /// Every family, in the order of `formats.md`.
    pub const ALL: [Family; 11] = [
        Family::Central,
        Family::CentralSplitTarget,
        Family::FenzhiFirst,
        Family::Sichuan,
        Family::Budget20,
        Family::NoScore,
        Family::TransferPayment,
        Family::DecisionMgmtPerf,
        Family::HebeiWeighted,
        Family::ScoringMethod,
        Family::WholeDepartment,
    ];

    /// The family with this stable code (`Form::family`), if any.
    pub fn from_code(code: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The family's name for users.
    pub fn chinese(self) -> &'static str {
        match self {
            Family::Central => "中央通用表式",
            Family::CentralSplitTarget => "中央通用表式（指标性质/指标值/度量单位分列）",
            Family::FenzhiFirst => "分值列在指标值之前的表式",
            Family::Sichuan => "四川表式（预算执行10分+绩效指标90分）",
            Family::Budget20 => "预算执行20分+绩效目标80分表式",
            Family::NoScore => "不打分表式",
            Family::TransferPayment => "转移支付区域绩效自评表",
            Family::DecisionMgmtPerf => "项目决策/项目管理/项目绩效表式",
            Family::WholeDepartment => "部门整体支出自评表",
            Family::HebeiWeighted => "河北权重占比折算表式",
            Family::ScoringMethod => "带得分计算方法栏的表式（北京2016/江西2017）",
        }
    }

    /// The stable English code (`Form::family`, JSON `"family"`).
    pub fn code(self) -> &'static str {
        match self {
            Family::Central => "central",
            Family::CentralSplitTarget => "central_split_target",
            Family::FenzhiFirst => "fenzhi_first",
            Family::Sichuan => "sichuan",
            Family::Budget20 => "budget20_target80",
            Family::NoScore => "no_score",
            Family::TransferPayment => "transfer_payment",
            Family::DecisionMgmtPerf => "decision_management_performance",
            Family::WholeDepartment => "whole_department",
            Family::HebeiWeighted => "hebei_weighted",
            Family::ScoringMethod => "scoring_method",
        }
    }

    /// The profile this family is scored with; `None` leaves the choice to
    /// `read::detect_profile` (central forms: central or Shenzhen by project code).
    pub fn profile(self) -> Option<&'static str> {
        match self {
            Family::Sichuan => Some("sichuan_2023"),
            Family::Budget20 => Some("budget20_target80"),
            Family::HebeiWeighted => Some("hebei_weighted"),
            Family::NoScore | Family::TransferPayment => Some("no_score"),
            Family::DecisionMgmtPerf => Some("decision_management_performance"),
            Family::Central
            | Family::CentralSplitTarget
            | Family::FenzhiFirst
            | Family::ScoringMethod
            | Family::WholeDepartment => None,
        }
    }

    /// The profile for `form` of this family: [`Family::profile`], and for the 北京 2016 / 江西
    /// 2017 family the region the form names (江西 or one of its cities → `jiangxi`, else
    /// `beijing_2016`).
    pub fn profile_for(self, form: &Form) -> Option<&'static str> {
        if self != Family::ScoringMethod {
            return self.profile();
        }
        Some(if names_jiangxi(form) {
            "jiangxi"
        } else {
            "beijing_2016"
        })
    }

    /// Whether forms of this family carry scores that jixiao recomputes.
    pub fn scored(self) -> bool {
        !matches!(self, Family::NoScore | Family::TransferPayment)
    }

    /// Whether the form is about one project, so that its header names the project and its
    /// 实施单位. A 部门整体支出 form (whole department) names the department instead
    /// (部门名称 / 单位名称, `formats.md`): it has no 项目名称 by design.
    pub fn names_a_project(self) -> bool {
        self != Family::WholeDepartment
    }

    pub fn is_decision_frame(self) -> bool {
        self == Family::DecisionMgmtPerf
    }
}

/// What a form printed that tells its family.
#[derive(Debug, Clone, Default)]
pub struct Signals {
    /// `权重` as the weight column (四川).
    pub quanzhong: bool,
    /// Weights printed in captions: `预算执行情况(10分)` (execution) and `绩效指标(90分)`.
    pub exec_caption_weight: Option<Decimal>,
    pub indicator_caption_weight: Option<Decimal>,
    /// `得分 (20分*执行率)`.
    pub score_formula: bool,
    /// Sichuan report code `510000_…`.
    pub sichuan_code: bool,
    pub indicator_header: bool,
    pub has_weight_column: bool,
    pub has_score_column: bool,
    pub weight_before_target: bool,
    pub split_target: bool,
    pub transfer: bool,
    pub decision: bool,
    pub whole_department: bool,
    /// `权重占比(%)` / `折算得分` columns (河北 weighted).
    pub weight_share: bool,
    /// A `得分计算方法` / `评分标准` column (北京 2016, 江西 2017).
    pub method_column: bool,
    /// `得分系数` / `是否核心指标` columns (重庆 whole department).
    pub coefficient: bool,
}

/// The signs one label cell gives ([`Signals::label`]): flags it sets and caption weights it
/// prints. A label's marks depend on the label alone, so the reader works them out once per
/// label (`labels::facts`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct SignalMarks {
    quanzhong: bool,
    method_column: bool,
    sichuan_code: bool,
    transfer: bool,
    score_formula: bool,
    decision: bool,
    exec_caption_weight: Option<Decimal>,
    indicator_caption_weight: Option<Decimal>,
}

impl SignalMarks {
    /// The marks of a label cell.
    pub(crate) fn of(l: &str) -> SignalMarks {
        let mut m = SignalMarks::default();
        if l.is_empty() {
            return m;
        }
        if l == "权重" {
            m.quanzhong = true;
        }
        if l.starts_with("得分计算方法") || l.starts_with("评分标准") {
            m.method_column = true;
        }
        if l.starts_with("报表编号") && l.contains("510000") {
            m.sichuan_code = true;
        }
        if l.starts_with("转移支付") {
            m.transfer = true;
        }
        if l.starts_with("得分(") && l.contains("执行率") && l.contains("20分") {
            m.score_formula = true;
        }
        if l == "资金管理情况" {
            m.transfer = true;
        } else if labels::is_decision_block(l) {
            m.decision = true;
        } else if l.starts_with("预算执行情况") && labels::is_funds_caption(l) {
            if let Some(w) = labels::caption_weight(l) {
                m.exec_caption_weight = Some(w);
            }
        } else if labels::is_indicator_caption(l)
            && l.contains("绩效")
            && let Some(w) = labels::caption_weight(l)
        {
            m.indicator_caption_weight = Some(w);
        }
        m
    }

    pub(crate) fn is_none(&self) -> bool {
        *self == SignalMarks::default()
    }
}

impl Signals {
    /// A title's signs.
    pub fn title(&mut self, label: &str) {
        if label.contains("部门整体支出") {
            self.whole_department = true;
        }
        if label.contains("转移支付") || label.contains("区域绩效自评表") {
            self.transfer = true;
        }
    }

    /// A label cell's signs.
    pub fn label(&mut self, l: &str) {
        self.apply(&SignalMarks::of(l));
    }

    /// Signs worked out beforehand ([`SignalMarks::of`] a label cell).
    pub(crate) fn apply(&mut self, m: &SignalMarks) {
        if m.is_none() {
            return;
        }
        self.quanzhong |= m.quanzhong;
        self.method_column |= m.method_column;
        self.sichuan_code |= m.sichuan_code;
        self.transfer |= m.transfer;
        self.score_formula |= m.score_formula;
        self.decision |= m.decision;
        if let Some(w) = m.exec_caption_weight {
            self.exec_caption_weight = Some(w);
        }
        if let Some(w) = m.indicator_caption_weight {
            self.indicator_caption_weight = Some(w);
        }
    }

    /// The indicator header's columns, in order.
    pub fn indicator_header(&mut self, kinds: impl Iterator<Item = IndicatorColumn>) {
        let kinds: Vec<IndicatorColumn> = kinds.collect();
        self.indicator_header = true;
        self.has_weight_column = kinds.contains(&IndicatorColumn::Weight);
        self.has_score_column = kinds.contains(&IndicatorColumn::Score);
        self.split_target =
            kinds.contains(&IndicatorColumn::Comparator) || kinds.contains(&IndicatorColumn::Unit);
        self.weight_share = kinds.iter().any(|k| {
            matches!(
                k,
                IndicatorColumn::WeightShare | IndicatorColumn::WeightedScore
            )
        });
        self.coefficient = kinds
            .iter()
            .any(|k| matches!(k, IndicatorColumn::Coefficient | IndicatorColumn::Core));
        let w = kinds.iter().position(|k| *k == IndicatorColumn::Weight);
        let t = kinds.iter().position(|k| *k == IndicatorColumn::Target);
        self.weight_before_target = matches!((w, t), (Some(w), Some(t)) if w < t);
    }
}

/// The family of a form from its signals.
pub fn detect(s: &Signals) -> Family {
    if s.decision {
        return Family::DecisionMgmtPerf;
    }
    let unscored_header = s.indicator_header && !s.has_weight_column && !s.has_score_column;
    if s.transfer && (unscored_header || !s.indicator_header) {
        return Family::TransferPayment;
    }
    if unscored_header {
        return Family::NoScore;
    }
    if s.weight_share {
        return Family::HebeiWeighted;
    }
    if s.score_formula
        || (s.indicator_header
            && !s.has_weight_column
            && s.has_score_column
            && s.exec_caption_weight == Some(Decimal::from(20)))
    {
        return Family::Budget20;
    }
    if s.quanzhong
        || s.sichuan_code
        || s.indicator_caption_weight == Some(Decimal::from(90))
        || s.exec_caption_weight == Some(Decimal::TEN) && s.indicator_caption_weight.is_some()
    {
        return Family::Sichuan;
    }
    if s.method_column {
        return Family::ScoringMethod;
    }
    if s.whole_department || s.coefficient {
        return Family::WholeDepartment;
    }
    if s.weight_before_target {
        return Family::FenzhiFirst;
    }
    if s.split_target {
        return Family::CentralSplitTarget;
    }
    Family::Central
}

/// 江西 and its prefecture-level cities, as a form names them in its title or header.
const JIANGXI: &[&str] = &[
    "江西",
    "南昌",
    "景德镇",
    "萍乡",
    "九江",
    "新余",
    "鹰潭",
    "赣州",
    "吉安",
    "宜春",
    "抚州",
    "上饶",
];

/// Whether the form's title or header names 江西 or one of its cities.
fn names_jiangxi(form: &Form) -> bool {
    let h = &form.header;
    [
        form.title.as_ref(),
        h.project_name.as_ref(),
        h.budget_unit.as_ref(),
        h.implementing_unit.as_ref(),
    ]
    .into_iter()
    .flatten()
    .any(|t| JIANGXI.iter().any(|w| t.value.contains(w)))
}

/// Budget 20 + targets 80 (sample 016): no 分值 column. Each row's weight is read back from its
/// printed score, `s = w × a / t` (uncapped), as the whole number `w` that gives the printed
/// score to one decimal; the weights are kept only when every scored row gives one and they
/// add up to the printed 80 (`年度绩效目标(80分)`), else none is set. A read note says so.
pub fn infer_budget20_weights(form: &mut Form, s: &Signals) {
    if form.indicators.is_empty() || form.indicators.iter().any(|i| i.weight.is_some()) {
        return;
    }
    let total = s.indicator_caption_weight.unwrap_or(Decimal::from(80));
    let tenth = Decimal::new(5, 2);
    let mut weights: Vec<Option<Decimal>> = Vec::new();
    for ind in &form.indicators {
        let w = (|| {
            let s = ind.score.as_ref()?.value;
            let t = ind.target.as_ref()?;
            if !matches!(
                t.comparator,
                Comparator::Implicit
                    | Comparator::AtLeast
                    | Comparator::Greater
                    | Comparator::Equal
            ) {
                return None;
            }
            let t = t.value?;
            let a = ind.actual.as_ref()?.value?;
            if t <= Decimal::ZERO || a <= Decimal::ZERO {
                return None;
            }
            let est = s.checked_mul(t)?.checked_div(a)?.round();
            if est <= Decimal::ZERO {
                return None;
            }
            let back = est.checked_mul(a)?.checked_div(t)?;
            ((back - s).abs() <= tenth).then_some(est)
        })();
        weights.push(w);
    }
    let line = form.indicators.first().map_or(0, |i| i.line);
    let all: Option<Vec<Decimal>> = weights.into_iter().collect();
    let sum: Option<Decimal> = all.as_ref().map(|w| w.iter().copied().sum());
    match (all, sum) {
        (Some(ws), Some(sum)) if sum == total => {
            let list: Vec<String> = ws.iter().map(Decimal::to_string).collect();
            for (ind, w) in form.indicators.iter_mut().zip(ws) {
                let at = ind.score.as_ref().map_or(Pos::new(ind.line, 0), |s| s.at);
                ind.weight = Some(Sourced::new(w, at));
            }
            form.read_notes.push(crate::model::ReadNote::remark(
                line,
                format!(
                    "分值栏未印出：按 得分 = 分值 × 实际完成值 / 目标值（不封顶）由各行得分反推分值为 {}，合计 {} 与“({}分)”一致（推断值，位置指向得分单元格）",
                    list.join("/"),
                    sum,
                    total
                ),
            ));
        }
        _ => form.read_notes.push(crate::model::ReadNote::problem(
            line,
            format!("分值栏未印出，且无法由各行得分反推出合计为 {total} 的分值：各指标分值留空"),
        )),
    }
}

/// The 北京 2016 / 江西 2017 family: a remark on the profile chosen from the region and on the
/// method column (read and shown, never applied).
pub fn note_scoring_method(form: &mut Form) {
    let region = if form.profile == "jiangxi" {
        "表头或标题含江西地名，自动选用 jiangxi 口径（执行率分档计分；可用 --profile 另行指定）"
    } else {
        "表头和标题未见江西地名，自动选用 beijing_2016 口径（如为江西表可用 --profile jiangxi）"
    };
    form.read_notes.push(crate::model::ReadNote::remark(
        form.source.first_line,
        format!("表内有“得分计算方法/评分标准”栏（北京2016/江西2017表式）：该栏文字原样读入并输出，不据以计算；{region}"),
    ));
}
