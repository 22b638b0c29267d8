/*
 * mkcorpus.c: writes pictures of the generated corpus (corpus.h) as files, for
 * the whole-program tests and for a person who wants to look at them.
 *
 * Usage: mkcorpus DIR FIRST [LAST]. Writes DIR/NNN.jpg (the corpus's JPEG
 * compression already happened; it is stored as PNG bytes under that name, so
 * the extension lies, as real photos' do) and prints a line a code:
 * "NNN CATEGORY FORMAT TEXT".
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "corpus.h"

int
main(int argc, char **argv)
{
	struct corpus_pic pic;
	struct err e;
	char path[4096];
	int first, last, i, k;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: mkcorpus DIR FIRST [LAST]\n");
		return 2;
	}
	first = atoi(argv[2]);
	last = argc == 4 ? atoi(argv[3]) : first;
	for (i = first; i <= last; i++) {
		if (corpus_make(i, &pic) != 0) {
			fprintf(stderr, "mkcorpus: picture %d cannot be made\n", i);
			return 1;
		}
		snprintf(path, sizeof path, "%s/%03d.jpg", argv[1], i);
		if (image_write_png(path, &pic.img, &e) != 0) {
			fprintf(stderr, "mkcorpus: %s\n", e.detail);
			image_free(&pic.img);
			return 1;
		}
		for (k = 0; k < pic.ncodes; k++)
			printf("%03d %s %s %s\n", i, corpus_cat_name(pic.cat),
			    decode_format_name(pic.format[k]), pic.text[k]);
		image_free(&pic.img);
	}
	return 0;
}
