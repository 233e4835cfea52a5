"""`serve`: build, serve the site on localhost, and build again when a file changes, keeping
the last good site (and a page saying what failed) when a build fails."""
