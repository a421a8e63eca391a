//! A section's rendered text and the exact way back to its file: the one source map every
//! reader of the model uses for places (check's findings, diff's lines, typst errors, facts).

use std::ops::Range;
use std::path::PathBuf;

use crate::diagnostics::Location;

/// A stretch of rendered text and the source it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Where it starts in the rendered text.
    pub rendered: usize,
    /// Where its source starts in the file.
    pub source: usize,
    /// How long its source is.
    pub source_len: usize,
    /// Literal text: byte `k` of the piece is byte `k` of the source. Otherwise (a printed
    /// value) every byte maps to the whole `{{ … }}`.
    pub literal: bool,
}

/// A section's rendered text (facts printed, delimited by private-use marks) and its map back
/// to the section file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    /// The section file, relative to the project.
    pub path: PathBuf,
    /// The file's text, as read.
    pub source: String,
    /// The rendered text.
    pub rendered: String,
    /// The pieces, in rendered order.
    pub pieces: Vec<Piece>,
}

impl SourceMap {
    /// A map for text rendered as it is written (no `{{ … }}`).
    pub fn identity(path: PathBuf, source: String) -> SourceMap {
        let pieces = vec![Piece { rendered: 0, source: 0, source_len: source.len(), literal: true }];
        SourceMap { path, rendered: source.clone(), source, pieces }
    }

    fn piece(&self, rendered: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.rendered <= rendered).checked_sub(1)?;
        self.pieces.get(i)
    }

    /// The source byte that produced rendered byte `offset`.
    pub fn source_offset(&self, offset: usize) -> usize {
        let at = match self.piece(offset) {
            Some(p) if p.literal => p.source + (offset - p.rendered).min(p.source_len),
            Some(p) => p.source,
            None => 0,
        };
        at.min(self.source.len())
    }

    /// The source byte just after the one that produced the rendered byte before `end`.
    fn source_end(&self, end: usize) -> usize {
        let at = match self.piece(end.saturating_sub(1)) {
            Some(p) if p.literal => p.source + (end - p.rendered).min(p.source_len),
            Some(p) => p.source + p.source_len,
            None => 0,
        };
        at.min(self.source.len())
    }

    /// The source bytes that produced the rendered range.
    pub fn source_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.source_offset(range.start);
        let end = if range.end > range.start { self.source_end(range.end) } else { start };
        start..end.max(start)
    }

    /// The rendered byte that source byte `offset` produced (for a printed value, where the value
    /// starts): the way back from a place in the file to the text as printed.
    pub fn rendered_offset(&self, offset: usize) -> usize {
        let mut best = 0;
        for p in &self.pieces {
            if p.source > offset {
                break;
            }
            best = if p.literal { p.rendered + (offset - p.source).min(p.source_len) } else { p.rendered };
        }
        best.min(self.rendered.len())
    }

    /// The place in the section file of the rendered range.
    pub fn location(&self, range: Range<usize>) -> Location {
        let r = self.source_range(range);
        Location::from_offset(&self.path, &self.source, r.start, r.len())
    }
}
