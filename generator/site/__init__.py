"""The publicity site: generated MkDocs pages over the model, with Material as the theme."""
