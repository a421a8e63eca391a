# Messages of src/verify (see src/i18n/mod.rs).
