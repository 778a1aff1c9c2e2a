//! Onisep texts come as HTML; the app shows them as plain text, never as markup.

/// Paragraphs of text: tags removed, block ends (`</p>`, `<br>`, `</li>`) as breaks, entities decoded.
pub fn paragraphs(html: &str) -> Vec<String> {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        // As in HTML, `<` starts a tag only before a letter, `/` or `!`.
        let opens_tag = rest[start + 1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        if !opens_tag {
            text.push('<');
            rest = &rest[start + 1..];
            continue;
        }
        let Some(end) = rest[start..].find('>') else {
            // An unclosed `<` is text, not a tag.
            text.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let tag = rest[start + 1..start + end].trim_start_matches('/').to_ascii_lowercase();
        let name = tag.split(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or("");
        match name {
            "p" | "br" | "div" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" => text.push('\n'),
            "li" => text.push_str("\n• "),
            _ => {}
        }
        rest = &rest[start + end + 1..];
    }
    text.push_str(rest);
    decode_entities(&text)
        .split('\n')
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty() && line != "•")
        .collect()
}

fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let decoded = after.find(';').filter(|&end| end <= 10).and_then(|end| Some((entity(&after[..end])?, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" | "rsquo" => '’',
        "lsquo" => '‘',
        "nbsp" => ' ',
        "laquo" => '«',
        "raquo" => '»',
        "hellip" => '…',
        "ndash" => '–',
        "mdash" => '—',
        "eacute" => 'é',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "Eacute" => 'É',
        "Egrave" => 'È',
        "agrave" => 'à',
        "acirc" => 'â',
        "Agrave" => 'À',
        "ccedil" => 'ç',
        "Ccedil" => 'Ç',
        "icirc" => 'î',
        "iuml" => 'ï',
        "ocirc" => 'ô',
        "ouml" => 'ö',
        "ugrave" => 'ù',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "oelig" => 'œ',
        "OElig" => 'Œ',
        "deg" => '°',
        "euro" => '€',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_become_paragraphs_and_entities_letters() {
        let html = "<p>La 2<sup>de</sup> pro <b>m&eacute;tiers</b> de l&#39;h&ocirc;tellerie</p><ul><li>cuisine</li><li>service &amp; salle</li></ul>";
        assert_eq!(paragraphs(html), vec!["La 2de pro métiers de l'hôtellerie", "• cuisine", "• service & salle"]);
    }

    #[test]
    fn scripts_never_survive_as_markup() {
        let text = paragraphs("<script>alert(1)</script><p>ok &unknown; < 3</p>");
        assert_eq!(text, vec!["alert(1)", "ok &unknown; < 3"]);
        assert!(text.iter().all(|line| !line.contains("<script")));
    }
}
