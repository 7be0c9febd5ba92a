//! The land mask: where the land is, from Natural Earth's land polygons (`data/geo/land.txt`,
//! made by `tools/geo/land_mask.py`), with a grid index that answers in well under a
//! microsecond.
//!
//! Coordinates are kept in hundredths of a degree, the file's unit: vertices are integers, which
//! makes the degenerate cases of the point-in-polygon test easy to rule out (see
//! [`Grid::build`]).
//!
//! # The index
//!
//! The globe is cut into cells of [`CELL`] hundredths (half a degree). Each cell lists the edges
//! that pass within [`TOLERANCE`] of it, and knows whether one reference point inside it, off
//! every edge, is on land (by the ordinary even-odd ray test over all rings, computed once for
//! the whole grid, row by row). A cell that no edge comes near is all land or all sea, so most
//! points are answered by one lookup. For a point in a cell with edges, the answer is the
//! reference point's, flipped once for every edge crossed on an L-shaped path from the point to
//! the reference point: along the point's parallel to the reference meridian, then along that
//! meridian to the reference point. The horizontal leg uses the very predicate of the ray test
//! (half-open in latitude), so it agrees with the full test exactly; the vertical leg counts
//! edges crossing the reference meridian, which passes through no vertex. Only the cell's own
//! edges can be crossed, since both legs stay inside the cell.

use std::fmt::Write as _;

use crate::index::floor_index;
use crate::GeoError;

/// The land mask bundled with casus, embedded at build time.
const BUNDLED: &str = include_str!("../../../data/geo/land.txt");
/// The name the bundled file is reported under.
const BUNDLED_NAME: &str = "data/geo/land.txt";
/// The fine coast bundled with casus (the 1:10m land, in thousandths of a degree).
const BUNDLED_FINE: &str = include_str!("../../../data/geo/land-10m.txt");
/// The name the bundled fine coast is reported under.
const BUNDLED_FINE_NAME: &str = "data/geo/land-10m.txt";

/// A mask's units and grid: the coarse mask is in hundredths of a degree with half-degree
/// cells, the fine coast in thousandths with quarter-degree cells.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scale {
    /// Units per degree: the file's unit.
    unit: f64,
    /// Cell size, in units.
    cell: i32,
    rows: usize,
    cols: usize,
    /// How close to a coast (units) a point outside the land polygons still counts as coastal.
    tolerance: f64,
}

/// The coarse mask: hundredths of a degree, half-degree cells.
///
/// Its tolerance is 5 hundredths = 0.05 degree, about 5.5 km north-south (less east-west away
/// from the Equator), measured in the latitude/longitude plane. Why a tolerance at all: the
/// polygons are Natural Earth's 1:50m (and 1:10m for small islands) coasts, generalised and then
/// rounded to 0.01 degree, so a real coastal place (a harbour, a waterfront base, a city on a
/// strait: Nuuk, Besiktas on the Bosporus, Gibraltar, Monaco) can fall a kilometre or two outside
/// them. Within the tolerance, on either side of the coarse coast, the fine coast decides
/// ([`FINE`]).
pub(crate) const COARSE: Scale =
    Scale { unit: 100.0, cell: 50, rows: 360, cols: 720, tolerance: 5.0 };

/// The fine coast: the 1:10m land in thousandths of a degree, quarter-degree cells. Its
/// tolerance, 6 thousandths (about 650 m), covers the source's quantisation (0.0036 degree of
/// longitude) and generalisation: within it of a 1:10m coast, land or water is for the boundary
/// data to say ("the shore"). 0.006 degree is well inside every state's 12-nautical-mile
/// territorial sea (0.2 degree), so at worst a point in territorial waters is taken as the
/// coastal state's shore, never a point on the high seas.
pub(crate) const FINE: Scale =
    Scale { unit: 1000.0, cell: 250, rows: 720, cols: 1440, tolerance: 6.0 };

/// Offsets of a row's reference latitude and a cell's reference longitude from the cell's
/// south-west corner, as fractions of the cell: never integers in either unit, so no vertex
/// lies on a reference parallel or meridian.
const REF_Y: f64 = 0.5062;
const REF_X: f64 = 0.5094;
/// How far a reference meridian is moved when an edge passes too near the reference point, as
/// a fraction of the cell.
const REF_X_NUDGE: f64 = 0.0626;
/// Nearer than this (units) to the reference point, an edge would make the answer depend on
/// rounding; the reference meridian is moved instead.
const REF_CLEARANCE: f64 = 1e-6;

impl Scale {
    fn row_of(&self, y: f64) -> usize {
        floor_index((y + 90.0 * self.unit) / f64::from(self.cell)).min(self.rows - 1)
    }

    fn col_of(&self, x: f64) -> usize {
        floor_index((x + 180.0 * self.unit) / f64::from(self.cell)).min(self.cols - 1)
    }

    fn ref_y(&self, row: usize) -> f64 {
        let c = f64::from(self.cell);
        -90.0 * self.unit + (row as f64) * c + REF_Y * c
    }

    fn ref_x(&self, col: usize, nudge: u8) -> f64 {
        let c = f64::from(self.cell);
        -180.0 * self.unit + (col as f64) * c + (REF_X + f64::from(nudge) * REF_X_NUDGE) * c
    }

    /// The south-west corner of a cell, in units.
    fn corner(&self, row: usize, col: usize) -> (f64, f64) {
        let c = f64::from(self.cell);
        (-90.0 * self.unit + (row as f64) * c, -180.0 * self.unit + (col as f64) * c)
    }
}

/// The index cell of a point in the coarse mask, `(row, col)`, as [`LandMask::locate`] finds
/// it: rows from 90 S and columns from 180 W, half a degree each.
pub(crate) fn cell_of(lat: f64, lon: f64) -> (usize, usize) {
    (COARSE.row_of(lat * COARSE.unit), COARSE.col_of(lon * COARSE.unit))
}

/// Land or sea, as a land mask sees a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    /// Inside the land polygons.
    Land,
    /// Outside them, but within the mask's tolerance of a coast (0.05 degree for the coarse
    /// mask, 0.006 degree for the fine coast): land or sea is for the boundary data to say.
    Coast,
    /// Outside them and farther from any coast than the tolerance.
    Sea,
}

/// An edge, `(lat1, lon1, lat2, lon2)` in hundredths of a degree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Edge([i32; 4]);

impl Edge {
    fn coords(self) -> (f64, f64, f64, f64) {
        let [y1, x1, y2, x2] = self.0;
        (f64::from(y1), f64::from(x1), f64::from(y2), f64::from(x2))
    }
}

/// A ring: a range of [`LandMask::vertices`], with its bounding box (hundredths).
#[derive(Debug, Clone)]
struct RingSpan {
    start: usize,
    len: usize,
    south: i32,
    west: i32,
    north: i32,
    east: i32,
}

/// The land mask: the rings, and the grid index over their edges.
#[derive(Debug, Clone)]
pub(crate) struct LandMask {
    scale: Scale,
    vertices: Vec<(i32, i32)>,
    rings: Vec<RingSpan>,
    grid: Grid,
}

#[derive(Debug, Clone)]
struct Grid {
    /// A word per cell, `ROWS * COLS + 1` of them: the start of the cell's edges in `edges`
    /// (the next cell's start ends them), whether its reference point is on land, and how many
    /// times its reference meridian was moved by [`REF_X_NUDGE`] (see [`CellWord`]). One word
    /// for all three, as a point's cell is a cache miss: one line read, not three.
    cells: Vec<u32>,
    edges: Vec<Edge>,
}

/// The parts of a [`Grid`] cell's word: bits 0 to 27 the start, bit 28 the reference verdict,
/// bits 29 to 31 the nudge (0 to 4).
#[derive(Debug, Clone, Copy)]
struct CellWord(u32);

/// Bits of a cell's start; the bundled mask has some 140 000 edge entries.
const START_BITS: u32 = 28;
const START_MASK: u32 = (1 << START_BITS) - 1;
const INSIDE_BIT: u32 = 1 << START_BITS;
const NUDGE_SHIFT: u32 = START_BITS + 1;

impl CellWord {
    fn new(start: u32, inside: bool, nudge: u8) -> Option<Self> {
        (start <= START_MASK && nudge < 8).then(|| {
            Self(start | if inside { INSIDE_BIT } else { 0 } | (u32::from(nudge) << NUDGE_SHIFT))
        })
    }
    fn start(self) -> usize {
        (self.0 & START_MASK) as usize
    }
    fn inside(self) -> bool {
        self.0 & INSIDE_BIT != 0
    }
    fn nudge(self) -> u8 {
        (self.0 >> NUDGE_SHIFT) as u8
    }
}

/// The ray test's predicate for one edge: does the edge straddle latitude `y` (half-open: a
/// vertex exactly at `y` counts as below), and if so, at which longitude?
#[inline]
fn crossing_at(y: f64, (y1, x1, y2, x2): (f64, f64, f64, f64)) -> Option<f64> {
    ((y1 > y) != (y2 > y)).then(|| x1 + (y - y1) * (x2 - x1) / (y2 - y1))
}

/// Squared distance from `(y, x)` to the segment.
#[inline]
fn dist2(y: f64, x: f64, (y1, x1, y2, x2): (f64, f64, f64, f64)) -> f64 {
    let (dy, dx) = (y2 - y1, x2 - x1);
    let len2 = dx * dx + dy * dy;
    let t =
        if len2 == 0.0 { 0.0 } else { (((y - y1) * dy + (x - x1) * dx) / len2).clamp(0.0, 1.0) };
    let (ey, ex) = (y1 + t * dy - y, x1 + t * dx - x);
    ey * ey + ex * ex
}

impl LandMask {
    /// The land mask bundled with casus.
    pub(crate) fn bundled() -> Result<Self, GeoError> {
        Self::parse(BUNDLED_NAME, BUNDLED)
    }

    /// Parses a land-mask file (the format is described in its header) and builds the index.
    pub(crate) fn parse(file: &str, text: &str) -> Result<Self, GeoError> {
        Self::parse_scaled(file, text, COARSE)
    }

    /// The fine coast bundled with casus.
    pub(crate) fn bundled_fine() -> Result<Self, GeoError> {
        Self::parse_scaled(BUNDLED_FINE_NAME, BUNDLED_FINE, FINE)
    }

    /// Parses a mask in the given units and builds its index.
    // Long (about 105 lines): a streaming parser of the land file, line by line, with every error
    // named by its line; its states (header, ring, vertices) are one loop.
    pub(crate) fn parse_scaled(file: &str, text: &str, scale: Scale) -> Result<Self, GeoError> {
        let (half_lat, half_lon) = ((90.0 * scale.unit) as i64, (180.0 * scale.unit) as i64);
        let err = |line: usize, msg: String| GeoError::Data(format!("{file}:{line}: {msg}"));
        let mut vertices: Vec<(i32, i32)> = Vec::new();
        let mut rings: Vec<RingSpan> = Vec::new();
        // (line of the ring's header, vertices announced)
        let mut open: Option<(usize, usize)> = None;
        // A latitude read, waiting for its longitude.
        let mut pending: Option<i64> = None;
        let close = |open: Option<(usize, usize)>,
                     vertices: &mut Vec<(i32, i32)>,
                     rings: &mut Vec<RingSpan>|
         -> Result<(), GeoError> {
            let Some((line, want)) = open else { return Ok(()) };
            let start = rings.last().map_or(0, |r| r.start + r.len);
            let got = vertices.len() - start;
            if got != want {
                return Err(err(line, format!("the ring announces {want} vertices but has {got}")));
            }
            let ring = vertices.get(start..).unwrap_or_default();
            let mut distinct: Vec<(i32, i32)> = ring.to_vec();
            distinct.sort_unstable();
            distinct.dedup();
            if distinct.len() < 3 {
                return Err(err(
                    line,
                    format!("a ring needs 3 distinct vertices, this one has {}", distinct.len()),
                ));
            }
            let mut prev = ring.last().copied().unwrap_or_default();
            let (mut s, mut w, mut n, mut e) = (i32::MAX, i32::MAX, i32::MIN, i32::MIN);
            for &(y, x) in ring {
                let (py, px) = prev;
                if i64::from(px - x).abs() > half_lon && py != y {
                    return Err(err(
                        line,
                        format!(
                            "the edge from {py} {px} to {y} {x} crosses the antimeridian; cut the ring there"
                        ),
                    ));
                }
                prev = (y, x);
                s = s.min(y);
                n = n.max(y);
                w = w.min(x);
                e = e.max(x);
            }
            rings.push(RingSpan { start, len: got, south: s, west: w, north: n, east: e });
            Ok(())
        };
        for (i, raw) in text.lines().enumerate() {
            let line_no = i + 1;
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(rest) = line.strip_prefix(['o', 'h']) {
                if pending.is_some() {
                    return Err(err(
                        line_no,
                        "the previous ring ends with half a vertex".to_owned(),
                    ));
                }
                close(open.take(), &mut vertices, &mut rings)?;
                let n: usize = rest.trim().parse().map_err(|_| {
                    err(
                        line_no,
                        format!("expected `o N` or `h N` (N the vertex count), found `{line}`"),
                    )
                })?;
                open = Some((line_no, n));
                continue;
            }
            if open.is_none() {
                return Err(err(line_no, "vertices before any `o N` or `h N` line".to_owned()));
            }
            for tok in line.split_ascii_whitespace() {
                let v: i64 = tok.parse().map_err(|_| {
                    err(line_no, format!("`{tok}` is not an integer (hundredths of a degree)"))
                })?;
                let Some(lat) = pending.take() else {
                    pending = Some(v);
                    continue;
                };
                let lon = v;
                if !(-half_lat..=half_lat).contains(&lat) || !(-half_lon..=half_lon).contains(&lon)
                {
                    return Err(err(line_no, format!("vertex {lat} {lon} is off the globe")));
                }
                // In range, so they fit in i32.
                vertices.push((lat as i32, lon as i32));
            }
        }
        if pending.is_some() {
            return Err(err(
                text.lines().count(),
                "the last ring ends with half a vertex".to_owned(),
            ));
        }
        close(open.take(), &mut vertices, &mut rings)?;
        if rings.is_empty() {
            return Err(err(1, "no rings".to_owned()));
        }
        let grid = Grid::build(&vertices, &rings, scale)
            .map_err(|m| GeoError::Data(format!("{file}: {m}")))?;
        Ok(Self { scale, vertices, rings, grid })
    }

    /// Every edge of every ring.
    fn all_edges(&self) -> impl Iterator<Item = Edge> + '_ {
        self.rings.iter().flat_map(move |r| self.ring_edges(r))
    }

    fn ring_edges<'a>(&'a self, r: &RingSpan) -> impl Iterator<Item = Edge> + 'a {
        let ring = self.vertices.get(r.start..r.start + r.len).unwrap_or_default();
        let last = ring.last().copied();
        last.into_iter()
            .chain(ring.iter().copied())
            .zip(ring.iter().copied())
            .map(|((y1, x1), (y2, x2))| Edge([y1, x1, y2, x2]))
    }

    /// Land, coast or sea, with the grid index. `lat`/`lon` must be valid.
    pub(crate) fn locate(&self, lat: f64, lon: f64) -> Surface {
        let (y, x) = (lat * self.scale.unit, lon * self.scale.unit);
        let (row, col) = (self.scale.row_of(y), self.scale.col_of(x));
        let cell = row * self.scale.cols + col;
        let g = &self.grid;
        let (Some(&w), Some(&next)) = (g.cells.get(cell), g.cells.get(cell + 1)) else {
            return Surface::Sea; // unreachable: row and col are clamped
        };
        let (w, next) = (CellWord(w), CellWord(next));
        let inside = w.inside();
        let edges = g.edges.get(w.start()..next.start()).unwrap_or_default();
        if edges.is_empty() {
            return if inside { Surface::Land } else { Surface::Sea };
        }
        let (ry, rx) = (self.scale.ref_y(row), self.scale.ref_x(col, w.nudge()));
        let (lo, hi) = if y < ry { (y, ry) } else { (ry, y) };
        let mut inside = inside;
        for e in edges {
            let c = e.coords();
            // Horizontal leg, along latitude y from the point to the reference meridian: flips
            // exactly when the ray test's verdicts for the two ends differ on this edge.
            if let Some(xc) = crossing_at(y, c) {
                if (x < xc) != (rx < xc) {
                    inside = !inside;
                }
            }
            // Vertical leg, along the reference meridian from latitude y to the reference
            // latitude. The meridian passes through no vertex, so an edge crosses it at most
            // once; a crossing exactly at y counts when y is the upper end, which matches the
            // ray test's half-open rule (a horizontal edge at the ray's latitude is "below").
            let (y1, x1, y2, x2) = c;
            if (x1 > rx) != (x2 > rx) {
                let yc = y1 + (rx - x1) * (y2 - y1) / (x2 - x1);
                if yc > lo && yc <= hi {
                    inside = !inside;
                }
            }
        }
        if inside {
            return Surface::Land;
        }
        let tol2 = self.scale.tolerance * self.scale.tolerance;
        if edges.iter().any(|e| dist2(y, x, e.coords()) <= tol2) {
            Surface::Coast
        } else {
            Surface::Sea
        }
    }

    /// Is the point within the tolerance of a coast (on either side of it)? Only the edges
    /// of its own cell can be that near.
    pub(crate) fn near_coast(&self, lat: f64, lon: f64) -> bool {
        let sc = &self.scale;
        let (y, x) = (lat * sc.unit, lon * sc.unit);
        let cell = sc.row_of(y) * sc.cols + sc.col_of(x);
        let g = &self.grid;
        let (Some(&w), Some(&next)) = (g.cells.get(cell), g.cells.get(cell + 1)) else {
            return false;
        };
        let edges = g.edges.get(CellWord(w).start()..CellWord(next).start()).unwrap_or_default();
        edges.iter().any(|e| dist2(y, x, e.coords()) <= sc.tolerance * sc.tolerance)
    }

    /// Is land within `reach` degrees of latitude (about 111 km each) of the point? Distances
    /// are measured on the local plane (longitudes scaled by the cosine of the latitude), which
    /// is close enough over a few tens of kilometres. Scans the index cells the reach touches.
    pub(crate) fn land_within(&self, lat: f64, lon: f64, reach: f64) -> bool {
        let (y, x) = (lat * self.scale.unit, lon * self.scale.unit);
        // Near the poles a degree of longitude is short: cap the window at half the globe.
        let k = lat.to_radians().cos().max(0.02);
        let reach_y = reach * self.scale.unit;
        let reach_x = (reach_y / k).min(180.0 * self.scale.unit);
        let (row, col) = (self.scale.row_of(y), self.scale.col_of(x));
        let dr = (reach_y / f64::from(self.scale.cell)).ceil() as usize;
        let dc = ((reach_x / f64::from(self.scale.cell)).ceil() as usize).min(self.scale.cols / 2);
        let rows = row.saturating_sub(dr)..=(row + dr).min(self.scale.rows - 1);
        let g = &self.grid;
        for r in rows {
            for off in 0..=2 * dc {
                // columns wrap round the antimeridian; an edge seen across it is shifted
                let raw = col as i64 - dc as i64 + off as i64;
                let c = raw.rem_euclid(self.scale.cols as i64) as usize;
                let shift = if raw < 0 {
                    -36_000.0
                } else if raw >= self.scale.cols as i64 {
                    36_000.0
                } else {
                    0.0
                };
                let cell = r * self.scale.cols + c;
                let (Some(&w), Some(&next)) = (g.cells.get(cell), g.cells.get(cell + 1)) else {
                    continue;
                };
                let (w, next) = (CellWord(w), CellWord(next));
                let edges = g.edges.get(w.start()..next.start()).unwrap_or_default();
                if edges.is_empty() {
                    // all land or all sea: land counts if its nearest corner or side is in reach
                    if w.inside() {
                        let south = self.scale.corner(r, c).0;
                        let west = self.scale.corner(r, c).1 + shift;
                        let dy = (south - y).max(y - south - f64::from(self.scale.cell)).max(0.0);
                        let dx = (west - x).max(x - west - f64::from(self.scale.cell)).max(0.0) * k;
                        if dy * dy + dx * dx <= reach_y * reach_y {
                            return true;
                        }
                    }
                    continue;
                }
                for e in edges {
                    let (y1, x1, y2, x2) = e.coords();
                    let scaled = (y1, (x1 + shift) * k, y2, (x2 + shift) * k);
                    if dist2(y, x * k, scaled) <= reach_y * reach_y {
                        return true;
                    }
                }
            }
        }
        false
    }

    /// Land or sea for every point of an index cell (`row` from 90 S, `col` from 180 W, of
    /// [`CELL`] hundredths), if no edge comes near it; `None` if it has edges (or is off the
    /// grid). [`LandMask::locate`] gives this answer for every point of such a cell.
    pub(crate) fn cell_surface(&self, row: usize, col: usize) -> Option<Surface> {
        if row >= self.scale.rows || col >= self.scale.cols {
            return None;
        }
        let cell = row * self.scale.cols + col;
        let g = &self.grid;
        match (g.cells.get(cell), g.cells.get(cell + 1)) {
            (Some(&w), Some(&next)) if CellWord(w).start() == CellWord(next).start() => {
                Some(if CellWord(w).inside() { Surface::Land } else { Surface::Sea })
            }
            _ => None,
        }
    }

    /// [`LandMask::locate`] with each ring's bounding box as the only prefilter.
    pub(crate) fn locate_bbox(&self, lat: f64, lon: f64) -> Surface {
        let (y, x) = (lat * self.scale.unit, lon * self.scale.unit);
        let mut inside = false;
        for r in &self.rings {
            if y < f64::from(r.south)
                || y > f64::from(r.north)
                || x < f64::from(r.west)
                || x > f64::from(r.east)
            {
                continue;
            }
            for e in self.ring_edges(r) {
                if crossing_at(y, e.coords()).is_some_and(|xc| x < xc) {
                    inside = !inside;
                }
            }
        }
        if inside {
            return Surface::Land;
        }
        let near = self.rings.iter().any(|r| {
            y >= f64::from(r.south) - self.scale.tolerance
                && y <= f64::from(r.north) + self.scale.tolerance
                && x >= f64::from(r.west) - self.scale.tolerance
                && x <= f64::from(r.east) + self.scale.tolerance
                && self
                    .ring_edges(r)
                    .any(|e| dist2(y, x, e.coords()) <= self.scale.tolerance * self.scale.tolerance)
        });
        if near {
            Surface::Coast
        } else {
            Surface::Sea
        }
    }

    /// [`LandMask::locate`] by brute force: the full ray test and the full distance test over
    /// every edge of every ring.
    pub(crate) fn locate_unfiltered(&self, lat: f64, lon: f64) -> Surface {
        let (y, x) = (lat * self.scale.unit, lon * self.scale.unit);
        let mut inside = false;
        let mut near = false;
        for e in self.all_edges() {
            let c = e.coords();
            if crossing_at(y, c).is_some_and(|xc| x < xc) {
                inside = !inside;
            }
            near = near || dist2(y, x, c) <= self.scale.tolerance * self.scale.tolerance;
        }
        match (inside, near) {
            (true, _) => Surface::Land,
            (false, true) => Surface::Coast,
            (false, false) => Surface::Sea,
        }
    }

    /// Statistics of the index, for the benchmark.
    pub(crate) fn describe(&self) -> String {
        let g = &self.grid;
        let cells = self.scale.rows * self.scale.cols;
        let starts: Vec<usize> = g.cells.iter().map(|w| CellWord(*w).start()).collect();
        let busy = starts.windows(2).filter(|w| matches!(w, [a, b] if b > a)).count();
        let most = starts.windows(2).map(|w| match w {
            [a, b] => b - a,
            _ => 0,
        });
        let mut s = String::new();
        let _ = write!(
            s,
            "{} rings, {} vertices; grid {}x{} cells of {} degree, {busy} of {cells} with edges \
             ({} edge entries, at most {} in a cell), {} reference meridians moved",
            self.rings.len(),
            self.vertices.len(),
            self.scale.rows,
            self.scale.cols,
            f64::from(self.scale.cell) / self.scale.unit,
            g.edges.len(),
            most.max().unwrap_or(0),
            g.cells.iter().filter(|w| CellWord(**w).nudge() > 0).count(),
        );
        s
    }
}

impl Grid {
    /// Builds the index: each cell's edges (those whose bounding box, widened by the tolerance,
    /// meets the cell), and each cell's reference point with its land-or-sea verdict.
    ///
    /// A reference point must be off every edge of its cell by [`REF_CLEARANCE`]: vertices are
    /// integers (hundredths) and the reference latitude and meridian are not, so no vertex lies
    /// on them, but an edge between two vertices can still pass through the reference point;
    /// then the meridian is moved a little, and the check repeated.
    // Long (about 115 lines): the mask and its cell index are built in one pass over the vertices,
    // which are millions for the 1:10m coast; a second pass would double the start-up cost.
    fn build(vertices: &[(i32, i32)], rings: &[RingSpan], scale: Scale) -> Result<Self, String> {
        let edges_of = |r: &RingSpan| {
            let ring = vertices.get(r.start..r.start + r.len).unwrap_or_default();
            let last = ring.last().copied();
            last.into_iter()
                .chain(ring.iter().copied())
                .zip(ring.iter().copied())
                .map(|((y1, x1), (y2, x2))| Edge([y1, x1, y2, x2]))
                .filter(|e| !matches!(e.0, [y1, x1, y2, x2] if y1 == y2 && x1 == x2))
        };
        let cells_of = |e: Edge| {
            let (y1, x1, y2, x2) = e.coords();
            let r0 = scale.row_of(y1.min(y2) - scale.tolerance);
            let r1 = scale.row_of(y1.max(y2) + scale.tolerance);
            let c0 = scale.col_of(x1.min(x2) - scale.tolerance);
            let c1 = scale.col_of(x1.max(x2) + scale.tolerance);
            (r0..=r1).flat_map(move |r| (c0..=c1).map(move |c| r * scale.cols + c))
        };
        let n = scale.rows * scale.cols;
        let mut count = vec![0u32; n + 1];
        for r in rings {
            for e in edges_of(r) {
                for cell in cells_of(e) {
                    if let Some(c) = count.get_mut(cell) {
                        *c += 1;
                    }
                }
            }
        }
        let mut start = Vec::with_capacity(n + 1);
        let mut acc = 0u32;
        for c in &count {
            start.push(acc);
            acc = acc.checked_add(*c).ok_or("too many edges for the index")?;
        }
        let mut fill: Vec<u32> = start.clone();
        let mut edges = vec![Edge([0; 4]); acc as usize];
        for r in rings {
            for e in edges_of(r) {
                for cell in cells_of(e) {
                    if let Some(slot) = fill.get_mut(cell) {
                        if let Some(dst) = edges.get_mut(*slot as usize) {
                            *dst = e;
                        }
                        *slot += 1;
                    }
                }
            }
        }

        // Reference meridians: move any that an edge of the cell passes too near.
        let mut nudge = vec![0u8; n];
        for (cell, nd) in nudge.iter_mut().enumerate() {
            let (row, col) = (cell / scale.cols, cell % scale.cols);
            let (Some(&a), Some(&b)) = (start.get(cell), start.get(cell + 1)) else { continue };
            let cell_edges = edges.get(a as usize..b as usize).unwrap_or_default();
            let clear = |k: u8| {
                let (ry, rx) = (scale.ref_y(row), scale.ref_x(col, k));
                cell_edges.iter().all(|e| {
                    let c = e.coords();
                    dist2(ry, rx, c) > REF_CLEARANCE * REF_CLEARANCE
                        && (c.1 - rx).abs() > REF_CLEARANCE
                        && (c.3 - rx).abs() > REF_CLEARANCE
                })
            };
            *nd = (0..5u8)
                .find(|k| clear(*k))
                .ok_or_else(|| format!("no clear reference point in cell {row},{col}"))?;
        }

        // Reference verdicts, row by row: the longitudes where edges cross the row's reference
        // latitude, sorted; a reference point is on land if an odd number lie east of it.
        let mut crossings: Vec<Vec<f64>> = vec![Vec::new(); scale.rows];
        for r in rings {
            for e in edges_of(r) {
                let (y1, _, y2, _) = e.coords();
                let (lo, hi) = (y1.min(y2), y1.max(y2));
                let first = scale.row_of(lo);
                let last = scale.row_of(hi);
                for row in first..=last {
                    if let Some(xc) = crossing_at(scale.ref_y(row), e.coords()) {
                        if let Some(v) = crossings.get_mut(row) {
                            v.push(xc);
                        }
                    }
                }
            }
        }
        let mut inside = vec![false; n];
        for (row, xs) in crossings.iter_mut().enumerate() {
            xs.sort_by(f64::total_cmp);
            // Reference meridians increase with the column (a nudge moves one by less than a
            // cell), so one sweep counts the crossings west of each.
            let mut west = 0;
            for col in 0..scale.cols {
                let cell = row * scale.cols + col;
                let rx = scale.ref_x(col, nudge.get(cell).copied().unwrap_or(0));
                while xs.get(west).is_some_and(|xc| *xc <= rx) {
                    west += 1;
                }
                if let Some(v) = inside.get_mut(cell) {
                    *v = (xs.len() - west) % 2 == 1;
                }
            }
        }
        let cells = start
            .iter()
            .enumerate()
            .map(|(cell, &s)| {
                let inside = inside.get(cell).copied().unwrap_or(false);
                let nudge = nudge.get(cell).copied().unwrap_or(0);
                CellWord::new(s, inside, nudge).map(|w| w.0).ok_or("too many edges for the index")
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { cells, edges })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mask(text: &str) -> LandMask {
        LandMask::parse("t.txt", text).unwrap()
    }

    fn err(text: &str) -> String {
        LandMask::parse("t.txt", text).unwrap_err().to_string()
    }

    /// A 10x10 degree island with a 4x4 degree lake (a hole) in the middle.
    const ISLAND: &str =
        "# test\no 4\n0 0 0 1000 1000 1000\n1000 0\nh 4\n300 300 300 700 700 700 700 300\n";

    #[test]
    fn inside_outside_hole_and_coast() {
        let m = mask(ISLAND);
        assert_eq!(m.locate(5.0, 1.0), Surface::Land);
        assert_eq!(m.locate(5.0, 5.0), Surface::Sea); // the lake
        assert_eq!(m.locate(5.0, 3.03), Surface::Coast); // in the lake, 0.03 degree off its shore
        assert_eq!(m.locate(5.0, 2.97), Surface::Land);
        assert_eq!(m.locate(-0.04, 5.0), Surface::Coast);
        assert_eq!(m.locate(-0.06, 5.0), Surface::Sea);
        assert_eq!(m.locate(20.0, 20.0), Surface::Sea);
        for (lat, lon) in [(0.0, 0.0), (10.0, 10.0), (0.0, 5.0), (3.0, 5.0), (7.0, 3.0)] {
            assert_ne!(m.locate(lat, lon), Surface::Sea, "{lat},{lon}");
        }
    }

    #[test]
    fn index_agrees_with_brute_force() {
        let m = mask(ISLAND);
        let mut lat = -2.0;
        while lat <= 12.0 {
            let mut lon = -2.0;
            while lon <= 12.0 {
                assert_eq!(m.locate(lat, lon), m.locate_unfiltered(lat, lon), "{lat},{lon}");
                assert_eq!(m.locate(lat, lon), m.locate_bbox(lat, lon), "{lat},{lon}");
                lon += 0.01;
            }
            lat += 0.37;
        }
    }

    #[test]
    fn malformed_files_are_errors_with_lines() {
        assert!(err("o 3\n0 0 0 10\n").contains("t.txt:1: the ring announces 3 vertices but has 2"));
        assert!(err("o 3\n0 0 0 10 10\n").contains("half a vertex"));
        assert!(err("0 0\n").contains("t.txt:1: vertices before"));
        assert!(err("o 3\n0 0 0 x 10 0\n").contains("t.txt:2: `x` is not an integer"));
        assert!(err("o 3\n0 0 0 10 9100 0\n").contains("off the globe"));
        assert!(err("o 3\n0 0 0 10 0 0\n").contains("3 distinct vertices"));
        assert!(err("o 3\n0 17900 10 -17900 20 17900\n").contains("antimeridian"));
        assert!(err("# nothing\n").contains("no rings"));
        assert!(err("o three\n").contains("expected `o N`"));
    }
}

#[cfg(test)]
mod fine_tests {
    use super::*;

    /// The same island as the coarse tests, in thousandths: the index agrees with the
    /// bounding-box baseline at the fine scale too.
    #[test]
    fn fine_scale_index_agrees_with_baseline() {
        let text =
            "o 4\n0 0 0 10000 10000 10000\n10000 0\nh 4\n3000 3000 3000 7000 7000 7000 7000 3000\n";
        let m = LandMask::parse_scaled("t.txt", text, FINE).unwrap();
        let mut lat = -2.0;
        while lat <= 12.0 {
            let mut lon = -2.0;
            while lon <= 12.0 {
                assert_eq!(m.locate(lat, lon), m.locate_bbox(lat, lon), "{lat},{lon}");
                lon += 0.013;
            }
            lat += 0.37;
        }
        assert_eq!(m.locate(5.0, 1.0), Surface::Land);
        assert_eq!(m.locate(5.0, 5.0), Surface::Sea);
    }
}
