//! Shared by the export tests: the seed's forms, generated forms, and the position-free
//! comparison of two readings.
#![allow(dead_code)]

use jixiao_core::model::Form;
use jixiao_core::output::json::{form_json, without_positions};
use jixiao_core::pipeline::{CheckedForm, check_form};
use jixiao_core::read::{ReadOptions, read_bytes};
use jixiao_gen::{GenOptions, Rendering, generate_one};
use serde_json::Value;

pub const SEED: &str = include_str!("../../../../tests/fixtures/seed.txt");

/// The seed's 16 forms, read and checked.
pub fn seed_forms() -> Vec<CheckedForm> {
    let forms = read_bytes("seed.txt", SEED.as_bytes(), &ReadOptions::default());
    assert_eq!(forms.len(), 16, "the seed holds 16 forms");
    forms.into_iter().map(check_form).collect()
}

/// Generated form `index` of a corpus (seed, profile, defect rate), read and checked.
pub fn generated(seed: u64, profile: &str, index: usize, pipe: bool) -> Vec<CheckedForm> {
    let opts = GenOptions {
        forms: index + 1,
        seed,
        defect_rate: 0.5,
        renderings: if pipe {
            vec![Rendering::Pipe]
        } else {
            vec![Rendering::Tsv]
        },
        profile: profile.to_string(),
        kinds: Vec::new(),
    };
    let g = generate_one(&opts, index);
    read_bytes(
        &format!("gen-{index}.txt"),
        g.text.as_bytes(),
        &ReadOptions::default(),
    )
    .into_iter()
    .map(check_form)
    .collect()
}

/// A varied set of `n` generated forms: both profiles, both renderings, seeds varied.
pub fn generated_set(n: usize) -> Vec<CheckedForm> {
    let mut out = Vec::new();
    for i in 0..n {
        let profile = jixiao_gen::PROFILES[i % jixiao_gen::PROFILES.len()];
        let seed = 1000 + (i as u64 / 7) * 31;
        out.extend(generated(seed, profile, i, i % 3 == 0));
    }
    out
}

/// A form, scored and checked again, as its JSON without positions; findings reduced to their
/// sorted codes (messages may quote positions).
pub fn comparable(form: &Form) -> Value {
    let mut v = without_positions(&form_json(&check_form(form.clone())));
    if let Some(obj) = v.as_object_mut() {
        let mut codes: Vec<String> = obj
            .get("findings")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|f| f.get("code").and_then(Value::as_str).map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        codes.sort();
        obj.insert("findings".into(), Value::from(codes));
    }
    v
}

/// Assert two readings agree, showing the first differing section on failure.
pub fn assert_same(what: &str, expected: &Value, got: &Value) {
    if expected == got {
        return;
    }
    let keys: Vec<&String> = expected
        .as_object()
        .map(|m| m.keys().collect())
        .unwrap_or_default();
    for k in keys {
        let (e, g) = (&expected[k], &got[k]);
        if e != g {
            panic!(
                "{what}: `{k}` differs\nexpected: {}\n     got: {}",
                serde_json::to_string_pretty(e).unwrap_or_default(),
                serde_json::to_string_pretty(g).unwrap_or_default()
            );
        }
    }
    panic!(
        "{what}: readings differ\nexpected: {}\n     got: {}",
        serde_json::to_string_pretty(expected).unwrap_or_default(),
        serde_json::to_string_pretty(got).unwrap_or_default()
    );
}

/// Assert `got` reads like `expected`, form by form, in order.
pub fn assert_forms_same(what: &str, expected: &[CheckedForm], got: &[Form]) {
    assert_eq!(
        got.len(),
        expected.len(),
        "{what}: number of forms; got paths {:?}",
        got.iter().map(|f| &f.source.path).collect::<Vec<_>>()
    );
    for (i, (e, g)) in expected.iter().zip(got).enumerate() {
        let name = e
            .form
            .header
            .project_name
            .as_ref()
            .map_or("", |n| n.value.as_str());
        assert_same(
            &format!("{what}: form {} ({name})", i + 1),
            &comparable(&e.form),
            &comparable(g),
        );
    }
}
