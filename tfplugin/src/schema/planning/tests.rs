//! Tests of the plan walk: the SDK's unknown marking, the built-in modifiers, and modifiers
//! in nested blocks.

use super::*;
use crate::cty::Type;
use crate::plan_modifier::{
    differs_ignoring_case, AttributePlanModifier, PlanContext, PlanModifier, PlannedValue,
};
use crate::schema::NestedBlock;

fn block() -> Block {
    Block::new()
        .attribute(
            Attribute::required("name", Type::String)
                .plan_modifier(PlanModifier::requires_replace_if(differs_ignoring_case)),
        )
        .attribute(Attribute::optional("note", Type::String))
        .attribute(
            Attribute::computed("id", Type::String).plan_modifier(PlanModifier::UseStateForUnknown),
        )
        .attribute(Attribute::computed("stamp", Type::String))
}

fn state(name: &str, note: &str) -> Value {
    Value::object([
        ("name", Value::string(name)),
        ("note", Value::string(note)),
        ("id", Value::string("1")),
        ("stamp", Value::string("t")),
    ])
}

fn plan(block: &Block, prior: &Value, proposed: Value) -> ModifiedPlan {
    modify_plan(block, prior, &proposed, &Value::Null)
}

#[test]
fn create_marks_computed_unknown() {
    let p = plan(&block(), &Value::Null, state("a", "n"));
    assert!(p.requires_replace.is_empty());
    assert!(p.planned.get("id").is_unknown() && p.planned.get("stamp").is_unknown());
}

#[test]
fn case_change_is_no_replacement_and_state_is_kept_where_asked() {
    let p = plan(&block(), &state("a", "n"), state("A", "n"));
    assert!(p.requires_replace.is_empty());
    assert_eq!(p.planned.get("id").as_str(), Some("1"));
    assert!(p.planned.get("stamp").is_unknown());
    let p = plan(&block(), &state("a", "n"), state("a", "n"));
    assert_eq!(p.planned.get("stamp").as_str(), Some("t"));
}

#[test]
fn rename_replaces_and_forgets_computed_values() {
    let p = plan(&block(), &state("a", "n"), state("b", "n"));
    assert_eq!(p.requires_replace, vec![AttributePath::attr("name")]);
    assert!(p.planned.get("id").is_unknown());
}

/// A block with a list of `rule` blocks, each with a replacing `port` and a computed `id`.
fn with_rules() -> Block {
    Block::new()
        .attribute(Attribute::required("name", Type::String))
        .block(NestedBlock::new(
            "rule",
            NestingMode::List,
            Block::new()
                .attribute(
                    Attribute::required("port", Type::Number)
                        .plan_modifier(PlanModifier::RequiresReplace),
                )
                .attribute(
                    Attribute::computed("id", Type::String)
                        .plan_modifier(PlanModifier::UseStateForUnknown),
                ),
        ))
}

fn rules(name: &str, ports: &[i64], ids: bool) -> Value {
    let rule = |p: i64| {
        let id = if ids {
            Value::string(format!("r{p}"))
        } else {
            Value::Null
        };
        Value::object([("port", Value::int(p)), ("id", id)])
    };
    Value::object([
        ("name", Value::string(name)),
        (
            "rule",
            Value::List(ports.iter().map(|p| rule(*p)).collect()),
        ),
    ])
}

#[test]
fn modifiers_in_nested_blocks_run_on_every_element_at_its_path() {
    let prior = rules("a", &[80, 443], true);
    let config = rules("b", &[80, 443], false);
    let kept = modify_plan(
        &with_rules(),
        &prior,
        &rules("b", &[80, 443], true),
        &config,
    );
    assert!(kept.requires_replace.is_empty());
    let ids: Vec<Option<&str>> = kept
        .planned
        .get("rule")
        .as_elements()
        .unwrap()
        .iter()
        .map(|r| r.get("id").as_str())
        .collect();
    assert_eq!(
        ids,
        [Some("r80"), Some("r443")],
        "nested UseStateForUnknown kept them"
    );

    let config = rules("a", &[80, 8443], false);
    let moved = modify_plan(
        &with_rules(),
        &prior,
        &rules("a", &[80, 8443], true),
        &config,
    );
    let at = AttributePath::attr("rule").then_index(1).then_attr("port");
    assert_eq!(moved.requires_replace, vec![at]);
    let second = &moved.planned.get("rule").as_elements().unwrap()[1];
    assert!(second.get("id").is_unknown(), "a replacement plans new ids");
}

#[test]
fn open_modifiers_see_their_context_and_report() {
    struct Upper;
    impl AttributePlanModifier for Upper {
        fn modify(&self, cx: &PlanContext<'_>, plan: &mut PlannedValue) {
            if let Some(s) = plan.value.as_str() {
                plan.value = Value::string(s.to_uppercase());
            }
            if cx.config.as_str() == Some("bad") {
                plan.diagnostics
                    .push(crate::diagnostic::Diagnostic::error("Bad", "").at(cx.path.clone()));
            }
        }
    }
    let block = Block::new().block(NestedBlock::new(
        "tag",
        NestingMode::Map,
        Block::new().attribute(Attribute::required("v", Type::String).plan_modifier(Upper)),
    ));
    let tags = |v: &str| {
        Value::object([(
            "tag",
            Value::Map([("k".to_string(), Value::object([("v", Value::string(v))]))].into()),
        )])
    };
    let p = modify_plan(&block, &Value::Null, &tags("x"), &tags("x"));
    assert_eq!(p.planned.get("tag"), tags("X").get("tag"));
    let p = modify_plan(&block, &Value::Null, &tags("bad"), &tags("bad"));
    let d = p.diagnostics.iter().next().unwrap();
    assert_eq!(d.attribute.as_ref().unwrap().to_string(), r#"tag["k"].v"#);
}
