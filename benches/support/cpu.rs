//! The CPU time a benchmark process has used, for the CPU-per-article comparisons of
//! `benches/loopback.sh`: criterion times wall clock, which a shared machine makes noisy.

/// CPU seconds (user + system) this process has used so far, from `/proc/self/stat`.
pub fn process_cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").expect("/proc/self/stat");
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks = |i: usize| fields[i].parse::<f64>().expect("a tick count");
    // utime and stime, fields 14 and 15 of stat(5); the kernel counts 100 ticks a second.
    (ticks(11) + ticks(12)) / 100.0
}
