//! An IATI activities file read activity by activity, as `corridor import --iati` streams it: any bytes give
//! activities and problems with their lines, never a panic and never unbounded memory.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut activities = corridor_formats::iati_read::Activities::new(data);
    // Every call reads forward, so the loop ends; the bound only keeps a pathological input short.
    for _ in 0..10_000 {
        match activities.next_activity() {
            Ok(Some(_)) => {}
            Ok(None) | Err(_) => break,
        }
    }
});
