//! Output shapes shared by the CLI, the server and exports.

pub mod json;
mod json_in;
