/* test_loadmap.c: --max-load / --critical-load lists (gh-ost's load_map.go). */
#include "common.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "loadmap.h"

/* Parse s, which must fail with exactly the message want. */
static void
expect_error(const char *s, const char *want)
{
	struct loadmap	*lm;
	char		*cause = NULL;

	lm = loadmap_parse(s, &cause);
	assert_null(lm);
	assert_non_null(cause);
	assert_string_equal(cause, want);
	free(cause);
}

/* Two items keep their order and thresholds. */
static void
test_two_items(void **state)
{
	struct loadmap	*lm;
	char		*cause = NULL;

	lm = loadmap_parse("Threads_running=25,Threads_connected=500", &cause);
	assert_non_null(lm);
	assert_null(cause);
	assert_int_equal(loadmap_count(lm), 2);
	assert_string_equal(loadmap_name(lm, 0), "Threads_running");
	assert_int_equal(loadmap_threshold(lm, 0), 25);
	assert_string_equal(loadmap_name(lm, 1), "Threads_connected");
	assert_int_equal(loadmap_threshold(lm, 1), 500);
	loadmap_free(lm);
}

/* "" and NULL are the empty map, which prints as "". */
static void
test_empty(void **state)
{
	struct loadmap	*lm;
	char		*s;

	lm = loadmap_parse("", NULL);
	assert_non_null(lm);
	assert_int_equal(loadmap_count(lm), 0);
	s = loadmap_format(lm);
	assert_string_equal(s, "");
	free(s);
	loadmap_free(lm);

	lm = loadmap_parse(NULL, NULL);
	assert_non_null(lm);
	assert_int_equal(loadmap_count(lm), 0);
	loadmap_free(lm);
}

/* Printing sorts the "Name=N" strings, like gh-ost's LoadMap.String(). */
static void
test_format_sorted(void **state)
{
	struct loadmap	*lm;
	char		*s;

	lm = loadmap_parse("Threads_running=25,Threads_connected=500", NULL);
	s = loadmap_format(lm);
	assert_string_equal(s, "Threads_connected=500,Threads_running=25");
	free(s);
	loadmap_free(lm);

	lm = loadmap_parse("b=1,a=22,a_b=3", NULL);
	s = loadmap_format(lm);
	assert_string_equal(s, "a=22,a_b=3,b=1");
	free(s);
	loadmap_free(lm);
}

/* An item without '=' (or with two) is a bad condition. */
static void
test_bad_condition(void **state)
{
	expect_error("Threads_running",
	    "Error parsing load condition: Threads_running");
	expect_error("a=1=2", "Error parsing load condition: a=1=2");
	expect_error("a=1,b", "Error parsing load condition: b");
}

/* An empty item, as from a trailing or doubled comma, is a bad condition. */
static void
test_empty_item(void **state)
{
	expect_error("a=1,", "Error parsing load condition: ");
	expect_error("a=1,,b=2", "Error parsing load condition: ");
}

/* A missing name. */
static void
test_bad_name(void **state)
{
	expect_error("=5", "Error parsing status variable in load condition: "
	    "=5");
	expect_error("a=1,=2", "Error parsing status variable in load "
	    "condition: =2");
}

/* Thresholds are base-10 int64s, untrimmed. */
static void
test_bad_number(void **state)
{
	expect_error("a=x", "Error parsing numeric value in load condition: "
	    "a=x");
	expect_error("a=", "Error parsing numeric value in load condition: a=");
	expect_error("a= 5", "Error parsing numeric value in load condition: "
	    "a= 5");
	expect_error("a=0x10", "Error parsing numeric value in load "
	    "condition: a=0x10");
	expect_error("a=9223372036854775808", "Error parsing numeric value in "
	    "load condition: a=9223372036854775808");
	expect_error("a=1.5", "Error parsing numeric value in load condition: "
	    "a=1.5");
}

/* Signs and the int64 limits are fine. */
static void
test_signs_and_limits(void **state)
{
	struct loadmap	*lm;
	int64_t		 v;

	lm = loadmap_parse("a=-5,b=+7,c=9223372036854775807", NULL);
	assert_non_null(lm);
	assert_true(loadmap_get(lm, "a", &v));
	assert_int_equal(v, -5);
	assert_true(loadmap_get(lm, "b", &v));
	assert_int_equal(v, 7);
	assert_true(loadmap_get(lm, "c", &v));
	assert_true(v == INT64_MAX);
	loadmap_free(lm);
}

/* A repeated name keeps its first place and takes the last value. */
static void
test_duplicate(void **state)
{
	struct loadmap	*lm;
	char		*s;

	lm = loadmap_parse("a=1,b=2,a=3", NULL);
	assert_non_null(lm);
	assert_int_equal(loadmap_count(lm), 2);
	assert_string_equal(loadmap_name(lm, 0), "a");
	assert_int_equal(loadmap_threshold(lm, 0), 3);
	s = loadmap_format(lm);
	assert_string_equal(s, "a=3,b=2");
	free(s);
	loadmap_free(lm);
}

/* Lookup is exact and case-sensitive. */
static void
test_get(void **state)
{
	struct loadmap	*lm;
	int64_t		 v = 0;

	lm = loadmap_parse("Threads_running=25", NULL);
	assert_true(loadmap_get(lm, "Threads_running", &v));
	assert_int_equal(v, 25);
	assert_false(loadmap_get(lm, "threads_running", &v));
	assert_false(loadmap_get(lm, "Threads_connected", NULL));
	loadmap_free(lm);
}

/* Format then parse gives the same map. */
static void
test_round_trip(void **state)
{
	struct loadmap	*lm, *again;
	char		*s, *s2;

	lm = loadmap_parse("z=1,y=-2,x=300", NULL);
	s = loadmap_format(lm);
	again = loadmap_parse(s, NULL);
	assert_non_null(again);
	s2 = loadmap_format(again);
	assert_string_equal(s, s2);
	assert_int_equal(loadmap_count(again), 3);
	free(s);
	free(s2);
	loadmap_free(lm);
	loadmap_free(again);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_items),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_format_sorted),
		cmocka_unit_test(test_bad_condition),
		cmocka_unit_test(test_empty_item),
		cmocka_unit_test(test_bad_name),
		cmocka_unit_test(test_bad_number),
		cmocka_unit_test(test_signs_and_limits),
		cmocka_unit_test(test_duplicate),
		cmocka_unit_test(test_get),
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
