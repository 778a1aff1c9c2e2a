use std::fmt;

/// Why data could not be loaded, worded for the person in front of the screen.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// No answer: offline, server down, blocked request.
    Network { url: String },
    /// No answer within the time limit.
    Timeout { url: String, seconds: u32 },
    /// An answer that started but stopped coming: no bytes for `seconds` (a stalled connection).
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

/// A server error or « too many requests »: the same request may succeed a little later.
fn may_pass(status: u16) -> bool {
    status >= 500 || status == 429
}

impl LoadError {
    /// Worth trying again by itself: no answer, or a server error that may pass.
    pub fn is_transient(&self) -> bool {
        match self {
            LoadError::Network { .. } | LoadError::Timeout { .. } | LoadError::Interrupted { .. } => true,
            LoadError::Status { status, .. } => may_pass(*status),
            LoadError::Malformed { .. } | LoadError::Version { .. } | LoadError::Incomplete { .. } | LoadError::Empty { .. } => {
                false
            }
        }
    }
}

impl LoadError {
    /// The same error naming what was asked in words (« la page 2 de la liste… ») instead of a long URL.
    pub fn named(mut self, what: &str) -> Self {
        *self.asked_mut() = what.to_string();
        self
    }

    /// What was asked: its URL, or the words [`LoadError::named`] put instead.
    fn asked_mut(&mut self) -> &mut String {
        match self {
            LoadError::Network { url }
            | LoadError::Timeout { url, .. }
            | LoadError::Interrupted { url, .. }
            | LoadError::Status { url, .. }
            | LoadError::Malformed { url, .. }
            | LoadError::Version { url, .. }
            | LoadError::Incomplete { url, .. }
            | LoadError::Empty { url } => url,
        }
    }
}

/// The sentence for the person in front of the screen: what went wrong and what to do, without
/// addresses, codes or parser messages (those are in [`LoadError::technical`]).
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LoadError::Network { .. } => "Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.",
            LoadError::Timeout { .. } => "Le serveur met trop de temps à répondre. Vérifiez votre connexion puis réessayez.",
            LoadError::Interrupted { .. } => "Le téléchargement s'est interrompu. Vérifiez votre connexion puis réessayez.",
            LoadError::Status { status: 404 | 410, .. } => "Les données demandées sont introuvables à cette adresse.",
            LoadError::Status { status, .. } if may_pass(*status) => {
                "Le service est momentanément indisponible. Réessayez dans quelques minutes."
            }
            LoadError::Status { .. } => "Le serveur a refusé la demande.",
            LoadError::Malformed { .. } => "Les données reçues sont illisibles.",
            LoadError::Version { .. } => "Les données ne sont pas au format attendu par cette version de l'application. Rechargez la page.",
            LoadError::Incomplete { .. } => "La réponse reçue est incomplète. Réessayez dans un moment.",
            LoadError::Empty { .. } => "Aucune formation n'a été trouvée pour cette région.",
        })
    }
}

impl LoadError {
    /// For whoever must fix it (an adviser reporting the problem, the site's host): what was asked
    /// and the exact failure, shown folded under the sentence.
    pub fn technical(&self) -> String {
        let url = self.clone().asked_mut().clone();
        match self {
            LoadError::Malformed { detail, .. } | LoadError::Version { detail, .. } | LoadError::Incomplete { detail, .. } => {
                format!("{url} : {} ({detail})", self.reason())
            }
            _ => format!("{url} : {}", self.reason()),
        }
    }

    /// The failure in a few words (« erreur 500 », « pas de réponse en 8 s »…).
    pub fn reason(&self) -> String {
        match self {
            LoadError::Network { .. } => "pas de réponse".into(),
            LoadError::Timeout { seconds, .. } => format!("pas de réponse en {seconds} s"),
            LoadError::Interrupted { seconds, .. } => format!("rien reçu pendant {seconds} s"),
            LoadError::Status { status, .. } => format!("erreur {status}"),
            LoadError::Malformed { .. } => "données illisibles".into(),
            LoadError::Version { .. } => "format inattendu".into(),
            LoadError::Incomplete { .. } => "réponse incomplète".into(),
            LoadError::Empty { .. } => "aucune formation".into(),
        }
    }
}
