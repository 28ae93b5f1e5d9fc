"""Static files in production: hashed names, compressed copies, long-lived (WhiteNoise), and the ES module imports
in our scripts rewritten to the hashed names too, so a page's scripts never need revalidating."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True
