/* err.c: filling struct err; see err.h. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "err.h"

void
err_clear(struct err *e)
{
	e->kind = ERR_OK;
	e->field = NULL;
	e->key = NULL;
	e->detail[0] = '\0';
}

/* Returns -1 so callers can write "return err_set(...)". */
int
err_set(struct err *e, enum err_kind kind, const char *field, const char *key,
    const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return -1;
	e->kind = kind;
	e->field = field;
	e->key = key;
	e->detail[0] = '\0';
	if (fmt != NULL) {
		va_start(ap, fmt);
		vsnprintf(e->detail, sizeof e->detail, fmt, ap);
		va_end(ap);
	}
	return -1;
}

int
err_exit_status(const struct err *e)
{
	switch (e->kind) {
	case ERR_OK:
		return 0;
	case ERR_SYSTEM:
		return 2;
	default:
		return 1;
	}
}
