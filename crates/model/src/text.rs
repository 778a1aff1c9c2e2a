//! Text matching shared by the builder (joins by name, folder names) and the app (search).

/// Lower case, accents removed, anything but letters and digits as single spaces:
/// `Métiers de l'hôtellerie-restauration` → `metiers de l hotellerie restauration`.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    // French letters spelled out rather than `char::to_lowercase`, whose Unicode
    // tables cost about 13 KB of wasm.
    for c in text.chars() {
        let plain = match c {
            'à' | 'â' | 'ä' | 'á' | 'À' | 'Â' | 'Ä' | 'Á' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'î' | 'ï' | 'í' | 'Î' | 'Ï' | 'Í' => 'i',
            'ô' | 'ö' | 'ó' | 'œ' | 'Ô' | 'Ö' | 'Ó' | 'Œ' => 'o',
            'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' | 'Ú' => 'u',
            'ç' | 'Ç' => 'c',
            'ÿ' | 'Ÿ' => 'y',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
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
