//! Reading the provider's lines in a Terraform log (`TF_LOG_PATH`): Terraform rewrites each
//! hclog JSON line the provider writes as
//! `TIMESTAMP [LEVEL] provider.terraform-provider-codespaces: MESSAGE: key=value key="a b"`.

/// The provider's lines whose message is exactly `message`.
pub fn lines<'a>(log: &'a str, message: &str) -> Vec<&'a str> {
    let marker = format!("provider.terraform-provider-codespaces: {message}: ");
    log.lines().filter(|l| l.contains(&marker)).collect()
}

/// The value of field `key` on `line`, unquoted.
pub fn field(line: &str, key: &str) -> Option<String> {
    let start = line.find(&format!(" {key}="))? + key.len() + 2;
    let rest = &line[start..];
    match rest.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next().map(str::to_string),
        None => rest.split_whitespace().next().map(str::to_string),
    }
}
