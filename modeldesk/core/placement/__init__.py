"""Where a job's files go: placing into a project, moves, free space."""
