//! Laying a form out as rows of cells (the seed's layout) and printing the rows in a rendering.
//!
//! Every row carries a [`Tag`], so a defect can name the cell it changed ([`Cell`]) and the
//! truth can say on which line and in which column of the printed text that cell sits.

use crate::Rendering;
use crate::form::{Form, Ind, RowKind, fmt2};

/// What a laid-out row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Other,
    Blank,
    Header1,
    FundsTotal,
    FundsSub(usize),
    GoalsData,
    Ind(usize),
    Total,
}

/// A cell a defect changed (or, for a truncation, the last line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    ProjectName,
    /// A column of the 年度资金总额 row.
    FundsTotal(u32),
    /// A column of a 其中 row (1 = 当年财政拨款, 2 = 上年结转资金, 3 = 其他资金).
    FundsSub(usize, u32),
    GoalAchieved,
    /// A column of indicator row `i`.
    Ind(usize, u32),
    TotalScore,
    /// The last printed line, no particular column.
    LastLine,
}

/// Columns of the funds rows (both layouts).
pub mod funds_col {
    pub const B0: u32 = 3;
    pub const B: u32 = 4;
    pub const E: u32 = 5;
    pub const RATE: u32 = 7;
    pub const SCORE: u32 = 8;
}

/// Columns of an indicator row.
pub mod ind_col {
    pub const LEVEL1: u32 = 2;
    pub const NAME: u32 = 4;
    pub const TARGET: u32 = 5;
    pub const ACTUAL: u32 = 6;
    pub const WEIGHT: u32 = 7;
    pub const SCORE: u32 = 8;
    pub const NOTE: u32 = 9;
}

/// A form laid out as rows.
pub struct Layout {
    pub rows: Vec<(Tag, Vec<String>)>,
    /// Column of the 实际完成情况 text in the goals data row.
    goal_achieved_col: u32,
    /// Column of the project name in the first header row.
    name_col: u32,
}

fn cells(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_string()).collect()
}

/// Pad to `n` cells (the seed's trailing empty cells).
fn padded(mut v: Vec<String>, n: usize) -> Vec<String> {
    while v.len() < n {
        v.push(String::new());
    }
    v
}

/// The printed level-1 label (`产出(50分)` and the spellings seen in the seed).
pub fn level1_label(ind: &Ind) -> String {
    let w = ind.label_weight.normalize();
    let word = ind.l1.word();
    match ind.label_style {
        1 => format!("{word}（{w}分）"),
        2 => format!("{word} ({w}分)"),
        3 => format!("{word}指标({w}分)"),
        _ => format!("{word}({w}分)"),
    }
}

impl Layout {
    pub fn of(form: &Form) -> Layout {
        let st = &form.style;
        let wide = if st.compact { 0 } else { 9 };
        let mut rows: Vec<(Tag, Vec<String>)> = Vec::new();
        let blank = |rows: &mut Vec<(Tag, Vec<String>)>| rows.push((Tag::Blank, Vec::new()));
        rows.push((Tag::Other, cells(&["项目支出绩效自评表"])));
        blank(&mut rows);

        let c = st.colon;
        let year = form.year.to_string();
        let (h1, h2, name_col) = if form.central {
            (
                vec![
                    format!("项目名称{c}"),
                    form.name.clone(),
                    format!("绩效自评年度{c}"),
                    year,
                ],
                vec![
                    format!("主管部门{c}"),
                    form.budget_unit.clone(),
                    format!("实施单位{c}"),
                    form.impl_unit.clone(),
                ],
                2,
            )
        } else {
            (
                vec![
                    format!("项目编码{c}"),
                    form.code.clone(),
                    format!("项目名称{c}"),
                    form.name.clone(),
                    format!("绩效自评年度{c}"),
                    year,
                ],
                vec![
                    format!("实施单位{c}"),
                    form.impl_unit.clone(),
                    format!("一级预算单位{c}"),
                    form.budget_unit.clone(),
                ],
                4,
            )
        };
        rows.push((Tag::Header1, padded(h1, wide)));
        rows.push((Tag::Other, padded(h2, if st.compact { 6 } else { 9 })));

        let section = |rows: &mut Vec<(Tag, Vec<String>)>, title: &str| {
            if st.compact {
                blank(rows);
                rows.push((Tag::Other, cells(&[title])));
                blank(rows);
            } else {
                rows.push((Tag::Other, padded(cells(&[title]), 9)));
            }
        };
        section(&mut rows, "资金使用情况");
        let fw = if st.compact { 8 } else { 9 };
        rows.push((
            Tag::Other,
            padded(
                cells(&[
                    "",
                    "",
                    "年初预算数",
                    "全年预算数",
                    "全年执行数",
                    "分值",
                    st.rate_header,
                    "得分",
                ]),
                fw,
            ),
        ));
        let unit = if form.central { "万元" } else { "元" };
        let funds_label = if st.colon == "：" || st.sub_colon == "：" {
            format!("项目资金（{unit}）")
        } else {
            format!("项目资金({unit})")
        };
        let t = form.funds[0];
        rows.push((
            Tag::FundsTotal,
            padded(
                vec![
                    funds_label,
                    "年度资金总额".into(),
                    fmt2(t.b0),
                    fmt2(t.b),
                    fmt2(t.e),
                    form.exec_weight.normalize().to_string(),
                    form.rate_text.clone(),
                    fmt2(form.exec_score),
                ],
                fw,
            ),
        ));
        let sub_labels = [
            format!("其中{}当年财政拨款", st.sub_colon),
            "上年结转资金".to_string(),
            "其他资金".to_string(),
        ];
        for (k, label) in sub_labels.into_iter().enumerate() {
            let m = form.funds[k + 1];
            rows.push((
                Tag::FundsSub(k + 1),
                padded(
                    vec![
                        String::new(),
                        label,
                        fmt2(m.b0),
                        fmt2(m.b),
                        fmt2(m.e),
                        "—".into(),
                        "—".into(),
                        "—".into(),
                    ],
                    fw,
                ),
            ));
        }

        section(&mut rows, "项目目标完成情况");
        let star = st.star;
        let achieved_head = format!("{star}实际完成情况");
        let (exp, ach) = (form.goal_expected.clone(), form.goal_achieved.clone());
        let goal_achieved_col = if st.compact {
            rows.push((
                Tag::Other,
                vec![String::new(), "预期目标".into(), achieved_head],
            ));
            rows.push((Tag::GoalsData, vec!["年度总体目标".into(), exp, ach]));
            3
        } else {
            let col = if st.goals == 0 { 5 } else { 6 };
            let mut head = padded(vec![], 9);
            let mut data = padded(vec![], 9);
            head[1] = "预期目标".into();
            head[col - 1] = achieved_head;
            data[1] = exp;
            data[col - 1] = ach;
            if st.goals == 2 {
                data[0] = "年度总体目标".into();
            } else {
                head[0] = "年度总体目标".into();
            }
            rows.push((Tag::Other, head));
            rows.push((Tag::GoalsData, data));
            col as u32
        };
        if st.compact {
            blank(&mut rows);
        }

        rows.push((
            Tag::Other,
            vec![
                "年度绩效指标".into(),
                "一级指标".into(),
                "二级指标".into(),
                "三级指标".into(),
                "年度指标值".into(),
                format!("{star}实际完成值"),
                format!("{star}分值"),
                format!("{star}得分"),
                "偏差原因分析及改进措施".into(),
            ],
        ));
        for (i, ind) in form.inds.iter().enumerate() {
            if ind.break_before {
                blank(&mut rows);
            }
            let l2 = if st.l2_long {
                format!("{}指标", ind.l2)
            } else {
                ind.l2.to_string()
            };
            let weight = if ind.kind == RowKind::Placeholder && ind.weight.is_zero() {
                st.placeholder_weight.to_string()
            } else {
                fmt2(ind.weight)
            };
            rows.push((
                Tag::Ind(i),
                vec![
                    "年度绩效指标".into(),
                    level1_label(ind),
                    l2,
                    ind.name.clone(),
                    ind.target.clone(),
                    ind.actual.clone(),
                    weight,
                    fmt2(ind.score),
                    ind.note.clone(),
                ],
            ));
        }
        if !form.truncated {
            rows.push((
                Tag::Total,
                vec![
                    "总分".into(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    "100.00".into(),
                    fmt2(form.total_score),
                    "—".into(),
                ],
            ));
        }
        blank(&mut rows);
        Layout {
            rows,
            goal_achieved_col,
            name_col,
        }
    }

    /// 1-based line and column of `cell` in the printed form (column 0: the whole line).
    pub fn locate(&self, cell: Cell) -> (u32, u32) {
        let line_of = |tag: Tag| {
            self.rows
                .iter()
                .position(|(t, _)| *t == tag)
                .map_or(0, |p| p as u32 + 1)
        };
        match cell {
            Cell::ProjectName => (line_of(Tag::Header1), self.name_col),
            Cell::FundsTotal(col) => (line_of(Tag::FundsTotal), col),
            Cell::FundsSub(k, col) => (line_of(Tag::FundsSub(k)), col),
            Cell::GoalAchieved => (line_of(Tag::GoalsData), self.goal_achieved_col),
            Cell::Ind(i, col) => (line_of(Tag::Ind(i)), col),
            Cell::TotalScore => (line_of(Tag::Total), 8),
            Cell::LastLine => {
                let last = self
                    .rows
                    .iter()
                    .rposition(|(t, _)| *t != Tag::Blank)
                    .map_or(0, |p| p as u32 + 1);
                (last, 0)
            }
        }
    }

    /// The rows printed in `rendering`, one line per row, each line ending in `\n`.
    pub fn print(&self, rendering: Rendering) -> String {
        let mut out = String::with_capacity(self.rows.len() * 96);
        for (_, cells) in &self.rows {
            if !cells.is_empty() {
                match rendering {
                    Rendering::Tsv => out.push_str(&cells.join("\t")),
                    Rendering::Pipe => {
                        out.push_str("| ");
                        out.push_str(&cells.join(" | "));
                        out.push_str(" |");
                    }
                }
            }
            out.push('\n');
        }
        out
    }
}
