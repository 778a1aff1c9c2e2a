//! Text matching shared by the builder (joins by name, folder names) and the app (search).

/// Lower case, accents removed, anything but letters and digits as single spaces:
/// `Métiers de l'hôtellerie-restauration` → `metiers de l hotellerie restauration`.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let plain = match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' | 'œ' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        };
        if plain != ' ' || !(folded.is_empty() || folded.ends_with(' ')) {
            folded.push(plain);
        }
    }
    folded.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_accents_and_punctuation() {
        assert_eq!(fold("Métiers de l'hôtellerie-restauration"), "metiers de l hotellerie restauration");
        assert_eq!(fold("  Électricité,  Hôtellerie "), "electricite hotellerie");
        assert_eq!(fold(""), "");
    }
}
