# wisp — triggerless online schema migration for MySQL and MariaDB.
#
#   make                 build bin/wisp
#   make DEVELOPER=1     strict warnings, -Werror
#   make SANITIZE=address,undefined
#   make test            cmocka unit tests
#   make localtests      integration cases against the sandbox
#   make check           bootstrap, strict build, unit tests, sandbox, localtests
#   make demo            a live migration on a sandbox, start to finish
#   make install         PREFIX=/usr/local DESTDIR=

PREFIX    ?= /usr/local
DESTDIR   ?=
CC        ?= cc
PKGS      := libmariadb libevent libpcre2-8 zlib
VERSION   := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
GITCOMMIT := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)

CFLAGS   ?= -O2 -g
CFLAGS   += -std=c11 -Wall -Wextra -Iinclude -MMD -MP
CPPFLAGS += -D_GNU_SOURCE -DWISP_VERSION='"$(VERSION)"' -DWISP_COMMIT='"$(GITCOMMIT)"'
CFLAGS   += $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS   += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -levent_pthreads -lpthread
# Function names in --stack backtraces (stack.h).
LDFLAGS  += -rdynamic

ifeq ($(DEVELOPER),1)
CFLAGS += -Werror -Wshadow -Wpointer-arith -Wstrict-prototypes -Wmissing-prototypes \
          -Wold-style-definition -Wvla -Wformat=2 -Wno-format-nonliteral \
          -Wno-unused-parameter
endif
ifneq ($(SANITIZE),)
CFLAGS  += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer
LDFLAGS += -fsanitize=$(SANITIZE)
endif

SRCS     := $(sort $(wildcard src/*.c))
OBJS     := $(SRCS:src/%.c=build/%.o)
LIBOBJS  := $(filter-out build/main.o,$(OBJS))
TESTSRCS := $(sort $(wildcard test/test_*.c))
TESTBINS := $(TESTSRCS:test/%.c=build/test/%)
TESTLIB  := $(sort $(wildcard test/lib/*.c))

.PHONY: all test localtests check demo install clean bootstrap check-headers

all: bin/wisp

bin/wisp: $(OBJS)
	@mkdir -p bin
	$(CC) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

build/%.o: src/%.c
	@mkdir -p build
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

build/libwisp.a: $(LIBOBJS)
	$(AR) rcs $@ $(LIBOBJS)

build/test/%: test/%.c $(TESTLIB) build/libwisp.a
	@mkdir -p build/test
	$(CC) $(CPPFLAGS) $(CFLAGS) -Itest/lib $(shell pkg-config --cflags cmocka) \
	    -o $@ $< $(TESTLIB) build/libwisp.a $(LDFLAGS) $(LDLIBS) \
	    $(shell pkg-config --libs cmocka)

test: $(TESTBINS)
	@script/unittest $(TESTBINS)

localtests: bin/wisp
	@localtests/test.sh

bootstrap:
	@script/bootstrap

check:
	@script/check

demo:
	@script/demo

# Every header compiles on its own after common.h.
check-headers:
	@for h in include/*.h; do \
	    printf '#include "common.h"\n#include "%s"\n' $$(basename $$h) | \
	    $(CC) $(CPPFLAGS) $(CFLAGS) -fsyntax-only -x c - || exit 1; done

install: bin/wisp
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 bin/wisp $(DESTDIR)$(PREFIX)/bin/wisp

clean:
	rm -rf build bin

-include $(OBJS:.o=.d)
