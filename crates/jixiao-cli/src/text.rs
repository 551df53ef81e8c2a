//! The readable text report of `jixiao check` (Chinese labels).

use comfy_table::{Table, presets::UTF8_BORDERS_ONLY};
use jixiao_core::model::{FormStatus, Sourced};
use jixiao_core::output::json::Summary;
use jixiao_core::pipeline::CheckedForm;
use jixiao_core::read::family::Family;
use jixiao_core::score::weighted_score;
use rust_decimal::Decimal;
use std::fmt::Write;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

fn dec(d: Option<Decimal>) -> String {
    d.map_or("—".to_string(), |v| {
        let mut v = v;
        if v.scale() < 2 {
            v.rescale(2);
        }
        v.to_string()
    })
}

fn printed(d: Option<&Sourced<Decimal>>) -> String {
    d.map_or("—".to_string(), |s| s.value.to_string())
}

fn status_chinese(s: &FormStatus) -> String {
    match s {
        FormStatus::Complete => "完整".into(),
        FormStatus::Incomplete { stops_in, line } => {
            format!("不完整：止于{stops_in}（第{line}行）")
        }
        FormStatus::Unscored => "无评分（该版式不打分）".into(),
        FormStatus::Ambiguous { .. } => "有歧义".into(),
        FormStatus::Unreadable { why } => format!("无法读取：{why}"),
    }
}

/// Widest a cell is shown in an excerpt (display columns); longer cells are cut with `…`.
const CELL_WIDTH: usize = 16;

fn clip(cell: &str, max: usize) -> String {
    let cell = cell.trim();
    if cell.width() <= max {
        return cell.to_string();
    }
    let mut out = String::new();
    for ch in cell.chars() {
        if out.width() + ch.width().unwrap_or(0) + 1 > max {
            break;
        }
        out.push(ch);
    }
    out.push('…');
    out
}

/// The source row of a finding with its cell underlined, miette-style.
fn excerpt(lines: &[&str], path: &str, line: u32, column: Option<u32>) -> Option<String> {
    let text = lines.get(usize::try_from(line).ok()?.checked_sub(1)?)?;
    let cells: Vec<&str> = text.split('\t').collect();
    let target = column
        .and_then(|c| usize::try_from(c).ok())
        .filter(|c| *c >= 1);
    let mut shown = String::new();
    let mut caret = (0usize, 0usize);
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            shown.push_str(" │ ");
        }
        let is_target = target == Some(i + 1);
        let clipped = clip(
            cell,
            if is_target {
                CELL_WIDTH * 2
            } else {
                CELL_WIDTH
            },
        );
        if is_target {
            caret = (shown.width(), clipped.width().max(1));
        }
        shown.push_str(&clipped);
    }
    let mut out = format!("        --> {path}:{line}");
    if let Some(c) = target {
        let _ = write!(out, ":{c}");
    }
    let _ = write!(out, "\n         │ {}\n", shown.trim_end());
    if target.is_some() {
        let _ = writeln!(
            out,
            "         │ {}{}",
            " ".repeat(caret.0),
            "^".repeat(caret.1)
        );
    }
    Some(out)
}

/// One form: header, printed vs recomputed numbers, findings (with the source row when
/// `source` holds the decoded text of the file).
pub fn render_form(c: &CheckedForm, source: Option<&[&str]>) -> String {
    let f = &c.form;
    let mut out = String::new();
    let name = f
        .header
        .project_name
        .as_ref()
        .map_or("（无项目名称）", |s| s.value.as_str());
    let code = f
        .header
        .project_code
        .as_ref()
        .map_or(String::new(), |s| format!("（{}）", s.value));
    let _ = writeln!(
        out,
        "━━ {name}{code}  {}:{}-{}  [{}]",
        f.source.path,
        f.source.first_line,
        f.source.last_line,
        status_chinese(&f.status)
    );
    if matches!(f.status, FormStatus::Unreadable { .. }) {
        out.push('\n');
        return out;
    }
    let unit =
        |s: &Option<Sourced<String>>| s.as_ref().map_or("—".to_string(), |s| s.value.clone());
    let year = f
        .header
        .year
        .as_ref()
        .map_or("—".to_string(), |y| y.value.to_string());
    let family = f.family.as_deref().map_or("—".to_string(), |code| {
        Family::from_code(code).map_or(code.to_string(), |fam| {
            format!("{}（{code}）", fam.chinese())
        })
    });
    let _ = writeln!(
        out,
        "   实施单位：{}　一级预算单位：{}　年度：{year}　表式：{family}　评分口径：{}",
        unit(&f.header.implementing_unit),
        unit(&f.header.budget_unit),
        f.profile
    );
    let total_row = f.funds.total_row();
    let mut t = Table::new();
    t.load_style(UTF8_BORDERS_ONLY);
    t.set_header(vec!["项目", "表中所填", "复算"]);
    t.add_row(vec![
        "执行率(%)".to_string(),
        printed(total_row.and_then(|r| r.execution_rate.as_ref())),
        dec(c.eval.execution.rate),
    ]);
    t.add_row(vec![
        "预算执行得分".to_string(),
        printed(total_row.and_then(|r| r.score.as_ref())),
        dec(c.eval.execution.score),
    ]);
    // A form weighted by 权重占比 (河北) adds up its 折算得分, not its 单项指标得分.
    let weighted = f.indicators.iter().any(|i| i.extra.weight_share.is_some());
    let profile = jixiao_core::profile::get(&f.profile);
    let printed_of = |i: &jixiao_core::model::Indicator| {
        if i.extra.weight_share.is_some() {
            i.extra
                .weighted_score
                .as_ref()
                .map(|s| s.value)
                .or_else(|| weighted_score(profile?, i, i.score.as_ref()?.value))
        } else {
            i.score.as_ref().map(|s| s.value)
        }
    };
    let printed_sum: Option<Decimal> = f.indicators.iter().map(printed_of).sum();
    let rule_sum: Option<Decimal> = c
        .eval
        .indicators
        .iter()
        .zip(f.indicators.iter())
        .map(|(s, i)| match s.computed {
            Some(x) if i.extra.weight_share.is_some() => weighted_score(profile?, i, x),
            Some(x) => Some(x),
            None => printed_of(i),
        })
        .sum();
    let sum_label = if weighted {
        "折算得分合计"
    } else {
        "指标得分合计"
    };
    t.add_row(vec![
        format!("{sum_label}（{}项）", f.indicators.len()),
        dec(printed_sum),
        format!("{}（按规则）", dec(rule_sum)),
    ]);
    t.add_row(vec![
        "总分".to_string(),
        printed(f.total.as_ref().and_then(|t| t.score.as_ref())),
        dec(c.eval.total_computed),
    ]);
    t.add_row(vec![
        "等级".to_string(),
        f.total
            .as_ref()
            .and_then(|t| t.grade_label.as_ref())
            .map_or("—".to_string(), |g| g.value.clone()),
        c.eval.grade.unwrap_or("—").to_string(),
    ]);
    for line in t.to_string().lines() {
        let _ = writeln!(out, "   {line}");
    }
    if c.findings.is_empty() {
        let _ = writeln!(out, "   未发现问题。");
    } else {
        let _ = writeln!(out, "   发现 {} 个问题：", c.findings.len());
        for fd in &c.findings {
            let place = match (fd.line, fd.column) {
                (Some(l), Some(col)) => format!("第{l}行第{col}列"),
                (Some(l), None) => format!("第{l}行"),
                _ => String::new(),
            };
            let ind = fd
                .indicator
                .as_ref()
                .map_or(String::new(), |n| format!("［{n}］"));
            let accepted = fd
                .accepted
                .as_ref()
                .map_or(String::new(), |r| format!("（已接受：{r}）"));
            let _ = writeln!(
                out,
                "   {} {} {place} {ind}{}{accepted}",
                fd.severity.chinese(),
                fd.code,
                fd.message
            );
            if let (Some(lines), Some(line)) = (source, fd.line)
                && let Some(ex) = excerpt(lines, &f.source.path, line, fd.column)
            {
                out.push_str(&ex);
            }
            let _ = writeln!(out, "        修改建议：{}", fd.fix);
        }
    }
    out.push('\n');
    out
}

/// The closing summary of a batch.
pub fn render_summary(s: &Summary) -> String {
    let statuses: Vec<String> = s
        .by_status
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    let grades: Vec<String> = s.by_grade.iter().map(|(k, v)| format!("{k} {v}")).collect();
    format!(
        "共 {} 个文件，{} 张表（{}）；等级：{}；错误 {}，警告 {}，提示 {}\n",
        s.files,
        s.forms,
        statuses.join("，"),
        if grades.is_empty() {
            "—".to_string()
        } else {
            grades.join("，")
        },
        s.errors,
        s.warnings,
        s.infos
    )
}
