//! A managed resource type: the [`Resource`] trait (type name, schema, create, read,
//! update, delete) and the capabilities a resource may add, each a trait of its own in
//! `resource/capabilities.rs`: [`ModifyPlan`], [`ImportState`], [`UpgradeState`],
//! [`ResourceIdentity`], [`GenerateConfig`], [`MoveState`] (its request and response in
//! `resource/moves.rs`), and the [`ValidateConfig`] every kind shares.
//!
//! # One shape, capabilities opted into
//!
//! As in terraform-plugin-framework, a resource is the base trait plus whatever
//! capabilities it implements. Go finds them with a type assertion at run time; here the
//! base trait has one accessor per capability, answering `None` by default, and a resource
//! opts in by implementing the capability's trait and answering itself:
//!
//! ```rust,ignore
//! impl Resource for Greeting {
//!     // type_name, schema, create, read, update, delete ...
//!     fn as_import_state(&self) -> Option<&dyn ImportState> {
//!         Some(self)
//!     }
//! }
//!
//! #[async_trait]
//! impl ImportState for Greeting {
//!     async fn import_state(&self, req: ImportRequest) -> Outcome<ImportResponse> { ... }
//! }
//! ```
//!
//! Opting in is explicit (the accessor says so, where the resource is defined) and checked
//! by the compiler (`Some(self)` compiles only if the resource implements the capability),
//! a capability is written once whatever else the resource does, and
//! `Provider::resources` stays a plain `Vec<Arc<dyn Resource>>`. A registration builder
//! would have put the opting in beside the provider rather than beside the resource, and
//! a generic wrapper per capability would have multiplied the types a provider meets.
//!
//! A new capability is one more trait and one more accessor defaulting to `None` (moving
//! state across resource types was `as_move_state`), so adding one breaks no resource.
//! Other kinds of types (functions, ephemeral resources, actions) are base traits of their
//! own beside [`Resource`], each listed by a `Provider` method with an empty default.
//!
//! # What the server does around a resource
//!
//! Each operation answers `Err(diagnostics)` when it changed nothing, so `?` works; the
//! server then answers Terraform as the protocol expects (the prior state kept on a failed
//! update or delete, none on a failed create, the stored state on a failed read). The
//! declared validators run before [`ValidateConfig`], the declared plan modifiers before
//! [`ModifyPlan`] (at every depth of nested blocks); computed attributes become unknown
//! where only apply can tell, write-only attributes are nulled in every plan and state, a
//! destroy plan is answered without asking the resource, and apply goes to `create`
//! (prior state null), `delete` (planned state null) or `update`.

mod capabilities;
mod moves;
mod requests;
mod responses;
mod upgrade;

use async_trait::async_trait;

pub use capabilities::{
    GenerateConfig, ImportState, ModifyPlan, MoveState, ResourceIdentity, UpgradeState,
};
pub use moves::{MoveSource, MoveStateRequest, MoveStateResponse};
pub use requests::{ApplyRequest, GenerateConfigRequest, ImportRequest, PlanRequest, ReadRequest};
pub use responses::{ApplyResponse, ImportResponse, ImportedResource, PlanResponse, ReadResponse};
pub use upgrade::{RawState, UpgradeStateRequest};

use crate::cty::Value;
use crate::diagnostic::Outcome;
use crate::schema::Schema;
use crate::validate_config::ValidateConfig;

/// A resource type: its schema, and create, read, update and delete. Each operation
/// answers `Err(diagnostics)` when it changed nothing; see the module documentation for
/// what the server answers Terraform then.
///
/// Values arrive as [`Value`]s; read them into a typed model with the
/// request's `to_model`, and write a model back with `to_value`.
///
/// The `as_*` accessors name the capabilities the resource has: each answers `None` unless
/// the resource implements that capability's trait and answers `Some(self)`.
#[async_trait]
pub trait Resource: Send + Sync + 'static {
    /// The type name, e.g. `hello_greeting`.
    fn type_name(&self) -> &'static str;

    /// The schema, with its version and the validators and plan modifiers declared on its
    /// attributes.
    fn schema(&self) -> Schema;

    /// Creates the object (`prior_state` is null).
    async fn create(&self, req: ApplyRequest) -> Outcome<ApplyResponse>;

    /// Reads the object; [`ReadResponse::gone`] when it no longer exists.
    async fn read(&self, req: ReadRequest) -> Outcome<ReadResponse>;

    /// Updates the object in place.
    async fn update(&self, req: ApplyRequest) -> Outcome<ApplyResponse>;

    /// Deletes the object (`planned_state` is null); already gone is success.
    async fn delete(&self, req: ApplyRequest) -> Outcome<()>;

    /// Checks a configuration beyond the declared validators. Without it, only they run.
    fn as_validate_config(&self) -> Option<&dyn ValidateConfig> {
        None
    }

    /// Adjusts create and update plans. Without it, the plan is Terraform's proposal after
    /// the declared plan modifiers.
    fn as_modify_plan(&self) -> Option<&dyn ModifyPlan> {
        None
    }

    /// Imports existing objects. Without it, an import fails with a diagnostic saying the
    /// type cannot be imported.
    fn as_import_state(&self) -> Option<&dyn ImportState> {
        None
    }

    /// Reads states older schema versions wrote. Without it, a stored state is read with
    /// the current schema: attributes it no longer has are dropped and new ones are null.
    fn as_upgrade_state(&self) -> Option<&dyn UpgradeState> {
        None
    }

    /// Gives instances an identity (Terraform 1.12+). Without it, GetResourceIdentitySchemas
    /// leaves the type out, and the type cannot be listed.
    fn as_identity(&self) -> Option<&dyn ResourceIdentity> {
        None
    }

    /// Writes the configuration `terraform query -generate-config-out` shows for an
    /// instance. Without it, that is the instance's state without its computed-only and
    /// write-only attributes.
    fn as_generate_config(&self) -> Option<&dyn GenerateConfig> {
        None
    }

    /// Takes the state of other resource types that `moved` blocks name (Terraform 1.8+).
    /// Without it, such a move fails with a diagnostic saying this type takes none; the
    /// provider announces the capability when any of its resources has it.
    fn as_move_state(&self) -> Option<&dyn MoveState> {
        None
    }
}

/// `state` with every attribute the configuration cannot set nulled: the configuration a
/// resource without [`GenerateConfig`] generates.
pub(crate) fn generated_config(schema: &Schema, mut state: Value) -> Value {
    for attr in &schema.block.attributes {
        let settable = attr.required || attr.optional;
        if !settable || attr.write_only {
            state.set(&attr.name, Value::Null);
        }
    }
    state
}
