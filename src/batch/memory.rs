//! Keeping a long batch's resident memory flat (glibc allocator settings).

/// Gives the free pages of the heap back to the system.
///
/// Documents allocate and free a few megabytes each; with glibc's
/// allocator the holes left between long-lived allocations are reused only
/// in part, so a long batch's resident memory crept up by about 400 bytes
/// a document although nothing per document is kept (measured: 11.9 MB
/// after 100 documents, 13.6 MB after 4,000, one worker). `malloc_trim`
/// returns whole free pages anywhere in the heap; called at each
/// checkpoint (at most every half second), its cost is part of the
/// checkpoint time that spaces checkpoints out.
pub(super) fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases memory the allocator holds free;
    // it takes the allocator's own locks and is safe to call at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Makes the allocator give large blocks their own mappings, returned to
/// the system when freed.
///
/// Each document allocates a few buffers of 64 KB and more (its report
/// JSON, its dataset rows). glibc raises its mmap threshold each time such
/// a mapped block is freed, after which those buffers come from the heap
/// and leave holes there; over thousands of documents the resident memory
/// crept up (measured on 2 workers: 14.6 MB after 100 documents, 16.3 MB
/// after 4,000; with the threshold fixed at 64 KB: 14.3 and 15.5).
pub(super) fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt changes an allocator parameter; glibc takes its own
    // lock, and the value is one it documents as valid.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 64 << 10);
    }
}
