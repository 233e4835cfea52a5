"""The build itself: the stages called in order (pipeline), the records they hand each other
(stage_data), the article jobs and the processes that run them (jobs, workers), stage 3's
checks over all articles together, and stage 4's choice of which pages to make (assemble).
It asks incremental/ what is outdated and calls the other packages for the work."""
