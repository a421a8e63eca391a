# Messages of src/typeset (see src/i18n/mod.rs).
