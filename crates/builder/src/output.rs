//! Writes a region's folder so that readers see the old files or the new ones, never a mix.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::BuildError;

/// Writes `files` into a sibling temporary folder, then swaps it in place of `target`.
pub fn replace_dir_atomically(target: &Path, files: &[(&str, Vec<u8>)]) -> Result<(), BuildError> {
    let parent = target.parent().unwrap_or(Path::new("."));
    let name = target.file_name().map_or_else(|| "region".into(), |n| n.to_string_lossy().into_owned());
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.old-{}", std::process::id()));
    let fail = |path: &Path| {
        let path = path.to_path_buf();
        move |cause| BuildError::Output { path, cause }
    };

    fs::create_dir_all(parent).map_err(fail(parent))?;
    let _ = fs::remove_dir_all(&staging);
    fs::create_dir(&staging).map_err(fail(&staging))?;
    let result = (|| {
        for (file, bytes) in files {
            let path = staging.join(file);
            fs::write(&path, bytes).map_err(fail(&path))?;
        }
        swap_in(&staging, target, &retired)
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn swap_in(staging: &Path, target: &Path, retired: &PathBuf) -> Result<(), BuildError> {
    let had_old = target.exists();
    if had_old {
        fs::rename(target, retired).map_err(|cause| BuildError::Output { path: target.to_path_buf(), cause })?;
    }
    if let Err(cause) = fs::rename(staging, target) {
        if had_old {
            let _ = fs::rename(retired, target);
        }
        return Err(BuildError::Output { path: target.to_path_buf(), cause });
    }
    if had_old {
        let _ = fs::remove_dir_all(retired);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_whole_folder_and_leaves_no_staging_behind() {
        let root = std::env::temp_dir().join(format!("proxipro-output-{}", std::process::id()));
        let target = root.join("region");
        fs::create_dir_all(&target).unwrap();
        fs::write(target.join("stale.json"), "old").unwrap();

        replace_dir_atomically(&target, &[("a.json", b"new".to_vec())]).unwrap();

        assert_eq!(fs::read(target.join("a.json")).unwrap(), b"new");
        assert!(!target.join("stale.json").exists());
        let leftovers: Vec<_> = fs::read_dir(&root).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("region")]);
        fs::remove_dir_all(&root).unwrap();
    }
}
