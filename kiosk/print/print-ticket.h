/*
 * print-ticket.h: the application ticket on paper, for the kiosk's receipt
 * printer (the "printer" key of the configuration).
 */
#ifndef JSD_PRINT_TICKET_H
#define JSD_PRINT_TICKET_H

#include <stdint.h>

#include "cfg.h"
#include "err.h"

#define PRINT_TICKET_DOTS	384	/* 58 mm paper at 203 dpi; 576 for 80 mm */

/* Starts printing the ticket of application number, made at time when, on
 * the configured printer: 1 started (*fd as printer_start gives it), 0 no
 * printer configured, -1 with e. */
int	print_ticket(const struct cfg *, const char *number, int64_t when,
	    int *fd, struct err *);

#endif
