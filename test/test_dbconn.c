/* test_dbconn.c: the connection options every connection is made with (TLS,
 * charset) and the charset list, without a server. */
#include "common.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <mysql.h>

#include "dbconn.h"

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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
