//! `corridor import --bundle` into an empty SQLite database: any bytes are refused with the line at fault (the
//! database left empty) or, for a sound bundle, loaded; never a panic. One database serves every run: a refused
//! import leaves it empty.
#![no_main]

use std::sync::OnceLock;

fn store() -> &'static (tokio::runtime::Runtime, corridor_store::Store) {
    static STORE: OnceLock<(tokio::runtime::Runtime, corridor_store::Store)> = OnceLock::new();
    STORE.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let file =
            std::env::temp_dir().join(format!("corridor-fuzz-bundle-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&file);
        let url = format!("sqlite://{}?mode=rwc", file.display());
        let store = runtime
            .block_on(corridor_store::Store::open(&url))
            .expect("a migrated database");
        (runtime, store)
    })
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (runtime, store) = store();
    let mut input = data;
    let _ = runtime.block_on(store.import_bundle(&mut input, &mut |_| {}));
});
