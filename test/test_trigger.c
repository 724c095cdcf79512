/* test_trigger.c: names of the ghost's copies of the original's triggers
 * (gh-ost GetGhostTriggerName and the 64-character limit). */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "trigger.h"

/* Compare and free a name. */
static void
name_is(char *got, const char *want)
{
	assert_string_equal(got, want);
	free(got);
}

/* The suffix is added; with remove_suffix it is taken off a name that ends
 * with it, and added to one that does not. */
static void
test_ghost_name(void **state)
{
	name_is(trigger_ghost_name("t_bi", "_v2", false), "t_bi_v2");
	name_is(trigger_ghost_name("t_bi_v2", "_v2", false), "t_bi_v2_v2");
	name_is(trigger_ghost_name("t_bi_v2", "_v2", true), "t_bi");
	name_is(trigger_ghost_name("t_bi", "_v2", true), "t_bi_v2");
	/* The match is at the end only, and case-sensitive, as in Go. */
	name_is(trigger_ghost_name("t_v2_bi", "_v2", true), "t_v2_bi_v2");
	name_is(trigger_ghost_name("t_bi_V2", "_v2", true), "t_bi_V2_v2");
	/* A name that is only the suffix loses it all. */
	name_is(trigger_ghost_name("_v2", "_v2", true), "");
	name_is(trigger_ghost_name("t", NULL, false), "t");
}

/* 64 characters fit, 65 do not; multibyte characters count once. */
static void
test_name_fits(void **state)
{
	char	name[200];

	memset(name, 'a', 64);
	name[64] = '\0';
	assert_true(trigger_name_fits(name));
	name[64] = 'a';
	name[65] = '\0';
	assert_false(trigger_name_fits(name));
	/* 63 ASCII and one 2-byte character: 64 characters, 65 bytes. */
	memset(name, 'a', 63);
	memcpy(name + 63, "\xc3\xa9", 3);
	assert_true(trigger_name_fits(name));
	/* 32 three-byte characters: 96 bytes, 32 characters. */
	name[0] = '\0';
	for (int i = 0; i < 32; i++)
		strcat(name, "\xe2\x82\xac");
	assert_true(trigger_name_fits(name));
	assert_true(trigger_name_fits(""));
}

/* The list keeps copies and the ghost names; joined as gh-ost joins. */
static void
test_list(void **state)
{
	struct trigger_list	 l = { NULL, 0 };
	bool			 pick[] = { false, true, true };
	char			*s;

	trigger_list_add(&l, "a_ght", "AFTER", "INSERT", "set @x = 1",
	    "STRICT_TRANS_TABLES", "root@localhost", "_ght", true);
	trigger_list_add(&l, "b", "BEFORE", "UPDATE", "set @x = 2", NULL, NULL,
	    "_ght", true);
	trigger_list_add(&l, "c", "BEFORE", "DELETE", "set @x = 3", "", "u@%",
	    "_ght", false);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0].name, "a_ght");
	assert_string_equal(l.v[0].ghost_name, "a");
	assert_string_equal(l.v[1].ghost_name, "b_ght");
	assert_string_equal(l.v[2].ghost_name, "c_ght");
	assert_string_equal(l.v[0].sql_mode, "STRICT_TRANS_TABLES");
	assert_null(l.v[1].sql_mode);
	assert_string_equal(l.v[2].definer, "u@%");
	s = trigger_ghost_names(&l, NULL);
	assert_string_equal(s, "a,b_ght,c_ght");
	free(s);
	s = trigger_ghost_names(&l, pick);
	assert_string_equal(s, "b_ght,c_ght");
	free(s);
	pick[1] = pick[2] = false;
	s = trigger_ghost_names(&l, pick);
	assert_string_equal(s, "");
	free(s);
	trigger_list_release(&l);
	assert_int_equal(l.n, 0);
	assert_null(l.v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ghost_name),
		cmocka_unit_test(test_name_fits),
		cmocka_unit_test(test_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
