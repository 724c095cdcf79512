/* common.h: included first by every .c file: system headers, attributes and
 * the base layer (xmalloc, log, buf, util) that every module may use. */
#ifndef WISP_COMMON_H
#define WISP_COMMON_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define printflike(a, b) __attribute__((format(printf, a, b)))
#define unused           __attribute__((unused))
#define noreturn_fn      __attribute__((noreturn))

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

#include "xmalloc.h"
#include "log.h"
#include "buf.h"
#include "util.h"

#endif
