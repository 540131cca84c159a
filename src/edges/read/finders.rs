//! How many finder patterns the QR reader would follow, counted before it follows them.
//!
//! The reader finds finder patterns by scanning each row of the binarised image for dark,
//! light, dark, light and dark runs in the proportion 1:1:3:1:1, and keeps a match whose two
//! outer dark runs are one region (the ring), whose middle run is another (the stone), and whose
//! stone has between 10 % and 70 % of the ring's pixels; each ring is claimed once. Grouping the
//! patterns into symbols then costs about the square of their number, so a mosaic of small codes
//! or a repeating pattern stalls it for minutes. [`count`] finds the same matches with the same
//! tests in one pass, labelling the dark regions as it goes (runs that share a column in
//! adjacent rows are one region, as in the reader's flood fill), and returns the number of
//! distinct rings (never fewer than the patterns the reader can find, and in photos close to it)
//! with how many of them do not look like a finder pattern on closer view.

use std::vec::Vec;

/// What the reader would work through in an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Load {
    /// Distinct rings of row matches that pass the reader's tests: never fewer than the finder
    /// patterns the reader finds.
    pub(super) finders: usize,
    /// Those of them that do not look like a finder pattern: the column through the centre is
    /// not in proportion too, or the ring and centre are not about 24 and 9 squares of the row's
    /// unit. Noise and texture make them; the reader's search around a group holding one can
    /// sweep the whole image (its search radius comes from the pattern's shape).
    pub(super) suspect: usize,
}

/// A row match: its left, middle and right dark runs, the row's unit (the mean narrow run),
/// and whether the column through its centre is in proportion too.
struct Match {
    runs: [usize; 3],
    unit: usize,
    upright: bool,
}

/// The reader's load on a binarised image: `dark(x, y)` is the pixel, for `x < width` and
/// `y < height`.
pub(super) fn count(width: usize, height: usize, dark: impl Fn(usize, usize) -> bool) -> Load {
    let mut regions = Regions::default();
    // The dark runs, as [start, end) columns and run number, of the row above and this one.
    let mut above: Vec<(usize, usize, usize)> = Vec::new();
    let mut here: Vec<(usize, usize, usize)> = Vec::new();
    let mut matches: Vec<Match> = Vec::new();
    for y in 0..height {
        here.clear();
        // The last five completed runs, oldest first, how many runs the row has completed, and
        // the numbers of the last three dark runs.
        let mut runs = [0usize; 5];
        let mut completed = 0usize;
        let mut darks = [0usize; 3];
        let mut colour = width > 0 && dark(0, y);
        let mut start = 0usize;
        let mut i = 0usize;
        // Past the last pixel the row reads as light, as the reader's does, so that a pattern
        // touching the right edge is tested too.
        for x in 1..=width {
            let next = x < width && dark(x, y);
            if next == colour {
                continue;
            }
            runs.rotate_left(1);
            if let Some(last) = runs.last_mut() {
                *last = x.saturating_sub(start);
            }
            completed = completed.saturating_add(1);
            if colour {
                let run = regions.add(x.saturating_sub(start));
                // Join every dark run of the row above that shares a column with this one.
                while above.get(i).is_some_and(|&(_, end, _)| end <= start) {
                    i = i.saturating_add(1);
                }
                while let Some(&(begin, end, other)) = above.get(i) {
                    if begin >= x {
                        break;
                    }
                    regions.join(run, other);
                    if end > x {
                        // It may touch the next dark run of this row too.
                        break;
                    }
                    i = i.saturating_add(1);
                }
                here.push((start, x, run));
                darks.rotate_left(1);
                if let Some(last) = darks.last_mut() {
                    *last = run;
                }
                if completed >= 5 && in_proportion(runs) {
                    let unit = unit_of(runs);
                    let [_, _, stone_run, light_run, ring_run] = runs;
                    let centre_end = x.saturating_sub(ring_run).saturating_sub(light_run);
                    let centre = centre_end.saturating_sub(stone_run / 2).saturating_sub(1);
                    matches.push(Match {
                        runs: darks,
                        unit,
                        upright: upright(&dark, centre, y, height, unit),
                    });
                }
            }
            colour = next;
            start = x;
        }
        std::mem::swap(&mut above, &mut here);
    }
    // Each ring the reader's tests pass, and whether one of its matches looks like a finder.
    let mut rings: Vec<(usize, bool)> = matches
        .into_iter()
        .filter_map(
            |Match {
                 runs: [left, stone, right],
                 unit,
                 upright,
             }| {
                let ring = regions.root(right);
                let stone = regions.root(stone);
                let (ring_area, stone_area) = (regions.area(ring), regions.area(stone));
                let ratio = (stone_area.saturating_mul(100))
                    .checked_div(ring_area)
                    .unwrap_or(0);
                if regions.root(left) != ring || stone == ring || ratio <= 10 || ratio >= 70 {
                    return None;
                }
                // A finder has 24 squares of its unit in the ring and 9 in the centre: within a
                // factor of four either way (blur, perspective, thresholding).
                let square = unit.saturating_mul(unit);
                let near = |area: usize, squares: usize| {
                    let expected = square.saturating_mul(squares);
                    area.saturating_mul(4) >= expected && area <= expected.saturating_mul(4)
                };
                Some((ring, upright && near(ring_area, 24) && near(stone_area, 9)))
            },
        )
        .collect();
    // One entry a ring, plausible if any of its matches is.
    rings.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    rings.dedup_by_key(|ring| ring.0);
    Load {
        finders: rings.len(),
        suspect: rings.iter().filter(|ring| !ring.1).count(),
    }
}

/// The unit of five runs: the mean of the four narrow ones.
fn unit_of(runs: [usize; 5]) -> usize {
    let [a, b, _, d, e] = runs;
    a.saturating_add(b).saturating_add(d).saturating_add(e) / 4
}

/// Whether the column through `(x, y)`, the centre of a row match of `unit`, also reads dark,
/// light, dark, light and dark in proportion, up and down from the centre.
fn upright(
    dark: &impl Fn(usize, usize) -> bool,
    x: usize,
    y: usize,
    height: usize,
    unit: usize,
) -> bool {
    // No run of a finder in proportion is longer than four units: stop looking past that.
    let reach = unit.saturating_mul(4).saturating_add(2);
    let (Some(up), Some(down)) = (
        column_runs(dark, x, y, height, reach, false),
        column_runs(dark, x, y, height, reach, true),
    ) else {
        return false;
    };
    let [centre_up, light_up, ring_up] = up;
    let [centre_down, light_down, ring_down] = down;
    in_proportion([
        ring_up,
        light_up,
        centre_up.saturating_add(centre_down).saturating_sub(1),
        light_down,
        ring_down,
    ])
}

/// The lengths of the dark, light and dark runs met going up (or `down`) the column `x` from
/// row `y` (included), each at most `reach`; past the image the column reads light.
fn column_runs(
    dark: &impl Fn(usize, usize) -> bool,
    x: usize,
    y: usize,
    height: usize,
    reach: usize,
    down: bool,
) -> Option<[usize; 3]> {
    let mut lengths = [0usize; 3];
    let mut phase = 0usize;
    let mut row = Some(y);
    loop {
        let here = row.filter(|&r| r < height).is_some_and(|r| dark(x, r));
        // Phases 0 and 2 are dark, phase 1 light.
        if here != (phase != 1) {
            phase = phase.saturating_add(1);
            if phase == 3 {
                break;
            }
        }
        let length = lengths.get_mut(phase)?;
        *length = length.saturating_add(1);
        if *length > reach {
            return None;
        }
        if row.is_none_or(|r| r >= height) {
            // Past the edge: the outer dark run has ended (or never began).
            break;
        }
        row = if down {
            row.and_then(|r| r.checked_add(1))
        } else {
            row.and_then(|r| r.checked_sub(1))
        };
    }
    lengths.iter().all(|&n| n > 0).then_some(lengths)
}

/// Dark regions as a union of runs: for each run, its parent (itself at a region's root) and,
/// at a root, the region's pixel count.
#[derive(Default)]
struct Regions {
    parent: Vec<usize>,
    area: Vec<usize>,
}

impl Regions {
    /// A new region of one run of `length` pixels: its number.
    fn add(&mut self, length: usize) -> usize {
        let run = self.parent.len();
        self.parent.push(run);
        self.area.push(length);
        run
    }

    /// The root of a run's region (halving the path on the way).
    fn root(&mut self, mut run: usize) -> usize {
        while let Some(&parent) = self.parent.get(run) {
            if parent == run {
                break;
            }
            let grand = self.parent.get(parent).copied().unwrap_or(parent);
            if let Some(slot) = self.parent.get_mut(run) {
                *slot = grand;
            }
            run = grand;
        }
        run
    }

    /// Merges two runs' regions.
    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a == b {
            return;
        }
        // The smaller number stays the root: older regions are usually the larger.
        let (keep, gone) = (a.min(b), a.max(b));
        let moved = self.area(gone);
        if let Some(slot) = self.parent.get_mut(gone) {
            *slot = keep;
        }
        if let Some(slot) = self.area.get_mut(keep) {
            *slot = slot.saturating_add(moved);
        }
    }

    /// The pixel count of a root's region.
    fn area(&self, root: usize) -> usize {
        self.area.get(root).copied().unwrap_or(0)
    }
}

/// The reader's test of five runs (dark, light, dark, light, dark) for the proportion 1:1:3:1:1:
/// each run within three quarters of a unit of its share, the unit being the mean of the four
/// narrow runs.
fn in_proportion(runs: [usize; 5]) -> bool {
    let [a, b, c, d, e] = runs;
    let unit = unit_of(runs);
    let slack = unit.saturating_mul(3) / 4;
    [(a, 1), (b, 1), (c, 3), (d, 1), (e, 1)]
        .into_iter()
        .all(|(run, share)| {
            let want = unit.saturating_mul(share);
            run.saturating_add(slack) >= want && run <= want.saturating_add(slack)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The load of rows of `#` (dark) and anything else (light).
    fn load_of<S: AsRef<str>>(rows: &[S]) -> Load {
        let width = rows.first().map_or(0, |r| r.as_ref().len());
        count(width, rows.len(), |x, y| {
            rows[y].as_ref().as_bytes()[x] == b'#'
        })
    }

    fn count_in<S: AsRef<str>>(rows: &[S]) -> usize {
        load_of(rows).finders
    }

    const FINDER: [&str; 7] = [
        "#######", "#.....#", "#.###.#", "#.###.#", "#.###.#", "#.....#", "#######",
    ];

    #[test]
    fn one_finder_pattern_counts_once() {
        assert_eq!(count_in(&FINDER), 1);
        let padded: Vec<String> = FINDER.iter().map(|r| format!("..{r}..")).collect();
        assert_eq!(count_in(&padded), 1);
        // Scaled by three: nine row matches, one ring.
        let big: Vec<String> = FINDER
            .iter()
            .flat_map(|r| {
                let row: String = r.chars().flat_map(|c| [c, c, c]).collect();
                [row.clone(), row.clone(), row]
            })
            .collect();
        assert_eq!(count_in(&big), 1);
    }

    #[test]
    fn patterns_side_by_side_and_stacked_count_apart() {
        let wide: Vec<String> = FINDER.iter().map(|r| format!("{r}.{r}")).collect();
        assert_eq!(count_in(&wide), 2);
        let mut tall: Vec<&str> = FINDER.to_vec();
        tall.push(".......");
        tall.extend(FINDER);
        assert_eq!(count_in(&tall), 2);
        // A mosaic of ten by ten.
        let row_of = |r: &str| format!("{r}.").repeat(10);
        let mosaic: Vec<String> = (0..10)
            .flat_map(|_| FINDER.iter().map(|r| row_of(r)).chain([".".repeat(80)]))
            .collect();
        assert_eq!(count_in(&mosaic), 100);
    }

    #[test]
    fn row_matches_that_are_no_ring_do_not_count() {
        // One row: the outer runs are not joined.
        assert_eq!(count_in(&["#.###.#"]), 0);
        // The outer runs are joined below but not above: still one region, still counted.
        assert_eq!(count_in(&["#.###.#", "#.....#", "#######"]), 1);
        // The stone joined to the ring.
        assert_eq!(
            count_in(&["#######", "#.....#", "#.###.#", "#..#..#", "#######"]),
            0
        );
        // The stone far larger than the ring allows (over 70 % of its pixels): it runs out
        // through a gap in the ring into a bar below.
        let mut heavy: Vec<String> = [
            "#######", "#.....#", "#.###.#", "#.###.#", "#.###.#", "#..#..#", "##.#.##",
        ]
        .iter()
        .map(|r| r.to_string())
        .collect();
        heavy.extend((0..10).map(|_| "...#...".to_string()));
        assert_eq!(count_in(&heavy), 0);
        heavy.truncate(6);
        heavy.push("###.###".into());
        assert_eq!(
            count_in(&heavy),
            1,
            "the same ring with a stone of its size"
        );
    }

    #[test]
    fn a_ring_that_is_no_finder_is_suspect() {
        let load = |rows: &[&str]| load_of(rows);
        let one = |suspect| Load {
            finders: 1,
            suspect,
        };
        assert_eq!(load(&FINDER), one(0));
        // Squashed to five rows: in proportion along the row, not down the column.
        assert_eq!(
            load(&["#######", "#.....#", "#.###.#", "#.....#", "#######"]),
            one(1)
        );
        // Stretched down: the column's centre run is far too long.
        let mut tall: Vec<&str> = vec!["#######", "#.....#"];
        tall.extend(["#.###.#"; 6]);
        tall.extend(["#.....#", "#######"]);
        assert_eq!(load(&tall), one(1));
    }

    #[test]
    fn the_proportion_test_is_the_readers() {
        assert!(in_proportion([4, 4, 12, 4, 4]));
        assert!(in_proportion([3, 5, 10, 4, 4]));
        assert!(!in_proportion([4, 4, 30, 4, 4]));
        assert!(!in_proportion([0, 0, 0, 0, 9]));
        // A centre run too wide for its ring: 1, 1, 9, 1, 1.
        let wide: Vec<String> = [
            "#############",
            "#...........#",
            "#.#########.#",
            "#...........#",
            "#############",
        ]
        .iter()
        .map(|r| r.to_string())
        .collect();
        assert_eq!(count_in(&wide), 0);
    }
}
