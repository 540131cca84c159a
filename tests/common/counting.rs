//! A counting global allocator for the zero-allocation tests. Each test binary that includes
//! this module installs it with
//! `#[global_allocator] static GLOBAL: counting::Counting = counting::Counting;`.
//!
//! The count is thread-local, so the harness's own allocations on other threads do not disturb
//! a measurement. `GlobalAlloc` needs `unsafe impl`, so the package lint is `deny` (which a test
//! file may lift) while `src/lib.rs` keeps `#![forbid(unsafe_code)]` for the library.

#![allow(dead_code, reason = "each test binary uses a part of this module")]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn bump() {
    // `try_with`: the slot may be gone while the thread is being torn down.
    let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
}

/// Forwards to the system allocator, counting allocations on the calling thread.
pub(crate) struct Counting;

// SAFETY: every call is forwarded unchanged to the system allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        bump();
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        bump();
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        bump();
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

/// Runs `f` and returns its result with the number of allocations it made on this thread.
pub(crate) fn allocations<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let before = ALLOCATIONS.with(Cell::get);
    let r = black_box(f());
    let after = ALLOCATIONS.with(Cell::get);
    (r, after - before)
}

/// A `fmt::Write` into a fixed buffer of `N` bytes on the stack.
pub(crate) struct StackBuf<const N: usize> {
    pub(crate) buf: [u8; N],
    pub(crate) len: usize,
}

impl<const N: usize> StackBuf<N> {
    pub(crate) fn new() -> StackBuf<N> {
        StackBuf {
            buf: [0; N],
            len: 0,
        }
    }
}

impl<const N: usize> std::fmt::Write for StackBuf<N> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        if end > N {
            return Err(std::fmt::Error);
        }
        self.buf[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}
