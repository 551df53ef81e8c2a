//! Column-major spreadsheet text (a sheet converted to text cell by cell, column by column,
//! each table block on its own) and reader remarks (page markers, repeated headers).
//!
//! A small central form is written here as a grid of cells. Its row-major text (tabs) is the
//! reference; the same grid rendered column by column (one cell per line, and all on one line)
//! must read to the same form JSON, source positions and reader remarks aside. Renderings whose
//! columns do not line up must come out incomplete with a note saying which column is off.

use jixiao_core::model::{FormStatus, NoteKind};
use jixiao_core::output::json::{form_json, without_positions};
use jixiao_core::pipeline::{self, CheckedForm};
use jixiao_core::read::ReadOptions;
use serde_json::Value;

type Block = Vec<Vec<&'static str>>;

/// The form, block by block (header, funds, goals, indicators with the total).
fn form_blocks() -> Vec<Block> {
    vec![
        vec![vec!["项目支出绩效自评表(2022年度)"]],
        vec![
            vec!["项目名称", "社区健康服务", "", ""],
            vec![
                "主管部门",
                "某市卫生健康委员会",
                "实施单位",
                "某社区卫生服务中心",
            ],
        ],
        vec![
            vec![
                "项目资金(万元)",
                "",
                "年初预算数",
                "全年预算数",
                "全年执行数",
                "分值",
                "执行率",
                "得分",
            ],
            vec!["", "年度资金总额", "100", "120", "108", "10", "90%", "9"],
            vec!["", "其中:当年财政拨款", "100", "120", "108", "—", "—", "—"],
            vec!["", "上年结转资金", "0", "0", "0", "—", "—", "—"],
            vec!["", "其他资金", "0", "0", "0", "—", "—", "—"],
        ],
        vec![
            vec!["年度总体目标", "预期目标", "实际完成情况"],
            vec![
                "",
                "为辖区居民提供基本公共卫生服务",
                "已为辖区居民提供基本公共卫生服务",
            ],
        ],
        indicator_block(),
    ]
}

fn indicator_block() -> Block {
    vec![
        vec![
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ],
        vec![
            "产出指标",
            "数量指标",
            "建立居民健康档案数",
            "≥3000人",
            "3200人",
            "20",
            "20",
            "",
        ],
        vec![
            "产出指标",
            "质量指标",
            "档案合格率",
            "≥90%",
            "95%",
            "20",
            "20",
            "",
        ],
        vec![
            "产出指标",
            "时效指标",
            "完成时间",
            "2022年12月",
            "2022年12月",
            "10",
            "10",
            "",
        ],
        vec![
            "效益指标",
            "社会效益指标",
            "居民健康水平",
            "提高",
            "有所提高",
            "30",
            "28",
            "",
        ],
        vec![
            "满意度指标",
            "服务对象满意度指标",
            "居民满意度",
            "≥90%",
            "92%",
            "10",
            "10",
            "",
        ],
        vec!["总分", "", "", "", "", "100", "97", ""],
    ]
}

/// Row-major text: a row per line, cells split by tabs.
fn tsv(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        for r in b {
            out.push_str(&r.join("\t"));
            out.push('\n');
        }
    }
    out
}

/// Column-major cells: each block column by column, top to bottom, empty cells left out.
fn column_cells(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks {
        let width = b.iter().map(Vec::len).max().unwrap_or(0);
        for c in 0..width {
            for r in b {
                if let Some(t) = r.get(c).filter(|t| !t.is_empty()) {
                    out.push((*t).to_string());
                }
            }
        }
    }
    out
}

fn check(text: &str) -> Vec<CheckedForm> {
    pipeline::check_bytes("cm.txt", text.as_bytes(), &ReadOptions::default())
}

fn one(text: &str) -> CheckedForm {
    let mut forms = check(text);
    assert_eq!(
        forms.len(),
        1,
        "{:#?}",
        forms.iter().map(|f| &f.form.status).collect::<Vec<_>>()
    );
    forms.remove(0)
}

/// The form JSON without positions, reader notes and the JX001 findings made from them.
fn comparable(c: &CheckedForm) -> Value {
    let mut v = without_positions(&form_json(c));
    let obj = v.as_object_mut().unwrap();
    obj.remove("read_notes");
    // Findings are ordered by position, which differs between renderings: compare them sorted.
    let mut findings: Vec<Value> = obj["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] != "JX001")
        .cloned()
        .collect();
    findings.sort_by_key(|f| f.to_string());
    obj.insert("findings".into(), Value::from(findings));
    v
}

/// The reader's notes of one kind.
fn notes(c: &CheckedForm, kind: NoteKind) -> Vec<String> {
    c.form
        .read_notes
        .iter()
        .filter(|n| n.kind == kind)
        .map(|n| n.message.clone())
        .collect()
}

fn remarks(c: &CheckedForm) -> Vec<String> {
    notes(c, NoteKind::Remark)
}

fn problems(c: &CheckedForm) -> Vec<String> {
    notes(c, NoteKind::Problem)
}

#[test]
fn the_row_major_reference_reads_complete() {
    let c = one(&tsv(&form_blocks()));
    assert_eq!(
        c.form.status,
        FormStatus::Complete,
        "{:?}",
        c.form.read_notes
    );
    assert_eq!(c.form.indicators.len(), 5);
    assert_eq!(
        c.eval.total_computed.map(|d| d.to_string()),
        Some("97".to_string())
    );
}

#[test]
fn column_major_text_reads_like_the_row_major_text() {
    let blocks = form_blocks();
    let reference = one(&tsv(&blocks));
    let cells = column_cells(&blocks);
    let per_line = cells.join("\n");
    let one_line = cells.join(" ");
    for (what, text) in [("one cell per line", per_line), ("one line", one_line)] {
        let c = one(&text);
        assert_eq!(
            c.form.status,
            FormStatus::Complete,
            "{what}: {:?}",
            c.form.read_notes
        );
        assert!(
            remarks(&c).iter().any(|m| m.contains("按列导出")),
            "{what}: {:?}",
            c.form.read_notes
        );
        assert!(problems(&c).is_empty(), "{what}: {:?}", problems(&c));
        let (want, got) = (comparable(&reference), comparable(&c));
        for k in want.as_object().unwrap().keys() {
            assert_eq!(want[k], got[k], "{what}: `{k}` differs");
        }
        assert_eq!(want, got, "{what}");
    }
}

#[test]
fn column_major_values_keep_their_own_positions() {
    let cells = column_cells(&form_blocks());
    let text = cells.join("\n");
    let c = one(&text);
    let i = &c.form.indicators[1];
    assert_eq!(i.name.value, "档案合格率");
    // The target `≥90%` of the second row is printed on its own line in the 年度指标值 run.
    let line = i.target.as_ref().unwrap().at.line as usize;
    assert_eq!(text.lines().nth(line - 1), Some("≥90%"));
    let score = i.score.as_ref().unwrap();
    assert_eq!(text.lines().nth(score.at.line as usize - 1), Some("20"));
}

/// Remove the `n`-th occurrence of `text` from a cell list.
fn without(cells: &[String], text: &str, n: usize) -> Vec<String> {
    let mut seen = 0;
    cells
        .iter()
        .filter(|c| {
            if c.as_str() == text {
                seen += 1;
                return seen != n;
            }
            true
        })
        .cloned()
        .collect()
}

#[test]
fn a_column_with_a_missing_cell_stops_the_form_with_the_counts() {
    let cells = column_cells(&form_blocks());
    // The second `≥90%` is the 满意度 target; the first is the 合格率 target.
    let mangled = without(&cells, "≥90%", 1);
    let c = one(&mangled.join("\n"));
    match &c.form.status {
        FormStatus::Incomplete { stops_in, .. } => {
            assert!(stops_in.contains("5个三级指标"), "{stops_in}");
            assert!(stops_in.contains("“年度指标值”4个"), "{stops_in}");
        }
        other => panic!("{other:?}"),
    }
    assert!(c.eval.total_computed.is_none() && c.eval.grade.is_none());
    // Nothing is paired by guess: no indicator is read.
    assert!(c.form.indicators.is_empty());
    // What came before the table is read.
    assert_eq!(
        c.form.header.implementing_unit.as_ref().unwrap().value,
        "某社区卫生服务中心"
    );
    assert!(c.form.funds.total_row().is_some());
}

#[test]
fn merged_level1_labels_cannot_be_placed_and_say_so() {
    // The 一级 label printed once per group (a merged cell): which rows belong to 效益指标 is
    // not in the text.
    let mut blocks = form_blocks();
    let ind = blocks.last_mut().unwrap();
    ind[2][0] = "";
    ind[3][0] = "";
    let c = one(&column_cells(&blocks).join("\n"));
    match &c.form.status {
        FormStatus::Incomplete { stops_in, .. } => {
            assert!(stops_in.contains("“一级指标”4个"), "{stops_in}");
        }
        other => panic!("{other:?}"),
    }
    assert!(c.eval.total_computed.is_none());
}

#[test]
fn a_funds_column_that_does_not_line_up_is_left_out_and_reading_goes_on() {
    let cells = column_cells(&form_blocks());
    // One 全年执行数 value of a 0 row lost: the funds columns do not line up any more.
    let i = cells.iter().position(|c| c == "全年执行数").unwrap();
    let mut mangled = cells.clone();
    mangled.remove(i + 4);
    let c = one(&mangled.join("\n"));
    match &c.form.status {
        FormStatus::Incomplete { stops_in, .. } => {
            assert!(stops_in.contains("资金使用情况"), "{stops_in}");
            assert!(stops_in.contains("“全年执行数”3个"), "{stops_in}");
        }
        other => panic!("{other:?}"),
    }
    assert!(c.form.funds.rows.is_empty());
    // The indicators after the funds block are still read, and no total is computed.
    assert_eq!(c.form.indicators.len(), 5);
    assert!(c.eval.total_computed.is_none());
}

#[test]
fn header_labels_without_as_many_values_are_not_paired() {
    let mut cells = column_cells(&form_blocks());
    let i = cells.iter().position(|c| c == "社区健康服务").unwrap();
    cells.remove(i);
    let c = one(&cells.join("\n"));
    // 主管部门 must not get the value that is left.
    assert!(c.form.header.budget_unit.is_none(), "{:?}", c.form.header);
    assert!(c.form.header.project_name.is_none());
    assert!(
        problems(&c)
            .iter()
            .any(|m| m.contains("2个栏目名") && m.contains("1个值")),
        "{:?}",
        c.form.read_notes
    );
}

#[test]
fn row_major_stream_text_is_not_taken_for_column_major() {
    // The same form one cell per line in row order: read as before, without the remark.
    let cells: Vec<&str> = form_blocks()
        .iter()
        .flatten()
        .flatten()
        .copied()
        .filter(|t| !t.is_empty())
        .collect();
    let c = one(&cells.join("\n"));
    assert!(
        !remarks(&c).iter().any(|m| m.contains("按列导出")),
        "{:?}",
        c.form.read_notes
    );
}

#[test]
fn page_markers_and_repeated_headers_are_skipped_with_a_remark() {
    let mut blocks = form_blocks();
    let ind = blocks.pop().unwrap();
    let header = ind[0].clone();
    // Rows 1–2, a page footer, the header printed again, rows 3–5 and the total.
    let mut rows = ind[..3].to_vec();
    rows.push(vec!["", "", "", "— 1 —"]);
    rows.push(vec!["第 2 页 共 3 页"]);
    rows.push(header);
    rows.extend(ind[3..].iter().cloned());
    blocks.push(rows);
    let reference = one(&tsv(&form_blocks()));
    for (what, text) in [
        ("tabs", tsv(&blocks)),
        (
            "pipes",
            tsv(&blocks)
                .lines()
                .map(|l| format!("| {} |\n", l.replace('\t', " | ")))
                .collect(),
        ),
    ] {
        let c = one(&text);
        assert_eq!(
            c.form.status,
            FormStatus::Complete,
            "{what}: {:?}",
            c.form.read_notes
        );
        let r = remarks(&c);
        assert!(r.iter().any(|m| m.contains("“— 1 —”")), "{what}: {r:?}");
        assert!(
            r.iter().any(|m| m.contains("“第 2 页 共 3 页”")),
            "{what}: {r:?}"
        );
        assert!(r.iter().any(|m| m.contains("表头重复")), "{what}: {r:?}");
        assert!(problems(&c).is_empty(), "{what}: {:?}", problems(&c));
        assert_eq!(comparable(&c), comparable(&reference), "{what}");
        // The remarks are JX001 at info level.
        let infos = c
            .findings
            .iter()
            .filter(|f| f.code == "JX001")
            .map(|f| f.severity.code())
            .collect::<Vec<_>>();
        assert_eq!(infos, vec!["info"; 3], "{what}");
    }
}

#[test]
fn page_markers_in_cell_streams_are_skipped_with_a_remark() {
    let mut cells: Vec<&str> = form_blocks()
        .iter()
        .flatten()
        .flatten()
        .copied()
        .filter(|t| !t.is_empty())
        .collect();
    let reference = one(&cells.join("\n\n"));
    let at = cells.iter().position(|c| *c == "效益指标").unwrap();
    cells.insert(at, "-2-");
    let text = cells.join("\n\n");
    let c = one(&text);
    assert_eq!(
        c.form.status,
        FormStatus::Complete,
        "{:?}",
        c.form.read_notes
    );
    let note = c
        .form
        .read_notes
        .iter()
        .find(|n| n.message.contains("“-2-”"))
        .expect("a remark for the marker");
    assert_eq!(note.kind, NoteKind::Remark);
    assert_eq!(text.lines().nth(note.line as usize - 1), Some("-2-"));
    assert_eq!(comparable(&c), comparable(&reference));
}
