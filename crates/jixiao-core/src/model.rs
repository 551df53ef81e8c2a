//! The form model: one 项目支出绩效自评表 as read, with every value tied to where it was read.
//!
//! Names follow `shared/spec/glossary.md`. A cell that is absent or blank is `None`, never zero.
//! Values are kept as printed (`Decimal` for numbers); nothing here is computed: see `score`.

use rust_decimal::Decimal;
use serde::Serialize;

/// Where a value was read: 1-based line (or spreadsheet row) and 1-based cell column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl Pos {
    pub fn new(line: u32, column: u32) -> Self {
        Pos { line, column }
    }
}

/// A value together with its source position and the cell text it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sourced<T> {
    pub value: T,
    pub at: Pos,
}

impl<T> Sourced<T> {
    pub fn new(value: T, at: Pos) -> Self {
        Sourced { value, at }
    }
}

/// Which part of a file a form was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct SourceRef {
    pub path: String,
    pub first_line: u32,
    pub last_line: u32,
}

/// How far a form could be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum FormStatus {
    /// Every section was read through the 总分 row.
    Complete,
    /// The text stops before the form ends; `stops_in` names the section, `line` the last line read.
    Incomplete { stops_in: String, line: u32 },
    /// A form family that carries no scores by design (read and checked, never totalled).
    Unscored,
    /// Several readings are possible; none is chosen.
    Ambiguous { readings: Vec<String> },
    /// Nothing usable could be read.
    Unreadable { why: String },
}

impl FormStatus {
    /// The stable English code used in JSON (`complete`, `incomplete`, ...).
    pub fn code(&self) -> &'static str {
        match self {
            FormStatus::Complete => "complete",
            FormStatus::Incomplete { .. } => "incomplete",
            FormStatus::Unscored => "unscored",
            FormStatus::Ambiguous { .. } => "ambiguous",
            FormStatus::Unreadable { .. } => "unreadable",
        }
    }
}

/// 表头: who and what the form is about.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Header {
    pub project_code: Option<Sourced<String>>,
    pub project_name: Option<Sourced<String>>,
    pub year: Option<Sourced<i32>>,
    pub implementing_unit: Option<Sourced<String>>,
    pub budget_unit: Option<Sourced<String>>,
}

/// The unit amounts are printed in (项目资金（元） / （万元）).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AmountUnit {
    Yuan,
    WanYuan,
    #[default]
    Unknown,
}

/// Which row of the funds block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FundsKind {
    /// 年度资金总额: the row whose execution is scored.
    TotalFunds,
    /// 其中：当年财政拨款 / 本年财政拨款 / 财政资金.
    Appropriation,
    /// 上年结转资金.
    Carryover,
    /// 其他资金.
    OtherFunds,
}

impl FundsKind {
    pub fn code(self) -> &'static str {
        match self {
            FundsKind::TotalFunds => "total_funds",
            FundsKind::Appropriation => "appropriation",
            FundsKind::Carryover => "carryover",
            FundsKind::OtherFunds => "other_funds",
        }
    }
}

/// One row of the funds block (资金使用情况).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FundsRow {
    pub kind: FundsKind,
    pub label: Sourced<String>,
    pub initial_budget: Option<Sourced<Decimal>>,
    pub adjusted_budget: Option<Sourced<Decimal>>,
    pub executed: Option<Sourced<Decimal>>,
    pub weight: Option<Sourced<Decimal>>,
    /// 执行率 as printed, in percent (`59.7` for 59.7%); a printed ratio is kept as printed.
    pub execution_rate: Option<Sourced<Decimal>>,
    pub score: Option<Sourced<Decimal>>,
    /// 原因 / 说明 printed beside the row (四川: reasons for low execution or adjustments).
    pub reason: Option<Sourced<String>>,
    /// 到位数: money that arrived (河北 weighted forms: 预算数 / 到位数 / 执行数); shown, and
    /// the execution denominator only when the profile says so (`Profile::exec_budget`).
    pub arrived: Option<Sourced<Decimal>>,
    /// 得分计算方法 / 评分标准 printed on the row (北京 2016, 江西 2017): text, never a number.
    pub method: Option<Sourced<String>>,
    pub line: u32,
}

/// 资金使用情况.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Funds {
    pub amount_unit: AmountUnit,
    pub rows: Vec<FundsRow>,
}

impl Funds {
    /// The 年度资金总额 row, if read.
    pub fn total_row(&self) -> Option<&FundsRow> {
        self.rows.iter().find(|r| r.kind == FundsKind::TotalFunds)
    }
}

/// 年度总体目标: 预期目标 and 实际完成情况.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct OverallGoal {
    pub expected: Option<Sourced<String>>,
    pub achieved: Option<Sourced<String>>,
}

/// The level-1 category of an indicator (一级指标).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Level1 {
    /// 产出指标
    Output,
    /// 效益指标
    Outcome,
    /// 满意度指标
    Satisfaction,
    /// 成本指标 (post-101号 level-1)
    Cost,
}

impl Level1 {
    pub fn chinese(self) -> &'static str {
        match self {
            Level1::Output => "产出指标",
            Level1::Outcome => "效益指标",
            Level1::Satisfaction => "满意度指标",
            Level1::Cost => "成本指标",
        }
    }
}

/// Direction of a target (指标性质 / 计算符号).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// ≥ (also 不低于, 不少于, 以上, 达到)
    AtLeast,
    /// >
    Greater,
    /// = (also ﹦ ═)
    Equal,
    /// ≤ (also 不超过, 不高于, 以内)
    AtMost,
    /// <
    Less,
    /// `L-U`, `L~U`, `L至U`
    Range,
    /// A number printed with no operator (`11`, `100%`, `5名`): read as ≥ by the profile.
    Implicit,
    /// Descriptive text (定性).
    Qualitative,
}

impl Comparator {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::AtLeast => "≥",
            Comparator::Greater => ">",
            Comparator::Equal => "=",
            Comparator::AtMost => "≤",
            Comparator::Less => "<",
            Comparator::Range => "range",
            Comparator::Implicit => "",
            Comparator::Qualitative => "定性",
        }
    }

    /// Lower is better (反向指标).
    pub fn is_reverse(self) -> bool {
        matches!(self, Comparator::AtMost | Comparator::Less)
    }

    pub fn is_quantitative(self) -> bool {
        !matches!(self, Comparator::Qualitative)
    }
}

/// 年度指标值 parsed: comparator, number and unit, or qualitative text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    /// The cell as printed (after normalisation).
    pub text: String,
    pub comparator: Comparator,
    /// The number (lower bound for a range). `None` for qualitative targets.
    pub value: Option<Decimal>,
    /// Upper bound of a range target.
    pub upper: Option<Decimal>,
    pub unit: Option<String>,
    pub at: Pos,
}

/// 实际完成值 parsed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actual {
    pub text: String,
    /// The number, when the cell holds exactly one number (with an optional operator and unit).
    pub value: Option<Decimal>,
    pub unit: Option<String>,
    pub at: Pos,
}

/// One 三级指标 row of the indicator table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    /// 一级指标 label as printed (`产出(50分)`).
    pub level1: Sourced<String>,
    /// The category the label names, if recognised.
    pub level1_category: Option<Level1>,
    /// The weight printed inside the level-1 label (`产出(50分)` → 50).
    pub level1_label_weight: Option<Decimal>,
    /// 二级指标 as printed.
    pub level2: Option<Sourced<String>>,
    /// 三级指标.
    pub name: Sourced<String>,
    pub target: Option<Target>,
    pub actual: Option<Actual>,
    /// 分值.
    pub weight: Option<Sourced<Decimal>>,
    /// 得分 as printed.
    pub score: Option<Sourced<Decimal>>,
    /// 偏差原因分析及改进措施.
    pub deviation_note: Option<Sourced<String>>,
    /// Columns of some families only (得分计算方法, 得分系数, 是否核心指标, 权重占比, 折算得分).
    pub extra: ExtraColumns,
    pub line: u32,
}

/// Indicator columns that only some families print; every one is `None` when not printed.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct ExtraColumns {
    /// 得分计算方法 / 评分标准 / 评价标准 (北京 2016, 江西 2017, the decision frame): the rule as
    /// printed (`每降5%扣1分`); read as text, never parsed as a number.
    pub scoring_method: Option<Sourced<String>>,
    /// 得分系数 (重庆 whole-department forms): 指标得分 = 指标权重 × 得分系数.
    pub score_coefficient: Option<Sourced<Decimal>>,
    /// 是否核心指标 (重庆): 是 → `true`, 否 → `false`.
    pub core: Option<Sourced<bool>>,
    /// 权重占比(%) (河北 weighted forms), in percent as printed (`20` or `20%` = a fifth).
    pub weight_share: Option<Sourced<Decimal>>,
    /// 折算得分 as printed (河北): 单项指标得分 × 权重占比.
    pub weighted_score: Option<Sourced<Decimal>>,
}

impl ExtraColumns {
    /// Nothing printed in any extra column.
    pub fn is_empty(&self) -> bool {
        *self == ExtraColumns::default()
    }
}

impl Indicator {
    /// The points this row brings to the 100-point total: its 权重占比 where the form weights
    /// rows by share (河北), else its 分值.
    pub fn points_weight(&self) -> Option<&Sourced<Decimal>> {
        self.extra.weight_share.as_ref().or(self.weight.as_ref())
    }

    /// An item of the decision frame's 项目决策 / 项目管理 sections (`项目决策2分 | 决策依据 | 2 | 2`):
    /// scored by its printed 分值, with no indicator category (and mostly no target) by design.
    pub fn is_decision_item(&self) -> bool {
        self.level1_category.is_none()
            && crate::read::labels::is_decision_block(&crate::normalise::canonical_label_cow(
                &self.level1.value,
            ))
    }

    /// A placeholder row (`无`, `不适用`, `不涉及`, `—`, `/`) in the name or target.
    pub fn is_placeholder(&self) -> bool {
        crate::normalise::is_void_text(&self.name.value)
            || self
                .target
                .as_ref()
                .is_some_and(|t| crate::normalise::is_void_text(&t.text))
    }
}

/// 总分 row.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct TotalRow {
    pub weight: Option<Sourced<Decimal>>,
    pub score: Option<Sourced<Decimal>>,
    /// A grade word printed on the row (`优`), if any.
    pub grade_label: Option<Sourced<String>>,
    pub line: u32,
}

/// One 项目支出绩效自评表 as read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Form {
    pub source: SourceRef,
    pub status: FormStatus,
    /// The title line as printed (`项目支出绩效自评表`), if present.
    pub title: Option<Sourced<String>>,
    pub header: Header,
    pub funds: Funds,
    pub overall_goal: OverallGoal,
    pub indicators: Vec<Indicator>,
    pub total: Option<TotalRow>,
    /// The scoring profile chosen for this form (by family detection or by the user).
    pub profile: String,
    /// The format family the reader detected from the labels the form prints (`central`,
    /// `sichuan`, `budget20_target80`, …: `read::family::Family::code`); `None` when nothing
    /// was read.
    pub family: Option<String>,
    /// Rows the reader saw but could not place, and other reading remarks; never silently dropped.
    pub read_notes: Vec<ReadNote>,
}

/// A remark of the reader about one source line (a row it could not place, a value it could not parse).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadNote {
    pub line: u32,
    pub message: String,
    /// Whether the note is a problem with the form's content or only a remark on how it was read.
    pub kind: NoteKind,
}

/// What a reader note is: a problem (content not read or not understood) or a remark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// Content that could not be placed or parsed: it takes no part in the computation.
    #[default]
    Problem,
    /// How the text was read (a repair, an inference, a block deliberately left out): nothing
    /// is wrong with the form's content.
    Remark,
}

impl ReadNote {
    /// A note about content that could not be placed or parsed.
    pub fn problem(line: u32, message: impl Into<String>) -> Self {
        ReadNote {
            line,
            message: message.into(),
            kind: NoteKind::Problem,
        }
    }

    /// A remark on how the text was read (not a problem with the form).
    pub fn remark(line: u32, message: impl Into<String>) -> Self {
        ReadNote {
            line,
            message: message.into(),
            kind: NoteKind::Remark,
        }
    }
}

impl Form {
    /// An empty form at `path`, status `Unreadable` until something is read.
    pub fn empty(path: &str, why: &str) -> Self {
        Form {
            source: SourceRef {
                path: path.to_string(),
                first_line: 0,
                last_line: 0,
            },
            status: FormStatus::Unreadable {
                why: why.to_string(),
            },
            title: None,
            header: Header::default(),
            funds: Funds::default(),
            overall_goal: OverallGoal::default(),
            indicators: Vec::new(),
            total: None,
            profile: String::new(),
            family: None,
            read_notes: Vec::new(),
        }
    }

    pub fn is_complete(&self) -> bool {
        self.status == FormStatus::Complete
    }
}
