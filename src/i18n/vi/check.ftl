# Messages of src/check (see src/i18n/mod.rs).
