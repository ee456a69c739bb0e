//! Files from the team's `shared/` directory, which sits beside the clone (`../shared`; a git
//! worktree one level deeper finds it at `../../shared`), or in `$DEMARCHE_SHARED_DIR`. It is
//! not part of the repository: a clone elsewhere has none.

use std::io::Write as _;
use std::path::PathBuf;

/// The bytes of `relative` (e.g. "fixtures/x.txt") in the shared directory. Where it is
/// missing, prints that the calling test is skipped and why and returns `None`; with `CI` set,
/// a missing file fails the test instead, so that CI never passes by skipping.
pub fn shared_file(relative: &str) -> Option<Vec<u8>> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut candidates: Vec<PathBuf> = std::env::var_os("DEMARCHE_SHARED_DIR")
        .map(PathBuf::from)
        .into_iter()
        .collect();
    candidates.push(manifest.join("../shared"));
    candidates.push(manifest.join("../../shared"));
    if let Some(bytes) = candidates
        .iter()
        .find_map(|dir| std::fs::read(dir.join(relative)).ok())
    {
        return Some(bytes);
    }
    let why = format!(
        "{relative} is not in the shared directory (looked in {candidates:?}; check out shared/ \
         beside the repository or set DEMARCHE_SHARED_DIR)"
    );
    assert!(std::env::var_os("CI").is_none(), "CI is set and {why}");
    // Written to the process's stderr, not through `eprintln!`, which the test harness captures
    // and shows only for failing tests: a skip must be seen.
    let _ = writeln!(
        std::io::stderr(),
        "skipped: {}: {why}",
        std::thread::current().name().unwrap_or("a test")
    );
    None
}
