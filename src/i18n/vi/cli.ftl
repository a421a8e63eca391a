# Messages of src/cli (see src/i18n/mod.rs).
