/*
 * corpus.h: the generated photo corpus for the decoding tests and benchmark.
 *
 * Pictures that look like phone photos of the codes this project issues (the
 * presented QR signed by a registry key, the Code128 barcode, a claim token QR),
 * drawn by the project's own code makers and put through imgtool.c's camera
 * effects: perspective, lens distortion, motion and focus blur, JPEG, uneven
 * light, glare, a phone screen's pixel grid, crumpled paper, small codes in
 * 12-megapixel photos, codes filling the frame, inverted screens, several codes
 * at once. Picture i is the same on every run and machine (seeded; nothing is
 * stored), so the corpus is a number, not a folder of files.
 */
#ifndef JSD_CORPUS_H
#define JSD_CORPUS_H

#include "decode.h"
#include "image.h"

enum corpus_cat {
	CORPUS_PERSPECTIVE, CORPUS_BARREL, CORPUS_MOTION, CORPUS_FOCUS,
	CORPUS_JPEG, CORPUS_LIGHT, CORPUS_GLARE, CORPUS_SCREEN, CORPUS_PAPER,
	CORPUS_SMALL_BIG, CORPUS_FILL, CORPUS_INVERTED, CORPUS_SEVERAL,
	CORPUS_NCATS
};
#define CORPUS_PER_CAT	24
#define CORPUS_SIZE	(CORPUS_NCATS * CORPUS_PER_CAT)
#define CORPUS_MAX_CODES 3
#define CORPUS_TEXT_MAX	160

struct corpus_pic {
	struct image		 img;
	enum corpus_cat		 cat;
	int			 ncodes;
	enum decode_format	 format[CORPUS_MAX_CODES];
	char			 text[CORPUS_MAX_CODES][CORPUS_TEXT_MAX];
};

/* "perspective", "barrel", ... */
const char	*corpus_cat_name(enum corpus_cat);
/* Makes picture i (0 <= i < CORPUS_SIZE): category i / CORPUS_PER_CAT, getting
 * harder with i % CORPUS_PER_CAT. -1 on a bad index or no memory. The caller
 * frees pic->img with image_free(). */
int	corpus_make(int i, struct corpus_pic *pic);
/* How many of the picture's codes are among the results (exact payload and
 * format); *wrong counts results that are none of them (misreads). */
int	corpus_found(const struct corpus_pic *, const struct decode_result *,
	    size_t n, int *wrong);

#endif
