#!/bin/sh
# Run a test binary, under $OCICHECK_WRAP (e.g. valgrind) when set.
exec ${OCICHECK_WRAP:-} "$@"
