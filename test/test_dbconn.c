/* test_dbconn.c: the connection options every connection is made with (TLS,
 * charset) and the charset list, without a server. */
#include "common.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <mysql.h>
#include <event2/event.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dbconn.h"
#include "listener.h"

/* The entries of a list, joined by '|'. */
static char *
entries(const char *list)
{
	char	 name[16], *out = xstrdup(""), *t;
	size_t	 pos = 0;

	while (dbconn_charset_next(list, &pos, name, sizeof name)) {
		t = xasprintf("%s%s[%s]", out, *out != '\0' ? "|" : "", name);
		free(out);
		out = t;
	}
	return out;
}

static void
test_charset_next(void **state)
{
	static const struct {
		const char	*list;
		const char	*want;
	} cases[] = {
		{ "utf8mb4,utf8,latin1", "[utf8mb4]|[utf8]|[latin1]" },
		{ "latin1", "[latin1]" },
		{ " utf8 , latin1 ", "[utf8]|[latin1]" },
		{ "a,,b", "[a]|[]|[b]" },
		{ "a,", "[a]|[]" },
		{ "", "[]" },
		/* Truncated to the buffer, never overrun. */
		{ "abcdefghijklmnopqrstuvwxyz,b", "[abcdefghijklmno]|[b]" },
	};
	size_t	 i;
	char	*got;

	for (i = 0; i < nitems(cases); i++) {
		got = entries(cases[i].list);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
	got = entries(NULL);
	assert_string_equal(got, "");
	free(got);
}

/* Read back what dbconn_set_options put on a handle. */
struct opts {
	char	*charset;
	char	*ca, *cert, *key;
	my_bool	 enforce, verify;
};

static void
options_of(const struct dbconn_params *p, struct opts *o)
{
	MYSQL	*m;
	char	*s;

	memset(o, 0, sizeof *o);
	assert_non_null(m = mysql_init(NULL));
	dbconn_set_options(m, p);
	/* mysql_get_optionv answers utf8mb4 for any charset: read the
	 * option itself. */
	s = m->options.charset_name;
	o->charset = s != NULL ? xstrdup(s) : NULL;
	s = NULL;
	assert_int_equal(mysql_get_optionv(m, MYSQL_OPT_SSL_CA, &s), 0);
	o->ca = s != NULL ? xstrdup(s) : NULL;
	s = NULL;
	assert_int_equal(mysql_get_optionv(m, MYSQL_OPT_SSL_CERT, &s), 0);
	o->cert = s != NULL ? xstrdup(s) : NULL;
	s = NULL;
	assert_int_equal(mysql_get_optionv(m, MYSQL_OPT_SSL_KEY, &s), 0);
	o->key = s != NULL ? xstrdup(s) : NULL;
	assert_int_equal(mysql_get_optionv(m, MYSQL_OPT_SSL_ENFORCE,
	    &o->enforce), 0);
	assert_int_equal(mysql_get_optionv(m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT,
	    &o->verify), 0);
	mysql_close(m);
}

static void
opts_release(struct opts *o)
{
	free(o->charset);
	free(o->ca);
	free(o->cert);
	free(o->key);
}

/* The handshake asks for the first charset Connector/C knows. */
static void
test_options_charset(void **state)
{
	struct dbconn_params	p;
	struct opts		o;

	memset(&p, 0, sizeof p);
	options_of(&p, &o);
	assert_string_equal(o.charset, "utf8mb4");
	opts_release(&o);
	p.charset = (char *)"latin1";
	options_of(&p, &o);
	assert_string_equal(o.charset, "latin1");
	opts_release(&o);
	p.charset = (char *)"nosuch, latin1,utf8mb4";
	options_of(&p, &o);
	assert_string_equal(o.charset, "latin1");
	opts_release(&o);
	p.charset = (char *)"nosuch";
	options_of(&p, &o);
	assert_string_equal(o.charset, "utf8mb4");
	opts_release(&o);
	/* Not for a client's handshake: SET NAMES will try it (and fail). */
	p.charset = (char *)"utf16,ucs2,utf32,latin1";
	options_of(&p, &o);
	assert_string_equal(o.charset, "latin1");
	opts_release(&o);
}

/* No --ssl: nothing of TLS is set, even with files given. */
static void
test_options_plain(void **state)
{
	struct dbconn_params	p;
	struct opts		o;

	memset(&p, 0, sizeof p);
	p.ssl_ca = (char *)"/ca.pem";
	options_of(&p, &o);
	assert_false(o.enforce);
	assert_false(o.verify);
	assert_null(o.ca);
	opts_release(&o);
}

/* --ssl: TLS enforced and verified, with the CA and the client pair. */
static void
test_options_tls(void **state)
{
	struct dbconn_params	p;
	struct opts		o;

	memset(&p, 0, sizeof p);
	p.ssl = true;
	options_of(&p, &o);
	assert_true(o.enforce);
	assert_true(o.verify);
	assert_null(o.ca);		/* the system's CAs */
	assert_null(o.cert);
	opts_release(&o);

	p.ssl_ca = (char *)"/ca.pem";
	p.ssl_cert = (char *)"/cert.pem";
	p.ssl_key = (char *)"/key.pem";
	options_of(&p, &o);
	assert_true(o.enforce);
	assert_true(o.verify);
	assert_string_equal(o.ca, "/ca.pem");
	assert_string_equal(o.cert, "/cert.pem");
	assert_string_equal(o.key, "/key.pem");
	opts_release(&o);
}

/* --ssl-allow-insecure: still TLS only, but no verification at all, so the
 * CA is not given to the library (it would check the chain with it). */
static void
test_options_insecure(void **state)
{
	struct dbconn_params	p;
	struct opts		o;

	memset(&p, 0, sizeof p);
	p.ssl = true;
	p.ssl_allow_insecure = true;
	p.ssl_ca = (char *)"/ca.pem";
	p.ssl_cert = (char *)"/cert.pem";
	p.ssl_key = (char *)"/key.pem";
	options_of(&p, &o);
	assert_true(o.enforce);
	assert_false(o.verify);
	assert_null(o.ca);
	assert_string_equal(o.cert, "/cert.pem");
	assert_string_equal(o.key, "/key.pem");
	opts_release(&o);
}

/* Copies carry the TLS settings (every connection copies the inspector's
 * parameters). */
static void
test_params_copy(void **state)
{
	struct dbconn_params	p, q;

	memset(&p, 0, sizeof p);
	p.host = (char *)"h";
	p.charset = (char *)"latin1";
	p.ssl = true;
	p.ssl_allow_insecure = true;
	p.ssl_ca = (char *)"/ca.pem";
	p.ssl_cert = (char *)"/cert.pem";
	p.ssl_key = (char *)"/key.pem";
	dbconn_params_copy(&q, &p);
	assert_true(q.ssl);
	assert_true(q.ssl_allow_insecure);
	assert_string_equal(q.charset, "latin1");
	assert_string_equal(q.ssl_ca, "/ca.pem");
	assert_ptr_not_equal(q.ssl_ca, p.ssl_ca);
	assert_string_equal(q.ssl_cert, "/cert.pem");
	assert_string_equal(q.ssl_key, "/key.pem");
	dbconn_params_release(&q);
	assert_null(q.ssl_ca);
	assert_false(q.ssl);
}

/* ---- a server of our own, just enough for a handshake and one OK ---- */

/* Write one packet: 3-byte length, sequence id, payload. */
static void
put_packet(int fd, unsigned seq, const unsigned char *payload, size_t len)
{
	unsigned char	hdr[4];

	hdr[0] = (unsigned char)(len & 0xff);
	hdr[1] = (unsigned char)((len >> 8) & 0xff);
	hdr[2] = (unsigned char)((len >> 16) & 0xff);
	hdr[3] = (unsigned char)seq;
	assert_int_equal(write(fd, hdr, 4), 4);
	assert_int_equal(write(fd, payload, len), (ssize_t)len);
}

/* Read one packet whole and drop it (blocking). */
static void
skip_packet(int fd)
{
	unsigned char	hdr[4], buf[512];
	size_t		len, got = 0;
	ssize_t		n;

	assert_int_equal(read(fd, hdr, 4), 4);
	len = hdr[0] | (size_t)hdr[1] << 8 | (size_t)hdr[2] << 16;
	while (got < len) {
		n = read(fd, buf, len - got < sizeof buf ? len - got : sizeof buf);
		assert_true(n > 0);
		got += (size_t)n;
	}
}

/* An OK packet: no rows, autocommit. */
static void
put_ok(int fd, unsigned seq)
{
	static const unsigned char ok[] = { 0x00, 0, 0, 0x02, 0x00, 0, 0 };

	put_packet(fd, seq, ok, sizeof ok);
}

/* A protocol 10 greeting offering mysql_native_password, no TLS. */
static void
put_greeting(int fd)
{
	/* LONG_PASSWORD | PROTOCOL_41 | TRANSACTIONS | SECURE_CONNECTION
	 * | MULTI_STATEMENTS | MULTI_RESULTS | PLUGIN_AUTH */
	uint32_t	caps = 0x1 | 0x200 | 0x2000 | 0x8000 | 0x10000 |
			    0x20000 | 0x80000;
	unsigned char	g[128], *q = g;
	static const char version[] = "8.0.0-wisp-test";
	static const char plugin[] = "mysql_native_password";

	*q++ = 10;
	memcpy(q, version, sizeof version);
	q += sizeof version;
	memcpy(q, "\1\0\0\0", 4);		/* connection id */
	q += 4;
	memcpy(q, "abcdefgh", 8);		/* scramble, part 1 */
	q += 8;
	*q++ = 0;
	*q++ = (unsigned char)(caps & 0xff);
	*q++ = (unsigned char)((caps >> 8) & 0xff);
	*q++ = 45;				/* utf8mb4 */
	*q++ = 0x02;				/* autocommit */
	*q++ = 0;
	*q++ = (unsigned char)((caps >> 16) & 0xff);
	*q++ = (unsigned char)((caps >> 24) & 0xff);
	*q++ = 21;				/* scramble length */
	memset(q, 0, 10);
	q += 10;
	memcpy(q, "ijklmnopqrst", 13);		/* part 2 and its NUL */
	q += 13;
	memcpy(q, plugin, sizeof plugin);
	q += sizeof plugin;
	put_packet(fd, 0, g, (size_t)(q - g));
}

struct outcome {
	int		calls;
	unsigned	code;
};

static void
record_cb(struct dbconn *c, struct dbresult *res, const struct dberror *err,
    void *arg)
{
	struct outcome	*o = arg;

	o->calls++;
	o->code = err != NULL ? err->code : 0;
}

/* Connect c to our listener: accept, greet, take the login, say OK. */
static int
fake_login(struct event_base *base, struct dbconn *c, int lfd)
{
	struct outcome	o = { 0, 0 };
	struct pollfd	pfd;
	int		fd;

	assert_int_equal(dbconn_connect(c, record_cb, &o), 0);
	assert_true((fd = accept(lfd, NULL, NULL)) >= 0);
	put_greeting(fd);
	pfd.fd = fd;
	pfd.events = POLLIN;
	while (poll(&pfd, 1, 0) == 0)		/* the client reads, answers */
		assert_int_not_equal(event_base_loop(base, EVLOOP_ONCE), -1);
	skip_packet(fd);			/* the login */
	put_ok(fd, 2);
	while (o.calls == 0)
		assert_int_not_equal(event_base_loop(base, EVLOOP_ONCE), -1);
	assert_int_equal(o.code, 0);
	return fd;
}

/* An operation that ends at once (here: a query whose answer is already
 * waiting on the socket) still reports from the loop, never from inside
 * the call that started it: a caller in the middle of its own state change
 * would otherwise be re-entered (engine_copy_pump was, and ended the row
 * copy twice: two "Row copy complete", two row-copy-complete hooks). */
static void
test_callback_from_loop(void **state)
{
	struct event_base	*base;
	struct dbconn_params	 p;
	struct dbconn		*c;
	struct outcome		 o = { 0, 0 };
	int			 lfd, fd;

	base = event_base_new();
	memset(&p, 0, sizeof p);
	lfd = test_listen_loopback(&p.port);
	assert_true(lfd >= 0);
	p.host = (char *)"127.0.0.1";
	p.user = (char *)"wisp";
	p.connect_timeout = 5;
	p.rw_timeout = 5;
	c = dbconn_create(base, &p, "test");
	fd = fake_login(base, c, lfd);

	/* The answer is there before the question. */
	put_ok(fd, 1);
	assert_int_equal(dbconn_query(c, "DO 1", record_cb, &o), 0);
	assert_int_equal(o.calls, 0);
	assert_true(dbconn_busy(c));
	while (o.calls == 0)
		assert_int_not_equal(event_base_loop(base, EVLOOP_ONCE), -1);
	assert_int_equal(o.calls, 1);
	assert_int_equal(o.code, 0);
	assert_false(dbconn_busy(c));

	/* The connection goes on as usual. */
	o.calls = 0;
	put_ok(fd, 1);
	assert_int_equal(dbconn_query(c, "DO 2", record_cb, &o), 0);
	while (o.calls == 0)
		assert_int_not_equal(event_base_loop(base, EVLOOP_ONCE), -1);
	assert_int_equal(o.code, 0);

	/* Freed before the loop runs: the report is dropped, not made. */
	o.calls = 0;
	put_ok(fd, 1);
	assert_int_equal(dbconn_query(c, "DO 3", record_cb, &o), 0);
	dbconn_free(c);
	event_base_loop(base, EVLOOP_NONBLOCK);
	assert_int_equal(o.calls, 0);

	close(fd);
	close(lfd);
	event_base_free(base);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_charset_next),
		cmocka_unit_test(test_options_charset),
		cmocka_unit_test(test_options_plain),
		cmocka_unit_test(test_options_tls),
		cmocka_unit_test(test_options_insecure),
		cmocka_unit_test(test_params_copy),
		cmocka_unit_test(test_callback_from_loop),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
