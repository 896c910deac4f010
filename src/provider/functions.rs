//! The provider's functions (Terraform 1.8+, `provider::codespaces::<name>(...)`). Terraform
//! calls them on a provider it never configures and requires them to be pure (the same
//! arguments give the same result, in plan and in apply), so they only compute: nothing
//! here calls GitHub. That rules out a sealing function, whose sealed box is random by
//! design.
//!
//! - `secret_name(name)`: the name as GitHub keeps it (upper-case), or an error on the
//!   argument saying why GitHub would refuse it, with the same words as the resources'
//!   validator. For `for_each` keys that must not differ only in case, and for `validation`
//!   blocks of variables that carry secret names.

use tfplugin::{Function, FunctionError, FunctionParameter, FunctionRequest, FunctionSignature};
use tfplugin::{Type, Value};

use super::support::secret_name_problem;

/// `secret_name(name)`.
pub struct SecretName;

impl Function for SecretName {
    fn name(&self) -> &'static str {
        "secret_name"
    }

    fn signature(&self) -> FunctionSignature {
        let name = FunctionParameter::new("name", Type::String).description(
            "A secret name, in any case: letters, digits and underscores, not starting with a \
             digit nor with `GITHUB_`.",
        );
        FunctionSignature::new(Type::String)
            .summary("A Codespaces secret name as GitHub keeps it.")
            .description(
                "Answers `name` upper-case, as GitHub keeps it (GitHub ignores case: \
                 `db_password` and `DB_PASSWORD` are one secret), or fails on the argument \
                 when GitHub would refuse the name. Pure and offline: it calls nothing.",
            )
            .parameter(name)
    }

    fn call(&self, req: FunctionRequest) -> Result<Value, FunctionError> {
        let name: String = req.argument(0)?;
        if let Some(problem) = secret_name_problem(&name) {
            // Terraform ends the sentence itself.
            let text = problem.trim_end_matches('.');
            return Err(FunctionError::at_argument(0, text));
        }
        req.to_value(&name.to_ascii_uppercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(name: &str) -> Result<Value, FunctionError> {
        let f = SecretName;
        f.call(FunctionRequest::new(
            &f.signature(),
            vec![Value::String(name.into())],
        ))
    }

    #[test]
    fn a_name_comes_back_upper_case_and_a_bad_one_fails_on_its_argument() {
        assert_eq!(
            call("db_Password").unwrap(),
            Value::String("DB_PASSWORD".into())
        );
        let err = call("github_token").unwrap_err();
        assert_eq!(err.argument, Some(0));
        assert!(err.text.contains("GITHUB_ prefix") && !err.text.ends_with('.'));
    }
}
