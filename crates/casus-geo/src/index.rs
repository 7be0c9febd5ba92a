//! A grid index over areas made of rings (the sea areas, the seas file's land areas, the parts):
//! which areas contain a point, testing rings only near their edges.
//!
//! The globe is cut into cells of one degree. For each cell and area the index knows one of:
//! the area contains the whole cell (a ring of it contains the cell's centre and no edge of that
//! ring comes near the cell); or the rings of the area to test, those with an edge within
//! [`MARGIN`] of the cell (none: the area misses the cell). A ring none of whose edges comes
//! that near the cell contains all of it or none of it, and [`Ring::contains`] answers the same
//! for every point of the cell: away from its edges, its even-odd ray test is exact (and its
//! on-edge tolerance is far smaller than the margin). So the index gives [`Ring::contains`]'s
//! answer for every point, and the ring tests it still makes are only in cells that an edge
//! crosses.

use crate::ring::Ring;

/// One-degree cells: 180 rows from 90 S, 360 columns from 180 W (a point on a cell's edge is
/// looked up in the cell north or east of it, or at 90 N and 180 E in the last ones, which
/// contain their edges).
const ROWS: usize = 180;
const COLS: usize = 360;
/// How near (degrees) an edge must come to a cell for its ring to be tested there: far more
/// than [`Ring::contains`]'s on-edge tolerance and its rounding, far less than a cell.
const MARGIN: f64 = 1e-6;
/// An entry's `ring` when the area contains the whole cell.
const WHOLE: u16 = u16::MAX;

/// One area in one cell: contains it whole (`ring == WHOLE`), or ring `ring` of the area is to
/// be tested.
#[derive(Debug, Clone, Copy)]
struct Entry {
    area: u16,
    ring: u16,
}

/// The index. Areas are numbered in the order given to [`AreaGrid::build`].
#[derive(Clone, Default)]
pub(crate) struct AreaGrid {
    /// `start[cell]..start[cell + 1]` indexes `entries`; `ROWS * COLS + 1` entries (empty when
    /// built over no area).
    start: Vec<u32>,
    /// Per cell, ordered by area then ring.
    entries: Vec<Entry>,
}

impl std::fmt::Debug for AreaGrid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "AreaGrid({} cells, {} entries)",
            self.start.len().saturating_sub(1),
            self.entries.len()
        )
    }
}

fn row_of(lat: f64) -> usize {
    floor_index(lat + 90.0).min(ROWS - 1)
}

fn col_of(lon: f64) -> usize {
    floor_index(lon + 180.0).min(COLS - 1)
}

/// The floor of a value as an index, 0 for a negative value (or NaN).
///
/// `as` truncates toward zero and saturates at 0 (NaN too): for a value of 0 or more that is
/// its floor, and a negative value gives 0, as a floor clamped at 0 would. Not `f64::floor`,
/// which is a call into libm on baseline x86-64, and this is on every point's path.
pub(crate) fn floor_index(v: f64) -> usize {
    v as usize
}

/// The cell of a point, `(row, col)`: rows from 90 S, columns from 180 W, of one degree.
pub(crate) fn cell_of(lat: f64, lon: f64) -> (usize, usize) {
    (row_of(lat), col_of(lon))
}

/// Does the segment come within [`MARGIN`] of the cell (conservatively: it may say yes for a
/// segment a little farther)?
fn touches(((y1, x1), (y2, x2)): ((f64, f64), (f64, f64)), row: usize, col: usize) -> bool {
    let s = row as f64 - 90.0 - MARGIN;
    let n = row as f64 - 89.0 + MARGIN;
    let w = col as f64 - 180.0 - MARGIN;
    let e = col as f64 - 179.0 + MARGIN;
    if y1.max(y2) < s || y1.min(y2) > n || x1.max(x2) < w || x1.min(x2) > e {
        return false;
    }
    // The segment's bounding box meets the cell: it misses it only if all four corners are
    // strictly on one side of its line (with some slack for rounding).
    let (dy, dx) = (y2 - y1, x2 - x1);
    let slack = 1e-9 * (dx.abs() + dy.abs() + 1.0);
    let side = |y: f64, x: f64| dx * (y - y1) - dy * (x - x1);
    let sides = [side(s, w), side(s, e), side(n, w), side(n, e)];
    !(sides.iter().all(|v| *v > slack) || sides.iter().all(|v| *v < -slack))
}

/// The cells a segment may come within [`MARGIN`] of ([`touches`]), walking it row by row.
fn cells_near(edge: ((f64, f64), (f64, f64))) -> impl Iterator<Item = usize> {
    let ((y1, x1), (y2, x2)) = edge;
    let (south, north) = (y1.min(y2), y1.max(y2));
    let (west, east) = (x1.min(x2), x1.max(x2));
    (row_of(south - MARGIN)..=row_of(north + MARGIN)).flat_map(move |row| {
        // the segment's longitudes within the row's latitudes (widened by the margin)
        let lo = (row as f64 - 90.0 - MARGIN).max(south);
        let hi = (row as f64 - 89.0 + MARGIN).min(north);
        let (w, e) = if y1 == y2 {
            (west, east)
        } else {
            let at = |y: f64| x1 + (y - y1) * (x2 - x1) / (y2 - y1);
            let (a, b) = (at(lo), at(hi));
            (a.min(b).max(west), a.max(b).min(east))
        };
        let slack = MARGIN + 1e-9;
        (col_of(w - slack)..=col_of(e + slack))
            .filter(move |&col| touches(edge, row, col))
            .map(move |col| row * COLS + col)
    })
}

impl AreaGrid {
    /// Builds the index over areas, each given by its rings.
    // Long (about 120 lines): one pass over every ring fills the cells it touches and the cells it
    // covers whole; splitting it would walk the rings twice at start-up.
    pub(crate) fn build<'a>(areas: impl Iterator<Item = &'a [Ring]>) -> Self {
        let areas: Vec<&[Ring]> = areas.collect();
        if areas.is_empty() {
            return Self::default();
        }
        let n = ROWS * COLS;
        // The rings with an edge near a cell, as (cell, ring) in order of area and ring; and
        // per cell, the areas containing it whole (through a ring with no edge near it), as
        // bits.
        let mut near: Vec<(usize, Entry)> = Vec::new();
        // (cell, area) for every ring containing a cell whole: a list, not a bitmap per cell,
        // so that the index's size follows the cells covered, not cells times areas (a file
        // may define thousands of areas).
        let mut whole: Vec<(usize, u16)> = Vec::new();
        let mut touched = vec![false; n];
        // per row, where the ring's edges cross the latitude of the row's cell centres
        let mut rows: Vec<Vec<f64>> = vec![Vec::new(); ROWS];
        for (a, rings) in areas.iter().enumerate() {
            let area = u16::try_from(a).unwrap_or(WHOLE - 1);
            for (r, ring) in rings.iter().enumerate() {
                let entry = Entry { area, ring: u16::try_from(r).unwrap_or(WHOLE - 1) };
                let first_near = near.len();
                for edge in ring.edges() {
                    for cell in cells_near(edge) {
                        if touched.get(cell) == Some(&false) {
                            if let Some(t) = touched.get_mut(cell) {
                                *t = true;
                            }
                            near.push((cell, entry));
                        }
                    }
                }
                // The cells whose centre the ring contains, row by row: the longitudes where
                // its edges cross the centre's latitude (the ray test's own formula), sorted;
                // a centre is inside when an odd number lie east of it, that is between the
                // (2j)th and the (2j+1)th (the ray test flips for crossings with x < xc).
                for xs in &mut rows {
                    xs.clear();
                }
                for ((y1, x1), (y2, x2)) in ring.edges() {
                    // the rows whose centre latitude (row - 89.5) the edge may straddle (and
                    // a row more: the test decides)
                    let lo = row_of(y1.min(y2) - 0.5);
                    let hi = row_of(y1.max(y2) + 0.5);
                    for (row, xs) in rows.iter_mut().enumerate().take(hi + 1).skip(lo) {
                        let y = row as f64 - 89.5;
                        if (y1 > y) != (y2 > y) {
                            xs.push(x1 + (y - y1) * (x2 - x1) / (y2 - y1));
                        }
                    }
                }
                for (row, xs) in rows.iter_mut().enumerate() {
                    xs.sort_by(f64::total_cmp);
                    for pair in xs.chunks_exact(2) {
                        let [from, to] = pair else { continue };
                        // columns whose centre (col - 179.5) is in [from, to); a centre within
                        // rounding of a crossing is in a cell the ring touches, not used
                        let first = (from + 179.5).ceil().max(0.0) as usize;
                        let end = ((to + 179.5).ceil().max(0.0) as usize).min(COLS);
                        for col in first..end {
                            let cell = row * COLS + col;
                            if touched.get(cell) == Some(&false) {
                                whole.push((cell, area));
                            }
                        }
                    }
                }
                for (cell, _) in near.get(first_near..).unwrap_or_default() {
                    if let Some(t) = touched.get_mut(*cell) {
                        *t = false;
                    }
                }
            }
        }
        near.sort_by_key(|(cell, _)| *cell); // stable: each cell's stay in order
        whole.sort_unstable();
        whole.dedup(); // two rings of an area may both contain a cell
        let mut near = near.iter().peekable();
        let mut whole = whole.iter().peekable();
        let mut start = Vec::with_capacity(n + 1);
        let mut entries = Vec::new();
        let mut in_cell: Vec<Entry> = Vec::new();
        let mut whole_in_cell: Vec<u16> = Vec::new();
        for cell in 0..n {
            start.push(u32::try_from(entries.len()).unwrap_or(u32::MAX));
            in_cell.clear();
            while let Some((_, e)) = near.next_if(|(c, _)| *c == cell) {
                in_cell.push(*e);
            }
            whole_in_cell.clear();
            while let Some((_, a)) = whole.next_if(|(c, _)| *c == cell) {
                whole_in_cell.push(*a);
            }
            if in_cell.is_empty() {
                // most cells: no edge near, the areas containing them whole if any
                entries.extend(whole_in_cell.iter().map(|&area| Entry { area, ring: WHOLE }));
                continue;
            }
            let mut w = whole_in_cell.iter().peekable();
            let mut pending = in_cell.iter().peekable();
            loop {
                // the next area, whichever list has it first
                let next = match (w.peek(), pending.peek()) {
                    (Some(&&a), Some(e)) => a.min(e.area),
                    (Some(&&a), None) => a,
                    (None, Some(e)) => e.area,
                    (None, None) => break,
                };
                if w.next_if(|a| **a == next).is_some() {
                    entries.push(Entry { area: next, ring: WHOLE });
                    while pending.next_if(|e| e.area == next).is_some() {}
                } else {
                    while let Some(e) = pending.next_if(|e| e.area == next) {
                        entries.push(*e);
                    }
                }
            }
        }
        start.push(u32::try_from(entries.len()).unwrap_or(u32::MAX));
        Self { start, entries }
    }

    /// The areas containing a point (valid coordinates), in increasing order. `contains(area,
    /// ring)` tests a ring of an area (numbered as given to [`AreaGrid::build`]) on the point,
    /// by [`Ring::contains`]; it is called only for rings with an edge near the point.
    pub(crate) fn hits<'s>(
        &'s self,
        lat: f64,
        lon: f64,
        contains: impl Fn(usize, usize) -> bool + 's,
    ) -> impl Iterator<Item = usize> + 's {
        let cell = row_of(lat) * COLS + col_of(lon);
        let range = match (self.start.get(cell), self.start.get(cell + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        };
        let entries = self.entries.get(range).unwrap_or_default();
        let mut last_hit: Option<u16> = None;
        entries.iter().filter_map(move |e| {
            if last_hit == Some(e.area) {
                return None; // already in
            }
            let hit = e.ring == WHOLE || contains(usize::from(e.area), usize::from(e.ring));
            if hit {
                last_hit = Some(e.area);
                Some(usize::from(e.area))
            } else {
                None
            }
        })
    }

    /// The entries of a cell (`row` from 90 S, `col` from 180 W); empty off the grid, or when
    /// built over no area.
    fn entries_of(&self, row: usize, col: usize) -> &[Entry] {
        if row >= ROWS || col >= COLS {
            return &[];
        }
        let cell = row * COLS + col;
        match (self.start.get(cell), self.start.get(cell + 1)) {
            (Some(&a), Some(&b)) => self.entries.get(a as usize..b as usize).unwrap_or_default(),
            _ => &[],
        }
    }

    /// Does any area come near a cell (contain it whole, or have a ring to test there)?
    pub(crate) fn any_in(&self, row: usize, col: usize) -> bool {
        !self.entries_of(row, col).is_empty()
    }

    /// The areas containing every point of a cell, in increasing order, if the cell has no
    /// ring to test; `None` otherwise. [`AreaGrid::hits`] gives these areas for every point of
    /// such a cell.
    pub(crate) fn whole_areas(
        &self,
        row: usize,
        col: usize,
    ) -> Option<impl Iterator<Item = usize> + Clone + '_> {
        let entries = self.entries_of(row, col);
        entries.iter().all(|e| e.ring == WHOLE).then(|| entries.iter().map(|e| usize::from(e.area)))
    }

    /// Calls `f` for each run of cells alike (in cell order) with the areas containing them
    /// whole and the areas to test there, each in increasing order.
    pub(crate) fn for_each_cell_sets(&self, mut f: impl FnMut(&[u16], &[u16])) {
        let (mut whole, mut test) = (Vec::new(), Vec::new());
        let mut last: Option<&[Entry]> = None;
        for w in self.start.windows(2) {
            let range = match w {
                [a, b] => *a as usize..*b as usize,
                _ => 0..0,
            };
            let entries = self.entries.get(range).unwrap_or_default();
            let alike = last.is_some_and(|l| {
                l.len() == entries.len()
                    && l.iter().zip(entries).all(|(a, b)| a.area == b.area && a.ring == b.ring)
            });
            if alike {
                continue; // as in the cell before
            }
            last = Some(entries);
            whole.clear();
            test.clear();
            for e in entries {
                let list = if e.ring == WHOLE { &mut whole } else { &mut test };
                if list.last() != Some(&e.area) {
                    list.push(e.area);
                }
            }
            f(&whole, &test);
        }
    }
}
