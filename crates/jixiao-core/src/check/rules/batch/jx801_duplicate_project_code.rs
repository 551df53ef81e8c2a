use super::{ProjectId, describe, project_id};
use crate::check::{Area, BatchItem, Finding, Rule, RuleMeta, Severity};
use std::collections::HashMap;

/// The same project (项目编码, or 项目名称 + 实施单位) and year on two forms of a batch.
pub struct DuplicateProjectCode;

static META: RuleMeta = RuleMeta {
    code: "JX801",
    name: "duplicate-project-code",
    area: Area::Batch,
    severity: Severity::Error,
    title: "同一项目同一年度重复填报",
    what: "在一起检查的一批自评表中，两张表的项目编码相同且年度相同（没有项目编码时，项目名称、实施单位和年度都相同）即报告，报告在后出现的那张表上，并指出先出现的表所在位置。不同年度的同一项目是历史比较（JX805），不算重复。",
    why: "一个项目一个年度只应有一张自评表。重复填报会使汇总的项目数、资金数和平均分失真；两张表内容不同时，也无法确定哪张是最终版本。",
    bad: "第3行起“干部健康管理”（440303210301500001427，2022年），第200行起又有一张 440303210301500001427、2022年的表。",
    good: "每个项目编码每个年度只出现一次；更正过的表替换原表，而不是追加在后面。",
    fix: "删除重复的自评表，只保留最终版本；如两张表确属不同项目，更正其中一张的项目编码。",
    source: "INFERRED (one form per project and year, domain.md B.1 项目编码)",
};

impl Rule for DuplicateProjectCode {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_batch(&self, batch: &[BatchItem], out: &mut Vec<(usize, Finding)>) {
        let mut first: HashMap<(ProjectId, Option<i32>), usize> = HashMap::new();
        for (idx, item) in batch.iter().enumerate() {
            let form = item.form;
            let Some(id) = project_id(form) else { continue };
            let year = form.header.year.as_ref().map(|y| y.value);
            let Some(&earlier) = first.get(&(id.clone(), year)) else {
                first.insert((id, year), idx);
                continue;
            };
            let Some(other) = batch.get(earlier).map(|b| b.form) else {
                continue;
            };
            let h = &form.header;
            let what = match (&id, &h.project_code) {
                (ProjectId::Code(_), Some(code)) => format!("项目编码 {}", code.value),
                _ => format!(
                    "项目名称“{}”、实施单位“{}”",
                    h.project_name.as_ref().map_or("", |n| n.value.as_str()),
                    h.implementing_unit
                        .as_ref()
                        .map_or("", |u| u.value.as_str())
                ),
            };
            let year = year.map_or(String::new(), |y| format!("（{y}年）"));
            let mut finding = Finding::new(
                &META,
                format!(
                    "{what}{year}与{}重复：同一项目同一年度有两张自评表",
                    describe(other, form)
                ),
            );
            if let Some(at) = h
                .project_code
                .as_ref()
                .map(|c| c.at)
                .or(h.project_name.as_ref().map(|n| n.at))
            {
                finding = finding.at(at);
            }
            out.push((idx, finding));
        }
    }
}
