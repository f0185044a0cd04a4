pub mod anchor;
pub mod text;
