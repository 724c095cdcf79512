/* test_column.c: shared unique key and shared column decisions. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "alter.h"
#include "column.h"

/* A column list from "name:type:data_type[:null][:gen]" specs. */
static void
make_columns(struct column_list *l, const char **specs)
{
	char	**f;
	size_t	  n, i;

	for (; *specs != NULL; specs++) {
		f = util_split(*specs, ':', &n);
		bool nullable = false, gen = false;

		for (i = 3; i < n; i++) {
			nullable |= strcmp(f[i], "null") == 0;
			gen |= strcmp(f[i], "gen") == 0;
		}
		column_list_add(l, f[0], f[1], f[2], NULL, nullable,
		    gen ? "VIRTUAL GENERATED" : "", 0);
		util_free_strv(f);
	}
}

struct fixture {
	struct column_list	orig, ghost;
	struct unique_key_list	okeys, gkeys;
	struct shared_plan	plan;
	struct alter		*alter;
	char			*cause;
};

static int
setup(void **state)
{
	*state = xcalloc(1, sizeof(struct fixture));
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	shared_plan_release(&f->plan);
	column_list_release(&f->orig);
	column_list_release(&f->ghost);
	unique_key_list_release(&f->okeys);
	unique_key_list_release(&f->gkeys);
	alter_free(f->alter);
	free(f->cause);
	free(f);
	return 0;
}

static int
choose(struct fixture *f, const char *alter, bool renames, bool nullable)
{
	char	*cause = NULL;

	f->alter = alter_parse(alter, &cause);
	assert_non_null(f->alter);
	return column_choose_shared(&f->orig, &f->okeys, &f->ghost, &f->gkeys,
	    f->alter, renames, nullable, &f->plan, &f->cause);
}

static void
test_primary_key_shared(void **state)
{
	struct fixture	*f = *state;
	const char	*o[] = { "id:int(11):int", "a:varchar(10):varchar", NULL };
	const char	*g[] = { "id:int(11):int", "a:varchar(10):varchar",
			    "b:int(11):int:null", NULL };
	char		*names;

	make_columns(&f->orig, o);
	make_columns(&f->ghost, g);
	unique_key_list_add(&f->okeys, "PRIMARY", "id", false, true);
	unique_key_list_add(&f->gkeys, "PRIMARY", "id", false, true);
	assert_int_equal(choose(f, "add column b int", true, false), 0);
	assert_string_equal(f->plan.key->name, "PRIMARY");
	assert_string_equal(f->plan.key->name_in_ghost, "PRIMARY");
	names = shared_plan_names(&f->plan, false);
	assert_string_equal(names, "id,a");
	free(names);
}

static void
test_no_keys(void **state)
{
	struct fixture	*f = *state;
	const char	*o[] = { "id:int(11):int", NULL };

	make_columns(&f->orig, o);
	make_columns(&f->ghost, o);
	assert_int_equal(choose(f, "engine=innodb", true, false), -1);
	assert_string_equal(f->cause,
	    "no PRIMARY nor UNIQUE key found in table! Bailing out");
}

static void
test_drop_primary_key_no_shared(void **state)
{
	struct fixture	*f = *state;
	const char	*o[] = { "id:int(11):int", "u:int(11):int", NULL };

	make_columns(&f->orig, o);
	make_columns(&f->ghost, o);
	unique_key_list_add(&f->okeys, "PRIMARY", "id", false, false);
	unique_key_list_add(&f->gkeys, "u_idx", "u,id", false, false);
	/* (id) is a subset of (u,id): shared, as gh-ost decides. */
	assert_int_equal(choose(f, "drop primary key, add unique key u_idx(u,id)",
	    true, false), 0);
	assert_string_equal(f->plan.key->name_in_ghost, "u_idx");
}

static void
test_no_shared_key(void **state)
{
	struct fixture	*f = *state;
	const char	*o[] = { "id:int(11):int", "u:int(11):int", NULL };

	make_columns(&f->orig, o);
	make_columns(&f->ghost, o);
	unique_key_list_add(&f->okeys, "PRIMARY", "id", false, false);
	unique_key_list_add(&f->gkeys, "u_idx", "u", false, false);
	assert_int_equal(choose(f, "drop primary key, add unique key u_idx(u)",
	    true, false), -1);
	assert_string_equal(f->cause,
	    "no shared unique key can be found after ALTER! Bailing out");
}

static void
test_float_key_skipped(void **state)
{
	struct fixture	*f = *state;
	const char	*o[] = { "f:float:float", "id:int(11):int", NULL };

	make_columns(&f->orig, o);
	make_columns(&f->ghost, o);
	unique_key_list_add(&f->okeys, "PRIMARY", "f", false, false);
	unique_key_list_add(&f->okeys, "id_uk", "id", false, false);
	unique_key_list_add(&f->gkeys, "PRIMARY", "f", false, false);
	unique_key_list_add(&f->gkeys, "id_uk", "id", false, false);
	assert_int_equal(choose(f, "engine=innodb", true, false), 0);
	assert_string_equal(f->plan.key->name, "id_uk");
}

static void
test_float_only_key_fails(void **state)
{
	struct fixture	*f = *state;
	const char	*o[] = { "f:float:float", NULL };

	make_columns(&f->orig, o);
	make_columns(&f->ghost, o);
	unique_key_list_add(&f->okeys, "PRIMARY", "f", false, false);
	unique_key_list_add(&f->gkeys, "PRIMARY", "f", false, false);
	assert_int_equal(choose(f, "engine=innodb", true, false), -1);
	assert_non_null(strstr(f->cause, "no shared unique key"));
}

static void
test_nullable_key_refused_then_allowed(void **state)
{
	struct fixture	*f = *state;
	const char	*o[] = { "u:int(11):int:null", NULL };

	make_columns(&f->orig, o);
	make_columns(&f->ghost, o);
	unique_key_list_add(&f->okeys, "u", "u", true, false);
	unique_key_list_add(&f->gkeys, "u", "u", true, false);
	assert_int_equal(choose(f, "engine=innodb", true, false), -1);
	assert_non_null(strstr(f->cause, "chosen key (u: [u]; has nullable: true) "
	    "has nullable columns. Bailing out."));
	assert_non_null(strstr(f->cause, "--allow-nullable-unique-key"));
	free(f->cause);
	f->cause = NULL;
	alter_free(f->alter);
	assert_int_equal(choose(f, "engine=innodb", true, true), 0);
	assert_string_equal(f->plan.key->name, "u");
}

static void
test_renamed_and_dropped_columns(void **state)
{
	struct fixture	*f = *state;
	const char	*o[] = { "id:int(11):int", "a:int(11):int", "b:int(11):int",
			    "c:int(11):int", NULL };
	const char	*g[] = { "id:int(11):int", "a2:int(11):int",
			    "c:int(11):int", NULL };
	char		*names;

	make_columns(&f->orig, o);
	make_columns(&f->ghost, g);
	unique_key_list_add(&f->okeys, "PRIMARY", "id", false, false);
	unique_key_list_add(&f->gkeys, "PRIMARY", "id", false, false);
	assert_int_equal(choose(f, "change a a2 int, drop b", true, false), 0);
	names = shared_plan_names(&f->plan, false);
	assert_string_equal(names, "id,a,c");
	free(names);
	names = shared_plan_names(&f->plan, true);
	assert_string_equal(names, "id,a2,c");
	free(names);
}

static void
test_skip_renamed_columns(void **state)
{
	struct fixture	*f = *state;
	const char	*o[] = { "id:int(11):int", "a:int(11):int", NULL };
	const char	*g[] = { "id:int(11):int", "a2:int(11):int", NULL };
	char		*names;

	make_columns(&f->orig, o);
	make_columns(&f->ghost, g);
	unique_key_list_add(&f->okeys, "PRIMARY", "id", false, false);
	unique_key_list_add(&f->gkeys, "PRIMARY", "id", false, false);
	assert_int_equal(choose(f, "change a a2 int", false, false), 0);
	names = shared_plan_names(&f->plan, false);
	assert_string_equal(names, "id");
	free(names);
}

static void
test_generated_columns_excluded(void **state)
{
	struct fixture	*f = *state;
	const char	*o[] = { "id:int(11):int", "g:int(11):int:gen", "x:int(11):int",
			    NULL };
	const char	*g[] = { "id:int(11):int", "g:int(11):int", "x:int(11):int:gen",
			    NULL };
	char		*names;

	make_columns(&f->orig, o);
	make_columns(&f->ghost, g);
	unique_key_list_add(&f->okeys, "PRIMARY", "id", false, false);
	unique_key_list_add(&f->gkeys, "PRIMARY", "id", false, false);
	assert_int_equal(choose(f, "engine=innodb", true, false), 0);
	names = shared_plan_names(&f->plan, false);
	assert_string_equal(names, "id");
	free(names);
}

static void
test_datetime_to_timestamp_key_refused(void **state)
{
	struct fixture	*f = *state;
	const char	*o[] = { "dt:datetime:datetime", NULL };
	const char	*g[] = { "dt:timestamp:timestamp", NULL };

	make_columns(&f->orig, o);
	make_columns(&f->ghost, g);
	unique_key_list_add(&f->okeys, "PRIMARY", "dt", false, false);
	unique_key_list_add(&f->gkeys, "PRIMARY", "dt", false, false);
	assert_int_equal(choose(f, "modify dt timestamp", true, false), -1);
	assert_non_null(strstr(f->cause, "no support at this time for converting "
	    "a column from DATETIME to TIMESTAMP that is also part of the chosen "
	    "unique key. Column: dt, key: PRIMARY"));
}

static void
test_classify(void **state)
{
	assert_int_equal(column_classify("int(10) unsigned", "int"),
	    COLUMN_TYPE_INTEGER);
	assert_int_equal(column_classify("mediumint(9)", "mediumint"),
	    COLUMN_TYPE_MEDIUMINT);
	assert_int_equal(column_classify("binary(16)", "binary"), COLUMN_TYPE_BINARY);
	assert_int_equal(column_classify("json", "json"), COLUMN_TYPE_JSON);
	assert_int_equal(column_classify("point", "point"), COLUMN_TYPE_GEOMETRY);
	assert_int_equal(column_classify("enum('a','b')", "enum"), COLUMN_TYPE_ENUM);
	assert_int_equal(column_classify("weird", "weird"), COLUMN_TYPE_OTHER);
}

static void
test_column_attributes(void **state)
{
	struct column_list	 l = { NULL, 0 };
	struct column		*c;

	c = column_list_add(&l, "e", "enum('x','y,z')", "enum", "utf8mb4", true,
	    "", 0);
	assert_string_equal(c->enum_values, "'x','y,z'");
	assert_true(c->nullable);
	c = column_list_add(&l, "id", "bigint(20) unsigned", "bigint", NULL, false,
	    "auto_increment", 0);
	assert_true(c->is_unsigned);
	assert_true(c->is_auto_increment);
	assert_null(c->charset);
	assert_ptr_equal(column_list_find(&l, "ID"), &l.v[1]);
	column_list_release(&l);
}

static void
test_describe_key(void **state)
{
	struct unique_key_list	 l = { NULL, 0 };
	char			*d;

	unique_key_list_add(&l, "PRIMARY", "a,b", false, true);
	d = unique_key_describe(&l.v[0]);
	assert_string_equal(d, "PRIMARY (auto_increment): [a b]; has nullable: false");
	free(d);
	unique_key_list_release(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_primary_key_shared, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drop_primary_key_no_shared, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_shared_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_float_key_skipped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_float_only_key_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nullable_key_refused_then_allowed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_renamed_and_dropped_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_skip_renamed_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_generated_columns_excluded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_datetime_to_timestamp_key_refused, setup, teardown),
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_column_attributes),
		cmocka_unit_test(test_describe_key),
	};

	log_set_level(LOG_LEVEL_ERROR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
