//! The cell cache: one word per 1-degree cell of the boundary data's raster, holding what the
//! classifier's sources say of every point of the cell, where they say one thing for all of it.
//!
//! Classifying a point read a cell of each source in turn (the boundary data's cache, the land
//! mask's index, the parts', the seas' and their land areas' indexes): tables of hundreds of
//! kilobytes each, read at random, so each read was a cache miss, and the misses were most of
//! the time a point took. A point whose cell the word answers for reads that word alone.
//!
//! The word of a cell (the bits from the lowest):
//! - 2 bits, the boundary data: not yet surveyed, crossed by a polygon (ask the crate for each
//!   point), or the same ids for every point;
//! - then 2 bits, how many ids (0 to 3), and 3 times [`ID_BITS`] bits, the ids as positions in
//!   the sorted list of every id of the data, most specific first;
//! - 1 bit: one of those ids is the parent of a casus part (`TR`): the part is found per point;
//! - 4 times 2 bits, the land mask's four half-degree cells, south-west, south-east, north-west,
//!   north-east: edges near (test the point), or no edge near and all sea, or all land;
//! - 1 bit: the seas file's land areas (the Antarctic ice shelves) come near the cell;
//! - 16 bits, the sea areas: a point of the cell is in none, or in the set of a template of
//!   [`Seas`] (its position), or the point must be tested.
//!
//! All but the boundary data's part are known when the classifier is built. The boundary data's
//! is filled when a point first falls in the cell (surveying a cell takes some microseconds, and
//! most are never asked about): two threads may both survey a cell, and store the same word.
//!
//! The sources do not cut cells quite alike at their edges (the boundary data puts a point on
//! a cell's west edge at 180 in the first column, the indexes in the last; at other edges,
//! rounding may differ): the word's half-degree cells and sea areas are used only when the
//! source's own cell for the point is the one the word describes.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::boundary::{self, Boundaries, HEIGHT, WIDTH};
use crate::index;
use crate::land::{self, LandMask, Surface};
use crate::seas::{CellSeas, Seas};

/// Bits of an id's position in the list of every id; the bundled data has some 500 ids. A cell
/// with an id past the limit is left to the crate (as a cell crossed by a polygon is).
const ID_BITS: u32 = 10;
/// How many ids a word holds; a cell with more (rare) is left to the crate.
const MAX_IDS: usize = 3;

const STATE_SHIFT: u32 = 0;
const LEN_SHIFT: u32 = 2;
const IDS_SHIFT: u32 = 4;
const PARTS_SHIFT: u32 = IDS_SHIFT + 3 * ID_BITS;
const LAND_SHIFT: u32 = PARTS_SHIFT + 1;
const LAND_AREAS_SHIFT: u32 = LAND_SHIFT + 8;
const SEAS_SHIFT: u32 = LAND_AREAS_SHIFT + 1;
const _: () = assert!(SEAS_SHIFT + 16 <= 64);

/// The boundary data's states.
const UNSURVEYED: u64 = 0;
const MIXED: u64 = 1;
const UNIFORM: u64 = 2;

/// A half-degree cell of the land mask.
const LAND_EDGES: u64 = 0;
const LAND_SEA: u64 = 1;
const LAND_LAND: u64 = 2;

/// The sea areas of a cell: none, the point must be tested, or a template's position.
const SEAS_NONE: u64 = 0xFFFF;
const SEAS_TEST: u64 = 0xFFFE;

/// The cache: a word per cell, row 0 the northernmost (the boundary data's order).
pub(crate) struct Cells {
    words: Vec<AtomicU64>,
    /// By position in the boundary data's list of ids: is the id the parent of a casus part?
    parents: Vec<bool>,
}

impl std::fmt::Debug for Cells {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Cells({})", self.words.len())
    }
}

/// What the word of a point's cell says of it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cell {
    word: u64,
    /// The word's half-degree cell for the point (0 to 3), if the land mask's cell for the
    /// point is one of the word's.
    quarter: Option<u32>,
    /// Is the seas index's cell for the point the word's?
    seas_aligned: bool,
}

impl Cells {
    /// The words, with all but the boundary data's part.
    pub(crate) fn build(
        land: &LandMask,
        seas: &Seas,
        boundaries: &Boundaries,
        is_parent: impl Fn(&str) -> bool,
    ) -> Self {
        let words = (0..WIDTH * HEIGHT)
            .map(|i| {
                let (x, y) = (i % WIDTH, i / WIDTH);
                // the same cell in the indexes' order, rows from 90 S
                let row = HEIGHT - 1 - y;
                let mut word = 0;
                for q in 0..4 {
                    let (r, c) = (row * 2 + q / 2, x * 2 + q % 2);
                    let state = match land.cell_surface(r, c) {
                        None => LAND_EDGES,
                        Some(Surface::Land) => LAND_LAND,
                        Some(_) => LAND_SEA,
                    };
                    word |= state << (LAND_SHIFT + 2 * q as u32);
                }
                word |= u64::from(seas.land_near(row, x)) << LAND_AREAS_SHIFT;
                let sea = match seas.cell_seas(row, x) {
                    CellSeas::None => SEAS_NONE,
                    CellSeas::Template(k) => {
                        u64::try_from(k).ok().filter(|k| *k < SEAS_TEST).unwrap_or(SEAS_TEST)
                    }
                    CellSeas::Test => SEAS_TEST,
                };
                AtomicU64::new(word | (sea << SEAS_SHIFT))
            })
            .collect();
        let parents = boundaries.names().iter().map(|n| is_parent(n)).collect();
        Self { words, parents }
    }

    /// The word of a point's cell (valid coordinates), surveying the boundary data's cell if
    /// no point fell in it before.
    pub(crate) fn get(&self, boundaries: &Boundaries, lat: f64, lon: f64) -> Cell {
        let (x, y) = boundary::cell_of(lat, lon);
        let mut cell = self.cell(x, y, lat, lon);
        if (cell.word >> STATE_SHIFT) & 3 == UNSURVEYED {
            cell.word |= self.survey(boundaries, x, y);
            if let Some(slot) = self.words.get(y * WIDTH + x) {
                // Relaxed: the word is all a survey publishes, and any thread computes the
                // same one.
                slot.store(cell.word, Ordering::Relaxed);
            }
        }
        cell
    }

    /// The word of a point's cell (valid coordinates) as it is: the boundary data's part may
    /// be unsurveyed, when [`Cell::boundary`] is `None`.
    pub(crate) fn peek(&self, lat: f64, lon: f64) -> Cell {
        let (x, y) = boundary::cell_of(lat, lon);
        self.cell(x, y, lat, lon)
    }

    /// The word of cell `(x, y)` for a point in it.
    fn cell(&self, x: usize, y: usize, lat: f64, lon: f64) -> Cell {
        let Some(slot) = self.words.get(y * WIDTH + x) else {
            // unreachable (the cell is clamped to the raster): nothing known, test all
            return Cell { word: MIXED << STATE_SHIFT, quarter: None, seas_aligned: false };
        };
        let word = slot.load(Ordering::Relaxed);
        let row = HEIGHT - 1 - y;
        let (lr, lc) = land::cell_of(lat, lon);
        let quarter = (lr / 2 == row && lc / 2 == x).then(|| ((lr % 2) * 2 + lc % 2) as u32);
        let seas_aligned = index::cell_of(lat, lon) == (row, x);
        Cell { word, quarter, seas_aligned }
    }

    /// The boundary data's bits of a cell's word.
    fn survey(&self, boundaries: &Boundaries, x: usize, y: usize) -> u64 {
        let Some(ids) = boundaries.survey(x, y) else { return MIXED << STATE_SHIFT };
        if ids.len() > MAX_IDS || ids.iter().any(|k| *k >= 1 << ID_BITS) {
            return MIXED << STATE_SHIFT;
        }
        let mut word = (UNIFORM << STATE_SHIFT) | ((ids.len() as u64) << LEN_SHIFT);
        for (j, k) in ids.iter().enumerate() {
            word |= (*k as u64) << (IDS_SHIFT + ID_BITS * j as u32);
        }
        let parts = ids.iter().any(|k| self.parents.get(*k).copied().unwrap_or(true));
        word | (u64::from(parts) << PARTS_SHIFT)
    }
}

impl Cell {
    /// The boundary data's ids for every point of the cell, as positions in
    /// [`Boundaries::names`] (`len` of them); `None` if they depend on the point.
    pub(crate) fn boundary(&self) -> Option<([u16; 3], usize)> {
        if (self.word >> STATE_SHIFT) & 3 != UNIFORM {
            return None;
        }
        let mask = (1 << ID_BITS) - 1;
        let id = |j: u32| ((self.word >> (IDS_SHIFT + ID_BITS * j)) & mask) as u16;
        Some(([id(0), id(1), id(2)], ((self.word >> LEN_SHIFT) & 3) as usize))
    }

    /// May a casus part refine the boundary data's ids here? Always, where the ids depend on
    /// the point.
    pub(crate) fn parts(&self) -> bool {
        self.boundary().is_none() || (self.word >> PARTS_SHIFT) & 1 == 1
    }

    /// Land or sea for the point, if no coast comes near its half-degree cell.
    pub(crate) fn surface(&self) -> Option<Surface> {
        let q = self.quarter?;
        match (self.word >> (LAND_SHIFT + 2 * q)) & 3 {
            LAND_LAND => Some(Surface::Land),
            LAND_SEA => Some(Surface::Sea),
            _ => None,
        }
    }

    /// Is the point in none of the seas file's land areas, as every point of the cell? `false`
    /// if it must be tested.
    pub(crate) fn no_land_area(&self) -> bool {
        self.seas_aligned && (self.word >> LAND_AREAS_SHIFT) & 1 == 0
    }

    /// The sea areas of every point of the cell: `Some(None)` for none, `Some(Some(k))` for
    /// the set of template `k`; `None` if the point must be tested.
    pub(crate) fn seas(&self) -> Option<Option<usize>> {
        if !self.seas_aligned {
            return None;
        }
        match (self.word >> SEAS_SHIFT) & 0xFFFF {
            SEAS_NONE => Some(None),
            SEAS_TEST => None,
            k => Some(Some(k as usize)),
        }
    }
}
