/*
 * footer.c: the key-hint line. See footer.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "footer.h"
#include "tty.h"
#include "tw.h"

struct footer {
	struct widget	 super;
	char		*key[FOOTER_MAX_ITEMS];
	char		*label[FOOTER_MAX_ITEMS];
	size_t		 n;
};

static void
footer_draw(struct widget *w)
{
	struct footer	*f = (struct footer *)w;
	int		 x = w->x, end = w->x + w->w;
	size_t		 i;

	tty_fill(w->y, w->x, 1, w->w, tty_attr(TTY_FOOTER_TEXT));
	for (i = 0; i < f->n && x < end; i++) {
		if (i > 0)
			x += 2;
		/* An item is shown whole or not at all: "K 类" names nothing. */
		if (x + tw_width(f->key[i]) + 1 + tw_width(f->label[i]) > end)
			break;
		x += tty_put(w->y, x, end - x, f->key[i],
		    tty_attr(TTY_FOOTER_KEY));
		if (++x >= end)
			break;
		x += tty_put(w->y, x, end - x, f->label[i],
		    tty_attr(TTY_FOOTER_TEXT));
	}
}

static void
footer_free_items(struct footer *f)
{
	size_t	i;

	for (i = 0; i < f->n; i++) {
		free(f->key[i]);
		free(f->label[i]);
	}
	f->n = 0;
}

static void
footer_destroy(struct widget *w)
{
	footer_free_items((struct footer *)w);
	free(w);
}

static const struct widget_class footer_class = {
	.name = "footer",
	.draw = footer_draw,
	.destroy = footer_destroy,
};

struct footer *
footer_new(void)
{
	struct footer	*f;

	if ((f = calloc(1, sizeof *f)) == NULL)
		return NULL;
	widget_init(&f->super, &footer_class);
	f->super.h = 1;
	return f;
}

struct widget *
footer_widget(struct footer *f)
{
	return &f->super;
}

int
footer_set(struct footer *f, const struct footer_item *items, size_t n)
{
	size_t	i;

	footer_free_items(f);
	for (i = 0; i < n && i < FOOTER_MAX_ITEMS; i++) {
		f->key[i] = strdup(items[i].key);
		f->label[i] = strdup(items[i].label);
		f->n++;
		if (f->key[i] == NULL || f->label[i] == NULL) {
			footer_free_items(f);
			return -1;
		}
	}
	return 0;
}
