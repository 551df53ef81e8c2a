//! Families with no sample in `shared/samples` (`formats.md`, "Families"): 河北 weighted,
//! 北京 2016 / 江西 2017 with a 得分计算方法 column, 重庆 whole department. Each is read from a
//! small tab-separated form written for this test (`tests/fixtures/families/`) in the shape the
//! notes describe; every figure asserted here was worked out by hand from the fixture, and the
//! form JSON is snapshotted (reviewed).

use jixiao_core::output::json::{form_json, without_positions};
use jixiao_core::pipeline::{self, CheckedForm};
use jixiao_core::read::ReadOptions;
use rust_decimal::Decimal;
use std::str::FromStr;

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/families")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn one(name: &str) -> CheckedForm {
    let forms = pipeline::check_bytes(name, fixture(name).as_bytes(), &ReadOptions::default());
    assert_eq!(forms.len(), 1, "{name}");
    forms.into_iter().next().unwrap()
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn codes(c: &CheckedForm, code: &str) -> Vec<String> {
    c.findings
        .iter()
        .filter(|f| f.code == code)
        .map(|f| format!("{} {}", f.indicator.as_deref().unwrap_or("-"), f.message))
        .collect()
}

fn snapshot(name: &str, c: &CheckedForm) {
    insta::assert_json_snapshot!(name, without_positions(&form_json(c)));
}

fn weighted(c: &CheckedForm) -> Vec<(Option<String>, Option<String>)> {
    c.form
        .indicators
        .iter()
        .zip(&c.eval.indicators)
        .map(|(i, s)| {
            (
                i.extra.weighted_score.as_ref().map(|w| w.value.to_string()),
                s.weighted.map(|w| w.to_string()),
            )
        })
        .collect()
}

#[test]
fn hebei_weighted_is_detected_and_recomputed_row_by_row() {
    let c = one("hebei_weighted.txt");
    let f = &c.form;
    assert_eq!(f.family.as_deref(), Some("hebei_weighted"));
    assert_eq!(f.profile, "hebei_weighted");
    assert_eq!(f.status.code(), "complete");
    // 预算数 / 到位数 / 执行数 / 预算执行进度, mapped by header text.
    let t = f.funds.total_row().unwrap();
    assert_eq!(t.adjusted_budget.as_ref().unwrap().value, d("500"));
    assert_eq!(t.arrived.as_ref().unwrap().value, d("480"));
    assert_eq!(t.executed.as_ref().unwrap().value, d("456"));
    assert_eq!(t.execution_rate.as_ref().unwrap().value, d("91.2"));
    // 456 / 500 = 91.20%; the block carries no points under this profile.
    assert_eq!(c.eval.execution.rate, Some(d("91.20")));
    assert_eq!(c.eval.execution.weight, d("0"));
    let shares: Vec<String> = f
        .indicators
        .iter()
        .map(|i| i.extra.weight_share.as_ref().unwrap().value.to_string())
        .collect();
    assert_eq!(shares, ["20", "15", "15", "10", "20", "10", "10"]);
    // By hand: 100×20% = 20, 90×15% = 13.5, 100×15% = 15, 100×10% = 10,
    // 93.33×20% = 18.666 → 18.67 (half-up), 100×10% = 10, 100×10% = 10.
    let computed: Vec<Decimal> = weighted(&c)
        .into_iter()
        .map(|(_, w)| d(&w.unwrap()))
        .collect();
    assert_eq!(
        computed,
        ["20", "13.5", "15", "10", "18.67", "10", "10"].map(d)
    );
    for (printed, computed) in weighted(&c) {
        assert_eq!(d(&printed.unwrap()), d(&computed.unwrap()));
    }
    // Σ 折算得分 = 97.17 = printed 总分; Σ 权重占比 = 100.
    assert_eq!(c.eval.total_computed, Some(d("97.17")));
    assert_eq!(c.eval.total_by_rule, Some(d("97.17")));
    assert_eq!(c.eval.weight_total, Some(d("100")));
    assert_eq!(
        f.total.as_ref().unwrap().score.as_ref().unwrap().value,
        d("97.17")
    );
    assert_eq!(
        f.total.as_ref().unwrap().weight.as_ref().unwrap().value,
        d("100")
    );
    assert_eq!(c.eval.grade, Some("优"));
    for code in ["JX414", "JX601", "JX201", "JX203", "JX401", "JX402"] {
        assert!(codes(&c, code).is_empty(), "{code}: {:?}", codes(&c, code));
    }
    snapshot("hebei_weighted", &c);
}

#[test]
fn hebei_mismatch_in_another_column_order_is_flagged() {
    // 权重占比 first, 折算得分 after 单项指标得分: read by header, not position.
    let c = one("hebei_weighted_mismatch.txt");
    assert_eq!(c.form.family.as_deref(), Some("hebei_weighted"));
    assert_eq!(c.form.status.code(), "complete");
    // Row 2 prints 30.00 where 90 × 30% = 27.00.
    assert_eq!(weighted(&c)[1], (Some("30.00".into()), Some("27".into())));
    let f = codes(&c, "JX414");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].starts_with("改造管网长度 折算得分填 30.00"), "{f:?}");
    // The printed total is the sum of the printed rows (40 + 30 + 18.67 + 10 = 98.67): JX601
    // stays silent; by rule the total is 40 + 27 + 18.67 + 10 = 95.67.
    assert_eq!(c.eval.total_computed, Some(d("98.67")));
    assert_eq!(c.eval.total_by_rule, Some(d("95.67")));
    assert!(codes(&c, "JX601").is_empty());
}

#[test]
fn hebei_share_as_ratio_is_a_profile_parameter() {
    use jixiao_core::profile::{Profile, ShareWeighting};
    let c = one("hebei_weighted.txt");
    let ratio = Profile {
        share_weighting: ShareWeighting {
            share_in_percent: false,
            decimals: 1,
        },
        ..Profile::hebei_weighted()
    };
    // Read as ratios the shares would be ×100 too large: 93.33 × 20 = 1866.6 (1 decimal).
    let s = jixiao_core::score::evaluate(&ratio, &c.form);
    assert_eq!(s.indicators[4].weighted, Some(d("1866.6")));
    assert_eq!(s.weight_total, Some(d("10000")));
}

#[test]
fn hebei_execution_denominator_is_a_profile_parameter() {
    use jixiao_core::profile::{ExecBudget, Profile};
    let c = one("hebei_weighted.txt");
    // Default: 执行数 / 预算数 = 456 / 500 = 91.20%; with 到位数: 456 / 480 = 95.00%.
    let arrived = Profile {
        exec_budget: ExecBudget::Arrived,
        ..Profile::hebei_weighted()
    };
    let e = jixiao_core::score::execution_of(&arrived, &c.form);
    assert_eq!(e.rate, Some(d("95.00")));
    assert_eq!(c.eval.execution.rate, Some(d("91.20")));
    // 北京 2016's 年初(A) is used only where no 全年预算数 is printed.
    let bj = Profile::beijing_2016();
    let e = jixiao_core::score::execution_of(&bj, &c.form);
    assert_eq!(e.rate, Some(d("91.20")));
}

#[test]
fn beijing_2016_reads_the_method_column_and_rates_b_over_a() {
    let c = one("beijing_2016.txt");
    let f = &c.form;
    assert_eq!(f.family.as_deref(), Some("scoring_method"));
    assert_eq!(f.profile, "beijing_2016");
    assert_eq!(f.status.code(), "complete");
    let t = f.funds.total_row().unwrap();
    assert_eq!(t.initial_budget.as_ref().unwrap().value, d("120"));
    assert!(t.adjusted_budget.is_none());
    assert_eq!(t.method.as_ref().unwrap().value, "执行率×10分");
    // B/A = 108 / 120 = 90.00% → 9.00 of 10.
    assert_eq!(c.eval.execution.rate, Some(d("90.00")));
    assert_eq!(c.eval.execution.score, Some(d("9.00")));
    let methods: Vec<&str> = f
        .indicators
        .iter()
        .map(|i| i.extra.scoring_method.as_ref().unwrap().value.as_str())
        .collect();
    assert_eq!(
        methods,
        [
            "每少1台扣1.25分",
            "每降5%扣1分",
            "每降5%扣1分",
            "超支不得分",
            "每降5%扣2分",
            "每降1%扣1分"
        ]
    );
    // Fractional weights; 9 + 12.5 + 12.5 + 11.5 + 12.5 + 30 + 10 = 98 = printed.
    assert_eq!(f.indicators[0].weight.as_ref().unwrap().value, d("12.5"));
    assert_eq!(c.eval.total_computed, Some(d("98")));
    // The method text is shown, not applied: the proportional rule gives 95% × 12.5 = 11.875
    // → 11.88 where the form applied 每降5%扣1分 (11.5), and JX402 says so.
    assert_eq!(c.eval.indicators[2].computed, Some(d("11.88")));
    assert_eq!(codes(&c, "JX402").len(), 1);
    let j = form_json(&c);
    assert_eq!(j["indicators"][1]["scoring_method"], "每降5%扣1分");
    assert_eq!(j["funds"]["rows"][0]["method"], "执行率×10分");
    snapshot("beijing_2016", &c);
}

#[test]
fn jiangxi_2017_is_told_from_beijing_by_the_region_it_names() {
    let c = one("jiangxi_2017.txt");
    assert_eq!(c.form.family.as_deref(), Some("scoring_method"));
    assert_eq!(c.form.profile, "jiangxi");
    assert_eq!(c.form.status.code(), "complete");
    // 90% falls in the 80% band: 7 (C7 江西 bands), as printed.
    assert_eq!(c.eval.execution.score, Some(d("7")));
    assert!(codes(&c, "JX102").is_empty());
    assert_eq!(c.eval.total_computed, Some(d("96")));
    assert_eq!(
        c.form
            .funds
            .total_row()
            .unwrap()
            .method
            .as_ref()
            .unwrap()
            .value,
        "100%得10分,80%以上得7分,60%以上得5分"
    );
    assert_eq!(
        c.form.indicators[0]
            .extra
            .scoring_method
            .as_ref()
            .unwrap()
            .value,
        "每少1台扣1.25分"
    );
    snapshot("jiangxi_2017", &c);
}

#[test]
fn chongqing_coefficient_and_core_columns_are_read_and_checked() {
    let c = one("chongqing_department.txt");
    let f = &c.form;
    assert_eq!(f.family.as_deref(), Some("whole_department"));
    assert_eq!(f.status.code(), "complete");
    let coef: Vec<String> = f
        .indicators
        .iter()
        .map(|i| {
            i.extra
                .score_coefficient
                .as_ref()
                .unwrap()
                .value
                .to_string()
        })
        .collect();
    assert_eq!(coef, ["1", "0.9", "1", "0.9", "1", "1"]);
    let core: Vec<bool> = f
        .indicators
        .iter()
        .map(|i| i.extra.core.as_ref().unwrap().value)
        .collect();
    assert_eq!(core, [true, true, false, false, false, true]);
    // 20×1, 20×0.9, 10×1, 15×0.9, 15×1, 10×1 = the printed scores.
    let from: Vec<Decimal> = c
        .eval
        .indicators
        .iter()
        .map(|s| s.from_coefficient.unwrap())
        .collect();
    assert_eq!(from, ["20", "18", "10", "13.5", "15", "10"].map(d));
    assert!(codes(&c, "JX415").is_empty());
    // 9.5 + 86.5 = 96 = printed.
    assert_eq!(c.eval.total_computed, Some(d("96")));
    let j = form_json(&c);
    assert_eq!(j["indicators"][1]["score_coefficient"], "0.9");
    assert_eq!(j["indicators"][1]["core"], true);
    assert_eq!(j["indicators"][2]["core"], false);
    snapshot("chongqing_department", &c);

    let bad = one("chongqing_department_mismatch.txt");
    let f = codes(&bad, "JX415");
    assert_eq!(
        f,
        ["农产品质量安全抽检合格率 指标得分填 19，指标权重 20 × 得分系数 0.9 = 18.00"]
    );
}

#[test]
fn chongqing_flat_list_without_level_columns_is_read() {
    let c = one("chongqing_flat.txt");
    assert_eq!(c.form.status.code(), "complete");
    assert_eq!(c.form.indicators.len(), 4);
    assert!(c.form.indicators.iter().all(|i| i.level1.value.is_empty()));
    // 9.5 + 30 + 27 + 18 + 10 = 94.5 = printed.
    assert_eq!(c.eval.total_computed, Some(d("94.5")));
    // `待定` is neither 是 nor 否: left empty and noted, never guessed.
    assert!(c.form.indicators[3].extra.core.is_none());
    assert!(c.form.read_notes.iter().any(|n| n.message.contains("待定")));
    assert_eq!(c.eval.indicators[1].from_coefficient, Some(d("27")));
}

#[test]
fn decision_frame_is_scored_by_its_sections() {
    let c = one("decision_management_performance.txt");
    let f = &c.form;
    assert_eq!(f.family.as_deref(), Some("decision_management_performance"));
    assert_eq!(f.profile, "decision_management_performance");
    assert_eq!(f.status.code(), "complete");
    // Funds by source, one row without a label: 合计 309, 执行数 309, 执行率 100%.
    let t = f.funds.total_row().unwrap();
    assert_eq!(t.adjusted_budget.as_ref().unwrap().value, d("309"));
    assert_eq!(t.executed.as_ref().unwrap().value, d("309"));
    assert_eq!(c.eval.execution.rate, Some(d("100.00")));
    // 5 items of 项目决策 / 项目管理, then 8 indicators of 项目绩效.
    let sections: Vec<(&str, Option<Decimal>)> = f
        .indicators
        .iter()
        .map(|i| (i.level1.value.as_str(), i.level1_label_weight))
        .collect();
    assert_eq!(sections[0], ("项目决策2分", Some(d("2"))));
    assert_eq!(sections[1..5], [("项目管理13分", Some(d("13"))); 4]);
    assert_eq!(f.indicators.len(), 13);
    assert!(f.indicators[..5].iter().all(|i| i.is_decision_item()));
    assert!(!f.indicators[5..].iter().any(|i| i.is_decision_item()));
    assert_eq!(
        f.indicators[4]
            .extra
            .scoring_method
            .as_ref()
            .unwrap()
            .value
            .chars()
            .take(12)
            .collect::<String>(),
        "1、项目绩效目标全申报的"
    );
    // 成本指标5分 in the 二级 column stays a level-2 under 产出.
    assert_eq!(f.indicators[9].level1.value, "产出指标40分");
    assert_eq!(
        f.indicators[9].level2.as_ref().unwrap().value,
        "成本指标5分"
    );
    // By hand: 2 + (3+2+4+3) + (15+6+6+8+5) + (18+13) + 10 = 95 = 自评总分; weights
    // 2 + 13 + 40 + 35 + 10 = 100.
    assert_eq!(c.eval.total_computed, Some(d("95")));
    assert_eq!(c.eval.weight_total, Some(d("100")));
    assert_eq!(
        f.total.as_ref().unwrap().score.as_ref().unwrap().value,
        d("95")
    );
    assert_eq!(c.eval.grade, Some("优"));
    // Each section's items add up to the points its label prints (JX202), the whole to 100.
    for code in ["JX601", "JX201", "JX202", "JX204", "JX408"] {
        assert!(codes(&c, code).is_empty(), "{code}: {:?}", codes(&c, code));
    }
    snapshot("decision_management_performance", &c);
}

#[test]
fn decision_frame_section_sums_and_totals_are_checked() {
    // 组织机构 printed with 分值 3: 项目管理 then adds to 14 against its label's 13, and the
    // weights to 101.
    let text = fixture("decision_management_performance.txt")
        .replace("\t组织机构\t2\t2\t", "\t组织机构\t3\t2\t")
        .replace("自评总分:95", "自评总分:96");
    let forms = pipeline::check_bytes("x.txt", text.as_bytes(), &ReadOptions::default());
    let c = &forms[0];
    assert_eq!(c.form.status.code(), "complete");
    let jx202 = codes(c, "JX202");
    assert_eq!(jx202.len(), 1, "{jx202:?}");
    assert!(
        jx202[0].contains("13") && jx202[0].contains("14"),
        "{jx202:?}"
    );
    assert_eq!(codes(c, "JX201").len(), 1);
    // 96 printed against 95 summed.
    assert_eq!(codes(c, "JX601").len(), 1);
}

#[test]
fn decision_frame_cut_short_is_never_totalled() {
    let text = fixture("decision_management_performance.txt");
    let cut: String = text.lines().take(18).map(|l| format!("{l}\n")).collect();
    let forms = pipeline::check_bytes("cut.txt", cut.as_bytes(), &ReadOptions::default());
    let c = &forms[0];
    assert_eq!(c.form.status.code(), "incomplete");
    assert!(c.eval.total_computed.is_none() && c.eval.grade.is_none());
}

#[test]
fn decision_frame_inside_the_indicator_table_is_read_too() {
    // 银川 (S12): 项目决策(10分) and 项目管理(25分) rows in the ordinary table, before 项目产出(30分)
    // and 项目效益(35分); the 一级 cell is printed once per section.
    let c = one("yinchuan_decision.txt");
    let f = &c.form;
    assert_eq!(f.family.as_deref(), Some("decision_management_performance"));
    assert_eq!(f.status.code(), "complete");
    assert_eq!(f.indicators.len(), 13);
    let decision: Vec<(&str, &str)> = f.indicators[..7]
        .iter()
        .map(|i| (i.level1.value.as_str(), i.name.value.as_str()))
        .collect();
    assert_eq!(decision[0], ("项目决策(10分)", "立项依据充分性"));
    assert_eq!(decision[3], ("项目决策(10分)", "预算编制科学性"));
    assert_eq!(decision[4], ("项目管理(25分)", "预算执行率"));
    assert_eq!(decision[6], ("项目管理(25分)", "管理制度健全性"));
    assert!(f.indicators[..7].iter().all(|i| i.is_decision_item()));
    // A merged 二级 cell is carried down within the section.
    assert_eq!(f.indicators[1].level2.as_ref().unwrap().value, "项目立项");
    assert_eq!(
        f.indicators[7].level1_category,
        Some(jixiao_core::model::Level1::Output)
    );
    // 预算执行率 is an item of 项目管理 here, scored by rule like any ≥ target: 95/95 → 10.
    assert_eq!(c.eval.indicators[4].computed, Some(d("10")));
    // By hand: (3+2+2+2) + (10+8+6) + (15+10+4.89) + (15+10+10) = 97.89 = printed; the budget
    // block itself carries no points (execution weight 0), weights add to 100.
    assert_eq!(c.eval.execution.weight, d("0"));
    assert_eq!(c.eval.total_computed, Some(d("97.89")));
    assert_eq!(c.eval.weight_total, Some(d("100")));
    assert_eq!(c.eval.grade, Some("优"));
    for code in ["JX601", "JX201", "JX204", "JX408"] {
        assert!(codes(&c, code).is_empty(), "{code}: {:?}", codes(&c, code));
    }
    // Each decision section's items add up to its label (10 and 25): no JX202 for them.
    assert!(
        codes(&c, "JX202")
            .iter()
            .all(|m| !m.contains("项目决策") && !m.contains("项目管理")),
        "{:?}",
        codes(&c, "JX202")
    );
    snapshot("yinchuan_decision", &c);
}

#[test]
fn yinchuan_satisfaction_row_stays_in_its_printed_section() {
    // 服务对象满意度指标 is a 二级 under 项目效益(35分) here (S12): the printed section wins over
    // the category its 二级 implies. By hand: 15 + 10 + 10 = 35 = the label, so no JX202.
    let c = one("yinchuan_decision.txt");
    let last = c.form.indicators.last().unwrap();
    assert_eq!(last.name.value, "市民满意度");
    assert_eq!(last.level1.value, "项目效益(35分)");
    assert_eq!(last.level1_label_weight, Some(d("35")));
    assert_eq!(
        last.level1_category,
        Some(jixiao_core::model::Level1::Outcome)
    );
    assert!(codes(&c, "JX202").is_empty(), "{:?}", codes(&c, "JX202"));
    // A wrong 分值 in that section is still caught: 15 + 10 + 12 = 37 against 35.
    let text = fixture("yinchuan_decision.txt").replace("\t10\t10\t问卷调查", "\t12\t10\t问卷调查");
    let forms = pipeline::check_bytes("x.txt", text.as_bytes(), &ReadOptions::default());
    let jx202 = codes(&forms[0], "JX202");
    assert_eq!(jx202.len(), 1, "{jx202:?}");
    assert!(
        jx202[0].contains("35") && jx202[0].contains("37"),
        "{jx202:?}"
    );
}

#[test]
fn outside_the_decision_frame_a_satisfaction_row_is_its_own_level1() {
    // The same table without its 项目决策/项目管理 rows is a central form: there 满意度指标 is a
    // level-1 of its own, so the 满意度 二级 under 项目效益(35分) is taken as level-1 满意度.
    let text: String = fixture("yinchuan_decision.txt")
        .lines()
        .enumerate()
        .filter(|(n, _)| !(9..=15).contains(n))
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    assert!(!text.contains("项目决策") && !text.contains("项目管理"));
    let forms = pipeline::check_bytes("x.txt", text.as_bytes(), &ReadOptions::default());
    let c = &forms[0];
    assert_ne!(
        c.form.family.as_deref(),
        Some("decision_management_performance")
    );
    let last = c.form.indicators.last().unwrap();
    assert_eq!(last.name.value, "市民满意度");
    assert_eq!(
        last.level1_category,
        Some(jixiao_core::model::Level1::Satisfaction)
    );
    // …and 效益 then holds 15 + 10 = 25 against its label's 35.
    let jx202 = codes(c, "JX202");
    assert!(
        jx202.iter().any(|m| m.contains("35") && m.contains("25")),
        "{jx202:?}"
    );
}

#[test]
fn whole_department_forms_need_no_project_name() {
    // A 部门整体支出 form names its department (部门名称), never a project or an 实施单位.
    let c = one("chongqing_department.txt");
    assert_eq!(c.form.family.as_deref(), Some("whole_department"));
    assert!(c.form.header.project_name.is_none());
    assert!(codes(&c, "JX103").is_empty(), "{:?}", codes(&c, "JX103"));
    // Without its 部门名称 the header is incomplete all the same.
    let text =
        fixture("chongqing_department.txt").replace("部门名称\t重庆市璧山区农业农村委员会\n", "");
    let forms = pipeline::check_bytes("x.txt", text.as_bytes(), &ReadOptions::default());
    assert_eq!(forms[0].form.family.as_deref(), Some("whole_department"));
    assert_eq!(codes(&forms[0], "JX103"), ["- 表头缺少“部门名称”"]);
}

#[test]
fn chongqing_unit_column_gives_the_actuals_their_unit() {
    // 计量单位 `%` with 全年完成值 97: the actual is 97%, not a bare number (no JX308).
    let c = one("chongqing_department.txt");
    let units: Vec<Option<&str>> = c
        .form
        .indicators
        .iter()
        .map(|i| i.actual.as_ref().unwrap().unit.as_deref())
        .collect();
    assert_eq!(
        units,
        [
            Some("万亩"),
            Some("%"),
            Some("%"),
            Some("万元"),
            Some("个"),
            Some("%")
        ]
    );
    assert_eq!(
        c.form.indicators[1].actual.as_ref().unwrap().value,
        Some(d("97"))
    );
    assert!(codes(&c, "JX308").is_empty(), "{:?}", codes(&c, "JX308"));
    // A percent target whose actual's row has no unit is still reported.
    let text =
        fixture("chongqing_department.txt").replace("项目按期完工率\t%\t", "项目按期完工率\t\t");
    let text = text.replace("≥\t90\t10\t90", "≥\t90%\t10\t90");
    let forms = pipeline::check_bytes("x.txt", text.as_bytes(), &ReadOptions::default());
    assert_eq!(
        codes(&forms[0], "JX308").len(),
        1,
        "{:?}",
        codes(&forms[0], "JX308")
    );
}

#[test]
fn yinchuan_satisfaction_row_under_outcome_is_still_checked_as_satisfaction() {
    // 评价标准 `问卷调查，有效样本300份` says how satisfaction was measured: no JX502.
    let c = one("yinchuan_decision.txt");
    assert!(codes(&c, "JX502").is_empty(), "{:?}", codes(&c, "JX502"));
    // Without it the 满意度 row under 项目效益(35分) has no survey basis, as anywhere else.
    let text = fixture("yinchuan_decision.txt").replace("\t问卷调查，有效样本300份", "");
    let forms = pipeline::check_bytes("x.txt", text.as_bytes(), &ReadOptions::default());
    let jx502 = codes(&forms[0], "JX502");
    assert_eq!(jx502.len(), 1, "{jx502:?}");
    assert!(jx502[0].starts_with("市民满意度 "), "{jx502:?}");
}

#[test]
fn decision_frame_satisfaction_label_printed_mid_block_still_wins() {
    // 满意度指标(10分) as a level-1 of its own, its merged cell printed on the second of its two
    // rows (as PDFs do): the first row takes that label, not the 项目效益(25分) above it.
    let text = fixture("yinchuan_decision.txt")
        .replace("项目效益(35分)", "项目效益(25分)")
        .replace(
            "\t服务对象满意度指标\t市民满意度\t≥90%\t93%\t10\t10\t",
            "\t服务对象满意度指标\t市民满意度\t≥90%\t93%\t5\t5\t",
        )
        .replace(
            "总分\t",
            "满意度指标(10分)\t\t商户满意度\t≥90%\t92%\t5\t5\t\n总分\t",
        );
    let forms = pipeline::check_bytes("x.txt", text.as_bytes(), &ReadOptions::default());
    let c = &forms[0];
    assert_eq!(
        c.form.family.as_deref(),
        Some("decision_management_performance")
    );
    let n = c.form.indicators.len();
    assert_eq!(c.form.indicators[n - 1].name.value, "商户满意度");
    for i in &c.form.indicators[n - 2..] {
        assert_eq!(i.level1.value, "满意度指标(10分)", "{}", i.name.value);
    }
    // 15 + 10 = 25 and 5 + 5 = 10: both labels hold.
    assert!(codes(c, "JX202").is_empty(), "{:?}", codes(c, "JX202"));
}
