/*
 * bench-decode.c: how fast and how well a counter camera frame is decoded, with
 * our shipped settings (decode_opts_default), with variants of them, and with zbar
 * as an independent peer, on the same frames in one run.
 *
 * Frames are 1280x720 gray (a 720p counter camera): cluttered frames holding one
 * presented-size QR (about 100 characters, 4 px a module), frames holding one
 * Code128 key, and cluttered frames with no code, which is what the camera sees
 * most of the time. Each frame is decoded N times on one CPU; the figures are the
 * median and 90th percentile per call. The success rate is over a set of camera
 * transforms (turns, blur, noise, low contrast, inverted, small modules), each
 * pasted into a cluttered frame. It prints figures and asserts nothing.
 *
 * Then the generated corpus (tests/corpus.c, every CORPUS-STEP-th picture):
 * per category, what our still-picture schedule reads through the worker,
 * what zbar reads, and what each pass reads alone, with the schedule's time
 * per picture and a greedy order of the passes by new reads per millisecond,
 * which is how decode_sched_default()'s order was chosen.
 *
 * Usage: bench-decode [-n REPEATS] [-c CORPUS-STEP] [-g CATEGORY-NUMBER] [-q]
 *     [SCRATCH-DIR (unused)]
 * -q: only our shipped settings (in process and through the worker) and zbar,
 * no variants, no camera run.
 */
#include "config.h"

#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef HAVE_ZBAR
#include <zbar.h>
#endif

#include "clock.h"
#include "corpus.h"
#include "decode-heavy.h"
#include "decode-worker.h"
#include "decode.h"
#include "image.h"
#include "imgtool.h"

#define FRAME_W		1280
#define FRAME_H		720
#define NFRAMES		6

/* A presented code: Base45-style text, as the QR alphanumeric mode holds it. */
static const char bench_qr_text[] =
    "JSD1:6BFOXN*TS0BI$ZDFRH%LAR-ACL%1X0LKO5RKP2WMS1T/V6YHGWD8+QP7-ZJTM99CZ-"
    "JK.3D3GK0:B2CKO0QLF8RF";
static const char bench_c128_text[] = "K7Q2M9X4P1Z8";

enum bench_kind { KIND_QR, KIND_C128, KIND_EMPTY, NKINDS };
static const char *bench_kind_names[NKINDS] = {
	"QR frame", "Code128 frame", "empty frame"
};

struct bench_frame {
	struct image	 img;
	enum bench_kind	 kind;
};

/* A decoder under test: ours with some options, or zbar. */
struct bench_dec {
	const char		*name;
	struct decode_opts	 o;
	int			 zbar;
	int			 worker;	/* the fast pass through the worker */
	int			 yuyv;		/* the frame as a YUYV camera gives
						   it: Y every other byte */
};

static struct decode_worker *bench_worker;
/* YUYV copies of the frames and cases, made before the clock starts (the
 * timed frames) and kept until the program ends. */
static struct {
	const unsigned char	*gray;
	unsigned char		*yuyv;
} bench_yuyv[128];

/* img as a YUYV frame (chroma 128), made once. */
static const unsigned char *
bench_yuyv_of(const struct image *img)
{
	size_t i, k, n = (size_t)img->width * img->height;

	for (i = 0; bench_yuyv[i].gray != NULL; i++)
		if (bench_yuyv[i].gray == img->gray)
			return bench_yuyv[i].yuyv;
	if (i + 1 >= sizeof bench_yuyv / sizeof bench_yuyv[0] ||
	    (bench_yuyv[i].yuyv = malloc(2 * n)) == NULL) {
		fprintf(stderr, "bench-decode: out of memory\n");
		exit(1);
	}
	for (k = 0; k < n; k++) {
		bench_yuyv[i].yuyv[2 * k] = img->gray[k];
		bench_yuyv[i].yuyv[2 * k + 1] = 128;
	}
	bench_yuyv[i].gray = img->gray;
	return bench_yuyv[i].yuyv;
}
/* The worker's CPU time on the last call through it, added to this thread's. */
static double bench_worker_cpu;

/* The next decoder: a copy of decs[from] under its own name, for the caller
 * to change the one option it measures. */
static struct bench_dec *
bench_variant(struct bench_dec *decs, int *nd, int from, const char *name)
{
	struct bench_dec *d = &decs[(*nd)++];

	*d = decs[from];
	d->name = name;
	return d;
}
/* Pictures that only a heavy pass of the schedule read: the test slice's
 * candidates (tests/unit-worker.c). */
static int bench_heavy[DECODE_NPASSES][6], bench_nheavy[DECODE_NPASSES];
static int bench_only = -1;	/* -g: one corpus category */
/* Pictures zbar read and our schedule did not: what to look at next. */
static int bench_zonly[CORPUS_SIZE], bench_nzonly;

static int
bench_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
bench_die(const char *what)
{
	fprintf(stderr, "bench-decode: %s\n", what);
	exit(1);
}

#ifdef HAVE_ZBAR
static zbar_image_scanner_t *bench_zbar;

static void
bench_zbar_init(void)
{
	if ((bench_zbar = zbar_image_scanner_create()) == NULL)
		bench_die("zbar_image_scanner_create");
	zbar_image_scanner_set_config(bench_zbar, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
	zbar_image_scanner_set_config(bench_zbar, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
	zbar_image_scanner_set_config(bench_zbar, ZBAR_CODE128, ZBAR_CFG_ENABLE, 1);
	/* The same chance as our try_invert. */
	zbar_image_scanner_set_config(bench_zbar, ZBAR_NONE,
	    ZBAR_CFG_TEST_INVERTED, 1);
}

/* 1 if zbar finds want (NULL: anything) in img, else 0. */
static int
bench_zbar_find(const struct image *img, const char *want)
{
	zbar_image_t		*zi;
	const zbar_symbol_t	*s;
	int			 hit = 0;

	if ((zi = zbar_image_create()) == NULL)
		bench_die("zbar_image_create");
	zbar_image_set_format(zi, zbar_fourcc('Y', '8', '0', '0'));
	zbar_image_set_size(zi, (unsigned)img->width, (unsigned)img->height);
	zbar_image_set_data(zi, img->gray, (unsigned long)img->width * img->height,
	    NULL);
	if (zbar_scan_image(bench_zbar, zi) > 0) {
		for (s = zbar_image_first_symbol(zi); s != NULL;
		    s = zbar_symbol_next(s))
			if (want == NULL ||
			    (zbar_symbol_get_data_length(s) == strlen(want) &&
			    memcmp(zbar_symbol_get_data(s), want, strlen(want)) == 0))
				hit = 1;
	}
	zbar_image_destroy(zi);
	return hit;
}
#endif

/* 1 if the decoder finds want (NULL: anything) in img, else 0. */
static int
bench_find(const struct bench_dec *d, const struct image *img, const char *want)
{
	struct decode_result	 res[DECODE_MAX_RESULTS];
	struct err		 e;
	size_t			 n, i;

#ifdef HAVE_ZBAR
	if (d->zbar)
		return bench_zbar_find(img, want);
#endif
	if (d->worker) {
		struct decode_outcome oc;
		struct decode_job job;

		decode_job_fast(&job);
		job.opts = d->o;
		if (decode_worker_frame(bench_worker, d->yuyv ?
		    bench_yuyv_of(img) : img->gray, img->width, img->height,
		    img->width * (1 + d->yuyv), 1 + d->yuyv, &job, res,
		    DECODE_MAX_RESULTS, &n, &oc, &e) != 0)
			bench_die(e.detail);
		bench_worker_cpu = oc.cpu_ms;
	} else if (decode_gray(img->gray, img->width, img->height, img->width,
	    1, &d->o, res, DECODE_MAX_RESULTS, &n, &e) != 0)
		bench_die(e.detail);
	for (i = 0; i < n; i++)
		if (want == NULL || (res[i].len == strlen(want) &&
		    memcmp(res[i].bytes, want, res[i].len) == 0))
			return 1;
	return 0;
}

/* Pastes code into a fresh cluttered frame at a place chosen by seed; the whole
 * frame gets a camera's slight blur and sensor noise. */
static void
bench_frame_with(const struct image *code, uint32_t seed, struct image *f)
{
	uint32_t	st = seed * 2654435761u + 1;
	int		x, y;

	if (imgtool_clutter(FRAME_W, FRAME_H, seed, f) != 0)
		bench_die("out of memory");
	if (code != NULL) {
		x = (int)(imgtool_rand(&st) % (unsigned)(FRAME_W - code->width));
		y = (int)(imgtool_rand(&st) % (unsigned)(FRAME_H - code->height));
		imgtool_paste(f, code, x, y);
	}
	if (imgtool_blur(f, 0.7) != 0)
		bench_die("out of memory");
	imgtool_noise(f, 4, seed + 7);
}

static void
bench_codes(struct image *qr, struct image *c128)
{
	struct err	e;

	if (image_from_qr(bench_qr_text, 4, 4, qr, &e) != 0 ||
	    image_from_code128(bench_c128_text, 3, 80, c128, &e) != 0)
		bench_die(e.detail);
}

/* Median of t[0..n), which it sorts. */
static double
bench_median(double *t, int n)
{
	qsort(t, (size_t)n, sizeof *t, bench_cmp);
	return n > 0 ? t[n / 2] : 0;
}

/* Per frame kind: CPU ms (median, p90; through the worker, its CPU time
 * added), wall ms (median) and how often the code was found. */
static void
bench_timing(const struct bench_dec *d, struct bench_frame *fr, int reps,
    double med[NKINDS])
{
	double	*t, *w, t0, c0;
	int	 k, i, r, n, found;

	if ((t = calloc((size_t)NFRAMES * reps, sizeof *t)) == NULL ||
	    (w = calloc((size_t)NFRAMES * reps, sizeof *w)) == NULL)
		bench_die("out of memory");
	printf("%-24s", d->name);
	for (k = 0; k < NKINDS; k++) {
		n = found = 0;
		for (i = 0; i < NFRAMES * NKINDS; i++) {
			if (fr[i].kind != (enum bench_kind)k)
				continue;
			if (d->yuyv)
				(void)bench_yuyv_of(&fr[i].img);
			for (r = 0; r < reps; r++) {
				bench_worker_cpu = 0;
				t0 = clock_ms(CLOCK_MONOTONIC);
				/* CPU time of this thread: on a machine
				 * others are building on, wall time measures
				 * the queue for the processor more than the
				 * decoder. */
				c0 = clock_ms(CLOCK_THREAD_CPUTIME_ID);
				found += bench_find(d, &fr[i].img, k == KIND_QR ?
				    bench_qr_text : k == KIND_C128 ?
				    bench_c128_text : NULL);
				t[n] = clock_ms(CLOCK_THREAD_CPUTIME_ID) - c0 +
				    bench_worker_cpu;
				w[n++] = clock_ms(CLOCK_MONOTONIC) - t0;
			}
		}
		med[k] = bench_median(t, n);
		printf(" %5.2f %5.2f %6.1f %3d%%", med[k], t[(n * 9) / 10],
		    bench_median(w, n), 100 * found / n);
	}
	free(t);
	free(w);
}

enum bench_tf {
	TF_PLAIN, TF_ROT90, TF_ROT180, TF_ROT270, TF_ROT15, TF_ROT40, TF_BLUR,
	TF_NOISE, TF_LOWCON, TF_INVERT, TF_SCALE2, TF_SCALE15, TF_MIX, TF_CLOSE,
	NTF
};
static const char *bench_tf_names[NTF] = {
	"plain", "rot90", "rot180", "rot270", "rot15", "rot40", "blur", "noise",
	"lowcontrast", "inverted", "2px", "1.5px", "blur+noise+low", "close-up"
};

/* Turns, blurs, adds noise or changes the contrast of a code image (already at
 * its module size) into dst. "close-up" is a phone held too near: big modules
 * out of focus. */
static void
bench_transform(const struct image *src, enum bench_tf tf, uint32_t seed,
    struct image *dst)
{
	static const int angle[NTF] = { 0, 90, 180, 270, 15, 40 };
	int		 rc = 0;

	if (tf >= TF_ROT90 && tf <= TF_ROT40)
		rc = imgtool_rotate(src, angle[tf], dst);
	else
		rc = imgtool_scale(src, 1.0, dst);
	if (rc != 0)
		bench_die("out of memory");
	switch (tf) {
	case TF_BLUR:
		rc = imgtool_blur(dst, 1.6);
		break;
	case TF_NOISE:
		imgtool_noise(dst, 35, seed);
		break;
	case TF_LOWCON:
		imgtool_contrast(dst, 100, 160);
		break;
	case TF_INVERT:
		imgtool_invert(dst);
		break;
	case TF_MIX:
		rc = imgtool_blur(dst, 1.2);
		imgtool_contrast(dst, 70, 190);
		imgtool_noise(dst, 15, seed);
		break;
	case TF_CLOSE:
		rc = imgtool_blur(dst, 4.5);
		imgtool_noise(dst, 8, seed);
		break;
	default:
		break;
	}
	if (rc != 0)
		bench_die("out of memory");
}

struct bench_case {
	struct image	 img;
	const char	*want;
	enum bench_tf	 tf;
};
#define NSEEDS	2
#define NCASES	(2 * NTF * NSEEDS)
#define SRC_PX	8	/* codes are drawn this big, then shrunk by area averaging */

static void
bench_make_cases(struct bench_case *cs)
{
	struct image	 src[2], sized, t;
	struct err	 e;
	double		 px;
	int		 tf, s, c = 0, code;

	if (image_from_qr(bench_qr_text, SRC_PX, 4, &src[0], &e) != 0 ||
	    image_from_code128(bench_c128_text, SRC_PX, 27 * SRC_PX, &src[1],
	    &e) != 0)
		bench_die(e.detail);
	for (code = 0; code < 2; code++)
		for (tf = 0; tf < NTF; tf++)
			for (s = 0; s < NSEEDS; s++) {
				/* Presented size (QR 4, Code128 3 px/module)
				 * unless the case is about small modules. */
				px = tf == TF_SCALE2 ? 2 : tf == TF_SCALE15 ? 1.5 :
				    tf == TF_CLOSE ? 2.5 * (code == 0 ? 4 : 3) :
				    code == 0 ? 4 : 3;
				if (imgtool_scale(&src[code], px / SRC_PX,
				    &sized) != 0)
					bench_die("out of memory");
				bench_transform(&sized, tf, 100 + s, &t);
				bench_frame_with(&t, 1000 + 31 * c, &cs[c].img);
				image_free(&sized);
				image_free(&t);
				cs[c].want = code == 0 ? bench_qr_text :
				    bench_c128_text;
				cs[c].tf = tf;
				c++;
			}
	image_free(&src[0]);
	image_free(&src[1]);
}

static void
bench_success(const struct bench_dec *d, const struct bench_case *cs)
{
	int	ok[NTF] = { 0 }, total = 0, i, tf;

	for (i = 0; i < NCASES; i++)
		if (bench_find(d, &cs[i].img, cs[i].want)) {
			ok[cs[i].tf]++;
			total++;
		}
	printf(" %3d/%d ", total, NCASES);
	for (tf = 0; tf < NTF; tf++)
		printf(" %d", ok[tf]);
	printf("\n");
}

/* --- The generated corpus: ours, zbar and each pass, per category. --- */

struct bench_tally {
	int	 n, ours, zbar, either, wrong_ours, wrong_zbar;
	int	 pass[DECODE_NPASSES], hit[DECODE_NPASSES];
	double	 ms[CORPUS_PER_CAT];
};

/* What each picture gave, for the greedy order at the end. */
struct bench_pic {
	unsigned	 read;		/* bits 1 << pass */
	double		 ms[DECODE_NPASSES];
	int		 big;		/* above 4 MP: the other schedule */
};

#ifdef HAVE_ZBAR
/* How many of the picture's codes zbar finds; *wrong counts the others. */
static int
bench_zbar_corpus(const struct corpus_pic *pic, int *wrong)
{
	struct decode_result	 res[DECODE_MAX_RESULTS];
	const zbar_symbol_t	*s;
	zbar_image_t		*zi;
	size_t			 n = 0;

	if ((zi = zbar_image_create()) == NULL)
		bench_die("zbar_image_create");
	zbar_image_set_format(zi, zbar_fourcc('Y', '8', '0', '0'));
	zbar_image_set_size(zi, (unsigned)pic->img.width,
	    (unsigned)pic->img.height);
	zbar_image_set_data(zi, pic->img.gray,
	    (unsigned long)pic->img.width * pic->img.height, NULL);
	if (zbar_scan_image(bench_zbar, zi) > 0)
		for (s = zbar_image_first_symbol(zi); s != NULL && n <
		    DECODE_MAX_RESULTS; s = zbar_symbol_next(s)) {
			unsigned len = zbar_symbol_get_data_length(s);
			if (len > DECODE_MAX_BYTES)
				continue;
			res[n].format = zbar_symbol_get_type(s) == ZBAR_QRCODE ?
			    DECODE_QR : DECODE_CODE128;
			res[n].len = len;
			memcpy(res[n].bytes, zbar_symbol_get_data(s), len);
			n++;
		}
	zbar_image_destroy(zi);
	return corpus_found(pic, res, n, wrong);
}
#endif

/* Decodes pic through the worker with job; 1 if one of its codes was read. */
static int
bench_worker_read(const struct corpus_pic *pic, const struct decode_job *job,
    int *wrong, int *hit, double *ms)
{
	struct decode_result	res[DECODE_MAX_RESULTS];
	struct decode_outcome	oc;
	struct err		e;
	size_t			n;
	double			t0 = clock_ms(CLOCK_MONOTONIC);
	int			rc;

	rc = decode_worker_frame(bench_worker, pic->img.gray, pic->img.width,
	    pic->img.height, pic->img.width, 1, job, res, DECODE_MAX_RESULTS, &n,
	    &oc, &e);
	*ms = clock_ms(CLOCK_MONOTONIC) - t0;
	*hit = oc.hit;
	*wrong = 0;
	if (rc != 0)
		return 0;	/* crashed (the pass is counted as reading nothing) */
	return corpus_found(pic, res, n, wrong) > 0;
}

static void
bench_corpus_pic(int idx, const struct corpus_pic *pic, struct bench_tally *t,
    struct bench_pic *bp)
{
	struct decode_job job;
	int p, ok, wrong, hit, z = 0, best = 0;
	double ms;

	decode_job_still(&job);
	ok = bench_worker_read(pic, &job, &wrong, &hit, &ms);
	t->ms[t->n] = ms;
	t->ours += ok;
	t->wrong_ours += wrong;
	if (ok && hit >= 0)
		t->hit[hit]++;
	if (ok && hit > 0 && bench_nheavy[hit] < 6)
		bench_heavy[hit][bench_nheavy[hit]++] = idx;
	memset(bp, 0, sizeof *bp);
	bp->big = (long long)pic->img.width * pic->img.height > 4000000;
	for (p = 0; p < DECODE_NPASSES; p++) {
		if (!decode_pass_fits((enum decode_pass)p, pic->img.width,
		    pic->img.height))
			continue;
		decode_job_fast(&job);
		job.pass = p;
		if (bench_worker_read(pic, &job, &wrong, &hit, &bp->ms[p])) {
			bp->read |= 1u << p;
			t->pass[p]++;
			best = 1;
		}
	}
#ifdef HAVE_ZBAR
	z = bench_zbar_corpus(pic, &wrong) > 0;
	t->zbar += z;
	t->wrong_zbar += wrong;
	if (z && !ok)
		bench_zonly[bench_nzonly++] = idx;
#endif
	t->either += z || best;
	t->n++;
}

static void
bench_corpus_row(const char *name, struct bench_tally *t)
{
	int p, best = 0;

	for (p = 0; p < DECODE_NPASSES; p++)
		if (t->pass[p] > t->pass[best])
			best = p;
	qsort(t->ms, (size_t)t->n, sizeof t->ms[0], bench_cmp);
	printf("%-14s %3d %4d %4d %4d %-6s %4d ", name, t->n, t->ours, t->zbar,
	    t->pass[best], decode_pass_name((enum decode_pass)best), t->either);
	for (p = 0; p < DECODE_NPASSES; p++)
		printf(" %3d", t->pass[p]);
	printf("  %6.0f %6.0f  %d/%d\n", t->ms[t->n / 2], t->ms[t->n - 1],
	    t->wrong_ours, t->wrong_zbar);
}

/* The greedy order: each time the pass that reads the most pictures the chosen
 * ones missed, per millisecond it costs over the pictures it is tried on. */
static void
bench_corpus_order(const struct bench_pic *bp, int n, int big)
{
	unsigned used = 0;
	int *done = calloc((size_t)n, sizeof *done), i, p, k, best, gain;
	double cost, score, bs;

	if (done == NULL)
		bench_die("out of memory");
	printf("greedy order, %s pictures (new reads / total ms over the pictures"
	    " still unread):", big ? "big (> 4 MP)" : "other");
	for (i = 0; i < n; i++)
		done[i] = bp[i].big != big;
	for (k = 0; k < DECODE_NPASSES; k++) {
		best = -1;
		bs = -1;
		for (p = 0; p < DECODE_NPASSES; p++) {
			if (used & (1u << p))
				continue;
			gain = 0;
			cost = 0;
			for (i = 0; i < n; i++) {
				if (done[i])
					continue;
				cost += bp[i].ms[p];
				gain += (bp[i].read >> p) & 1;
			}
			score = gain / (cost + 1);
			if (score > bs) {
				bs = score;
				best = p;
			}
		}
		used |= 1u << best;
		gain = 0;
		for (i = 0; i < n; i++)
			if (!done[i] && ((bp[i].read >> best) & 1)) {
				done[i] = 1;
				gain++;
			}
		printf(" %s(+%d)", decode_pass_name((enum decode_pass)best), gain);
	}
	printf("\n");
	free(done);
}

static void
bench_corpus(int step)
{
	struct bench_tally	 cat[CORPUS_NCATS], all;
	struct bench_pic	*bp;
	struct corpus_pic	 pic;
	int			 i, c, p, np = 0;
	double			 pms[DECODE_NPASSES][CORPUS_SIZE];
	int			 pn[DECODE_NPASSES] = { 0 };

	memset(cat, 0, sizeof cat);
	memset(&all, 0, sizeof all);
	if ((bp = calloc(CORPUS_SIZE, sizeof *bp)) == NULL)
		bench_die("out of memory");
	for (i = 0; i < CORPUS_SIZE; i += step) {
		if (bench_only >= 0 && i / CORPUS_PER_CAT != bench_only)
			continue;
		if (corpus_make(i, &pic) != 0)
			bench_die("corpus picture");
		bench_corpus_pic(i, &pic, &cat[pic.cat], &bp[np]);
		for (p = 0; p < DECODE_NPASSES; p++)
			if (bp[np].ms[p] > 0)
				pms[p][pn[p]++] = bp[np].ms[p];
		np++;
		image_free(&pic.img);
	}
	printf("\ngenerated corpus: %d pictures, %d categories (tests/corpus.c); "
	    "read = one of the picture's codes, exact.\nours = the still "
	    "schedule through the worker; best = ZXing's best single pass; "
	    "either = zbar or best\n", np, CORPUS_NCATS);
	printf("%-14s %3s %4s %4s %4s %-6s %4s ", "category", "n", "ours", "zbar",
	    "best", "", "eith");
	for (p = 0; p < DECODE_NPASSES; p++)
		printf(" %3.3s", decode_pass_name((enum decode_pass)p));
	printf("  %6s %6s  %s\n", "ms med", "max", "misreads ours/zbar");
	for (c = 0; c < CORPUS_NCATS; c++) {
		if (cat[c].n == 0)
			continue;
		for (p = 0; p < DECODE_NPASSES; p++) {
			all.pass[p] += cat[c].pass[p];
			all.hit[p] += cat[c].hit[p];
		}
		all.ours += cat[c].ours;
		all.zbar += cat[c].zbar;
		all.either += cat[c].either;
		all.wrong_ours += cat[c].wrong_ours;
		all.wrong_zbar += cat[c].wrong_zbar;
		bench_corpus_row(corpus_cat_name((enum corpus_cat)c), &cat[c]);
	}
	printf("%-14s %3d %4d %4d %4s %-6s %4d ", "all", np, all.ours, all.zbar,
	    "", "", all.either);
	for (p = 0; p < DECODE_NPASSES; p++)
		printf(" %3d", all.pass[p]);
	printf("  misreads %d/%d\nours, read by pass:", all.wrong_ours,
	    all.wrong_zbar);
	for (p = 0; p < DECODE_NPASSES; p++)
		printf(" %s %d", decode_pass_name((enum decode_pass)p), all.hit[p]);
	printf("\nmedian ms a pass (through the worker):");
	for (p = 0; p < DECODE_NPASSES; p++) {
		qsort(pms[p], (size_t)pn[p], sizeof pms[p][0], bench_cmp);
		printf(" %s %.0f", decode_pass_name((enum decode_pass)p),
		    pn[p] ? pms[p][pn[p] / 2] : 0.0);
	}
	printf("\n");
	printf("pictures read first by a heavier pass:");
	for (p = 1; p < DECODE_NPASSES; p++)
		for (c = 0; c < bench_nheavy[p]; c++)
			printf(" %d:%s", bench_heavy[p][c],
			    decode_pass_name((enum decode_pass)p));
	printf("\nread by zbar, not by ours:");
	for (i = 0; i < bench_nzonly; i++)
		printf(" %d", bench_zonly[i]);
	printf("\n");
	bench_corpus_order(bp, np, 0);
	bench_corpus_order(bp, np, 1);
	free(bp);
}

/* --- A camera at 30 frames a second: the fast pass on every frame through
 * the worker, the heavier passes beside it (decode-heavy.h). --- */

static volatile int bench_heavy_found;

static void
bench_heavy_cb(const struct decode_result *r, size_t n, enum decode_pass p,
    void *arg)
{
	(void)r;
	(void)n;
	(void)p;
	(void)arg;
	bench_heavy_found++;
}

static void
bench_camera(struct bench_frame *fr, int seconds, int share)
{
	struct decode_heavy_stats	 st;
	struct decode_heavy		*h;
	struct decode_result		 res[DECODE_MAX_RESULTS];
	struct decode_outcome		 oc;
	struct decode_job		 job;
	struct err			 e;
	double				*t[NKINDS], t0, next, end;
	int				 nt[NKINDS] = { 0 }, i = 0, k, p, cap;
	size_t				 n;

	cap = seconds * 30 + 1;
	for (k = 0; k < NKINDS; k++)
		if ((t[k] = calloc((size_t)cap, sizeof *t[k])) == NULL)
			bench_die("out of memory");
	decode_job_fast(&job);
	if (decode_heavy_start(&job.opts, share, bench_heavy_cb, NULL, &h,
	    &e) != 0)
		bench_die(e.detail);
	next = clock_ms(CLOCK_MONOTONIC);
	end = next + seconds * 1000.0;
	/* Mostly empty frames, as a counter camera sees; every sixth holds a
	 * code. */
	while (clock_ms(CLOCK_MONOTONIC) < end) {
		struct bench_frame *f = &fr[(i % 6 == 5 ? (i / 6) % (2 * NFRAMES) :
		    2 * NFRAMES + i % NFRAMES)];
		t0 = clock_ms(CLOCK_MONOTONIC);
		if (decode_worker_frame(bench_worker, f->img.gray, FRAME_W, FRAME_H,
		    FRAME_W, 1, &job, res, DECODE_MAX_RESULTS, &n, &oc, &e) != 0)
			bench_die(e.detail);
		if (n == 0)
			decode_heavy_offer(h, f->img.gray, FRAME_W, FRAME_H, FRAME_W,
			    1);
		t[f->kind][nt[f->kind]++] = clock_ms(CLOCK_MONOTONIC) - t0;
		i++;
		next += 1000.0 / 30;
		while (clock_ms(CLOCK_MONOTONIC) < next)
			usleep(1000);
	}
	decode_heavy_stats(h, &st);
	decode_heavy_stop(h);
	printf("\ncamera, %d s at 30 frames a second (%d frames), heavier passes "
	    "beside at %d%% of a core:\n  fast pass through the worker, ms "
	    "(median, p90):", seconds, i, share);
	for (k = 0; k < NKINDS; k++) {
		qsort(t[k], (size_t)nt[k], sizeof t[k][0], bench_cmp);
		printf(" %s %.2f %.2f;", bench_kind_names[k], nt[k] ?
		    t[k][nt[k] / 2] : 0, nt[k] ? t[k][(nt[k] * 9) / 10] : 0);
		free(t[k]);
	}
	printf("\n  heavier passes: %d run on %d frames taken, %.0f%% of a core "
	    "(%.0f of %.0f ms), %.1f passes a second; found:", st.passes,
	    st.taken, 100 * st.busy_ms / st.wall_ms, st.busy_ms, st.wall_ms,
	    st.passes * 1000 / st.wall_ms);
	for (p = 0; p < DECODE_NPASSES; p++)
		if (st.reads[p] > 0)
			printf(" %s %d", decode_pass_name((enum decode_pass)p),
			    st.reads[p]);
	printf("\n");
}

static void
bench_unpin_cpu(void)
{
	cpu_set_t	set;
	long		i, n = sysconf(_SC_NPROCESSORS_ONLN);

	CPU_ZERO(&set);
	for (i = 0; i < n && i < CPU_SETSIZE; i++)
		CPU_SET(i, &set);
	(void)sched_setaffinity(0, sizeof set, &set);
}

static void
bench_pin_cpu(void)
{
	cpu_set_t	set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	if (sched_setaffinity(0, sizeof set, &set) != 0)
		fprintf(stderr, "bench-decode: not pinned to one CPU\n");
}

int
main(int argc, char **argv)
{
	struct bench_frame	 fr[NFRAMES * NKINDS];
	struct bench_case	*cs;
	struct bench_dec	 decs[20], *d;
	double			 med[20][NKINDS];
	struct image		 qr, c128;
	struct err		 e;
	int			 reps = 15, ch, nd = 0, i, tf, step = 1, quick = 0;

	while ((ch = getopt(argc, argv, "n:c:g:q")) != -1) {
		if (ch == 'g' || ch == 'q') {
			if (ch == 'g')
				bench_only = atoi(optarg);
			quick |= ch == 'q';
			continue;
		}
		if ((ch != 'n' && ch != 'c') || atoi(optarg) < 0 ||
		    (ch == 'n' && (reps = atoi(optarg)) < 1)) {
			fprintf(stderr, "usage: bench-decode [-n REPEATS] "
			    "[-c CORPUS-STEP (0: no corpus)] [-g CATEGORY] [-q]\n");
			return 2;
		}
		if (ch == 'c')
			step = atoi(optarg);
	}
	bench_pin_cpu();
	if (decode_worker_start(&bench_worker, &e) != 0)
		bench_die(e.detail);

	memset(decs, 0, sizeof decs);
	decs[nd].name = "ours (default)";
	decode_opts_default(&decs[nd++].o);
	bench_variant(decs, &nd, 0, "  through the worker")->worker = 1;
	bench_variant(decs, &nd, 1, "   from a YUYV frame")->yuyv = 1;
	if (quick)
		goto peer;
	d = bench_variant(decs, &nd, 0, "  all counter formats");
	d->o.formats = DECODE_COUNTER_FORMATS;
	d = bench_variant(decs, &nd, 0, "  flip try_harder");
	d->o.try_harder = !decs[0].o.try_harder;
	d = bench_variant(decs, &nd, 0, "  flip try_rotate");
	d->o.try_rotate = !decs[0].o.try_rotate;
	d = bench_variant(decs, &nd, 0, "  flip try_downscale");
	d->o.try_downscale = !decs[0].o.try_downscale;
	d = bench_variant(decs, &nd, 0, "  flip try_invert");
	d->o.try_invert = !decs[0].o.try_invert;
	d = bench_variant(decs, &nd, 0, "  global binarizer");
	d->o.binarizer = DECODE_BIN_GLOBAL;
	d = bench_variant(decs, &nd, 0, "  downscale factor 2");
	d->o.downscale_factor = 2;
	bench_variant(decs, &nd, 0, "  line_step 4")->o.line_step = 4;
	bench_variant(decs, &nd, 0, "  line_step 16")->o.line_step = 16;
	bench_variant(decs, &nd, 0, "  invert_shrink 1")->o.invert_shrink = 1;
	d = bench_variant(decs, &nd, 0, "  no invert, downscale");
	d->o.try_invert = 0;
	d->o.try_downscale = 0;
	d = bench_variant(decs, &nd, nd - 1, "   and global binarizer");
	d->o.binarizer = DECODE_BIN_GLOBAL;
	d = bench_variant(decs, &nd, nd - 2, "   and line_step 16");
	d->o.line_step = 16;
peer:
#ifdef HAVE_ZBAR
	bench_zbar_init();
	memset(&decs[nd], 0, sizeof decs[nd]);
	decs[nd].name = "zbar (QR+Code128)";
	decs[nd++].zbar = 1;
#endif

	bench_codes(&qr, &c128);
	for (i = 0; i < NFRAMES * NKINDS; i++) {
		fr[i].kind = (enum bench_kind)(i / NFRAMES);
		bench_frame_with(fr[i].kind == KIND_QR ? &qr : fr[i].kind ==
		    KIND_C128 ? &c128 : NULL, (uint32_t)i + 1, &fr[i].img);
	}
	printf("decode timing: %dx%d gray, %d frames x %d calls each, one CPU,"
	    " ms per call: CPU median and p90 (the worker's added), wall "
	    "median, found\n", FRAME_W, FRAME_H, NFRAMES, reps);
	printf("%-24s", "");
	for (i = 0; i < NKINDS; i++)
		printf(" %-24s", bench_kind_names[i]);
	printf("\n");
	for (i = 0; i < nd; i++) {
		bench_timing(&decs[i], fr, reps, med[i]);
		printf("\n");
	}
	/* zbar is last; decs[1] is ours through the worker, as a camera runs. */
	if (decs[nd - 1].zbar) {
		printf("zbar / ours through the worker, CPU medians:");
		for (i = 0; i < NKINDS; i++)
			printf(" %s %.1fx", bench_kind_names[i], med[nd - 1][i] /
			    med[1][i]);
		printf("\n");
	}

	if ((cs = calloc(NCASES, sizeof *cs)) == NULL)
		bench_die("out of memory");
	bench_make_cases(cs);
	printf("\nsuccess over %d transformed frames (QR %d px/module, Code128 3"
	    " px/module, %d placements each); per transform:\n", NCASES, 4,
	    NSEEDS);
	printf("%-24s %-8s", "", "total");
	for (tf = 0; tf < NTF; tf++)
		printf(" %s", bench_tf_names[tf]);
	printf("  (of %d each)\n", 2 * NSEEDS);
	for (i = 0; i < nd; i++) {
		printf("%-24s", decs[i].name);
		bench_success(&decs[i], cs);
	}

	/* The heavier passes' worker may use the other core, as in the kiosk;
	 * the fast pass's worker stays pinned with us. */
	bench_unpin_cpu();
	if (!quick)
		bench_camera(fr, 10, 30);
	bench_pin_cpu();
	if (step > 0)
		bench_corpus(step);

	for (i = 0; i < NCASES; i++)
		image_free(&cs[i].img);
	free(cs);
	for (i = 0; i < NFRAMES * NKINDS; i++)
		image_free(&fr[i].img);
	image_free(&qr);
	image_free(&c128);
#ifdef HAVE_ZBAR
	zbar_image_scanner_destroy(bench_zbar);
#endif
	decode_worker_stop(bench_worker);
	return 0;
}
