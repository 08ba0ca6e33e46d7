//! The one way the site writes CSV, so every file it hands out is safe to open in a spreadsheet.
//!
//! A spreadsheet program runs a cell that begins with `=`, `+`, `-` or `@` (or a tab or carriage return
//! before one) as a formula: a listing named `=HYPERLINK("https://attacker.example", "Open")` would
//! become a live link, or worse, in the directory download of whoever opens it. Following OWASP, such a
//! cell is written with a leading `'`, which spreadsheets read as "this is text" and do not show.
//!
//! `qala import` reads the site's own CSV back, so [`restore_cell`] undoes exactly what
//! [`neutralise_cell`] did: a cell whose text, after any apostrophes, begins with one of those
//! characters gets one more apostrophe on the way out and loses one on the way in. Every text therefore
//! round-trips, a name that truly begins with `'=` included.
use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a spreadsheet would read `cell` as a formula once any leading apostrophes are taken away.
fn looks_like_a_formula(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// `cell` as it is written into a CSV file: with a leading `'` where a spreadsheet would run it.
pub fn neutralise_cell(cell: &str) -> Cow<'_, str> {
    if looks_like_a_formula(cell) { Cow::Owned(format!("'{cell}")) } else { Cow::Borrowed(cell) }
}

/// The text of a cell of a CSV file the site wrote: without the `'` that [`neutralise_cell`] added.
pub fn restore_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if looks_like_a_formula(rest) => rest,
        _ => cell,
    }
}

/// A CSV file being written in memory, every cell neutralised.
pub struct CsvWriter {
    writer: csv::Writer<Vec<u8>>,
}

impl CsvWriter {
    /// A file without a byte-order mark.
    pub fn new() -> CsvWriter {
        CsvWriter { writer: csv::Writer::from_writer(Vec::new()) }
    }

    /// A file that starts with a byte-order mark, so spreadsheet programs read Azerbaijani and Russian
    /// letters right.
    pub fn with_byte_order_mark() -> CsvWriter {
        CsvWriter { writer: csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec()) }
    }

    pub fn write_row<I>(&mut self, cells: I) -> Result<(), csv::Error>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        self.writer.write_record(cells.into_iter().map(|cell| neutralise_cell(cell.as_ref()).into_owned()))
    }

    /// The file's bytes.
    pub fn finish(self) -> Result<Vec<u8>, csv::Error> {
        self.writer.into_inner().map_err(|error| error.into_error().into())
    }
}

impl Default for CsvWriter {
    fn default() -> Self {
        CsvWriter::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_get_an_apostrophe() {
        for formula in ["=HYPERLINK(\"https://attacker.example\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "'=1"] {
            assert_eq!(neutralise_cell(formula), format!("'{formula}"), "{formula:?}");
        }
        for text in ["Qalxan Labs", "", "1+1", "a=b", "'quoted'", "https://cert.gov.az"] {
            assert_eq!(neutralise_cell(text), text, "{text:?}");
        }
    }

    #[test]
    fn every_text_reads_back_as_it_was() {
        for text in ["=1", "+994 12 555 00 00", "-", "@", "\tx", "\rx", "'=1", "''+x", "'plain", "'", "plain", ""] {
            assert_eq!(restore_cell(&neutralise_cell(text)), text, "{text:?}");
        }
    }

    #[test]
    fn rows_are_written_neutralised() {
        let mut writer = CsvWriter::new();
        writer.write_row(["name", "phone"]).unwrap();
        writer.write_row(["=cmd", "+994"]).unwrap();
        assert_eq!(String::from_utf8(writer.finish().unwrap()).unwrap(), "name,phone\n'=cmd,'+994\n");
    }
}
