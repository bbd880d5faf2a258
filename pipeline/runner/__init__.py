"""Running the stages: one document at a time, on a pool or Dask, with a cache."""
