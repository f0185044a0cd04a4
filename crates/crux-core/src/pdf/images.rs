//! Whether a page has an image to show: a page without text that has one
//! is most likely scanned, and quotes from it cannot be found, whereas a
//! page with neither is blank and needs no word.

use std::collections::HashSet;

use pdf_extract::{Dictionary, Document, Object, ObjectId};

/// Pages and forms looked through before giving up.
const MAX_STEPS: usize = 64;

/// Whether the page `page` has an image among its resources (its own, or
/// inherited from its parents, or a form's among them).
pub(crate) fn has_image(document: &Document, page: ObjectId) -> bool {
    let mut seen = HashSet::new();
    let mut to_visit: Vec<&Dictionary> = Vec::new();
    let mut node = document.get_dictionary(page).ok();
    // A page inherits its resources from the nearest ancestor that has some.
    while let Some(dict) = node {
        if let Some(resources) = dict
            .get(b"Resources")
            .ok()
            .and_then(|r| resolve(document, r))
        {
            to_visit.push(resources);
            break;
        }
        node = match dict.get(b"Parent") {
            Ok(Object::Reference(id)) if seen.insert(*id) && seen.len() < MAX_STEPS => {
                document.get_dictionary(*id).ok()
            }
            _ => None,
        };
    }
    let mut steps = 0;
    while let Some(resources) = to_visit.pop() {
        steps += 1;
        if steps > MAX_STEPS {
            return false;
        }
        let Some(xobjects) = resources
            .get(b"XObject")
            .ok()
            .and_then(|x| resolve(document, x))
        else {
            continue;
        };
        for (_, value) in xobjects.iter() {
            let Object::Reference(id) = value else {
                continue;
            };
            let Ok(Object::Stream(stream)) = document.get_object(*id) else {
                continue;
            };
            match stream.dict.get(b"Subtype").and_then(Object::as_name) {
                Ok(b"Image") => return true,
                Ok(b"Form") if seen.insert(*id) => {
                    if let Some(inner) = stream
                        .dict
                        .get(b"Resources")
                        .ok()
                        .and_then(|r| resolve(document, r))
                    {
                        to_visit.push(inner);
                    }
                }
                _ => {}
            }
        }
    }
    false
}

fn resolve<'a>(document: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    match object {
        Object::Dictionary(dict) => Some(dict),
        Object::Reference(id) => document.get_dictionary(*id).ok(),
        _ => None,
    }
}
