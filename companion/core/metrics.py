"""Prometheus metrics every area may record; /metrics (companion.api.ops) exposes them.

With several worker processes on one machine set PROMETHEUS_MULTIPROC_DIR (`companion serve --workers`
does): counters and histograms are then summed over the workers. Values read at scrape time (breaker state,
retrieval mode, queue sizes) come from the worker that answers the scrape; the queues are in the database,
so they are the same on every worker.
"""

from __future__ import annotations

from prometheus_client import Counter, Histogram

LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120)

TURN_SECONDS = Histogram("companion_turn_seconds", "A chat turn from request to the stored reply (seconds)",
                         ["stream"], buckets=LATENCY_BUCKETS)
REQUESTS = Counter("companion_http_requests", "HTTP requests answered", ["method", "status"])
MODEL_SECONDS = Histogram("companion_model_call_seconds", "A chat model call, first request to last piece",
                          ["outcome"], buckets=LATENCY_BUCKETS)
MODEL_FIRST_PIECE = Histogram("companion_model_first_piece_seconds", "Time until the model's first piece",
                              buckets=LATENCY_BUCKETS)
MODEL_ERRORS = Counter("companion_model_errors", "Failed chat model calls by kind", ["kind"])
ALL = (TURN_SECONDS, REQUESTS, MODEL_SECONDS, MODEL_FIRST_PIECE, MODEL_ERRORS)
