//! Server functions: the thin typed calls pages make. Each checks what it must and calls the
//! repository; nothing here speaks SQL.
pub mod accounts;
pub mod curation;
pub mod directory;
pub mod editing;
pub mod forms;
pub mod forum;
pub mod organizations;
pub mod showcase;
pub mod site;
pub mod site_pages;
pub mod solutions;
