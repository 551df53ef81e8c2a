//! Ruling lines of PDF pages: the cell borders a spreadsheet or word processor draws around a
//! table, read from the page content streams (lopdf, the PDF parser inside pdf-extract).
//!
//! Only axis-parallel strokes count: line segments (`m`/`l` … `S`) and thin rectangles (`re`
//! … `f`/`S`); a wide rectangle contributes its four edges when stroked. Coordinates are in PDF
//! user space, the space pdf-extract reports glyph positions in (the current transformation
//! matrix `cm` is applied, `q`/`Q` respected). Form XObjects are not entered. Reading is best
//! effort: a page whose content cannot be decoded simply has no rules.

use pdf_extract::Document;

/// A horizontal or vertical segment: `at` is its x (vertical) or y (horizontal), `from..=to`
/// its extent along the other axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Segment {
    pub at: f64,
    pub from: f64,
    pub to: f64,
}

impl Segment {
    /// Whether the segment reaches `v` along its length (with `slack` either side).
    pub fn covers(&self, v: f64, slack: f64) -> bool {
        self.from - slack <= v && v <= self.to + slack
    }
}

/// The ruling lines of one page.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rules {
    pub vertical: Vec<Segment>,
    pub horizontal: Vec<Segment>,
}

/// How thin a filled rectangle must be to count as a line, in points.
const THIN: f64 = 2.0;
/// Slack when matching a rule against a position, in points.
pub(crate) const SLACK: f64 = 0.75;

impl Rules {
    /// Whether a vertical rule runs between x positions `left` and `right` at height `y`.
    pub fn vertical_between(&self, left: f64, right: f64, y: f64) -> bool {
        self.vertical
            .iter()
            .any(|s| left < s.at && s.at < right && s.covers(y, SLACK))
    }

    /// Whether a horizontal rule runs between heights `low` and `high` at x position `x`.
    pub fn horizontal_between(&self, low: f64, high: f64, x: f64) -> bool {
        self.horizontal
            .iter()
            .any(|s| low < s.at && s.at < high && s.covers(x, SLACK))
    }

    /// The x extent of the ruled cell around (`x`, `y`): the nearest vertical rules left and
    /// right of `x` that reach height `y`.
    pub fn cell_columns(&self, x: f64, y: f64) -> Option<(f64, f64)> {
        let reach = self.vertical.iter().filter(|s| s.covers(y, SLACK));
        let left = reach
            .clone()
            .filter(|s| s.at <= x)
            .map(|s| s.at)
            .reduce(f64::max)?;
        let right = reach.filter(|s| s.at > x).map(|s| s.at).reduce(f64::min)?;
        Some((left, right))
    }

    fn add(&mut self, (x0, y0): (f64, f64), (x1, y1): (f64, f64)) {
        if !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()) {
            return;
        }
        if (x0 - x1).abs() <= 0.5 && (y0 - y1).abs() > 0.5 {
            self.vertical.push(Segment {
                at: (x0 + x1) / 2.0,
                from: y0.min(y1),
                to: y0.max(y1),
            });
        } else if (y0 - y1).abs() <= 0.5 && (x0 - x1).abs() > 0.5 {
            self.horizontal.push(Segment {
                at: (y0 + y1) / 2.0,
                from: x0.min(x1),
                to: x0.max(x1),
            });
        }
    }
}

/// An affine matrix `[a b c d e f]` (PDF order).
#[derive(Debug, Clone, Copy)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` applied first, then `then` (PDF `cm`: new CTM = M × CTM).
    fn then(self, then: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = then.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn apply(self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }
}

/// A path being built: its segments (in user space) and thin filled rectangles.
#[derive(Default)]
struct Path {
    segments: Vec<((f64, f64), (f64, f64))>,
    /// Rectangles as (corner, opposite corner) in user space, with their size in user space.
    rects: Vec<((f64, f64), (f64, f64))>,
    start: Option<(f64, f64)>,
    current: Option<(f64, f64)>,
}

/// The ruling lines of every page, in page order (the order pdf-extract reports pages in).
pub(crate) fn page_rules(doc: &Document) -> Vec<Rules> {
    doc.get_pages()
        .values()
        .map(|&id| {
            doc.get_page_content(id)
                .ok()
                .and_then(|data| lopdf::content::Content::decode(&data).ok())
                .map(|c| rules_of(&c.operations))
                .unwrap_or_default()
        })
        .collect()
}

fn rules_of(ops: &[lopdf::content::Operation]) -> Rules {
    let mut rules = Rules::default();
    let mut ctm = Matrix::IDENTITY;
    let mut stack: Vec<Matrix> = Vec::new();
    let mut path = Path::default();
    let mut in_text = false;
    for op in ops {
        let nums: Vec<f64> = op
            .operands
            .iter()
            .filter_map(|o| o.as_float().ok())
            .map(f64::from)
            .collect();
        match op.operator.as_str() {
            "BT" => in_text = true,
            "ET" => in_text = false,
            _ if in_text => {}
            "q" if stack.len() < 256 => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(Matrix::IDENTITY),
            "cm" if nums.len() == 6 => {
                let m = Matrix([nums[0], nums[1], nums[2], nums[3], nums[4], nums[5]]);
                ctm = m.then(ctm);
            }
            "m" if nums.len() == 2 => {
                let p = ctm.apply(nums[0], nums[1]);
                path.start = Some(p);
                path.current = Some(p);
            }
            "l" if nums.len() == 2 => {
                let p = ctm.apply(nums[0], nums[1]);
                if let Some(c) = path.current {
                    path.segments.push((c, p));
                }
                path.current = Some(p);
            }
            "h" => {
                if let (Some(c), Some(s)) = (path.current, path.start) {
                    path.segments.push((c, s));
                    path.current = Some(s);
                }
            }
            "re" if nums.len() == 4 => {
                let (x, y, w, h) = (nums[0], nums[1], nums[2], nums[3]);
                let a = ctm.apply(x, y);
                let b = ctm.apply(x + w, y + h);
                path.rects.push((a, b));
                path.start = Some(a);
                path.current = Some(a);
            }
            "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                let stroked = matches!(op.operator.as_str(), "S" | "s" | "B" | "B*" | "b" | "b*");
                for (a, b) in path.segments.drain(..) {
                    rules.add(a, b);
                }
                for (a, b) in path.rects.drain(..) {
                    let (w, h) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
                    if w <= THIN && h > THIN {
                        let x = (a.0 + b.0) / 2.0;
                        rules.add((x, a.1), (x, b.1));
                    } else if h <= THIN && w > THIN {
                        let y = (a.1 + b.1) / 2.0;
                        rules.add((a.0, y), (b.0, y));
                    } else if stroked {
                        rules.add(a, (a.0, b.1));
                        rules.add((b.0, a.1), b);
                        rules.add(a, (b.0, a.1));
                        rules.add((a.0, b.1), b);
                    }
                }
                path = Path::default();
            }
            "n" => path = Path::default(),
            _ => {}
        }
    }
    rules
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::content::Content;

    fn rules(stream: &str) -> Rules {
        let c = Content::decode(stream.as_bytes()).expect("content");
        rules_of(&c.operations)
    }

    #[test]
    fn strokes_thin_fills_and_transforms() {
        // A stroked vertical line, a thin filled rectangle (a horizontal rule), a clip path
        // that is discarded, and a translated line.
        let r = rules(
            "q 0.5 w 10 100 m 10 20 l S Q\n\
             0 0 0 rg 10 50 200 0.5 re f\n\
             q 0 0 800 600 re W n Q\n\
             q 1 0 0 1 100 0 cm 5 5 m 5 40 l S Q\n\
             BT /F1 7 Tf 20 20 Td (x) Tj ET",
        );
        assert_eq!(r.vertical.len(), 2, "{r:?}");
        assert_eq!(
            r.vertical[0],
            Segment {
                at: 10.0,
                from: 20.0,
                to: 100.0
            }
        );
        assert_eq!(
            r.vertical[1],
            Segment {
                at: 105.0,
                from: 5.0,
                to: 40.0
            }
        );
        assert_eq!(r.horizontal.len(), 1, "{r:?}");
        assert!((r.horizontal[0].at - 50.25).abs() < 1e-9);
        assert!(r.vertical_between(9.0, 11.0, 60.0));
        assert!(!r.vertical_between(9.0, 11.0, 10.0));
        assert!(r.horizontal_between(40.0, 60.0, 100.0));
        assert!(!r.horizontal_between(40.0, 60.0, 300.0));
        assert_eq!(r.cell_columns(50.0, 30.0), Some((10.0, 105.0)));
        assert_eq!(r.cell_columns(50.0, 90.0), None);
    }

    #[test]
    fn a_stroked_box_gives_four_edges_and_diagonals_nothing() {
        let r = rules("0 0 m 30 30 l S 10 10 100 50 re S");
        assert_eq!(r.vertical.len(), 2);
        assert_eq!(r.horizontal.len(), 2);
    }
}
