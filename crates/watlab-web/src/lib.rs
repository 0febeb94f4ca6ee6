//! watlab's browser binding: the core compiled to `wasm32-unknown-unknown` behind a plain
//! `extern "C"` surface that speaks JSON.
//!
//! The page's Worker copies a UTF-8 JSON request into memory it got from [`watlab_alloc`],
//! calls [`watlab_call`], and reads the JSON response at [`watlab_response_ptr`]. The requests
//! and what each answers are in `api` (the protocol) and described beside the page's loader
//! (`web/src/core.js`). This crate is the only one that knows about JSON and JavaScript; it
//! holds no logic of its own beyond turning the core's data into the page's shapes (byte spans
//! into the UTF-16 offsets the editor counts in, events into tagged rows).
//!
//! wasm-bindgen was not used: the surface is four functions, a JSON protocol keeps the page's
//! side a small hand-written loader, and the build needs nothing but cargo (no CLI tool whose
//! version must match the crate's).
#![warn(missing_docs)]

pub mod api;
mod course;
mod state;
#[cfg(test)]
mod tests;
mod trace;

use std::cell::RefCell;

thread_local! {
    /// The last response, kept until the next call so the page can copy it out.
    static RESPONSE: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Memory for a request of `len` bytes; the page writes the request there and passes it to
/// [`watlab_call`], which frees it.
#[no_mangle]
pub extern "C" fn watlab_alloc(len: usize) -> *mut u8 {
    let mut buf = vec![0u8; len.max(1)].into_boxed_slice();
    let ptr = buf.as_mut_ptr();
    std::mem::forget(buf);
    ptr
}

/// Handles the JSON request of `len` bytes at `ptr` (from [`watlab_alloc`], freed here) and
/// returns the length of the JSON response, to be read at [`watlab_response_ptr`].
///
/// # Safety
/// `ptr` and `len` must be exactly what [`watlab_alloc`] returned and was given, filled by the
/// caller, and not used again.
#[no_mangle]
pub unsafe extern "C" fn watlab_call(ptr: *mut u8, len: usize) -> usize {
    // SAFETY: the caller passes back the allocation `watlab_alloc(len)` made.
    let request = unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len.max(1))) };
    let response = api::handle(&request[..len]);
    RESPONSE.with(|r| {
        let mut r = r.borrow_mut();
        *r = response.into_bytes();
        r.len()
    })
}

/// Where the last response starts.
#[no_mangle]
pub extern "C" fn watlab_response_ptr() -> *const u8 {
    RESPONSE.with(|r| r.borrow().as_ptr())
}

/// Installs a panic hook that keeps the message for [`watlab_panic_message`]: a panic in the
/// core becomes a trap in the page (wasm32 aborts), after which the page reads why, discards
/// the instance and starts a fresh one.
#[no_mangle]
pub extern "C" fn watlab_init() {
    std::panic::set_hook(Box::new(|info| {
        let text = format!("{info}");
        PANIC.with(|p| {
            if let Ok(mut p) = p.try_borrow_mut() {
                *p = text.into_bytes();
            }
        });
    }));
}

thread_local! {
    static PANIC: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// The length of the last panic's message, which [`watlab_response_ptr`] then points at; 0
/// when there was none.
#[no_mangle]
pub extern "C" fn watlab_panic_message() -> usize {
    let text = PANIC.with(|p| p.try_borrow().map(|p| p.clone()).unwrap_or_default());
    RESPONSE.with(|r| match r.try_borrow_mut() {
        Ok(mut r) => {
            *r = text;
            r.len()
        }
        Err(_) => 0,
    })
}
