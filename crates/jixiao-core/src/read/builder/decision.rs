//! The decision / management / performance frame (`formats.md`, "Families": 湖北 项目决策 +
//! 项目管理 + 项目绩效 2+13+85, 银川 决策10 + 管理25 + 产出30 + 效益35) and its funds block by
//! source (中央 / 省 / 本级 / 其他 / 合计 / 执行数 / 执行率).
//!
//! The frame prints its own item header (`项目权重 | 评价内容 | 分值 | 自评分 | 复核分 |
//! 评价标准及依据`) above the 项目决策 / 项目管理 items, then an ordinary indicator table for the
//! 项目绩效 part. Each item is read as an indicator whose 一级 label is its section (`项目决策2分`,
//! no category), with its printed 分值, 自评分 and 评价标准; the indicator table is read as usual.
//! Columns come from the header text; rows are aligned on their section label or their item name.

use super::{Builder, RowView, Section};
use crate::grid::GridCell;
use crate::model::{ExtraColumns, FundsKind, Indicator, Pos, ReadNote, Sourced};
use crate::normalise;
use crate::read::labels::{self, FundsColumn, IndicatorColumn};

/// Columns of the frame's own item header.
#[derive(Debug, Clone, Copy)]
pub(super) struct DecisionCols {
    section: Option<u32>,
    name: u32,
    weight: u32,
    score: Option<u32>,
    method: Option<u32>,
}

/// `项目权重 | 评价内容 | 分值 | 自评分 | 复核分 | 评价标准及依据`.
fn decision_header(v: &RowView) -> Option<DecisionCols> {
    let (mut section, mut name, mut weight, mut score, mut method) = (None, None, None, None, None);
    for (c, _, f) in v.filled_facts() {
        if f.decision_section_column {
            section.get_or_insert(c.column);
        } else if f.decision_item_column {
            name.get_or_insert(c.column);
        } else {
            match f.indicator_column {
                Some(IndicatorColumn::Weight) => {
                    weight.get_or_insert(c.column);
                }
                Some(IndicatorColumn::Score) => {
                    score.get_or_insert(c.column);
                }
                Some(IndicatorColumn::Method) => {
                    method.get_or_insert(c.column);
                }
                _ => {}
            }
        }
    }
    Some(DecisionCols {
        section,
        name: name?,
        weight: weight?,
        score,
        method,
    })
}

/// A funds header by source has no 全年预算数 column: its `合计` (the sum of the sources) is the
/// budget the 执行数 is measured against.
pub(super) fn source_total_column(v: &RowView, cols: &mut Vec<(u32, FundsColumn)>) {
    if cols.is_empty() {
        return;
    }
    let has = |k: FundsColumn| cols.iter().any(|(_, c)| *c == k);
    if !has(FundsColumn::Executed)
        || has(FundsColumn::AdjustedBudget)
        || has(FundsColumn::InitialBudget)
    {
        return;
    }
    let total = v.filled().find(|(_, l)| {
        matches!(
            *l,
            "合计" | "合计(万元)" | "合计(元)" | "小计" | "资金合计" | "合计金额"
        )
    });
    if let Some((c, _)) = total {
        cols.push((c.column, FundsColumn::AdjustedBudget));
        cols.sort_by_key(|(c, _)| *c);
    }
}

impl Builder {
    /// The current 项目决策 / 项目管理 section as the item's 一级 label (empty, at `at`, before
    /// any section), with the 分值 its label prints (`项目管理13分` → 13).
    fn decision_level1(&self, at: Pos) -> (Sourced<String>, Option<rust_decimal::Decimal>) {
        let level1 = self
            .decision_section
            .clone()
            .unwrap_or_else(|| Sourced::new(String::new(), at));
        let weight = labels::decision_block_weight(&normalise::canonical_label_cow(&level1.value));
        (level1, weight)
    }

    /// The frame's item header and the items under it. True when the row was taken.
    pub(super) fn read_decision(&mut self, v: &RowView) -> bool {
        // The frame's item header comes before any indicator table.
        if self.section < Section::Indicators
            && let Some(cols) = decision_header(v)
        {
            self.decision = Some(cols);
            self.decision_section = None;
            self.section = Section::Block;
            self.signals.decision = true;
            return true;
        }
        let Some(cols) = self.decision else {
            return self.read_decision_in_table(v);
        };
        if self.section != Section::Block {
            return false;
        }
        let Some((first, _, f)) = v.filled_facts().next() else {
            return false;
        };
        let is_section = f.decision_block;
        if is_section {
            let label = Sourced::new(normalise::squeeze(&first.text), v.pos_of(first));
            self.decision_section = Some(label);
            if v.filled_count() == 1 {
                // A caption (`项目绩效85分`): the part that follows has its own header.
                return true;
            }
        }
        let offset = match (is_section, cols.section) {
            (true, Some(sc)) => i64::from(first.column) - i64::from(sc),
            _ => i64::from(first.column) - i64::from(cols.name),
        };
        let cell = |c: u32| v.cell(i64::from(c) + offset);
        let name = cell(cols.name).filter(|c| !labels::is_decision_block(&c.text));
        let weight_cell = cell(cols.weight);
        let score_cell = cols.score.and_then(cell);
        let (Some(name), true) = (name, weight_cell.is_some() || score_cell.is_some()) else {
            return is_section;
        };
        let weight = self.number_cell(v, weight_cell, "分值");
        let score = self.number_cell(v, score_cell, "自评分");
        let scoring_method = cols
            .method
            .and_then(cell)
            .filter(|c| !normalise::is_null_marker(&c.text))
            .map(|c| Sourced::new(normalise::clean_text(&c.text), v.pos_of(c)));
        let (level1, level1_label_weight) = self.decision_level1(v.pos_of(name));
        self.form.indicators.push(Indicator {
            level1,
            level1_category: None,
            level1_label_weight,
            level2: None,
            name: Sourced::new(normalise::squeeze(&name.text), v.pos_of(name)),
            target: None,
            actual: None,
            weight,
            score,
            deviation_note: None,
            extra: ExtraColumns {
                scoring_method,
                ..ExtraColumns::default()
            },
            line: v.row.line,
        });
        true
    }

    /// The 银川 layout: 项目决策(10分) / 项目管理(25分) rows inside the ordinary indicator table
    /// (一级 = section, 二级, 三级, …, 分值, 得分), before 项目产出 / 项目效益. A row under a section
    /// label (its 一级 cell merged) belongs to that section until a level-1 label of the
    /// indicator categories starts. True when the row was taken.
    fn read_decision_in_table(&mut self, v: &RowView) -> bool {
        if !self.has_ind_header || self.section != Section::Indicators || v.is_total() {
            return false;
        }
        let Some((first, _, f)) = v.filled_facts().next() else {
            return false;
        };
        let offset = if f.decision_block {
            self.decision_section = Some(Sourced::new(
                normalise::squeeze(&first.text),
                v.pos_of(first),
            ));
            if v.filled_count() == 1 {
                return true;
            }
            match self.column_of(IndicatorColumn::Level1) {
                Some(c) => i64::from(first.column) - i64::from(c),
                None => return false,
            }
        } else if self.decision_section.is_some() && f.level1.is_none() {
            // The row's cells sit under the header's columns when its weight column holds a
            // number; otherwise its first cell is the 三级 name.
            let lined_up = self
                .column_of(IndicatorColumn::Weight)
                .and_then(|c| v.cell(i64::from(c)))
                .is_some_and(|c| normalise::parse_number(&c.text).is_some());
            match (lined_up, self.column_of(IndicatorColumn::Name)) {
                (true, _) => 0,
                (false, Some(c)) => i64::from(first.column) - i64::from(c),
                (false, None) => return false,
            }
        } else {
            self.decision_section = None;
            return false;
        };
        let cols = self.ind_cols;
        let get = |what: IndicatorColumn| -> Option<&GridCell> {
            cols[what as usize].and_then(|c| v.cell(i64::from(c) + offset))
        };
        let Some(name) = get(IndicatorColumn::Name).or_else(|| get(IndicatorColumn::Level2)) else {
            return false;
        };
        let level2 = get(IndicatorColumn::Level2)
            .filter(|c| !std::ptr::eq(*c, name))
            .map(|c| Sourced::new(normalise::squeeze(&c.text), v.pos_of(c)))
            .or_else(|| {
                self.form
                    .indicators
                    .last()
                    .filter(|i| i.is_decision_item())
                    .and_then(|i| i.level2.clone())
            });
        let target =
            get(IndicatorColumn::Target).map(|c| normalise::parse_target(&c.text, v.pos_of(c)));
        let actual =
            get(IndicatorColumn::Actual).map(|c| normalise::parse_actual(&c.text, v.pos_of(c)));
        let weight = self.number_cell(v, get(IndicatorColumn::Weight), "分值");
        let score = self.number_cell(v, get(IndicatorColumn::Score), "得分");
        let deviation_note = get(IndicatorColumn::Deviation)
            .map(|c| Sourced::new(normalise::clean_text(&c.text), v.pos_of(c)));
        let extra = self.extra_columns(v, offset);
        let (level1, level1_label_weight) = self.decision_level1(v.pos_of(name));
        self.form.indicators.push(Indicator {
            level1,
            level1_category: None,
            level1_label_weight,
            level2,
            name: Sourced::new(normalise::squeeze(&name.text), v.pos_of(name)),
            target,
            actual,
            weight,
            score,
            deviation_note,
            extra,
            line: v.row.line,
        });
        true
    }

    /// The one row under a funds header that prints no row label (a block by source: the
    /// amounts of 中央 / 省 / 本级 / 其他 / 合计 in one row): read as the 年度资金总额 row.
    pub(super) fn read_unlabelled_funds_row(&mut self, v: &RowView) -> bool {
        if self.section != Section::Funds
            || self.funds_cols.is_empty()
            || !self.form.funds.rows.is_empty()
        {
            return false;
        }
        let cells: Vec<&GridCell> = v.filled().map(|(c, _)| c).collect();
        let all_values = cells.iter().all(|c| {
            normalise::parse_amount(&c.text).is_some()
                || normalise::parse_percent(&c.text).is_some()
        });
        if cells.len() < 2 || !all_values {
            return false;
        }
        let first_value_col = self.funds_cols.iter().map(|(c, _)| *c).min().unwrap_or(1);
        let label = GridCell {
            text: "合计".to_string(),
            column: first_value_col.saturating_sub(1),
        };
        self.read_funds_row(v, FundsKind::TotalFunds, &label);
        self.form.read_notes.push(ReadNote::remark(
            v.row.line,
            "资金表只有一行金额、没有行名：按表头各栏读作年度资金总额（合计）行",
        ));
        true
    }
}
