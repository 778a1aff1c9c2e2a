use std::fmt;

/// Why data could not be loaded, worded for the person in front of the screen.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// No answer: offline, server down, blocked request.
    Network { url: String },
    /// No answer within the time limit.
    Timeout { url: String, seconds: u32 },
    /// An answer that started but did not finish arriving in time (a stalled connection).
    Interrupted { url: String, seconds: u32 },
    /// The server answered with an error status.
    Status { url: String, status: u16 },
    /// The answer is not the JSON we expect.
    Malformed { url: String, detail: String },
    /// A file written for another version of the app.
    Version { url: String, detail: String },
    /// The answer stops short of what it announces.
    Incomplete { url: String, detail: String },
    /// A valid answer with nothing in it.
    Empty { url: String },
}

impl LoadError {
    /// Worth trying again by itself: no answer, or a server error that may pass.
    pub fn is_transient(&self) -> bool {
        match self {
            LoadError::Network { .. } | LoadError::Timeout { .. } | LoadError::Interrupted { .. } => true,
            LoadError::Status { status, .. } => *status >= 500 || *status == 429,
            LoadError::Malformed { .. } | LoadError::Version { .. } | LoadError::Incomplete { .. } | LoadError::Empty { .. } => {
                false
            }
        }
    }
}

impl LoadError {
    /// The same error naming what was asked in words (« la page 2 de la liste… ») instead of a long URL.
    pub fn named(mut self, what: &str) -> Self {
        match &mut self {
            LoadError::Network { url }
            | LoadError::Timeout { url, .. }
            | LoadError::Interrupted { url, .. }
            | LoadError::Status { url, .. }
            | LoadError::Malformed { url, .. }
            | LoadError::Version { url, .. }
            | LoadError::Incomplete { url, .. }
            | LoadError::Empty { url } => *url = what.to_string(),
        }
        self
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Network { url } => {
                write!(f, "Le serveur n'a pas répondu ({url}). Vérifiez votre connexion puis réessayez.")
            }
            LoadError::Timeout { url, seconds } => {
                write!(f, "Le serveur n'a pas répondu en {seconds} secondes ({url}). Vérifiez votre connexion puis réessayez.")
            }
            LoadError::Interrupted { url, seconds } => {
                write!(f, "Le téléchargement de {url} ne s'est pas terminé en {seconds} secondes. Vérifiez votre connexion puis réessayez.")
            }
            LoadError::Status { url, status } => {
                write!(f, "Le serveur a répondu par une erreur {status} pour {url}.")
            }
            LoadError::Malformed { url, detail } => {
                write!(f, "Les données reçues de {url} sont illisibles ({detail}).")
            }
            LoadError::Version { url, detail } => {
                write!(f, "Les données de {url} ne sont pas au format attendu : {detail}.")
            }
            LoadError::Incomplete { url, detail } => {
                write!(f, "La réponse de {url} est incomplète ({detail}). Réessayez dans un moment.")
            }
            LoadError::Empty { url } => {
                write!(f, "{url} n'a renvoyé aucune formation pour cette région.")
            }
        }
    }
}
