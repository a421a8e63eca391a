# Messages of src/build (see src/i18n/mod.rs).
