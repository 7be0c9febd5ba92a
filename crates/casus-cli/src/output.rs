//! Where commands write. Standard output that lets the command end quietly when its reader goes
//! away (`casus states | head -1`), messages that never fail the command, and files that are
//! written whole or not at all: a temporary file beside the destination, renamed over it on
//! success, removed on failure or on Ctrl-C / SIGTERM. (SIGKILL cannot be caught: it leaves the
//! temporary file, never a partial file under the final name.)

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

use anyhow::{Context, Result};

/// Writes text to standard output. A reader that went away is an `io::Error` of kind
/// `BrokenPipe`, which `main` turns into a quiet exit.
pub(crate) fn print(text: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Writes a line to standard output (see [`print`]).
pub(crate) fn println(text: &str) -> Result<()> {
    print(text)?;
    print("\n")
}

/// Writes a value as pretty JSON and a newline to standard output (see [`print`]).
pub(crate) fn json<T: serde::Serialize>(value: &T) -> Result<()> {
    println(&serde_json::to_string_pretty(value)?)
}

/// Writes a message to standard error; a closed standard error is not the command's failure.
pub(crate) fn eprintln(text: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{text}");
}

/// Is this error, or one it wraps, a closed pipe?
pub(crate) fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// The temporary files being written, removed if the process is interrupted.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Installs the Ctrl-C / SIGTERM handler once: it removes the pending temporary files and
/// exits with 130, as a shell reports an interrupted command.
fn watch_interrupts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let installed = ctrlc::set_handler(|| {
            if let Ok(pending) = PENDING.lock() {
                for p in pending.iter() {
                    let _ = std::fs::remove_file(p);
                }
            }
            std::process::exit(130);
        });
        if let Err(e) = installed {
            eprintln(&format!("warning: cannot watch for Ctrl-C ({e}); an interrupted run may leave a temporary file"));
        }
    });
}

/// A file written under a temporary name in the destination's folder and renamed to the
/// destination by [`AtomicFile::commit`]. Dropped without a commit, it is removed (its entry in
/// the pending list stays: removing a file that is gone already is harmless).
#[derive(Debug)]
pub(crate) struct AtomicFile {
    temp: tempfile::NamedTempFile,
    dest: PathBuf,
}

impl AtomicFile {
    /// Creates the temporary file beside `dest`.
    pub(crate) fn create(dest: &Path) -> Result<Self> {
        watch_interrupts();
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let temp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".partial")
            .tempfile_in(dir)
            .with_context(|| format!("cannot create a file in `{}`", dir.display()))?;
        if let Ok(mut pending) = PENDING.lock() {
            pending.push(temp.path().to_owned());
        }
        Ok(Self { temp, dest: dest.to_owned() })
    }

    /// A handle to write through (the sinks take their writer by value).
    pub(crate) fn writer(&self) -> Result<std::fs::File> {
        self.temp.as_file().try_clone().context("cannot open the temporary file")
    }

    /// Gives the file these permissions (a file rewritten in place keeps its own: a temporary
    /// file is created readable by its owner only).
    pub(crate) fn set_permissions(&self, permissions: std::fs::Permissions) -> Result<()> {
        self.temp
            .as_file()
            .set_permissions(permissions)
            .context("cannot set the temporary file's permissions")
    }

    /// Renames the finished file to its destination.
    pub(crate) fn commit(self) -> Result<()> {
        let Self { temp, dest } = self;
        let path = temp.path().to_owned();
        temp.as_file().sync_all().ok();
        let result = temp
            .persist(&dest)
            .map(drop)
            .map_err(|e| e.error)
            .with_context(|| format!("cannot write `{}`", dest.display()));
        forget(&path);
        result
    }
}

/// Takes a path off the list of pending files.
fn forget(path: &Path) {
    if let Ok(mut pending) = PENDING.lock() {
        pending.retain(|p| p != path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_appears_only_when_committed() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dest = dir.path().join("out.csv");
        std::fs::write(&dest, "old").unwrap_or_else(|e| panic!("{e}"));
        let f = AtomicFile::create(&dest).unwrap_or_else(|e| panic!("{e}"));
        let mut w = f.writer().unwrap_or_else(|e| panic!("{e}"));
        w.write_all(b"new").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(std::fs::read_to_string(&dest).ok().as_deref(), Some("old"));
        drop(w);
        drop(f);
        assert_eq!(std::fs::read_to_string(&dest).ok().as_deref(), Some("old"), "no commit");
        let left: Vec<_> = std::fs::read_dir(dir.path()).into_iter().flatten().collect();
        assert_eq!(left.len(), 1, "the temporary file is removed");
        let f = AtomicFile::create(&dest).unwrap_or_else(|e| panic!("{e}"));
        f.writer().and_then(|mut w| Ok(w.write_all(b"new")?)).unwrap_or_else(|e| panic!("{e}"));
        f.commit().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(std::fs::read_to_string(&dest).ok().as_deref(), Some("new"));
    }
}
