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

/* A server that takes a + b * rows ms per chunk, plus spike ms on every
 * spike_every-th chunk (0: never). Runs n chunks; returns the mean of the
 * chosen sizes over the last `last` of them, and their minimum in *min. */
static double
simulate(struct chunker *c, double a, double b, double spike,
    int spike_every, int n, int last, int64_t *min)
{
	double	sum = 0, ms;
	int	i;

	*min = CHUNKER_MAX_ROWS;
	for (i = 0; i < n; i++) {
		ms = a + b * (double)chunker_rows(c);
		if (spike_every > 0 && i % spike_every == spike_every - 1)
			ms += spike;
		chunker_observe(c, chunker_rows(c), (uint64_t)ms);
		if (i >= n - last) {
			sum += (double)c->base;
			if (c->base < *min)
				*min = c->base;
		}
	}
	return sum / last;
}

/* Toward the target: at most twice per chunk upward, the sizes a fifth
 * above and below the chosen one from the second chunk on; bounded. */
static void
test_grows_toward_target(void **state)
{
	struct chunker	c;
	int64_t		min;
	double		mean;
	int		i;

	chunker_init(&c, 0.1, 1000);		/* 100 ms */
	assert_int_equal(chunker_rows(&c), 1000);
	chunker_observe(&c, 1000, 10);		/* 100 rows/ms: wants 10000 */
	assert_int_equal(c.base, 2000);
	assert_int_equal(chunker_rows(&c), 2400);
	chunker_observe(&c, 2400, 24);
	assert_int_equal(c.base, 4000);
	assert_int_equal(chunker_rows(&c), 3200);
	mean = simulate(&c, 0, 0.01, 0, 0, 30, 10, &min);
	assert_true(mean > 9000 && mean < 11000);
	assert_true(min > 9000);

	chunker_init(&c, 10, 50000);		/* a target no rate reaches */
	for (i = 0; i < 5; i++)
		chunker_observe(&c, chunker_rows(&c), 1);
	assert_int_equal(c.base, CHUNKER_MAX_ROWS);
	assert_true(chunker_rows(&c) <= CHUNKER_MAX_ROWS);
}

/* A fixed part near the target (a busy server: waits for a core, for row
 * locks) does not shrink the chunks to nothing: the target goes to the
 * rows, here 50 ms at 0.03 ms a row, about 1667 rows. A time per row alone
 * would settle where a + b n = 50, 167 rows, and any slower chunk on the
 * way would push it down to the minimum. */
static void
test_fixed_part(void **state)
{
	struct chunker	c;
	int64_t		min;
	double		mean;

	chunker_init(&c, 0.05, 1000);
	mean = simulate(&c, 45, 0.03, 0, 0, 40, 10, &min);
	assert_true(mean > 1400 && mean < 1950);
	assert_true(min > 1400);

	/* Over the target: the same. */
	chunker_init(&c, 0.05, 1000);
	mean = simulate(&c, 120, 0.03, 0, 0, 40, 10, &min);
	assert_true(mean > 1400 && mean < 1950);

	/* A long wait every fifth chunk shrinks the next one at once; the
	 * size comes back within a few chunks and the fit holds. */
	chunker_init(&c, 0.05, 1000);
	mean = simulate(&c, 40, 0.03, 300, 5, 60, 20, &min);
	assert_true(mean > 900);
	assert_true(min >= 100);
}

/* Heavy rows: small chunks. A chunk over twice the target and the model
 * shrinks the next one at once to its own time per row. Never below the
 * minimum. */
static void
test_shrinks(void **state)
{
	struct chunker	c;
	int64_t		min;
	double		mean;

	chunker_init(&c, 0.1, 1000);
	mean = simulate(&c, 1, 5, 0, 0, 20, 5, &min);	/* 5 ms a row */
	assert_true(mean >= 15 && mean <= 25);

	chunker_init(&c, 0.1, 1000);
	mean = simulate(&c, 1, 0.01, 0, 0, 30, 5, &min);
	assert_true(mean > 9000);
	/* Rows ten times heavier from now on. */
	chunker_observe(&c, chunker_rows(&c),
	    (uint64_t)(1 + 0.1 * (double)chunker_rows(&c)));
	assert_true(c.base <= 1200);
	mean = simulate(&c, 1, 0.1, 0, 0, 30, 5, &min);
	assert_true(mean > 850 && mean < 1150);

	chunker_observe(&c, 100, 60000);
	assert_int_equal(c.base, CHUNKER_MIN_ROWS);
	/* 0 ms counts as 1 ms: the fit sees no time per row; grows. */
	chunker_init(&c, 0.1, 10);
	chunker_observe(&c, 10, 0);
	assert_int_equal(c.base, 20);
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
		cmocka_unit_test(test_fixed_part),
		cmocka_unit_test(test_shrinks),
		cmocka_unit_test(test_set_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
