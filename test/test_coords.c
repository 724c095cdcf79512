/* test_coords.c: binlog file:pos coordinates, MariaDB GTID positions and
 * MySQL GTID sets. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "coords.h"

/* Parse a file:pos that must be valid. */
static struct binlog_coords
fp(const char *s)
{
	struct binlog_coords	c;

	assert_int_equal(coords_parse(&c, s, NULL), 0);
	return c;
}

static void
test_parse_format(void **state)
{
	struct binlog_coords	 c;
	char			*s, *cause = NULL;

	assert_int_equal(coords_parse(&c, "mysql-bin.000012:4567", &cause), 0);
	assert_string_equal(c.file, "mysql-bin.000012");
	assert_int_equal(c.pos, 4567);
	assert_null(c.gtid);
	s = coords_format(&c);
	assert_string_equal(s, "mysql-bin.000012:4567");
	free(s);
	coords_release(&c);

	/* The last colon separates: a file name may hold one. */
	assert_int_equal(coords_parse(&c, "a:b.000001:4", NULL), 0);
	assert_string_equal(c.file, "a:b.000001");
	assert_int_equal(c.pos, 4);
	coords_release(&c);

	assert_int_equal(coords_parse(&c, "f.1:18446744073709551615", NULL), 0);
	assert_true(c.pos == UINT64_MAX);
	coords_release(&c);
}

static void
test_parse_errors(void **state)
{
	static const char	*bad[] = { "", "mysql-bin.000012", ":4",
	    "f:", "f:-1", "f:12x", "f:18446744073709551616", "f: 4" };
	struct binlog_coords	 c;
	char			*cause;
	size_t			 i;

	for (i = 0; i < nitems(bad); i++) {
		cause = NULL;
		assert_int_equal(coords_parse(&c, bad[i], &cause), -1);
		assert_non_null(cause);
		assert_null(c.file);
		free(cause);
	}
	/* NULL cause is allowed. */
	assert_int_equal(coords_parse(&c, "nope", NULL), -1);
}

static void
test_format_empty(void **state)
{
	struct binlog_coords	 c;
	char			*s;

	coords_init(&c);
	s = coords_format(&c);
	assert_string_equal(s, "");
	free(s);
}

static void
test_compare(void **state)
{
	struct binlog_coords	a, b;

	a = fp("mysql-bin.000012:4567");
	b = fp("mysql-bin.000012:4568");
	assert_true(coords_compare(&a, &b) < 0);
	assert_true(coords_compare(&b, &a) > 0);
	assert_int_equal(coords_compare(&a, &a), 0);
	coords_release(&b);

	/* A later file wins whatever the position. */
	b = fp("mysql-bin.000013:4");
	assert_true(coords_compare(&a, &b) < 0);
	coords_release(&a);
	coords_release(&b);

	/* By sequence number, not by text: 999999 < 1000000. */
	a = fp("mysql-bin.999999:100");
	b = fp("mysql-bin.1000000:4");
	assert_true(coords_compare(&a, &b) < 0);
	assert_true(coords_compare(&b, &a) > 0);
	coords_release(&a);
	coords_release(&b);

	/* Same number, different padding: text decides, never equal. */
	a = fp("mysql-bin.01:4");
	b = fp("mysql-bin.001:4");
	assert_true(coords_compare(&a, &b) != 0);
	assert_true(coords_compare(&a, &b) == -coords_compare(&b, &a));
	coords_release(&a);
	coords_release(&b);

	/* Different base names: by name. */
	a = fp("a-bin.000009:4");
	b = fp("b-bin.000001:4");
	assert_true(coords_compare(&a, &b) < 0);
	coords_release(&a);
	coords_release(&b);

	/* A missing file sorts first. */
	coords_init(&a);
	b = fp("b-bin.000001:4");
	assert_true(coords_compare(&a, &b) < 0);
	assert_true(coords_compare(&b, &a) > 0);
	coords_release(&b);
	coords_init(&b);
	assert_int_equal(coords_compare(&a, &b), 0);
}

static void
test_file_seq(void **state)
{
	size_t		base;
	uint64_t	seq;

	assert_int_equal(coords_file_seq("mysql-bin.000012", &base, &seq), 0);
	assert_int_equal(base, 9);
	assert_int_equal(seq, 12);
	assert_int_equal(coords_file_seq("a.b.7", &base, &seq), 0);
	assert_int_equal(base, 3);
	assert_int_equal(seq, 7);
	assert_int_equal(coords_file_seq("nodot", &base, &seq), -1);
	assert_int_equal(coords_file_seq("x.", &base, &seq), -1);
	assert_int_equal(coords_file_seq("x.12a", &base, &seq), -1);
}

static void
test_copy_set(void **state)
{
	struct binlog_coords	a, b;

	coords_init(&a);
	coords_init(&b);
	coords_set(&a, "f.000001", 120);
	coords_set_gtid(&a, "0-1-5");
	coords_copy(&b, &a);
	assert_string_equal(b.file, "f.000001");
	assert_int_equal(b.pos, 120);
	assert_string_equal(b.gtid, "0-1-5");
	assert_ptr_not_equal(a.file, b.file);
	coords_copy(&b, &b);
	assert_string_equal(b.file, "f.000001");
	coords_set(&b, NULL, 0);
	assert_null(b.file);
	assert_string_equal(b.gtid, "0-1-5");
	coords_set_gtid(&b, NULL);
	assert_null(b.gtid);
	coords_release(&a);
	coords_release(&b);
}

static void
test_gtid_one(void **state)
{
	struct coords_gtid	 g;
	char			 out[64], *cause = NULL;

	assert_int_equal(coords_gtid_parse(&g, "0-1-100", NULL), 0);
	assert_int_equal(g.domain, 0);
	assert_int_equal(g.server, 1);
	assert_int_equal(g.seq, 100);
	assert_string_equal(coords_gtid_format(&g, out, sizeof out), "0-1-100");
	assert_int_equal(coords_gtid_parse(&g,
	    "4294967295-4294967295-18446744073709551615", NULL), 0);
	assert_true(g.domain == UINT32_MAX && g.seq == UINT64_MAX);
	assert_string_equal(coords_gtid_format(&g, out, sizeof out),
	    "4294967295-4294967295-18446744073709551615");
	assert_int_equal(coords_gtid_parse(&g, "4294967296-1-1", &cause), -1);
	free(cause);
	assert_int_equal(coords_gtid_parse(&g, "0-1", NULL), -1);
	assert_int_equal(coords_gtid_parse(&g, "0-1-", NULL), -1);
	assert_int_equal(coords_gtid_parse(&g, "0--1", NULL), -1);
	assert_int_equal(coords_gtid_parse(&g, "0-1-2-3", NULL), -1);
	assert_int_equal(coords_gtid_parse(&g, "a-1-2", NULL), -1);
}

static void
test_gtid_pos_parse_format(void **state)
{
	struct coords_gtid_pos	 p;
	char			*s, *cause = NULL;

	assert_int_equal(coords_gtid_pos_parse(&p, "1-2-5, 0-1-100", &cause),
	    0);
	assert_int_equal(p.n, 2);
	assert_int_equal(p.v[0].domain, 0);
	assert_int_equal(p.v[1].domain, 1);
	s = coords_gtid_pos_format(&p);
	assert_string_equal(s, "0-1-100,1-2-5");
	free(s);
	coords_gtid_pos_release(&p);

	/* A domain twice (gtid_binlog_state): the highest seq stays. */
	assert_int_equal(coords_gtid_pos_parse(&p, "0-1-100,0-2-50,0-3-101",
	    NULL), 0);
	assert_int_equal(p.n, 1);
	assert_int_equal(p.v[0].server, 3);
	assert_int_equal(p.v[0].seq, 101);
	coords_gtid_pos_release(&p);

	assert_int_equal(coords_gtid_pos_parse(&p, "", NULL), 0);
	assert_int_equal(p.n, 0);
	s = coords_gtid_pos_format(&p);
	assert_string_equal(s, "");
	free(s);
	assert_int_equal(coords_gtid_pos_parse(&p, "  ", NULL), 0);
	assert_int_equal(p.n, 0);

	assert_int_equal(coords_gtid_pos_parse(&p, "0-1-1,", &cause), -1);
	assert_non_null(cause);
	free(cause);
	assert_int_equal(p.n, 0);
	assert_int_equal(coords_gtid_pos_parse(&p, ",0-1-1", NULL), -1);
	assert_int_equal(coords_gtid_pos_parse(&p, "0-1-1,,1-1-1", NULL), -1);
	assert_int_equal(coords_gtid_pos_parse(&p, ",", NULL), -1);
	assert_int_equal(coords_gtid_pos_parse(&p, "0-1-1,x", NULL), -1);
	assert_null(p.v);
}

static void
test_gtid_pos_update_merge(void **state)
{
	struct coords_gtid_pos	 a, b;
	struct coords_gtid	 g = { 5, 9, 10 };
	char			*s;

	assert_int_equal(coords_gtid_pos_parse(&a, "0-1-100,2-1-7", NULL), 0);
	coords_gtid_pos_update(&a, &g);			/* new domain */
	g.domain = 0; g.server = 2; g.seq = 99;		/* older: ignored */
	coords_gtid_pos_update(&a, &g);
	g.domain = 2; g.server = 3; g.seq = 8;		/* newer: replaces */
	coords_gtid_pos_update(&a, &g);
	g.domain = 1; g.server = 1; g.seq = 1;		/* in the middle */
	coords_gtid_pos_update(&a, &g);
	s = coords_gtid_pos_format(&a);
	assert_string_equal(s, "0-1-100,1-1-1,2-3-8,5-9-10");
	free(s);

	assert_int_equal(coords_gtid_pos_parse(&b, "0-4-200,3-3-3,5-9-9",
	    NULL), 0);
	coords_gtid_pos_merge(&a, &b);
	s = coords_gtid_pos_format(&a);
	assert_string_equal(s, "0-4-200,1-1-1,2-3-8,3-3-3,5-9-10");
	free(s);

	assert_non_null(coords_gtid_pos_get(&a, 3));
	assert_null(coords_gtid_pos_get(&a, 4));
	coords_gtid_pos_release(&a);
	coords_gtid_pos_release(&b);
}

static void
test_gtid_pos_contains_compare(void **state)
{
	struct coords_gtid_pos	a, b;
	struct coords_gtid	g;

	assert_int_equal(coords_gtid_pos_parse(&a, "0-1-100,1-2-5", NULL), 0);
	assert_int_equal(coords_gtid_parse(&g, "0-1-100", NULL), 0);
	assert_true(coords_gtid_pos_contains(&a, &g));
	g.seq = 101;
	assert_false(coords_gtid_pos_contains(&a, &g));
	g.seq = 3;
	g.server = 7;	/* another server's seq in the same domain */
	assert_true(coords_gtid_pos_contains(&a, &g));
	g.domain = 9;
	assert_false(coords_gtid_pos_contains(&a, &g));

	assert_int_equal(coords_gtid_pos_parse(&b, "1-2-5,0-1-100", NULL), 0);
	assert_int_equal(coords_gtid_pos_compare(&a, &b), COORDS_EQUAL);
	coords_gtid_pos_release(&b);

	assert_int_equal(coords_gtid_pos_parse(&b, "0-1-101,1-2-5", NULL), 0);
	assert_int_equal(coords_gtid_pos_compare(&a, &b), COORDS_BEFORE);
	assert_int_equal(coords_gtid_pos_compare(&b, &a), COORDS_AFTER);
	coords_gtid_pos_release(&b);

	/* A domain only b has: b is ahead. */
	assert_int_equal(coords_gtid_pos_parse(&b, "0-1-100,1-2-5,2-1-1",
	    NULL), 0);
	assert_int_equal(coords_gtid_pos_compare(&a, &b), COORDS_BEFORE);
	coords_gtid_pos_release(&b);

	assert_int_equal(coords_gtid_pos_parse(&b, "0-1-99,1-2-6", NULL), 0);
	assert_int_equal(coords_gtid_pos_compare(&a, &b), COORDS_DIVERGED);
	coords_gtid_pos_release(&b);

	assert_int_equal(coords_gtid_pos_parse(&b, "0-1-100", NULL), 0);
	assert_int_equal(coords_gtid_pos_compare(&a, &b), COORDS_AFTER);
	coords_gtid_pos_release(&b);

	coords_gtid_pos_init(&b);
	assert_int_equal(coords_gtid_pos_compare(&b, &b), COORDS_EQUAL);
	assert_int_equal(coords_gtid_pos_compare(&b, &a), COORDS_BEFORE);
	coords_gtid_pos_release(&a);
}

static const char *U1 = "3E11FA47-71CA-11E1-9E33-C80AA9429562";
static const char *U1L = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
static const char *U2 = "00000000-0000-0000-0000-000000000001";

static void
test_uuid(void **state)
{
	uint8_t	u[16], v[16];
	char	out[40];

	assert_int_equal(coords_uuid_parse(u, U1, strlen(U1)), 0);
	assert_int_equal(u[0], 0x3e);
	assert_int_equal(u[15], 0x62);
	assert_string_equal(coords_uuid_format(u, out, sizeof out), U1L);
	assert_int_equal(coords_uuid_parse(v, "3e11fa4771ca11e19e33c80aa9429562",
	    32), 0);
	assert_memory_equal(u, v, 16);
	assert_int_equal(coords_uuid_parse(u, "3E11FA47-71CA-11E1-9E33-C80AA942956",
	    35), -1);
	assert_int_equal(coords_uuid_parse(u, "3E11FA4771CA-11E1-9E33-C80AA9429562-",
	    36), -1);
	assert_int_equal(coords_uuid_parse(u, "3G11FA47-71CA-11E1-9E33-C80AA9429562",
	    36), -1);
}

/* Parse and format back. */
static void
roundtrip(const char *in, const char *want)
{
	struct coords_uuid_set	 s;
	char			*out, *cause = NULL;

	if (coords_uuid_set_parse(&s, in, &cause) != 0)
		fail_msg("parse %s: %s", in, cause);
	out = coords_uuid_set_format(&s);
	assert_string_equal(out, want);
	free(out);
	coords_uuid_set_release(&s);
}

static void
test_uuid_set_parse_format(void **state)
{
	char	in[256], want[256];

	snprintf(in, sizeof in, "%s:1-5:7-9", U1);
	snprintf(want, sizeof want, "%s:1-5:7-9", U1L);
	roundtrip(in, want);

	/* Unsorted, overlapping and adjacent ranges are merged. */
	snprintf(in, sizeof in, "%s:7-9:1-3:4:5-6:20:12-15:14-19", U1);
	snprintf(want, sizeof want, "%s:1-9:12-20", U1L);
	roundtrip(in, want);

	/* Sorted by UUID; the same UUID twice merges; the way
	 * @@gtid_executed prints (",\n"). */
	snprintf(in, sizeof in, "%s:1-5,\n%s:1-100,\n %s:6-7", U1, U2, U1);
	snprintf(want, sizeof want, "%s:1-100,%s:1-7", U2, U1L);
	roundtrip(in, want);

	roundtrip("", "");
	roundtrip(" \n", "");
	snprintf(in, sizeof in, "%s:18446744073709551615", U1);
	snprintf(want, sizeof want, "%s:18446744073709551615", U1L);
	roundtrip(in, want);
	snprintf(in, sizeof in, "%s:1-18446744073709551615:5", U1);
	snprintf(want, sizeof want, "%s:1-18446744073709551615", U1L);
	roundtrip(in, want);
}

static void
test_uuid_set_errors(void **state)
{
	static const char	*tails[] = { "", ":", ":0", ":0-5", ":5-4",
	    ":1-", ":-3", ":a", ":1-2:", ":1,", ":1,,x", ":1-2-3",
	    ":tag:1-5" };
	struct coords_uuid_set	 s;
	char			 in[256], *cause;
	size_t			 i;

	for (i = 0; i < nitems(tails); i++) {
		snprintf(in, sizeof in, "%s%s", U1, tails[i]);
		cause = NULL;
		if (coords_uuid_set_parse(&s, in, &cause) == 0)
			fail_msg("accepted %s", in);
		assert_non_null(cause);
		assert_int_equal(s.n, 0);
		free(cause);
	}
	assert_int_equal(coords_uuid_set_parse(&s, "nouuid:1", NULL), -1);
	assert_int_equal(coords_uuid_set_parse(&s, ",", NULL), -1);
}

static void
test_uuid_set_contains(void **state)
{
	struct coords_uuid_set	s, t;
	uint8_t			u1[16], u2[16];
	char			in[256];

	coords_uuid_parse(u1, U1, strlen(U1));
	coords_uuid_parse(u2, U2, strlen(U2));
	snprintf(in, sizeof in, "%s:1-5:7-9:100", U1);
	assert_int_equal(coords_uuid_set_parse(&s, in, NULL), 0);
	assert_true(coords_uuid_set_contains(&s, u1, 1));
	assert_true(coords_uuid_set_contains(&s, u1, 5));
	assert_false(coords_uuid_set_contains(&s, u1, 6));
	assert_true(coords_uuid_set_contains(&s, u1, 8));
	assert_false(coords_uuid_set_contains(&s, u1, 10));
	assert_true(coords_uuid_set_contains(&s, u1, 100));
	assert_false(coords_uuid_set_contains(&s, u1, 101));
	assert_false(coords_uuid_set_contains(&s, u1, 0));
	assert_false(coords_uuid_set_contains(&s, u2, 1));

	/* Add fills the gap. */
	coords_uuid_set_add(&s, u1, 6, 6);
	assert_int_equal(s.sids[0].n, 2);
	assert_true(coords_uuid_set_contains(&s, u1, 6));
	coords_uuid_set_add(&s, u2, 3, 3);
	assert_int_equal(s.n, 2);

	snprintf(in, sizeof in, "%s:2-4:9,%s:3", U1, U2);
	assert_int_equal(coords_uuid_set_parse(&t, in, NULL), 0);
	assert_true(coords_uuid_set_contains_set(&s, &t));
	assert_false(coords_uuid_set_contains_set(&t, &s));
	assert_int_equal(coords_uuid_set_compare(&s, &t), COORDS_AFTER);
	assert_int_equal(coords_uuid_set_compare(&t, &s), COORDS_BEFORE);
	assert_int_equal(coords_uuid_set_compare(&s, &s), COORDS_EQUAL);
	coords_uuid_set_release(&t);

	/* A range that spans two intervals is not contained. */
	snprintf(in, sizeof in, "%s:9-100", U1);
	assert_int_equal(coords_uuid_set_parse(&t, in, NULL), 0);
	assert_false(coords_uuid_set_contains_set(&s, &t));
	assert_int_equal(coords_uuid_set_compare(&s, &t), COORDS_DIVERGED);
	coords_uuid_set_release(&t);

	coords_uuid_set_init(&t);
	assert_true(coords_uuid_set_contains_set(&s, &t));
	assert_int_equal(coords_uuid_set_compare(&t, &s), COORDS_BEFORE);
	coords_uuid_set_release(&s);
}

static void
test_uuid_set_merge(void **state)
{
	struct coords_uuid_set	 a, b;
	char			 in[256], want[256], *out;

	snprintf(in, sizeof in, "%s:1-5:10-12", U1);
	assert_int_equal(coords_uuid_set_parse(&a, in, NULL), 0);
	snprintf(in, sizeof in, "%s:6-9:20,%s:1", U1, U2);
	assert_int_equal(coords_uuid_set_parse(&b, in, NULL), 0);
	coords_uuid_set_merge(&a, &b);
	out = coords_uuid_set_format(&a);
	snprintf(want, sizeof want, "%s:1,%s:1-12:20", U2, U1L);
	assert_string_equal(out, want);
	free(out);
	coords_uuid_set_release(&a);
	coords_uuid_set_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_format),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_format_empty),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_file_seq),
		cmocka_unit_test(test_copy_set),
		cmocka_unit_test(test_gtid_one),
		cmocka_unit_test(test_gtid_pos_parse_format),
		cmocka_unit_test(test_gtid_pos_update_merge),
		cmocka_unit_test(test_gtid_pos_contains_compare),
		cmocka_unit_test(test_uuid),
		cmocka_unit_test(test_uuid_set_parse_format),
		cmocka_unit_test(test_uuid_set_errors),
		cmocka_unit_test(test_uuid_set_contains),
		cmocka_unit_test(test_uuid_set_merge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
