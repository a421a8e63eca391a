//! Sequence comparison: Myers' O(ND) difference algorithm over interned items (words or
//! whole blocks as numbers), giving the changed regions ("hunks") between runs of equal items.

use std::ops::Range;

/// A changed region: `old` items replaced by `new` items (either may be empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hunk {
    /// The items of the old sequence in the region.
    pub old: Range<usize>,
    /// The items of the new sequence in the region.
    pub new: Range<usize>,
}

/// Beyond this many differences in one comparison the middle is reported as one change
/// (bounds time and memory on unrelated texts).
const MAX_EDITS: usize = 2000;

/// The changed regions between `a` and `b`, in order; empty when they are equal.
pub fn hunks(a: &[u32], b: &[u32]) -> Vec<Hunk> {
    let pairs = common(a, b);
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    for (x, y) in pairs.into_iter().chain(std::iter::once((a.len(), b.len()))) {
        if x > i || y > j {
            out.push(Hunk { old: i..x, new: j..y });
        }
        (i, j) = (x + 1, y + 1);
    }
    out
}

/// Index pairs `(i, j)` with `a[i] == b[j]` forming a longest common subsequence, in order.
pub fn common(a: &[u32], b: &[u32]) -> Vec<(usize, usize)> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (ma, mb) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut pairs: Vec<(usize, usize)> = (0..prefix).map(|i| (i, i)).collect();
    pairs.extend(myers(ma, mb).into_iter().map(|(x, y)| (x + prefix, y + prefix)));
    pairs.extend((0..suffix).map(|k| (a.len() - suffix + k, b.len() - suffix + k)));
    pairs
}

/// Myers' greedy algorithm with a trace for backtracking.
fn myers(a: &[u32], b: &[u32]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    if n == 0 || m == 0 {
        return Vec::new();
    }
    let max = (n + m) as usize;
    let offset = max as isize + 1;
    let mut v = vec![0isize; 2 * max + 3];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let mut end = None;
    'outer: for d in 0..=(max.min(MAX_EDITS) as isize) {
        trace.push(v[(offset - d - 1) as usize..=(offset + d + 1) as usize].to_vec());
        for k in (-d..=d).step_by(2) {
            let at = |k: isize| (offset + k) as usize;
            let mut x =
                if k == -d || (k != d && v[at(k - 1)] < v[at(k + 1)]) { v[at(k + 1)] } else { v[at(k - 1)] + 1 };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[at(k)] = x;
            if x >= n && y >= m {
                end = Some(d);
                break 'outer;
            }
        }
    }
    let Some(_) = end else { return Vec::new() };
    let mut pairs = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (0..trace.len() as isize).rev() {
        let row = &trace[d as usize];
        let get = |k: isize| row[(k + d + 1) as usize];
        let k = x - y;
        let prev_k = if k == -d || (k != d && get(k - 1) < get(k + 1)) { k + 1 } else { k - 1 };
        let prev_x = get(prev_k);
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            x -= 1;
            y -= 1;
            pairs.push((x as usize, y as usize));
        }
        if d > 0 {
            (x, y) = (prev_x, prev_y);
        }
    }
    pairs.reverse();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(s: &str) -> Vec<u32> {
        s.bytes().map(u32::from).collect()
    }

    #[test]
    fn equal_sequences_have_no_hunks() {
        assert!(hunks(&ids("abc"), &ids("abc")).is_empty());
        assert!(hunks(&[], &[]).is_empty());
    }

    #[test]
    fn hunks_are_the_minimal_changes() {
        assert_eq!(hunks(&ids("abcd"), &ids("abxd")), [Hunk { old: 2..3, new: 2..3 }]);
        assert_eq!(hunks(&ids("abc"), &ids("ac")), [Hunk { old: 1..2, new: 1..1 }]);
        assert_eq!(hunks(&ids("ac"), &ids("abc")), [Hunk { old: 1..1, new: 1..2 }]);
        assert_eq!(hunks(&ids(""), &ids("ab")), [Hunk { old: 0..0, new: 0..2 }]);
    }

    #[test]
    fn the_common_subsequence_is_longest() {
        // classic example from Myers' paper: LCS length 4 ("CBBA" or similar)
        let (a, b) = (ids("ABCABBA"), ids("CBABAC"));
        let pairs = common(&a, &b);
        assert_eq!(pairs.len(), 4);
        assert!(pairs.iter().all(|&(i, j)| a[i] == b[j]));
        assert!(pairs.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1));
    }
}
