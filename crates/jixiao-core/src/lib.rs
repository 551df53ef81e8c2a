//! jixiao-core: read, score and check 项目支出绩效自评表.
//!
//! The data path is one direction (see `docs/architecture.md`):
//! bytes → [`decode`] → [`normalise`] → [`grid`] → [`read`] (forms) → [`score`] → [`check`] → [`output`].
//! Every stage is a pure function over owned data; I/O happens only in the callers.

pub mod check;
pub mod decode;
pub mod grid;
pub mod model;
pub mod normalise;
pub mod output;
pub mod pipeline;
pub mod profile;
pub mod read;
pub mod score;

pub use model::*;
