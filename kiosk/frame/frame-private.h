/*
 * app-private.h: the frame's state, shared by app.c (screens, sessions) and
 * app-loop.c (the event loop's handlers and the scanners); screens use app.h.
 */
#ifndef JSD_APP_PRIVATE_H
#define JSD_APP_PRIVATE_H

#include "frame.h"
#include "source-camera.h"
#include "source-folder.h"
#include "source-serial.h"
#include "wedge.h"

#define APP_STACK_MAX	8

struct app_sources {
	const char	*frames_dir;	/* image folder standing in for a camera */
	const char	*serial;	/* serial scanner tty */
	int		 serial_speed;
	const char	*camera;	/* V4L2 device */
};

struct app {
	enum app_mode	 mode;
	struct reg	*reg;
	const struct cfg *cfg;
	const char	*station;
	struct loop	*loop;

	struct screen	 stack[APP_STACK_MAX];
	int		 depth;

	struct footer	*footer;
	struct footer_item footer_items[FOOTER_MAX_ITEMS];
	size_t		 nfooter;
	char		 status[256];
	enum tscreen_role status_role;

	struct staff	 staff;
	int		 logged_in;

	int		 idle_seconds;
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

/* app.c: every screen leaves, top first, wiping what it held. */
void	app_leave_all(struct app *);
/* screen-admin.c: the PIN an administrator types to leave kiosk mode. */
extern const struct screen_class screen_admin;

/* app-loop.c */
int	app_run(enum app_mode, struct reg *, const struct cfg *, const char *station,
	    const struct app_sources *);

#endif
