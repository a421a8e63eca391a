# Messages of src/yaml.rs (see src/i18n/mod.rs).
