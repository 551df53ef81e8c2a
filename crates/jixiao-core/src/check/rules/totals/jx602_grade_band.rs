use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::profile::Profile;

/// A printed grade word that disagrees with the band of the printed 总分.
pub struct GradeBand;

static META: RuleMeta = RuleMeta {
    code: "JX602",
    name: "grade-band",
    area: Area::Totals,
    severity: Severity::Error,
    title: "评价等级与总分不符",
    what: "总分行印有等级（优/良/中/差，或优秀/良好/合格/不合格）时，按评分口径的等级分段（默认 优 ≥90、良 [80,90)、中 [60,80)、差 <60，下限含）核对它与表中总分是否一致。",
    why: "等级是自评结论，直接用于结果应用（预算安排、通报）；等级与总分不符，要么总分错，要么等级错。",
    bad: "总分 89.50，等级填“优”（89.50 属“良”）。",
    good: "总分 89.50，等级“良”。",
    fix: "按评分口径的分段，根据总分更正等级；若等级正确，先核对总分。",
    source: "R49; domain.md A.6（T15）; [R] 办法; S4 [V]",
};

/// The grade code a printed label means under `profile`: its own band labels first, then the
/// usual synonyms (优秀/良好/合格/不合格 map onto the four bands, INFERRED).
fn label_code(profile: &Profile, label: &str) -> Option<&'static str> {
    let l = label.trim();
    if let Some(b) = profile.grade_bands.iter().find(|b| b.label == l) {
        return Some(b.code);
    }
    Some(match l {
        "优" | "优秀" => "excellent",
        "良" | "良好" => "good",
        "中" | "中等" | "合格" | "一般" => "fair",
        "差" | "较差" | "不合格" => "poor",
        _ => return None,
    })
}

impl Rule for GradeBand {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if !cx.profile.scored {
            return;
        }
        let Some(total) = &cx.form.total else {
            return;
        };
        let (Some(label), Some(score)) = (&total.grade_label, &total.score) else {
            return;
        };
        let Some(printed_code) = label_code(cx.profile, &label.value) else {
            return;
        };
        let band = cx.profile.grade(score.value);
        if band.code == printed_code {
            return;
        }
        out.push(
            Finding::new(
                &META,
                format!(
                    "等级填“{}”，总分 {} 按评分口径 {} 的分段应为“{}”",
                    label.value.trim(),
                    score.value,
                    cx.profile.name,
                    band.label
                ),
            )
            .at(label.at),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        let p = Profile::central_2020();
        assert_eq!(label_code(&p, "优"), Some("excellent"));
        assert_eq!(label_code(&p, " 良好 "), Some("good"));
        assert_eq!(label_code(&p, "合格"), Some("fair"));
        assert_eq!(label_code(&p, "不合格"), Some("poor"));
        assert_eq!(label_code(&p, "—"), None);
    }

    fn graded(total: &str, label: &str, profile: &Profile) -> usize {
        use crate::check::rules::scoring::common::testkit::{form, run};
        use crate::model::{Pos, Sourced};
        let mut f = form("100", "100", Vec::new());
        if let Some(t) = f.total.as_mut() {
            t.score = Some(Sourced::new(
                total.parse().unwrap_or_default(),
                Pos::new(2, 8),
            ));
            t.grade_label = Some(Sourced::new(label.to_string(), Pos::new(2, 9)));
        }
        run(&GradeBand, &f, profile).len()
    }

    #[test]
    fn bands_are_half_open() {
        let p = Profile::central_2020();
        assert_eq!(graded("89.5", "优", &p), 1); // T15
        assert_eq!(graded("89.5", "良", &p), 0);
        assert_eq!(graded("90", "优秀", &p), 0);
        assert_eq!(graded("59.99", "合格", &p), 1);
        assert_eq!(graded("85", "优", &Profile::legacy_80_70_60()), 0);
        assert_eq!(graded("85", "?", &p), 0);
    }
}
