/*
 * err.h: how core functions report failure.
 *
 * Every fallible core function returns 0 on success or -1 on failure and fills a
 * caller-owned struct err. The kind decides what a front end does (jsdctl's exit
 * status: 1 for input/rule/notfound/conflict, 2 for usage/system); field names the
 * form field at fault so a screen can show the message under it; key is a message
 * key translated through msg_get() (assets/i18n); detail carries technical context
 * (an SQLite message, a path) that is never personal data.
 */
#ifndef JSD_ERR_H
#define JSD_ERR_H

enum err_kind {
	ERR_OK = 0,
	ERR_INPUT,	/* a value failed validation */
	ERR_RULE,	/* a rule of the system refused the action */
	ERR_NOTFOUND,	/* the thing named does not exist */
	ERR_CONFLICT,	/* it exists already, or changed under us */
	ERR_SYSTEM,	/* database, file or network failure */
};

struct err {
	enum err_kind	 kind;
	const char	*field;		/* static string or NULL */
	const char	*key;		/* static message key or NULL */
	char		 detail[256];
};

void	err_clear(struct err *);
int	err_set(struct err *, enum err_kind, const char *field, const char *key,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int	err_exit_status(const struct err *);

#endif
