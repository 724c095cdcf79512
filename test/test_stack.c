/* test_stack.c: --stack backtraces, and the log printing them. */
#include "common.h"

#include <setjmp.h>
#include <unistd.h>
#include <cmocka.h>

#include "stack.h"

/* Run fn with stderr going to a temporary file; return what it wrote. */
static char *
capture_stderr(void (*fn)(void))
{
	FILE	*f = tmpfile();
	int	 saved, fd;
	long	 len;
	char	*out;

	assert_non_null(f);
	fd = fileno(f);
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	assert_true(saved >= 0);
	assert_int_equal(dup2(fd, STDERR_FILENO), STDERR_FILENO);
	fn();
	fflush(stderr);
	assert_int_equal(dup2(saved, STDERR_FILENO), STDERR_FILENO);
	close(saved);
	len = lseek(fd, 0, SEEK_END);
	assert_true(len >= 0);
	out = xcalloc(1, (size_t)len + 1);
	assert_int_equal(pread(fd, out, (size_t)len, 0), len);
	fclose(f);
	return out;
}

static void
write_captured(void)
{
	struct stack	s;

	stack_capture(&s);
	stack_write(&s, STDERR_FILENO);
}

/* The stack has frames, down to main (exported: linked -rdynamic). */
static void
test_capture_and_write(void **state)
{
	char	*out = capture_stderr(write_captured);

	assert_non_null(strstr(out, "stack trace (most recent call first):\n"));
	assert_non_null(strstr(out, "(main+"));
	free(out);
}

static void
write_empty(void)
{
	struct stack	s;

	memset(&s, 0, sizeof s);
	stack_write(&s, STDERR_FILENO);
}

/* An empty stack (no failure recorded) prints nothing. */
static void
test_empty_prints_nothing(void **state)
{
	char	*out = capture_stderr(write_empty);

	assert_string_equal(out, "");
	free(out);
}

static void
log_an_error(void)
{
	log_error("something failed");
}

/* With --stack an error line is followed by the stack; without, not. */
static void
test_log_error_stack(void **state)
{
	char	*out;

	log_set_stack(true);
	out = capture_stderr(log_an_error);
	log_set_stack(false);
	assert_non_null(strstr(out, " ERROR something failed\n"));
	assert_non_null(strstr(out, "stack trace (most recent call first):\n"));
	free(out);

	out = capture_stderr(log_an_error);
	assert_non_null(strstr(out, " ERROR something failed\n"));
	assert_null(strstr(out, "stack trace"));
	free(out);
}

/* log_failure (the final line) leaves the stack to its caller. */
static void
log_the_failure(void)
{
	log_failure("the end");
}

static void
test_log_failure_no_stack(void **state)
{
	char	*out;

	log_set_stack(true);
	out = capture_stderr(log_the_failure);
	log_set_stack(false);
	assert_non_null(strstr(out, " FATAL the end\n"));
	assert_null(strstr(out, "stack trace"));
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_capture_and_write),
		cmocka_unit_test(test_empty_prints_nothing),
		cmocka_unit_test(test_log_error_stack),
		cmocka_unit_test(test_log_failure_no_stack),
	};

	log_set_level(LOG_LEVEL_INFO);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
