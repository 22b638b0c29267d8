/*
 * unit-worker.c: the decoding worker (decode-worker.h) survives pictures that
 * crash Debian's ZXing 1.4, and the still-picture schedule on a slice of the
 * generated corpus (corpus.h), showing which pass read what.
 *
 * The crashing pictures are made on purpose: a Code128 turned a few degrees in
 * a 720p frame, which ZXing's own try-harder reads on several lines and its own
 * downscale reads again on one, and then Result::operator== asserts
 * "lineCount() == 1" (zxing-cpp #740) and the process aborts. Here the worker
 * aborts instead, is restarted, the pass that did it is left out, and the next
 * picture is decoded as if nothing had happened.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "corpus.h"
#include "decode-heavy.h"
#include "decode-worker.h"
#include "decode.h"
#include "image.h"
#include "imgtool.h"
#include "tap.h"

static const char bar_text[] = "80421796531084217967";
static const char qr_text[] = "JSD:C:ZYJG2XIIZO74GSWIH2GASUNQPD7XINM4";

static struct decode_worker *w;

/* A Code128 at 3 px a module and 120 px tall, turned by deg, in a 720p frame. */
static void
make_slanted(double deg, struct image *frame)
{
	struct image bar, turned;
	struct err e;

	if (image_from_code128(bar_text, 3, 120, &bar, &e) != 0 ||
	    imgtool_rotate(&bar, deg, &turned) != 0 ||
	    image_alloc(frame, 1280, 720, &e) != 0)
		exit(99);
	memset(frame->gray, 230, (size_t)1280 * 720);
	imgtool_paste(frame, &turned, (1280 - turned.width) / 2,
	    (720 - turned.height) / 2);
	image_free(&bar);
	image_free(&turned);
}

static void
make_qr_frame(struct image *frame)
{
	struct image qr;
	struct err e;

	if (image_from_qr(qr_text, 4, 4, &qr, &e) != 0 ||
	    imgtool_clutter(1280, 720, 5, frame) != 0)
		exit(99);
	imgtool_paste(frame, &qr, 600, 200);
	image_free(&qr);
}

/* Decodes frame through the worker; the number of results, -1 on an error. */
static int
run(const struct image *frame, const struct decode_job *job,
    struct decode_result *res, struct decode_outcome *oc, struct err *e)
{
	size_t n;

	err_clear(e);
	if (decode_worker_frame(w, frame->gray, frame->width, frame->height,
	    frame->width, 1, job, res, DECODE_MAX_RESULTS, &n, oc, e) != 0)
		return -1;
	return (int)n;
}

static int
has(const struct decode_result *res, int n, const char *text)
{
	int i;

	for (i = 0; i < n; i++)
		if (res[i].len == strlen(text) &&
		    memcmp(res[i].bytes, text, res[i].len) == 0)
			return 1;
	return 0;
}

static void
test_crash(void)
{
	struct decode_result res[DECODE_MAX_RESULTS];
	struct decode_outcome oc;
	struct decode_job job;
	struct image slanted, qr;
	struct err e;
	int n, restarts;

	make_slanted(5, &slanted);
	make_qr_frame(&qr);
	decode_job_fast(&job);
	job.pass = DECODE_PASS_HARDER;
	restarts = decode_worker_restarts(w);
	n = run(&slanted, &job, res, &oc, &e);
	ok(n == -1 && e.key != NULL && strcmp(e.key, "decode.crashed") == 0,
	    "ZXing's own try-harder and downscale crash on a slanted Code128 "
	    "(%s)", e.key ? e.key : "no error");
	ok(oc.deaths == 1 && oc.killed == 1u << DECODE_PASS_HARDER,
	    "the worker died once, in the harder pass");
	decode_job_fast(&job);
	n = run(&qr, &job, res, &oc, &e);
	ok(n >= 1 && has(res, n, qr_text) && oc.deaths == 0,
	    "the next frame is decoded");
	is_int(decode_worker_restarts(w), restarts + 1, "by a restarted worker");

	/* A schedule that meets the crash: the crashing pass is left out and
	 * the picture is read by the next one. */
	decode_job_still(&job);
	job.sched_default = 0;
	job.sched.npasses = 2;
	job.sched.order[0] = DECODE_PASS_HARDER;
	job.sched.order[1] = DECODE_PASS_FAST;
	n = run(&slanted, &job, res, &oc, &e);
	ok(n >= 1 && has(res, n, bar_text), "the schedule still reads it (%s)",
	    n < 0 ? e.key : "read");
	ok(oc.deaths == 1 && oc.killed == 1u << DECODE_PASS_HARDER &&
	    oc.hit == DECODE_PASS_FAST,
	    "after one death, without the pass that crashed");
	decode_job_still(&job);
	n = run(&slanted, &job, res, &oc, &e);
	ok(n >= 1 && has(res, n, bar_text) && oc.deaths == 0,
	    "the shipped schedule reads it with its fast pass, no crash");
	image_free(&slanted);
	image_free(&qr);
}

/* A worker that dies on every picture ends in "decode.worker_dead", and one
 * good answer clears it. */
static void
test_dying(void)
{
	struct decode_result res[DECODE_MAX_RESULTS];
	struct decode_outcome oc;
	struct decode_job crash, fast;
	struct image slanted, qr;
	struct err e;
	int i, n = 0;

	make_slanted(5, &slanted);
	make_qr_frame(&qr);
	decode_job_fast(&crash);
	crash.pass = DECODE_PASS_HARDER;
	decode_job_fast(&fast);
	for (i = 0; i < DECODE_WORKER_MAX_DEATHS; i++)
		n = run(&slanted, &crash, res, &oc, &e);
	ok(n == -1 && strcmp(e.key, "decode.worker_dead") == 0,
	    "%d deaths in a row: the decoder keeps failing", i);
	n = run(&qr, &fast, res, &oc, &e);
	ok(n >= 1 && has(res, n, qr_text), "a good picture is still read");
	n = run(&slanted, &crash, res, &oc, &e);
	ok(n == -1 && strcmp(e.key, "decode.crashed") == 0,
	    "and one more crash is a crash again, not the end");
	image_free(&slanted);
	image_free(&qr);
}

/* Files are read here and parsed in the worker, with the image.* errors. */
static void
test_files(const char *dir)
{
	struct decode_result res[DECODE_MAX_RESULTS];
	struct decode_outcome oc;
	struct decode_job job;
	struct image qr;
	struct err e;
	char path[4096], cut[4096];
	unsigned char *buf;
	size_t n, len;
	FILE *fp;

	snprintf(path, sizeof path, "%s/worker-qr.png", dir);
	snprintf(cut, sizeof cut, "%s/worker-cut.png", dir);
	make_qr_frame(&qr);
	if (image_write_png(path, &qr, &e) != 0 ||
	    image_read_file(path, DECODE_WORKER_MAX_INPUT, &buf, &len, &e) != 0 ||
	    (fp = fopen(cut, "wb")) == NULL)
		exit(99);
	fwrite(buf, 1, len / 2, fp);
	fclose(fp);
	free(buf);
	decode_job_still(&job);
	ok(decode_worker_file(w, path, &job, res, DECODE_MAX_RESULTS, &n, &oc,
	    &e) == 0 && has(res, (int)n, qr_text) && oc.hit == DECODE_PASS_FAST &&
	    oc.width == 1280 && oc.height == 720,
	    "a PNG file is parsed and read in the worker");
	ok(decode_worker_file(w, cut, &job, res, DECODE_MAX_RESULTS, &n, &oc,
	    &e) == -1 && strcmp(e.key, "image.corrupt") == 0 && oc.deaths == 0,
	    "a truncated one is image.corrupt, and the worker lives");
	ok(decode_worker_file(w, dir, &job, res, DECODE_MAX_RESULTS, &n, &oc,
	    &e) == -1 && strcmp(e.key, "image.unreadable") == 0,
	    "a folder is refused before the worker sees anything");
	image_free(&qr);
	remove(path);
	remove(cut);
}

/* Frames the geometry check (decode_frame_span()) refuses, each path given
 * a buffer far smaller than some of them say: ASan shows any read of it. */
static const struct bad_frame {
	int		 width, height, row_stride, pixel_stride;
	const char	*why;
} bad_frames[] = {
	{ 1280, 720, 1280, 2, "a row stride shorter than a row" },
	{ 1280, 720, 1280 * 9, DECODE_MAX_PIXEL_STRIDE + 1,
	    "too big a pixel stride" },
	{ 8192, 8193, 8192, 1, "more than DECODE_MAX_PIXELS pixels" },
};
#define NBAD_FRAMES	(sizeof bad_frames / sizeof bad_frames[0])
#define BAD_FRAME_BUF	64

static void
test_bad_frames(void)
{
	struct decode_result res[DECODE_MAX_RESULTS];
	const struct bad_frame *f;
	struct decode_outcome oc;
	struct decode_job job;
	unsigned char *buf;
	struct err e;
	size_t i, n;

	if ((buf = calloc(1, BAD_FRAME_BUF)) == NULL)
		exit(99);
	decode_job_fast(&job);
	for (i = 0; i < NBAD_FRAMES; i++) {
		f = &bad_frames[i];
		ok(decode_worker_frame(w, buf, f->width, f->height, f->row_stride,
		    f->pixel_stride, &job, res, DECODE_MAX_RESULTS, &n, &oc,
		    &e) == -1 && strcmp(e.key, "decode.args") == 0,
		    "the worker refuses %s", f->why);
	}
	free(buf);
}

/* Offers the bad frames, each round after a pause that leaves the thread time
 * to be ready for a frame (at share 100 it rests for no time), until a good
 * frame is taken: whether none of the bad ones was. */
static int
heavy_refuses(struct decode_heavy *h, const struct image *good)
{
	const struct bad_frame *f;
	unsigned char *buf;
	int k, any = 0;
	size_t i;

	if ((buf = calloc(1, BAD_FRAME_BUF)) == NULL)
		exit(99);
	/* A guard against a hang, not a timing. */
	for (k = 0; k < 6000; k++) {
		usleep(10000);
		for (i = 0; i < NBAD_FRAMES; i++) {
			f = &bad_frames[i];
			any |= decode_heavy_offer(h, buf, f->width, f->height,
			    f->row_stride, f->pixel_stride);
		}
		if (decode_heavy_offer(h, good->gray, good->width, good->height,
		    good->width, 1))
			break;
	}
	free(buf);
	return !any && k < 6000;
}

static volatile int heavy_pass = -1;

static void
heavy_found(const struct decode_result *r, size_t n, enum decode_pass p,
    void *arg)
{
	(void)arg;
	if (has(r, (int)n, qr_text))
		heavy_pass = (int)p;
}

/* The heavier passes beside a camera: an inverted QR, which the fast pass
 * leaves (without its own inverted retry), is read by the rotation. */
static void
test_heavy(void)
{
	struct decode_heavy_stats st;
	struct decode_heavy *h;
	struct decode_opts o;
	struct image qr;
	struct err e;
	int i, taken, again;

	make_qr_frame(&qr);
	imgtool_invert(&qr);
	decode_opts_default(&o);
	if (decode_heavy_start(&o, 100, heavy_found, NULL, &h, &e) != 0)
		exit(99);
	/* Until the thread is ready for its first frame. */
	for (i = 0; i < 6000 && !decode_heavy_offer(h, qr.gray, qr.width,
	    qr.height, qr.width, 1); i++)
		usleep(10000);
	taken = i < 6000;
	again = decode_heavy_offer(h, qr.gray, qr.width, qr.height, qr.width, 1);
	ok(taken && !again, "a frame offered while a pass runs is dropped");
	/* A guard against a hang, not a timing: passes take what they take. */
	for (i = 0; i < 12000 && heavy_pass < 0; i++) {
		decode_heavy_offer(h, qr.gray, qr.width, qr.height, qr.width, 1);
		usleep(10000);
	}
	ok(heavy_refuses(h, &qr), "the heavy passes refuse the frames the "
	    "worker refuses");
	decode_heavy_stats(h, &st);
	decode_heavy_stop(h);
	ok(heavy_pass == DECODE_PASS_INVERT, "the rotation reads it with the %s "
	    "pass, after %d others", heavy_pass >= 0 ?
	    decode_pass_name((enum decode_pass)heavy_pass) : "no", st.passes);
	image_free(&qr);
}

/*
 * The slice of the corpus make check decodes: pictures that bench-decode found
 * read first by each heavier pass of the schedule (so each pass shows what it
 * is there for), and one a category that the fast pass reads. The schedule runs
 * without its time budget, so that the outcome does not depend on the machine.
 */
static const struct {
	int			 pic;
	enum decode_pass	 pass;
} slice[] = {
	{ 0, DECODE_PASS_FAST }, { 72, DECODE_PASS_FAST },
	{ 144, DECODE_PASS_FAST }, { 192, DECODE_PASS_FAST },
	{ 240, DECODE_PASS_FAST }, { 288, DECODE_PASS_FAST },
	{ 136, DECODE_PASS_DOWN2 }, { 173, DECODE_PASS_DOWN2 },
	{ 216, DECODE_PASS_DOWN2 },	/* 12 MP: the big schedule's first pass */
	{ 24, DECODE_PASS_TURN }, { 48, DECODE_PASS_TURN },
	{ 14, DECODE_PASS_HARDER }, { 101, DECODE_PASS_HARDER },
	{ 264, DECODE_PASS_INVERT }, { 268, DECODE_PASS_INVERT },
	{ 103, DECODE_PASS_TURN },	/* JPEG, 17°: the -11.25° lines */
	{ 134, DECODE_PASS_SHARP },	/* a shadow across the bars */
	{ 161, DECODE_PASS_SHARP },	/* a glare spot on the QR */
};

static void
test_slice(void)
{
	struct decode_result res[DECODE_MAX_RESULTS];
	struct decode_outcome oc;
	struct decode_job job, fast;
	struct corpus_pic pic;
	struct err e;
	size_t i;
	int n, wrong, found;

	decode_job_still(&job);
	job.budget_ms = 0;
	decode_job_fast(&fast);
	for (i = 0; i < sizeof slice / sizeof slice[0]; i++) {
		if (corpus_make(slice[i].pic, &pic) != 0)
			exit(99);
		n = run(&pic.img, &job, res, &oc, &e);
		found = n > 0 ? corpus_found(&pic, res, (size_t)n, &wrong) : 0;
		ok(found > 0 && wrong == 0 && oc.hit == (int)slice[i].pass,
		    "corpus %d (%s, %dx%d): read by the %s pass", slice[i].pic,
		    corpus_cat_name(pic.cat), pic.img.width, pic.img.height,
		    oc.hit >= 0 ? decode_pass_name((enum decode_pass)oc.hit) :
		    "no");
		if (oc.deaths > 0)
			tap_diag("corpus %d: %d worker deaths on the way",
			    slice[i].pic, oc.deaths);
		/* Above 4 MP the fast pass is not first, and reads more. */
		if (slice[i].pass != DECODE_PASS_FAST &&
		    (long long)pic.img.width * pic.img.height <= 4000000) {
			n = run(&pic.img, &fast, res, &oc, &e);
			ok(n == 0, "corpus %d: the fast pass alone reads nothing",
			    slice[i].pic);
		}
		image_free(&pic.img);
	}
}

/*
 * A YUYV frame (Y every other byte, rows padded) is read through the worker,
 * which is given its Y bytes packed; the buffer ends at the last Y byte, so
 * that reading past it (16 bytes at a time) is caught by the sanitizers.
 */
static void
test_yuyv(void)
{
	struct decode_result res[DECODE_MAX_RESULTS];
	struct decode_outcome oc;
	struct decode_job job;
	struct image frame;
	struct err e;
	unsigned char *buf;
	size_t n, span;
	int stride = 1280 * 2 + 32, x, y;

	make_qr_frame(&frame);
	span = (size_t)719 * stride + 1279 * 2 + 1;
	if ((buf = malloc(span)) == NULL)
		exit(99);
	memset(buf, 128, span);
	for (y = 0; y < 720; y++)
		for (x = 0; x < 1280; x++)
			buf[(size_t)y * stride + 2 * x] =
			    frame.gray[(size_t)y * 1280 + x];
	decode_job_fast(&job);
	ok(decode_worker_frame(w, buf, 1280, 720, stride, 2, &job, res,
	    DECODE_MAX_RESULTS, &n, &oc, &e) == 0 && has(res, (int)n, qr_text),
	    "a YUYV frame is read through the worker, its Y bytes packed");
	free(buf);
	image_free(&frame);
}

static void
test_names(void)
{
	struct decode_sched s;

	is_str(decode_pass_name(DECODE_PASS_FAST), "fast", "the fast pass's name");
	is_str(decode_pass_name(DECODE_NPASSES), "?", "no pass is ?");
	ok(decode_pass_fits(DECODE_PASS_UP2, 640, 480) &&
	    !decode_pass_fits(DECODE_PASS_UP2, 4000, 3000),
	    "a small picture is upscaled, a 12 MP one is not");
	decode_sched_default(&s, 4000, 3000);
	is_int(s.budget_ms, 198, "a 12 MP photo's budget is about 200 ms");
	ok(s.order[0] == DECODE_PASS_DOWN2, "and it starts with the 1/2 copy");
	decode_sched_default(&s, 1280, 720);
	ok(s.order[0] == DECODE_PASS_FAST && s.npasses == DECODE_NPASSES,
	    "a 720p picture starts with the fast pass and may try all %d",
	    DECODE_NPASSES);
}

int
main(void)
{
	struct err e;
	const char *tmp = getenv("TMPDIR");

	if (decode_worker_start(&w, &e) != 0) {
		tap_diag("decode_worker_start: %s %s", e.key, e.detail);
		return 1;
	}
	tap_diag("worker's seccomp filter: %s", decode_worker_sandbox(w) &
	    DECODE_WORKER_SECCOMP ? "on" : "off (sanitizers, or not x86-64/arm64)");
	ok(decode_worker_sandbox(w) & DECODE_WORKER_NO_OPEN,
	    "the worker cannot open a file");
	ok(decode_worker_sandbox(w) & DECODE_WORKER_NO_SOCKET,
	    "nor make a network socket");
	test_names();
	test_yuyv();
	test_bad_frames();
	test_crash();
	test_dying();
	test_files(tmp != NULL ? tmp : ".");
	test_heavy();
	test_slice();
	decode_worker_stop(w);
	return tap_done();
}
