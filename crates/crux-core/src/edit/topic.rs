//! Adding a topic on its own: the table a claim names but the file lacks.

use super::EditError;
use super::claim::{block_after, block_at_end, first_topic_place, last_table_end, table_in};
use super::doc::{key_text, model, parse, splice_all, verify};
use crate::text::toml_string;

/// `text` with a `[topics.<id>]` table asking `question`, after the last
/// topic table (or where the first one goes); nothing else touched.
pub fn add_topic(text: &str, id: &str, question: &str) -> Result<String, EditError> {
    let doc = parse(text)?;
    let exists = model(text)
        .and_then(|m| m.get("topics")?.as_table()?.get(id).cloned())
        .is_some();
    if exists {
        return Err(EditError::Unsupported(format!(
            "there is already a topic `{id}`"
        )));
    }
    let lines = vec![
        format!("[topics.{}]", key_text(id)),
        format!("question = {}", toml_string(question)),
    ];
    let splice = match last_table_end(&doc, "topics", |_| true) {
        Some(end) => block_after(text, end, &lines),
        None => first_topic_place(text, &doc, &lines).unwrap_or_else(|| block_at_end(text, &lines)),
    };
    verify(text, splice_all(text, vec![splice]), |model| {
        let mut topic = toml::Table::new();
        topic.insert("question".into(), question.into());
        table_in(model, "topics").insert(id.to_string(), topic.into());
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_topic_goes_after_the_last_topic_and_nothing_else_moves() {
        let text = "[topics.a]\r\nquestion = \"A?\"\r\n\r\n[claims.c]\r\ntopic = \"b c\"\r\n";
        let out = add_topic(text, "b c", "").unwrap();
        assert_eq!(
            out,
            "[topics.a]\r\nquestion = \"A?\"\r\n\r\n[topics.\"b c\"]\r\nquestion = \"\"\r\n\r\n[claims.c]\r\ntopic = \"b c\"\r\n"
        );
        assert!(add_topic(&out, "b c", "").is_err(), "added twice");
    }
}
