//! Parquet: the same four tables as csv, one `.parquet` file each (zstd), decimals as exact
//! `Decimal128(precision, scale)` (never floats), text as UTF-8, counts and lines as Int64.

use crate::ExportError;
use crate::tables::{Kind, Table, Val};
use arrow::array::{ArrayRef, Decimal128Array, Int64Array, StringArray};
use arrow::datatypes::{DataType, Field, Schema};
use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use rust_decimal::Decimal;
use std::path::Path;
use std::sync::Arc;

/// The Arrow schema of a table.
pub fn schema(t: &Table) -> Schema {
    Schema::new(
        t.columns
            .iter()
            .map(|c| {
                let ty = match c.kind {
                    Kind::Text => DataType::Utf8,
                    Kind::Int => DataType::Int64,
                    Kind::Dec(p, s) => DataType::Decimal128(p, s),
                };
                Field::new(c.name, ty, c.name != "form_id")
            })
            .collect::<Vec<_>>(),
    )
}

/// `d` as the unscaled integer of a `Decimal128(precision, scale)`, or `None` when it does not
/// fit exactly (more decimals than `scale`, or more digits than `precision`).
pub fn unscaled(d: Decimal, precision: u8, scale: i8) -> Option<i128> {
    let scale = u32::try_from(scale).ok()?;
    let mut v = d;
    if d.scale() > scale {
        // Only trailing zeros may go.
        v = d.normalize();
        if v.scale() > scale {
            return None;
        }
    }
    let mut m = v.mantissa();
    for _ in v.scale()..scale {
        m = m.checked_mul(10)?;
    }
    let limit = 10i128.checked_pow(u32::from(precision))?;
    (m.abs() < limit).then_some(m)
}

/// The record batch of a table; an error names the row and column of a value that does not fit.
pub fn batch(t: &Table) -> Result<RecordBatch, ExportError> {
    let schema = Arc::new(schema(t));
    let mut arrays: Vec<ArrayRef> = Vec::with_capacity(t.columns.len());
    for (ci, c) in t.columns.iter().enumerate() {
        let values = t.rows.iter().map(|r| &r[ci]);
        let array: ArrayRef = match c.kind {
            Kind::Text => Arc::new(
                values
                    .map(|v| match v {
                        Val::Text(s) => s.as_deref(),
                        _ => None,
                    })
                    .collect::<StringArray>(),
            ),
            Kind::Int => Arc::new(
                values
                    .map(|v| match v {
                        Val::Int(i) => *i,
                        _ => None,
                    })
                    .collect::<Int64Array>(),
            ),
            Kind::Dec(p, s) => {
                let mut out: Vec<Option<i128>> = Vec::with_capacity(t.rows.len());
                for (ri, v) in values.enumerate() {
                    let d = match v {
                        Val::Dec(d) => *d,
                        _ => None,
                    };
                    out.push(match d {
                        Some(d) => Some(unscaled(d, p, s).ok_or_else(|| {
                            ExportError::Write(format!(
                                "{} 表第 {} 行“{}”列的数值 {d} 超出 Decimal128({p},{s}) 的范围，无法精确写入 Parquet",
                                t.name,
                                ri + 1,
                                c.name
                            ))
                        })?),
                        None => None,
                    });
                }
                let array = out
                    .into_iter()
                    .collect::<Decimal128Array>()
                    .with_precision_and_scale(p, s)
                    .map_err(|e| ExportError::Write(format!("Parquet 列 {}：{e}", c.name)))?;
                Arc::new(array)
            }
        };
        arrays.push(array);
    }
    RecordBatch::try_new(schema, arrays)
        .map_err(|e| ExportError::Write(format!("Parquet 表 {}：{e}", t.name)))
}

/// One table as Parquet bytes.
pub fn table_parquet(t: &Table) -> Result<Vec<u8>, ExportError> {
    let batch = batch(t)?;
    let props = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .build();
    let err = |e: parquet::errors::ParquetError| {
        ExportError::Write(format!("写入 {}.parquet 时出错：{e}", t.name))
    };
    let mut buf = Vec::new();
    let mut w = ArrowWriter::try_new(&mut buf, batch.schema(), Some(props)).map_err(err)?;
    w.write(&batch).map_err(err)?;
    w.close().map_err(err)?;
    Ok(buf)
}

/// Write `tables` as `<dir>/<name>.parquet`; the paths written.
pub fn write_tables(dir: &Path, tables: &[Table]) -> Result<Vec<String>, ExportError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| ExportError::Write(format!("无法创建输出目录 {}：{e}", dir.display())))?;
    let mut written = Vec::new();
    for t in tables {
        let path = dir.join(format!("{}.parquet", t.name));
        std::fs::write(&path, table_parquet(t)?)
            .map_err(|e| ExportError::Write(format!("无法写入 {}：{e}", path.display())))?;
        written.push(path.display().to_string());
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::unscaled;
    use rust_decimal::Decimal;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    #[test]
    fn decimals_scale_exactly_or_not_at_all() {
        assert_eq!(unscaled(d("108000.00"), 24, 6), Some(108_000_000_000));
        assert_eq!(unscaled(d("7.5"), 18, 6), Some(7_500_000));
        assert_eq!(unscaled(d("-0.25"), 18, 6), Some(-250_000));
        assert_eq!(unscaled(d("1.2300000"), 18, 6), Some(1_230_000));
        assert_eq!(unscaled(d("1.2345678"), 18, 6), None);
        assert_eq!(unscaled(d("1000000000000"), 18, 6), None);
        assert_eq!(
            unscaled(d("999999999999.999999"), 18, 6),
            Some(999_999_999_999_999_999)
        );
    }
}
