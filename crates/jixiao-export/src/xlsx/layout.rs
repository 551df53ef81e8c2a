//! One form laid out on a grid of cells in the official 项目支出绩效自评表 layout (nine
//! columns A–I, as the seed prints it), before anything is written.
//!
//! ```text
//! A              B              C          D          E          F          G         H      I
//! 项目支出绩效自评表 (merged A–I)
//! 项目编码        code (B–C)     项目名称     name (E–G)            绩效自评年度 (H)   year (I)
//! 实施单位        unit (B–D)                           一级预算单位 / 主管部门 (E)  unit (F–I)
//! 资金使用情况 (merged A–I)
//! (A–B)                         年初预算数  全年预算数  全年执行数  分值       执行率(%)  得分
//! 项目资金（元）   年度资金总额     …
//! (merged down)  其中：当年财政拨款 …
//! 项目目标完成情况 (merged A–I)
//! 年度总体目标     预期目标 (B–D)                       实际完成情况 (E–I)
//! (merged down)  expected (B–D)                       achieved (E–I)
//! 年度绩效指标     一级指标   二级指标   三级指标   年度指标值  实际完成值  分值  得分  偏差原因分析及改进措施
//! (merged down)  产出(50分) (merged over its rows), 数量 (merged over its rows), …
//! 总分 (merged A–F)                                                   100.00    95.98  grade
//! ```
//!
//! Every value is written as printed: text as text, numbers as number cells whose format has
//! exactly the printed decimal places, absent values as blank cells, so that
//! `jixiao_io::read_forms` reads the sheet back to the same form.

use jixiao_core::model::{AmountUnit, Form, FormStatus, Pos, Sourced};
use rust_decimal::Decimal;

/// Columns of the layout.
pub const COLUMNS: u16 = 9;

/// What a cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Text(String),
    Number(Decimal),
    Blank,
}

impl Content {
    /// The text shown (numbers as printed).
    pub fn shown(&self) -> String {
        match self {
            Content::Text(s) => s.clone(),
            Content::Number(d) => d.to_string(),
            Content::Blank => String::new(),
        }
    }
}

/// How a cell looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    Title,
    Label,
    Section,
    Text,
    Centred,
}

/// One cell (or merged range) of the layout; rows and columns 0-based.
#[derive(Debug, Clone)]
pub struct Placed {
    pub row: u32,
    pub col: u16,
    pub last_row: u32,
    pub last_col: u16,
    pub content: Content,
    pub look: Look,
    /// Where the value was read in the source (to put findings on the right cell).
    pub source: Option<Pos>,
}

impl Placed {
    /// Whether the cell spans more than one cell.
    pub fn is_merged(&self) -> bool {
        self.last_row > self.row || self.last_col > self.col
    }
}

/// A form's cells, and which source line went to which sheet row.
#[derive(Debug, Default)]
pub struct Sheet {
    pub cells: Vec<Placed>,
    /// Rows used.
    pub rows: u32,
    /// (source line, sheet row) for every row that holds something read from the source.
    pub lines: Vec<(u32, u32)>,
}

impl Sheet {
    fn put(&mut self, row: u32, cols: (u16, u16), content: Content, look: Look, src: Option<Pos>) {
        self.put_span(row, row, cols, content, look, src);
    }

    fn put_span(
        &mut self,
        row: u32,
        last_row: u32,
        (col, last_col): (u16, u16),
        content: Content,
        look: Look,
        source: Option<Pos>,
    ) {
        self.rows = self.rows.max(last_row + 1);
        if let Some(p) = source {
            self.lines.push((p.line, row));
        }
        self.cells.push(Placed {
            row,
            col,
            last_row,
            last_col,
            content,
            look,
            source,
        });
    }

    fn label(&mut self, row: u32, cols: (u16, u16), text: &str) {
        self.put(
            row,
            cols,
            Content::Text(text.to_string()),
            Look::Label,
            None,
        );
    }

    fn text(&mut self, row: u32, cols: (u16, u16), v: Option<&Sourced<String>>, look: Look) {
        match v {
            Some(s) => self.put(row, cols, Content::Text(s.value.clone()), look, Some(s.at)),
            None => self.put(row, cols, Content::Blank, look, None),
        }
    }

    fn number(&mut self, row: u32, col: u16, v: Option<&Sourced<Decimal>>) {
        match v {
            Some(s) => self.put(
                row,
                (col, col),
                Content::Number(s.value),
                Look::Centred,
                Some(s.at),
            ),
            None => self.put(row, (col, col), Content::Blank, Look::Centred, None),
        }
    }
}

/// How far an incomplete form's source went: sections after it are not laid out, so that the
/// sheet stops where the source stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Reach {
    Header,
    Funds,
    Goals,
    Indicators,
    All,
}

fn reach(form: &Form) -> Reach {
    match &form.status {
        FormStatus::Incomplete { stops_in, .. } => {
            if stops_in.starts_with("表头") {
                Reach::Header
            } else if stops_in.starts_with("资金使用情况") {
                Reach::Funds
            } else if stops_in.starts_with("年度总体目标") {
                Reach::Goals
            } else if stops_in.starts_with("年度绩效指标") {
                Reach::Indicators
            } else {
                Reach::All
            }
        }
        _ => Reach::All,
    }
}

/// The default title when the source printed none.
pub const DEFAULT_TITLE: &str = "项目支出绩效自评表";

/// Lay `form` out in the official layout.
pub fn lay_out(form: &Form) -> Sheet {
    let mut s = Sheet::default();
    let last = COLUMNS - 1;
    let reach = reach(form);
    // Title.
    let (title, title_at) = match &form.title {
        Some(t) => (t.value.clone(), Some(t.at)),
        None => (DEFAULT_TITLE.to_string(), None),
    };
    s.put(0, (0, last), Content::Text(title), Look::Title, title_at);

    // Header block.
    let h = &form.header;
    let year = h
        .year
        .as_ref()
        .map(|y| Sourced::new(y.value.to_string(), y.at));
    let mut row = 1;
    if h.project_code.is_some() {
        s.label(row, (0, 0), "项目编码");
        s.text(row, (1, 2), h.project_code.as_ref(), Look::Centred);
        s.label(row, (3, 3), "项目名称");
        s.text(row, (4, 6), h.project_name.as_ref(), Look::Text);
    } else {
        s.label(row, (0, 0), "项目名称");
        s.text(row, (1, 6), h.project_name.as_ref(), Look::Text);
    }
    s.label(row, (7, 7), "绩效自评年度");
    s.text(row, (8, 8), year.as_ref(), Look::Centred);
    row += 1;
    s.label(row, (0, 0), "实施单位");
    s.text(row, (1, 3), h.implementing_unit.as_ref(), Look::Text);
    let budget_label = if h.project_code.is_some() {
        "一级预算单位"
    } else {
        "主管部门"
    };
    s.label(row, (4, 4), budget_label);
    s.text(row, (5, 8), h.budget_unit.as_ref(), Look::Text);
    row += 1;
    if reach == Reach::Header {
        return s;
    }

    // Funds block.
    s.put(
        row,
        (0, last),
        Content::Text("资金使用情况".into()),
        Look::Section,
        None,
    );
    row += 1;
    s.put(row, (0, 1), Content::Blank, Look::Label, None);
    for (col, head) in [
        (2, "年初预算数"),
        (3, "全年预算数"),
        (4, "全年执行数"),
        (5, "分值"),
        (6, "执行率(%)"),
        (7, "得分"),
    ] {
        s.label(row, (col, col), head);
    }
    s.put(row, (8, 8), Content::Blank, Look::Label, None);
    row += 1;
    let rows = &form.funds.rows;
    if !rows.is_empty() {
        let caption = match form.funds.amount_unit {
            AmountUnit::Yuan => "项目资金（元）",
            AmountUnit::WanYuan => "项目资金（万元）",
            AmountUnit::Unknown => "项目资金",
        };
        let end = row + rows.len() as u32 - 1;
        s.put_span(
            row,
            end,
            (0, 0),
            Content::Text(caption.into()),
            Look::Label,
            None,
        );
        for r in rows {
            s.text(row, (1, 1), Some(&r.label), Look::Text);
            s.number(row, 2, r.initial_budget.as_ref());
            s.number(row, 3, r.adjusted_budget.as_ref());
            s.number(row, 4, r.executed.as_ref());
            s.number(row, 5, r.weight.as_ref());
            s.number(row, 6, r.execution_rate.as_ref());
            s.number(row, 7, r.score.as_ref());
            s.put(row, (8, 8), Content::Blank, Look::Text, None);
            s.lines.push((r.line, row));
            row += 1;
        }
    }
    if reach == Reach::Funds {
        return s;
    }

    // Goals.
    s.put(
        row,
        (0, last),
        Content::Text("项目目标完成情况".into()),
        Look::Section,
        None,
    );
    row += 1;
    s.put_span(
        row,
        row + 1,
        (0, 0),
        Content::Text("年度总体目标".into()),
        Look::Label,
        None,
    );
    s.label(row, (1, 3), "预期目标");
    s.label(row, (4, last), "实际完成情况");
    row += 1;
    let goal = &form.overall_goal;
    s.text(row, (1, 3), goal.expected.as_ref(), Look::Text);
    s.text(row, (4, last), goal.achieved.as_ref(), Look::Text);
    row += 1;
    if reach == Reach::Goals {
        return s;
    }

    // Indicators.
    let inds = &form.indicators;
    let first = row;
    s.put_span(
        row,
        row + inds.len() as u32,
        (0, 0),
        Content::Text("年度绩效指标".into()),
        Look::Label,
        None,
    );
    for (col, head) in [
        (1, "一级指标"),
        (2, "二级指标"),
        (3, "三级指标"),
        (4, "年度指标值"),
        (5, "实际完成值"),
        (6, "分值"),
        (7, "得分"),
        (8, "偏差原因分析及改进措施"),
    ] {
        s.label(row, (col, col), head);
    }
    row += 1;
    // 一级 and 二级 labels merged over runs of equal text.
    let runs = |key: &dyn Fn(usize) -> Option<String>| -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < inds.len() {
            let mut j = i;
            while j + 1 < inds.len() && key(i).is_some() && key(j + 1) == key(i) {
                j += 1;
            }
            out.push((i, j));
            i = j + 1;
        }
        out
    };
    let l1 = |i: usize| Some(inds[i].level1.value.clone()).filter(|t| !t.is_empty());
    for (i, j) in runs(&l1) {
        let ind = &inds[i];
        s.put_span(
            first + 1 + i as u32,
            first + 1 + j as u32,
            (1, 1),
            Content::Text(ind.level1.value.clone()),
            Look::Centred,
            Some(ind.level1.at),
        );
    }
    // A 二级 run never crosses a 一级 run.
    let l2 = |i: usize| {
        inds[i]
            .level2
            .as_ref()
            .filter(|l| !l.value.is_empty())
            .map(|l| format!("{}\u{0}{}", inds[i].level1.value, l.value))
    };
    for (i, j) in runs(&l2) {
        let ind = &inds[i];
        match &ind.level2 {
            Some(l) => s.put_span(
                first + 1 + i as u32,
                first + 1 + j as u32,
                (2, 2),
                Content::Text(l.value.clone()),
                Look::Centred,
                Some(l.at),
            ),
            None => s.put(
                first + 1 + i as u32,
                (2, 2),
                Content::Blank,
                Look::Centred,
                None,
            ),
        }
    }
    for ind in inds {
        s.text(row, (3, 3), Some(&ind.name), Look::Text);
        let target = ind
            .target
            .as_ref()
            .map(|t| Sourced::new(t.text.clone(), t.at));
        s.text(row, (4, 4), target.as_ref(), Look::Centred);
        let actual = ind
            .actual
            .as_ref()
            .map(|a| Sourced::new(a.text.clone(), a.at));
        s.text(row, (5, 5), actual.as_ref(), Look::Centred);
        s.number(row, 6, ind.weight.as_ref());
        s.number(row, 7, ind.score.as_ref());
        s.text(row, (8, 8), ind.deviation_note.as_ref(), Look::Text);
        s.lines.push((ind.line, row));
        row += 1;
    }
    if reach == Reach::Indicators {
        return s;
    }

    // 总分.
    if let Some(t) = &form.total {
        s.label(row, (0, 5), "总分");
        s.number(row, 6, t.weight.as_ref());
        s.number(row, 7, t.score.as_ref());
        s.text(row, (8, 8), t.grade_label.as_ref(), Look::Centred);
        s.lines.push((t.line, row));
    }
    s
}
