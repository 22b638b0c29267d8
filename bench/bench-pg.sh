# bench-pg.sh: what the benchmarks that keep a PostgreSQL cluster share;
# sourced by bench-verify.sh and bench-report.sh once builddir is set.
#   $srcdir, $data   the source tree and the build's bench-data folder
#   bench_pg NAME    starts a cluster with fsync on in bench-data/NAME-pg
#                    (made the first time, kept afterwards, stopped when the
#                    script exits) and makes its database NAME if missing;
#                    its URI in $bench_uri
srcdir=$(cd "$(dirname "$0")/.." && pwd)
data="$(cd "$builddir" && pwd)/bench-data"
mkdir -p "$data"
chmod 0711 "$data"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

bench_pg() {
	_pg="$data/$1-pg"
	export JSD_PG_DURABLE=1
	trap '"$srcdir/tests/pg-cluster.sh" down "$_pg"' EXIT
	"$srcdir/tests/pg-cluster.sh" up "$_pg" >/dev/null
	psql -X -q -h "$_pg" -d postgres -tAc \
	    "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1 ||
		psql -X -q -h "$_pg" -d postgres -c "CREATE DATABASE $1"
	bench_uri="postgresql:///$1?host=$_pg"
}
