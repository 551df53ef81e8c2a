use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};

/// A 三级指标 name longer than 100 characters.
pub struct NameLength;

static META: RuleMeta = RuleMeta {
    code: "JX210",
    name: "name-length",
    area: Area::Structure,
    severity: Severity::Warning,
    title: "三级指标名称过长",
    what: "三级指标名称超过 100 个字符（按字数计，不是字节）。",
    why: "预算系统对三级指标名称限长 100 字；名称过长往往是把工作内容或目标值写进了名称，指标本身反而不清楚。",
    bad: "三级指标写成一整段工作描述（120 字），目标和完成要求都在名称里。",
    good: "三级指标“网站改版页面数”，年度指标值“≥54个”。",
    fix: "把三级指标名称精简为衡量对象（100 字以内），具体要求写进年度指标值或绩效目标。",
    source: "R26; domain.md B.4（三级指标 ≤ 100 字）; C9 [V]",
};

/// C9 [V]: the 三级指标 name holds at most this many characters.
const NAME_MAX_CHARS: usize = 100;

impl Rule for NameLength {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for ind in &cx.form.indicators {
            // A name of at most that many bytes has at most that many characters.
            if ind.name.value.len() <= NAME_MAX_CHARS {
                continue;
            }
            let n = ind.name.value.trim().chars().count();
            if n <= NAME_MAX_CHARS {
                continue;
            }
            let head: String = ind.name.value.trim().chars().take(20).collect();
            out.push(
                Finding::new(
                    &META,
                    format!("三级指标名称“{head}……”有 {n} 个字，超过 {NAME_MAX_CHARS} 字"),
                )
                .at(ind.name.at)
                .indicator(&ind.name.value),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::test_util::{form, row, run};
    use super::*;
    use crate::profile::Profile;

    #[test]
    fn counts_characters_not_bytes() {
        let ok = "字".repeat(100); // 300 bytes, 100 characters
        let long = "字".repeat(101);
        let rows = vec![
            row(1, "产出(50分)", "数量", &ok, "≥1个", "1个", "25"),
            row(2, "产出(50分)", "数量", &long, "≥1个", "1个", "25"),
        ];
        let out = run(&NameLength, &form(rows), &Profile::central_2020());
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].line, Some(2));
        assert!(out[0].message.contains("101 个字"));
    }
}
