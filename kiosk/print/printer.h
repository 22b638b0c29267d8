/*
 * printer.h: a receipt printer on a device path (a serial port, a USB line
 * printer such as /dev/usb/lp0), or a file standing in for one.
 */
#ifndef JSD_PRINTER_H
#define JSD_PRINTER_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

/* How long a printer may take to answer the paper query, or to take more
 * bytes, before it counts as not answering (ms). */
#define PRINTER_ANSWER_MS	500
#define PRINTER_STALL_MS	5000

/* Sends a job (escpos.h) to the printer at path, after asking a device
 * whether it has paper. Errors: ERR_SYSTEM "print.unwritable" (cannot open
 * or write), "print.stalled" (stopped taking bytes); ERR_RULE
 * "print.paper_out". */
int	printer_send(const char *path, const uint8_t *job, size_t len,
	    struct err *);
/* The same in the background, so that a slow printer (a serial one at 9600
 * baud takes half a minute for a ticket) never holds up the screen: takes
 * job (malloc'ed; freed once sent, or on failure here) and gives *fd, whose
 * owner polls printer_result() and closes it, whether or not it waited for
 * the end. */
int	printer_start(const char *path, uint8_t *job, size_t len, int *fd,
	    struct err *);
/* 0 while the job is being sent, 1 when printed, -1 (and e) when not. */
int	printer_result(int fd, struct err *);

#endif
