//! Charts as data: for each chart, the ECharts option (serde_json) and the table of numbers behind
//! it. Independent of HTML and typst, so the web app can reuse it; the PDF draws the same
//! `categories`/`series`/`points` in typst.

use crate::view::{project_name, unit_name};
use jixiao_core::check::Severity;
use jixiao_core::model::FundsKind;
use jixiao_core::pipeline::CheckedForm;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// How a chart is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// Grouped bars, one group per category.
    Bar,
    /// Stacked bars (findings by severity).
    StackedBar,
    /// Points (x, y).
    Scatter,
}

/// One bar series: a name and one value per category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    pub name: String,
    pub values: Vec<f64>,
}

/// One scatter point with the name of the form it stands for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub x: f64,
    pub y: f64,
    pub label: String,
}

/// The numbers behind a chart, as text cells (exact decimals, not floats).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct DataTable {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A chart: what it shows, its data, its table and its ECharts option.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    /// Stable id (`grades`, `exec_vs_total`, `findings_by_rule`, `findings_by_unit`, `breakdown`).
    pub id: String,
    pub title: String,
    pub kind: ChartKind,
    pub x_name: String,
    pub y_name: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    pub points: Vec<Point>,
    pub table: DataTable,
    /// The ECharts option (pure JSON, no functions).
    pub option: Value,
}

/// Largest number of categories a batch bar chart shows (the table says how many were left out).
pub const MAX_BARS: usize = 20;

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

fn dec(d: Decimal) -> String {
    let mut d = d.normalize();
    if d.scale() < 2 {
        d.rescale(2);
    }
    d.to_string()
}

fn bar_chart(
    id: &str,
    title: &str,
    kind: ChartKind,
    (x_name, y_name): (&str, &str),
    categories: Vec<String>,
    series: Vec<Series>,
    table: DataTable,
) -> Chart {
    let stack = kind == ChartKind::StackedBar;
    let rotate = if categories.len() > 6 { 30 } else { 0 };
    let option = json!({
        "animation": false,
        "title": {"text": title, "left": "center", "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 24},
        "grid": {"top": 60, "left": 10, "right": 20, "bottom": 10, "containLabel": true},
        "xAxis": {"type": "category", "name": x_name, "data": categories,
                  "axisLabel": {"interval": 0, "rotate": rotate}},
        "yAxis": {"type": "value", "name": y_name},
        "series": series.iter().map(|s| {
            let mut v = json!({"name": s.name, "type": "bar", "data": s.values,
                               "label": {"show": !stack, "position": "top"}});
            if stack {
                v["stack"] = json!("total");
            }
            v
        }).collect::<Vec<_>>(),
    });
    Chart {
        id: id.to_string(),
        title: title.to_string(),
        kind,
        x_name: x_name.to_string(),
        y_name: y_name.to_string(),
        categories,
        series,
        points: Vec::new(),
        table,
        option,
    }
}

/// Per form: weight vs printed and recomputed score for 预算执行 and each level-1 category.
pub fn form_breakdown(c: &CheckedForm) -> Chart {
    // (category, weight, printed score, computed score)
    let mut groups: Vec<(String, Decimal, Decimal, Decimal)> = Vec::new();
    let exec = &c.eval.execution;
    let printed_exec = c
        .form
        .funds
        .rows
        .iter()
        .find(|r| r.kind == FundsKind::TotalFunds)
        .and_then(|r| r.score.as_ref())
        .map(|s| s.value);
    groups.push((
        "预算执行".to_string(),
        exec.weight,
        printed_exec.unwrap_or_default(),
        exec.score.unwrap_or_default(),
    ));
    for (i, s) in c.form.indicators.iter().zip(c.eval.indicators.iter()) {
        let name = i
            .level1_category
            .map_or_else(|| i.level1.value.clone(), |l| l.chinese().to_string());
        let w = i.weight.as_ref().map(|w| w.value).unwrap_or_default();
        let p = i.score.as_ref().map(|s| s.value).unwrap_or_default();
        let cpt = s.computed.unwrap_or(p);
        match groups.iter_mut().find(|g| g.0 == name) {
            Some(g) => {
                g.1 += w;
                g.2 += p;
                g.3 += cpt;
            }
            None => groups.push((name, w, p, cpt)),
        }
    }
    let table = DataTable {
        columns: ["类别", "分值", "填报得分", "复算得分"]
            .map(String::from)
            .to_vec(),
        rows: groups
            .iter()
            .map(|g| vec![g.0.clone(), dec(g.1), dec(g.2), dec(g.3)])
            .collect(),
    };
    let col = |k: usize| -> Vec<f64> { groups.iter().map(|g| f([g.1, g.2, g.3][k])).collect() };
    let series = vec![
        Series {
            name: "分值".into(),
            values: col(0),
        },
        Series {
            name: "填报得分".into(),
            values: col(1),
        },
        Series {
            name: "复算得分".into(),
            values: col(2),
        },
    ];
    bar_chart(
        "breakdown",
        "得分构成（按一级指标）",
        ChartKind::Bar,
        ("", "分"),
        groups.into_iter().map(|g| g.0).collect(),
        series,
        table,
    )
}

/// Grade labels in display order; forms without a grade count as 未评级.
const GRADES: [&str; 4] = ["优", "良", "中", "差"];
/// The category of forms that got no grade (incomplete, unscored, unreadable).
pub const UNGRADED: &str = "未评级";

/// Batch: number of forms per grade (recomputed).
pub fn grades(forms: &[CheckedForm]) -> Chart {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for c in forms {
        *counts
            .entry(c.eval.grade.unwrap_or(UNGRADED).to_string())
            .or_default() += 1;
    }
    let mut cats: Vec<String> = GRADES.iter().map(|g| g.to_string()).collect();
    cats.extend(
        counts
            .keys()
            .filter(|k| !GRADES.contains(&k.as_str()) && k.as_str() != UNGRADED)
            .cloned(),
    );
    if counts.contains_key(UNGRADED) {
        cats.push(UNGRADED.to_string());
    }
    let n: Vec<usize> = cats
        .iter()
        .map(|c| counts.get(c).copied().unwrap_or(0))
        .collect();
    let total = forms.len().max(1);
    let table = DataTable {
        columns: ["等级", "表数", "占比"].map(String::from).to_vec(),
        rows: cats
            .iter()
            .zip(&n)
            .map(|(c, k)| {
                let pct =
                    Decimal::from(*k as u64) * Decimal::ONE_HUNDRED / Decimal::from(total as u64);
                vec![c.clone(), k.to_string(), format!("{}%", pct.round_dp(1))]
            })
            .collect(),
    };
    let series = vec![Series {
        name: "表数".into(),
        values: n.iter().map(|k| *k as f64).collect(),
    }];
    bar_chart(
        "grades",
        "等级分布（复算）",
        ChartKind::Bar,
        ("等级", "表数"),
        cats,
        series,
        table,
    )
}

/// Batch: recomputed execution rate against recomputed total, one point per scored form.
pub fn exec_vs_total(forms: &[CheckedForm]) -> Chart {
    let mut rows = Vec::new();
    let mut points = Vec::new();
    for c in forms {
        let (Some(rate), Some(total)) = (c.eval.execution.rate, c.eval.total_computed) else {
            continue;
        };
        let name = project_name(c);
        points.push(Point {
            x: f(rate),
            y: f(total),
            label: name.clone(),
        });
        rows.push(vec![name, dec(rate), dec(total)]);
    }
    let source: Vec<Value> = points.iter().map(|p| json!([p.x, p.y, p.label])).collect();
    let title = "预算执行率与总分";
    let option = json!({
        "animation": false,
        "title": {"text": title, "left": "center", "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "item"},
        "grid": {"top": 50, "left": 10, "right": 40, "bottom": 10, "containLabel": true},
        "dataset": {"dimensions": ["执行率(%)", "复算总分", "项目"], "source": source},
        "xAxis": {"type": "value", "name": "执行率(%)", "scale": true},
        "yAxis": {"type": "value", "name": "复算总分", "scale": true},
        "series": [{"type": "scatter", "name": "自评表", "symbolSize": 7,
                    "encode": {"x": 0, "y": 1, "tooltip": [2, 0, 1]}}],
    });
    Chart {
        id: "exec_vs_total".into(),
        title: title.into(),
        kind: ChartKind::Scatter,
        x_name: "执行率(%)".into(),
        y_name: "复算总分".into(),
        categories: Vec::new(),
        series: Vec::new(),
        points,
        table: DataTable {
            columns: ["项目", "执行率(%)", "复算总分"].map(String::from).to_vec(),
            rows,
        },
        option,
    }
}

/// Count findings per key, split by severity; keys sorted by `order`, at most `limit` kept.
fn by_severity(
    forms: &[CheckedForm],
    key: impl Fn(&CheckedForm, &jixiao_core::check::Finding) -> String,
) -> Vec<(String, [usize; 3])> {
    let mut m: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    for c in forms {
        for x in &c.findings {
            let k = m.entry(key(c, x)).or_default();
            k[match x.severity {
                Severity::Error => 0,
                Severity::Warning => 1,
                Severity::Info => 2,
            }] += 1;
        }
    }
    m.into_iter().collect()
}

fn severity_chart(id: &str, title: &str, x: &str, rows: Vec<(String, [usize; 3])>) -> Chart {
    let left_out = rows.len().saturating_sub(MAX_BARS);
    let mut table_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|(k, n)| {
            vec![
                k.clone(),
                n[0].to_string(),
                n[1].to_string(),
                n[2].to_string(),
                (n[0] + n[1] + n[2]).to_string(),
            ]
        })
        .collect();
    if left_out > 0 {
        table_rows.push(vec![
            format!("（图中只画前 {MAX_BARS} 项，另有 {left_out} 项见上）"),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    let shown: Vec<&(String, [usize; 3])> = rows.iter().take(MAX_BARS).collect();
    let series = ["错误", "警告", "提示"]
        .iter()
        .enumerate()
        .map(|(k, name)| Series {
            name: name.to_string(),
            values: shown.iter().map(|r| r.1[k] as f64).collect(),
        })
        .collect();
    bar_chart(
        id,
        title,
        ChartKind::StackedBar,
        (x, "问题数"),
        shown.iter().map(|r| r.0.clone()).collect(),
        series,
        DataTable {
            columns: [x, "错误", "警告", "提示", "合计"]
                .map(String::from)
                .to_vec(),
            rows: table_rows,
        },
    )
}

/// Batch: findings per rule code (all codes in the table; the chart shows the first `MAX_BARS`).
pub fn findings_by_rule(forms: &[CheckedForm]) -> Chart {
    let rows = by_severity(forms, |_, x| x.code.to_string());
    severity_chart("findings_by_rule", "问题按规则", "规则", rows)
}

/// Batch: findings per implementing unit, most findings first.
pub fn findings_by_unit(forms: &[CheckedForm]) -> Chart {
    let mut rows = by_severity(forms, |c, _| unit_name(c));
    rows.sort_by(|a, b| {
        let (ta, tb) = (a.1.iter().sum::<usize>(), b.1.iter().sum::<usize>());
        tb.cmp(&ta).then_with(|| a.0.cmp(&b.0))
    });
    severity_chart("findings_by_unit", "问题按单位", "单位", rows)
}

/// All batch charts, in report order.
pub fn batch_charts(forms: &[CheckedForm]) -> Vec<Chart> {
    vec![
        grades(forms),
        exec_vs_total(forms),
        findings_by_rule(forms),
        findings_by_unit(forms),
    ]
}
