//! Reading the provider's lines in a Terraform log (`TF_LOG_PATH`), with the readers
//! `tfplugin::testing` has for any provider.

/// The provider's lines whose message is exactly `message`.
pub fn lines<'a>(log: &'a str, message: &str) -> Vec<&'a str> {
    tfplugin::testing::provider_log_lines(log, "terraform-provider-codespaces", message)
}

/// The value of field `key` on `line`, unquoted.
pub fn field(line: &str, key: &str) -> Option<String> {
    tfplugin::testing::log_field(line, key)
}
