/*
 * frame-private.h: the frame's state, shared by frame.c (screens, sessions),
 * frame-keys.c (the screens' key tables), frame-loop.c (the event loop's
 * handlers and the scanners) and frame-admin.c; screens use frame.h.
 */
#ifndef JSD_FRAME_PRIVATE_H
#define JSD_FRAME_PRIVATE_H

#include "footer.h"
#include "frame.h"
#include "source.h"
#include "wedge.h"

#define FRAME_STACK_MAX	8

/* The scanners jsd-kiosk was given, opened in this order. */
struct frame_sources {
	struct source_spec spec[SOURCE_MAX];
	size_t		 n;
};

struct frame {
	enum frame_mode	 mode;
	struct reg	*reg;
	const struct cfg *cfg;
	const char	*station;
	struct loop	*loop;

	struct screen	 stack[FRAME_STACK_MAX];
	int		 depth;

	struct footer	*footer;
	int		 has_fkey[13];	/* [n]: the terminal has F-key n */
	char		 status[256];
	enum tty_role status_role;
	int		 reconnecting;	/* the status is frame_retry()'s */

	struct staff	 staff;
	int		 logged_in;

	int		 idle_seconds;
	enum msg_lang	 home_lang;	/* the language an idle reset returns to */
	int64_t		 active_ms;	/* last key or scan */
	int		 countdown;	/* the idle countdown shows */
	int64_t		 countdown_end_ms;

	struct wedge	 wedge;
	int		 wedge_timer;
	struct source_set sources;

	char		 admin_pin[32];
	int		 admin_key;	/* KEY_F(n) that asks for the PIN */

	struct pinyin	*pinyin;	/* NULL: none could be made */
};

/* frame.c: every screen leaves, top first, wiping what it held. */
void	frame_leave_all(struct frame *);
/* frame-admin.c: the PIN an administrator types to leave kiosk mode. */
extern const struct screen_class frame_admin_screen;

/* frame-keys.c: the screens' key tables. */
void	frame_keys_init(struct frame *);
/* The top screen's entry for k acts; WIDGET_IGNORED if none took it. */
enum widget_result frame_keys_dispatch(struct screen *, const struct widget_key *);
/* The footer from the top screen's entries that apply now. 0 or -1. */
int	frame_keys_footer(struct frame *, struct screen *);

/* frame-loop.c */
int	frame_run(enum frame_mode, struct reg *, const struct cfg *, const char *station,
	    const struct frame_sources *);

#endif
