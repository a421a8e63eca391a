# Messages of src/facts (see src/i18n/mod.rs).
