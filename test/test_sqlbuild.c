/* test_sqlbuild.c: the SQL text of the copy, the apply and the cut-over,
 * compared byte for byte (gh-ost's builder_test.go expectations where they
 * apply, with values inlined). */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "column.h"
#include "rowimage.h"
#include "sqlbuild.h"
#include "trigger.h"

/* One column: name, COLUMN_TYPE, DATA_TYPE, charset, nullable, EXTRA. */
struct colspec {
	const char	*name, *ct, *dt, *cs;
	bool		 nullable;
	const char	*extra;
};

struct fixture {
	struct column_list	 orig, ghost;
	struct unique_key_list	 keys;
	struct shared_plan	 plan;
	struct sqlbuild_desc	 desc;
	struct sqlbuild		*sb;
	struct buf		 b;
	char			*cause;
};

static int
setup(void **state)
{
	struct fixture	*f = xcalloc(1, sizeof *f);

	f->desc.database = "mydb";
	f->desc.table = "tbl";
	f->desc.ghost_table = "ghost";
	f->desc.orig_columns = &f->orig;
	f->desc.ghost_columns = &f->ghost;
	f->desc.plan = &f->plan;
	f->desc.time_zone = "SYSTEM";
	f->desc.lock = SQLBUILD_LOCK_SHARE;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	sqlbuild_free(f->sb);
	shared_plan_release(&f->plan);
	column_list_release(&f->orig);
	column_list_release(&f->ghost);
	unique_key_list_release(&f->keys);
	buf_release(&f->b);
	free(f->cause);
	free(f);
	return 0;
}

static void
add_columns(struct column_list *l, const struct colspec *s)
{
	for (; s->name != NULL; s++)
		column_list_add(l, s->name, s->ct, s->dt, s->cs, s->nullable,
		    s->extra, 0);
}

/* The plan: key columns "a,b", shared columns and their ghost names. */
static void
make_plan(struct fixture *f, const char *key, const char *key_csv,
    bool nullable, const char *shared_csv, const char *mapped_csv)
{
	size_t	n, m;

	f->plan.key = unique_key_list_add(&f->keys, key, key_csv, nullable,
	    false);
	f->plan.columns = util_split(shared_csv, ',', &n);
	f->plan.mapped = util_split(mapped_csv != NULL ? mapped_csv : shared_csv,
	    ',', &m);
	assert_int_equal(n, m);
	f->plan.ncolumns = n;
}

static void
build(struct fixture *f)
{
	f->sb = sqlbuild_create(&f->desc, &f->cause);
	if (f->sb == NULL)
		fail_msg("sqlbuild_create: %s", f->cause);
}

/* gh-ost's test table: id, name, position; ghost the same. */
static const struct colspec gh_cols[] = {
	{ "id", "int(11)", "int", NULL, false, "" },
	{ "name", "varchar(20)", "varchar", "utf8mb4", false, "" },
	{ "position", "int(11)", "int", NULL, false, "" },
	{ NULL, NULL, NULL, NULL, false, NULL },
};

/* A three-column key table. */
static const struct colspec three_cols[] = {
	{ "c1", "int(11)", "int", NULL, false, "" },
	{ "c2", "int(11)", "int", NULL, false, "" },
	{ "c3", "int(11)", "int", NULL, false, "" },
	{ NULL, NULL, NULL, NULL, false, NULL },
};

static void
gh_table(struct fixture *f, const char *key, const char *key_csv)
{
	add_columns(&f->orig, gh_cols);
	add_columns(&f->ghost, gh_cols);
	make_plan(f, key, key_csv, false, "id,name,position", NULL);
	build(f);
}

static void
three_table(struct fixture *f)
{
	add_columns(&f->orig, three_cols);
	add_columns(&f->ghost, three_cols);
	make_plan(f, "k3", "c1,c2,c3", false, "c1,c2,c3", NULL);
	build(f);
}

/* Values from text. */
#define V(s)	{ (s), sizeof(s) - 1, false }
#define VNULL	{ NULL, 0, true }

#define EXPECT(f, s) do {						\
	assert_string_equal(buf_str(&(f)->b), (s));			\
	buf_reset(&(f)->b);						\
} while (0)

/* Row image values. */
static struct rowimage_value
r_int(int64_t i)
{
	struct rowimage_value	v = { .kind = ROWIMAGE_INT };

	v.v.i = i;
	return v;
}

static struct rowimage_value
r_uint(uint64_t u)
{
	struct rowimage_value	v = { .kind = ROWIMAGE_UINT };

	v.v.u = u;
	return v;
}

static struct rowimage_value
r_kind(enum rowimage_kind k, uint64_t u)
{
	struct rowimage_value	v = { .kind = k };

	v.v.u = u;
	return v;
}

static struct rowimage_value
r_str(const char *s, size_t len, const char *charset)
{
	struct rowimage_value	v = { .kind = ROWIMAGE_STRING };

	v.str = s;
	v.len = len;
	v.charset = charset;
	return v;
}

static struct rowimage_value
r_text(enum rowimage_kind k, const char *s)
{
	struct rowimage_value	v = { .kind = k };

	v.str = s;
	v.len = strlen(s);
	v.v.ts.sec = strncmp(s, "0000", 4) == 0 ? 0 : 1704164645;
	return v;
}

static const struct rowimage_value r_null = { .kind = ROWIMAGE_NULL };
static const struct rowimage_value r_absent = { .kind = ROWIMAGE_ABSENT };

#define ROW(vals) { nitems(vals), (vals), NULL, 0 }

/* --- range min/max (gh-ost BuildUniqueKeyMin/MaxValuesPreparedQuery) --- */

static void
test_range_min_max(void **state)
{
	struct fixture	*f = *state;

	gh_table(f, "PRIMARY", "name,position");
	sqlbuild_range_min(f->sb, &f->b);
	EXPECT(f, "select /* wisp `mydb`.`tbl` */ `name`, `position` from "
	    "`mydb`.`tbl` force index (`PRIMARY`) order by `name` asc, "
	    "`position` asc limit 1");
	sqlbuild_range_max(f->sb, &f->b);
	EXPECT(f, "select /* wisp `mydb`.`tbl` */ `name`, `position` from "
	    "`mydb`.`tbl` force index (`PRIMARY`) order by `name` desc, "
	    "`position` desc limit 1");
	assert_int_equal(sqlbuild_key_ncolumns(f->sb), 2);
}

static void
test_range_min_enum_key(void **state)
{
	struct fixture		*f = *state;
	const struct colspec	 c[] = {
		{ "id", "int(11)", "int", NULL, false, "" },
		{ "e", "enum('x','y')", "enum", "utf8mb4", false, "" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};

	add_columns(&f->orig, c);
	add_columns(&f->ghost, c);
	make_plan(f, "id_e", "id,e", false, "id,e", NULL);
	build(f);
	sqlbuild_range_max(f->sb, &f->b);
	EXPECT(f, "select /* wisp `mydb`.`tbl` */ `id`, `e` from `mydb`.`tbl` "
	    "force index (`id_e`) order by `id` desc, concat(`e`) desc limit 1");
}

/* --- range comparisons (gh-ost TestBuildRangeComparison) --- */

static void
test_range_comparison_one_column(void **state)
{
	struct fixture			*f = *state;
	const struct sqlbuild_value	 v[] = { V("3") };

	gh_table(f, "PRIMARY", "id");
	assert_int_equal(sqlbuild_range_comparison(f->sb, v, SQLBUILD_LT,
	    &f->b, &f->cause), 0);
	EXPECT(f, "((`id` < 3))");
	assert_int_equal(sqlbuild_range_comparison(f->sb, v, SQLBUILD_LE,
	    &f->b, &f->cause), 0);
	EXPECT(f, "((`id` < 3) or ((`id` = 3)))");
	assert_int_equal(sqlbuild_range_comparison(f->sb, v, SQLBUILD_GT,
	    &f->b, &f->cause), 0);
	EXPECT(f, "((`id` > 3))");
	assert_int_equal(sqlbuild_range_comparison(f->sb, v, SQLBUILD_GE,
	    &f->b, &f->cause), 0);
	EXPECT(f, "((`id` > 3) or ((`id` = 3)))");
}

static void
test_range_comparison_two_columns(void **state)
{
	struct fixture			*f = *state;
	const struct sqlbuild_value	 v[] = { V("3"), V("17") };

	gh_table(f, "id_pos", "id,position");
	assert_int_equal(sqlbuild_range_comparison(f->sb, v, SQLBUILD_LT,
	    &f->b, &f->cause), 0);
	EXPECT(f, "((`id` < 3) or (((`id` = 3)) AND (`position` < 17)))");
	assert_int_equal(sqlbuild_range_comparison(f->sb, v, SQLBUILD_LE,
	    &f->b, &f->cause), 0);
	EXPECT(f, "((`id` < 3) or (((`id` = 3)) AND (`position` < 17)) or "
	    "((`id` = 3) and (`position` = 17)))");
}

static void
test_range_comparison_three_columns(void **state)
{
	struct fixture			*f = *state;
	const struct sqlbuild_value	 v[] = { V("3"), V("17"), V("22") };

	three_table(f);
	assert_int_equal(sqlbuild_range_comparison(f->sb, v, SQLBUILD_LE,
	    &f->b, &f->cause), 0);
	EXPECT(f, "((`c1` < 3) or (((`c1` = 3)) AND (`c2` < 17)) or "
	    "(((`c1` = 3) and (`c2` = 17)) AND (`c3` < 22)) or "
	    "((`c1` = 3) and (`c2` = 17) and (`c3` = 22)))");
	assert_int_equal(sqlbuild_range_comparison(f->sb, v, SQLBUILD_GT,
	    &f->b, &f->cause), 0);
	EXPECT(f, "((`c1` > 3) or (((`c1` = 3)) AND (`c2` > 17)) or "
	    "(((`c1` = 3) and (`c2` = 17)) AND (`c3` > 22)))");
}

/* A nullable key column compares as ORDER BY sorts: NULL first. */
static void
test_range_comparison_nullable(void **state)
{
	struct fixture		*f = *state;
	const struct colspec	 c[] = {
		{ "a", "int(11)", "int", NULL, true, "" },
		{ "b", "int(11)", "int", NULL, false, "" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};
	const struct sqlbuild_value v1[] = { VNULL, V("5") };
	const struct sqlbuild_value v2[] = { V("-4"), V("5") };

	add_columns(&f->orig, c);
	add_columns(&f->ghost, c);
	make_plan(f, "ab", "a,b", true, "a,b", NULL);
	build(f);
	assert_int_equal(sqlbuild_range_comparison(f->sb, v1, SQLBUILD_GT,
	    &f->b, &f->cause), 0);
	EXPECT(f, "((`a` is not null) or (((`a` is null)) AND (`b` > 5)))");
	assert_int_equal(sqlbuild_range_comparison(f->sb, v1, SQLBUILD_LE,
	    &f->b, &f->cause), 0);
	EXPECT(f, "((false) or (((`a` is null)) AND (`b` < 5)) or "
	    "((`a` is null) and (`b` = 5)))");
	assert_int_equal(sqlbuild_range_comparison(f->sb, v2, SQLBUILD_LT,
	    &f->b, &f->cause), 0);
	EXPECT(f, "(((`a` < -4) or (`a` is null)) or (((`a` = -4)) AND "
	    "(`b` < 5)))");
}

/* --- values from result sets --- */

static void
test_values_numbers(void **state)
{
	struct fixture		*f = *state;
	const struct colspec	 c[] = {
		{ "u", "bigint(20) unsigned", "bigint", NULL, false, "" },
		{ "d", "decimal(10,2)", "decimal", NULL, false, "" },
		{ "m", "mediumint(9)", "mediumint", NULL, false, "" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};
	const struct sqlbuild_value ok[] = { V("18446744073709551615"),
	    V("-1234.50"), V("-8388608") };
	const struct sqlbuild_value bad1[] = { V("1 or 1=1"), V("0"), V("0") };
	const struct sqlbuild_value bad2[] = { V("1"), V("1.2.3"), V("0") };
	const struct sqlbuild_value bad3[] = { V("1"), V("1"), V("") };

	add_columns(&f->orig, c);
	add_columns(&f->ghost, c);
	make_plan(f, "k", "u,d,m", false, "u,d,m", NULL);
	build(f);
	assert_int_equal(sqlbuild_range_comparison(f->sb, ok, SQLBUILD_GT,
	    &f->b, &f->cause), 0);
	EXPECT(f, "((`u` > 18446744073709551615) or (((`u` = "
	    "18446744073709551615)) AND (`d` > -1234.50)) or (((`u` = "
	    "18446744073709551615) and (`d` = -1234.50)) AND (`m` > -8388608)))");
	assert_int_equal(sqlbuild_range_comparison(f->sb, bad1, SQLBUILD_GT,
	    &f->b, &f->cause), -1);
	assert_string_equal(f->cause,
	    "value of key column `u` is not an integer");
	free(f->cause);
	assert_int_equal(sqlbuild_range_comparison(f->sb, bad2, SQLBUILD_GT,
	    &f->b, &f->cause), -1);
	assert_string_equal(f->cause, "value of key column `d` is not a decimal");
	free(f->cause);
	assert_int_equal(sqlbuild_range_comparison(f->sb, bad3, SQLBUILD_GT,
	    &f->b, &f->cause), -1);
	assert_string_equal(f->cause, "value of key column `m` is not an integer");
	assert_int_equal(f->b.len, 0);
}

/* Strings become hex in the connection's charset: no escaping at all. */
static void
test_values_strings_and_bytes(void **state)
{
	struct fixture		*f = *state;
	const struct colspec	 c[] = {
		{ "s", "varchar(20)", "varchar", "latin1", false, "" },
		{ "b", "varbinary(20)", "varbinary", NULL, false, "" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};
	const struct sqlbuild_value v[] = {
		{ "a'b\\c\0d", 7, false }, { "\x00\xff'", 3, false } };
	const struct sqlbuild_value empty[] = { V(""), V("") };

	add_columns(&f->orig, c);
	add_columns(&f->ghost, c);
	make_plan(f, "sb", "s,b", false, "s,b", NULL);
	build(f);
	assert_int_equal(sqlbuild_range_comparison(f->sb, v, SQLBUILD_GE,
	    &f->b, &f->cause), 0);
	EXPECT(f, "((`s` > _utf8mb4 X'6127625C630064') or (((`s` = _utf8mb4 "
	    "X'6127625C630064')) AND (`b` > X'00FF27')) or ((`s` = _utf8mb4 "
	    "X'6127625C630064') and (`b` = X'00FF27')))");
	assert_int_equal(sqlbuild_range_comparison(f->sb, empty, SQLBUILD_GT,
	    &f->b, &f->cause), 0);
	EXPECT(f, "((`s` > _utf8mb4 X'') or (((`s` = _utf8mb4 X'')) AND "
	    "(`b` > X'')))");
}

static void
test_values_client_charset(void **state)
{
	struct fixture			*f = *state;
	const struct sqlbuild_value	 v[] = { V("\xe4"), V("1") };

	const struct colspec		 c[] = {
		{ "name", "varchar(20)", "varchar", "latin1", false, "" },
		{ "position", "int(11)", "int", NULL, false, "" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};

	f->desc.client_charset = "latin1";
	add_columns(&f->orig, c);
	add_columns(&f->ghost, c);
	make_plan(f, "np", "name,position", false, "name,position", NULL);
	build(f);
	assert_int_equal(sqlbuild_range_comparison(f->sb, v, SQLBUILD_LT,
	    &f->b, &f->cause), 0);
	EXPECT(f, "((`name` < _latin1 X'E4') or (((`name` = _latin1 X'E4')) "
	    "AND (`position` < 1)))");
}

/* Key values and ENUM/SET members pass through the connection's charset:
 * one that cannot carry the column's is refused. */
static void
test_client_charset_carries(void **state)
{
	static const struct {
		const char	*client, *col, *type;
		bool		 key, ok;
	} cases[] = {
		{ "utf8mb4", "utf8mb4", "varchar", true, true },
		{ "utf8mb4", "latin1", "varchar", true, true },
		{ "utf8mb4", "utf16", "varchar", true, true },
		{ "latin1", "latin1", "varchar", true, true },
		{ "latin1", "ascii", "varchar", true, true },
		{ "utf8mb3", "latin1", "varchar", true, true },
		{ "utf8mb3", "utf8", "varchar", true, true },
		{ "utf8mb3", "utf8mb3", "varchar", true, true },
		{ "latin1", "utf8mb4", "varchar", true, false },
		{ "latin1", "cp1250", "varchar", true, false },
		{ "utf8mb3", "utf8mb4", "varchar", true, false },
		{ "utf8mb3", "utf32", "varchar", true, false },
		/* Not in the key: plain text goes by binlog, not read back. */
		{ "latin1", "utf8mb4", "varchar", false, true },
		/* ENUM members are read back, key or not. */
		{ "latin1", "utf8mb4", "enum", false, false },
		{ "latin1", "latin1", "enum", false, true },
	};
	size_t	i;

	for (i = 0; i < nitems(cases); i++) {
		struct fixture		*f;
		struct colspec		 c[] = {
			{ "id", "int(11)", "int", NULL, false, "" },
			{ "s", strcmp(cases[i].type, "enum") == 0 ?
			    "enum('a','b')" : "varchar(20)", cases[i].type,
			    cases[i].col, false, "" },
			{ NULL, NULL, NULL, NULL, false, NULL },
		};
		struct colspec		 g[3];
		void			*st;

		setup(&st);
		f = st;
		memcpy(g, c, sizeof g);
		/* An ENUM's members are read back when it becomes text. */
		if (strcmp(cases[i].type, "enum") == 0) {
			g[1].ct = "varchar(20)";
			g[1].dt = "varchar";
		}
		f->desc.client_charset = cases[i].client;
		add_columns(&f->orig, c);
		add_columns(&f->ghost, g);
		make_plan(f, "k", cases[i].key ? "s,id" : "id", false, "id,s",
		    NULL);
		f->sb = sqlbuild_create(&f->desc, &f->cause);
		if (cases[i].ok) {
			if (f->sb == NULL)
				fail_msg("case %zu: %s", i, f->cause);
		} else {
			char *want = xasprintf("column `s` is %s, which the "
			    "connection's charset %s cannot carry: use "
			    "--charset=utf8mb4", cases[i].col, cases[i].client);

			if (f->sb != NULL)
				fail_msg("case %zu: not refused", i);
			assert_string_equal(f->cause, want);
			free(want);
		}
		teardown(&st);
	}
}

static void
test_values_temporal_bit_double(void **state)
{
	struct fixture		*f = *state;
	const struct colspec	 c[] = {
		{ "t", "datetime(6)", "datetime", NULL, false, "" },
		{ "tm", "time", "time", NULL, false, "" },
		{ "bt", "bit(12)", "bit", NULL, false, "" },
		{ "dd", "double", "double", NULL, false, "" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};
	const struct sqlbuild_value v[] = { V("2024-01-02 03:04:05.123456"),
	    V("-838:59:59"), { "\x0f\xff", 2, false }, V("-1.5e-07") };
	const struct sqlbuild_value bad[] = { V("2024-01-02' or '1"),
	    V("1"), V("1"), V("1") };
	const struct sqlbuild_value badd[] = { V("2024-01-02"),
	    V("1"), V("1"), V("1e") };

	add_columns(&f->orig, c);
	add_columns(&f->ghost, c);
	make_plan(f, "k", "t,tm,bt,dd", false, "t,tm,bt,dd", NULL);
	build(f);
	assert_int_equal(sqlbuild_range_comparison(f->sb, v, SQLBUILD_GT,
	    &f->b, &f->cause), 0);
	EXPECT(f, "((`t` > '2024-01-02 03:04:05.123456') or (((`t` = "
	    "'2024-01-02 03:04:05.123456')) AND (`tm` > '-838:59:59')) or "
	    "(((`t` = '2024-01-02 03:04:05.123456') and (`tm` = '-838:59:59')) "
	    "AND (`bt` > 4095)) or (((`t` = '2024-01-02 03:04:05.123456') and "
	    "(`tm` = '-838:59:59') and (`bt` = 4095)) AND (`dd` > -1.5e-07)))");
	assert_int_equal(sqlbuild_range_comparison(f->sb, bad, SQLBUILD_GT,
	    &f->b, &f->cause), -1);
	assert_string_equal(f->cause,
	    "value of key column `t` is not a date or time");
	free(f->cause);
	assert_int_equal(sqlbuild_range_comparison(f->sb, badd, SQLBUILD_GT,
	    &f->b, &f->cause), -1);
	assert_string_equal(f->cause, "value of key column `dd` is not a number");
}

/* --- next range end (gh-ost BuildUniqueKeyRangeEndPreparedQuery*) --- */

static void
test_range_end_one_column(void **state)
{
	struct fixture			*f = *state;
	const struct sqlbuild_value	 s[] = { V("3") }, m[] = { V("103") };

	gh_table(f, "PRIMARY", "id");
	assert_int_equal(sqlbuild_range_end(f->sb, SQLBUILD_END_OFFSET, s, true,
	    m, 500, 0, &f->b, &f->cause), 0);
	EXPECT(f, "select /* wisp `mydb`.`tbl` iteration:0 */ `id` from "
	    "`mydb`.`tbl` force index (`PRIMARY`) where ((`id` > 3) or "
	    "((`id` = 3))) and ((`id` < 103) or ((`id` = 103))) order by "
	    "`id` asc limit 1 offset 499");
	assert_int_equal(sqlbuild_range_end(f->sb, SQLBUILD_END_TEMPTABLE, s,
	    false, m, 500, 7, &f->b, &f->cause), 0);
	EXPECT(f, "select /* wisp `mydb`.`tbl` iteration:7 */ `id` from "
	    "(select `id` from `mydb`.`tbl` force index (`PRIMARY`) where "
	    "((`id` > 3)) and ((`id` < 103) or ((`id` = 103))) order by `id` "
	    "asc limit 500) select_osc_chunk order by `id` desc limit 1");
}

static void
test_range_end_two_columns_union_offset(void **state)
{
	struct fixture			*f = *state;
	const struct sqlbuild_value	 s[] = { V("3"), V("17") };
	const struct sqlbuild_value	 m[] = { V("103"), V("117") };

	gh_table(f, "name_position_uidx", "id,position");
	assert_int_equal(sqlbuild_range_end(f->sb, SQLBUILD_END_OFFSET, s,
	    false, m, 500, 1, &f->b, &f->cause), 0);
	EXPECT(f, "select /* wisp `mydb`.`tbl` iteration:1 */ `id`, `position` "
	    "from ((select `id`, `position` from `mydb`.`tbl` force index "
	    "(`name_position_uidx`) where `id` = 3 and `position` > 17 order by "
	    "`id` asc, `position` asc limit 500) union all (select `id`, "
	    "`position` from `mydb`.`tbl` force index (`name_position_uidx`) "
	    "where `id` > 3 and `id` < 103 order by `id` asc, `position` asc "
	    "limit 500) union all (select `id`, `position` from `mydb`.`tbl` "
	    "force index (`name_position_uidx`) where `id` = 103 and `position` "
	    "<= 117 order by `id` asc, `position` asc limit 500)) t order by "
	    "`id` asc, `position` asc limit 1 offset 499");
}

static void
test_range_end_two_columns_same_first(void **state)
{
	struct fixture			*f = *state;
	const struct sqlbuild_value	 s[] = { V("3"), V("17") };
	const struct sqlbuild_value	 m[] = { V("3"), V("117") };

	gh_table(f, "name_position_uidx", "id,position");
	assert_int_equal(sqlbuild_range_end(f->sb, SQLBUILD_END_OFFSET, s,
	    false, m, 500, 1, &f->b, &f->cause), 0);
	EXPECT(f, "select /* wisp `mydb`.`tbl` iteration:1 */ `id`, `position` "
	    "from `mydb`.`tbl` force index (`name_position_uidx`) where (`id` = "
	    "3 and `position` > 17 and `position` <= 117) order by `id` asc, "
	    "`position` asc limit 1 offset 499");
	assert_int_equal(sqlbuild_range_end(f->sb, SQLBUILD_END_TEMPTABLE, s,
	    true, m, 500, 0, &f->b, &f->cause), 0);
	EXPECT(f, "select /* wisp `mydb`.`tbl` iteration:0 */ `id`, `position` "
	    "from (select `id`, `position` from `mydb`.`tbl` force index "
	    "(`name_position_uidx`) where (`id` = 3 and `position` >= 17 and "
	    "`position` <= 117) order by `id` asc, `position` asc limit 500) "
	    "select_osc_chunk order by `id` desc, `position` desc limit 1");
}

static void
test_range_end_two_columns_union_temptable(void **state)
{
	struct fixture			*f = *state;
	const struct sqlbuild_value	 s[] = { V("3"), V("17") };
	const struct sqlbuild_value	 m[] = { V("103"), V("117") };

	gh_table(f, "k", "id,position");
	assert_int_equal(sqlbuild_range_end(f->sb, SQLBUILD_END_TEMPTABLE, s,
	    false, m, 500, 2, &f->b, &f->cause), 0);
	EXPECT(f, "select /* wisp `mydb`.`tbl` iteration:2 */ `id`, `position` "
	    "from (select `id`, `position` from ((select `id`, `position` from "
	    "`mydb`.`tbl` force index (`k`) where `id` = 3 and `position` > 17 "
	    "order by `id` asc, `position` asc limit 500) union all (select "
	    "`id`, `position` from `mydb`.`tbl` force index (`k`) where `id` > 3 "
	    "and `id` < 103 order by `id` asc, `position` asc limit 500) union "
	    "all (select `id`, `position` from `mydb`.`tbl` force index (`k`) "
	    "where `id` = 103 and `position` <= 117 order by `id` asc, "
	    "`position` asc limit 500)) t order by `id` asc, `position` asc "
	    "limit 500) select_osc_chunk order by `id` desc, `position` desc "
	    "limit 1");
}

/* gh-ost TestBuildUniqueKeyRangeEndPreparedQueryTwoColumnEnum. */
static void
test_range_end_two_columns_enum(void **state)
{
	struct fixture		*f = *state;
	const struct colspec	 c[] = {
		{ "name", "enum('a','z')", "enum", "utf8mb4", false, "" },
		{ "position", "int(11)", "int", NULL, false, "" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};
	const struct sqlbuild_value s[] = { V("a"), V("17") };
	const struct sqlbuild_value m[] = { V("z"), V("117") };

	add_columns(&f->orig, c);
	add_columns(&f->ghost, c);
	make_plan(f, "k", "name,position", false, "name,position", NULL);
	build(f);
	assert_int_equal(sqlbuild_range_end(f->sb, SQLBUILD_END_OFFSET, s,
	    false, m, 10, 3, &f->b, &f->cause), 0);
	EXPECT(f, "select /* wisp `mydb`.`tbl` iteration:3 */ `name`, "
	    "`position` from ((select `name`, `position` from `mydb`.`tbl` "
	    "force index (`k`) where `name` = _utf8mb4 X'61' and `position` > "
	    "17 order by concat(`name`) asc, `position` asc limit 10) union all "
	    "(select `name`, `position` from `mydb`.`tbl` force index (`k`) "
	    "where `name` > _utf8mb4 X'61' and `name` < _utf8mb4 X'7A' order by "
	    "concat(`name`) asc, `position` asc limit 10) union all (select "
	    "`name`, `position` from `mydb`.`tbl` force index (`k`) where "
	    "`name` = _utf8mb4 X'7A' and `position` <= 117 order by "
	    "concat(`name`) asc, `position` asc limit 10)) t order by "
	    "concat(`name`) asc, `position` asc limit 1 offset 9");
}

static void
test_range_end_three_columns(void **state)
{
	struct fixture			*f = *state;
	const struct sqlbuild_value	 s[] = { V("1"), V("2"), V("3") };
	const struct sqlbuild_value	 m[] = { V("4"), V("5"), V("6") };

	three_table(f);
	assert_int_equal(sqlbuild_range_end(f->sb, SQLBUILD_END_OFFSET, s,
	    false, m, 1, 9, &f->b, &f->cause), 0);
	EXPECT(f, "select /* wisp `mydb`.`tbl` iteration:9 */ `c1`, `c2`, `c3` "
	    "from `mydb`.`tbl` force index (`k3`) where ((`c1` > 1) or "
	    "(((`c1` = 1)) AND (`c2` > 2)) or (((`c1` = 1) and (`c2` = 2)) AND "
	    "(`c3` > 3))) and ((`c1` < 4) or (((`c1` = 4)) AND (`c2` < 5)) or "
	    "(((`c1` = 4) and (`c2` = 5)) AND (`c3` < 6)) or ((`c1` = 4) and "
	    "(`c2` = 5) and (`c3` = 6))) order by `c1` asc, `c2` asc, `c3` asc "
	    "limit 1 offset 0");
}

/* A nullable two-column key keeps the general, NULL-aware form. */
static void
test_range_end_two_columns_nullable(void **state)
{
	struct fixture		*f = *state;
	const struct colspec	 c[] = {
		{ "a", "int(11)", "int", NULL, false, "" },
		{ "b", "int(11)", "int", NULL, true, "" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};
	const struct sqlbuild_value s[] = { V("1"), VNULL };
	const struct sqlbuild_value m[] = { V("9"), V("9") };

	add_columns(&f->orig, c);
	add_columns(&f->ghost, c);
	make_plan(f, "ab", "a,b", true, "a,b", NULL);
	build(f);
	assert_int_equal(sqlbuild_range_end(f->sb, SQLBUILD_END_OFFSET, s,
	    true, m, 100, 0, &f->b, &f->cause), 0);
	EXPECT(f, "select /* wisp `mydb`.`tbl` iteration:0 */ `a`, `b` from "
	    "`mydb`.`tbl` force index (`ab`) where ((`a` > 1) or (((`a` = 1)) "
	    "AND (`b` is not null)) or ((`a` = 1) and (`b` is null))) and "
	    "((`a` < 9) or (((`a` = 9)) AND ((`b` < 9) or (`b` is null))) or "
	    "((`a` = 9) and (`b` = 9))) order by `a` asc, `b` asc limit 1 "
	    "offset 99");
}

static void
test_range_end_errors(void **state)
{
	struct fixture			*f = *state;
	const struct sqlbuild_value	 s[] = { V("1") }, bad[] = { V("x") };

	gh_table(f, "PRIMARY", "id");
	assert_int_equal(sqlbuild_range_end(f->sb, SQLBUILD_END_OFFSET, s,
	    true, s, 0, 0, &f->b, &f->cause), -1);
	assert_string_equal(f->cause, "chunk size must be positive");
	free(f->cause);
	assert_int_equal(sqlbuild_range_end(f->sb, SQLBUILD_END_OFFSET, s,
	    true, bad, 10, 0, &f->b, &f->cause), -1);
	assert_string_equal(f->cause, "value of key column `id` is not an integer");
	assert_int_equal(f->b.len, 0);
}

/* --- chunk copy (gh-ost BuildRangeInsertQuery) --- */

static void
test_copy_one_column(void **state)
{
	struct fixture			*f = *state;
	const struct sqlbuild_value	 s[] = { V("3") }, e[] = { V("103") };

	gh_table(f, "PRIMARY", "id");
	assert_int_equal(sqlbuild_copy_chunk(f->sb, s, true, e, &f->b,
	    &f->cause), 0);
	EXPECT(f, "insert /* wisp `mydb`.`tbl` */ ignore into `mydb`.`ghost` "
	    "(`id`, `name`, `position`) (select `id`, `name`, `position` from "
	    "`mydb`.`tbl` force index (`PRIMARY`) where (((`id` > 3) or "
	    "((`id` = 3))) and ((`id` < 103) or ((`id` = 103)))) lock in share "
	    "mode)");
	assert_int_equal(sqlbuild_copy_chunk(f->sb, s, false, e, &f->b,
	    &f->cause), 0);
	EXPECT(f, "insert /* wisp `mydb`.`tbl` */ ignore into `mydb`.`ghost` "
	    "(`id`, `name`, `position`) (select `id`, `name`, `position` from "
	    "`mydb`.`tbl` force index (`PRIMARY`) where (((`id` > 3)) and "
	    "((`id` < 103) or ((`id` = 103)))) lock in share mode)");
}

/* The checkpoint table: key column types twice, _min then _max; rows
 * carry the key bounds as literals of the key's types. */
static void
test_checkpoint(void **state)
{
	struct fixture			*f = *state;
	const struct sqlbuild_value	 lo[] = { V("3"), V("ab") },
					 hi[] = { V("103"), { NULL, 0, true } };
	struct sqlbuild_checkpoint	 chk = { "mariadb-bin.000002:4567",
					    7, 700, 42, false };

	add_columns(&f->orig, gh_cols);
	add_columns(&f->ghost, gh_cols);
	make_plan(f, "uk", "id,name", false, "id,name,position", NULL);
	build(f);
	sqlbuild_checkpoint_create(&f->b, "mydb", "_tbl_ghk", &f->orig,
	    f->plan.key);
	EXPECT(f, "create /* wisp */ table `mydb`.`_tbl_ghk` (gh_ost_chk_id "
	    "bigint auto_increment primary key, gh_ost_chk_timestamp bigint, "
	    "gh_ost_chk_coords text charset ascii, gh_ost_chk_iteration bigint, "
	    "gh_ost_rows_copied bigint, gh_ost_dml_applied bigint, "
	    "gh_ost_is_cutover tinyint(1) default '0', `id_min` int(11), "
	    "`name_min` varchar(20) character set utf8mb4, `id_max` int(11), "
	    "`name_max` varchar(20) character set utf8mb4)");
	assert_int_equal(sqlbuild_checkpoint_insert(f->sb, "_tbl_ghk", &chk,
	    lo, hi, &f->b, &f->cause), 0);
	EXPECT(f, "insert /* wisp */ into `mydb`.`_tbl_ghk` "
	    "(gh_ost_chk_timestamp, gh_ost_chk_coords, gh_ost_chk_iteration, "
	    "gh_ost_rows_copied, gh_ost_dml_applied, gh_ost_is_cutover, "
	    "`id_min`, `name_min`, `id_max`, `name_max`) values "
	    "(unix_timestamp(now()), 'mariadb-bin.000002:4567', 7, 700, 42, 0, "
	    "3, _utf8mb4 X'6162', 103, NULL)");
	chk.is_cutover = true;
	assert_int_equal(sqlbuild_checkpoint_insert(f->sb, "_tbl_ghk", &chk,
	    NULL, NULL, &f->b, &f->cause), 0);
	EXPECT(f, "insert /* wisp */ into `mydb`.`_tbl_ghk` "
	    "(gh_ost_chk_timestamp, gh_ost_chk_coords, gh_ost_chk_iteration, "
	    "gh_ost_rows_copied, gh_ost_dml_applied, gh_ost_is_cutover, "
	    "`id_min`, `name_min`, `id_max`, `name_max`) values "
	    "(unix_timestamp(now()), 'mariadb-bin.000002:4567', 7, 700, 42, 1, "
	    "NULL, NULL, NULL, NULL)");
	sqlbuild_checkpoint_last(&f->b, f->sb, "_tbl_ghk");
	EXPECT(f, "select /* wisp */ gh_ost_chk_id, gh_ost_chk_timestamp, "
	    "gh_ost_chk_coords, gh_ost_chk_iteration, gh_ost_rows_copied, "
	    "gh_ost_dml_applied, gh_ost_is_cutover, `id_min`, `name_min`, "
	    "`id_max`, `name_max` from `mydb`.`_tbl_ghk` order by gh_ost_chk_id "
	    "desc limit 1");
}

/* gh-ost TestBuildRangeInsertQueryRenameMap: ghost names on the insert
 * side only. */
static void
test_copy_renamed_column(void **state)
{
	struct fixture			*f = *state;
	const struct colspec		 g[] = {
		{ "id", "int(11)", "int", NULL, false, "" },
		{ "name", "varchar(20)", "varchar", "utf8mb4", false, "" },
		{ "location", "int(11)", "int", NULL, false, "" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};
	const struct sqlbuild_value	 s[] = { V("3") }, e[] = { V("103") };

	add_columns(&f->orig, gh_cols);
	add_columns(&f->ghost, g);
	make_plan(f, "PRIMARY", "id", false, "id,name,position",
	    "id,name,location");
	f->desc.lock = SQLBUILD_LOCK_FOR_SHARE_NOWAIT;
	build(f);
	assert_int_equal(sqlbuild_copy_chunk(f->sb, s, true, e, &f->b,
	    &f->cause), 0);
	EXPECT(f, "insert /* wisp `mydb`.`tbl` */ ignore into `mydb`.`ghost` "
	    "(`id`, `name`, `location`) (select `id`, `name`, `position` from "
	    "`mydb`.`tbl` force index (`PRIMARY`) where (((`id` > 3) or "
	    "((`id` = 3))) and ((`id` < 103) or ((`id` = 103)))) for share "
	    "nowait)");
}

static void
test_copy_two_columns_union(void **state)
{
	struct fixture			*f = *state;
	const struct sqlbuild_value	 s[] = { V("3"), V("17") };
	const struct sqlbuild_value	 e[] = { V("103"), V("117") };

	f->desc.lock = SQLBUILD_LOCK_SHARE_NOWAIT;
	gh_table(f, "name_position_uidx", "id,position");
	assert_int_equal(sqlbuild_copy_chunk(f->sb, s, true, e, &f->b,
	    &f->cause), 0);
	EXPECT(f, "insert /* wisp `mydb`.`tbl` */ ignore into `mydb`.`ghost` "
	    "(`id`, `name`, `position`) (select `id`, `name`, `position` from "
	    "`mydb`.`tbl` force index (`name_position_uidx`) where `id` = 3 and "
	    "`position` >= 17 lock in share mode nowait) union all (select `id`, "
	    "`name`, `position` from `mydb`.`tbl` force index "
	    "(`name_position_uidx`) where `id` > 3 and `id` < 103 lock in share "
	    "mode nowait) union all (select `id`, `name`, `position` from "
	    "`mydb`.`tbl` force index (`name_position_uidx`) where `id` = 103 and "
	    "`position` <= 117 lock in share mode nowait)");
}

/* A non-transactional table: no locking clause, no trailing space. */
static void
test_copy_two_columns_no_lock(void **state)
{
	struct fixture			*f = *state;
	const struct sqlbuild_value	 s[] = { V("3"), V("17") };
	const struct sqlbuild_value	 e[] = { V("103"), V("117") };
	const struct sqlbuild_value	 e2[] = { V("3"), V("117") };

	f->desc.lock = SQLBUILD_LOCK_NONE;
	gh_table(f, "k", "id,position");
	assert_int_equal(sqlbuild_copy_chunk(f->sb, s, false, e, &f->b,
	    &f->cause), 0);
	EXPECT(f, "insert /* wisp `mydb`.`tbl` */ ignore into `mydb`.`ghost` "
	    "(`id`, `name`, `position`) (select `id`, `name`, `position` from "
	    "`mydb`.`tbl` force index (`k`) where `id` = 3 and `position` > 17) "
	    "union all (select `id`, `name`, `position` from `mydb`.`tbl` force "
	    "index (`k`) where `id` > 3 and `id` < 103) union all (select `id`, "
	    "`name`, `position` from `mydb`.`tbl` force index (`k`) where "
	    "`id` = 103 and `position` <= 117)");
	assert_int_equal(sqlbuild_copy_chunk(f->sb, s, true, e2, &f->b,
	    &f->cause), 0);
	EXPECT(f, "insert /* wisp `mydb`.`tbl` */ ignore into `mydb`.`ghost` "
	    "(`id`, `name`, `position`) (select `id`, `name`, `position` from "
	    "`mydb`.`tbl` force index (`k`) where (`id` = 3 and `position` >= 17 "
	    "and `position` <= 117))");
}

static void
test_copy_three_columns(void **state)
{
	struct fixture			*f = *state;
	const struct sqlbuild_value	 s[] = { V("1"), V("2"), V("3") };
	const struct sqlbuild_value	 e[] = { V("4"), V("5"), V("6") };

	three_table(f);
	assert_int_equal(sqlbuild_copy_chunk(f->sb, s, false, e, &f->b,
	    &f->cause), 0);
	EXPECT(f, "insert /* wisp `mydb`.`tbl` */ ignore into `mydb`.`ghost` "
	    "(`c1`, `c2`, `c3`) (select `c1`, `c2`, `c3` from `mydb`.`tbl` force "
	    "index (`k3`) where (((`c1` > 1) or (((`c1` = 1)) AND (`c2` > 2)) or "
	    "(((`c1` = 1) and (`c2` = 2)) AND (`c3` > 3))) and ((`c1` < 4) or "
	    "(((`c1` = 4)) AND (`c2` < 5)) or (((`c1` = 4) and (`c2` = 5)) AND "
	    "(`c3` < 6)) or ((`c1` = 4) and (`c2` = 5) and (`c3` = 6)))) lock in "
	    "share mode)");
}

/* Generated columns in the plan are not written; columns the ALTER drops
 * are not in the plan at all. */
static void
test_copy_generated_and_dropped(void **state)
{
	struct fixture		*f = *state;
	const struct colspec	 o[] = {
		{ "id", "int(11)", "int", NULL, false, "auto_increment" },
		{ "gone", "text", "text", "utf8mb4", true, "" },
		{ "v", "int(11)", "int", NULL, true, "VIRTUAL GENERATED" },
		{ "x", "int(11)", "int", NULL, true, "" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};
	const struct colspec	 g[] = {
		{ "id", "int(11)", "int", NULL, false, "auto_increment" },
		{ "v", "int(11)", "int", NULL, true, "VIRTUAL GENERATED" },
		{ "x", "int(11)", "int", NULL, true, "STORED GENERATED" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};
	const struct sqlbuild_value s[] = { V("1") };
	struct rowimage_value	 vals[4];
	struct rowimage_row	 row = ROW(vals);
	const struct rowimage_row *rows[] = { &row };

	add_columns(&f->orig, o);
	add_columns(&f->ghost, g);
	make_plan(f, "PRIMARY", "id", false, "id,v,x", NULL);
	build(f);
	assert_int_equal(sqlbuild_nshared(f->sb), 1);
	assert_int_equal(sqlbuild_copy_chunk(f->sb, s, true, s, &f->b,
	    &f->cause), 0);
	EXPECT(f, "insert /* wisp `mydb`.`tbl` */ ignore into `mydb`.`ghost` "
	    "(`id`) (select `id` from `mydb`.`tbl` force index (`PRIMARY`) "
	    "where (((`id` > 1) or ((`id` = 1))) and ((`id` < 1) or "
	    "((`id` = 1)))) lock in share mode)");
	vals[0] = r_int(1);
	vals[1] = r_str("x", 1, "utf8mb4");
	vals[2] = r_int(2);
	vals[3] = r_int(3);
	assert_int_equal(sqlbuild_dml_insert(f->sb, rows, 1, &f->b, &f->cause), 0);
	EXPECT(f, "insert /* wisp `mydb`.`ghost` */ ignore into `mydb`.`ghost` "
	    "(`id`) values (1)");
}

/* --- DML from row images (gh-ost NewDML*QueryBuilder) --- */

/* orig (id, name, position), ghost (id, name, location), key (id). */
static void
dml_table(struct fixture *f, const char *key_csv)
{
	const struct colspec	g[] = {
		{ "id", "int(11)", "int", NULL, false, "" },
		{ "name", "varchar(20)", "varchar", "utf8mb4", false, "" },
		{ "location", "int(11)", "int", NULL, false, "" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};

	add_columns(&f->orig, gh_cols);
	add_columns(&f->ghost, g);
	make_plan(f, "k", key_csv, false, "id,name,position",
	    "id,name,location");
	build(f);
}

static void
test_dml_insert(void **state)
{
	struct fixture		*f = *state;
	struct rowimage_value	 a[] = { r_int(-3), r_str("it's\\\0", 6,
				     "utf8mb4"), r_null };
	struct rowimage_value	 z[] = { r_int(4), r_str("", 0, "utf8mb4"),
				     r_int(17) };
	struct rowimage_row	 ra = ROW(a), rz = ROW(z);
	const struct rowimage_row *rows[] = { &ra, &rz };

	dml_table(f, "id");
	assert_int_equal(sqlbuild_dml_insert(f->sb, rows, 1, &f->b, &f->cause), 0);
	EXPECT(f, "insert /* wisp `mydb`.`ghost` */ ignore into `mydb`.`ghost` "
	    "(`id`, `name`, `location`) values (-3, _utf8mb4 X'697427735C00', "
	    "NULL)");
	assert_int_equal(sqlbuild_dml_insert(f->sb, rows, 2, &f->b, &f->cause), 0);
	EXPECT(f, "insert /* wisp `mydb`.`ghost` */ ignore into `mydb`.`ghost` "
	    "(`id`, `name`, `location`) values (-3, _utf8mb4 X'697427735C00', "
	    "NULL), (4, _utf8mb4 X'', 17)");
	assert_int_equal(sqlbuild_dml_insert(f->sb, rows, 0, &f->b, &f->cause), -1);
	assert_string_equal(f->cause, "no rows to insert");
}

static void
test_dml_insert_replace_unsigned(void **state)
{
	struct fixture		*f = *state;
	struct rowimage_value	 a[] = { r_uint(4294967295u), r_str("x", 1,
				     "latin1"), r_uint(18446744073709551615u) };
	struct rowimage_row	 ra = ROW(a);
	const struct rowimage_row *rows[] = { &ra };

	f->desc.insert = SQLBUILD_INSERT_REPLACE;
	dml_table(f, "id");
	assert_int_equal(sqlbuild_dml_insert(f->sb, rows, 1, &f->b, &f->cause), 0);
	EXPECT(f, "replace /* wisp `mydb`.`ghost` */ into `mydb`.`ghost` "
	    "(`id`, `name`, `location`) values (4294967295, _latin1 X'78', "
	    "18446744073709551615)");
}

static void
test_dml_delete(void **state)
{
	struct fixture		*f = *state;
	struct rowimage_value	 a[] = { r_int(3), r_str("ab", 2, "utf8mb4"),
				     r_int(17) };
	struct rowimage_row	 ra = ROW(a);

	dml_table(f, "name,position");
	assert_int_equal(sqlbuild_dml_delete(f->sb, &ra, &f->b, &f->cause), 0);
	EXPECT(f, "delete /* wisp `mydb`.`ghost` */ from `mydb`.`ghost` where "
	    "((`name` = _utf8mb4 X'6162') and (`location` = 17))");
}

static void
test_dml_delete_nullable_key(void **state)
{
	struct fixture		*f = *state;
	const struct colspec	 c[] = {
		{ "a", "int(11)", "int", NULL, true, "" },
		{ "b", "varbinary(4)", "varbinary", NULL, false, "" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};
	struct rowimage_value	 a[2];
	struct rowimage_row	 ra = ROW(a);

	add_columns(&f->orig, c);
	add_columns(&f->ghost, c);
	make_plan(f, "ab", "a,b", true, "a,b", NULL);
	build(f);
	a[0] = r_null;
	a[1] = r_text(ROWIMAGE_BYTES, "\x01");
	assert_int_equal(sqlbuild_dml_delete(f->sb, &ra, &f->b, &f->cause), 0);
	EXPECT(f, "delete /* wisp `mydb`.`ghost` */ from `mydb`.`ghost` where "
	    "((`a` <=> NULL) and (`b` = X'01'))");
}

static void
test_dml_update(void **state)
{
	struct fixture		*f = *state;
	struct rowimage_value	 a[] = { r_int(3), r_str("a", 1, "utf8mb4"),
				     r_int(17) };
	struct rowimage_value	 z[] = { r_int(3), r_str("b", 1, "utf8mb4"),
				     r_null };
	struct rowimage_row	 ra = ROW(a), rz = ROW(z);
	bool			 changed = true;

	dml_table(f, "id");
	assert_int_equal(sqlbuild_key_changed(f->sb, &ra, &rz, &changed,
	    &f->cause), 0);
	assert_false(changed);
	assert_int_equal(sqlbuild_dml_update(f->sb, &ra, &rz, &f->b,
	    &f->cause), 0);
	EXPECT(f, "update /* wisp `mydb`.`ghost` */ `mydb`.`ghost` set `id`=3, "
	    "`name`=_utf8mb4 X'62', `location`=NULL where ((`id` = 3))");
}

/* gh-ost: an UPDATE that moves the key is a DELETE and an INSERT. */
static void
test_batch_update_changes_key(void **state)
{
	struct fixture		*f = *state;
	struct rowimage_value	 a[] = { r_int(3), r_str("a", 1, "utf8mb4"),
				     r_int(17) };
	struct rowimage_value	 z[] = { r_int(4), r_str("a", 1, "utf8mb4"),
				     r_int(17) };
	struct rowimage_row	 ra = ROW(a), rz = ROW(z);
	struct sqlbuild_batch	 batch;
	bool			 changed = false;

	dml_table(f, "id");
	assert_int_equal(sqlbuild_key_changed(f->sb, &ra, &rz, &changed,
	    &f->cause), 0);
	assert_true(changed);
	sqlbuild_batch_init(&batch, 1);
	assert_int_equal(sqlbuild_batch_add(f->sb, &batch, SQLBUILD_DML_UPDATE,
	    &ra, &rz, &f->cause), 0);
	assert_int_equal(batch.n, 2);
	assert_int_equal(batch.v[0].delta, -1);
	assert_int_equal(batch.v[1].delta, 1);
	sqlbuild_batch_join(&batch, false, &f->b);
	EXPECT(f, "delete /* wisp `mydb`.`ghost` */ from `mydb`.`ghost` where "
	    "((`id` = 3));\ninsert /* wisp `mydb`.`ghost` */ ignore into "
	    "`mydb`.`ghost` (`id`, `name`, `location`) values (4, _utf8mb4 "
	    "X'61', 17)");
	sqlbuild_batch_release(&batch);
}

/* Consecutive inserts merge up to max_insert_rows; others stay apart. */
static void
test_batch_merge_and_join(void **state)
{
	struct fixture		*f = *state;
	struct rowimage_value	 v1[] = { r_int(1), r_str("a", 1, "utf8mb4"),
				     r_int(1) };
	struct rowimage_value	 v2[] = { r_int(2), r_str("b", 1, "utf8mb4"),
				     r_int(2) };
	struct rowimage_value	 v3[] = { r_int(3), r_str("c", 1, "utf8mb4"),
				     r_int(3) };
	struct rowimage_row	 r1 = ROW(v1), r2 = ROW(v2), r3 = ROW(v3);
	struct sqlbuild_batch	 batch;

	dml_table(f, "id");
	sqlbuild_batch_init(&batch, 2);
	assert_int_equal(sqlbuild_batch_add(f->sb, &batch, SQLBUILD_DML_INSERT,
	    NULL, &r1, &f->cause), 0);
	assert_int_equal(sqlbuild_batch_add(f->sb, &batch, SQLBUILD_DML_INSERT,
	    NULL, &r2, &f->cause), 0);
	assert_int_equal(sqlbuild_batch_add(f->sb, &batch, SQLBUILD_DML_INSERT,
	    NULL, &r3, &f->cause), 0);
	assert_int_equal(sqlbuild_batch_add(f->sb, &batch, SQLBUILD_DML_DELETE,
	    &r1, NULL, &f->cause), 0);
	assert_int_equal(sqlbuild_batch_add(f->sb, &batch, SQLBUILD_DML_UPDATE,
	    &r2, &r2, &f->cause), 0);
	assert_int_equal(batch.n, 4);
	assert_int_equal(batch.events, 5);
	assert_int_equal(batch.v[0].nrows, 2);
	assert_int_equal(batch.v[1].nrows, 1);
	assert_int_equal(batch.v[2].delta, -1);
	assert_int_equal(batch.v[3].delta, 0);
	sqlbuild_batch_join(&batch, true, &f->b);
	EXPECT(f, "start transaction;\n"
	    "insert /* wisp `mydb`.`ghost` */ ignore into `mydb`.`ghost` (`id`, "
	    "`name`, `location`) values (1, _utf8mb4 X'61', 1), (2, _utf8mb4 "
	    "X'62', 2);\n"
	    "insert /* wisp `mydb`.`ghost` */ ignore into `mydb`.`ghost` (`id`, "
	    "`name`, `location`) values (3, _utf8mb4 X'63', 3);\n"
	    "delete /* wisp `mydb`.`ghost` */ from `mydb`.`ghost` where "
	    "((`id` = 1));\n"
	    "update /* wisp `mydb`.`ghost` */ `mydb`.`ghost` set `id`=2, "
	    "`name`=_utf8mb4 X'62', `location`=2 where ((`id` = 2));\n"
	    "commit");
	sqlbuild_batch_release(&batch);
	assert_int_equal(batch.n, 0);
	sqlbuild_batch_join(&batch, true, &f->b);
	EXPECT(f, "start transaction;\ncommit");
}

/* --panic-on-warnings: SHOW WARNINGS after every statement, one statement
 * per row so that "statement i of n" counts rows as gh-ost does, and no
 * commit: the caller commits only once the warnings are judged. */
static void
test_batch_join_checked(void **state)
{
	struct fixture		*f = *state;
	struct rowimage_value	 v1[] = { r_int(1), r_str("a", 1, "utf8mb4"),
				     r_int(1) };
	struct rowimage_value	 v2[] = { r_int(2), r_str("b", 1, "utf8mb4"),
				     r_int(2) };
	struct rowimage_row	 r1 = ROW(v1), r2 = ROW(v2);
	struct sqlbuild_batch	 batch;

	dml_table(f, "id");
	sqlbuild_batch_init(&batch, 1);
	assert_int_equal(sqlbuild_batch_add(f->sb, &batch, SQLBUILD_DML_INSERT,
	    NULL, &r1, &f->cause), 0);
	assert_int_equal(sqlbuild_batch_add(f->sb, &batch, SQLBUILD_DML_DELETE,
	    &r2, NULL, &f->cause), 0);
	sqlbuild_batch_join_checked(&batch, &f->b);
	EXPECT(f, "start transaction;\n"
	    "insert /* wisp `mydb`.`ghost` */ ignore into `mydb`.`ghost` (`id`, "
	    "`name`, `location`) values (1, _utf8mb4 X'61', 1);\n"
	    "show /* wisp */ warnings;\n"
	    "delete /* wisp `mydb`.`ghost` */ from `mydb`.`ghost` where "
	    "((`id` = 2));\n"
	    "show /* wisp */ warnings");
	sqlbuild_batch_release(&batch);
}

/* Consecutive deletes merge into one statement (deletes of different rows
 * commute); a delete after an insert starts a new one. */
static void
test_batch_merge_deletes(void **state)
{
	struct fixture		*f = *state;
	struct rowimage_value	 v1[] = { r_int(1), r_str("a", 1, "utf8mb4"),
				     r_int(1) };
	struct rowimage_value	 v2[] = { r_int(2), r_str("b", 1, "utf8mb4"),
				     r_int(2) };
	struct rowimage_row	 r1 = ROW(v1), r2 = ROW(v2);
	struct sqlbuild_batch	 batch;

	dml_table(f, "id");
	sqlbuild_batch_init(&batch, 10);
	assert_int_equal(sqlbuild_batch_add(f->sb, &batch, SQLBUILD_DML_DELETE,
	    &r1, NULL, &f->cause), 0);
	assert_int_equal(sqlbuild_batch_add(f->sb, &batch, SQLBUILD_DML_DELETE,
	    &r2, NULL, &f->cause), 0);
	assert_int_equal(sqlbuild_batch_add(f->sb, &batch, SQLBUILD_DML_INSERT,
	    NULL, &r1, &f->cause), 0);
	assert_int_equal(sqlbuild_batch_add(f->sb, &batch, SQLBUILD_DML_DELETE,
	    &r1, NULL, &f->cause), 0);
	assert_int_equal(batch.n, 3);
	assert_int_equal(sqlbuild_batch_statements(&batch), 3);
	assert_int_equal(batch.v[0].nrows, 2);
	sqlbuild_batch_join(&batch, false, &f->b);
	EXPECT(f, "delete /* wisp `mydb`.`ghost` */ from `mydb`.`ghost` where "
	    "((`id` = 1)) or ((`id` = 2));\n"
	    "insert /* wisp `mydb`.`ghost` */ ignore into `mydb`.`ghost` (`id`, "
	    "`name`, `location`) values (1, _utf8mb4 X'61', 1);\n"
	    "delete /* wisp `mydb`.`ghost` */ from `mydb`.`ghost` where "
	    "((`id` = 1))");
	sqlbuild_batch_release(&batch);
}

/* By key: every event of a key folds into one change, and the batch is
 * a delete and two upserts at most, keys in the order they were first
 * changed. */
static void
test_batch_keyed(void **state)
{
	struct fixture		*f = *state;
	struct rowimage_value	 v[7][3];
	struct rowimage_row	 r[7];
	struct sqlbuild_batch	 batch;
	char			 name[7][2];
	int			 i;

	for (i = 0; i < 7; i++) {
		name[i][0] = (char)('a' + i);
		name[i][1] = '\0';
		v[i][0] = r_int(i < 6 ? i : 2);		/* r[6]: key 2 again */
		v[i][1] = r_str(name[i], 1, "utf8mb4");
		v[i][2] = r_int(i);
		r[i].values = v[i];
		r[i].ncols = 3;
	}
	dml_table(f, "id");
	sqlbuild_batch_init_keyed(&batch);
#define ADD(kind, b, a) assert_int_equal(sqlbuild_batch_add(f->sb, &batch, \
	    SQLBUILD_DML_##kind, (b), (a), &f->cause), 0)
	ADD(INSERT, NULL, &r[1]);		/* 1: INS */
	ADD(UPDATE, &r[2], &r[2]);		/* 2: SET b */
	ADD(UPDATE, &r[2], &r[6]);		/* 2: SET g (same key) */
	ADD(DELETE, &r[3], NULL);		/* 3: DEL */
	ADD(INSERT, NULL, &r[3]);		/* 3: DEL+INS = SET (ignore) */
	ADD(INSERT, NULL, &r[4]);		/* 4: INS */
	ADD(DELETE, &r[4], NULL);		/* 4: INS+DEL = DEL */
	ADD(UPDATE, &r[5], &r[0]);		/* 5 -> 0: DEL 5, INS 0 */
#undef ADD
	assert_int_equal(batch.events, 8);
	assert_int_equal(sqlbuild_batch_statements(&batch), 3);
	sqlbuild_batch_join(&batch, true, &f->b);
	/* Only DEL keys are deleted; key 2's last event is an UPDATE: a
	 * plain upsert, which fails where the UPDATE would have (strict
	 * mode); the others ignore errors, as INSERT IGNORE does. */
	EXPECT(f, "start transaction;\n"
	    "delete /* wisp `mydb`.`ghost` */ from `mydb`.`ghost` where "
	    "((`id` = 4)) or ((`id` = 5));\n"
	    "insert /* wisp `mydb`.`ghost` */ ignore into `mydb`.`ghost` (`id`, "
	    "`name`, `location`) values (1, _utf8mb4 X'62', 1), (3, _utf8mb4 "
	    "X'64', 3), (0, _utf8mb4 X'61', 0) on duplicate key update `id` = "
	    "values(`id`), `name` = values(`name`), `location` = "
	    "values(`location`);\n"
	    "insert /* wisp `mydb`.`ghost` */ into `mydb`.`ghost` (`id`, "
	    "`name`, `location`) values (2, _utf8mb4 X'67', 6) on duplicate "
	    "key update `id` = values(`id`), `name` = values(`name`), "
	    "`location` = values(`location`);\n"
	    "commit");
	sqlbuild_batch_release(&batch);
	assert_true(batch.keyed);
	assert_int_equal(batch.nops, 0);
	sqlbuild_batch_join(&batch, true, &f->b);
	EXPECT(f, "start transaction;\ncommit");
}

/* MySQL 8.0.19+: the keyed batch's upserts name the new row with a row
 * alias; VALUES() would raise warning 1287 from 8.0.20 on. */
static void
test_batch_keyed_row_alias(void **state)
{
	struct fixture		*f = *state;
	struct rowimage_value	 v1[] = { r_int(1), r_str("a", 1, "utf8mb4"),
				     r_int(7) };
	struct rowimage_value	 v2[] = { r_int(2), r_str("b", 1, "utf8mb4"),
				     r_int(8) };
	struct rowimage_row	 r1 = ROW(v1), r2 = ROW(v2);
	struct sqlbuild_batch	 batch;

	f->desc.row_alias = true;
	dml_table(f, "id");
	sqlbuild_batch_init_keyed(&batch);
	assert_int_equal(sqlbuild_batch_add(f->sb, &batch, SQLBUILD_DML_INSERT,
	    NULL, &r1, &f->cause), 0);
	assert_int_equal(sqlbuild_batch_add(f->sb, &batch, SQLBUILD_DML_UPDATE,
	    &r2, &r2, &f->cause), 0);
	sqlbuild_batch_join(&batch, true, &f->b);
	EXPECT(f, "start transaction;\n"
	    "insert /* wisp `mydb`.`ghost` */ ignore into `mydb`.`ghost` (`id`, "
	    "`name`, `location`) values (1, _utf8mb4 X'61', 7) as `_wisp_new` "
	    "on duplicate key update `id` = `_wisp_new`.`id`, `name` = "
	    "`_wisp_new`.`name`, `location` = `_wisp_new`.`location`;\n"
	    "insert /* wisp `mydb`.`ghost` */ into `mydb`.`ghost` (`id`, "
	    "`name`, `location`) values (2, _utf8mb4 X'62', 8) as `_wisp_new` "
	    "on duplicate key update `id` = `_wisp_new`.`id`, `name` = "
	    "`_wisp_new`.`name`, `location` = `_wisp_new`.`location`;\n"
	    "commit");
	sqlbuild_batch_release(&batch);
}

/* Every pair of changes to one key, in both orders: the fold table of
 * sqlbuild.h. x and y are two images of key 1. */
static void
test_batch_keyed_fold_table(void **state)
{
	struct fixture		*f = *state;
	struct rowimage_value	 vx[] = { r_int(1), r_str("x", 1, "utf8mb4"),
				     r_int(1) };
	struct rowimage_value	 vy[] = { r_int(1), r_str("y", 1, "utf8mb4"),
				     r_int(2) };
	struct rowimage_row	 x = ROW(vx), y = ROW(vy);
	static const char	*del = "delete /* wisp `mydb`.`ghost` */ from "
				    "`mydb`.`ghost` where ((`id` = 1))";
	static const char	*ins = "insert /* wisp `mydb`.`ghost` */ ignore "
				    "into `mydb`.`ghost` (`id`, `name`, "
				    "`location`) values ";
	static const char	*strict = "insert /* wisp `mydb`.`ghost` */ "
				    "into `mydb`.`ghost` (`id`, `name`, "
				    "`location`) values ";
	static const char	*tail = " on duplicate key update `id` = "
				    "values(`id`), `name` = values(`name`), "
				    "`location` = values(`location`)";
	/* first, second: 0 INS, 1 SET (update to the image), 2 DEL */
	static const struct {
		int		 first, second;
		const char	*want;	/* D: delete, X/Y: upsert ignoring
					   errors x/y, x/y: strict upsert (an
					   UPDATE's) */
	} cases[] = {
		{ 0, 0, "X" }, { 0, 1, "y" }, { 0, 2, "D" },
		{ 1, 0, "x" }, { 1, 1, "y" }, { 1, 2, "D" },
		{ 2, 0, "Y" }, { 2, 1, "y" }, { 2, 2, "D" },
	};
	struct sqlbuild_batch	 batch;
	struct buf		 want = BUF_INIT;
	const struct rowimage_row *img;
	size_t			 i;
	int			 step, kind;

	dml_table(f, "id");
	for (i = 0; i < nitems(cases); i++) {
		sqlbuild_batch_init_keyed(&batch);
		for (step = 0; step < 2; step++) {
			kind = step == 0 ? cases[i].first : cases[i].second;
			img = step == 0 ? &x : &y;
			assert_int_equal(sqlbuild_batch_add(f->sb, &batch,
			    kind == 0 ? SQLBUILD_DML_INSERT : kind == 1 ?
			    SQLBUILD_DML_UPDATE : SQLBUILD_DML_DELETE,
			    kind == 0 ? NULL : img, kind == 2 ? NULL : img,
			    &f->cause), 0);
		}
		buf_reset(&want);
		if (strchr(cases[i].want, 'D') != NULL)
			buf_adds(&want, del);
		if (strpbrk(cases[i].want, "XYxy") != NULL) {
			if (want.len > 0)
				buf_adds(&want, ";\n");
			buf_adds(&want, strpbrk(cases[i].want, "XY") != NULL ?
			    ins : strict);
			buf_adds(&want, strpbrk(cases[i].want, "Xx") != NULL ?
			    "(1, _utf8mb4 X'78', 1)" : "(1, _utf8mb4 X'79', 2)");
			buf_adds(&want, tail);
		}
		sqlbuild_batch_join(&batch, false, &f->b);
		if (strcmp(buf_str(&f->b), buf_str(&want)) != 0)
			fail_msg("%d then %d: got \"%s\", want \"%s\"",
			    cases[i].first, cases[i].second, buf_str(&f->b),
			    buf_str(&want));
		buf_reset(&f->b);
		sqlbuild_batch_release(&batch);
	}
	buf_release(&want);
}

/* By key needs a key without NULLs: rows with a NULL key are not told
 * apart. A missing image fails, and the batch stays as it was. */
static void
test_batch_keyed_refusals(void **state)
{
	struct fixture		*f = *state;
	const struct colspec	 c[] = {
		{ "a", "int(11)", "int", NULL, true, "" },
		{ "b", "varbinary(4)", "varbinary", NULL, false, "" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};
	struct rowimage_value	 a[2];
	struct rowimage_row	 ra = ROW(a);
	struct sqlbuild_batch	 batch;

	add_columns(&f->orig, c);
	add_columns(&f->ghost, c);
	make_plan(f, "ab", "a,b", true, "a,b", NULL);
	build(f);
	assert_true(sqlbuild_key_nullable(f->sb));
	a[0] = r_int(1);
	a[1] = r_text(ROWIMAGE_BYTES, "\x01");
	sqlbuild_batch_init_keyed(&batch);
	assert_int_equal(sqlbuild_batch_add(f->sb, &batch, SQLBUILD_DML_DELETE,
	    &ra, NULL, &f->cause), -1);
	assert_string_equal(f->cause, "a batch by key needs a key without "
	    "NULLs");
	free(f->cause);
	f->cause = NULL;
	assert_int_equal(sqlbuild_batch_add(f->sb, &batch, SQLBUILD_DML_UPDATE,
	    &ra, NULL, &f->cause), -1);
	assert_string_equal(f->cause, "row event lacks the image it needs");
	assert_int_equal(batch.events, 0);
	assert_int_equal(sqlbuild_batch_statements(&batch), 0);
	sqlbuild_batch_release(&batch);
}

/* A column missing from the image (a MINIMAL row image) fails and leaves
 * the batch and the buf as they were. */
static void
test_dml_absent_column(void **state)
{
	struct fixture		*f = *state;
	struct rowimage_value	 v1[] = { r_int(1), r_str("a", 1, "utf8mb4"),
				     r_int(1) };
	struct rowimage_value	 v2[] = { r_int(2), r_absent, r_int(2) };
	struct rowimage_value	 v3[] = { r_int(2) };
	struct rowimage_row	 r1 = ROW(v1), r2 = ROW(v2), r3 = ROW(v3);
	struct sqlbuild_batch	 batch;

	dml_table(f, "id");
	sqlbuild_batch_init(&batch, 10);
	assert_int_equal(sqlbuild_batch_add(f->sb, &batch, SQLBUILD_DML_INSERT,
	    NULL, &r1, &f->cause), 0);
	assert_int_equal(sqlbuild_batch_add(f->sb, &batch, SQLBUILD_DML_INSERT,
	    NULL, &r2, &f->cause), -1);
	assert_string_equal(f->cause, "column `name` is missing from the row "
	    "image; binlog_row_image must be FULL");
	free(f->cause);
	assert_int_equal(batch.n, 1);
	assert_int_equal(batch.v[0].nrows, 1);
	assert_int_equal(batch.events, 1);
	assert_int_equal(sqlbuild_batch_add(f->sb, &batch, SQLBUILD_DML_UPDATE,
	    &r1, &r3, &f->cause), -1);
	assert_string_equal(f->cause,
	    "row image has 1 columns, column `name` is number 2");
	free(f->cause);
	f->cause = NULL;
	assert_int_equal(sqlbuild_batch_add(f->sb, &batch, SQLBUILD_DML_DELETE,
	    NULL, &r1, &f->cause), -1);
	assert_string_equal(f->cause, "row event lacks the image it needs");
	free(f->cause);
	f->cause = NULL;
	assert_int_equal(batch.n, 1);
	assert_int_equal(sqlbuild_dml_update(f->sb, &r1, &r2, &f->b,
	    &f->cause), -1);
	assert_int_equal(f->b.len, 0);
	sqlbuild_batch_release(&batch);
}

/* --- conversions (gh-ost types.go / inspect.go) --- */

static void
test_conv_datetime_to_timestamp(void **state)
{
	struct fixture		*f = *state;
	const struct colspec	 o[] = {
		{ "id", "int(11)", "int", NULL, false, "" },
		{ "d", "datetime", "datetime", NULL, true, "" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};
	const struct colspec	 g[] = {
		{ "id", "int(11)", "int", NULL, false, "" },
		{ "d", "timestamp", "timestamp", NULL, true, "" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};
	struct rowimage_value	 a[2];
	struct rowimage_row	 ra = ROW(a);

	add_columns(&f->orig, o);
	add_columns(&f->ghost, g);
	make_plan(f, "PRIMARY", "id", false, "id,d", NULL);
	f->desc.time_zone = "Europe/Berlin";
	build(f);
	assert_int_equal(sqlbuild_conversions(f->sb, 1),
	    SQLBUILD_CONV_DATETIME_TO_TIMESTAMP);
	a[0] = r_int(1);
	a[1] = r_text(ROWIMAGE_DATETIME, "2024-01-02 03:04:05");
	assert_int_equal(sqlbuild_dml_update(f->sb, &ra, &ra, &f->b,
	    &f->cause), 0);
	EXPECT(f, "update /* wisp `mydb`.`ghost` */ `mydb`.`ghost` set `id`=1, "
	    "`d`=convert_tz('2024-01-02 03:04:05', 'Europe/Berlin', '+00:00') "
	    "where ((`id` = 1))");
	/* convert_tz() would make the zero date NULL. */
	a[1] = r_text(ROWIMAGE_DATETIME, "0000-00-00 00:00:00");
	assert_int_equal(sqlbuild_dml_update(f->sb, &ra, &ra, &f->b,
	    &f->cause), 0);
	EXPECT(f, "update /* wisp `mydb`.`ghost` */ `mydb`.`ghost` set `id`=1, "
	    "`d`='0000-00-00 00:00:00' where ((`id` = 1))");
}

static void
test_conv_timestamp_to_datetime(void **state)
{
	struct fixture		*f = *state;
	const struct colspec	 o[] = {
		{ "id", "int(11)", "int", NULL, false, "" },
		{ "t", "timestamp(3)", "timestamp", NULL, false, "" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};
	const struct colspec	 g[] = {
		{ "id", "int(11)", "int", NULL, false, "" },
		{ "t", "datetime(3)", "datetime", NULL, false, "" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};
	struct rowimage_value	 a[2];
	struct rowimage_row	 ra = ROW(a);
	const struct rowimage_row *rows[] = { &ra };

	add_columns(&f->orig, o);
	add_columns(&f->ghost, g);
	make_plan(f, "PRIMARY", "id", false, "id,t", NULL);
	f->desc.time_zone = "+02:00";
	build(f);
	assert_int_equal(sqlbuild_conversions(f->sb, 1),
	    SQLBUILD_CONV_TIMESTAMP_TO_LOCAL);
	a[0] = r_int(1);
	a[1] = r_text(ROWIMAGE_TIMESTAMP, "2024-01-02 03:04:05.123");
	assert_int_equal(sqlbuild_dml_insert(f->sb, rows, 1, &f->b, &f->cause), 0);
	EXPECT(f, "insert /* wisp `mydb`.`ghost` */ ignore into `mydb`.`ghost` "
	    "(`id`, `t`) values (1, convert_tz('2024-01-02 03:04:05.123', "
	    "'+00:00', '+02:00'))");
}

static const struct colspec enum_orig[] = {
	{ "id", "int(11)", "int", NULL, false, "" },
	{ "e", "enum('a','it''s','b\\\\s','x,y')", "enum", "utf8mb4", false, "" },
	{ "s", "set('p','q','r')", "set", "utf8mb4", true, "" },
	{ NULL, NULL, NULL, NULL, false, NULL },
};

static void
test_conv_enum_set_to_text(void **state)
{
	struct fixture		*f = *state;
	const struct colspec	 g[] = {
		{ "id", "int(11)", "int", NULL, false, "" },
		{ "e", "varchar(10)", "varchar", "latin1", false, "" },
		{ "s", "text", "text", "utf8mb4", true, "" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};
	struct rowimage_value	 a[3];
	struct rowimage_row	 ra = ROW(a);
	const struct rowimage_row *rows[] = { &ra };

	add_columns(&f->orig, enum_orig);
	add_columns(&f->ghost, g);
	make_plan(f, "PRIMARY", "id", false, "id,e,s", NULL);
	build(f);
	assert_int_equal(sqlbuild_conversions(f->sb, 1),
	    SQLBUILD_CONV_ENUM_TO_TEXT | SQLBUILD_CONV_CHARSET);
	assert_int_equal(sqlbuild_conversions(f->sb, 2),
	    SQLBUILD_CONV_SET_TO_TEXT);
	a[0] = r_int(1);
	a[1] = r_kind(ROWIMAGE_ENUM, 2);		/* it's */
	a[2] = r_kind(ROWIMAGE_SET, 5);			/* p,r */
	assert_int_equal(sqlbuild_dml_insert(f->sb, rows, 1, &f->b, &f->cause), 0);
	EXPECT(f, "insert /* wisp `mydb`.`ghost` */ ignore into `mydb`.`ghost` "
	    "(`id`, `e`, `s`) values (1, _utf8mb4 X'69742773', _utf8mb4 "
	    "X'702C72')");
	a[1] = r_kind(ROWIMAGE_ENUM, 3);		/* b\s */
	a[2] = r_kind(ROWIMAGE_SET, 0);
	assert_int_equal(sqlbuild_dml_insert(f->sb, rows, 1, &f->b, &f->cause), 0);
	EXPECT(f, "insert /* wisp `mydb`.`ghost` */ ignore into `mydb`.`ghost` "
	    "(`id`, `e`, `s`) values (1, _utf8mb4 X'625C73', _utf8mb4 X'')");
	/* Index 0, an invalid value's '', stays '' (ELT would give NULL). */
	a[1] = r_kind(ROWIMAGE_ENUM, 0);
	a[2] = r_null;
	assert_int_equal(sqlbuild_dml_insert(f->sb, rows, 1, &f->b, &f->cause), 0);
	EXPECT(f, "insert /* wisp `mydb`.`ghost` */ ignore into `mydb`.`ghost` "
	    "(`id`, `e`, `s`) values (1, _utf8mb4 X'', NULL)");
	a[1] = r_kind(ROWIMAGE_ENUM, 5);
	assert_int_equal(sqlbuild_dml_insert(f->sb, rows, 1, &f->b, &f->cause), -1);
	assert_string_equal(f->cause, "column `e` holds enum index 5 of 4 members");
	free(f->cause);
	a[1] = r_kind(ROWIMAGE_ENUM, 1);
	a[2] = r_kind(ROWIMAGE_SET, 8);
	assert_int_equal(sqlbuild_dml_insert(f->sb, rows, 1, &f->b, &f->cause), -1);
	assert_string_equal(f->cause,
	    "column `s` holds set bits beyond its 3 members");
	assert_int_equal(f->b.len, 0);
}

/* ENUM to a reordered ENUM goes by text too; ENUM to INT keeps the index
 * (no charset on the ghost side), as gh-ost. */
static void
test_conv_enum_to_enum_and_int(void **state)
{
	struct fixture		*f = *state;
	const struct colspec	 g[] = {
		{ "id", "int(11)", "int", NULL, false, "" },
		{ "e", "enum('x,y','b\\\\s','it''s','a')", "enum", "utf8mb4",
		  false, "" },
		{ "s", "int(11)", "int", NULL, true, "" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};
	struct rowimage_value	 a[3];
	struct rowimage_row	 ra = ROW(a);

	add_columns(&f->orig, enum_orig);
	add_columns(&f->ghost, g);
	make_plan(f, "PRIMARY", "id", false, "id,e,s", NULL);
	build(f);
	assert_int_equal(sqlbuild_conversions(f->sb, 1),
	    SQLBUILD_CONV_ENUM_TO_TEXT);
	assert_int_equal(sqlbuild_conversions(f->sb, 2), SQLBUILD_CONV_CHARSET);
	a[0] = r_int(1);
	a[1] = r_kind(ROWIMAGE_ENUM, 4);
	a[2] = r_kind(ROWIMAGE_SET, 6);
	assert_int_equal(sqlbuild_dml_update(f->sb, &ra, &ra, &f->b,
	    &f->cause), 0);
	EXPECT(f, "update /* wisp `mydb`.`ghost` */ `mydb`.`ghost` set `id`=1, "
	    "`e`=_utf8mb4 X'782C79', `s`=6 where ((`id` = 1))");
}

/* The key's conversion also applies to its WHERE value on the ghost. */
static void
test_conv_enum_key_where(void **state)
{
	struct fixture		*f = *state;
	const struct colspec	 o[] = {
		{ "e", "enum('a','b')", "enum", "utf8mb4", false, "" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};
	const struct colspec	 g[] = {
		{ "e", "varchar(5)", "varchar", "utf8mb4", false, "" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};
	struct rowimage_value	 a[1];
	struct rowimage_row	 ra = ROW(a);

	add_columns(&f->orig, o);
	add_columns(&f->ghost, g);
	make_plan(f, "PRIMARY", "e", false, "e", NULL);
	build(f);
	a[0] = r_kind(ROWIMAGE_ENUM, 2);
	assert_int_equal(sqlbuild_dml_delete(f->sb, &ra, &f->b, &f->cause), 0);
	EXPECT(f, "delete /* wisp `mydb`.`ghost` */ from `mydb`.`ghost` where "
	    "((`e` = _utf8mb4 X'62'))");
}

static void
test_conv_json_and_charset(void **state)
{
	struct fixture		*f = *state;
	const struct colspec	 o[] = {
		{ "id", "int(11)", "int", NULL, false, "" },
		{ "j", "blob", "blob", NULL, true, "" },
		{ "c", "varchar(5)", "varchar", "latin1", true, "" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};
	const struct colspec	 g[] = {
		{ "id", "int(11)", "int", NULL, false, "" },
		{ "j", "json", "json", NULL, true, "" },
		{ "c", "varchar(5)", "varchar", "utf8mb4", true, "" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};
	struct rowimage_value	 a[3];
	struct rowimage_row	 ra = ROW(a);
	const struct rowimage_row *rows[] = { &ra };

	add_columns(&f->orig, o);
	add_columns(&f->ghost, g);
	make_plan(f, "PRIMARY", "id", false, "id,j,c", NULL);
	build(f);
	assert_int_equal(sqlbuild_conversions(f->sb, 0), 0);
	assert_int_equal(sqlbuild_conversions(f->sb, 1), SQLBUILD_CONV_TO_JSON);
	assert_int_equal(sqlbuild_conversions(f->sb, 2), SQLBUILD_CONV_CHARSET);
	a[0] = r_int(1);
	a[1] = r_text(ROWIMAGE_BYTES, "{}");
	a[2] = r_str("\xe4", 1, "latin1");
	assert_int_equal(sqlbuild_dml_insert(f->sb, rows, 1, &f->b, &f->cause), 0);
	EXPECT(f, "insert /* wisp `mydb`.`ghost` */ ignore into `mydb`.`ghost` "
	    "(`id`, `j`, `c`) values (1, convert(X'7B7D' using utf8mb4), "
	    "_latin1 X'E4')");
	a[1] = r_null;
	assert_int_equal(sqlbuild_dml_insert(f->sb, rows, 1, &f->b, &f->cause), 0);
	EXPECT(f, "insert /* wisp `mydb`.`ghost` */ ignore into `mydb`.`ghost` "
	    "(`id`, `j`, `c`) values (1, NULL, _latin1 X'E4')");
}

/* Without the ghost's columns there is nothing to convert. */
static void
test_conv_none_without_ghost(void **state)
{
	struct fixture	*f = *state;

	add_columns(&f->orig, enum_orig);
	make_plan(f, "PRIMARY", "id", false, "id,e,s", NULL);
	f->desc.ghost_columns = NULL;
	build(f);
	assert_int_equal(sqlbuild_conversions(f->sb, 1), 0);
	assert_int_equal(sqlbuild_conversions(f->sb, 9), 0);
}

static void
test_create_errors(void **state)
{
	struct fixture		*f = *state;
	const struct colspec	 bad[] = {
		{ "id", "int(11)", "int", NULL, false, "" },
		{ "s", "varchar(5)", "varchar", "utf8'", false, "" },
		{ "e", "enum('a)", "enum", "utf8mb4", false, "" },
		{ "g", "int(11)", "int", NULL, false, "VIRTUAL GENERATED" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};
	const struct colspec	 g[] = {
		{ "id", "int(11)", "int", NULL, false, "" },
		{ "e", "varchar(5)", "varchar", "utf8mb4", false, "" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};
	struct sqlbuild		*sb;

	add_columns(&f->orig, bad);
	add_columns(&f->ghost, g);
	make_plan(f, "PRIMARY", "nope", false, "id", NULL);
	assert_null(sqlbuild_create(&f->desc, &f->cause));
	assert_string_equal(f->cause, "key column `nope` is not a column of `tbl`");
	free(f->cause);
	shared_plan_release(&f->plan);

	make_plan(f, "PRIMARY", "id", false, "id,missing", NULL);
	assert_null(sqlbuild_create(&f->desc, &f->cause));
	assert_string_equal(f->cause,
	    "shared column `missing` is not a column of `tbl`");
	free(f->cause);
	shared_plan_release(&f->plan);

	make_plan(f, "PRIMARY", "id", false, "id,s", NULL);
	assert_null(sqlbuild_create(&f->desc, &f->cause));
	assert_string_equal(f->cause,
	    "column `s` has an unexpected charset name: utf8'");
	free(f->cause);
	shared_plan_release(&f->plan);

	make_plan(f, "PRIMARY", "id", false, "id,e", NULL);
	assert_null(sqlbuild_create(&f->desc, &f->cause));
	assert_string_equal(f->cause,
	    "cannot parse the members of column `e`: 'a");
	free(f->cause);
	shared_plan_release(&f->plan);

	make_plan(f, "PRIMARY", "id", false, "g", NULL);
	assert_null(sqlbuild_create(&f->desc, &f->cause));
	assert_string_equal(f->cause,
	    "no shared columns between `tbl` and `ghost`");
	free(f->cause);
	shared_plan_release(&f->plan);

	make_plan(f, "PRIMARY", "id", false, "id", NULL);
	f->desc.client_charset = "utf8;drop";
	assert_null(sqlbuild_create(&f->desc, &f->cause));
	assert_string_equal(f->cause, "unexpected charset name: utf8;drop");
	free(f->cause);
	f->cause = NULL;
	f->desc.client_charset = NULL;
	sb = sqlbuild_create(&f->desc, &f->cause);
	assert_non_null(sb);
	sqlbuild_free(sb);
	sqlbuild_free(NULL);
}

/* Identifiers with backticks are doubled; a name cannot end the comment. */
static void
test_identifiers_quoted(void **state)
{
	struct fixture			*f = *state;
	const struct colspec		 c[] = {
		{ "we`ird", "int(11)", "int", NULL, false, "" },
		{ NULL, NULL, NULL, NULL, false, NULL },
	};
	const struct sqlbuild_value	 v[] = { V("1") };

	add_columns(&f->orig, c);
	add_columns(&f->ghost, c);
	make_plan(f, "k`", "we`ird", false, "we`ird", NULL);
	f->desc.database = "d*/b";
	f->desc.table = "t";
	build(f);
	sqlbuild_range_min(f->sb, &f->b);
	EXPECT(f, "select /* wisp `d* /b`.`t` */ `we``ird` from `d*/b`.`t` "
	    "force index (`k```) order by `we``ird` asc limit 1");
	assert_int_equal(sqlbuild_range_comparison(f->sb, v, SQLBUILD_GT,
	    &f->b, &f->cause), 0);
	EXPECT(f, "((`we``ird` > 1))");
}

/* --- changelog (gh-ost WriteChangelog) --- */

static void
test_changelog(void **state)
{
	struct fixture	*f = *state;

	sqlbuild_changelog(&f->b, "mydb", "_tbl_ghc", "heartbeat",
	    "2024-01-02T03:04:05.123456789Z", false);
	EXPECT(f, "insert /* wisp */ into `mydb`.`_tbl_ghc` (id, hint, value) "
	    "values (1, 'heartbeat', '2024-01-02T03:04:05.123456789Z') on "
	    "duplicate key update last_update=NOW(), value=VALUES(value)");
	sqlbuild_changelog(&f->b, "mydb", "_tbl_ghc", "state", "Migrated", false);
	EXPECT(f, "insert /* wisp */ into `mydb`.`_tbl_ghc` (id, hint, value) "
	    "values (2, 'state', 'Migrated') on duplicate key update "
	    "last_update=NOW(), value=VALUES(value)");
	sqlbuild_changelog(&f->b, "mydb", "_tbl_ghc", "state at 17", "it's", false);
	EXPECT(f, "insert /* wisp */ into `mydb`.`_tbl_ghc` (id, hint, value) "
	    "values (NULL, 'state at 17', 'it''s') on duplicate key update "
	    "last_update=NOW(), value=VALUES(value)");
	sqlbuild_changelog(&f->b, "mydb", "_tbl_ghc", "throttle", "a\\b", false);
	EXPECT(f, "insert /* wisp */ into `mydb`.`_tbl_ghc` (id, hint, value) "
	    "values (3, 'throttle', _utf8mb4 X'615C62') on duplicate key update "
	    "last_update=NOW(), value=VALUES(value)");
	assert_int_equal(sqlbuild_changelog_id("heartbeat at 1"), 0);
	/* MySQL 8.0.19+: the row alias instead of VALUES(). */
	sqlbuild_changelog(&f->b, "mydb", "_tbl_ghc", "state", "Migrated",
	    true);
	EXPECT(f, "insert /* wisp */ into `mydb`.`_tbl_ghc` (id, hint, value) "
	    "values (2, 'state', 'Migrated') as _wisp_new on duplicate key "
	    "update last_update=NOW(), value=_wisp_new.value");
}

/* --- cut-over (gh-ost applier.go) --- */

static void
test_cutover_tables(void **state)
{
	struct fixture	*f = *state;

	sqlbuild_lock_tables(&f->b, "mydb", "tbl", "_tbl_del");
	EXPECT(f, "lock /* wisp */ tables `mydb`.`tbl` write, "
	    "`mydb`.`_tbl_del` write");
	sqlbuild_lock_tables(&f->b, "mydb", "tbl", NULL);
	EXPECT(f, "lock /* wisp */ tables `mydb`.`tbl` write");
	sqlbuild_unlock_tables(&f->b);
	EXPECT(f, "unlock /* wisp */ tables");
	sqlbuild_rename_swap(&f->b, "mydb", "tbl", "_tbl_del", "_tbl_gho");
	EXPECT(f, "rename /* wisp */ table `mydb`.`tbl` to `mydb`.`_tbl_del`, "
	    "`mydb`.`_tbl_gho` to `mydb`.`tbl`");
	sqlbuild_rename_rollback(&f->b, "mydb", "tbl", "_tbl_del", "_tbl_gho");
	EXPECT(f, "rename /* wisp */ table `mydb`.`tbl` to `mydb`.`_tbl_gho`, "
	    "`mydb`.`_tbl_del` to `mydb`.`tbl`");
	sqlbuild_rename(&f->b, "mydb", "_tbl_del", "tbl");
	EXPECT(f, "rename /* wisp */ table `mydb`.`_tbl_del` to `mydb`.`tbl`");
	sqlbuild_alter_rename(&f->b, "mydb", "tbl", "_tbl_del");
	EXPECT(f, "alter /* wisp */ table `mydb`.`tbl` rename `mydb`.`_tbl_del`");
	sqlbuild_create_sentry(&f->b, "mydb", "_tbl_del", "InnoDB");
	EXPECT(f, "create /* wisp */ table `mydb`.`_tbl_del` (id int "
	    "auto_increment primary key) engine=`InnoDB` "
	    "comment='ghost-cut-over-sentry'");
	sqlbuild_create_sentry(&f->b, "mydb", "_tbl_del", NULL);
	EXPECT(f, "create /* wisp */ table `mydb`.`_tbl_del` (id int "
	    "auto_increment primary key) engine=`InnoDB` "
	    "comment='ghost-cut-over-sentry'");
	sqlbuild_drop_table(&f->b, "mydb", "_tbl_del");
	EXPECT(f, "drop /* wisp */ table if exists `mydb`.`_tbl_del`");
	sqlbuild_table_comment(&f->b, "mydb", "_tbl_del");
	EXPECT(f, "select /* wisp */ table_comment from information_schema.tables "
	    "where table_schema = 'mydb' and table_name = '_tbl_del'");
}

/* The statements of the options: ANALYZE, INSTANT, triggers, sql_mode,
 * isolation. */
static void
test_option_statements(void **state)
{
	struct fixture		*f = *state;
	struct trigger_list	 l = { NULL, 0 };
	const char		*names[] = { "a_v2", "it's" };
	struct trigger		*t;

	sqlbuild_show_warnings(&f->b);
	EXPECT(f, "show /* wisp */ warnings");
	sqlbuild_analyze_table(&f->b, "mydb", "_tbl_gho");
	EXPECT(f, "analyze /* wisp */ table `mydb`.`_tbl_gho`");
	sqlbuild_instant_alter(&f->b, "mydb", "tbl", "add column c int");
	EXPECT(f, "alter /* wisp */ table `mydb`.`tbl` add column c int, "
	    "algorithm=INSTANT");

	t = trigger_list_add(&l, "tbl_bi", "BEFORE", "INSERT",
	    "set new.x = upper(new.x)", "STRICT_TRANS_TABLES", "u@%", "_v2",
	    false);
	assert_int_equal(sqlbuild_create_trigger(&f->b, "mydb", "_tbl_gho", t,
	    &f->cause), 0);
	EXPECT(f, "create /* wisp */ trigger `mydb`.`tbl_bi_v2` BEFORE INSERT on "
	    "`mydb`.`_tbl_gho` for each row\nset new.x = upper(new.x)");
	t = trigger_list_add(&l, "tbl_x", "after", "delete", "begin end", NULL,
	    NULL, "_v2", false);
	assert_int_equal(sqlbuild_create_trigger(&f->b, "mydb", "t", t,
	    &f->cause), 0);
	EXPECT(f, "create /* wisp */ trigger `mydb`.`tbl_x_v2` AFTER DELETE on "
	    "`mydb`.`t` for each row\nbegin end");
	/* Only the words of CREATE TRIGGER are pasted. */
	t = trigger_list_add(&l, "tbl_y", "BEFORE; drop table t", "INSERT",
	    "begin end", NULL, NULL, "_v2", false);
	assert_int_equal(sqlbuild_create_trigger(&f->b, "mydb", "t", t,
	    &f->cause), -1);
	assert_non_null(f->cause);
	free(f->cause);
	f->cause = NULL;
	EXPECT(f, "");
	trigger_list_release(&l);

	sqlbuild_drop_trigger(&f->b, "mydb", "tbl_bi_v2");
	EXPECT(f, "drop /* wisp */ trigger if exists `mydb`.`tbl_bi_v2`");
	sqlbuild_list_triggers(&f->b, "mydb", "tbl");
	EXPECT(f, "select /* wisp */ trigger_name, action_timing, "
	    "event_manipulation, action_statement, sql_mode, definer from "
	    "information_schema.triggers where trigger_schema = 'mydb' and "
	    "event_object_table = 'tbl' order by action_timing, "
	    "event_manipulation, action_order");
	sqlbuild_find_triggers(&f->b, "mydb", names, 2);
	EXPECT(f, "select /* wisp */ trigger_name, event_object_table from "
	    "information_schema.triggers where trigger_schema = 'mydb' and "
	    "trigger_name in ('a_v2', 'it''s')");
	sqlbuild_find_triggers(&f->b, "mydb", names, 0);
	EXPECT(f, "select /* wisp */ trigger_name, event_object_table from "
	    "information_schema.triggers where trigger_schema = 'mydb' and "
	    "trigger_name in (null)");
	sqlbuild_set_sql_mode(&f->b, "STRICT_ALL_TABLES,NO_ZERO_DATE");
	EXPECT(f, "set /* wisp */ session sql_mode = "
	    "'STRICT_ALL_TABLES,NO_ZERO_DATE'");
	assert_int_equal(sqlbuild_isolation(&f->b, "READ COMMITTED"), 0);
	EXPECT(f, "set /* wisp */ session transaction isolation level READ "
	    "COMMITTED");
	assert_int_equal(sqlbuild_isolation(&f->b, "REPEATABLE READ"), 0);
	EXPECT(f, "set /* wisp */ session transaction isolation level REPEATABLE "
	    "READ");
	assert_int_equal(sqlbuild_isolation(&f->b, "SERIALIZABLE; drop"), -1);
	EXPECT(f, "");
}

static void
test_cutover_locks(void **state)
{
	struct fixture	*f = *state;
	char		*name = sqlbuild_session_lock_name(42);
	char		 longt[80];

	assert_string_equal(name, "gh-ost.42.lock");
	sqlbuild_user_lock(&f->b, SQLBUILD_GET_LOCK, name, 0);
	EXPECT(f, "select /* wisp */ get_lock('gh-ost.42.lock', 0)");
	sqlbuild_user_lock(&f->b, SQLBUILD_IS_USED_LOCK, name, 0);
	EXPECT(f, "select /* wisp */ is_used_lock('gh-ost.42.lock')");
	sqlbuild_user_lock(&f->b, SQLBUILD_RELEASE_LOCK, name, 0);
	EXPECT(f, "select /* wisp */ release_lock('gh-ost.42.lock')");
	free(name);
	sqlbuild_migration_lock(&f->b, SQLBUILD_GET_LOCK, "mydb", "tbl", 0);
	EXPECT(f, "select /* wisp */ get_lock('gh-ost::mydb.tbl', 0)");
	memset(longt, 't', 60);
	longt[60] = '\0';
	sqlbuild_migration_lock(&f->b, SQLBUILD_IS_USED_LOCK, "mydb", longt, 0);
	assert_string_equal(buf_str(&f->b), "select /* wisp */ is_used_lock("
	    "concat('gh-ost::', sha1('gh-ost::mydb.tttttttttttttttttttttttttttttt"
	    "tttttttttttttttttttttttttttttt')))");
	buf_reset(&f->b);
	assert_int_equal(sqlbuild_set_session_timeout(&f->b, "lock_wait_timeout",
	    6), 0);
	EXPECT(f, "set /* wisp */ session lock_wait_timeout:=6");
	assert_int_equal(sqlbuild_set_session_timeout(&f->b, "sql_mode", 1), -1);
	assert_int_equal(f->b.len, 0);
	sqlbuild_expect_process(&f->b, 17, "metadata lock", "rename");
	EXPECT(f, "select /* wisp */ id from information_schema.processlist where "
	    "id != connection_id() and 17 in (0, id) and instr(state, 'metadata "
	    "lock') > 0 and instr(info, 'rename') > 0");
	sqlbuild_expect_metadata_lock(&f->b, "my'db", "t\xc3\xa4", 17);
	EXPECT(f, "select /* wisp */ m.owner_thread_id from "
	    "performance_schema.metadata_locks m join performance_schema.threads "
	    "t on m.owner_thread_id = t.thread_id where m.object_type = 'TABLE' "
	    "and m.object_schema = 'my''db' and m.object_name = _utf8mb4 "
	    "X'74C3A4' and m.lock_type = 'EXCLUSIVE' and m.lock_status = "
	    "'PENDING' and t.processlist_id = 17");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_range_min_max),
		T(test_range_min_enum_key),
		T(test_range_comparison_one_column),
		T(test_range_comparison_two_columns),
		T(test_range_comparison_three_columns),
		T(test_range_comparison_nullable),
		T(test_values_numbers),
		T(test_values_strings_and_bytes),
		T(test_values_client_charset),
		cmocka_unit_test(test_client_charset_carries),
		T(test_values_temporal_bit_double),
		T(test_range_end_one_column),
		T(test_range_end_two_columns_union_offset),
		T(test_range_end_two_columns_same_first),
		T(test_range_end_two_columns_union_temptable),
		T(test_range_end_two_columns_enum),
		T(test_range_end_three_columns),
		T(test_range_end_two_columns_nullable),
		T(test_range_end_errors),
		T(test_checkpoint),
		T(test_copy_one_column),
		T(test_copy_renamed_column),
		T(test_copy_two_columns_union),
		T(test_copy_two_columns_no_lock),
		T(test_copy_three_columns),
		T(test_copy_generated_and_dropped),
		T(test_dml_insert),
		T(test_dml_insert_replace_unsigned),
		T(test_dml_delete),
		T(test_dml_delete_nullable_key),
		T(test_dml_update),
		T(test_batch_update_changes_key),
		T(test_batch_merge_and_join),
		T(test_batch_join_checked),
		T(test_batch_merge_deletes),
		T(test_batch_keyed),
		T(test_batch_keyed_row_alias),
		T(test_batch_keyed_fold_table),
		T(test_batch_keyed_refusals),
		T(test_dml_absent_column),
		T(test_conv_datetime_to_timestamp),
		T(test_conv_timestamp_to_datetime),
		T(test_conv_enum_set_to_text),
		T(test_conv_enum_to_enum_and_int),
		T(test_conv_enum_key_where),
		T(test_conv_json_and_charset),
		T(test_conv_none_without_ghost),
		T(test_create_errors),
		T(test_identifiers_quoted),
		T(test_changelog),
		T(test_cutover_tables),
		T(test_cutover_locks),
		T(test_option_statements),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
