//! One test per quirk of `shared/spec/formats.md` ("Quirks a reader must survive"), each on a
//! small form written here (not the samples), in several renderings.

use jixiao_core::model::*;
use jixiao_core::pipeline::{self, CheckedForm};
use jixiao_core::read::{self, ReadOptions};
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn check(text: &str) -> Vec<CheckedForm> {
    pipeline::check_bytes("quirk.txt", text.as_bytes(), &ReadOptions::default())
}

fn one(text: &str) -> CheckedForm {
    let forms = check(text);
    assert_eq!(
        forms.len(),
        1,
        "{:#?}",
        forms.iter().map(|f| &f.form).collect::<Vec<_>>()
    );
    forms.into_iter().next().unwrap()
}

/// A small central form, tab-separated, with the given indicator rows and 总分 row.
fn tsv_form(funds: &str, rows: &[&str], total: &str) -> String {
    let mut s = String::from(
        "项目支出绩效自评表\n项目名称:\t测试项目\t主管部门:\t某局\t实施单位:\t某中心\n\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n",
    );
    s.push_str(funds);
    s.push('\n');
    s.push_str("\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n");
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s.push_str(total);
    s.push('\n');
    s
}

const FUNDS: &str = "项目资金（万元）\t年度资金总额\t100\t100\t100\t10\t100%\t10";

fn score_of(c: &CheckedForm, i: usize) -> Decimal {
    c.form.indicators[i].score.as_ref().unwrap().value
}

#[test]
fn q01_totals_that_do_not_add_up_are_read_not_fixed() {
    let text = tsv_form(
        FUNDS,
        &[
            "\t产出指标(50分)\t数量指标\t培训人数\t≥100人\t100人\t50\t50\t",
            "\t效益指标(30分)\t社会效益指标\t覆盖率\t≥90%\t95%\t30\t30\t",
            "\t满意度指标(10分)\t服务对象满意度指标\t满意度\t≥90%\t80%\t10\t3\t未达标",
        ],
        "总分\t\t\t\t\t\t100\t94",
    );
    let c = one(&text);
    assert_eq!(c.form.status, FormStatus::Complete);
    assert_eq!(
        c.form.total.as_ref().unwrap().score.as_ref().unwrap().value,
        d("94")
    );
    // 10 + 50 + 30 + 3 = 93: the finding is the checker's, the reader keeps both numbers.
    assert_eq!(c.eval.total_computed, Some(d("93")));
}

#[test]
fn q02_uncapped_scores_are_kept_as_printed() {
    let text = "项目支出绩效自评表 |\n项目名称 | 扶持项目 |\n预算执行情况(万元)(20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) |\n年度财政资金总额 | 100 | 100 | 1 | 20 | ||\n年度绩效目标 (80分) |\n一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 |\n产出指标 | 数量指标 | 扶持主体(个) | 10 | 16 | 96.0 |\n效益指标 | 经济效益指标 | 增收(元) | 100 | 80 | 16.0 |\n总分 | 132.0 | |||\n";
    let c = one(text);
    assert_eq!(c.form.profile, "budget20_target80");
    assert_eq!(c.form.status, FormStatus::Complete);
    // 60 × 16/10 = 96 on a 60-point row: kept, not capped; the weights are read back from
    // the scores (60 + 20 = the printed 80).
    assert_eq!(score_of(&c, 0), d("96.0"));
    assert_eq!(c.form.indicators[0].weight.as_ref().unwrap().value, d("60"));
    assert_eq!(c.form.indicators[1].weight.as_ref().unwrap().value, d("20"));
    assert_eq!(c.eval.total_computed, Some(d("132.0")));
}

#[test]
fn q03_weights_spelled_quanzhong_in_labels_and_fractional() {
    // 权重 for 分值 (四川), the weight inside the 一级 label, and a fractional weight.
    let text = "部门预算项目支出绩效自评表\n项目名称 |\n工资性支出 |\n预算执行情况(10分) |\n年度预算数(万元) |\n年初预算 |\n调整后预算数 |\n预算执行数 |\n预算执行率 |\n权重 |\n得分 |\n总额 |\n10 |\n10 |\n10 |\n100% |\n10 |\n10 |\n绩效指标(90分) |\n一级指标 |\n二级指标 |\n三级指标 |\n指标值 |\n完成值 |\n权重 |\n得分 |\n产出指标(50分) |\n数量指标 |\n发放人数 |\n12 |\n12 |\n37.5 |\n37.5 |\n质量指标 |\n发放准确率 |\n100% |\n100% |\n12.5 |\n12.5 |\n效益指标 |\n社会效益指标 |\n保障率 |\n100% |\n100% |\n40 |\n40 |\n合计 |\n100 |\n100 |\n";
    let c = one(text);
    assert_eq!(c.form.profile, "sichuan_2023");
    assert_eq!(
        c.form.status,
        FormStatus::Complete,
        "{:?}",
        c.form.read_notes
    );
    let w: Vec<Decimal> = c
        .form
        .indicators
        .iter()
        .map(|i| i.weight.as_ref().unwrap().value)
        .collect();
    assert_eq!(w, vec![d("37.5"), d("12.5"), d("40")]);
    assert_eq!(c.form.indicators[0].level1_label_weight, Some(d("50")));
    assert_eq!(c.eval.total_computed, Some(d("100")));
}

#[test]
fn q04_columns_by_header_text_and_two_line_headers() {
    // 分值 before the target (fenzhi-first), and a two-line header whose 年度指标值 is split
    // into 指标性质 / 指标值 / 度量单位, in a pipe table.
    let fenzhi = tsv_form(FUNDS, &[], "");
    let fenzhi = fenzhi.replace(
        "\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
        "\t一级指标\t二级指标\t三级指标\t分值\t年度指标值\t全年实际值\t得分\t未完成原因",
    ) + "\t产出指标(90分)\t数量指标\t人数\t90\t>=10人\t12人\t90\t\n总分\t\t\t\t100\t\t\t100\n";
    let c = one(&fenzhi);
    let i = &c.form.indicators[0];
    assert_eq!(i.weight.as_ref().unwrap().value, d("90"));
    assert_eq!(i.target.as_ref().unwrap().value, Some(d("10")));
    assert_eq!(i.actual.as_ref().unwrap().value, Some(d("12")));
    assert_eq!(c.form.status, FormStatus::Complete);

    let two_line = "| 项目支出绩效自评表 | |||\n| 项目名称 | 测试 | |||\n| 项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n| 年度资金总额 | 5 | 5 | 5 | 10 | 100% | 10 |\n| 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | ||\n|\n一级 指标 |\n二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | ||\n| 产出指标 | 数量指标 | 检查次数 | ≥ | 4 | 次 | 5 | 90 | 90 | |\n| 总分 | 100 | 100 | |||\n";
    let c = one(two_line);
    let i = &c.form.indicators[0];
    let t = i.target.as_ref().unwrap();
    assert_eq!(
        (t.comparator, t.value, t.unit.as_deref()),
        (Comparator::AtLeast, Some(d("4")), Some("次"))
    );
    assert_eq!(i.actual.as_ref().unwrap().value, Some(d("5")));
    assert_eq!(i.weight.as_ref().unwrap().value, d("90"));
    assert_eq!(i.score.as_ref().unwrap().value, d("90"));
}

#[test]
fn q05_execution_rate_as_ratio_or_percent_is_kept_as_printed() {
    for (printed, kept) in [("0.86", "0.86"), ("86%", "86"), ("86.1%", "86.1")] {
        let funds = format!("项目资金（万元）\t年度资金总额\t100\t100\t86\t10\t{printed}\t8.6");
        let c = one(&tsv_form(
            &funds,
            &["\t产出指标(90分)\t数量指标\t人数\t10人\t10人\t90\t90\t"],
            "总分\t\t\t\t\t\t100\t98.6",
        ));
        let total = c.form.funds.total_row().unwrap();
        assert_eq!(total.execution_rate.as_ref().unwrap().value, d(kept));
        assert_eq!(c.eval.execution.rate, Some(d("86")));
    }
}

#[test]
fn q06_units_inside_amounts_and_in_names() {
    let funds = "项目资金\t年度资金总额\t620.82万元\t620.82万元\t600万元\t10\t96.65%\t9.67";
    let c = one(&tsv_form(
        funds,
        &["\t满意度指标(90分)\t服务对象满意度指标\t满意度(%)\t95\t96\t90\t90\t"],
        "总分\t\t\t\t\t\t100\t99.67",
    ));
    let total = c.form.funds.total_row().unwrap();
    assert_eq!(total.adjusted_budget.as_ref().unwrap().value, d("620.82"));
    assert_eq!(c.form.funds.amount_unit, AmountUnit::WanYuan);
    assert_eq!(c.form.indicators[0].name.value, "满意度(%)");
}

#[test]
fn q07_operators_in_many_spellings() {
    let rows = [
        "\t产出指标(50分)\t数量指标\t甲\t>=10人\t12人\t10\t10\t",
        "\t产出指标(50分)\t数量指标\t乙\t不低于95%\t96%\t10\t10\t",
        "\t产出指标(50分)\t质量指标\t丙\t﹦100%\t100%\t10\t10\t",
        "\t产出指标(50分)\t成本指标\t丁\t≦5万元\t4万元\t10\t10\t",
        "\t产出指标(50分)\t时效指标\t戊\t不超过30天\t≥20天\t10\t10\t",
    ];
    let c = one(&tsv_form(FUNDS, &rows, "总分\t\t\t\t\t\t60\t60"));
    let ops: Vec<Comparator> = c
        .form
        .indicators
        .iter()
        .map(|i| i.target.as_ref().unwrap().comparator)
        .collect();
    use Comparator::*;
    assert_eq!(ops, vec![AtLeast, AtLeast, Equal, AtMost, AtMost]);
    assert_eq!(
        c.form.indicators[4].actual.as_ref().unwrap().value,
        Some(d("20"))
    );
}

#[test]
fn q08_qualitative_targets_and_actuals() {
    let rows = [
        "\t效益指标(30分)\t社会效益指标\t社会影响\t效果明显\t达成预期指标\t15\t15\t",
        "\t效益指标(30分)\t社会效益指标\t完成时间\t2023年12月\t2023年10月\t15\t15\t",
    ];
    let c = one(&tsv_form(FUNDS, &rows, "总分\t\t\t\t\t\t40\t40"));
    for i in &c.form.indicators {
        assert_eq!(
            i.target.as_ref().unwrap().comparator,
            Comparator::Qualitative
        );
        assert_eq!(i.actual.as_ref().unwrap().value, None);
    }
}

#[test]
fn q09_hierarchy_merged_labels_breakdowns_and_placeholders() {
    // 二级 printed once (merged cells in a pipe table), a 其中 breakdown, a placeholder row.
    let text = "项目支出绩效自评表 |\n项目名称 | 测试 |\n项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n年度资金总额 | 5 | 5 | 5 | 10 | 100% | 10 |\n一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n产出指标 | 数量指标 | 培训人数 | 100人 | 100人 | 30 | 30 | |\n其中:女性 | 50人 | 50人 | | | |\n……\t| | | | | |\n质量指标 | 合格率 | 95% | 96% | 30 | 30 | |\n满意度指标 | 服务对象满意度指标 | 满意度 | 90% | 95% | 30 | 30 | |\n总分 | 100 | 100 |\n";
    let c = one(text);
    let f = &c.form;
    assert_eq!(f.status, FormStatus::Complete, "{:?}", f.read_notes);
    let names: Vec<&str> = f.indicators.iter().map(|i| i.name.value.as_str()).collect();
    assert_eq!(
        names,
        vec!["培训人数", "其中:女性", "……", "合格率", "满意度"]
    );
    // The 二级 label carries over to the breakdown row; 质量指标 starts a new group.
    assert_eq!(f.indicators[1].level2.as_ref().unwrap().value, "数量指标");
    assert_eq!(f.indicators[3].level2.as_ref().unwrap().value, "质量指标");
    assert!(f.indicators[1].weight.is_none());
    assert!(f.indicators[2].is_placeholder());
}

#[test]
fn q10_budget_block_null_markers_and_empty_initial_budget() {
    let funds = "项目资金（万元）\t年度资金总额\t\t50\t40\t10\t80%\t8\n\t其中：当年财政拨款\t—\t50\t40\t/\t无\t-";
    let c = one(&tsv_form(
        funds,
        &["\t产出指标(90分)\t数量指标\t人数\t10人\t10人\t90\t90\t"],
        "总分\t\t\t\t\t\t100\t98",
    ));
    let rows = &c.form.funds.rows;
    assert_eq!(rows.len(), 2);
    assert!(rows[0].initial_budget.is_none());
    assert!(rows[1].initial_budget.is_none() && rows[1].weight.is_none());
    assert!(rows[1].execution_rate.is_none() && rows[1].score.is_none());
    assert!(c.form.read_notes.is_empty(), "{:?}", c.form.read_notes);
}

#[test]
fn q11_several_forms_later_ones_without_title_and_grade_words() {
    let first = tsv_form(
        FUNDS,
        &["\t产出指标(90分)\t数量指标\t人数\t10人\t10人\t90\t90\t"],
        "总分\t\t\t\t\t\t100\t100\t优",
    );
    // The second form has no title: it starts at its header fields.
    let second = first
        .replacen("项目支出绩效自评表\n", "", 1)
        .replace("测试项目", "第二个项目")
        .replace("\t100\t100\t优", "\t100\t95");
    let forms = check(&format!("{first}\n{second}"));
    assert_eq!(forms.len(), 2);
    assert!(forms.iter().all(|c| c.form.is_complete()));
    assert_eq!(
        forms[1].form.header.project_name.as_ref().unwrap().value,
        "第二个项目"
    );
    assert!(forms[1].form.title.is_none());
    assert_eq!(
        forms[0]
            .form
            .total
            .as_ref()
            .unwrap()
            .grade_label
            .as_ref()
            .unwrap()
            .value,
        "优"
    );
    assert_eq!(
        forms[1]
            .form
            .total
            .as_ref()
            .unwrap()
            .score
            .as_ref()
            .unwrap()
            .value,
        d("95")
    );
    assert!(forms[1].form.source.first_line > forms[0].form.source.last_line);
}

#[test]
fn q12_text_damage_page_markers_spaced_labels_html_and_blanks() {
    // One cell per paragraph, labels broken by spaces and by paragraphs, a page marker in the
    // middle of the table, an HTML fragment, U+3000 and U+00A0 blanks.
    let cells = [
        "项目支出绩效自评表",
        "项目名称",
        "<p>某项目</p>",
        "项目资金(万元)",
        "年初",
        "预算数",
        "全年预算数",
        "全年",
        "执行数",
        "分值",
        "执行率",
        "得分",
        "年度资金总额",
        "8",
        "8",
        "8",
        "10",
        "100%",
        "10",
        "绩 效 指 标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度",
        "指标值",
        "实际",
        "完成值",
        "分值",
        "得分",
        "产出",
        "指标(50分)",
        "数量",
        "指标",
        "人数",
        "10人",
        "10人",
        "50",
        "50",
        "— 1 —",
        "效益指标",
        "(40)",
        "社会效",
        "益指标",
        "覆盖率",
        "\u{3000}90%",
        "95%\u{a0}",
        "40",
        "40",
        "总分",
        "100",
        "100",
    ];
    let text = cells.join("\n\n");
    assert_eq!(
        jixiao_core::grid::detect(&text),
        jixiao_core::grid::Rendering::CellPerParagraph
    );
    let c = one(&text);
    let f = &c.form;
    assert_eq!(f.status, FormStatus::Complete, "{:?}", f.read_notes);
    assert_eq!(f.header.project_name.as_ref().unwrap().value, "某项目");
    assert_eq!(
        f.funds
            .total_row()
            .unwrap()
            .initial_budget
            .as_ref()
            .unwrap()
            .value,
        d("8")
    );
    assert_eq!(f.indicators.len(), 2);
    assert_eq!(f.indicators[1].level1_category, Some(Level1::Outcome));
    assert_eq!(f.indicators[1].level1_label_weight, Some(d("40")));
    assert_eq!(
        f.indicators[1].level2.as_ref().unwrap().value,
        "社会效益指标"
    );
    assert_eq!(
        f.indicators[1].target.as_ref().unwrap().value,
        Some(d("90"))
    );
    assert_eq!(c.eval.total_computed, Some(d("100")));
    // Each value points at its own paragraph.
    let name = &f.indicators[0].name;
    assert_eq!(text.lines().nth((name.at.line - 1) as usize), Some("人数"));
}

#[test]
fn q13_truncated_forms_are_incomplete_and_never_totalled() {
    let full = tsv_form(
        FUNDS,
        &[
            "\t产出指标(50分)\t数量指标\t人数\t10人\t10人\t50\t50\t",
            "\t效益指标(40分)\t社会效益指标\t覆盖率\t90%\t95%\t40\t40\t",
        ],
        "总分\t\t\t\t\t\t100\t100",
    );
    let cut = &full[..full.find("覆盖率").unwrap() + "覆盖率".len()];
    let c = one(cut);
    match &c.form.status {
        FormStatus::Incomplete { stops_in, line } => {
            assert!(stops_in.contains("年度绩效指标"), "{stops_in}");
            assert_eq!(*line, 7);
        }
        other => panic!("{other:?}"),
    }
    assert!(c.eval.total_computed.is_none() && c.eval.grade.is_none());
    // The same form as space-separated text, cut inside the funds block.
    let spaced = full.replace('\t', " ");
    let cut = &spaced[..spaced.find("年度资金总额").unwrap() + 20];
    let c = one(cut);
    assert_eq!(c.form.status.code(), "incomplete");
    assert!(c.eval.total_computed.is_none());
}

#[test]
fn renderings_of_one_form_read_alike() {
    // The same form as tabs, pipes, HTML and space-separated rows.
    let tsv = tsv_form(
        FUNDS,
        &[
            "\t产出指标(50分)\t数量指标\t人数\t10人\t10人\t50\t50\t",
            "\t效益指标(40分)\t社会效益指标\t覆盖率\t90%\t95%\t40\t40\t",
        ],
        "总分\t\t\t\t\t\t100\t100",
    );
    let pipes: String = tsv
        .lines()
        .map(|l| format!("| {} |\n", l.replace('\t', " | ")))
        .collect();
    let html = format!(
        "<html><body><table>{}</table></body></html>",
        tsv.lines()
            .map(|l| format!(
                "<tr>{}</tr>\n",
                l.split('\t')
                    .map(|c| format!("<td>{c}</td>"))
                    .collect::<String>()
            ))
            .collect::<String>()
    );
    let spaces = tsv.replace('\t', "  ");
    let base = one(&tsv);
    for (name, text) in [("pipes", pipes), ("html", html), ("spaces", spaces)] {
        let c = one(&text);
        assert_eq!(
            c.form.status,
            FormStatus::Complete,
            "{name}: {:?}",
            c.form.read_notes
        );
        assert_eq!(c.eval.total_computed, base.eval.total_computed, "{name}");
        assert_eq!(c.form.indicators.len(), 2, "{name}");
        assert_eq!(
            c.form.header.project_name.as_ref().map(|s| &s.value),
            base.form.header.project_name.as_ref().map(|s| &s.value),
            "{name}"
        );
    }
}

#[test]
fn profile_option_overrides_family_detection() {
    let text = tsv_form(FUNDS, &[], "");
    let opts = ReadOptions {
        profile: Some("jiangxi".into()),
        encoding: None,
    };
    let forms = read::read_text("x.txt", &text, &opts);
    assert_eq!(forms[0].profile, "jiangxi");
}

/// Quirk 9 (merged cells): a 一级 label printed once in the middle of its block (as PDFs print
/// merged cells) still reaches every row of the block, including the rows above it.
#[test]
fn merged_level1_printed_mid_block_reaches_every_row() {
    let seed = include_str!("../../../tests/fixtures/seed.txt");
    let form1: String = seed
        .split("\n\n项目支出绩效自评表")
        .next()
        .unwrap_or(seed)
        .to_string();
    let lines: Vec<&str> = form1.split('\n').collect();
    // Indicator rows, grouped by their level-1 label.
    let rows: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].starts_with("年度绩效指标\t") && !lines[i].contains("一级指标"))
        .collect();
    let label = |i: usize| lines[i].split('\t').nth(1).unwrap_or("").to_string();
    let mut keep = std::collections::HashSet::new();
    let mut k = 0;
    while k < rows.len() {
        let mut e = k;
        while e + 1 < rows.len() && label(rows[e + 1]) == label(rows[k]) {
            e += 1;
        }
        keep.insert(rows[(k + e).div_ceil(2)]);
        k = e + 1;
    }
    let mangled: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if rows.contains(&i) && !keep.contains(&i) {
                let mut cells: Vec<&str> = l.split('\t').collect();
                cells[1] = "";
                cells.join("\t")
            } else {
                l.to_string()
            }
        })
        .collect();
    let opts = jixiao_core::read::ReadOptions::default();
    let original = jixiao_core::read::read_text("a.txt", &form1, &opts);
    let merged = jixiao_core::read::read_text("b.txt", &mangled.join("\n"), &opts);
    assert_eq!(merged[0].status, original[0].status);
    let l1 = |f: &jixiao_core::model::Form| -> Vec<(String, Option<jixiao_core::model::Level1>)> {
        f.indicators
            .iter()
            .map(|i| (i.level1.value.clone(), i.level1_category))
            .collect()
    };
    assert_eq!(l1(&merged[0]), l1(&original[0]));
    assert!(
        merged[0].read_notes.is_empty(),
        "{:?}",
        merged[0].read_notes
    );
}
