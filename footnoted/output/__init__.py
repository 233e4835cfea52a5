"""Stage 5, write: the site staged in a folder beside the old one and swapped in whole
(staging), with files whose bytes did not change kept as they are (site_writer). A failed
build leaves the old site; nothing outside what footnoted wrote is ever deleted."""
