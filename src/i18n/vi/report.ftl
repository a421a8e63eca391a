# Messages of src/project/report.rs (see src/i18n/mod.rs).
