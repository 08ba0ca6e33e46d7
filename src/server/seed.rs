//! Data for trying Qala out: the fictional demo ecosystem, and synthetic listings for benchmarks.
pub mod demo;
pub mod synthetic;
