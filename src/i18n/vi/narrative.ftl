# Messages of src/narrative (see src/i18n/mod.rs).
