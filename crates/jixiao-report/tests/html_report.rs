//! The HTML report of the seed: self-contained, ECharts inline, one option per chart with the
//! right numbers (checked against counts made here over the checked forms).

mod common;

use jixiao_report::{ReportOptions, html_report};
use serde_json::Value;
use std::collections::BTreeMap;

/// The JSON of `<script type="application/json" id="option-ID">`.
fn option(html: &str, id: &str) -> Value {
    let open = format!("<script type=\"application/json\" id=\"option-{id}\">");
    let start = html
        .find(&open)
        .unwrap_or_else(|| panic!("no option for {id}"))
        + open.len();
    let end = start + html[start..].find("</script>").expect("closed script");
    serde_json::from_str(&html[start..end]).expect("option is JSON")
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_f64().expect("number"))
        .collect()
}

#[test]
fn html_is_self_contained_and_embeds_echarts() {
    let forms = common::seed();
    let html = html_report(&forms, &ReportOptions::default());
    let lower = html.to_ascii_lowercase();
    for bad in [
        "src=\"http",
        "src='http",
        "href=\"http",
        "href='http",
        "<link",
        "@import",
        "src=\"//",
    ] {
        assert!(
            !lower.contains(bad),
            "report refers to an external resource: {bad}"
        );
    }
    let echarts = std::fs::read_to_string(common::root("assets/vendor/echarts.min.js")).unwrap();
    assert!(
        html.contains(&echarts[..4000]),
        "ECharts code is not embedded"
    );
    assert!(html.contains("echarts.init("));
    // One chart option per batch chart and one breakdown per form.
    let per_form = html.matches("id=\"option-form-").count();
    assert_eq!(per_form, 16);
    for id in [
        "grades",
        "exec_vs_total",
        "findings_by_rule",
        "findings_by_unit",
    ] {
        assert_eq!(
            html.matches(&format!("id=\"option-{id}\"")).count(),
            1,
            "{id}"
        );
        assert_eq!(
            html.matches(&format!("data-chart=\"{id}\"")).count(),
            1,
            "{id}"
        );
    }
}

#[test]
fn grade_chart_counts_grades() {
    let forms = common::seed();
    let html = html_report(&forms, &ReportOptions::default());
    let opt = option(&html, "grades");
    let cats: Vec<String> = opt["xAxis"]["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    let data = numbers(&opt["series"][0]["data"]);
    let mut count: BTreeMap<String, f64> = BTreeMap::new();
    for c in &forms {
        *count
            .entry(c.eval.grade.unwrap_or("未评级").to_string())
            .or_default() += 1.0;
    }
    for (cat, n) in cats.iter().zip(&data) {
        assert_eq!(count.get(cat).copied().unwrap_or(0.0), *n, "grade {cat}");
    }
    assert_eq!(data.iter().sum::<f64>(), 16.0);
    // The seed's totals (expected.tsv) are all ≥ 90: every form is 优.
    assert_eq!(cats[0], "优");
    assert_eq!(data[0], 16.0);
}

#[test]
fn findings_by_rule_chart_counts_findings() {
    let forms = common::seed();
    let html = html_report(&forms, &ReportOptions::default());
    let opt = option(&html, "findings_by_rule");
    let cats = opt["xAxis"]["data"].as_array().unwrap();
    let series = opt["series"].as_array().unwrap();
    assert_eq!(series.len(), 3);
    let mut count: BTreeMap<&str, f64> = BTreeMap::new();
    for c in &forms {
        for f in &c.findings {
            *count.entry(f.code).or_default() += 1.0;
        }
    }
    assert!(!count.is_empty(), "the seed has findings");
    assert_eq!(cats.len(), count.len().min(jixiao_report::charts::MAX_BARS));
    for (k, cat) in cats.iter().enumerate() {
        let code = cat.as_str().unwrap();
        let total: f64 = series.iter().map(|s| s["data"][k].as_f64().unwrap()).sum();
        assert_eq!(total, count[code], "{code}");
    }
}

#[test]
fn scatter_has_one_point_per_scored_form() {
    let forms = common::seed();
    let expected = common::expected();
    let html = html_report(&forms, &ReportOptions::default());
    let opt = option(&html, "exec_vs_total");
    let src = opt["dataset"]["source"].as_array().unwrap();
    assert_eq!(src.len(), 16);
    // x = execution rate (2 dp), y = execution score + Σ indicator scores, from expected.tsv.
    for row in &expected {
        let name = &row["project_name"];
        let point = src
            .iter()
            .find(|p| p[2].as_str() == Some(name.as_str()))
            .unwrap_or_else(|| panic!("no point for {name}"));
        let rate: f64 = row["execution_rate_2dp"].parse().unwrap();
        let total: f64 = row["execution_score_two_stage"].parse::<f64>().unwrap()
            + row["indicator_score_sum"].parse::<f64>().unwrap();
        assert!(
            (point[0].as_f64().unwrap() - rate).abs() < 0.006,
            "{name} rate"
        );
        assert!(
            (point[1].as_f64().unwrap() - total).abs() < 0.006,
            "{name} total"
        );
    }
}

#[test]
fn first_form_breakdown_by_hand() {
    // Seed form 1 (干部健康管理): execution 10 / 5.98; 产出 5 rows = 50 / 50; 效益 30 / 30;
    // 满意度 10 / 10 (read off tests/fixtures/seed.txt).
    let forms = common::seed();
    let html = html_report(&forms, &ReportOptions::default());
    let opt = option(&html, "form-0-breakdown");
    let cats: Vec<&str> = opt["xAxis"]["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(cats, ["预算执行", "产出指标", "效益指标", "满意度指标"]);
    assert_eq!(numbers(&opt["series"][0]["data"]), [10.0, 50.0, 30.0, 10.0]);
    assert_eq!(numbers(&opt["series"][1]["data"]), [5.98, 50.0, 30.0, 10.0]);
}

#[test]
fn user_text_is_escaped() {
    let mut forms = common::seed();
    if let Some(name) = forms[0].form.header.project_name.as_mut() {
        name.value = "<script>alert(1)</script>&#x".to_string();
    }
    let html = html_report(&forms, &ReportOptions::default());
    assert!(!html.contains("<script>alert(1)"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;#x"));
}

#[test]
fn forms_limit_keeps_the_forms_most_in_need_of_review() {
    let forms = common::seed();
    let opts = ReportOptions {
        forms_limit: 3,
        ..ReportOptions::default()
    };
    let html = html_report(&forms, &opts);
    assert_eq!(html.matches("<section class=\"form\"").count(), 3);
    let ranking = jixiao_report::batch::review_ranking(&forms);
    // The first form laid out is the one with most open errors.
    let most = forms
        .iter()
        .map(|c| jixiao_report::view::open_counts(c).0)
        .max()
        .unwrap();
    assert_eq!(ranking[0].errors, most);
    assert!(html.contains(&format!(
        "<section class=\"form\" id=\"form-{}\">",
        ranking[0].index
    )));
}
