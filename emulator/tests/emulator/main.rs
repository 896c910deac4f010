//! The emulator's own tests, in one binary: conformance with GitHub's OpenAPI description,
//! fidelity to GitHub's answers, repository and user secrets, faults and limits (secondary
//! and content creation) on every scope's routes, hostile misbehaviour, GitHub App
//! endpoints, and writes carried out after the client hangs up.

mod common;

mod access;
mod apps;
mod conformance;
mod faults;
mod fidelity;
mod hangup;
mod hostile;
mod limits;
mod scopes;
