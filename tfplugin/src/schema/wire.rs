//! Schemas as the protocol carries them (`tfplugin5.Schema`).

use super::{Attribute, Block, NestedBlock, NestingMode, Schema};
use crate::proto::tfplugin5 as pb;

impl Schema {
    /// The schema as the protocol carries it.
    pub fn to_wire(&self) -> pb::Schema {
        pb::Schema {
            version: self.version,
            block: Some(block(&self.block)),
            ..Default::default()
        }
    }
}

fn block(b: &Block) -> pb::schema::Block {
    pb::schema::Block {
        version: 0,
        attributes: b.attributes.iter().map(attribute).collect(),
        block_types: b.blocks.iter().map(nested_block).collect(),
        description: b.description.clone(),
        description_kind: pb::StringKind::Markdown as i32,
        deprecated: b.deprecated,
        ..Default::default()
    }
}

fn attribute(a: &Attribute) -> pb::schema::Attribute {
    pb::schema::Attribute {
        name: a.name.clone(),
        r#type: a.ty.to_json_bytes(),
        description: a.description.clone(),
        required: a.required,
        optional: a.optional,
        computed: a.computed,
        sensitive: a.sensitive,
        description_kind: pb::StringKind::Markdown as i32,
        deprecated: a.deprecated,
        write_only: a.write_only,
        ..Default::default()
    }
}

fn nested_block(n: &NestedBlock) -> pb::schema::NestedBlock {
    use pb::schema::nested_block::NestingMode as Pm;
    let nesting = match n.nesting {
        NestingMode::Single => Pm::Single,
        NestingMode::Group => Pm::Group,
        NestingMode::List => Pm::List,
        NestingMode::Set => Pm::Set,
        NestingMode::Map => Pm::Map,
    };
    pb::schema::NestedBlock {
        type_name: n.type_name.clone(),
        block: Some(block(&n.block)),
        nesting: nesting as i32,
        min_items: n.min_items,
        max_items: n.max_items,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cty::Type;

    #[test]
    fn write_only_and_sensitive_flags_reach_the_wire() {
        let s = Schema::new(
            Block::new().attribute(
                Attribute::optional("v", Type::String)
                    .sensitive()
                    .write_only(),
            ),
        );
        let pb = s.to_wire();
        let attr = &pb.block.unwrap().attributes[0];
        assert!(attr.write_only && attr.sensitive && attr.optional);
        assert_eq!(attr.r#type, b"\"string\"");
    }
}
