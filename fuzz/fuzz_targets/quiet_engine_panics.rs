//! Shared by the fuzz targets: libfuzzer's panic hook counts every panic as a crash, but a
//! panic inside wasmi that watlab's runtime catches (`runtime::guarded`, reported to the
//! learner as an engine failure) is not one. This wraps the hook so that only uncaught panics
//! reach it, as the `watlab` binary's own hook does.

use std::sync::Once;

/// Installs the wrapper once, on the first input.
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let fuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !watlab_core::runtime::panic_is_caught() {
                fuzzer_hook(info);
            }
        }));
    });
}
