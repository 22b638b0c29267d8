/*
 * decode-worker.c: the decoding worker process and its caller's side; see
 * decode-worker.h.
 *
 * The worker is this same program, started again through /proc/self/exe with
 * one argument (DW_ARG) that a constructor here recognizes before main() runs,
 * so every program that links this file can be a worker and none has to change
 * its main(). A fresh exec, not a bare fork: the worker holds nothing the caller
 * had in memory (registry, keys, screen), only what it is given.
 *
 * It is given two descriptors and nothing else (posix_spawn closes the rest,
 * and stdin, stdout and stderr are /dev/null, so an assertion's message never
 * lands on the kiosk's screen): fd 3, a SOCK_SEQPACKET socket for requests and
 * answers (message boundaries, and the caller reads end-of-file when the worker
 * dies), and fd 4, a memfd shared with the caller that holds the input (a
 * file's bytes or a gray frame) and the number of the pass running, which is
 * what the caller reads after a death to know which pass to leave out when it
 * retries. The worker is restricted before it reads any request: its own
 * session (the terminal's Ctrl-C does not reach it), it dies with its parent,
 * no core files, RLIMIT_NOFILE at its 5 descriptors (no file or socket can be
 * opened), no new privileges, and a seccomp filter (x86-64 and arm64) allowing
 * only the system calls that reading memory, allocating and answering need:
 * open, socket, connect, exec and the rest fail with EPERM. The filter is left
 * out under the sanitizers, whose runtime needs more than that; the descriptor
 * limit still holds there.
 *
 * The caller waits for an answer at most DW_TIMEOUT_MS (a worker in an endless
 * loop is killed like a dead one); SIGPIPE is avoided with MSG_NOSIGNAL.
 */
#include "config.h"

#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#if defined(__linux__) && (defined(__x86_64__) || defined(__aarch64__))
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#define DW_SECCOMP 1
#endif
#if defined(__SANITIZE_ADDRESS__)
#define DW_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DW_SANITIZED 1
#endif
#endif
#ifdef DW_SANITIZED
#undef DW_SECCOMP	/* the sanitizers' runtime needs more system calls */
#endif

#include "clock.h"
#include "decode-worker.h"
#include "image.h"

#define DW_ARG		"--jsd-decode-worker"
#define DW_SOCK		3
#define DW_SHM		4
#define DW_HEADER	4096
#define DW_SHM_SIZE	((size_t)DW_HEADER + DECODE_WORKER_MAX_INPUT)
#define DW_TIMEOUT_MS	60000
#define DW_RELEASE_ABOVE (4u << 20)

/* The start of the shared block. */
struct dw_shared {
	volatile int	 running;	/* the pass running, -1 none */
};

enum dw_kind { DW_HELLO, DW_FRAME, DW_FILE };

struct dw_req {
	enum dw_kind		 kind;
	int			 width, height, row_stride, pixel_stride;
	size_t			 len;
	struct decode_job	 job;
	unsigned		 skip;
};

struct dw_rep {
	int			 rc;
	enum err_kind		 err_kind;
	char			 key[48];
	char			 detail[256];
	int			 hit, width, height;
	double			 cpu_ms;
	unsigned		 sandbox;
	size_t			 n;
	struct decode_result	 res[DECODE_MAX_RESULTS];
};

struct decode_worker {
	pid_t		 pid;		/* -1: none running */
	int		 sock;
	int		 shm_fd;
	unsigned char	*shm;
	int		 restarts;
	int		 spawned;
	int		 deaths_in_row;
	unsigned	 sandbox;
	struct dw_rep	 rep;		/* big: kept here, not on a stack */
};

/* Error keys an answer may carry, so that err.key points at our own string. */
static const char *const dw_keys[] = {
	"decode.args", "decode.failed", "image.colour", "image.corrupt",
	"image.format", "image.too_large", "image.unreadable",
};

void
decode_job_fast(struct decode_job *j)
{
	memset(j, 0, sizeof *j);
	decode_opts_default(&j->opts);
	j->pass = DECODE_PASS_FAST;
}

void
decode_job_still(struct decode_job *j)
{
	memset(j, 0, sizeof *j);
	decode_opts_default(&j->opts);
	j->pass = -1;
	j->sched_default = 1;
	j->budget_ms = -1;
}

/* --- The worker's side. --- */

#ifdef DW_SECCOMP
#if defined(__x86_64__)
#define DW_AUDIT_ARCH	AUDIT_ARCH_X86_64
#else
#define DW_AUDIT_ARCH	AUDIT_ARCH_AARCH64
#endif

/* What parsing and decoding in memory, allocating and answering need. */
static const int dw_allowed[] = {
	SYS_read, SYS_write, SYS_recvfrom, SYS_recvmsg, SYS_sendto, SYS_sendmsg,
	SYS_mmap, SYS_munmap, SYS_mremap, SYS_brk, SYS_madvise, SYS_mprotect,
	SYS_futex, SYS_close, SYS_fstat, SYS_newfstatat, SYS_lseek, SYS_exit,
	SYS_exit_group, SYS_rt_sigreturn, SYS_rt_sigprocmask, SYS_rt_sigaction,
	SYS_tgkill, SYS_gettid, SYS_getpid, SYS_clock_gettime, SYS_gettimeofday,
	SYS_sched_yield, SYS_getrandom, SYS_restart_syscall, SYS_clock_nanosleep,
};
#define DW_NALLOWED	(sizeof dw_allowed / sizeof dw_allowed[0])

static int
dw_seccomp(void)
{
	struct sock_filter f[4 + DW_NALLOWED + 2];
	struct sock_fprog prog;
	size_t i;

	f[0] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
	    offsetof(struct seccomp_data, arch));
	f[1] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
	    DW_AUDIT_ARCH, 1, 0);
	f[2] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
	    SECCOMP_RET_KILL_PROCESS);
	f[3] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
	    offsetof(struct seccomp_data, nr));
	/* Each allowed call jumps to the last instruction, ALLOW. */
	for (i = 0; i < DW_NALLOWED; i++)
		f[4 + i] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
		    (unsigned)dw_allowed[i], (unsigned char)(DW_NALLOWED - i), 0);
	f[4 + DW_NALLOWED] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
	    SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA));
	f[5 + DW_NALLOWED] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
	    SECCOMP_RET_ALLOW);
	prog.len = (unsigned short)(sizeof f / sizeof f[0]);
	prog.filter = f;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0);
}
#endif

/* Restricts this process; returns the DECODE_WORKER_* it then finds true. */
static unsigned
dw_restrict(void)
{
	struct rlimit none = { 0, 0 }, fds = { DW_SHM + 1, DW_SHM + 1 };
	unsigned got = 0;
	int fd;

	(void)prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		_exit(0);	/* the caller died before we got here */
	(void)setrlimit(RLIMIT_CORE, &none);
	if (setrlimit(RLIMIT_NOFILE, &fds) != 0 ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		_exit(1);
#ifdef DW_SECCOMP
	if (dw_seccomp() != 0)
		_exit(1);
	got |= DECODE_WORKER_SECCOMP;
#endif
	/* Checked, not assumed: the caller can tell what holds. */
	if ((fd = open("/", O_RDONLY | O_CLOEXEC)) == -1)
		got |= DECODE_WORKER_NO_OPEN;
	else
		close(fd);
	if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		got |= DECODE_WORKER_NO_SOCKET;
	else
		close(fd);
	return got;
}

/* A frame travels packed (pixel stride 1) in the shared memory: the one
 * cap on frames keeps it in there. */
_Static_assert(DECODE_MAX_PIXELS <= DECODE_WORKER_MAX_INPUT,
    "a frame of DECODE_MAX_PIXELS fits the shared memory");

static void
dw_serve_one(const struct dw_req *q, struct dw_shared *sh,
    const unsigned char *input, struct dw_rep *r)
{
	struct decode_sched sched;
	struct image img;
	struct err e;
	int w = q->width, h = q->height, rs = q->row_stride, ps = q->pixel_stride;
	const unsigned char *px = input;

	memset(&img, 0, sizeof img);
	err_clear(&e);
	r->hit = -1;
	r->rc = 0;
	if (q->kind == DW_FILE) {
		r->rc = q->len > DECODE_WORKER_MAX_INPUT ? err_set(&e, ERR_INPUT,
		    NULL, "image.too_large", "input") : image_parse(input, q->len,
		    "image", &img, &e);
		px = img.gray;
		w = rs = img.width;
		h = img.height;
		ps = 1;
	} else if (decode_frame_span(w, h, rs, ps) == 0)
		r->rc = err_set(&e, ERR_INPUT, NULL, "decode.args", "frame");
	r->width = w;
	r->height = h;
	if (r->rc == 0 && q->job.pass >= 0) {
		sh->running = q->job.pass;
		r->rc = decode_pass((enum decode_pass)q->job.pass, px, w, h, rs,
		    ps, &q->job.opts, r->res, DECODE_MAX_RESULTS, &r->n, &e);
		r->hit = r->n > 0 ? q->job.pass : -1;
	} else if (r->rc == 0) {
		sched = q->job.sched;
		if (q->job.sched_default) {
			decode_sched_default(&sched, w, h);
			if (q->job.budget_ms >= 0)
				sched.budget_ms = q->job.budget_ms;
		}
		r->rc = decode_still(px, w, h, rs, ps, &q->job.opts, &sched,
		    q->skip, &sh->running, r->res, DECODE_MAX_RESULTS, &r->n,
		    &r->hit, &e);
	}
	sh->running = -1;
	image_free(&img);
	if (r->rc != 0) {
		r->err_kind = e.kind;
		snprintf(r->key, sizeof r->key, "%s", e.key ? e.key : "");
		snprintf(r->detail, sizeof r->detail, "%s", e.detail);
		r->n = 0;
	}
}

static int
dw_serve(void)
{
	static struct dw_rep r;
	struct dw_req q;
	unsigned char *shm;
	double t0;
	ssize_t n;

	shm = mmap(NULL, DW_SHM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, DW_SHM,
	    0);
	if (shm == MAP_FAILED)
		return 1;
	/*
	 * A camera frame's passes allocate and free a few frame-sized buffers;
	 * by default glibc gives such memory back to the system after each
	 * frame and takes it again on the next, a page fault a page (measured:
	 * a third of a millisecond a 720p frame). Keep up to 16 MB of it;
	 * bigger buffers (a 12 MP photo's copies) are still mapped and unmapped.
	 */
	(void)mallopt(M_MMAP_THRESHOLD, 8 << 20);
	(void)mallopt(M_TRIM_THRESHOLD, 16 << 20);
	memset(&r, 0, sizeof r);
	r.sandbox = dw_restrict();
	if (send(DW_SOCK, &r, sizeof r, MSG_NOSIGNAL) != (ssize_t)sizeof r)
		return 1;
	for (;;) {
		n = recv(DW_SOCK, &q, sizeof q, 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (n != (ssize_t)sizeof q)
			return n == 0 ? 0 : 1;
		t0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
		memset(&r, 0, sizeof r);
		dw_serve_one(&q, (struct dw_shared *)shm, shm + DW_HEADER, &r);
		r.cpu_ms = clock_ms(CLOCK_PROCESS_CPUTIME_ID) - t0;
		if (send(DW_SOCK, &r, sizeof r, MSG_NOSIGNAL) != (ssize_t)sizeof r)
			return 1;
	}
}

/* Runs before main() in every program that links this file: a worker never
 * reaches the program's own main(). glibc passes argc and argv here. */
__attribute__((constructor)) static void
dw_constructor(int argc, char **argv)
{
	if (argc == 2 && argv != NULL && strcmp(argv[1], DW_ARG) == 0)
		_exit(dw_serve());
}

/* --- The caller's side. --- */

static void
dw_reap(struct decode_worker *w)
{
	int st;

	if (w->pid <= 0)
		return;
	(void)kill(w->pid, SIGKILL);
	while (waitpid(w->pid, &st, 0) == -1 && errno == EINTR)
		;
	close(w->sock);
	w->sock = -1;
	w->pid = -1;
}

/* Waits for one answer; 0 if it came whole, -1 if the worker died or hung. */
static int
dw_answer(struct decode_worker *w)
{
	struct pollfd p = { .fd = w->sock, .events = POLLIN };
	ssize_t n;
	int rc;

	do
		rc = poll(&p, 1, DW_TIMEOUT_MS);
	while (rc == -1 && errno == EINTR);
	if (rc != 1)
		return -1;
	do
		n = recv(w->sock, &w->rep, sizeof w->rep, 0);
	while (n == -1 && errno == EINTR);
	return n == (ssize_t)sizeof w->rep ? 0 : -1;
}

static int
dw_spawn_fail(struct decode_worker *w, int *fds, struct err *e, const char *what,
    int error)
{
	int i;

	for (i = 0; i < 4; i++)
		if (fds[i] != -1)
			close(fds[i]);
	dw_reap(w);
	return err_set(e, ERR_SYSTEM, NULL, "decode.worker_dead", "%s: %s", what,
	    strerror(error));
}

/* Starts a worker and waits for its hello (sent once it is restricted). */
static int
dw_spawn(struct decode_worker *w, struct err *e)
{
	extern char **environ;
	char *argv[] = { "jsd-decode-worker", DW_ARG, NULL };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	int sv[2], fds[4] = { -1, -1, -1, -1 }, rc;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
		return dw_spawn_fail(w, fds, e, "socketpair", errno);
	fds[0] = sv[0];
	fds[1] = sv[1];
	/* Above 10, so that moving them to 3 and 4 cannot overwrite each other. */
	if ((fds[2] = fcntl(sv[1], F_DUPFD_CLOEXEC, 10)) == -1 ||
	    (fds[3] = fcntl(w->shm_fd, F_DUPFD_CLOEXEC, 10)) == -1)
		return dw_spawn_fail(w, fds, e, "fcntl", errno);
	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&at);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDWR, 0);
	posix_spawn_file_actions_adddup2(&fa, 0, 1);
	posix_spawn_file_actions_adddup2(&fa, 0, 2);
	posix_spawn_file_actions_adddup2(&fa, fds[2], DW_SOCK);
	posix_spawn_file_actions_adddup2(&fa, fds[3], DW_SHM);
	posix_spawn_file_actions_addclosefrom_np(&fa, DW_SHM + 1);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSID);
	rc = posix_spawn(&w->pid, "/proc/self/exe", &fa, &at, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	if (rc != 0) {
		w->pid = -1;
		return dw_spawn_fail(w, fds, e, "posix_spawn", rc);
	}
	close(fds[1]);
	close(fds[2]);
	close(fds[3]);
	w->sock = fds[0];
	if (dw_answer(w) != 0) {
		fds[1] = fds[2] = fds[3] = -1;
		fds[0] = -1;
		return dw_spawn_fail(w, fds, e, "worker", EPIPE);
	}
	w->sandbox = w->rep.sandbox;
	if (w->spawned++ > 0)
		w->restarts++;
	return 0;
}

int
decode_worker_start(struct decode_worker **out, struct err *e)
{
	struct decode_worker *w;

	*out = NULL;
	if ((w = calloc(1, sizeof *w)) == NULL)
		return err_set(e, ERR_SYSTEM, NULL, "decode.worker_dead",
		    "out of memory");
	w->pid = -1;
	w->sock = -1;
	w->shm_fd = memfd_create("jsd-decode", MFD_CLOEXEC);
	if (w->shm_fd == -1 || ftruncate(w->shm_fd, (off_t)DW_SHM_SIZE) != 0 ||
	    (w->shm = mmap(NULL, DW_SHM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
	    w->shm_fd, 0)) == MAP_FAILED) {
		err_set(e, ERR_SYSTEM, NULL, "decode.worker_dead", "memfd: %s",
		    strerror(errno));
		w->shm = NULL;
		decode_worker_stop(w);
		return -1;
	}
	if (dw_spawn(w, e) != 0) {
		decode_worker_stop(w);
		return -1;
	}
	*out = w;
	return 0;
}

/* Copies an answer out; the key is mapped onto our own static strings. */
static int
dw_result(struct decode_worker *w, struct decode_result *out, size_t max,
    size_t *n, struct decode_outcome *oc, struct err *e)
{
	const struct dw_rep *r = &w->rep;
	const char *key = "decode.failed";
	size_t i;

	oc->hit = r->hit;
	oc->cpu_ms = r->cpu_ms;
	oc->width = r->width;
	oc->height = r->height;
	if (r->rc != 0) {
		for (i = 0; i < sizeof dw_keys / sizeof dw_keys[0]; i++)
			if (strcmp(r->key, dw_keys[i]) == 0)
				key = dw_keys[i];
		return err_set(e, r->err_kind == ERR_OK ? ERR_SYSTEM : r->err_kind,
		    NULL, key, "%s", r->detail);
	}
	for (i = 0; i < r->n && i < max && i < DECODE_MAX_RESULTS; i++)
		out[i] = r->res[i];
	*n = i;
	return 0;
}

/* A memfd keeps every page once written: after a big input (a 12 MP photo's
 * file), give its pages back rather than hold them for the next camera frame. */
static void
dw_release(struct decode_worker *w, size_t len)
{
	if (len > DW_RELEASE_ABOVE)
		(void)fallocate(w->shm_fd, FALLOC_FL_PUNCH_HOLE |
		    FALLOC_FL_KEEP_SIZE, DW_HEADER, (off_t)len);
}

/*
 * Sends q (its input already in the shared block) until an answer comes,
 * restarting the worker after each death without the pass that was running.
 */
static int
dw_run(struct decode_worker *w, struct dw_req *q, struct decode_result *out,
    size_t max, size_t *n, struct decode_outcome *oc, struct err *e)
{
	struct dw_shared *sh = (struct dw_shared *)w->shm;
	int p;

	for (q->skip = 0;;) {
		if (w->pid <= 0 && dw_spawn(w, e) != 0)
			return -1;
		sh->running = -1;
		if (send(w->sock, q, sizeof *q, MSG_NOSIGNAL) == (ssize_t)sizeof *q &&
		    dw_answer(w) == 0) {
			w->deaths_in_row = 0;
			dw_release(w, q->len);
			return dw_result(w, out, max, n, oc, e);
		}
		p = sh->running;
		dw_reap(w);
		oc->deaths++;
		if (++w->deaths_in_row >= DECODE_WORKER_MAX_DEATHS)
			return err_set(e, ERR_SYSTEM, NULL, "decode.worker_dead",
			    "%d deaths in a row", w->deaths_in_row);
		if (p < 0 || p >= DECODE_NPASSES || (q->skip & (1u << p)))
			return err_set(e, ERR_INPUT, NULL, "decode.crashed",
			    "the worker died outside a pass");
		oc->killed |= 1u << p;
		q->skip |= 1u << p;
		if (q->job.pass >= 0)
			return err_set(e, ERR_INPUT, NULL, "decode.crashed",
			    "pass %s", decode_pass_name((enum decode_pass)p));
	}
}

static void
dw_begin(struct decode_outcome *oc, size_t *n)
{
	memset(oc, 0, sizeof *oc);
	oc->hit = -1;
	*n = 0;
}

int
decode_worker_frame(struct decode_worker *w, const unsigned char *px, int width,
    int height, int row_stride, int pixel_stride, const struct decode_job *job,
    struct decode_result *out, size_t max, size_t *n, struct decode_outcome *oc,
    struct err *e)
{
	struct dw_req q;

	dw_begin(oc, n);
	if (px == NULL ||
	    decode_frame_span(width, height, row_stride, pixel_stride) == 0)
		return err_set(e, ERR_INPUT, NULL, "decode.args",
		    "frame %dx%d stride %d/%d", width, height, row_stride,
		    pixel_stride);
	/* One copy of the frame, its Y bytes packed (a YUYV frame's chroma
	 * left out): half the bytes a plain memcpy writes, and the worker
	 * reads packed rows (a YUYV 720p frame: 2.05 ms when the worker
	 * packed a whole copy, 1.8 so, in two runs on a shared machine). */
	decode_pack_gray(px, width, height, row_stride, pixel_stride,
	    w->shm + DW_HEADER);
	memset(&q, 0, sizeof q);
	q.kind = DW_FRAME;
	q.width = width;
	q.height = height;
	q.row_stride = width;
	q.pixel_stride = 1;
	q.len = (size_t)width * height;
	q.job = *job;
	oc->width = width;
	oc->height = height;
	return dw_run(w, &q, out, max, n, oc, e);
}

int
decode_worker_file(struct decode_worker *w, const char *path,
    const struct decode_job *job, struct decode_result *out, size_t max,
    size_t *n, struct decode_outcome *oc, struct err *e)
{
	unsigned char *buf;
	struct dw_req q;
	size_t len;

	dw_begin(oc, n);
	if (image_read_file(path, DECODE_WORKER_MAX_INPUT, &buf, &len, e) != 0)
		return -1;
	memcpy(w->shm + DW_HEADER, buf, len);
	free(buf);
	memset(&q, 0, sizeof q);
	q.kind = DW_FILE;
	q.len = len;
	q.job = *job;
	return dw_run(w, &q, out, max, n, oc, e);
}

int
decode_worker_restarts(const struct decode_worker *w)
{
	return w->restarts;
}

unsigned
decode_worker_sandbox(const struct decode_worker *w)
{
	return w->sandbox;
}

void
decode_worker_stop(struct decode_worker *w)
{
	if (w == NULL)
		return;
	dw_reap(w);
	if (w->shm != NULL)
		munmap(w->shm, DW_SHM_SIZE);
	if (w->shm_fd != -1)
		close(w->shm_fd);
	free(w);
}
