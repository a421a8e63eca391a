# Messages of src/diff (see src/i18n/mod.rs).
