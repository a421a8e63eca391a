# Messages of src/project (see src/i18n/mod.rs).
