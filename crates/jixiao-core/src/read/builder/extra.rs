//! Indicator columns that only some families print (`formats.md`, "Families"): 得分计算方法 /
//! 评分标准 (北京 2016, 江西 2017, the decision frame), 得分系数 and 是否核心指标 (重庆 whole
//! department), 权重占比(%) and 折算得分 (河北 weighted). Each is read from the column its header
//! names, never by position; a cell that does not parse is noted, never guessed.

use super::{Builder, RowView};
use crate::grid::GridCell;
use crate::model::{ExtraColumns, Sourced};
use crate::normalise;
use crate::read::labels::IndicatorColumn;

/// 是否核心指标 as printed: 是 / 否 and the marks forms use for them.
fn core_flag(text: &str) -> Option<bool> {
    match normalise::squeeze(text).as_str() {
        "是" | "√" | "✓" | "★" | "Y" | "y" | "核心" | "核心指标" => Some(true),
        "否" | "×" | "✗" | "N" | "n" | "非核心" | "非核心指标" => Some(false),
        _ => None,
    }
}

impl Builder {
    /// A flat indicator list (重庆 whole department: 指标名称 / 计量单位 / … with no 一级 or 二级
    /// column): its rows carry no level label, read as an empty 一级 with no category. A remark
    /// says so once.
    pub(super) fn flat_level1(
        &mut self,
        v: &RowView,
        name: Option<&GridCell>,
    ) -> Option<Sourced<String>> {
        let flat = self.has_ind_header
            && self.column_of(IndicatorColumn::Level1).is_none()
            && self.column_of(IndicatorColumn::Level2).is_none();
        let name = name.filter(|_| flat)?;
        let at = v.pos_of(name);
        if self.form.indicators.is_empty() {
            self.form.read_notes.push(crate::model::ReadNote::remark(
                at.line,
                "指标表没有一级指标、二级指标栏：各指标不分级读入（一级指标留空）",
            ));
        }
        Some(Sourced::new(String::new(), at))
    }

    /// The extra columns of an indicator row whose cells sit `offset` columns from the header's.
    pub(super) fn extra_columns(&mut self, v: &RowView, offset: i64) -> ExtraColumns {
        let cols = self.ind_cols;
        const EXTRA: [IndicatorColumn; 5] = [
            IndicatorColumn::Method,
            IndicatorColumn::Coefficient,
            IndicatorColumn::Core,
            IndicatorColumn::WeightShare,
            IndicatorColumn::WeightedScore,
        ];
        // Most forms print none of these columns.
        if EXTRA.iter().all(|k| cols[*k as usize].is_none()) {
            return ExtraColumns::default();
        }
        let get = |what: IndicatorColumn| -> Option<&GridCell> {
            cols[what as usize].and_then(|c| v.cell(i64::from(c) + offset))
        };
        let method = get(IndicatorColumn::Method);
        let coefficient = get(IndicatorColumn::Coefficient);
        let core = get(IndicatorColumn::Core);
        let share = get(IndicatorColumn::WeightShare);
        let weighted = get(IndicatorColumn::WeightedScore);
        let mut extra = ExtraColumns {
            scoring_method: method
                .filter(|c| !normalise::is_null_marker(&c.text))
                .map(|c| Sourced::new(normalise::clean_text(&c.text), v.pos_of(c))),
            score_coefficient: self.number_cell(v, coefficient, "得分系数"),
            weighted_score: self.number_cell(v, weighted, "折算得分"),
            ..ExtraColumns::default()
        };
        if let Some(c) = share.filter(|c| !normalise::is_null_marker(&c.text)) {
            let at = v.pos_of(c);
            match normalise::parse_percent(&c.text) {
                Some(d) => extra.weight_share = Some(Sourced::new(d, at)),
                None => self.note(
                    at.line,
                    format!("权重占比“{}”不是数字，已按空值处理", c.text),
                ),
            }
        }
        if let Some(c) = core.filter(|c| !normalise::is_null_marker(&c.text)) {
            let at = v.pos_of(c);
            match core_flag(&c.text) {
                Some(b) => extra.core = Some(Sourced::new(b, at)),
                None => self.note(
                    at.line,
                    format!(
                        "是否核心指标“{}”无法识别（应为“是”或“否”），已按空值处理",
                        c.text
                    ),
                ),
            }
        }
        extra
    }
}

#[cfg(test)]
mod tests {
    use super::core_flag;

    #[test]
    fn core_marks() {
        assert_eq!(core_flag("是"), Some(true));
        assert_eq!(core_flag(" 否 "), Some(false));
        assert_eq!(core_flag("√"), Some(true));
        assert_eq!(core_flag("也许"), None);
    }
}
