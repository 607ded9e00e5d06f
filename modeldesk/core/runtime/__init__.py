"""The running core: the manager and its engines' adapters, stored jobs, shared limits, hub-to-swarm routing."""
