/*
 * corpus.c: the generated photo corpus; see corpus.h.
 *
 * A picture is made in three steps, as a photo is: a sheet (the code drawn by
 * image_from_qr()/image_from_code128() with a margin of paper, or of screen with
 * a dark bezel), placed in a scene (a cluttered desk, imgtool_clutter()) through
 * a camera's projection (the sheet turned and tilted in 3D, then projected with
 * a phone's focal length), then the optics and the sensor (blur, light, noise,
 * JPEG). Each category pushes one of these hard and keeps the others at what an
 * ordinary photo has; the difficulty grows with the picture's rank in its
 * category. Payloads are real: the presented QR is signed with pcode_encode()
 * under a key made from a fixed seed, the barcode has its Damm check digit.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "code.h"
#include "corpus.h"
#include "imgtool.h"
#include "pcode.h"

static const char *const corpus_names[CORPUS_NCATS] = {
	"perspective", "barrel", "motion", "focus", "jpeg", "light", "glare",
	"screen", "paper", "small-in-12MP", "fill", "inverted", "several",
};

const char *
corpus_cat_name(enum corpus_cat c)
{
	return (int)c >= 0 && c < CORPUS_NCATS ? corpus_names[c] : "?";
}

/* A uniform double in [lo, hi). */
static double
corpus_uni(uint32_t *st, double lo, double hi)
{
	return lo + (hi - lo) * (imgtool_rand(st) % 100000) / 100000.0;
}

/* The payload of code kind k (0 presented QR, 1 barcode, 2 claim token QR). */
static int
corpus_payload(int k, uint32_t *st, char *text, enum decode_format *f)
{
	static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	unsigned char seed[crypto_sign_SEEDBYTES], pk[32], sk[64];
	struct pcode pc;
	size_t i;

	if (k == 0) {
		memset(seed, 0x5a, sizeof seed);
		if (crypto_sign_seed_keypair(pk, sk, seed) != 0)
			return -1;
		memset(&pc, 0, sizeof pc);
		pc.key_id = 1;
		pc.cert_id = imgtool_rand(st) % 100000;
		pc.holder_id = imgtool_rand(st) % 1000000;
		pc.role = (uint8_t)(imgtool_rand(st) % 3);
		pc.issued = 1767225600u + imgtool_rand(st) % 86400;
		pc.lifetime = PCODE_LIFETIME;
		for (i = 0; i < sizeof pc.nonce; i++)
			pc.nonce[i] = (uint8_t)imgtool_rand(st);
		*f = DECODE_QR;
		return pcode_encode(&pc, sk, text, CORPUS_TEXT_MAX);
	}
	if (k == 1) {
		for (i = 0; i + 1 < CODE_BARCODE_LEN; i++)
			text[i] = (char)('0' + imgtool_rand(st) % 10);
		text[i] = '\0';
		text[i] = (char)code_damm_check(text);
		text[i + 1] = '\0';
		*f = DECODE_CODE128;
		return 0;
	}
	memcpy(text, "JSD:C:", 6);
	for (i = 6; i < CODE_TOKEN_LEN; i++)
		text[i] = b32[imgtool_rand(st) % 32];
	text[i] = '\0';
	*f = DECODE_QR;
	return 0;
}

/* The code on its sheet: module px of 6 (QR) or 4 (Code128), with a margin of
 * paper a fifth of its size each side; a screen has a black bezel around that,
 * and an inverted screen's code is light on dark inside the bezel. */
static int
corpus_sheet(const char *text, enum decode_format f, int screen, int invert,
    struct image *sheet)
{
	struct image code, inner;
	int m, b;

	if ((f == DECODE_QR ? image_from_qr(text, 6, 4, &code, NULL) :
	    image_from_code128(text, 4, 4 * 40, &code, NULL)) != 0)
		return -1;
	m = code.width / 5;
	b = screen ? code.width / 10 : 0;
	if (image_alloc(&inner, code.width + 2 * m, code.height + 2 * m,
	    NULL) != 0 || image_alloc(sheet, inner.width + 2 * b, inner.height +
	    2 * b, NULL) != 0) {
		image_free(&code);
		image_free(&inner);
		return -1;
	}
	imgtool_paste(&inner, &code, m, m);
	if (invert)
		imgtool_invert(&inner);
	if (screen)
		memset(sheet->gray, 12, (size_t)sheet->width * sheet->height);
	imgtool_paste(sheet, &inner, b, b);
	image_free(&code);
	image_free(&inner);
	return 0;
}

/* Where a sheet lands: centre, width on the photo, turn, and tilt in 3D. */
struct corpus_pose {
	double	cx, cy, width, turn, tilt, axis;
};

/* The sheet's corners on the photo: the sheet turned by tilt about an axis in
 * its plane, projected with a focal length of 1.2 photo widths, then turned. */
static void
corpus_quad(const struct image *sheet, const struct corpus_pose *p, double fl,
    double q[8])
{
	double	s = p->width / sheet->width, hw = sheet->width * s / 2;
	double	hh = sheet->height * s / 2;
	double	ax = cos(p->axis), ay = sin(p->axis), ct = cos(p->tilt);
	double	st = sin(p->tilt), cr = cos(p->turn), sr = sin(p->turn);
	const double c[4][2] = { { -hw, -hh }, { hw, -hh }, { hw, hh }, { -hw, hh } };
	int	i;

	for (i = 0; i < 4; i++) {
		double x = c[i][0], y = c[i][1];
		double d = x * ax + y * ay;	/* along the axis: unmoved */
		double px = x - d * ax, py = y - d * ay;	/* across it */
		double rx = d * ax + px * ct, ry = d * ay + py * ct;
		double z = hypot(px, py) * st * (px * -ay + py * ax >= 0 ? 1 : -1);
		double k = fl / (fl + z);

		rx *= k;
		ry *= k;
		q[2 * i] = p->cx + rx * cr - ry * sr;
		q[2 * i + 1] = p->cy + rx * sr + ry * cr;
	}
}

/* Curved or crumpled paper: the homography, then waves in the sheet. */
struct corpus_bend {
	double	hm[9];
	double	amp, wave, phase, crumple;
};

static void
corpus_map_bend(double x, double y, double *sx, double *sy, void *arg)
{
	const struct corpus_bend *b = arg;
	double u, v;

	imgtool_map_homography(x, y, &u, &v, (void *)b->hm);
	*sx = u + b->crumple * sin(v / (b->wave * 0.37) + b->phase * 2);
	*sy = v + b->amp * sin(u / b->wave + b->phase) +
	    b->crumple * sin(u / (b->wave * 0.29) + b->phase * 3);
}

static int
corpus_place(struct image *photo, const struct image *sheet,
    const struct corpus_pose *p, double amp, double crumple)
{
	struct corpus_bend b;
	double q[8];

	corpus_quad(sheet, p, 1.2 * photo->width, q);
	if (imgtool_homography(q, sheet->width, sheet->height, b.hm) != 0)
		return -1;
	b.amp = amp * sheet->width;
	b.wave = sheet->width / 3.0;
	b.phase = p->turn;
	b.crumple = crumple * sheet->width;
	imgtool_warp(photo, sheet, corpus_map_bend, &b);
	return 0;
}

/* Everything about one picture that its category and rank decide. */
struct corpus_plan {
	int	w, h, ncodes, screen, invert, jpeg_q;
	double	code_w, tilt, turn, focus, motion, noise, barrel;
	double	light, shadow, glare, amp, crumple, pitch;
};

static void
corpus_plan(enum corpus_cat c, double r, uint32_t *st, struct corpus_plan *p)
{
	memset(p, 0, sizeof *p);
	/* An ordinary photo: 1280x960, a code a third of it wide, turned
	 * anyhow, tilted a little, in focus, JPEG at 85. */
	p->w = 1280;
	p->h = 960;
	p->ncodes = 1;
	p->code_w = corpus_uni(st, 300, 460);
	p->tilt = corpus_uni(st, 0, 12);
	p->turn = corpus_uni(st, -180, 180);
	p->focus = corpus_uni(st, 0.5, 0.9);
	p->noise = corpus_uni(st, 3, 6);
	p->jpeg_q = 85;
	p->light = 0.85;
	switch (c) {
	case CORPUS_PERSPECTIVE:
		p->tilt = 20 + 35 * r;
		p->code_w = corpus_uni(st, 260, 420);
		break;
	case CORPUS_BARREL:
		p->barrel = 0.08 + 0.3 * r;
		p->code_w = corpus_uni(st, 420, 620);
		break;
	case CORPUS_MOTION:
		p->motion = 3 + 12 * r;
		break;
	case CORPUS_FOCUS:
		p->focus = 1.5 + 4.5 * r;
		break;
	case CORPUS_JPEG:
		p->jpeg_q = (int)(70 - 40 * r);
		p->code_w = corpus_uni(st, 170, 260);
		break;
	case CORPUS_LIGHT:
		p->light = 0.7 - 0.45 * r;
		p->shadow = 0.3 + 0.4 * r;
		break;
	case CORPUS_GLARE:
		p->glare = 120 + 200 * r;
		break;
	case CORPUS_SCREEN:
		p->screen = 1;
		p->pitch = corpus_uni(st, 1.6, 3.4);
		p->focus = corpus_uni(st, 0.4, 0.8);
		break;
	case CORPUS_PAPER:
		p->amp = 0.02 + 0.06 * r;
		p->crumple = 0.003 + 0.012 * r;
		p->shadow = 0.2 + 0.3 * r;
		break;
	case CORPUS_SMALL_BIG:
		p->w = 4000;
		p->h = 3000;
		p->code_w = 420 - 250 * r;
		p->focus = corpus_uni(st, 0.8, 1.6);
		break;
	case CORPUS_FILL:
		p->w = p->h = 900;
		p->code_w = 900 * (1.0 + 0.25 * r);
		p->tilt = corpus_uni(st, 0, 8);
		p->turn = corpus_uni(st, -8, 8);
		break;
	case CORPUS_INVERTED:
		p->screen = p->invert = 1;
		p->pitch = corpus_uni(st, 1.8, 3.0);
		p->code_w = corpus_uni(st, 260, 460);
		break;
	case CORPUS_SEVERAL:
		p->ncodes = 2 + (r > 0.5);
		p->code_w = corpus_uni(st, 230, 320);
		p->tilt = corpus_uni(st, 0, 25);
		break;
	default:
		break;
	}
	(void)r;
}

/* The optics and the sensor, in the order light goes through them. */
static int
corpus_camera(struct image *photo, const struct corpus_plan *p, uint32_t *st,
    uint32_t seed)
{
	struct image bent;

	if (p->barrel > 0) {
		if (imgtool_barrel(photo, p->barrel, &bent) != 0)
			return -1;
		image_free(photo);
		*photo = bent;
	}
	imgtool_light(photo, p->light, 1.1, corpus_uni(st, 0, 360), p->shadow,
	    seed);
	if (imgtool_blur(photo, p->focus) != 0 ||
	    imgtool_motion(photo, p->motion, corpus_uni(st, 0, 180)) != 0)
		return -1;
	imgtool_noise(photo, (int)p->noise, seed + 1);
	return imgtool_jpeg(photo, p->jpeg_q);
}

/* The centre of code k of n: a grid cell for several, else anywhere it fits. */
static void
corpus_spot(const struct corpus_plan *p, int k, uint32_t *st, double *cx,
    double *cy)
{
	double m = p->code_w * 0.6;

	if (p->ncodes > 1) {
		*cx = p->w * (k + 0.5) / p->ncodes + corpus_uni(st, -20, 20);
		*cy = p->h / 2.0 + corpus_uni(st, -p->h / 6.0, p->h / 6.0);
		return;
	}
	if (p->code_w >= p->w * 0.9) {
		*cx = p->w / 2.0;
		*cy = p->h / 2.0;
		return;
	}
	*cx = corpus_uni(st, m, p->w - m);
	*cy = corpus_uni(st, m, p->h - m);
	if (*cx < m || *cx > p->w - m)
		*cx = p->w / 2.0;
	if (*cy < m || *cy > p->h - m)
		*cy = p->h / 2.0;
}

static int
corpus_compose(struct corpus_pic *pic, const struct corpus_plan *p,
    uint32_t *st, uint32_t seed)
{
	struct corpus_pose pose = { 0, 0, 0, 0, 0, 0 };
	struct image sheet;
	int k, kind;

	if (imgtool_clutter(p->w, p->h, seed, &pic->img) != 0 ||
	    imgtool_blur(&pic->img, 1.2) != 0)
		return -1;
	for (k = 0; k < p->ncodes; k++) {
		kind = (int)((seed + (uint32_t)k) % 3);
		if (corpus_payload(kind, st, pic->text[k], &pic->format[k]) != 0 ||
		    corpus_sheet(pic->text[k], pic->format[k], p->screen,
		    p->invert, &sheet) != 0)
			return -1;
		if (p->screen)
			imgtool_screen(&sheet, 30, p->pitch, corpus_uni(st, -4, 4));
		corpus_spot(p, k, st, &pose.cx, &pose.cy);
		/* Code128 is long: at 2.2 times the QR's width its modules are
		 * two thirds of the QR's, as on a printed form. */
		pose.width = p->code_w * (pic->format[k] == DECODE_CODE128 ? 2.2 : 1);
		if (pose.width > p->w * 0.95 && p->code_w < p->w * 0.9)
			pose.width = p->w * 0.95;
		if (p->ncodes > 1 && pose.width > p->w / (double)p->ncodes * 0.9)
			pose.width = p->w / (double)p->ncodes * 0.9;
		pose.turn = p->turn * M_PI / 180 + k;
		pose.tilt = p->tilt * M_PI / 180;
		pose.axis = corpus_uni(st, 0, M_PI);
		if (corpus_place(&pic->img, &sheet, &pose, p->amp, p->crumple) != 0) {
			image_free(&sheet);
			return -1;
		}
		image_free(&sheet);
		pic->ncodes = k + 1;
	}
	if (p->glare > 0)
		imgtool_glare(&pic->img, pose.cx + corpus_uni(st, -0.2, 0.2) *
		    p->code_w, pose.cy + corpus_uni(st, -0.2, 0.2) * p->code_w,
		    p->code_w * corpus_uni(st, 0.08, 0.2), p->glare);
	return corpus_camera(&pic->img, p, st, seed);
}

int
corpus_make(int i, struct corpus_pic *pic)
{
	struct corpus_plan p;
	uint32_t seed = (uint32_t)i * 2654435761u + 12345, st = seed | 1;
	int rank = i % CORPUS_PER_CAT;

	memset(pic, 0, sizeof *pic);
	if (i < 0 || i >= CORPUS_SIZE)
		return -1;
	pic->cat = (enum corpus_cat)(i / CORPUS_PER_CAT);
	corpus_plan(pic->cat, rank / (CORPUS_PER_CAT - 1.0), &st, &p);
	if (corpus_compose(pic, &p, &st, seed) != 0) {
		image_free(&pic->img);
		return -1;
	}
	return 0;
}

int
corpus_found(const struct corpus_pic *pic, const struct decode_result *r,
    size_t n, int *wrong)
{
	int found = 0, k, mine;
	size_t i;

	*wrong = 0;
	for (i = 0; i < n; i++) {
		mine = 0;
		for (k = 0; k < pic->ncodes; k++)
			if (r[i].format == pic->format[k] &&
			    r[i].len == strlen(pic->text[k]) &&
			    memcmp(r[i].bytes, pic->text[k], r[i].len) == 0)
				mine = 1;
		found += mine;
		*wrong += !mine;
	}
	return found;
}
