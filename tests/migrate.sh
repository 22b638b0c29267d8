# migrate.sh: a registry left at schema version 1 is migrated in order when a
# program opens it, and keeps its data; the migrated registry then works.
. "$top_srcdir/tests/lib.sh"

sqlite_only "the fixture is a SQLite registry at schema 1 (storage.sh checks the version rules on both)"
[ -n "$SQLITE3_BIN" ] || skip_all "sqlite3 is not installed"
"$SQLITE3_BIN" "$JSD_DB" < "$top_srcdir/tests/fixtures/registry-v1.sql"
is "$("$SQLITE3_BIN" "$JSD_DB" 'PRAGMA user_version')" 1 "the fixture is at schema 1"
ctl init
ok $rc "init opens the old registry"
like "$out" "up to date" "and says it is not new"
v=$("$SQLITE3_BIN" "$JSD_DB" 'PRAGMA user_version')
ok $([ "$v" -gt 1 ]; echo $?) "it was migrated (now schema $v)"
ctl application show 20261120-0001
like "$out" "13912345678" "the old application is still there"
ctl staff list
like "$out" "old-counter" "and the old staff account"
n=$("$SQLITE3_BIN" "$JSD_DB" "SELECT count(*) FROM sqlite_master WHERE name IN ('certificate', 'holder', 'authz', 'token', 'usage_record')")
is "$n" 5 "the lifecycle's tables were created"
ctl apply claim --credit-code 12110000429074993M --frp-phone 13912345678
ok $rc "and a new application goes in"
ctl init
ok $rc "opening it again is harmless"
is "$("$SQLITE3_BIN" "$JSD_DB" 'PRAGMA user_version')" "$v" "and keeps the version"
done_testing
