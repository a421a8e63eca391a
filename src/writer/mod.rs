//! Writers: the document model in an output format. [`typst`] gives the markup the layout
//! template places (typst then lays it out and exports the PDF); [`docx`] writes the same report
//! as a Word file in the same layout; a new format is a new writer
//! of the same model, never a second converter.

pub mod docx;
pub mod escape;
pub mod marks;
pub mod typst;
