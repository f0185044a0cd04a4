//! Line index and display-safe text.
