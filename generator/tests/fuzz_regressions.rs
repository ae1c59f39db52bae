//! Inputs the fuzz targets (`fuzz/`) found to crash or hang, kept in
//! `fuzz/regressions/`: each must now finish within a deadline, without a panic and
//! without generated code that fails to parse.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use openapi_bindgen::Config;

#[test]
fn every_regression_finishes_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/regressions");
    let mut entries: Vec<_> =
        std::fs::read_dir(&dir).expect("fuzz/regressions").map(|e| e.expect("entry").path()).collect();
    entries.sort();
    assert!(!entries.is_empty(), "no regressions in {}", dir.display());
    for path in entries {
        let source = std::fs::read_to_string(&path).expect("read");
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let (done, wait) = mpsc::channel();
        std::thread::spawn(move || {
            let result = Config::new().generate_source(Path::new(&name), &source);
            let _ = done.send(result.err().map(|f| f.to_string()));
        });
        match wait.recv_timeout(Duration::from_secs(30)) {
            Ok(Some(failure)) => assert!(!failure.contains("internal error"), "{}: {failure}", path.display()),
            Ok(None) => {}
            Err(mpsc::RecvTimeoutError::Timeout) => panic!("{} did not finish within 30 s", path.display()),
            Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{} panicked", path.display()),
        }
    }
}
