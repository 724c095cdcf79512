/* test_chunker.c: copy concurrency and chunk sizing by time. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "chunker.h"

static struct chunker_facts
facts(void)
{
	struct chunker_facts	f;

	memset(&f, 0, sizeof f);
	f.cores = 2;
	f.autoinc_lock_mode = 1;
	f.transactional = true;
	return f;
}

/* Automatic: the cores, bounded 2..4. */
static void
test_concurrency_cores(void **state)
{
	struct chunker_facts	f = facts();
	enum chunker_reason	why;

	assert_int_equal(chunker_concurrency(&f, &why), 2);
	assert_int_equal(why, CHUNKER_CORES);
	f.cores = 1;
	assert_int_equal(chunker_concurrency(&f, &why), 2);
	f.cores = -1;
	assert_int_equal(chunker_concurrency(&f, &why), 2);
	f.cores = 3;
	assert_int_equal(chunker_concurrency(&f, &why), 3);
	f.cores = 64;
	assert_int_equal(chunker_concurrency(&f, &why), 4);
}

/* The AUTO-INC table lock serializes INSERT .. SELECT in modes 0 and 1 (and
 * unknown counts as the default, 1); mode 2 does not. */
static void
test_concurrency_autoinc(void **state)
{
	struct chunker_facts	f = facts();
	enum chunker_reason	why;

	assert_false(chunker_table_locked(&f));
	f.ghost_autoinc = true;
	f.cores = 8;
	assert_true(chunker_table_locked(&f));
	assert_int_equal(chunker_concurrency(&f, &why), 1);
	assert_int_equal(why, CHUNKER_AUTOINC);
	f.autoinc_lock_mode = 0;
	assert_int_equal(chunker_concurrency(&f, &why), 1);
	f.autoinc_lock_mode = -1;
	assert_int_equal(chunker_concurrency(&f, &why), 1);
	f.autoinc_lock_mode = 2;
	assert_false(chunker_table_locked(&f));
	assert_int_equal(chunker_concurrency(&f, &why), 4);
	assert_int_equal(why, CHUNKER_CORES);
	f.ghost_autoinc = false;
	f.autoinc_lock_mode = 1;
	assert_int_equal(chunker_concurrency(&f, &why), 4);
}

/* Table locks: one at a time. The flag wins over everything, bounded. */
static void
test_concurrency_table_locks_and_given(void **state)
{
	struct chunker_facts	f = facts();
	enum chunker_reason	why;

	f.transactional = false;
	assert_true(chunker_table_locked(&f));
	assert_int_equal(chunker_concurrency(&f, &why), 1);
	assert_int_equal(why, CHUNKER_TABLE_LOCKS);
	f.requested = 3;
	f.ghost_autoinc = true;
	assert_int_equal(chunker_concurrency(&f, &why), 3);
	assert_int_equal(why, CHUNKER_GIVEN);
	f.requested = 1000;
	assert_int_equal(chunker_concurrency(&f, &why),
	    CHUNKER_MAX_CONCURRENCY);
	assert_non_null(strstr(chunker_reason_text(CHUNKER_AUTOINC),
	    "AUTO-INC"));
}

/* Without a target the size is fixed, whatever the chunks take. */
static void
test_fixed(void **state)
{
	struct chunker	c;

	chunker_init(&c, 0, 1000);
	chunker_observe(&c, 1000, 1);
	chunker_observe(&c, 1000, 100000);
	assert_int_equal(chunker_rows(&c), 1000);
	chunker_init(&c, 0, 5);
	assert_int_equal(chunker_rows(&c), CHUNKER_MIN_ROWS);
	chunker_init(&c, 0, 1000000);
	assert_int_equal(chunker_rows(&c), CHUNKER_MAX_ROWS);
}

/* Toward the target: at most twice per chunk upward, converging on the
 * rate; bounded. */
static void
test_grows_toward_target(void **state)
{
	struct chunker	c;
	int		i;

	chunker_init(&c, 0.1, 1000);		/* 100 ms */
	chunker_observe(&c, 1000, 10);		/* 100 rows/ms: wants 10000 */
	assert_int_equal(chunker_rows(&c), 2000);
	chunker_observe(&c, 2000, 20);
	assert_int_equal(chunker_rows(&c), 4000);
	for (i = 0; i < 10; i++)
		chunker_observe(&c, chunker_rows(&c),
		    (uint64_t)(chunker_rows(&c) / 100));
	assert_int_equal(chunker_rows(&c), 10000);

	chunker_init(&c, 10, 50000);		/* a target no rate reaches */
	for (i = 0; i < 5; i++)
		chunker_observe(&c, chunker_rows(&c), 1);
	assert_int_equal(chunker_rows(&c), CHUNKER_MAX_ROWS);
}

/* A chunk over twice the target shrinks the next one to its own rate; a
 * little slow only nudges it. Never below the minimum. */
static void
test_shrinks(void **state)
{
	struct chunker	c;

	chunker_init(&c, 0.1, 1000);
	chunker_observe(&c, 1000, 100);		/* on target */
	assert_int_equal(chunker_rows(&c), 1000);
	chunker_observe(&c, 1000, 150);		/* a bit slow: smoothed */
	assert_true(chunker_rows(&c) < 1000 && chunker_rows(&c) > 666);
	chunker_observe(&c, 1000, 1000);	/* 10x: 1 row/ms */
	assert_int_equal(chunker_rows(&c), 100);
	chunker_observe(&c, 100, 60000);
	assert_int_equal(chunker_rows(&c), CHUNKER_MIN_ROWS);
	/* 0 ms counts as 1 ms. */
	chunker_observe(&c, 10, 0);
	assert_int_equal(chunker_rows(&c), 20);
}

/* The chunk-size command fixes the size from then on. */
static void
test_set_rows(void **state)
{
	struct chunker	c;

	chunker_init(&c, 0.1, 1000);
	chunker_set_rows(&c, 300);
	chunker_observe(&c, 300, 1);
	assert_int_equal(chunker_rows(&c), 300);
	chunker_set_rows(&c, 0);
	assert_int_equal(chunker_rows(&c), CHUNKER_MIN_ROWS);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_concurrency_cores),
		cmocka_unit_test(test_concurrency_autoinc),
		cmocka_unit_test(test_concurrency_table_locks_and_given),
		cmocka_unit_test(test_fixed),
		cmocka_unit_test(test_grows_toward_target),
		cmocka_unit_test(test_shrinks),
		cmocka_unit_test(test_set_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
