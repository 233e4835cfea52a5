"""The commands that use the network, never run by a build: `archive` (the Wayback
Machine's snapshots: wayback), `links` (dead, moved and drifted sources: link_check) and
`recover` (lost links found again in a saved page: recovery), over the URLs the articles cite
(citing), with polite, bounded fetching (fetching). Each writes a file the editor commits."""
