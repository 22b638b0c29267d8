/*
 * frame-private.h: the frame's state, shared by frame.c (screens, sessions) and
 * frame-loop.c (the event loop's handlers and the scanners); screens use frame.h.
 */
#ifndef JSD_FRAME_PRIVATE_H
#define JSD_FRAME_PRIVATE_H

#include "frame.h"
#include "source-camera.h"
#include "source-folder.h"
#include "source-serial.h"
#include "wedge.h"

#define FRAME_STACK_MAX	8

struct frame_sources {
	const char	*frames_dir;	/* image folder standing in for a camera */
	const char	*serial;	/* serial scanner tty */
	int		 serial_speed;
	const char	*camera;	/* V4L2 device */
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
	struct footer_item footer_items[FOOTER_MAX_ITEMS];
	size_t		 nfooter;
	char		 status[256];
	enum tty_role status_role;

	struct staff	 staff;
	int		 logged_in;

	int		 idle_seconds;
	enum msg_lang	 home_lang;	/* the language an idle reset returns to */
	int64_t		 active_ms;	/* last key or scan */
	int		 countdown;	/* the idle countdown shows */
	int64_t		 countdown_end_ms;

	struct wedge	 wedge;
	int		 wedge_timer;
	struct srcser	 serial;
	int		 serial_open;
	struct srcdir	 frames;
	int		 frames_open;
	struct srccam	*camera;

	char		 admin_pin[32];
	int		 admin_key;	/* KEY_F(n) that asks for the PIN */
};

/* frame.c: every screen leaves, top first, wiping what it held. */
void	frame_leave_all(struct frame *);
/* frame-admin.c: the PIN an administrator types to leave kiosk mode. */
extern const struct screen_class screen_admin;

/* frame-loop.c */
int	frame_run(enum frame_mode, struct reg *, const struct cfg *, const char *station,
	    const struct frame_sources *);

#endif
