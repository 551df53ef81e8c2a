//! The HTML report: one self-contained file (styles and ECharts inline, no network).

use crate::charts::Chart;
use serde_json::Value;
use std::fmt::Write;

/// ECharts, vendored from npm (see `assets/vendor/README.md`).
const ECHARTS: &str = include_str!("../../../assets/vendor/echarts.min.js");

const STYLE: &str = r#"
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:24px;color:#222}
h1{font-size:22px} h2{font-size:18px;border-bottom:2px solid #2f5597;padding-bottom:4px;margin-top:32px}
h3{font-size:15px;margin:16px 0 6px}
table{border-collapse:collapse;margin:6px 0 12px;font-size:13px}
th,td{border:1px solid #999;padding:3px 6px;vertical-align:middle}
th{background:#eef2f8;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.diff,span.diff{background:#ffd7d7;color:#a00000;font-weight:600}
td.calc{color:#2f5597}
.code{font-family:monospace;font-size:12px;white-space:nowrap}
.sev-error{color:#b00000;font-weight:600}.sev-warning{color:#b26a00}.sev-info{color:#555}
.cards span{display:inline-block;border:1px solid #ccc;border-radius:6px;padding:6px 12px;margin:0 8px 8px 0}
.chart{width:100%;max-width:900px;height:360px}
.form{page-break-before:always}
details{margin:4px 0 12px}
"#;

/// Escape text for HTML element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON safe inside `<script type="application/json">` (no `</script>`, no `<!--`).
fn script_json(v: &Value) -> String {
    serde_json::to_string(v)
        .unwrap_or_else(|_| "{}".to_string())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn chart_html(out: &mut String, dom_id: &str, chart: &Value) {
    let _ = write!(
        out,
        "<div class=\"chart\" id=\"chart-{id}\" data-chart=\"{id}\"></div>\n\
         <script type=\"application/json\" id=\"option-{id}\">{json}</script>\n",
        id = esc(dom_id),
        json = script_json(&chart["option"]),
    );
    let _ = write!(
        out,
        "<details><summary>图表数据：{}</summary><table><tr>",
        esc(s(chart, "title"))
    );
    let table = &chart["table"];
    for c in table["columns"].as_array().into_iter().flatten() {
        let _ = write!(out, "<th>{}</th>", esc(c.as_str().unwrap_or("")));
    }
    out.push_str("</tr>");
    for r in table["rows"].as_array().into_iter().flatten() {
        out.push_str("<tr>");
        for (k, c) in r.as_array().into_iter().flatten().enumerate() {
            let class = if k > 0 { " class=\"num\"" } else { "" };
            let _ = write!(out, "<td{class}>{}</td>", esc(c.as_str().unwrap_or("")));
        }
        out.push_str("</tr>");
    }
    out.push_str("</table></details>\n");
}

/// Printed value cell and recomputed value cell; both flagged when they differ.
fn pair_cells(out: &mut String, pair: &Value) {
    let differs = pair
        .get("differs")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let class = if differs { "num diff" } else { "num" };
    let _ = write!(
        out,
        "<td class=\"{class}\">{}</td><td class=\"{} calc\">{}</td>",
        esc(s(pair, "printed")),
        class,
        esc(s(pair, "computed"))
    );
}

fn codes(v: &Value) -> String {
    v.get("findings")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(|c| format!("<span class=\"code\">{}</span>", esc(c)))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

fn form_html(out: &mut String, f: &Value) {
    let h = &f["header"];
    let idx = f["index"].as_u64().unwrap_or(0);
    let _ = write!(
        out,
        "<section class=\"form\" id=\"form-{idx}\"><h2>{}：{}</h2>\
         <p>来源：{} ｜ 状态：{} ｜ 口径：{}</p>",
        esc(s(f, "title")),
        esc(s(h, "project_name")),
        esc(s(f, "label")),
        esc(s(f, "status_text")),
        esc(s(f, "profile")),
    );
    let _ = write!(
        out,
        "<table><tr><th>项目编码</th><td>{}</td><th>项目名称</th><td>{}</td><th>年度</th><td>{}</td></tr>\
         <tr><th>实施单位</th><td colspan=\"3\">{}</td><th>一级预算单位</th><td>{}</td></tr></table>",
        esc(s(h, "project_code")),
        esc(s(h, "project_name")),
        esc(s(h, "year")),
        esc(s(h, "implementing_unit")),
        esc(s(h, "budget_unit")),
    );
    let unit = s(f, "amount_unit");
    let _ = write!(
        out,
        "<h3>资金使用情况{}</h3><table><tr><th>项目资金</th><th>年初预算数</th><th>全年预算数</th>\
         <th>全年执行数</th><th>分值</th><th>执行率(%)</th><th>复算执行率</th><th>得分</th>\
         <th>复算得分</th><th>问题</th></tr>",
        if unit.is_empty() {
            String::new()
        } else {
            format!("（{}）", esc(unit))
        }
    );
    for r in f["funds"].as_array().into_iter().flatten() {
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
            esc(s(r, "label")),
            esc(s(r, "initial_budget")),
            esc(s(r, "adjusted_budget")),
            esc(s(r, "executed")),
            esc(s(r, "weight")),
        );
        pair_cells(out, &r["rate"]);
        pair_cells(out, &r["score"]);
        let _ = write!(out, "<td>{}</td></tr>", codes(r));
    }
    out.push_str("</table>");
    let g = &f["goal"];
    let _ = write!(
        out,
        "<h3>年度总体目标</h3><table><tr><th>预期目标</th><td>{}</td></tr>\
         <tr><th>实际完成情况</th><td>{}</td></tr></table>",
        esc(s(g, "expected")),
        esc(s(g, "achieved"))
    );
    out.push_str(
        "<h3>年度绩效指标</h3><table><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th>\
         <th>年度指标值</th><th>实际完成值</th><th>分值</th><th>得分</th><th>复算得分</th>\
         <th>偏差原因分析及改进措施</th><th>问题</th></tr>",
    );
    for i in f["indicators"].as_array().into_iter().flatten() {
        out.push_str("<tr>");
        for (key, span) in [("level1", "level1_span"), ("level2", "level2_span")] {
            let n = i[span].as_u64().unwrap_or(1);
            if n > 0 {
                let _ = write!(out, "<td rowspan=\"{n}\">{}</td>", esc(s(i, key)));
            }
        }
        let _ = write!(
            out,
            "<td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td>",
            esc(s(i, "name")),
            esc(s(i, "target")),
            esc(s(i, "actual")),
            esc(s(i, "weight")),
        );
        pair_cells(out, &i["score"]);
        let _ = write!(
            out,
            "<td>{}</td><td>{}</td></tr>",
            esc(s(i, "note")),
            codes(i)
        );
    }
    let t = &f["total"];
    let _ = write!(
        out,
        "<tr><th colspan=\"5\">总分</th><td class=\"num\">{}</td>",
        esc(s(t, "weight"))
    );
    pair_cells(out, &t["score"]);
    let grade = &f["grade"];
    let _ = write!(
        out,
        "<td>等级（复算）：{}</td><td>{}</td></tr></table>",
        esc(s(grade, "computed")),
        codes(t)
    );
    let findings = f["findings"].as_array().map(Vec::as_slice).unwrap_or(&[]);
    let _ = write!(out, "<h3>审核发现（{} 条）</h3>", findings.len());
    if !findings.is_empty() {
        out.push_str("<table><tr><th>编号</th><th>级别</th><th>位置</th><th>说明</th></tr>");
        for x in findings {
            let accepted = x
                .get("accepted")
                .and_then(Value::as_str)
                .map(|a| format!("（已接受：{}）", esc(a)))
                .unwrap_or_default();
            let _ = write!(
                out,
                "<tr><td class=\"code\">{}</td><td class=\"sev-{}\">{}</td><td>{}</td><td>{}{}</td></tr>",
                esc(s(x, "code")),
                esc(s(x, "severity")),
                esc(s(x, "severity_text")),
                esc(s(x, "place")),
                esc(s(x, "message")),
                accepted,
            );
        }
        out.push_str("</table>");
    }
    out.push_str("<h3>得分构成</h3>");
    chart_html(out, &format!("form-{idx}-breakdown"), &f["breakdown"]);
    out.push_str("</section>\n");
}

const INIT: &str = r#"
document.querySelectorAll('div[data-chart]').forEach(function (el) {
  var opt = JSON.parse(document.getElementById('option-' + el.dataset.chart).textContent);
  echarts.init(el, null, {renderer: 'svg'}).setOption(opt);
});
"#;

/// The whole HTML document: batch part (`batch`, `charts`) then the forms in `forms`.
pub fn render(batch: &Value, charts: &[Chart], forms: &[Value]) -> String {
    let mut out = String::with_capacity(ECHARTS.len() + 64 * 1024 * (forms.len() + 1));
    out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    out.push_str("<title>项目支出绩效自评表审核报告</title><style>");
    out.push_str(STYLE);
    out.push_str("</style>\n<script>");
    out.push_str(ECHARTS);
    out.push_str("</script>\n</head><body>\n<h1>项目支出绩效自评表审核报告</h1>\n");
    let n = |k: &str| batch[k].as_u64().unwrap_or(0);
    let _ = write!(
        out,
        "<section id=\"batch\"><h2>批量概况</h2><div class=\"cards\"><span>自评表 {} 张</span>\
         <span>已评级 {} 张</span><span class=\"sev-error\">错误 {} 条</span>\
         <span class=\"sev-warning\">警告 {} 条</span><span>提示 {} 条</span></div>",
        n("forms"),
        n("graded"),
        n("errors"),
        n("warnings"),
        n("infos")
    );
    for c in charts {
        let _ = write!(out, "<h3>{}</h3>", esc(&c.title));
        let v = serde_json::to_value(c).unwrap_or_default();
        chart_html(&mut out, &c.id, &v);
    }
    out.push_str(
        "<h3>最需要复核的自评表</h3><p>按未接受的错误数、虚高分（填报总分 − 按规则复算总分）、警告数排序。</p>\
         <table><tr><th>序</th><th>项目</th><th>单位</th><th>来源</th><th>错误</th><th>警告</th>\
         <th>虚高分</th><th>填报总分</th><th>复算总分</th><th>等级</th></tr>",
    );
    for r in batch["review"].as_array().into_iter().flatten() {
        let _ = write!(
            out,
            "<tr><td class=\"num\">{}</td><td><a href=\"#form-{}\">{}</a></td><td>{}</td><td>{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            r["rank"],
            r["index"],
            esc(s(r, "project_name")),
            esc(s(r, "unit")),
            esc(s(r, "label")),
            r["errors"],
            r["warnings"],
            esc(s(r, "inflation")),
            esc(s(r, "total_printed")),
            esc(s(r, "total_computed")),
            esc(s(r, "grade")),
        );
    }
    out.push_str("</table>");
    let _ = writeln!(
        out,
        "<p>下面逐表列出 {} 张自评表（共 {} 张）。</p></section>",
        n("forms_in_full"),
        n("forms")
    );
    for f in forms {
        form_html(&mut out, f);
    }
    out.push_str("<script>");
    out.push_str(INIT);
    out.push_str("</script>\n</body></html>\n");
    out
}
