//! HTML tables → a grid, with a small hand parser (no DOM).
//!
//! Every `<tr>` of every `<table>` (nested tables too) becomes a row, numbered in document
//! order; `<td>`/`<th>` cells are placed by the HTML table algorithm with `colspan`/`rowspan`
//! (spans filled as in [`crate::layout`]). Text outside tables is ignored, except headings
//! (`<h1>`–`<h6>`) and `<caption>`s, which become one-cell rows so a title printed above the
//! table still starts its form. `<script>`, `<style>` and comments are skipped; tags the parser
//! does not know are dropped and their text kept; malformed markup never fails, it only reads
//! less.

use jixiao_core::grid::Grid;

use crate::layout::Layout;

/// Largest `colspan`/`rowspan` honoured (HTML caps colspan at 1000; we cap both lower).
const MAX_SPAN: usize = 1000;

struct Cell {
    text: String,
    column: u32,
    rowspan: usize,
}

#[derive(Default)]
struct Table {
    /// Global row numbers of this table's rows, in order.
    rows: Vec<u32>,
    /// For each column (index 0 = column 1): the first local row index where it is free again.
    busy: Vec<usize>,
    next_col: u32,
    in_row: bool,
    cell: Option<Cell>,
    /// Cells spanning rows: (first local row, column, text, rowspan), filled when the table ends.
    spans: Vec<(usize, u32, String, usize)>,
}

impl Table {
    fn start_row(&mut self, layout: &mut Layout) {
        self.end_row(layout);
        self.rows.push(layout.new_row());
        self.in_row = true;
        self.next_col = 1;
    }

    fn end_row(&mut self, layout: &mut Layout) {
        self.end_cell(layout);
        self.in_row = false;
    }

    fn start_cell(&mut self, layout: &mut Layout, colspan: usize, rowspan: usize) {
        self.end_cell(layout);
        if !self.in_row {
            self.start_row(layout);
        }
        let local = self.rows.len() - 1;
        let mut col = self.next_col.max(1);
        while self.busy.get(col as usize - 1).is_some_and(|&b| b > local) {
            col += 1;
        }
        let colspan = colspan.clamp(1, MAX_SPAN);
        let rowspan = rowspan.clamp(1, MAX_SPAN);
        let end = col as usize - 1 + colspan;
        if self.busy.len() < end {
            self.busy.resize(end, 0);
        }
        for b in &mut self.busy[col as usize - 1..end] {
            *b = (*b).max(local + rowspan);
        }
        self.next_col = col + colspan as u32;
        self.cell = Some(Cell {
            text: String::new(),
            column: col,
            rowspan,
        });
    }

    fn end_cell(&mut self, layout: &mut Layout) {
        let Some(cell) = self.cell.take() else { return };
        let local = self.rows.len() - 1;
        layout.put(self.rows[local], cell.column, &cell.text);
        if cell.rowspan > 1 {
            self.spans
                .push((local, cell.column, cell.text, cell.rowspan));
        }
    }

    fn finish(mut self, layout: &mut Layout) {
        self.end_row(layout);
        for (first, column, text, rowspan) in self.spans {
            let last = (first + rowspan).min(self.rows.len());
            layout.put_spanning(&self.rows[first..last], column, &text);
        }
    }
}

/// What text goes to at the moment.
enum Sink {
    Nowhere,
    Cell,
    Heading,
}

/// Read every table of an HTML document into one grid (empty if there is no table row).
pub(crate) fn html_grid(html: &str) -> Grid {
    let mut layout = Layout::default();
    let mut tables: Vec<Table> = Vec::new();
    let mut heading: Option<String> = None;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut tables, &mut heading, rest);
            break;
        };
        push_text(&mut tables, &mut heading, &rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        let Some(tag) = parse_tag(rest) else {
            // A '<' that opens no tag (`<5%`): plain text.
            push_text(&mut tables, &mut heading, "<");
            rest = &rest[1..];
            continue;
        };
        rest = &rest[tag.len..];
        let name = tag.name.as_str();
        if !tag.closing && matches!(name, "script" | "style" | "textarea" | "title") {
            rest = skip_raw_text(rest, name);
            continue;
        }
        match (name, tag.closing) {
            ("table", false) => tables.push(Table::default()),
            ("table", true) => {
                if let Some(t) = tables.pop() {
                    t.finish(&mut layout);
                }
            }
            ("tr", false) => {
                if let Some(t) = tables.last_mut() {
                    t.start_row(&mut layout);
                }
            }
            ("tr", true) => {
                if let Some(t) = tables.last_mut() {
                    t.end_row(&mut layout);
                }
            }
            ("td" | "th", false) => {
                if let Some(t) = tables.last_mut() {
                    t.start_cell(&mut layout, tag.span("colspan"), tag.span("rowspan"));
                }
            }
            ("td" | "th", true) => {
                if let Some(t) = tables.last_mut() {
                    t.end_cell(&mut layout);
                }
            }
            ("thead" | "tbody" | "tfoot", _) => {
                if let Some(t) = tables.last_mut() {
                    t.end_row(&mut layout);
                }
            }
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "caption", false)
                if !matches!(sink(&tables, &heading), Sink::Cell) =>
            {
                heading = Some(String::new());
            }
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "caption", true) => {
                if let Some(text) = heading.take() {
                    let row = layout.new_row();
                    layout.put(row, 1, &text);
                }
            }
            // Line and block breaks inside a cell separate words.
            ("br" | "p" | "div" | "li" | "hr", _) => push_text(&mut tables, &mut heading, "\n"),
            _ => {}
        }
    }
    while let Some(t) = tables.pop() {
        t.finish(&mut layout);
    }
    layout.into_grid()
}

fn sink(tables: &[Table], heading: &Option<String>) -> Sink {
    match tables.last() {
        Some(t) if t.cell.is_some() => Sink::Cell,
        _ if heading.is_some() => Sink::Heading,
        _ => Sink::Nowhere,
    }
}

fn push_text(tables: &mut [Table], heading: &mut Option<String>, raw: &str) {
    if raw.is_empty() {
        return;
    }
    let text = decode_entities(raw);
    match sink(tables, heading) {
        Sink::Cell => {
            if let Some(cell) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                cell.text.push_str(&text);
            }
        }
        Sink::Heading => {
            if let Some(h) = heading.as_mut() {
                h.push_str(&text);
            }
        }
        Sink::Nowhere => {}
    }
}

struct Tag {
    name: String,
    closing: bool,
    attrs: Vec<(String, String)>,
    /// Bytes of the tag including `<` and `>`.
    len: usize,
}

impl Tag {
    fn span(&self, name: &str) -> usize {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .and_then(|(_, v)| {
                let digits: String = v.trim().chars().take_while(char::is_ascii_digit).collect();
                digits.parse().ok()
            })
            .unwrap_or(1)
    }
}

/// Parse the tag at the start of `s` (which starts with `<`); `None` if it is not a tag.
fn parse_tag(s: &str) -> Option<Tag> {
    let bytes = s.as_bytes();
    let mut i = 1;
    let closing = bytes.get(1) == Some(&b'/');
    if closing {
        i += 1;
    }
    let first = *bytes.get(i)?;
    if first == b'!' || first == b'?' {
        // Doctype, CDATA, processing instruction: skip to '>'.
        let end = s.find('>')?;
        return Some(Tag {
            name: String::new(),
            closing: false,
            attrs: Vec::new(),
            len: end + 1,
        });
    }
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let name_start = i;
    while i < bytes.len()
        && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b':' || bytes[i] == b'-')
    {
        i += 1;
    }
    let name = s[name_start..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        match bytes.get(i) {
            None => {
                return Some(Tag {
                    name,
                    closing,
                    attrs,
                    len: s.len(),
                });
            }
            Some(b'>') => {
                return Some(Tag {
                    name,
                    closing,
                    attrs,
                    len: i + 1,
                });
            }
            _ => {}
        }
        let key_start = i;
        while i < bytes.len()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
            && !bytes[i].is_ascii_whitespace()
        {
            i += 1;
        }
        let key = s[key_start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let start = i + 1;
                    let end = s[start..].find(q as char).map_or(s.len(), |e| start + e);
                    value = s[start..end].to_string();
                    i = (end + 1).min(s.len());
                }
                _ => {
                    let start = i;
                    while i < bytes.len() && bytes[i] != b'>' && !bytes[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    value = s[start..i].to_string();
                }
            }
        }
        if key_start == i {
            // Nothing consumed: a stray character; step over it.
            i += 1;
        }
        attrs.push((key, value));
    }
}

/// Skip the content of a raw-text element up to and including its end tag.
fn skip_raw_text<'a>(s: &'a str, name: &str) -> &'a str {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(i) = s[from..].find("</").map(|i| i + from) {
        let tag = &bytes[i + 2..];
        if tag.len() >= name.len() && tag[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            let after = &s[i..];
            return after.find('>').map_or("", |j| &after[j + 1..]);
        }
        from = i + 2;
    }
    ""
}

/// Decode character references and the named entities seen in these forms.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .find(|c: char| c == ';' || c == '&' || c == '<' || c.is_whitespace())
            .map(|i| i + 1);
        let decoded = end
            .filter(|&e| rest.as_bytes()[e] == b';' && e <= 12)
            .and_then(|e| entity(&rest[1..e]).map(|c| (c, e + 1)));
        match decoded {
            Some((c, len)) => {
                out.push_str(&c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<String> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).map(String::from);
    }
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "ge" => '≥',
        "le" => '≤',
        "ne" => '≠',
        "plusmn" => '±',
        "times" => '×',
        "divide" => '÷',
        "middot" => '·',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "permil" => '‰',
        "yen" => '¥',
        "deg" => '°',
        "sup2" => '²',
        "sup3" => '³',
        "bull" => '•',
        _ => return None,
    };
    Some(c.to_string())
}

/// Plain text of an HTML document without tables: block ends become line breaks, tags go.
pub(crate) fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        let Some(tag) = parse_tag(rest) else {
            out.push('<');
            rest = &rest[1..];
            continue;
        };
        rest = &rest[tag.len..];
        if !tag.closing && matches!(tag.name.as_str(), "script" | "style" | "textarea" | "title") {
            rest = skip_raw_text(rest, &tag.name);
            continue;
        }
        if matches!(
            tag.name.as_str(),
            "br" | "p" | "div" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "tr"
        ) {
            out.push('\n');
        } else if matches!(tag.name.as_str(), "td" | "th") && tag.closing {
            out.push('\t');
        }
    }
    out.push_str(&decode_entities(rest));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(g: &Grid) -> Vec<Vec<String>> {
        g.rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.clone()).collect())
            .collect()
    }

    #[test]
    fn rowspan_and_colspan_place_cells() {
        let g = html_grid(
            "<h2>项目支出绩效自评表</h2><p>ignored</p><table>\
             <tr><th colspan=2>一级</th><td>x</td></tr>\
             <tr><td rowspan='2'>产出(50分)</td><td>a</td><td>1</td></tr>\
             <tr><td>b</td><td>2 &ge; 1&nbsp;&amp;</td></tr></table>",
        );
        assert_eq!(
            texts(&g),
            vec![
                vec!["项目支出绩效自评表"],
                vec!["一级", "", "x"],
                vec!["产出(50分)", "a", "1"],
                vec!["产出(50分)", "b", "2 ≥ 1 &"],
            ]
        );
        assert_eq!(g.rows[3].cells[1].column, 2);
    }

    #[test]
    fn malformed_markup_reads_what_it_can() {
        let g = html_grid("<table><td>a<td>b <5%<tr><td><script>x<y</script>c</table");
        assert_eq!(texts(&g), vec![vec!["a", "b <5%"], vec!["c"]]);
        assert!(html_grid("<<<>>>&&&;<table").rows.is_empty());
    }

    #[test]
    fn nested_tables_give_their_own_rows() {
        let g = html_grid(
            "<table><tr><td><table><tr><td>内</td><td>表</td></tr></table></td></tr></table>",
        );
        assert_eq!(texts(&g), vec![vec!["内", "表"]]);
    }
}
