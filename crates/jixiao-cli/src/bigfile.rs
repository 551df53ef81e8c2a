//! One large text file, streamed: read in blocks, cut into pieces at title rows
//! (`jixiao_core::read::pieces`), the pieces of a batch read and checked on all cores, the
//! forms handed on in file order. Memory holds a batch of pieces, not the file.
//!
//! Used for tab-separated text files larger than two pieces (default piece: 2 MiB; the
//! environment variable `JIXIAO_PIECE_BYTES` changes it, for tests). Other files are read whole.

use jixiao_core::decode;
use jixiao_core::model::Form;
use jixiao_core::pipeline::{self, CheckOptions, CheckedForm, Stage};
use jixiao_core::read::ReadOptions;
use jixiao_core::read::pieces::{self, Piece, PieceJoin};
use rayon::prelude::*;
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Default size of a piece (bytes).
const PIECE_BYTES: usize = 2 << 20;

/// The piece size: `JIXIAO_PIECE_BYTES`, else 2 MiB.
pub fn piece_bytes() -> usize {
    std::env::var("JIXIAO_PIECE_BYTES")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(PIECE_BYTES)
}

/// Whether a file of `len` bytes is large enough to be streamed.
pub fn is_big(len: u64) -> bool {
    len > 2 * piece_bytes() as u64
}

/// Reads blocks of a file and decodes them, always ending a block at a newline.
struct Blocks {
    file: File,
    /// Bytes after the last newline of the previous block.
    carry: Vec<u8>,
    encoding: String,
    eof: bool,
}

impl Blocks {
    /// The next block of text (ending at a newline, or at the end of the file).
    fn next(&mut self, size: usize) -> std::io::Result<Option<String>> {
        if self.eof {
            return Ok(None);
        }
        let mut buf = std::mem::take(&mut self.carry);
        let start = buf.len();
        buf.resize(start + size, 0);
        let mut filled = start;
        while filled < buf.len() {
            let n = self.file.read(&mut buf[filled..])?;
            if n == 0 {
                self.eof = true;
                break;
            }
            filled += n;
        }
        buf.truncate(filled);
        if !self.eof {
            match buf.iter().rposition(|&b| b == b'\n') {
                Some(nl) => self.carry = buf.split_off(nl + 1),
                // No newline in a whole block: keep reading (a very long line).
                None => {
                    self.carry = buf;
                    return Ok(Some(String::new()));
                }
            }
        }
        if buf.is_empty() {
            return Ok(if self.eof { None } else { Some(String::new()) });
        }
        Ok(Some(decode_block(&buf, &self.encoding)))
    }
}

fn decode_block(bytes: &[u8], encoding: &str) -> String {
    match decode::decode_with(bytes, encoding) {
        Ok(d) => d.text,
        Err(_) => String::from_utf8_lossy(bytes).replace("\r\n", "\n"),
    }
}

/// Open a file for streaming, if it is tab-separated text that can be cut: UTF-8 (or the
/// encoding given), and its beginning reads as the `tabs` rendering. `None`: read it whole.
fn open(path: &Path, label: &str, read: &ReadOptions) -> Option<(Blocks, String)> {
    let mut file = File::open(path).ok()?;
    let mut head = vec![0u8; 256 << 10];
    let mut filled = 0;
    while filled < head.len() {
        let n = file.read(&mut head[filled..]).ok()?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    head.truncate(filled);
    if jixiao_io::detect_format(label, &head) != jixiao_io::Format::Text {
        return None;
    }
    let nl = head.iter().rposition(|&b| b == b'\n')?;
    let encoding = match &read.encoding {
        Some(e) => e.clone(),
        None => {
            // The whole-file reader decodes valid UTF-8 as is; other encodings are guessed
            // over the whole file, so such files are read whole.
            std::str::from_utf8(&head[..=nl]).ok()?;
            "utf-8".to_string()
        }
    };
    let text = decode::decode_with(&head[..=nl], &encoding).ok()?.text;
    if !pieces::can_cut(&text) {
        return None;
    }
    let carry = head.split_off(nl + 1);
    Some((
        Blocks {
            file,
            carry,
            encoding,
            eof: false,
        },
        text,
    ))
}

/// Read and check a large file piece by piece, calling `emit` with its forms in file order.
/// Returns `false` (having read nothing) when the file is to be read whole instead.
pub fn check_streamed(
    path: &Path,
    label: &str,
    read: &ReadOptions,
    check: &CheckOptions,
    stage: Stage,
    emit: &mut dyn FnMut(Vec<CheckedForm>),
) -> bool {
    let Some((mut blocks, head)) = open(path, label, read) else {
        return false;
    };
    let size = piece_bytes();
    let batch = rayon::current_num_threads().max(1) * 2;
    let read_piece = |text: &str, line: u32| -> Vec<CheckedForm> {
        pieces::read_piece(label, text, line, read)
            .into_iter()
            .map(|f| pipeline::process_form(f, check, stage))
            .collect()
    };
    let open_end = |items: &[CheckedForm]| {
        items
            .last()
            .is_some_and(|c| pieces::ends_open(std::slice::from_ref(&c.form)))
    };
    let mut join = PieceJoin::default();
    let mut pending = head;
    let mut line = 1u32;
    let mut last_line = 0u32;
    let mut any = false;
    let mut done = false;
    while !done {
        // A batch of pieces, each ending just before a title row.
        let mut batch_pieces: Vec<(String, u32)> = Vec::new();
        while batch_pieces.len() < batch {
            let block = match blocks.next(size) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("错误：读取 {label} 时出错：{e}；文件其余部分未读取");
                    None
                }
            };
            let piece = match block {
                Some(b) => {
                    pending.push_str(&b);
                    if pending.len() < size {
                        continue;
                    }
                    match pieces::last_cut(&pending) {
                        Some(c) => {
                            let rest = pending.split_off(c);
                            std::mem::replace(&mut pending, rest)
                        }
                        None => continue,
                    }
                }
                None => {
                    done = true;
                    std::mem::take(&mut pending)
                }
            };
            if piece.is_empty() {
                break;
            }
            let lines = u32::try_from(piece.matches('\n').count()).unwrap_or(u32::MAX);
            let last = pieces::last_line_of(&piece);
            if last > 0 {
                last_line = line.saturating_add(last - 1);
            }
            batch_pieces.push((piece, line));
            line = line.saturating_add(lines);
            if done {
                break;
            }
        }
        let read_batch: Vec<Vec<CheckedForm>> = batch_pieces
            .par_iter()
            .map(|(t, l)| read_piece(t, *l))
            .collect();
        for ((text, first_line), items) in batch_pieces.into_iter().zip(read_batch) {
            let ready = join.push(
                Piece {
                    text,
                    first_line,
                    items,
                },
                open_end,
                read_piece,
            );
            any |= !ready.is_empty();
            emit(ready);
        }
    }
    let rest = join.finish();
    any |= !rest.is_empty();
    emit(rest);
    if !any {
        let f: Form = pieces::nothing_found(label, last_line, read);
        emit(vec![pipeline::process_form(f, check, stage)]);
    }
    true
}
