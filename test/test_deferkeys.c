/* test_deferkeys.c: which ghost keys --defer-secondary-indexes leaves out,
 * and the statements that drop and build them. */
#include "common.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "deferkeys.h"

/* SHOW CREATE TABLE as MariaDB 10.11 prints it. */
static const char mariadb_create[] =
    "CREATE TABLE `_t_gho` (\n"
    "  `id` bigint(20) NOT NULL AUTO_INCREMENT,\n"
    "  `a` int(11) NOT NULL DEFAULT 0,\n"
    "  `b` varchar(64) NOT NULL DEFAULT '',\n"
    "  `c` datetime NOT NULL,\n"
    "  `KEY x` int(11) DEFAULT NULL COMMENT 'KEY `fake` (`a`)',\n"
    "  PRIMARY KEY (`id`),\n"
    "  UNIQUE KEY `b_uniq` (`b`),\n"
    "  KEY `a_idx` (`a`),\n"
    "  KEY `b``c` (`b`(10),`c`) COMMENT 'two, columns',\n"
    "  FULLTEXT KEY `b_ft` (`b`),\n"
    "  KEY `c_idx` (`c`) IGNORED\n"
    ") ENGINE=InnoDB AUTO_INCREMENT=42 DEFAULT CHARSET=utf8mb4 "
    "COLLATE=utf8mb4_general_ci\n"
    " PARTITION BY KEY (`id`)\n"
    "PARTITIONS 4";

static void
test_from_create(void **state)
{
	struct deferkeys	 k;
	char			*why = NULL, *names;

	deferkeys_init(&k);
	assert_int_equal(deferkeys_from_create(&k, mariadb_create, &why), 0);
	assert_null(why);
	assert_int_equal(k.n, 3);
	assert_string_equal(k.defs[0], "KEY `a_idx` (`a`)");
	assert_string_equal(k.defs[1],
	    "KEY `b``c` (`b`(10),`c`) COMMENT 'two, columns'");
	assert_string_equal(k.defs[2], "KEY `c_idx` (`c`) IGNORED");
	assert_string_equal(k.names[1], "b`c");
	names = deferkeys_names(&k);
	assert_string_equal(names, "a_idx, b`c, c_idx");
	free(names);
	deferkeys_release(&k);
	assert_int_equal(k.n, 0);
}

/* Tables whose keys stay: the reason, and nothing kept. */
static void
refused(const char *create, const char *want)
{
	struct deferkeys	 k;
	char			*why = NULL;

	deferkeys_init(&k);
	assert_int_equal(deferkeys_from_create(&k, create, &why), -1);
	assert_non_null(why);
	assert_string_equal(why, want);
	assert_int_equal(k.n, 0);
	free(why);
}

static void
test_refused(void **state)
{
	refused("CREATE TABLE `t` (\n  `id` int NOT NULL,\n  `a` int,\n"
	    "  PRIMARY KEY (`id`),\n  KEY `a` (`a`)\n) ENGINE=MyISAM",
	    "the table is not InnoDB");
	refused("CREATE TABLE `t` (\n  `id` int NOT NULL,\n  `a` int,\n"
	    "  PRIMARY KEY (`id`),\n  KEY `a` (`a`)\n) ENGINE=InnoDBX",
	    "the table is not InnoDB");
	refused("CREATE TABLE `t` (\n  `id` int NOT NULL,\n  `p` int,\n"
	    "  PRIMARY KEY (`id`),\n  KEY `p` (`p`),\n"
	    "  CONSTRAINT `fk` FOREIGN KEY (`p`) REFERENCES `q` (`id`)\n"
	    ") ENGINE=InnoDB", "the table has foreign keys");
	refused("CREATE TABLE `t` (\n  `id` int NOT NULL,\n"
	    "  `v` int GENERATED ALWAYS AS (`id` + 1) VIRTUAL,\n"
	    "  PRIMARY KEY (`id`),\n  KEY `v` (`v`)\n) ENGINE=InnoDB",
	    "the table has generated columns");
}

/* MySQL 8.0's functional keys and overlong definitions stay in place; a
 * CHECK constraint is no foreign key. */
static void
test_kept_in_place(void **state)
{
	struct deferkeys	 k;
	struct buf		 b = BUF_INIT;
	char			*why = NULL;

	buf_adds(&b, "CREATE TABLE `t` (\n  `id` int NOT NULL,\n  `a` int,\n"
	    "  PRIMARY KEY (`id`),\n  KEY `f` ((`a` + 1)),\n"
	    "  KEY `a` (`a`) /*!80000 INVISIBLE */,\n  KEY `long` (`a`) COMMENT '");
	while (b.len < 2 * DEFERKEYS_MAX_DEF)
		buf_addc(&b, 'x');
	buf_adds(&b, "',\n  CONSTRAINT `c` CHECK (`a` > 0)\n"
	    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
	deferkeys_init(&k);
	assert_int_equal(deferkeys_from_create(&k, buf_str(&b), &why), 0);
	assert_int_equal(k.n, 1);
	assert_string_equal(k.defs[0], "KEY `a` (`a`) /*!80000 INVISIBLE */");
	deferkeys_release(&k);
	buf_release(&b);
}

/* Does create have a key called name? Through deferkeys_missing. */
static bool
create_has(const char *create, const char *name)
{
	struct deferkeys	 want, missing;
	struct buf		 b = BUF_INIT;
	char			*def;
	bool			 has;

	buf_adds(&b, "KEY ");
	buf_add_ident(&b, name);
	buf_adds(&b, " (`a`)");
	def = buf_detach(&b);
	deferkeys_init(&want);
	deferkeys_init(&missing);
	assert_int_equal(deferkeys_add(&want, def), 0);
	deferkeys_missing(&want, create, &missing);
	has = missing.n == 0;
	deferkeys_release(&want);
	deferkeys_release(&missing);
	free(def);
	return has;
}

static void
test_create_has(void **state)
{
	assert_true(create_has(mariadb_create, "a_idx"));
	assert_true(create_has(mariadb_create, "b`c"));
	assert_true(create_has(mariadb_create, "b_uniq"));
	assert_true(create_has(mariadb_create, "b_ft"));
	/* Not a key: a column, a comment's text, a prefix of a name. */
	assert_false(create_has(mariadb_create, "fake"));
	assert_false(create_has(mariadb_create, "KEY x"));
	assert_false(create_has(mariadb_create, "a_id"));
}

/* Missing keys keep their order; without a table text all are missing. */
static void
test_missing(void **state)
{
	struct deferkeys	 want, missing;

	deferkeys_init(&want);
	deferkeys_init(&missing);
	assert_int_equal(deferkeys_add(&want, "KEY `z` (`a`)"), 0);
	assert_int_equal(deferkeys_add(&want, "KEY `a_idx` (`a`)"), 0);
	assert_int_equal(deferkeys_add(&want, "KEY `y` (`b`)"), 0);
	deferkeys_missing(&want, mariadb_create, &missing);
	assert_int_equal(missing.n, 2);
	assert_string_equal(missing.defs[0], "KEY `z` (`a`)");
	assert_string_equal(missing.names[1], "y");
	deferkeys_release(&missing);
	deferkeys_missing(&want, NULL, &missing);
	assert_int_equal(missing.n, 3);
	deferkeys_release(&missing);
	deferkeys_release(&want);
}

static void
test_statements(void **state)
{
	struct deferkeys	 k;
	struct buf		 b = BUF_INIT;

	deferkeys_init(&k);
	assert_int_equal(deferkeys_add(&k, "KEY `a_idx` (`a`)"), 0);
	assert_int_equal(deferkeys_add(&k, "KEY `b``c` (`b`(10),`c`)"), 0);
	assert_int_equal(deferkeys_add(&k, "UNIQUE KEY `u` (`a`)"), -1);
	assert_int_equal(deferkeys_add(&k, "KEY `open"), -1);
	assert_int_equal(k.n, 2);
	deferkeys_drop_sql(&b, "db", "_t_gho", &k);
	assert_string_equal(buf_str(&b), "alter /* wisp */ table `db`.`_t_gho` "
	    "drop key `a_idx`, drop key `b``c`");
	buf_reset(&b);
	deferkeys_build_sql(&b, "db", "_t_gho", &k);
	assert_string_equal(buf_str(&b), "alter /* wisp */ table `db`.`_t_gho` "
	    "add KEY `a_idx` (`a`), add KEY `b``c` (`b`(10),`c`), "
	    "algorithm=inplace, lock=none");
	buf_release(&b);
	deferkeys_release(&k);
}

static void
test_hex(void **state)
{
	const char	*def = "KEY `é` (`a`) COMMENT 'x'";
	char		*h = deferkeys_hex(def), *back;

	assert_string_equal(h, "4B45592060C3A9602028606160292043"
	    "4F4D4D454E5420277827");
	back = deferkeys_unhex(h);
	assert_string_equal(back, def);
	free(back);
	free(h);
	back = deferkeys_unhex("4b4559");
	assert_string_equal(back, "KEY");
	free(back);
	assert_null(deferkeys_unhex("4B4"));
	assert_null(deferkeys_unhex("4G"));
	assert_null(deferkeys_unhex("4B00"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_from_create),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_kept_in_place),
		cmocka_unit_test(test_create_has),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_statements),
		cmocka_unit_test(test_hex),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
