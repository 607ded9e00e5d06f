"""The model library: which models are where, where they came from, and what they have shared."""
