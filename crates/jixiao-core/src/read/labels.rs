//! The label vocabulary of the forms: which printed header text means which field.
//!
//! Matching is on `normalise::canonical_label` (folded, no spaces, no `*`, no trailing colon), so
//! `* 实际完成 值`, `实际完成值` and `实际完成值:` are one label.

/// A header field of the form (表头).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderField {
    ProjectCode,
    ProjectName,
    Year,
    ImplementingUnit,
    BudgetUnit,
}

/// The header field a label cell names, if any.
pub fn header_field(label: &str) -> Option<HeaderField> {
    Some(match label {
        "项目编码" | "项目代码" | "项目编号" => HeaderField::ProjectCode,
        "项目名称" | "专项资金名称" | "转移支付(项目)名称" => {
            HeaderField::ProjectName
        }
        "绩效自评年度" | "自评年度" | "年度" | "评价年度" => HeaderField::Year,
        "实施单位" | "实施单位(盖章)" | "项目实施单位" | "资金使用单位" => {
            HeaderField::ImplementingUnit
        }
        "一级预算单位" | "主管部门" | "主管单位" | "县级主管部门" | "项目主管单位" => {
            HeaderField::BudgetUnit
        }
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
}

pub fn funds_column(label: &str) -> Option<FundsColumn> {
    if label.starts_with("执行率") || label.starts_with("预算执行率") {
        return Some(FundsColumn::ExecutionRate);
    }
    Some(match label {
        "年初预算数" | "年初预算" | "年初预算数(A)" => FundsColumn::InitialBudget,
        "全年预算数" | "全年预算数(A)" | "调整后预算数" | "预算数" | "预算数(A)" => {
            FundsColumn::AdjustedBudget
        }
        "全年执行数" | "全年执行数(B)" | "预算执行数" | "执行数" | "执行数(B)" => {
            FundsColumn::Executed
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
    let l = label
        .trim_start_matches("其中")
        .trim_start_matches([':', '：']);
    Some(match l {
        "年度资金总额" | "总额" | "年度财政资金总额" | "资金总额" => TotalFunds,
        "当年财政拨款" | "本年财政拨款" | "财政资金" | "财政拨款" | "中央财政资金" => {
            Appropriation
        }
        "上年结转资金" | "上年结转" => Carryover,
        "其他资金" => OtherFunds,
        _ => return None,
    })
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
}

impl IndicatorColumn {
    /// Number of variants (for arrays indexed by column kind).
    pub const COUNT: usize = 10;
}

pub fn indicator_column(label: &str) -> Option<IndicatorColumn> {
    use IndicatorColumn::*;
    if label.starts_with("偏差原因") || label.starts_with("未完成原因") {
        return Some(Deviation);
    }
    Some(match label {
        "一级指标" => Level1,
        "二级指标" => Level2,
        "三级指标" | "指标名称" => Name,
        "指标性质" => Comparator,
        "年度指标值" | "指标值" | "年初目标值" | "年初目标值(A)" | "年度目标值" => {
            Target
        }
        "度量单位" | "计量单位" => Unit,
        "实际完成值"
        | "全年实际值"
        | "完成值"
        | "全年完成值"
        | "实际完成值(B)"
        | "全年实际完成值" => Actual,
        "分值" | "权重" | "指标分值" => Weight,
        "得分" | "自评分" | "指标得分" => Score,
        _ => return None,
    })
}

/// `总分` / `合计` rows.
pub fn is_total_label(label: &str) -> bool {
    matches!(label, "总分" | "合计" | "总计" | "自评总分")
}

/// A title line such as `项目支出绩效自评表`.
pub fn is_title(label: &str) -> bool {
    label.ends_with("绩效自评表")
        || label.contains("绩效自评表(")
        || label.contains("绩效目标自评表")
}

/// A printed grade word on the total row.
pub fn is_grade_word(text: &str) -> bool {
    matches!(
        text,
        "优" | "良" | "中" | "差" | "优秀" | "良好" | "合格" | "不合格"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::canonical_label;

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
}
