use std::fmt;
use std::path::PathBuf;

/// A failure that stops the build: nothing is written when one occurs.
#[derive(Debug)]
pub enum BuildError {
    /// A required input is missing or unreadable.
    Input { path: PathBuf, cause: String },
    /// A file is readable but lacks what the build needs from it (e.g. a column).
    Unusable { file: String, cause: String },
    UnknownDepartement(String),
    Output { path: PathBuf, cause: std::io::Error },
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Input { path, cause } => {
                write!(f, "fichier requis illisible : {} ({cause})", path.display())
            }
            BuildError::Unusable { file, cause } => write!(f, "fichier {file} inutilisable : {cause}"),
            BuildError::UnknownDepartement(code) => {
                write!(f, "département « {code} » absent de reference/departements_academies_regions.csv")
            }
            BuildError::Output { path, cause } => {
                write!(f, "écriture impossible dans {} ({cause})", path.display())
            }
        }
    }
}

impl std::error::Error for BuildError {}
