//! Makes a document safe for pdf-extract, which reads every XObject a page
//! draws as page content and follows forms into forms without a limit:
//! images are emptied (they carry no text, and their bytes read as content
//! make it panic), and a form that draws itself, or sits deeper than
//! `MAX_FORM_DEPTH` forms, stops drawing forms (instead of overflowing the
//! stack, which no `catch_unwind` catches). It also misreads the
//! `first last width` ranges of a CID font's widths (as browsers write
//! them), which would put spaces inside words; they are rewritten in the
//! `first [width width ...]` form it reads right.

use std::collections::{BTreeMap, HashMap, HashSet};

use pdf_extract::content::Content;
use pdf_extract::{Dictionary, Document, Object, ObjectId, Stream};

/// Forms within forms deeper than this draw no further forms.
const MAX_FORM_DEPTH: usize = 24;

pub(crate) fn for_reading(document: &mut Document) {
    empty_images(document);
    spell_out_width_ranges(document);
    let forms = form_graph(document);
    for id in forms_to_cut(&forms) {
        if let Some(Object::Stream(stream)) = document.objects.get_mut(&id) {
            drop_form_calls(stream);
        }
    }
}

fn subtype_is(stream: &Stream, subtype: &[u8]) -> bool {
    stream
        .dict
        .get(b"Subtype")
        .and_then(Object::as_name)
        .is_ok_and(|name| name == subtype)
}

fn empty_images(document: &mut Document) {
    for object in document.objects.values_mut() {
        if let Object::Stream(stream) = object
            && subtype_is(stream, b"Image")
        {
            let mut dict = Dictionary::new();
            dict.set("Type", Object::Name(b"XObject".to_vec()));
            dict.set("Subtype", Object::Name(b"Form".to_vec()));
            dict.set("BBox", vec![0.into(), 0.into(), 1.into(), 1.into()]);
            *stream = Stream::new(dict, Vec::new());
        }
    }
}

/// Longest width range spelt out; a longer one keeps its default widths.
const MAX_RANGE: i64 = 65_536;

fn spell_out_width_ranges(document: &mut Document) {
    for object in document.objects.values_mut() {
        let Object::Dictionary(dict) = object else {
            continue;
        };
        let is_cid_font = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|name| name == b"CIDFontType0" || name == b"CIDFontType2");
        if !is_cid_font {
            continue;
        }
        let Ok(Object::Array(widths)) = dict.get(b"W") else {
            continue;
        };
        let mut spelt = Vec::with_capacity(widths.len());
        let mut i = 0;
        while i < widths.len() {
            match (widths.get(i), widths.get(i + 1), widths.get(i + 2)) {
                (Some(first), Some(Object::Array(list)), _) => {
                    spelt.push(first.clone());
                    spelt.push(Object::Array(list.clone()));
                    i += 2;
                }
                (Some(Object::Integer(first)), Some(Object::Integer(last)), Some(width))
                    if (0..MAX_RANGE).contains(&(last - first)) =>
                {
                    spelt.push(Object::Integer(*first));
                    spelt.push(Object::Array(vec![
                        width.clone();
                        (last - first + 1) as usize
                    ]));
                    i += 3;
                }
                _ => break,
            }
        }
        dict.set("W", Object::Array(spelt));
    }
}

/// For each form, the forms its content may draw.
fn form_graph(document: &Document) -> HashMap<ObjectId, Vec<ObjectId>> {
    let deref = |object: &Object| -> Option<Object> {
        match object {
            Object::Reference(id) => document.objects.get(id).cloned(),
            other => Some(other.clone()),
        }
    };
    let xobjects_of = |dict: &Dictionary| -> Option<BTreeMap<Vec<u8>, ObjectId>> {
        let xobjects = deref(dict.get(b"XObject").ok()?)?;
        let xobjects = xobjects.as_dict().ok()?;
        Some(
            xobjects
                .iter()
                .filter_map(|(name, value)| Some((name.clone(), value.as_reference().ok()?)))
                .collect(),
        )
    };
    // Every name-to-XObject table in the document: a form without resources
    // of its own draws with its caller's, which may be any of them.
    let mut tables = Vec::new();
    for object in document.objects.values() {
        let dict = match object {
            Object::Dictionary(dict) => dict,
            Object::Stream(stream) => &stream.dict,
            _ => continue,
        };
        tables.extend(xobjects_of(dict));
        if let Some(resources) = dict.get(b"Resources").ok().and_then(deref)
            && let Ok(resources) = resources.as_dict()
        {
            tables.extend(xobjects_of(resources));
        }
    }
    let mut graph = HashMap::new();
    for (&id, object) in &document.objects {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !subtype_is(stream, b"Form") {
            continue;
        }
        let own = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(deref)
            .and_then(|resources| resources.as_dict().ok().and_then(xobjects_of));
        let callers: Vec<&BTreeMap<Vec<u8>, ObjectId>> = match &own {
            Some(own) => vec![own],
            None => tables
                .iter()
                .filter(|t| t.values().any(|&v| v == id))
                .collect(),
        };
        let mut drawn = Vec::new();
        for name in drawn_names(stream) {
            for table in &callers {
                drawn.extend(table.get(&name).copied());
            }
        }
        drawn.sort_unstable();
        drawn.dedup();
        graph.insert(id, drawn);
    }
    graph
}

fn drawn_names(stream: &Stream) -> Vec<Vec<u8>> {
    let content = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let Ok(content) = Content::decode(&content) else {
        return Vec::new();
    };
    content
        .operations
        .iter()
        .filter(|op| op.operator == "Do")
        .filter_map(|op| op.operands.first()?.as_name().ok().map(<[u8]>::to_vec))
        .collect()
}

/// The forms that close a cycle or sit too deep, found depth first
/// without recursion.
fn forms_to_cut(graph: &HashMap<ObjectId, Vec<ObjectId>>) -> HashSet<ObjectId> {
    // `None` while the form is on the stack, then the deepest chain of
    // forms it starts.
    let mut depth_of: HashMap<ObjectId, Option<usize>> = HashMap::new();
    let mut cut = HashSet::new();
    let mut roots: Vec<ObjectId> = graph.keys().copied().collect();
    roots.sort_unstable();
    for root in roots {
        if depth_of.contains_key(&root) {
            continue;
        }
        // (form, next child to look at, deepest chain below it so far)
        let mut stack: Vec<(ObjectId, usize, usize)> = vec![(root, 0, 0)];
        depth_of.insert(root, None);
        while let Some(top) = stack.len().checked_sub(1) {
            let (form, next, _) = stack[top];
            if let Some(&child) = graph[&form].get(next) {
                stack[top].1 += 1;
                match depth_of.get(&child) {
                    None if graph.contains_key(&child) => {
                        depth_of.insert(child, None);
                        stack.push((child, 0, 0));
                    }
                    Some(None) => {
                        cut.insert(form);
                    }
                    Some(Some(depth)) => stack[top].2 = stack[top].2.max(*depth),
                    None => {}
                }
                continue;
            }
            let mut depth = stack[top].2 + 1;
            if depth > MAX_FORM_DEPTH || cut.contains(&form) {
                cut.insert(form);
                depth = 1;
            }
            depth_of.insert(form, Some(depth));
            stack.pop();
            if let Some(parent) = stack.last_mut() {
                parent.2 = parent.2.max(depth);
            }
        }
    }
    cut
}

fn drop_form_calls(stream: &mut Stream) {
    let content = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let mut operations = Content::decode(&content)
        .map(|c| c.operations)
        .unwrap_or_default();
    operations.retain(|op| op.operator != "Do");
    let bytes = Content { operations }.encode().unwrap_or_default();
    stream.dict.remove(b"Filter");
    stream.dict.remove(b"DecodeParms");
    stream.set_plain_content(bytes);
}
