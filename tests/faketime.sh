#!/bin/sh
# faketime.sh: faketime(1) for the tests. faketime names its semaphore and
# shared memory after its process id and refuses to start when they exist
# ("sem_open: File exists"); a faketime that was killed leaves them behind,
# and with 32768 process ids a long test run reuses ids. exec keeps this
# shell's id, so what stands under it now can only be a dead faketime's.
rm -f "/dev/shm/sem.faketime_sem_$$" "/dev/shm/faketime_shm_$$"
exec "$FAKETIME_REAL" "$@"
