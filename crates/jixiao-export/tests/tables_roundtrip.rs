//! Acceptance 1 (csv, json) and 3 (parquet): the tables read back to the same forms; Parquet
//! decimals are exact.

mod common;

use arrow::array::{Array, Decimal128Array, Int64Array, StringArray};
use arrow::datatypes::DataType;
use common::*;
use jixiao_core::output::json::form_from_json;
use jixiao_core::pipeline::{CheckedForm, check_form};
use jixiao_core::read::{ReadOptions, read_bytes};
use jixiao_export::{Options, Target, export};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use rust_decimal::Decimal;

fn csv_round_trip(what: &str, forms: &[CheckedForm]) {
    let dir = tempfile::tempdir().expect("tempdir");
    let written = export(forms, Target::Csv, dir.path(), Options { findings: true }).expect("csv");
    assert_eq!(written.len(), 4);
    let back = jixiao_export::csv::read_tables(dir.path()).expect("read tables");
    assert_forms_same(what, forms, &back);
}

#[test]
fn seed_forms_read_back_from_csv() {
    let forms = seed_forms();
    csv_round_trip("seed csv", &forms);
    // Excel needs the BOM; decimals are written as printed.
    let dir = tempfile::tempdir().expect("tempdir");
    export(&forms, Target::Csv, dir.path(), Options::default()).expect("csv");
    assert!(!dir.path().join("findings.csv").exists());
    let funds = std::fs::read(dir.path().join("funds.csv")).expect("funds.csv");
    assert!(funds.starts_with("\u{FEFF}form_id,seq,kind,label,".as_bytes()));
    let text = String::from_utf8(funds).expect("utf-8");
    // Seed form 1, hand-copied: 年度资金总额 108000.00 / 108000 / 64531 / 10 / 59.7 / 5.98.
    assert!(
        text.contains(
            "1,1,total_funds,年度资金总额,108000.00,108000,64531,10,59.7,59.75,5.98,5.98,"
        ),
        "{}",
        text.lines().nth(1).unwrap_or_default()
    );
}

/// The families with extra columns (河北 权重占比/折算得分, 重庆 得分系数/是否核心指标/计量单位,
/// 北京 得分计算方法, the decision frame): nothing of theirs is lost in the tables.
#[test]
fn family_forms_with_extra_columns_read_back_from_csv() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../jixiao-core/tests/fixtures/families"
    );
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("families fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut forms = Vec::new();
    for p in &files {
        let bytes = std::fs::read(p).expect("fixture");
        let read = read_bytes(&p.display().to_string(), &bytes, &ReadOptions::default());
        forms.extend(read.into_iter().map(check_form));
    }
    assert!(forms.len() >= 9, "{} forms", forms.len());
    let has = |f: &dyn Fn(&jixiao_core::model::Indicator) -> bool| {
        forms.iter().any(|c| c.form.indicators.iter().any(f))
    };
    assert!(has(&|i| i.extra.weight_share.is_some()));
    assert!(has(&|i| i.extra.score_coefficient.is_some()));
    assert!(has(&|i| i.extra.core.is_some()));
    assert!(has(&|i| i.extra.scoring_method.is_some()));
    csv_round_trip("family csv", &forms);
}

#[test]
fn generated_forms_read_back_from_csv() {
    csv_round_trip("generated csv", &generated_set(200));
}

#[test]
fn json_export_reads_back_through_form_from_json() {
    let mut forms = seed_forms();
    forms.extend(generated_set(200));
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out.json");
    export(&forms, Target::Json, &out, Options::default()).expect("json");
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).expect("read")).expect("json");
    assert_eq!(doc["summary"]["forms"], forms.len());
    let items = doc["forms"].as_array().expect("forms array");
    let back: Vec<_> = items
        .iter()
        .map(|v| form_from_json(v).expect("form_from_json"))
        .collect();
    assert_forms_same("json", &forms, &back);
}

fn read_parquet(path: &std::path::Path) -> arrow::record_batch::RecordBatch {
    let file = std::fs::File::open(path).expect("open parquet");
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .expect("parquet")
        .build()
        .expect("reader");
    let batches: Vec<_> = reader.map(|b| b.expect("batch")).collect();
    arrow::compute::concat_batches(&batches[0].schema(), &batches).expect("concat")
}

fn decimal(batch: &arrow::record_batch::RecordBatch, name: &str, row: usize) -> Option<Decimal> {
    let col = batch.column_by_name(name).expect(name);
    let DataType::Decimal128(_, scale) = col.data_type() else {
        panic!("{name} is {:?}, not Decimal128", col.data_type());
    };
    let a = col
        .as_any()
        .downcast_ref::<Decimal128Array>()
        .expect("decimal");
    (!a.is_null(row)).then(|| Decimal::from_i128_with_scale(a.value(row), *scale as u32))
}

#[test]
fn parquet_decimals_are_exact() {
    let mut forms = seed_forms();
    forms.extend(generated_set(60));
    let dir = tempfile::tempdir().expect("tempdir");
    let written = export(
        &forms,
        Target::Parquet,
        dir.path(),
        Options { findings: true },
    )
    .expect("parquet");
    assert_eq!(written.len(), 4);

    let funds = read_parquet(&dir.path().join("funds.parquet"));
    let ids = funds.column_by_name("form_id").expect("form_id");
    let ids = ids.as_any().downcast_ref::<Int64Array>().expect("int64");
    let mut row = 0;
    for (i, c) in forms.iter().enumerate() {
        for r in &c.form.funds.rows {
            assert_eq!(ids.value(row), i as i64 + 1);
            let v = |s: &Option<jixiao_core::model::Sourced<Decimal>>| s.as_ref().map(|s| s.value);
            assert_eq!(decimal(&funds, "initial_budget", row), v(&r.initial_budget));
            assert_eq!(
                decimal(&funds, "adjusted_budget", row),
                v(&r.adjusted_budget)
            );
            assert_eq!(decimal(&funds, "executed", row), v(&r.executed));
            assert_eq!(
                decimal(&funds, "execution_rate_printed", row),
                v(&r.execution_rate)
            );
            assert_eq!(decimal(&funds, "score_printed", row), v(&r.score));
            row += 1;
        }
    }
    assert_eq!(row, funds.num_rows());
    // Seed form 1 by hand: 108000.00 budget, 64531 executed.
    assert_eq!(
        decimal(&funds, "initial_budget", 0),
        Some(Decimal::new(10800000, 2))
    );
    assert_eq!(decimal(&funds, "executed", 0), Some(Decimal::new(64531, 0)));

    let inds = read_parquet(&dir.path().join("indicators.parquet"));
    let names = inds.column_by_name("name").expect("name");
    let names = names.as_any().downcast_ref::<StringArray>().expect("utf8");
    let mut row = 0;
    for c in &forms {
        for i in &c.form.indicators {
            assert_eq!(names.value(row), i.name.value);
            assert_eq!(
                decimal(&inds, "weight", row),
                i.weight.as_ref().map(|w| w.value)
            );
            assert_eq!(
                decimal(&inds, "score_printed", row),
                i.score.as_ref().map(|w| w.value)
            );
            let t = i.target.as_ref();
            assert_eq!(decimal(&inds, "target_value", row), t.and_then(|t| t.value));
            let a = i.actual.as_ref();
            assert_eq!(decimal(&inds, "actual_value", row), a.and_then(|a| a.value));
            row += 1;
        }
    }
    assert_eq!(row, inds.num_rows());

    let f = read_parquet(&dir.path().join("forms.parquet"));
    assert_eq!(f.num_rows(), forms.len());
    for (i, c) in forms.iter().enumerate() {
        let printed = c
            .form
            .total
            .as_ref()
            .and_then(|t| t.score.as_ref())
            .map(|s| s.value);
        assert_eq!(decimal(&f, "total_printed", i), printed);
    }
    let findings = read_parquet(&dir.path().join("findings.parquet"));
    let total: usize = forms.iter().map(|c| c.findings.len()).sum();
    assert_eq!(findings.num_rows(), total);
}
