/* test_reply.c: SHOW WARNINGS and ANALYZE TABLE answers judged as gh-ost
 * judges them (applier.go compileMigrationKeyWarningRegex,
 * classifyAnalyzeTableResult). */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "reply.h"

/* Only a duplicate on the migration key itself is expected, in MariaDB's
 * and in MySQL 8's wording. */
static void
test_warning_expected(void **state)
{
	assert_true(reply_warning_expected("Duplicate entry '1' for key "
	    "'PRIMARY'", "_t_gho", "PRIMARY"));
	assert_true(reply_warning_expected("Duplicate entry '1' for key "
	    "'_t_gho.PRIMARY'", "_t_gho", "PRIMARY"));
	/* Another unique key: data would be lost. */
	assert_false(reply_warning_expected("Duplicate entry 'John' for key "
	    "'name_index'", "_t_gho", "PRIMARY"));
	assert_false(reply_warning_expected("Duplicate entry 'John' for key "
	    "'_t_gho.name_index'", "_t_gho", "PRIMARY"));
	/* Another table's key of the same name. */
	assert_false(reply_warning_expected("Duplicate entry '1' for key "
	    "'_x_gho.PRIMARY'", "_t_gho", "PRIMARY"));
	/* A key whose name only starts like the migration key's. */
	assert_false(reply_warning_expected("Duplicate entry '1' for key "
	    "'id_2'", "_t_gho", "id"));
	/* Not a duplicate at all. */
	assert_false(reply_warning_expected("Data truncated for column 'name' "
	    "at row 1", "_t_gho", "PRIMARY"));
	assert_false(reply_warning_expected("Incorrect value for key 'PRIMARY'",
	    "_t_gho", "PRIMARY"));
	/* Names with characters a regular expression would treat specially. */
	assert_true(reply_warning_expected("Duplicate entry 'a' for key "
	    "'u.k(1)'", "_t_gho", "u.k(1)"));
	assert_false(reply_warning_expected("Duplicate entry 'a' for key "
	    "'uxk(1)'", "_t_gho", "u.k(1)"));
	assert_false(reply_warning_expected(NULL, "_t_gho", "PRIMARY"));
	assert_false(reply_warning_expected("Duplicate entry '1' for key "
	    "'PRIMARY'", "_t_gho", NULL));
}

/* "Level: Message (Code)". */
static void
test_warning_text(void **state)
{
	struct buf	b = BUF_INIT;

	reply_warning_text(&b, "Warning", "1062", "Duplicate entry 'John' for "
	    "key 'name_index'");
	assert_string_equal(buf_str(&b), "Warning: Duplicate entry 'John' for "
	    "key 'name_index' (1062)");
	buf_release(&b);
}

/* Fail closed: OK only with a status OK row and no error row. */
static void
test_analyze(void **state)
{
	const char	*ok_t[] = { "status" }, *ok_m[] = { "OK" };
	const char	*up_t[] = { "Status" }, *up_m[] = { "ok" };
	const char	*err_t[] = { "Error", "error", "status" };
	const char	*err_m[] = { "Table 'test._t_gho' doesn't exist",
			    "Corrupt", "Operation failed" };
	const char	*mix_t[] = { "status", "Error" };
	const char	*mix_m[] = { "OK", "Lock wait timeout" };
	const char	*note_t[] = { "note" };
	const char	*note_m[] = { "The storage engine for the table doesn't "
			    "support analyze" };
	char		*cause = NULL;

	assert_int_equal(reply_analyze("_t_gho", ok_t, ok_m, 1, &cause), 0);
	assert_int_equal(reply_analyze("_t_gho", up_t, up_m, 1, &cause), 0);
	assert_null(cause);

	assert_int_equal(reply_analyze("_t_gho", err_t, err_m, 3, &cause), -1);
	assert_string_equal(cause, "ANALYZE TABLE on ghost `_t_gho` did not "
	    "report status OK; refusing cut-over: Table 'test._t_gho' doesn't "
	    "exist; Corrupt");
	free(cause);
	cause = NULL;
	assert_int_equal(reply_analyze("_t_gho", mix_t, mix_m, 2, &cause), -1);
	assert_string_equal(cause, "ANALYZE TABLE on ghost `_t_gho` did not "
	    "report status OK; refusing cut-over: Lock wait timeout");
	free(cause);
	cause = NULL;
	assert_int_equal(reply_analyze("_t_gho", note_t, note_m, 1, &cause), -1);
	assert_string_equal(cause, "ANALYZE TABLE on ghost `_t_gho` did not "
	    "report status OK; refusing cut-over: ");
	free(cause);
	cause = NULL;
	assert_int_equal(reply_analyze("_t_gho", NULL, NULL, 0, &cause), -1);
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_warning_expected),
		cmocka_unit_test(test_warning_text),
		cmocka_unit_test(test_analyze),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
