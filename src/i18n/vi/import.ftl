# Messages of src/import (see src/i18n/mod.rs).
