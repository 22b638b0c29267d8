/*
 * ctl-key.c: "jsdctl key": the registry's signing keys' public halves for
 * stations that check offline, their list, and rotation.
 *
 * "key" prints the current key alone, as it always has; "key --all" every key
 * current or retired, a line each, for a --key file that still checks what a
 * retired key signed. Rotation needs the key file (its secret half is replaced
 * there); the new public half goes into the registry, the old ones stay.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "clock.h"
#include "ctl-life.h"
#include "msg.h"

/* The registry's keys, on the heap (a ring is some 12 KiB). */
static struct keyring *
key_ring(struct ctl *c, unsigned *current)
{
	struct keyring *ring;
	struct err e;

	err_clear(&e);
	if ((ring = malloc(sizeof *ring)) == NULL) {
		err_set(&e, ERR_SYSTEM, NULL, "reg.nomem", NULL);
		ctl_fail(&e);
		return NULL;
	}
	if (cert_key_ring(c->reg, ring, current, &e) != 0) {
		ctl_fail(&e);
		free(ring);
		return NULL;
	}
	return ring;
}

static int
key_print(struct ctl *c, int all)
{
	char line[KEYRING_LINE_SIZE];
	struct keyring *ring;
	unsigned current;
	int i;

	if ((ring = key_ring(c, &current)) == NULL)
		return 1;
	for (i = 0; i < ring->n; i++) {
		if (!all && ring->v[i].id != current)
			continue;
		keyring_format(&ring->v[i], line);
		printf("%s\n", line);
	}
	free(ring);
	return 0;
}

/* A key is retired when the next one was made. */
static json_t *
key_json(const struct keyring *ring, int i, unsigned current)
{
	char hex[65];
	int retired = ring->v[i].id != current && i + 1 < ring->n;

	sodium_bin2hex(hex, sizeof hex, ring->v[i].pk, sizeof ring->v[i].pk);
	return json_pack("{s:i, s:s, s:I, s:b, s:o}", "id", ring->v[i].id,
	    "public", hex, "created",
	    (json_int_t)ring->v[i].created, "current", ring->v[i].id == current,
	    "retired_at", retired ? json_integer(ring->v[i + 1].created) :
	    json_null());
}

static void
key_row(const struct keyring *ring, int i, unsigned current)
{
	char line[KEYRING_LINE_SIZE], made[20], until[20];

	keyring_format(&ring->v[i], line);
	*strrchr(line, ' ') = '\0';
	clock_format_local(ring->v[i].created, made, sizeof made);
	if (ring->v[i].id == current || i + 1 >= ring->n) {
		printf(msg_get("ctl.key.row_current"), line, made);
	} else {
		clock_format_local(ring->v[i + 1].created, until, sizeof until);
		printf(msg_get("ctl.key.row_retired"), line, made, until);
	}
	putchar('\n');
}

static int
key_list(struct ctl *c, int argc, char **argv)
{
	struct keyring *ring;
	unsigned current;
	json_t *a;
	int i, rc;

	if ((rc = ctl_no_args(argc, argv, "ctl.key.usage")) >= 0)
		return rc;
	if ((ring = key_ring(c, &current)) == NULL)
		return 1;
	a = c->json ? json_array() : NULL;
	for (i = 0; i < ring->n; i++) {
		if (a != NULL)
			json_array_append_new(a, key_json(ring, i, current));
		else
			key_row(ring, i, current);
	}
	if (a != NULL)
		ctl_print_json(a);
	free(ring);
	return 0;
}

static int
key_rotate(struct ctl *c, int argc, char **argv)
{
	char keyfile[4200], line[KEYRING_LINE_SIZE];
	struct keyring_key made;
	struct err e;
	int rc;

	if ((rc = ctl_no_args(argc, argv, "ctl.key.usage")) >= 0)
		return rc;
	err_clear(&e);
	if (ctl_keyfile(c, keyfile, sizeof keyfile, &e) != 0 ||
	    cert_key_rotate(c->reg, keyfile, "jsdctl", &made, &e) != 0)
		return ctl_fail(&e);
	keyring_format(&made, line);
	if (c->json)
		ctl_print_json(json_pack("{s:i, s:s}", "id", made.id, "key", line));
	else {
		printf(msg_get("ctl.key.rotated"), made.id);
		printf("\n%s\n", line);
	}
	return 0;
}

int
ctl_key(struct ctl *c, int argc, char **argv)
{
	static const struct ctl_sub subs[] = {
		{ "list", key_list },
		{ "rotate", key_rotate },
	};

	if (argc == 2 && strcmp(argv[1], "--all") == 0)
		return key_print(c, 1);
	if (argc == 1)
		return key_print(c, 0);
	return ctl_dispatch(subs, sizeof subs / sizeof subs[0], c, argc, argv,
	    "ctl.key.usage");
}
