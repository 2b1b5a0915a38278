//! Word error rate, the corpus scorer's text measure, computed in Rust so
//! that reading-order tests need no Python.

/// Word error rate: word-level edit distance over the length of the truth.
pub fn wer(truth: &[String], got: &[String]) -> f64 {
    let mut prev: Vec<usize> = (0..=got.len()).collect();
    let mut cur = vec![0; got.len() + 1];
    for (i, t) in truth.iter().enumerate() {
        cur[0] = i + 1;
        for (j, g) in got.iter().enumerate() {
            let sub = prev[j] + usize::from(t != g);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[got.len()] as f64 / truth.len().max(1) as f64
}
