"""What the layers say to each other: job models, events, details, the job interface, piece layouts, file selections."""
