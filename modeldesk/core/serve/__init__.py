"""The lab server: the library served to colleagues over the hubs' own HTTP APIs (catalog.py,
hf_routes.py, http_server.py, lab_server.py). Above runtime: it reads the library the running core writes."""
