//! The label vocabulary of the forms: which printed header text means which field.
//!
//! Matching is on `normalise::canonical_label` (folded, no spaces, no `*`, no trailing colon), so
//! `* 实际完成 值`, `实际完成值` and `实际完成值:` are one label. [`classify`] puts every label
//! of every family in one place, for the readers that must find rows by their labels.

use crate::model::FundsKind;
use crate::normalise;

/// A header field of the form (表头).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderField {
    ProjectCode,
    ProjectName,
    Year,
    ImplementingUnit,
    BudgetUnit,
    /// `单位名称`: the unit filing the form, used as 实施单位 when that is not printed.
    UnitName,
}

/// The header field a label cell names, if any.
pub fn header_field(label: &str) -> Option<HeaderField> {
    Some(match label {
        "项目编码" | "项目代码" | "项目编号" => HeaderField::ProjectCode,
        "项目名称" | "专项资金名称" | "转移支付(项目)名称" | "转移支付名称" | "资金名称" => {
            HeaderField::ProjectName
        }
        "绩效自评年度" | "自评年度" | "年度" | "评价年度" => HeaderField::Year,
        "实施单位" | "实施单位(盖章)" | "项目实施单位" | "资金使用单位" => {
            HeaderField::ImplementingUnit
        }
        "一级预算单位"
        | "主管部门"
        | "主管单位"
        | "县级主管部门"
        | "项目主管单位"
        | "项目主管部门"
        | "中央主管部门"
        | "地方主管部门"
        | "主管部门及代码"
        | "预算单位名称"
        | "一级预算单位名称"
        | "部门名称" => HeaderField::BudgetUnit,
        "单位名称" | "填报单位" | "部门(单位)名称" => HeaderField::UnitName,
        // A cell that lost its first characters (`级预算单位名称`).
        l if l.ends_with("预算单位名称") && l.chars().count() <= 8 => HeaderField::BudgetUnit,
        _ => return None,
    })
}

/// A column of the funds block (资金使用情况).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FundsColumn {
    InitialBudget,
    AdjustedBudget,
    Executed,
    Weight,
    ExecutionRate,
    Score,
    Reason,
    /// 到位数 (河北 weighted forms).
    Arrived,
    /// 得分计算方法 / 评分标准 (北京 2016, 江西 2017): text.
    Method,
}

pub fn funds_column(label: &str) -> Option<FundsColumn> {
    match label {
        "执行率权重" | "执行率分值" => return Some(FundsColumn::Weight),
        "执行率得分" => return Some(FundsColumn::Score),
        _ => {}
    }
    if label.starts_with("执行率")
        || label.starts_with("预算执行率")
        || label.starts_with("预算执行进度")
        || label.starts_with("执行进度")
    {
        return Some(FundsColumn::ExecutionRate);
    }
    if label.starts_with("得分计算方法") || label.starts_with("评分标准") {
        return Some(FundsColumn::Method);
    }
    // `得分 (20分*执行率)`: the budget-20 family prints the formula in the header.
    if label.starts_with("得分(") && label.contains("执行率") {
        return Some(FundsColumn::Score);
    }
    Some(match label {
        "年初预算数"
        | "年初预算"
        | "年初预算数(A)"
        | "年初预算数(万元)"
        | "年初(A)"
        | "年初数(A)"
        | "年初预算(A)" => FundsColumn::InitialBudget,
        "全年预算数"
        | "全年预算数(A)"
        | "调整后预算数"
        | "预算数"
        | "预算数(A)"
        | "全年预算数(万元)"
        | "预算数(万元)"
        | "调整后预算" => FundsColumn::AdjustedBudget,
        "全年执行数"
        | "全年执行数(B)"
        | "预算执行数"
        | "执行数"
        | "执行数(B)"
        | "执行(B)"
        | "执行数(万元)"
        | "全年执行数(万元)" => FundsColumn::Executed,
        "到位数" | "到位数(万元)" | "资金到位数" | "实际到位数" | "到位资金" => {
            FundsColumn::Arrived
        }
        "分值" | "权重" => FundsColumn::Weight,
        "得分" => FundsColumn::Score,
        "原因" | "说明" | "偏差原因" | "执行偏差原因" => FundsColumn::Reason,
        _ => return None,
    })
}

/// The funds row a label names.
pub fn funds_row(label: &str) -> Option<crate::model::FundsKind> {
    use crate::model::FundsKind::*;
    // `trim_start_matches("其中")` by hand: a string pattern builds a searcher on every call,
    // and this runs on most cells.
    let mut l = label;
    while let Some(rest) = l.strip_prefix("其中") {
        l = rest;
    }
    let l = l.trim_start_matches([':', '：']).trim_end_matches(':');
    Some(match l {
        "年度资金总额" | "总额" | "年度财政资金总额" | "资金总额" | "合计资金" => {
            TotalFunds
        }
        "当年财政拨款"
        | "本年财政拨款"
        | "财政资金"
        | "财政拨款"
        | "中央财政资金"
        | "地方财政资金"
        | "财政拨款资金"
        | "一般公共预算"
        | "一般公共预算拨款" => Appropriation,
        "上年结转资金" | "上年结转" => Carryover,
        "其他资金" | "财政专户管理资金" | "单位资金" | "社会投入资金" => {
            OtherFunds
        }
        _ => return None,
    })
}

/// A 其中 row of the funds block whose source is not one of the known ones
/// (`其中:中央、省、市补助县级资金`): read as a 财政拨款 breakdown.
pub fn funds_breakdown_row(label: &str) -> bool {
    label.starts_with("其中")
        && label.chars().count() <= 30
        && !label.chars().any(|c| c.is_ascii_digit())
        && (label.contains("资金") || label.contains("拨款") || label.contains("补助"))
}

/// A column of the indicator table (绩效指标).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndicatorColumn {
    Level1,
    Level2,
    Name,
    Comparator,
    Target,
    Unit,
    Actual,
    Weight,
    Score,
    Deviation,
    /// A column that is read over and not used: 复核分, 指标解释, 备注 …
    Ignored,
    /// 得分计算方法 / 评分标准 / 评价标准 (北京 2016, 江西 2017, the decision frame): text.
    Method,
    /// 得分系数 (重庆 whole-department forms).
    Coefficient,
    /// 是否核心指标 (重庆).
    Core,
    /// 权重占比(%) (河北 weighted forms).
    WeightShare,
    /// 折算得分 (河北): 单项指标得分 × 权重占比.
    WeightedScore,
}

impl IndicatorColumn {
    /// Number of variants (for arrays indexed by column kind).
    pub const COUNT: usize = 16;
}

pub fn indicator_column(label: &str) -> Option<IndicatorColumn> {
    use IndicatorColumn::*;
    if label.starts_with("偏差原因") || label.starts_with("未完成原因") {
        return Some(Deviation);
    }
    if label.starts_with("得分计算方法")
        || label.starts_with("评分标准")
        || label.starts_with("评价标准")
    {
        return Some(Method);
    }
    if label.starts_with("指标解释") {
        return Some(Ignored);
    }
    // `权重占比(%)`, `权重占比`: the 河北 share, not 四川's `权重` (a 分值).
    if label.starts_with("权重占比") {
        return Some(WeightShare);
    }
    Some(match label {
        "一级指标" => Level1,
        "二级指标" => Level2,
        "三级指标" | "指标名称" | "三级指标名称" | "指标名称(三级指标)" => {
            Name
        }
        "指标性质" | "计算符号" | "指标方向" => Comparator,
        "年度指标值" | "指标值" | "年初目标值" | "年初目标值(A)" | "年度目标值" | "年初指标值"
        | "目标值" | "全年指标值" => Target,
        "度量单位" | "计量单位" => Unit,
        "实际完成值"
        | "全年实际值"
        | "完成值"
        | "全年完成值"
        | "实际完成值(B)"
        | "全年实际完成值"
        | "年终完成值"
        | "实际值" => Actual,
        "分值" | "权重" | "指标分值" | "指标权重" => Weight,
        "得分" | "自评分" | "指标得分" | "自评得分" | "单项指标得分" => Score,
        "折算得分" | "折算后得分" => WeightedScore,
        "得分系数" => Coefficient,
        "是否核心指标" | "核心指标" => Core,
        "复核分" | "复核得分" | "审核得分" | "备注" => Ignored,
        _ => return None,
    })
}

/// `总分` / `合计` rows.
pub fn is_total_label(label: &str) -> bool {
    matches!(label, "总分" | "合计" | "总计" | "自评总分")
}

/// A title line such as `项目支出绩效自评表`.
pub fn is_title(label: &str) -> bool {
    // Every title holds `表`: one byte search rules out the other cells.
    label.contains('表')
        && (label.ends_with("绩效自评表")
            || label.contains("绩效自评表(")
            || label.contains("绩效目标自评表")
            || label.ends_with("区域绩效自评表"))
}

/// A printed grade word on the total row.
pub fn is_grade_word(text: &str) -> bool {
    matches!(
        text,
        "优" | "良" | "中" | "差" | "优秀" | "良好" | "合格" | "不合格"
    )
}

/// What a label cell is, over every family (`formats.md`, "Families").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Title,
    Header(HeaderField),
    /// A header item the model does not keep (填报日期, 项目负责人, 报表编号, 项目属性 …).
    Info,
    /// `自评总分` printed in the header (the total of forms that have no 总分 row).
    HeaderTotal,
    /// The caption of the funds block (`项目资金(万元)`, `预算执行情况(10分)` …).
    FundsCaption,
    FundsColumn(FundsColumn),
    FundsRow(FundsKind),
    /// `年度总体目标`, `项目目标完成情况`.
    GoalCaption,
    /// `预期目标`, `年初设定目标` …
    GoalExpected,
    /// `实际完成情况`, `全年实际完成情况` …
    GoalAchieved,
    /// `绩效指标`, `年度绩效指标`, `绩效指标(90分)`, `年度绩效目标1(80分)`.
    IndicatorCaption,
    IndicatorColumn(IndicatorColumn),
    /// `产出指标(50分)` …
    Level1,
    /// `数量指标` …
    Level2,
    Total,
    /// What follows the table: 评价结论, 存在问题, 改进措施, 说明, 注 …
    Trailer,
    /// The 资金管理情况 block of transfer-payment forms.
    TransferBlock,
    /// 项目决策 / 项目管理 / 项目绩效: the decision-management-performance family.
    DecisionBlock,
}

impl Label {
    /// Labels that are column headers of a table (they come in runs, one row).
    pub fn is_column(self) -> bool {
        matches!(
            self,
            Label::FundsColumn(_)
                | Label::IndicatorColumn(_)
                | Label::GoalExpected
                | Label::GoalAchieved
        )
    }
}

/// A caption of the funds block: `项目资金(万元)`, `资金情况(万元)`, `年度预算数(万元)`,
/// `资金投入情况(万元)`, `预算执行情况(10分)`, `年度预算申请(万元)`.
pub fn is_funds_caption(label: &str) -> bool {
    const STEMS: &[&str] = &[
        "项目资金",
        "资金情况",
        "年度预算数",
        "资金投入情况",
        "预算执行情况",
        "年度预算申请",
        "资金使用情况",
        "项目资金情况",
    ];
    // The stem, then only bracketed notes: `(万元)`, `(万元)(20分)`.
    let only_brackets = |mut r: &str| {
        while let Some(inner) = r.strip_prefix('(') {
            match inner.find(')') {
                Some(i) => r = &inner[i + 1..],
                None => return false,
            }
        }
        r.is_empty()
    };
    STEMS
        .iter()
        .any(|s| label.strip_prefix(s).is_some_and(only_brackets))
}

/// Weight printed in a caption: `绩效指标(90分)` → 90, `预算执行情况(万元)(20分)` → 20,
/// `年度绩效目标1(80分)` → 80.
pub fn caption_weight(label: &str) -> Option<rust_decimal::Decimal> {
    let end = label.rfind("分)")?;
    let start = label[..end].rfind('(')? + 1;
    normalise::parse_number(&label[start..end])
}

/// `绩效指标`, `年度绩效指标`, `绩效指标(90分)`, `年度绩效目标1(80分)`.
pub fn is_indicator_caption(label: &str) -> bool {
    let l = label.strip_prefix("年度").unwrap_or(label);
    if l == "绩效指标" || l.starts_with("绩效指标(") {
        return true;
    }
    // `年度绩效目标1(80分)`, `绩效目标(80分)`
    l.starts_with("绩效目标") && caption_weight(l).is_some()
}

fn is_info(label: &str) -> bool {
    const INFO: &[&str] = &[
        "填报日期",
        "填表日期",
        "项目负责人",
        "财务负责人",
        "负责人",
        "联系电话",
        "负责人及电话",
        "报表编号",
        "项目类别",
        "项目属性",
        "项目类型",
        "单位领导审签",
        "填表人",
        "填报人",
        "审核人",
        "单位负责人",
        "索引号",
        "发布机构",
        "发布日期",
        "公开目录",
        "文号",
        "浏览量",
        "项目基本情况",
        "项目概况",
        "金额单位",
        "财政审核评分",
        "审核评分",
        "复核评分",
        "项目年度目标完成情况",
        "项目实施内容及过程概述",
        "项目实施内容",
    ];
    // `1.项目年度目标完成情况`, `2.项目实施内容及过程概述`: numbered captions.
    let l = label.trim_start_matches(|c: char| c.is_ascii_digit());
    let l = l.strip_prefix(['.', '、']).unwrap_or(label);
    INFO.contains(&label) || INFO.contains(&l)
}

fn is_trailer(label: &str) -> bool {
    const TRAILERS: &[&str] = &[
        "评价结论",
        "存在问题",
        "改进措施",
        "说明",
        "注",
        "备注说明",
        "自评结论",
        "结果应用",
        "其他需要说明的问题",
        "主要经验及做法",
    ];
    TRAILERS.contains(&label)
        || label.starts_with("偏差大或")
        || label.starts_with("改进措施及")
        || label.starts_with("存在的问题")
}

/// `项目决策`, `项目管理 13 分`, `项目决策(10分)`, `项目绩效`: the decision-management-performance
/// frame.
pub fn is_decision_block(label: &str) -> bool {
    ["项目决策", "项目管理", "项目绩效", "项目过程"]
        .iter()
        .any(|w| {
            label == *w
                || label
                    .strip_prefix(w)
                    .is_some_and(|r| r.ends_with('分') || r.ends_with("分)"))
        })
}

/// The points printed in a section label of that frame: `项目决策2分` → 2, `项目管理(25分)` → 25.
pub fn decision_block_weight(label: &str) -> Option<rust_decimal::Decimal> {
    let digits = label.find(|c: char| c.is_ascii_digit())?;
    let rest = label[digits..].trim_end_matches(')').strip_suffix('分')?;
    normalise::parse_number(rest)
}

/// The 评价内容 column of that frame's own header (`项目权重 | 评价内容 | 分值 | 自评分 | …`).
pub fn is_decision_item_column(label: &str) -> bool {
    matches!(
        label,
        "评价内容" | "评价指标" | "评价要点" | "指标内容" | "考核内容"
    )
}

/// The section column of that header (`项目权重`, `评价项目`).
pub fn is_decision_section_column(label: &str) -> bool {
    matches!(label, "项目权重" | "评价项目" | "项目" | "一级指标")
}

/// Goal labels: the caption, the expected column or the achieved column.
pub fn goal_label(label: &str) -> Option<Label> {
    Some(match label {
        "年度总体目标" | "项目目标完成情况" | "总体目标完成情况" | "年度目标" => {
            Label::GoalCaption
        }
        "预期目标" | "年初设定目标" | "总体目标" | "项目年度目标" | "年度总体目标值" => {
            Label::GoalExpected
        }
        "实际完成情况"
        | "全年实际完成情况"
        | "年度目标完成情况"
        | "年度总体目标完成情况综述"
        | "年度总体目标完成情况"
        | "目标完成情况" => Label::GoalAchieved,
        _ => return None,
    })
}

/// Every label kind a canonical label may be, in the order a reader should try them. Context
/// decides between them (a `合计` is a total only in the indicator table; a `其中` row only in
/// the funds block); see `read::regrid`.
pub fn classify(label: &str) -> Option<Label> {
    // Forms repeat their labels row after row and form after form: answers are remembered per
    // thread, for short labels, up to `MEMO_MAX` of them (then forgotten all at once).
    const MEMO_MAX: usize = 4096;
    thread_local! {
        static MEMO: std::cell::RefCell<normalise::fx::FxHashMap<String, Option<Label>>> =
            std::cell::RefCell::new(normalise::fx::FxHashMap::default());
    }
    if label.is_empty() || label.len() > 64 {
        return classify_uncached(label);
    }
    MEMO.with(|memo| {
        let Ok(mut memo) = memo.try_borrow_mut() else {
            return classify_uncached(label);
        };
        if let Some(&k) = memo.get(label) {
            return k;
        }
        let k = classify_uncached(label);
        if memo.len() >= MEMO_MAX {
            memo.clear();
        }
        memo.insert(label.to_owned(), k);
        k
    })
}

fn classify_uncached(label: &str) -> Option<Label> {
    if label.is_empty() {
        return None;
    }
    if is_title(label) {
        return Some(Label::Title);
    }
    if let Some(f) = header_field(label) {
        return Some(Label::Header(f));
    }
    if matches!(label, "自评总分" | "自评得分" | "项目自评得分") {
        return Some(Label::HeaderTotal);
    }
    if is_total_label(label) {
        return Some(Label::Total);
    }
    if let Some(g) = goal_label(label) {
        return Some(g);
    }
    if is_funds_caption(label) {
        return Some(Label::FundsCaption);
    }
    if let Some(k) = funds_row(label) {
        return Some(Label::FundsRow(k));
    }
    if funds_breakdown_row(label) {
        return Some(Label::FundsRow(FundsKind::Appropriation));
    }
    if is_indicator_caption(label) {
        return Some(Label::IndicatorCaption);
    }
    if let Some(c) = indicator_column(label) {
        return Some(Label::IndicatorColumn(c));
    }
    if let Some(c) = funds_column(label) {
        return Some(Label::FundsColumn(c));
    }
    if label == "资金管理情况" {
        return Some(Label::TransferBlock);
    }
    if is_decision_block(label) {
        return Some(Label::DecisionBlock);
    }
    if is_trailer(label) {
        return Some(Label::Trailer);
    }
    if is_info(label) {
        return Some(Label::Info);
    }
    if normalise::level1_of(label).is_some() {
        return Some(Label::Level1);
    }
    if normalise::level2_category(label).is_some() {
        return Some(Label::Level2);
    }
    None
}

/// Everything the form reader asks of one canonical label, worked out together: each field is
/// the answer of the function it is named after (`funds_row` is [`funds_row`], else
/// [`funds_breakdown_row`] as a 财政拨款 row). A label's facts depend on the label alone, so
/// [`facts`] remembers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LabelFacts {
    pub classify: Option<Label>,
    pub title: bool,
    pub header_field: Option<HeaderField>,
    pub funds_column: Option<FundsColumn>,
    pub funds_row: Option<FundsKind>,
    pub funds_caption: bool,
    pub indicator_column: Option<IndicatorColumn>,
    pub indicator_caption: bool,
    pub goal: Option<Label>,
    pub total: bool,
    pub decision_block: bool,
    pub decision_section_column: bool,
    pub decision_item_column: bool,
    pub level1: Option<(crate::model::Level1, Option<rust_decimal::Decimal>)>,
    pub level2: Option<&'static str>,
    pub signals: super::family::SignalMarks,
    /// Any of `funds_column`, `indicator_column`, `funds_row`, `goal` or `signals`: what a row's
    /// summary counts (most cells are none of them, told by this one flag).
    pub counted: bool,
}

/// [`LabelFacts`] of a label, computed.
pub(crate) fn facts_uncached(label: &str) -> LabelFacts {
    let mut f = LabelFacts {
        classify: None,
        title: is_title(label),
        header_field: header_field(label),
        funds_column: funds_column(label),
        funds_row: funds_row(label)
            .or_else(|| funds_breakdown_row(label).then_some(FundsKind::Appropriation)),
        funds_caption: is_funds_caption(label),
        indicator_column: indicator_column(label),
        indicator_caption: is_indicator_caption(label),
        goal: goal_label(label),
        total: is_total_label(label),
        decision_block: is_decision_block(label),
        decision_section_column: is_decision_section_column(label),
        decision_item_column: is_decision_item_column(label),
        level1: normalise::level1_of(label),
        level2: normalise::level2_category(label),
        signals: super::family::SignalMarks::of(label),
        counted: false,
    };
    f.classify = classify_with(label, &f);
    f.counted = f.funds_column.is_some()
        || f.indicator_column.is_some()
        || f.funds_row.is_some()
        || f.goal.is_some()
        || !f.signals.is_none();
    f
}

/// [`classify_uncached`], taking the answers `facts` already holds instead of asking again:
/// the same tests in the same order.
fn classify_with(label: &str, f: &LabelFacts) -> Option<Label> {
    if label.is_empty() {
        return None;
    }
    if f.title {
        return Some(Label::Title);
    }
    if let Some(h) = f.header_field {
        return Some(Label::Header(h));
    }
    if matches!(label, "自评总分" | "自评得分" | "项目自评得分") {
        return Some(Label::HeaderTotal);
    }
    if f.total {
        return Some(Label::Total);
    }
    if let Some(g) = f.goal {
        return Some(g);
    }
    if f.funds_caption {
        return Some(Label::FundsCaption);
    }
    // `funds_row`, else `funds_breakdown_row` as a 财政拨款 row: two tests of `classify_uncached`.
    if let Some(k) = f.funds_row {
        return Some(Label::FundsRow(k));
    }
    if f.indicator_caption {
        return Some(Label::IndicatorCaption);
    }
    if let Some(c) = f.indicator_column {
        return Some(Label::IndicatorColumn(c));
    }
    if let Some(c) = f.funds_column {
        return Some(Label::FundsColumn(c));
    }
    if label == "资金管理情况" {
        return Some(Label::TransferBlock);
    }
    if f.decision_block {
        return Some(Label::DecisionBlock);
    }
    if is_trailer(label) {
        return Some(Label::Trailer);
    }
    if is_info(label) {
        return Some(Label::Info);
    }
    if f.level1.is_some() {
        return Some(Label::Level1);
    }
    if f.level2.is_some() {
        return Some(Label::Level2);
    }
    None
}

/// A label that no function of [`LabelFacts`] recognises (its facts are those of `""`), told
/// without asking them: it starts like a value (an ASCII digit or `≥ ≤ < > = + - .`), and holds
/// neither `表` (titles) nor `预` (`…预算单位名称`), nor is a numbered caption (`1.填报日期`). Every
/// word of the vocabulary starts with a CJK character, so only those three tests look past the
/// first character (tested against [`facts_uncached`]). Inlined into [`FactsMemo::get`]: most
/// labels asked about are ruled in or out by their first byte.
#[inline(always)]
fn surely_no_label(l: &str) -> bool {
    let b = l.as_bytes();
    // `≥` is E2 89 A5, `≤` E2 89 A4.
    let value_start = match b {
        [x, ..] if x.is_ascii_digit() => true,
        [b'<' | b'>' | b'=' | b'+' | b'-' | b'.', ..] | [0xE2, 0x89, 0xA4 | 0xA5, ..] => true,
        _ => false,
    };
    if !value_start {
        return false;
    }
    // Digits hold neither `表` nor `预`: only the bytes after them are looked at.
    let digits = b.iter().take_while(|x| x.is_ascii_digit()).count();
    let after_digits = b.get(digits..).unwrap_or_default();
    if holds_biao_or_yu(after_digits) {
        return false;
    }
    // `is_info` drops leading digits and one `.` or `、` (E3 80 81; digits are one byte each).
    match after_digits {
        [b'.', rest @ ..] | [0xE3, 0x80, 0x81, rest @ ..] => {
            rest.first().is_none_or(u8::is_ascii_digit)
        }
        _ => true,
    }
}

/// Whether UTF-8 bytes hold `表` (E8 A1 A8) or `预` (E9 A2 84): their lead bytes are looked for,
/// which most values (`5.00`, `≥21场`) do not hold at all.
fn holds_biao_or_yu(b: &[u8]) -> bool {
    b.iter().enumerate().any(|(i, &x)| {
        x >= 0xE8
            && matches!(
                b.get(i..i + 3),
                Some([0xE8, 0xA1, 0xA8] | [0xE9, 0xA2, 0x84])
            )
    })
}

/// Labels remembered per thread by [`facts`] before the memo is forgotten at once.
const FACTS_MAX: usize = 4096;

/// [`facts_uncached`], remembered per thread for labels of at most 64 bytes (forms repeat their
/// labels row after row and form after form; values and names that do not repeat only cost a
/// place in the memo until it is forgotten).
pub(crate) fn facts(label: &str) -> LabelFacts {
    MEMO.try_with(|memo| memo.try_borrow_mut().ok().map(|mut memo| memo.get(label)))
        .ok()
        .flatten()
        .unwrap_or_else(|| facts_uncached(label))
}

thread_local! {
    static MEMO: std::cell::RefCell<FactsMemo> = std::cell::RefCell::new(FactsMemo::default());
}

/// The per-thread memo of [`facts`], which a reader borrows for a whole file
/// ([`FactsMemo::take`], [`FactsMemo::give_back`]) instead of reaching it once per cell.
pub(crate) struct FactsMemo {
    map: normalise::fx::FxHashMap<Box<str>, LabelFacts>,
    empty: LabelFacts,
}

impl Default for FactsMemo {
    fn default() -> Self {
        FactsMemo {
            map: normalise::fx::FxHashMap::default(),
            empty: facts_uncached(""),
        }
    }
}

impl FactsMemo {
    /// The thread's memo (the thread keeps an empty one until it is given back).
    pub(crate) fn take() -> FactsMemo {
        MEMO.try_with(|m| m.try_borrow_mut().ok().map(|mut m| std::mem::take(&mut *m)))
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    /// Give the memo back to the thread.
    pub(crate) fn give_back(self) {
        // Not after the thread's memo is gone (a reader dropped while the thread ends).
        let _ = MEMO.try_with(|m| {
            if let Ok(mut m) = m.try_borrow_mut() {
                *m = self;
            }
        });
    }

    /// [`facts`] of a label. Inlined where the reader asks, so that empty cells and values (most
    /// of those asked about) are answered without a call.
    #[inline(always)]
    pub(crate) fn get(&mut self, label: &str) -> LabelFacts {
        if label.is_empty() {
            return self.empty;
        }
        if label.len() > 64 {
            return facts_uncached(label);
        }
        if surely_no_label(label) {
            // Values (`236593.28`, `≥21场`, `95%`) are most cells and rarely repeat: no memo.
            return self.empty;
        }
        self.remembered(label)
    }

    /// [`facts`] of a label of at most 64 bytes, looked up in the memo or worked out and kept
    /// (out of line: [`FactsMemo::get`] is inlined).
    #[inline(never)]
    fn remembered(&mut self, label: &str) -> LabelFacts {
        if let Some(f) = self.map.get(label) {
            return *f;
        }
        let f = facts_uncached(label);
        if self.map.len() >= FACTS_MAX {
            self.map.clear();
        }
        self.map.insert(label.into(), f);
        f
    }
}

/// `label:value` in one cell (`单位名称:施甸县农业农村局`, `自评总分: 95`): the label part and
/// the value, when the label part is a header, info or header-total label.
pub fn split_inline(text: &str) -> Option<(Label, &str)> {
    split_inline_at(text, first_colon(text)?)
}

/// [`split_inline`] of a clean text (`normalise::clean_cow` borrows it): cleaning folds `：` to
/// `:`, so only the ASCII colon is looked for.
pub(crate) fn split_inline_of_clean(text: &str) -> Option<(Label, &str)> {
    debug_assert!(!text.contains('：'), "{text:?}");
    split_inline_at(text, memchr::memchr(b':', text.as_bytes())?)
}

/// [`split_inline`] at the colon at byte `i`.
fn split_inline_at(text: &str, i: usize) -> Option<(Label, &str)> {
    let (head, rest) = text.split_at_checked(i)?;
    let value = rest.trim_start_matches([':', '：']).trim();
    if value.is_empty() || head.chars().count() > 12 {
        return None;
    }
    let kind = classify(&normalise::canonical_label_cow(head))?;
    matches!(kind, Label::Header(_) | Label::Info | Label::HeaderTotal).then_some((kind, value))
}

/// `text.find([':', '：'])`, by bytes: `:` is its own byte and `：` starts with `EF`, which most
/// cells (ideographs, ASCII) never hold, so `memchr2` skips them without decoding characters.
fn first_colon(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    memchr::memchr2_iter(b':', 0xEF, b).find(|&i| {
        b.get(i) == Some(&b':') || b.get(i..).is_some_and(|r| r.starts_with("：".as_bytes()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::canonical_label;

    #[test]
    fn colons_are_found_by_their_bytes() {
        let seed = include_str!("../../../../tests/fixtures/seed.txt");
        let texts = [
            "单位名称:施甸县农业农村局",
            "自评总分： 95",
            "（元）：",
            "￥：5",
            "：",
            ":",
            "",
            "无冒号",
            "ａ：ｂ:c",
            "（）",
        ];
        let (mut found, mut inline) = (0, 0);
        for t in texts
            .into_iter()
            .chain(seed.lines().flat_map(|l| l.split('\t')))
        {
            let want = t.find([':', '：']);
            assert_eq!(first_colon(t), want, "{t:?}");
            found += usize::from(want.is_some());
            let clean = normalise::clean_text(t);
            if normalise::is_clean(&clean) {
                assert_eq!(
                    split_inline_of_clean(&clean),
                    split_inline(&clean),
                    "{clean:?}"
                );
                inline += usize::from(split_inline(&clean).is_some());
            }
        }
        assert!(found >= 6 && inline >= 2, "{found} {inline}");
    }

    #[test]
    fn classify_remembers_without_changing_answers() {
        let known = [
            "项目名称",
            "主管部门",
            "年度总体目标",
            "三级指标",
            "年初预算数",
            "产出指标",
            "数量指标",
            "合计",
            "总分",
            "其中:当年财政拨款",
            "培训人数",
            "95%",
            "",
        ];
        // Known labels again and again, then more distinct labels than the memo keeps.
        let many: Vec<String> = (0..5000).map(|i| format!("标签{i}")).collect();
        for round in 0..3 {
            for l in known {
                assert_eq!(classify(l), classify_uncached(l), "{l:?} round {round}");
            }
            for l in many.iter().step_by(round + 1) {
                assert_eq!(classify(l), classify_uncached(l), "{l:?}");
            }
        }
        assert_eq!(
            classify("项目名称"),
            Some(Label::Header(HeaderField::ProjectName))
        );
    }

    #[test]
    fn facts_classify_as_classify() {
        let seed = include_str!("../../../../tests/fixtures/seed.txt");
        let mut labels: Vec<String> = seed
            .lines()
            .flat_map(|l| l.split('\t'))
            .map(normalise::canonical_label)
            .collect();
        for w in [
            "自评总分",
            "自评得分",
            "项目自评得分",
            "资金管理情况",
            "评价结论",
            "填报日期",
            "1.项目概况",
            "其中:中央、省、市补助县级资金",
            "总额",
            "合计",
            "年度总体目标",
            "预期目标",
            "项目决策2分",
            "绩效指标(90分)",
            "年度绩效目标1(80分)",
            "权重",
            "复核分",
            "执行率",
            "产出指标(50分)",
            "社会效益指标",
            "满意度",
            "成本",
            "项目支出绩效自评表",
            "级预算单位名称",
            "备注说明",
            "改进措施及建议",
            "得分",
            "分值",
            "",
        ] {
            labels.push(w.to_owned());
        }
        for l in &labels {
            assert_eq!(facts_uncached(l).classify, classify_uncached(l), "{l:?}");
        }
    }

    #[test]
    fn labels_told_apart_by_their_start_have_no_facts() {
        let none = facts_uncached("");
        // Every label word of the vocabulary (and some that are not), after value-like starts.
        let words: Vec<&str> = [
            "项目名称",
            "预算单位名称",
            "级预算单位名称",
            "一级预算单位",
            "填报日期",
            "项目概况",
            "项目基本情况",
            "项目支出绩效自评表",
            "绩效自评表(2023年度)",
            "绩效指标",
            "绩效指标(90分)",
            "年度绩效指标",
            "三级指标",
            "年初预算数",
            "执行率",
            "得分(20分*执行率)",
            "权重",
            "报表编号510000",
            "转移支付",
            "资金管理情况",
            "项目决策",
            "预算执行情况(10分)",
            "产出指标(50分)",
            "数量",
            "合计",
            "总分",
            "评价结论",
            "其中:当年财政拨款",
            "总额",
            "预期目标",
            "评价内容",
            "项目权重",
            "万元",
            "场",
            "%",
            "",
            "2023年度",
            "表",
            "预",
        ]
        .to_vec();
        let starts = [
            "", "1", "12", "1.", "1、", "1.5", "≥", "≤", "<", ">", "=", "+", "-", ".", "0.5",
            "95%", "2023", "1.2.", "12、3",
        ];
        let mut told = 0;
        for st in starts {
            for w in &words {
                for tail in ["", "以上", ")", "分"] {
                    let l = format!("{st}{w}{tail}");
                    if surely_no_label(&l) {
                        told += 1;
                        assert_eq!(facts_uncached(&l), none, "{l:?}");
                        assert_eq!(facts(&l), none, "{l:?}");
                    }
                }
            }
        }
        assert!(told > 500, "{told}");
        assert!(surely_no_label("236593.28") && surely_no_label("≥21场"));
        // The byte tests answer as the character tests they stand for.
        fn by_chars(l: &str) -> bool {
            let value_start = l.starts_with(|c: char| {
                c.is_ascii_digit() || matches!(c, '<' | '>' | '=' | '+' | '-' | '.' | '≥' | '≤')
            });
            if !value_start || l.contains('表') || l.contains('预') {
                return false;
            }
            let rest = l.trim_start_matches(|c: char| c.is_ascii_digit());
            match rest.strip_prefix(['.', '、']) {
                Some(r) => r.starts_with(|c: char| c.is_ascii_digit()) || r.is_empty(),
                None => true,
            }
        }
        let seed = include_str!("../../../../tests/fixtures/seed.txt");
        let cells = seed.lines().flat_map(|l| l.split('\t')).map(String::from);
        let pieces = [
            "1", "2.", "、", ".", "≥", "≤", "≧", "表", "预", "衣", "场", "%", "a", "-",
        ];
        let mut built = Vec::new();
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    built.push(format!("{a}{b}{c}"));
                }
            }
        }
        for l in cells.chain(built) {
            assert_eq!(surely_no_label(&l), by_chars(&l), "{l:?}");
        }
        assert!(!surely_no_label("1.填报日期") && !surely_no_label("产出指标"));
    }

    #[test]
    fn facts_are_remembered_without_changing_answers() {
        let known = [
            "项目名称",
            "年度资金总额",
            "其中:当年财政拨款",
            "其中:中央、省、市补助县级资金",
            "预算执行情况(10分)",
            "绩效指标(90分)",
            "三级指标",
            "权重",
            "得分(20分*执行率)",
            "报表编号510000_1",
            "项目决策(10分)",
            "项目权重",
            "评价内容",
            "产出指标(50分)",
            "效益(30分)",
            "数量",
            "社会效益指标",
            "总分",
            "预期目标",
            "项目支出绩效自评表",
            "95%",
            "",
        ];
        let long = "长".repeat(30);
        let many: Vec<String> = (0..(FACTS_MAX + 900)).map(|i| format!("标签{i}")).collect();
        for round in 0..3 {
            for l in known.iter().copied().chain([long.as_str()]) {
                assert_eq!(facts(l), facts_uncached(l), "{l:?} round {round}");
            }
            for l in many.iter().step_by(round + 1) {
                assert_eq!(facts(l), facts_uncached(l), "{l:?}");
            }
        }
        // Each field is its function's answer.
        for l in known {
            let f = facts(l);
            assert_eq!(f.classify, classify(l));
            assert_eq!(f.indicator_column, indicator_column(l));
            assert_eq!(f.funds_column, funds_column(l));
            assert_eq!(f.level1, normalise::level1_of(l));
        }
        assert_eq!(
            facts("其中:中央、省、市补助县级资金").funds_row,
            Some(FundsKind::Appropriation)
        );
        // A memo lent to a reader answers the same, and so does the thread while it is lent.
        let mut lent = FactsMemo::take();
        for l in known.iter().copied().chain(many.iter().map(String::as_str)) {
            assert_eq!(lent.get(l), facts_uncached(l), "{l:?}");
            assert_eq!(facts(l), facts_uncached(l), "{l:?}");
        }
        lent.give_back();
        assert_eq!(facts("三级指标"), facts_uncached("三级指标"));
    }

    #[test]
    fn labels_match_after_canonicalisation() {
        assert_eq!(
            header_field(&canonical_label("绩效自评年 度:")),
            Some(HeaderField::Year)
        );
        assert_eq!(
            indicator_column(&canonical_label("* 实际完成 值")),
            Some(IndicatorColumn::Actual)
        );
        assert_eq!(
            funds_column(&canonical_label("执行率 （%）")),
            Some(FundsColumn::ExecutionRate)
        );
        assert_eq!(
            funds_row(&canonical_label("其中：当年财政拨款")),
            Some(crate::model::FundsKind::Appropriation)
        );
        assert!(is_title("项目支出绩效自评表"));
        assert!(is_total_label("总分"));
    }

    #[test]
    fn every_family_s_labels_classify() {
        let c = |s: &str| classify(&canonical_label(s));
        assert_eq!(c("预算执行情况(10分)"), Some(Label::FundsCaption));
        assert_eq!(c("年度预算数(万元)"), Some(Label::FundsCaption));
        assert_eq!(c("资金投入情况 (万元)"), Some(Label::FundsCaption));
        assert_eq!(
            c("得分 (20分*执行率)"),
            Some(Label::FundsColumn(FundsColumn::Score))
        );
        assert_eq!(
            c("预算执行率(B/A×100%)"),
            Some(Label::FundsColumn(FundsColumn::ExecutionRate))
        );
        assert_eq!(c("绩效指标(90分)"), Some(Label::IndicatorCaption));
        assert_eq!(c("年度绩效目标1 (80分)"), Some(Label::IndicatorCaption));
        assert_eq!(
            c("权重"),
            Some(Label::IndicatorColumn(IndicatorColumn::Weight))
        );
        assert_eq!(
            c("复核分"),
            Some(Label::IndicatorColumn(IndicatorColumn::Ignored))
        );
        // 河北 weighted, 北京/江西 method column, 重庆 whole department.
        assert_eq!(
            c("权重占比（%）"),
            Some(Label::IndicatorColumn(IndicatorColumn::WeightShare))
        );
        assert_eq!(
            c("折算得分"),
            Some(Label::IndicatorColumn(IndicatorColumn::WeightedScore))
        );
        assert_eq!(
            c("单项指标得分"),
            Some(Label::IndicatorColumn(IndicatorColumn::Score))
        );
        assert_eq!(
            c("权重"),
            Some(Label::IndicatorColumn(IndicatorColumn::Weight))
        );
        assert_eq!(
            c("得分计算方法"),
            Some(Label::IndicatorColumn(IndicatorColumn::Method))
        );
        assert_eq!(
            c("评价标准及依据"),
            Some(Label::IndicatorColumn(IndicatorColumn::Method))
        );
        assert_eq!(
            c("得分系数"),
            Some(Label::IndicatorColumn(IndicatorColumn::Coefficient))
        );
        assert_eq!(
            c("是否核心指标"),
            Some(Label::IndicatorColumn(IndicatorColumn::Core))
        );
        assert_eq!(funds_column("到位数"), Some(FundsColumn::Arrived));
        assert_eq!(
            funds_column("预算执行进度"),
            Some(FundsColumn::ExecutionRate)
        );
        assert_eq!(funds_column("得分计算方法"), Some(FundsColumn::Method));
        assert_eq!(funds_column("年初(A)"), Some(FundsColumn::InitialBudget));
        assert_eq!(funds_column("执行(B)"), Some(FundsColumn::Executed));
        assert_eq!(c("产出指标(50分)"), Some(Label::Level1));
        assert_eq!(c("社会效益指标"), Some(Label::Level2));
        assert_eq!(c("资金管理情况"), Some(Label::TransferBlock));
        assert_eq!(c("项目决策"), Some(Label::DecisionBlock));
        assert_eq!(c("项目管理 13 分"), Some(Label::DecisionBlock));
        assert_eq!(c("项目决策(10分)"), Some(Label::DecisionBlock));
        assert_eq!(decision_block_weight("项目管理13分"), Some(13.into()));
        assert_eq!(decision_block_weight("项目决策(10分)"), Some(10.into()));
        assert_eq!(decision_block_weight("项目绩效"), None);
        assert_eq!(c("评价结论"), Some(Label::Trailer));
        assert_eq!(c("总额"), Some(Label::FundsRow(FundsKind::TotalFunds)));
        assert_eq!(c("年度总体目标完成情况综述"), Some(Label::GoalAchieved));
        assert_eq!(c("自然资源卫片执法补助经费"), None);
        assert_eq!(caption_weight("预算执行情况(万元)(20分)"), Some(20.into()));
        assert!(funds_breakdown_row("其中:中央、省、市补助县级资金"));
        assert_eq!(
            split_inline("单位名称:施甸县农业农村局"),
            Some((Label::Header(HeaderField::UnitName), "施甸县农业农村局"))
        );
        assert_eq!(
            split_inline("自评总分: 95"),
            Some((Label::HeaderTotal, "95"))
        );
        assert_eq!(split_inline("1.预算执行率=预算执行数/调整后预算数"), None);
    }
}
