"""Model presets packaged with havoc-model (configs/model/ holds the documented copy)."""
