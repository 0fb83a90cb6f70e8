//! The `policykg` command: parses arguments, calls the library, maps
//! errors to exit codes. Nothing below this file sees clap.

mod cli;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

/// mimalloc for every Rust allocation: with glibc's malloc the threads of
/// ingest (rayon's, the bulk loader's) spent a fifth of their time in
/// malloc, free and the arena locks; with mimalloc the 35 MB sample
/// ingests in about 11.5 s instead of 14.4 s. RocksDB's C++ keeps glibc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_arena_eager_commit` in mimalloc v3's `mi_option_t`
/// (libmimalloc-sys 0.1.49 names no constant for it).
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

/// `mi_option_purge_delay`, milliseconds before freed pages go back to
/// the OS.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    limit_malloc_arenas();
    return_freed_memory_promptly();
    let args = cli::Args::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(error) => report(&error),
    }
}

/// Caps glibc's malloc at two arenas. By default every thread that
/// allocates (rayon's workers, the bulk loader's, RocksDB's) gets an arena
/// of its own, and memory freed in one is not reused by another: on the
/// 35 MB sample that raised peak memory from about 320 to 470 MiB, for no
/// measurable speed.
fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only adjusts allocator parameters; called first thing
    // in main, before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// Commits arena memory on demand and returns freed pages after 1 ms
/// instead of a second: term discovery frees tables across threads, and with
/// the defaults its peak rose from 240 to 350 MiB (above the reference
/// pipeline's 318 MiB); so it stays near 270–290 MiB for about 0.5 s of
/// the 3.5 s mimalloc saves.
fn return_freed_memory_promptly() {
    // SAFETY: mi_option_set only changes allocator parameters, which
    // mimalloc reads atomically; both options exist in the bundled v3.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 1);
    }
}

/// Prints an error chain and picks the exit code; a closed pipe is not an
/// error.
fn report(error: &anyhow::Error) -> ExitCode {
    if is_broken_pipe(error) {
        return ExitCode::SUCCESS;
    }
    let mut stderr = std::io::stderr().lock();
    let _ = write!(stderr, "error: {error}");
    for cause in error.chain().skip(1) {
        let _ = write!(stderr, "\n  caused by: {cause}");
    }
    let _ = writeln!(stderr);
    ExitCode::from(cli::EXIT_ERROR)
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        let io = cause.downcast_ref::<std::io::Error>().or_else(|| {
            match cause.downcast_ref::<policykg::Error>() {
                Some(policykg::Error::Io(e)) => Some(e),
                _ => None,
            }
        });
        io.is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Guards the two raw option numbers: at their defaults in the bundled
    /// mimalloc (arena eager commit 2, purge delay 1000 ms) they name the options
    /// meant, so an upgrade that renumbers `mi_option_t` fails here.
    #[test]
    fn allocator_option_numbers_name_the_options_meant() {
        // SAFETY: reading allocator options has no side effect.
        let (eager, delay) = unsafe {
            (
                libmimalloc_sys::mi_option_get(MI_OPTION_ARENA_EAGER_COMMIT),
                libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY),
            )
        };
        assert_eq!((eager, delay), (2, 1000));
    }
}
