"""UI texts per area, merged into companion.ui.i18n."""
