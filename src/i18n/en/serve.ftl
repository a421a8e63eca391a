# Messages of src/serve (see src/i18n/mod.rs).
