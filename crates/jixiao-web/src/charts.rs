//! ECharts options for the dashboard, built as JSON (drawn by `app.js`; no inline scripts).

use crate::pages::Chart;
use jixiao_server::jixiao_store::Result as StoreResult;
use jixiao_server::{AppState, CurrentUser};
use serde_json::{Value, json};

/// How many of the most recently updated forms the scatter plot samples.
pub const SCATTER_SAMPLE: i64 = 100;

const PALETTE: [&str; 6] = [
    "#1d5fa8", "#3c9a6e", "#d08a2c", "#b4453a", "#7a68a6", "#5b8fb9",
];

fn chart(id: &str, title: &str, option: Value) -> Chart {
    Chart {
        id: id.to_string(),
        title: title.to_string(),
        option: option.to_string(),
    }
}

/// 等级分布 (pie).
pub fn grade_pie(grades: &[(String, i64)]) -> Chart {
    let data: Vec<Value> = grades
        .iter()
        .map(|(name, n)| json!({"name": name, "value": n}))
        .collect();
    chart(
        "grades",
        "等级分布",
        json!({
            "color": PALETTE,
            "animation": false,
            "tooltip": {"trigger": "item"},
            "legend": {"bottom": 0},
            "series": [{"type": "pie", "radius": ["35%", "65%"], "data": data,
                        "label": {"formatter": "{b}：{c}"}}]
        }),
    )
}

/// Points (执行率 %, 总分, 项目) of the most recently updated forms the user sees (stored
/// columns: no form bodies are read).
pub async fn scatter_points(
    state: &AppState,
    cu: &CurrentUser,
    year: Option<i64>,
) -> StoreResult<Vec<(String, String, String)>> {
    Ok(state
        .store
        .scatter_points(&cu.user, year, SCATTER_SAMPLE)
        .await?
        .into_iter()
        // Decimal strings as printed; ECharts reads numeric strings.
        .map(|(rate, total, name)| (rate, total, name.unwrap_or_default()))
        .collect())
}

/// 执行率 vs 总分 (scatter).
pub fn scatter(points: &[(String, String, String)]) -> Chart {
    let data: Vec<Value> = points
        .iter()
        .map(|(x, y, name)| json!({"value": [x, y], "name": name}))
        .collect();
    chart(
        "scatter",
        &format!("预算执行率与总分（最近更新的 {SCATTER_SAMPLE} 份）"),
        json!({
            "color": PALETTE,
            "animation": false,
            "tooltip": {"trigger": "item"},
            "grid": {"left": 48, "right": 16, "top": 24, "bottom": 40},
            "xAxis": {"name": "执行率 %", "nameLocation": "middle", "nameGap": 26, "min": 0},
            "yAxis": {"name": "总分", "min": 0, "max": 100},
            "series": [{"type": "scatter", "symbolSize": 8, "data": data}]
        }),
    )
}

/// A horizontal bar chart of counts.
pub fn bars(id: &str, title: &str, items: Vec<(String, i64)>) -> Chart {
    let mut items = items;
    items.reverse();
    let names: Vec<&str> = items.iter().map(|(n, _)| n.as_str()).collect();
    let values: Vec<i64> = items.iter().map(|(_, v)| *v).collect();
    chart(
        id,
        title,
        json!({
            "color": PALETTE,
            "animation": false,
            "tooltip": {"trigger": "axis"},
            "grid": {"left": 8, "right": 24, "top": 8, "bottom": 8, "containLabel": true},
            "xAxis": {"type": "value"},
            "yAxis": {"type": "category", "data": names,
                      "axisLabel": {"width": 160, "overflow": "truncate"}},
            "series": [{"type": "bar", "data": values}]
        }),
    )
}

/// 历年对比: forms per year (bars) and the average total (line).
pub fn years(rows: &[(String, i64, Option<String>)]) -> Chart {
    let names: Vec<&str> = rows.iter().map(|(y, _, _)| y.as_str()).collect();
    let forms: Vec<i64> = rows.iter().map(|(_, n, _)| *n).collect();
    let avg: Vec<Value> = rows
        .iter()
        .map(|(_, _, a)| a.as_ref().map_or(Value::Null, |a| Value::from(a.as_str())))
        .collect();
    chart(
        "years",
        "历年对比",
        json!({
            "color": PALETTE,
            "animation": false,
            "tooltip": {"trigger": "axis"},
            "legend": {"bottom": 0},
            "grid": {"left": 48, "right": 48, "top": 24, "bottom": 48},
            "xAxis": {"type": "category", "data": names},
            "yAxis": [{"type": "value", "name": "份数"}, {"type": "value", "name": "平均总分", "min": 0, "max": 100}],
            "series": [{"type": "bar", "name": "份数", "data": forms},
                       {"type": "line", "name": "平均总分", "yAxisIndex": 1, "data": avg}]
        }),
    )
}
