//! The emulator's own tests, in one binary: conformance with GitHub's OpenAPI description,
//! fidelity to GitHub's answers, faults and secondary limits, hostile misbehaviour, GitHub App
//! endpoints, and writes carried out after the client hangs up.

mod common;

mod apps;
mod conformance;
mod faults;
mod fidelity;
mod hangup;
mod hostile;
