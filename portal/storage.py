from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files; also rewrites ES module imports so portal.mjs finds the hashed NHS.UK script."""

    support_js_module_import_aggregation = True
