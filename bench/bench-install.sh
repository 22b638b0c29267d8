#!/bin/sh
# bench-install.sh: how long a clean Debian 12 machine takes from the package
# install to a running kiosk, following README-hall.md. The clean machine is a
# debootstrap --variant=minbase bookworm tree (timed apart: that is the
# machine, not our install); in it, as root through chroot, the hall's IT
# runs "apt-get install ./jsd-kiosk_*.deb ./jsd-kiosk-station_*.deb"
# (downloading cage, foot, the CJK fonts...), then the first start:
# README-hall.md's section 2 as the jsd user (init, import-register, staff
# add, demo), and jsd-kiosk --mode kiosk on a private tmux server's pane (the
# headless stand-in for the hall's screen) until its start screen shows. What the maintainer scripts did is printed
# beside the figures, and the packages are purged at the end to show what
# purge leaves. Run by hand, as root (chroot, mounts), with the network;
# minutes long, never part of "make check".
#
#   bench/bench-install.sh [--warm] [--mirror URL] [--dir DIR] [DEB...]
#
# Without .debs it builds both from this source tree (dpkg-buildpackage in a
# clean copy under DIR). --warm starts from the package caches an earlier run
# left in DIR (debootstrap's and apt's), which is what a second machine
# installed from a local cache, or a re-install, costs; the default is cold,
# everything downloaded. DIR is bench-data/install unless given.
set -eu
srcdir=$(cd "$(dirname "$0")/.." && pwd)
mirror=http://deb.debian.org/debian
dir=bench-data/install
warm=no
while [ $# -gt 0 ]; do
	case $1 in
	--warm) warm=yes ;;
	--mirror) mirror=$2; shift ;;
	--dir) dir=$2; shift ;;
	--*) echo "usage: $0 [--warm] [--mirror URL] [--dir DIR] [DEB...]" >&2
	     exit 2 ;;
	*) break ;;
	esac
	shift
done
for tool in debootstrap chroot tmux; do
	command -v "$tool" >/dev/null ||
	    { echo "bench-install.sh: needs $tool" >&2; exit 1; }
done
[ "$(id -u)" -eq 0 ] ||
    { echo "bench-install.sh: needs root (debootstrap, chroot, mount)" >&2; exit 1; }
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
root=$dir/root
sock=bench-install-$$
export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8

now() { date +%s.%N; }
# since START: seconds from START to now, to a tenth.
since() { echo "$(now) $1" | awk '{ printf "%.1f", $1 - $2 }'; }
# in_root CMD...: CMD in the clean machine, with a root login's environment.
in_root() {
	env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
	    DEBIAN_FRONTEND=noninteractive chroot "$root" "$@"
}
# check WHAT CMD...: prints WHAT and whether CMD (in the clean machine) holds.
check() {
	_what=$1
	shift
	if in_root sh -c "$*" >/dev/null 2>&1; then
		echo "  ok: $_what"
	else
		echo "  NOT OK: $_what"
	fi
}

# The mounts the programs need in the tree (/proc for apt and the programs,
# /dev and /dev/pts for the pane's terminal), undone whatever happens, the
# latest first, and the tmux server with them.
mounts=""
cleanup() {
	tmux -L "$sock" kill-server 2>/dev/null || true
	# tmux leaves its socket behind when told to go.
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
	for m in $mounts; do
		umount "$m" 2>/dev/null || umount -l "$m" || true
	done
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
mount_in() {
	mount "$@"
	eval "_m=\${$#}"
	mounts="$_m $mounts"
}

# The packages: given, or built from a clean copy of the tree.
if [ $# -eq 0 ]; then
	rm -rf "$dir/deb"
	mkdir -p "$dir/deb/src"
	(cd "$srcdir" && tar --exclude=./_deb --exclude='./_build*' \
	    --exclude=./bench-data --exclude=./.git -cf - .) |
	    tar -C "$dir/deb/src" -xf -
	t=$(now)
	(cd "$dir/deb/src" && autoreconf -fi &&
	    DEB_BUILD_OPTIONS="parallel=$(nproc)" dpkg-buildpackage -us -uc -b) \
	    >"$dir/deb/build.log" 2>&1 ||
	    { echo "bench-install.sh: the build failed, see $dir/deb/build.log" >&2
	      exit 1; }
	echo "packages built (dpkg-buildpackage): $(since "$t") s"
	set -- "$dir"/deb/jsd-kiosk_*.deb "$dir"/deb/jsd-kiosk-station_*.deb
fi
for deb in "$@"; do
	[ -f "$deb" ] || { echo "bench-install.sh: no $deb" >&2; exit 1; }
done

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "caches: $([ $warm = yes ] && echo "warm (an earlier run's)" || echo cold)"

# The clean machine.
rm -rf "$root"
mkdir -p "$dir/cache/debootstrap" "$dir/cache/apt"
cache=""
[ $warm = yes ] && cache=--cache-dir=$dir/cache/debootstrap
t=$(now)
debootstrap --variant=minbase $cache bookworm "$root" "$mirror" \
    >"$dir/debootstrap.log" 2>&1 ||
    { echo "bench-install.sh: debootstrap failed, see $dir/debootstrap.log" >&2
      exit 1; }
echo "debootstrap --variant=minbase bookworm: $(since "$t") s," \
    "$(du -sxm "$root" | cut -f1) MB"
[ $warm = yes ] || cp "$root"/var/cache/apt/archives/*.deb \
    "$dir/cache/debootstrap/" 2>/dev/null || true
# What Debian's installer writes: the release, its updates and security.
cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian}/debian-security bookworm-security main
EOF
# No daemon started from a maintainer script: there is no init in the tree.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 0755 "$root/usr/sbin/policy-rc.d"
mount_in -t proc proc "$root/proc"
mount_in --bind /dev "$root/dev"
mount_in --bind /dev/pts "$root/dev/pts"

t=$(now)
in_root apt-get update >"$dir/update.log" 2>&1
echo "apt-get update: $(since "$t") s"
[ $warm = yes ] && cp "$dir"/cache/apt/*.deb "$root/var/cache/apt/archives/" \
    2>/dev/null
for deb in "$@"; do
	cp "$deb" "$root/root/"
done
before=$(du -sxm "$root" | cut -f1)

# The install, as README-hall.md says it.
debs=""
for deb in "$@"; do
	debs="$debs ./$(basename "$deb")"
done
t=$(now)
in_root sh -c "cd /root && apt-get install -y $debs" >"$dir/install.log" 2>&1 ||
    { echo "bench-install.sh: the install failed, see $dir/install.log" >&2
      exit 1; }
echo "apt-get install -y$debs: $(since "$t") s"
echo "  apt: $(grep -E '^Need to get' "$dir/install.log")"
echo "  apt: $(grep -E '^After this operation' "$dir/install.log")"
grep -E '^Fetched' "$dir/install.log" | sed 's/^/  apt: /' || true
echo "  packages installed: $(grep -c '^Setting up ' "$dir/install.log")"
echo "  installed size (du): $(($(du -sxm "$root" | cut -f1) - before)) MB"
cp "$root"/var/cache/apt/archives/*.deb "$dir/cache/apt/" 2>/dev/null || true

echo "maintainer scripts:"
check "the jsd system user" 'getent passwd jsd | grep -q "^jsd:x:[0-9]*:[0-9]*:"' \
    '&& [ "$(id -u jsd)" -lt 1000 ]'
check "jsd in dialout, video, lp" \
    'for g in dialout video lp; do id -nG jsd | grep -qw $g || exit 1; done'
check "/etc/jsd-kiosk/jsd.conf root:jsd 0640" \
    '[ "$(stat -c %U:%G:%a /etc/jsd-kiosk/jsd.conf)" = root:jsd:640 ]'
check "/etc/jsd-kiosk/jsd.conf.sample" 'test -f /etc/jsd-kiosk/jsd.conf.sample'
check "/var/lib/jsd-kiosk jsd:jsd 0750" \
    '[ "$(stat -c %U:%G:%a /var/lib/jsd-kiosk)" = jsd:jsd:750 ]'
check "jsdctl --version" 'jsdctl --version'
# Root's doctor first, as an installer may run it: it must say what is
# missing and make nothing the jsd user could not then open.
echo "jsdctl doctor on the fresh install (JSD_DOCTOR_SKIP=clock), as root:"
in_root env JSD_DOCTOR_SKIP=clock jsdctl doctor >"$dir/doctor.log" 2>&1 &&
    echo "  exit status 0" || echo "  exit status $?"
sed 's/^/  | /' "$dir/doctor.log"
check "doctor made no registry" '! test -e /var/lib/jsd-kiosk/registry.db'

# The first start: README-hall.md's section 2 as root with runuser (no sudo
# on a minbase machine): the registry, a register of one institution in
# root's own folder, a supervisor and a counter (the password on standard
# input, where the prompt would be), the demo; then the kiosk as its unit
# starts it (the jsd user, LANG=C.UTF-8), on a pane.
cat >"$root/root/register.csv" <<'EOF'
credit_code,name,address,legal_rep_name,legal_rep_id,legal_rep_phone,level
121101054800000012,北京市朝阳区示例新馆,北京市朝阳区示例路9号,李新,11010519491231002X,13800001111,district
EOF
chmod 0600 "$root/root/register.csv"
# as_jsd SHELL-COMMAND: README-hall.md's "sudo -u jsd ...", from root's folder.
as_jsd() {
	in_root sh -c "cd /root && $*" >>"$dir/first.log" 2>&1 ||
	    { echo "bench-install.sh: \"$*\" failed, see $dir/first.log" >&2
	      exit 1; }
}
: >"$dir/first.log"
t=$(now)
as_jsd runuser -u jsd -- jsdctl init
as_jsd runuser -u jsd -- jsdctl import-register - "<" register.csv
as_jsd echo jsd-bench-super "|" runuser -u jsd -- jsdctl staff add wang \
    --role supervisor
as_jsd echo jsd-bench-counter "|" runuser -u jsd -- jsdctl staff add li \
    --role counter
as_jsd runuser -u jsd -- jsdctl demo
echo "first start: jsdctl init, import-register, staff add (2), demo: $(since "$t") s"
t2=$(now)
tmux -L "$sock" -f /dev/null new-session -d -x 100 -y 30 \
    "env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin TERM=screen LANG=C.UTF-8 $(command -v chroot) $root \
    runuser -u jsd -- jsd-kiosk --mode kiosk; sleep 600"
shown=no
i=0
while [ $i -lt 600 ]; do
	if tmux -L "$sock" capture-pane -p >"$dir/pane.txt" &&
	    grep -Eq '请按任意键开始|Press any key to start' "$dir/pane.txt"; then
		shown=yes
		break
	fi
	sleep 0.05
	i=$((i + 1))
done
if [ $shown = yes ]; then
	echo "first start: jsd-kiosk --mode kiosk to its start screen: $(since "$t2") s"
	echo "first start, in all: $(since "$t") s"
	grep -E '请按任意键开始|Press any key to start' "$dir/pane.txt" |
	    sed 's/^ */  | /'
else
	echo "first start: the kiosk's start screen never showed; the pane:"
	tmux -L "$sock" capture-pane -p | sed 's/^/  | /'
fi
echo "jsdctl doctor after the first start (JSD_DOCTOR_SKIP=clock), as jsd:"
in_root runuser -u jsd -- env JSD_DOCTOR_SKIP=clock jsdctl doctor \
    >"$dir/doctor.log" 2>&1 && echo "  exit status 0" || echo "  exit status $?"
sed 's/^/  | /' "$dir/doctor.log"
tmux -L "$sock" kill-server 2>/dev/null || true

echo "purge (apt-get purge -y jsd-kiosk jsd-kiosk-station):"
in_root apt-get purge -y jsd-kiosk jsd-kiosk-station >"$dir/purge.log" 2>&1 ||
    echo "  NOT OK: the purge failed, see $dir/purge.log"
check "the programs gone" '! test -e /usr/bin/jsdctl'
check "/etc/jsd-kiosk gone" '! test -e /etc/jsd-kiosk'
check "no statoverride left" '! dpkg-statoverride --list | grep -q jsd'
check "the registry kept (/var/lib/jsd-kiosk/registry.db)" \
    'test -f /var/lib/jsd-kiosk/registry.db'
check "the jsd user kept (owns the registry)" 'getent passwd jsd'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
