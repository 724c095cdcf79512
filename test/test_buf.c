/* test_buf.c: the byte buffer's appends that SQL text is made of. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "buf.h"

static void
test_hex(void **state)
{
	struct buf	b = BUF_INIT;
	const char	bytes[] = { 0x00, 0x0f, (char)0xa5, (char)0xff, 'A' };

	(void)state;
	buf_add_hex(&b, "", 0);
	assert_string_equal(buf_str(&b), "X''");
	buf_adds(&b, ", ");
	buf_add_hex(&b, bytes, sizeof bytes);
	assert_string_equal(buf_str(&b), "X'', X'000FA5FF41'");
	assert_int_equal(b.len, strlen(b.data));
	buf_release(&b);
}

/* A value longer than the first allocation, appended after other text. */
static void
test_hex_grows(void **state)
{
	struct buf	 b = BUF_INIT;
	char		 in[300];
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof in; i++)
		in[i] = (char)i;
	buf_adds(&b, "(");
	buf_add_hex(&b, in, sizeof in);
	assert_int_equal(b.len, 1 + 2 + 2 * sizeof in + 1);
	assert_memory_equal(b.data, "(X'000102", 9);
	assert_memory_equal(b.data + 3 + 2 * 255, "FF00", 4);
	assert_string_equal(b.data + b.len - 3, "2B'");
	buf_release(&b);
}

static void
test_integers(void **state)
{
	struct buf	b = BUF_INIT;

	(void)state;
	buf_add_i64(&b, 0);
	buf_addc(&b, ' ');
	buf_add_i64(&b, -7);
	buf_addc(&b, ' ');
	buf_add_i64(&b, INT64_MAX);
	buf_addc(&b, ' ');
	buf_add_i64(&b, INT64_MIN);
	buf_addc(&b, ' ');
	buf_add_u64(&b, UINT64_MAX);
	buf_addc(&b, ' ');
	buf_add_u64(&b, 1000);
	assert_string_equal(buf_str(&b), "0 -7 9223372036854775807 "
	    "-9223372036854775808 18446744073709551615 1000");
	buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hex),
		cmocka_unit_test(test_hex_grows),
		cmocka_unit_test(test_integers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
