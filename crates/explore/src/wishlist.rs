//! "Ma sélection": offers a student considers, each with an ambition tag and a note,
//! kept in the browser and in the share link.

use serde::{Deserialize, Serialize};

/// MonProjetSup's ambition tags: A+ ambitious, A realistic, B safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ambition {
    Ambitieux,
    Realiste,
    Securisant,
}

impl Ambition {
    pub const ALL: [Ambition; 3] = [Ambition::Ambitieux, Ambition::Realiste, Ambition::Securisant];

    pub fn label(self) -> &'static str {
        match self {
            Ambition::Ambitieux => "Ambitieux (A+)",
            Ambition::Realiste => "Réaliste (A)",
            Ambition::Securisant => "Sécurisant (B)",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Ambition::Ambitieux => "ambitieux",
            Ambition::Realiste => "realiste",
            Ambition::Securisant => "securisant",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Ambition::ALL.into_iter().find(|a| a.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wish {
    pub offer_id: String,
    pub ambition: Ambition,
    #[serde(default)]
    pub note: String,
}

/// The most wishes a list holds (Affelnet allows up to 10 on a form; we leave room).
pub const MAX_WISHES: usize = 20;
/// Longest note kept, in characters: a share link must stay usable.
pub const MAX_NOTE: usize = 280;
/// Version of the stored form; bump it when the shape changes and migrate below.
pub const STORAGE_VERSION: u32 = 1;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WishList {
    pub wishes: Vec<Wish>,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    wishes: Vec<Wish>,
}

impl WishList {
    pub fn contains(&self, offer_id: &str) -> bool {
        self.wishes.iter().any(|w| w.offer_id == offer_id)
    }

    pub fn get(&self, offer_id: &str) -> Option<&Wish> {
        self.wishes.iter().find(|w| w.offer_id == offer_id)
    }

    /// Adds, or changes the ambition of a wish already there. False when the list is full.
    pub fn add(&mut self, offer_id: &str, ambition: Ambition) -> bool {
        if let Some(wish) = self.wishes.iter_mut().find(|w| w.offer_id == offer_id) {
            wish.ambition = ambition;
            return true;
        }
        if self.wishes.len() >= MAX_WISHES {
            return false;
        }
        self.wishes.push(Wish { offer_id: offer_id.to_string(), ambition, note: String::new() });
        true
    }

    pub fn remove(&mut self, offer_id: &str) {
        self.wishes.retain(|w| w.offer_id != offer_id);
    }

    pub fn set_note(&mut self, offer_id: &str, note: &str) {
        if let Some(wish) = self.wishes.iter_mut().find(|w| w.offer_id == offer_id) {
            wish.note = note.chars().take(MAX_NOTE).collect();
        }
    }

    /// Moves a wish one place up (`-1`) or down (`1`); ignored at the ends.
    pub fn shift(&mut self, offer_id: &str, by: isize) {
        let Some(from) = self.wishes.iter().position(|w| w.offer_id == offer_id) else { return };
        let to = from as isize + by;
        if (0..self.wishes.len() as isize).contains(&to) {
            self.wishes.swap(from, to as usize);
        }
    }

    /// A strategy needs at least one wish the student is almost sure to get.
    pub fn has_safe_choice(&self) -> bool {
        self.wishes.iter().any(|w| w.ambition == Ambition::Securisant)
    }

    /// Drops wishes whose offer is not in `known` (e.g. after a dataset update); returns how many.
    pub fn retain_known(&mut self, known: impl Fn(&str) -> bool) -> usize {
        let before = self.wishes.len();
        self.wishes.retain(|w| known(&w.offer_id));
        before - self.wishes.len()
    }

    pub fn to_storage(&self) -> String {
        serde_json::to_string(&Stored { version: STORAGE_VERSION, wishes: self.wishes.clone() })
            .unwrap_or_else(|_| String::from("{\"version\":1,\"wishes\":[]}"))
    }

    /// Reads what `to_storage` wrote. Anything else gives an empty list and a
    /// French message saying the saved selection could not be read — never a panic.
    pub fn from_storage(text: &str) -> (WishList, Option<String>) {
        match serde_json::from_str::<Stored>(text) {
            Ok(stored) if stored.version == STORAGE_VERSION => {
                let mut list = WishList::default();
                for wish in stored.wishes.into_iter().take(MAX_WISHES) {
                    if !list.contains(&wish.offer_id) {
                        let note: String = wish.note.chars().take(MAX_NOTE).collect();
                        list.wishes.push(Wish { note, ..wish });
                    }
                }
                (list, None)
            }
            Ok(stored) => (
                WishList::default(),
                Some(format!(
                    "Votre sélection enregistrée vient d'une autre version de ProxiPro (format {}) et n'a pas pu être reprise ; elle reste gardée dans ce navigateur.",
                    stored.version
                )),
            ),
            Err(_) => (WishList::default(), Some("Votre sélection enregistrée était illisible ; elle reste gardée à part dans ce navigateur et une nouvelle sélection commence.".into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_reorder_note_and_safe_choice() {
        let mut list = WishList::default();
        assert!(list.add("a", Ambition::Ambitieux));
        assert!(list.add("b", Ambition::Realiste));
        assert!(!list.has_safe_choice());
        assert!(list.add("a", Ambition::Securisant), "adding again changes the ambition");
        assert!(list.has_safe_choice());
        list.shift("b", -1);
        assert_eq!(list.wishes.iter().map(|w| w.offer_id.as_str()).collect::<Vec<_>>(), ["b", "a"]);
        list.shift("b", -1);
        assert_eq!(list.wishes[0].offer_id, "b", "the first stays first");
        list.set_note("a", &"x".repeat(1000));
        assert_eq!(list.get("a").unwrap().note.len(), MAX_NOTE);
        list.remove("b");
        assert_eq!(list.wishes.len(), 1);
    }

    #[test]
    fn the_list_is_bounded() {
        let mut list = WishList::default();
        for i in 0..MAX_WISHES {
            assert!(list.add(&i.to_string(), Ambition::Realiste));
        }
        assert!(!list.add("one more", Ambition::Realiste));
    }

    #[test]
    fn storage_round_trips_and_survives_other_versions_and_garbage() {
        let mut list = WishList::default();
        list.add("0350005R-23820022106-st", Ambition::Realiste);
        list.set_note("0350005R-23820022106-st", "portes ouvertes le 5 avril");
        assert_eq!(WishList::from_storage(&list.to_storage()), (list, None));

        let (empty, message) = WishList::from_storage(r#"{"version":99,"wishes":[]}"#);
        assert!(empty.wishes.is_empty());
        assert!(message.unwrap().contains("format 99"));
        let (empty, message) = WishList::from_storage("not json");
        assert!(empty.wishes.is_empty() && message.is_some());
    }
}
