use crate::check::words::utf8_len;
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};

/// A target (or name) that still holds template placeholders (`**`, `__`, `XX`, `××`, `-`).
pub struct PlaceholderValue;

static META: RuleMeta = RuleMeta {
    code: "JX304",
    name: "placeholder-value",
    area: Area::Targets,
    severity: Severity::Error,
    title: "年度指标值仍是模板占位符",
    what: "年度指标值中还留着模板占位符：星号“*”（如“≥**人”；“★”不算；计量单位里的连接号如“元/人*月”不算）、下划线“_”、“XX/xx”、“××”，或不属于区间、负数、日期、词语连接的“-”（如“≥-%”“--人”）。三级指标名称只查成串的“**”“__”“XX”“××”（名称中的“2022-2023年”之类不查）。“无/不适用”行不查。",
    why: "占位符说明目标根本没有填写，复制模板后忘了改；这样的指标无法考核，得分也没有依据（预算系统禁止年度指标值含“*”“_”“-”）。",
    bad: "年度指标值“≥**人”；“完成XX项”；“≥-%”。",
    good: "年度指标值“≥120人”；“完成3项”；“≥95%”。",
    fix: "把占位符替换为实际的目标数值和单位；该指标不适用的，改为“无”并把分值设为 0。",
    source: "R27; domain.md B.4（年度指标值不得含 *、_、- 占位符）; C9 [V]",
};

fn is_cjk(c: char) -> bool {
    matches!(u32::from(c), 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '―' | '‐' | '‑' | '‒')
}

fn is_op(c: char) -> bool {
    matches!(c, '≥' | '≤' | '>' | '<' | '=')
}

/// Template placeholders in `text`. `strict` (targets): any `*` or `_`, single `X` after an
/// operator, and stray dashes; otherwise (names) only runs of two or more. `unit_star`: the
/// parsed unit uses `*` as a joiner (`元/人*月`), so `*` is not checked.
fn placeholders(text: &str, strict: bool, unit_star: bool) -> Vec<&'static str> {
    // Only these characters are ever reported: most texts have none (no character vector).
    if !may_hold_placeholder(text, strict)
        || !text
            .chars()
            .any(|c| matches!(c, '*' | '_' | '×' | 'x' | 'X') || (strict && is_dash(c)))
    {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut found: Vec<&'static str> = Vec::new();
    let mut add = |p: &'static str| {
        if !found.contains(&p) {
            found.push(p);
        }
    };
    let min_run = if strict { 1 } else { 2 };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let run = chars[i..].iter().take_while(|&&d| d == c).count();
        let prev = i.checked_sub(1).and_then(|k| chars.get(k)).copied();
        match c {
            '*' if !unit_star && run >= min_run => add("*"),
            '_' if run >= min_run => add("_"),
            '×' if run >= 2 => add("××"),
            'x' | 'X' => {
                // A maximal run of x/X letters (mixed case), not part of a Latin word.
                let n = chars[i..]
                    .iter()
                    .take_while(|d| matches!(d, 'x' | 'X'))
                    .count();
                let next = chars.get(i + n).copied();
                let word = prev.is_some_and(|p| p.is_ascii_alphabetic())
                    || next.is_some_and(|p| p.is_ascii_alphabetic());
                let after_op = chars[..i]
                    .iter()
                    .rev()
                    .find(|d| !d.is_whitespace())
                    .is_some_and(|d| is_op(*d));
                if !word && (n >= 2 || (strict && after_op)) {
                    add("XX");
                }
                i += n;
                continue;
            }
            d if strict && is_dash(d) => {
                let before = chars[..i]
                    .iter()
                    .rev()
                    .find(|d| !d.is_whitespace())
                    .copied();
                let after = chars[i + run..]
                    .iter()
                    .find(|d| !d.is_whitespace())
                    .copied();
                let word_like = |x: Option<char>| {
                    x.is_some_and(|x| {
                        is_cjk(x)
                            || x.is_ascii_alphabetic()
                            || matches!(x, ')' | '(' | '》' | '《' | '”' | '“')
                    })
                };
                let number_follows = after.is_some_and(|a| a.is_ascii_digit()) && run == 1;
                let joins_words = word_like(before) && word_like(after);
                if !(number_follows || joins_words) {
                    add("-");
                }
            }
            _ => {}
        }
        i += run;
    }
    found
}

/// Whether `text` may hold a character [`placeholders`] reports, by the lead byte of each
/// character (a continuation byte is none of these): `* _ x X`, the lead bytes of `×` (C3 97),
/// and when `strict` `-` and the lead bytes of the dashes (E2 80). Stepping a character at a
/// time reads an ideograph's lead byte only.
fn may_hold_placeholder(text: &str, strict: bool) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        let hit = match x {
            b'*' | b'_' | b'x' | b'X' => true,
            b'-' => strict,
            0xC3 => b.get(i + 1) == Some(&0x97),
            0xE2 => strict && b.get(i + 1) == Some(&0x80),
            _ => false,
        };
        if hit {
            return true;
        }
        i += utf8_len(x);
    }
    false
}

fn quoted(ps: &[&str]) -> String {
    ps.iter()
        .map(|p| format!("“{p}”"))
        .collect::<Vec<_>>()
        .join("")
}

impl Rule for PlaceholderValue {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for ind in cx.form.indicators.iter().filter(|i| !cx.is_placeholder(i)) {
            if let Some(t) = &ind.target {
                let unit_star = t.unit.as_deref().is_some_and(|u| u.contains('*'));
                let ps = placeholders(&t.text, true, unit_star);
                if !ps.is_empty() {
                    out.push(
                        Finding::new(
                            &META,
                            format!(
                                "年度指标值“{}”含模板占位符{}，目标没有填写完整",
                                t.text.trim(),
                                quoted(&ps)
                            ),
                        )
                        .at(t.at)
                        .indicator(&ind.name.value),
                    );
                }
            }
            let ps = placeholders(&ind.name.value, false, false);
            if !ps.is_empty() {
                out.push(
                    Finding::new(
                        &META,
                        format!(
                            "三级指标名称“{}”含模板占位符{}",
                            ind.name.value.trim(),
                            quoted(&ps)
                        ),
                    )
                    .at(ind.name.at)
                    .indicator(&ind.name.value),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::structure::common::test_util::{form, row, run};
    use crate::profile::Profile;

    #[test]
    fn byte_test_lets_every_reported_character_through() {
        for c in (0..0x1_0000u32).filter_map(char::from_u32) {
            if matches!(c, '*' | '_' | '×' | 'x' | 'X') || is_dash(c) {
                assert!(may_hold_placeholder(&format!("一{c}二"), true), "{c}");
            }
            if matches!(c, '*' | '_' | '×' | 'x' | 'X') {
                assert!(may_hold_placeholder(&format!("一{c}二"), false), "{c}");
            }
        }
    }

    fn t(s: &str) -> Vec<&'static str> {
        placeholders(s, true, false)
    }

    #[test]
    fn target_placeholders() {
        assert_eq!(t("≥**人"), vec!["*"]);
        assert_eq!(t("≥*%"), vec!["*"]);
        assert_eq!(t("___个"), vec!["_"]);
        assert_eq!(t("完成XX项"), vec!["XX"]);
        assert_eq!(t("完成xx项"), vec!["XX"]);
        assert_eq!(t("≥X人"), vec!["XX"]);
        assert_eq!(t("××万元"), vec!["××"]);
        assert_eq!(t("≥-%"), vec!["-"]);
        assert_eq!(t("--人"), vec!["-"]);
        assert_eq!(t("≤ - 万元"), vec!["-"]);
        assert_eq!(t("100-"), vec!["-"]);
        assert_eq!(t("≥**-人"), vec!["*", "-"]);
    }

    #[test]
    fn not_placeholders() {
        for s in [
            "1-3个",
            "-5%",
            "≥-5",
            "2022-12-31前",
            "2022-2023年",
            "第一季度-第四季度",
            "线上-线下同步",
            "★优",
            "≥98%",
            "有所提升",
            "Windows XP兼容",
            "3×4米",
            "X光机2台",
            "有所提升——见说明",
        ] {
            assert!(t(s).is_empty(), "{s}: {:?}", t(s));
        }
        assert!(placeholders("≤500元/人*月", true, true).is_empty());
    }

    #[test]
    fn names_only_runs() {
        assert_eq!(placeholders("完成**项目", false, false), vec!["*"]);
        assert_eq!(placeholders("XX街道改造", false, false), vec!["XX"]);
        assert!(
            placeholders(
                "《加快罗湖深港深度融合发展区建设实施方案(2022-2023年)》",
                false,
                false
            )
            .is_empty()
        );
        assert!(placeholders("公报费用+调研工作费用", false, false).is_empty());
        assert!(placeholders("PPT*2制作", false, false).is_empty());
    }

    #[test]
    fn rule_reports_target_and_name() {
        let rows = vec![
            row(1, "产出(50分)", "数量", "培训XX期", "≥**期", "", "10"),
            row(2, "产出(50分)", "数量", "培训人数", "≥100人", "120人", "10"),
            row(3, "效益(30分)", "生态效益", "—", "—", "—", "0"),
        ];
        let out = run(&PlaceholderValue, &form(rows), &Profile::central_2020());
        assert_eq!(out.len(), 2, "{out:?}");
        assert_eq!(
            out[0].message,
            "年度指标值“≥**期”含模板占位符“*”，目标没有填写完整"
        );
        assert_eq!(out[1].message, "三级指标名称“培训XX期”含模板占位符“XX”");
    }
}
