/* test_alter.c: --alter parsing, after gh-ost's go/sql/parser_test.go. */
#include "common.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "alter.h"

/* Parse text, which must succeed. */
static struct alter *
parse(const char *text)
{
	struct alter	*a;
	char		*cause = NULL;

	a = alter_parse(text, &cause);
	if (a == NULL)
		fail_msg("alter_parse(\"%s\"): %s", text, cause);
	assert_null(cause);
	return a;
}

/* Parse text, which must fail with the given cause. */
static void
parse_fails(const char *text, const char *want)
{
	char	*cause = NULL;

	assert_null(alter_parse(text, &cause));
	assert_non_null(cause);
	assert_string_equal(cause, want);
	free(cause);
}

/* Assert the tokens of a are exactly the n strings given. */
static void
assert_tokens(const struct alter *a, size_t n, ...)
{
	va_list	ap;
	size_t	i;

	assert_int_equal(a->ntokens, n);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		assert_string_equal(a->tokens[i], va_arg(ap, const char *));
	va_end(ap);
}

/* Assert the rename map of a prints as want. */
static void
assert_renames(const struct alter *a, const char *want)
{
	char	*got = alter_format_renames(a);

	assert_string_equal(got, want);
	free(got);
}

/* Assert text parses to no renames, drops or flags. */
static void
assert_nothing_found(const char *text)
{
	struct alter	*a = parse(text);

	assert_int_equal(a->nrenames, 0);
	assert_int_equal(a->ndropped, 0);
	assert_false(a->renames_table);
	assert_false(a->sets_auto_increment);
	alter_free(a);
}

/* A bare clause list is kept whole, without a schema or table. */
static void
test_bare_clauses(void **state)
{
	struct alter	*a = parse("add column t int, engine=innodb");

	assert_null(a->schema);
	assert_null(a->table);
	assert_string_equal(a->clauses, "add column t int, engine=innodb");
	assert_tokens(a, 2, "add column t int", "engine=innodb");
	assert_int_equal(a->nrenames, 0);
	assert_int_equal(a->ndropped, 0);
	assert_false(a->renames_table);
	assert_false(a->sets_auto_increment);
	alter_free(a);
}

/* CHANGE ts ts is a trivial rename and is not reported. */
static void
test_trivial_rename(void **state)
{
	struct alter	*a;

	a = parse("add column t int, change ts ts timestamp, engine=innodb");
	assert_string_equal(a->clauses,
	    "add column t int, change ts ts timestamp, engine=innodb");
	assert_int_equal(a->nrenames, 0);
	assert_false(a->sets_auto_increment);
	assert_renames(a, "map[]");
	alter_free(a);
}

/* Backquotes do not make a rename: CHANGE f `f` is still trivial. */
static void
test_trivial_renames_backquoted(void **state)
{
	struct alter	*a;

	a = parse("add column t int, change ts ts timestamp, "
	    "CHANGE f `f` float, engine=innodb");
	assert_int_equal(a->nrenames, 0);
	assert_false(a->sets_auto_increment);
	alter_free(a);
}

/* gh-ost's non-trivial rename statements all give f->fl and i->count. */
static void
test_nontrivial_renames(void **state)
{
	static const char *statements[] = {
		"add column b bigint, change f fl float, change i count int, "
		    "engine=innodb",
		"add column b bigint, change column `f` fl float, "
		    "change `i` `count` int, engine=innodb",
		"add column b bigint, change column `f` fl float, "
		    "change `i` `count` int, change ts ts timestamp, "
		    "engine=innodb",
		"change\n\t  f fl float,\n\t\tCHANGE COLUMN i\n\t\t  count int, "
		    "engine=innodb",
	};
	struct alter	*a;
	size_t		 i;

	for (i = 0; i < nitems(statements); i++) {
		a = parse(statements[i]);
		assert_string_equal(a->clauses, statements[i]);
		assert_false(a->sets_auto_increment);
		assert_int_equal(a->nrenames, 2);
		assert_string_equal(a->renames[0].from, "f");
		assert_string_equal(a->renames[0].to, "fl");
		assert_string_equal(a->renames[1].from, "i");
		assert_string_equal(a->renames[1].to, "count");
		assert_renames(a, "map[f:fl i:count]");
		alter_free(a);
	}
}

/* Names compare exactly, as in gh-ost: a to A is a rename. */
static void
test_rename_case_change(void **state)
{
	struct alter	*a = parse("change a A int");

	assert_int_equal(a->nrenames, 1);
	assert_string_equal(a->renames[0].from, "a");
	assert_string_equal(a->renames[0].to, "A");
	alter_free(a);
}

/* A second CHANGE of one column replaces the first, like a Go map. */
static void
test_rename_replaced(void **state)
{
	struct alter	*a;

	a = parse("change a b int, change a c int");
	assert_int_equal(a->nrenames, 1);
	assert_string_equal(a->renames[0].to, "c");
	alter_free(a);

	a = parse("change a b int, change a a int");
	assert_int_equal(a->nrenames, 0);
	alter_free(a);
}

/* Backquoted names may hold spaces, commas and doubled backquotes. */
static void
test_rename_quoted_identifiers(void **state)
{
	struct alter	*a;

	a = parse("change `my col` `your col` int, change `a``b` c int, "
	    "change column `x,y` `z` int");
	assert_int_equal(a->nrenames, 3);
	assert_string_equal(a->renames[0].from, "my col");
	assert_string_equal(a->renames[0].to, "your col");
	assert_string_equal(a->renames[1].from, "a`b");
	assert_string_equal(a->renames[1].to, "c");
	assert_string_equal(a->renames[2].from, "x,y");
	assert_string_equal(a->renames[2].to, "z");
	alter_free(a);

	a = parse("change \"d\" \"e\" int");
	assert_int_equal(a->nrenames, 1);
	assert_string_equal(a->renames[0].from, "d");
	assert_string_equal(a->renames[0].to, "e");
	alter_free(a);
}

/* MariaDB's CHANGE COLUMN IF EXISTS names the columns after IF EXISTS. */
static void
test_rename_if_exists(void **state)
{
	struct alter	*a = parse("CHANGE COLUMN IF EXISTS a b int");

	assert_renames(a, "map[a:b]");
	alter_free(a);
}

/* RENAME COLUMN a TO b is a column rename, not a table rename. */
static void
test_rename_column(void **state)
{
	struct alter	*a;

	a = parse("RENAME COLUMN a TO b, rename column `x y` to `z`");
	assert_false(a->renames_table);
	assert_int_equal(a->nrenames, 2);
	assert_string_equal(a->renames[0].from, "a");
	assert_string_equal(a->renames[0].to, "b");
	assert_string_equal(a->renames[1].from, "x y");
	assert_string_equal(a->renames[1].to, "z");
	alter_free(a);

	a = parse("rename column c to c");
	assert_int_equal(a->nrenames, 0);
	assert_false(a->renames_table);
	alter_free(a);
}

/* gh-ost's AUTO_INCREMENT statements all set the option. */
static void
test_auto_increment(void **state)
{
	static const char *statements[] = {
		"auto_increment=7",
		"auto_increment = 7",
		"AUTO_INCREMENT = 71",
		"add column t int, change ts ts timestamp, "
		    "auto_increment=7 engine=innodb",
		"add column t int, change ts ts timestamp, "
		    "auto_increment =7 engine=innodb",
		"add column t int, change ts ts timestamp, "
		    "AUTO_INCREMENT = 7 engine=innodb",
		"add column t int, change ts ts timestamp, "
		    "engine=innodb auto_increment=73425",
		"auto_increment 7",
	};
	struct alter	*a;
	size_t		 i;

	for (i = 0; i < nitems(statements); i++) {
		a = parse(statements[i]);
		assert_string_equal(a->clauses, statements[i]);
		assert_true(a->sets_auto_increment);
		alter_free(a);
	}
}

/* An AUTO_INCREMENT column attribute is not the table option. */
static void
test_auto_increment_column(void **state)
{
	assert_nothing_found("add column id int auto_increment primary key");
	assert_nothing_found("add column c int comment 'auto_increment=5'");
	assert_nothing_found("add column auto_increment_x int");
}

/* gh-ost's tokenizer cases. */
static void
test_tokenize_ghost_cases(void **state)
{
	struct alter	*a;

	a = parse("add column t int");
	assert_tokens(a, 1, "add column t int");
	alter_free(a);

	a = parse("add column t int, change column i int");
	assert_tokens(a, 2, "add column t int", "change column i int");
	alter_free(a);

	a = parse("add column t int, change column i int 'some comment'");
	assert_tokens(a, 2, "add column t int",
	    "change column i int 'some comment'");
	alter_free(a);

	a = parse("add column t int, "
	    "change column i int 'some comment, with comma'");
	assert_tokens(a, 2, "add column t int",
	    "change column i int 'some comment, with comma'");
	alter_free(a);

	a = parse("add column t int, add column d decimal(10,2)");
	assert_tokens(a, 2, "add column t int", "add column d decimal(10,2)");
	alter_free(a);

	a = parse("add column t int, add column e enum('a','b','c')");
	assert_tokens(a, 2, "add column t int",
	    "add column e enum('a','b','c')");
	alter_free(a);

	a = parse("add column t int(11), add column e enum('a','b','c')");
	assert_tokens(a, 2, "add column t int(11)",
	    "add column e enum('a','b','c')");
	alter_free(a);
}

/* Commas inside parentheses, nested or after them, do not split. */
static void
test_tokenize_parentheses(void **state)
{
	struct alter	*a;

	a = parse("add column e enum('a','b') default 'a', add key k(e)");
	assert_tokens(a, 2, "add column e enum('a','b') default 'a'",
	    "add key k(e)");
	alter_free(a);

	a = parse("add column j json default (json_array(1, 2)), "
	    "add column k int default (greatest(1, (3), 2)), drop x");
	assert_tokens(a, 3, "add column j json default (json_array(1, 2))",
	    "add column k int default (greatest(1, (3), 2))", "drop x");
	assert_int_equal(a->ndropped, 1);
	assert_string_equal(a->dropped[0], "x");
	alter_free(a);

	/* gh-ost would end the "quote" at the ')' inside the string. */
	a = parse("add column e enum('a,)','b'), drop y");
	assert_tokens(a, 2, "add column e enum('a,)','b')", "drop y");
	assert_string_equal(a->dropped[0], "y");
	alter_free(a);

	/* A stray ')' does not make the depth negative. */
	a = parse("drop a), drop b");
	assert_tokens(a, 2, "drop a)", "drop b");
	alter_free(a);
}

/* Quotes of all three kinds keep their commas. */
static void
test_tokenize_quotes(void **state)
{
	struct alter	*a;

	a = parse("add column `a,b` int, drop `c,d`");
	assert_tokens(a, 2, "add column `a,b` int", "drop `c,d`");
	assert_int_equal(a->ndropped, 1);
	assert_string_equal(a->dropped[0], "c,d");
	alter_free(a);

	a = parse("add column c int comment \"x, y\", drop z");
	assert_tokens(a, 2, "add column c int comment \"x, y\"", "drop z");
	alter_free(a);

	a = parse("add column c int comment 'it\\'s, ok', drop z");
	assert_tokens(a, 2, "add column c int comment 'it\\'s, ok'",
	    "drop z");
	alter_free(a);

	a = parse("add column c int comment 'it''s, ok', drop z");
	assert_tokens(a, 2, "add column c int comment 'it''s, ok'", "drop z");
	alter_free(a);

	a = parse("add column `it's` int, drop z");
	assert_tokens(a, 2, "add column `it's` int", "drop z");
	alter_free(a);
}

/* Empty clauses disappear and each clause is trimmed. */
static void
test_tokenize_empty_clauses(void **state)
{
	struct alter	*a = parse(", add x int ,, \n drop y\t,");

	assert_tokens(a, 2, "add x int", "drop y");
	alter_free(a);
}

/* Nothing inside a quoted string or identifier counts as a clause. */
static void
test_quoted_text_ignored(void **state)
{
	assert_nothing_found("add column c int "
	    "comment 'change a b int, drop x'");
	assert_nothing_found("add column c int comment 'rename to x'");
	assert_nothing_found("add column c int comment 'drop x'");
	assert_nothing_found("add column c int comment \"drop x\"");
	assert_nothing_found("add column c int comment \"rename as t\"");
	assert_nothing_found("add column `rename to` int");
	assert_nothing_found("add column `drop x` int");
	assert_nothing_found("add column `x change a b` int");
	assert_nothing_found("add column c int default 'auto_increment=1'");
}

/* gh-ost's dropped-column cases. */
static void
test_dropped_columns(void **state)
{
	struct alter	*a;

	a = parse("drop column b");
	assert_int_equal(a->ndropped, 1);
	assert_string_equal(a->dropped[0], "b");
	alter_free(a);

	a = parse("drop column b, drop key c_idx, drop column `d`");
	assert_string_equal(a->clauses,
	    "drop column b, drop key c_idx, drop column `d`");
	assert_int_equal(a->ndropped, 2);
	assert_string_equal(a->dropped[0], "b");
	assert_string_equal(a->dropped[1], "d");
	alter_free(a);

	a = parse("drop column b, drop key c_idx, drop column `d`, "
	    "drop `e`, drop primary key, drop foreign key fk_1");
	assert_int_equal(a->ndropped, 3);
	assert_string_equal(a->dropped[0], "b");
	assert_string_equal(a->dropped[1], "d");
	assert_string_equal(a->dropped[2], "e");
	alter_free(a);

	a = parse("drop column b, drop bad statement, add column i int");
	assert_int_equal(a->ndropped, 1);
	assert_string_equal(a->dropped[0], "b");
	alter_free(a);
}

/* DROP of keys, constraints, partitions and defaults drops no column. */
static void
test_drop_not_column(void **state)
{
	static const char *statements[] = {
		"drop key k",
		"drop index i",
		"DROP INDEX `i`",
		"drop primary key",
		"drop foreign key fk",
		"drop constraint c",
		"drop check ck",
		"drop partition p",
		"drop partition p1, p2",
		"alter column z drop default",
		"ALTER COLUMN z DROP DEFAULT",
		"drop column",
		"drop index if exists i",
		"drop key",
		"drop primary",
		"drop check",
		"drop constraint",
		"drop foreign",
		"drop fulltext",
		"drop index",
		"drop partition",
		"drop spatial",
		"drop unique",
		"DROP Column",
	};
	size_t	i;

	for (i = 0; i < nitems(statements); i++)
		assert_nothing_found(statements[i]);
}

/* Reserved words can be dropped as columns when backquoted. */
static void
test_drop_quoted_keyword(void **state)
{
	struct alter	*a = parse("drop `key`, drop column `default`, "
	    "drop `my col`, drop keyword, drop index_col");

	assert_int_equal(a->ndropped, 5);
	assert_string_equal(a->dropped[0], "key");
	assert_string_equal(a->dropped[1], "default");
	assert_string_equal(a->dropped[2], "my col");
	assert_string_equal(a->dropped[3], "keyword");
	assert_string_equal(a->dropped[4], "index_col");
	alter_free(a);
}

/* IF EXISTS, RESTRICT and CASCADE around the dropped name; no duplicates. */
static void
test_drop_variants(void **state)
{
	struct alter	*a;

	a = parse("DROP COLUMN IF EXISTS b, drop if exists c, "
	    "drop column d restrict, drop e cascade, drop b");
	assert_int_equal(a->ndropped, 4);
	assert_string_equal(a->dropped[0], "b");
	assert_string_equal(a->dropped[1], "c");
	assert_string_equal(a->dropped[2], "d");
	assert_string_equal(a->dropped[3], "e");
	alter_free(a);
}

/* gh-ost's rename-table cases. */
static void
test_rename_table(void **state)
{
	static const char *yes[] = {
		"rename as something_else",
		"drop column b, rename as something_else",
		"engine=innodb rename as something_else",
		"rename as something_else, engine=innodb",
		"RENAME TO t2",
		"rename `t2`",
		"alter table t rename to t2",
	};
	struct alter	*a;
	size_t		 i;

	a = parse("drop column b");
	assert_false(a->renames_table);
	alter_free(a);

	for (i = 0; i < nitems(yes); i++) {
		a = parse(yes[i]);
		assert_true(a->renames_table);
		alter_free(a);
	}

	a = parse("drop column b, rename as something_else");
	assert_string_equal(a->clauses,
	    "drop column b, rename as something_else");
	alter_free(a);
}

/* RENAME COLUMN, INDEX and KEY do not rename the table. */
static void
test_rename_not_table(void **state)
{
	static const char *no[] = {
		"rename column a to b",
		"rename index a to b",
		"RENAME KEY a TO b",
		"rename  index  a  to  b",
	};
	struct alter	*a;
	size_t		 i;

	for (i = 0; i < nitems(no); i++) {
		a = parse(no[i]);
		assert_false(a->renames_table);
		alter_free(a);
	}
}

/* Every form of ALTER TABLE [schema.]table from gh-ost's tests. */
static void
test_explicit_table(void **state)
{
	static const struct {
		const char	*statement;
		const char	*schema;
		const char	*table;
	} cases[] = {
		{ "drop column b", NULL, NULL },
		{ "alter table tbl drop column b", NULL, "tbl" },
		{ "alter table `tbl` drop column b", NULL, "tbl" },
		{ "alter table `scm with spaces`.`tbl` drop column b",
		    "scm with spaces", "tbl" },
		{ "alter table `scm`.`tbl with spaces` drop column b",
		    "scm", "tbl with spaces" },
		{ "alter table `scm`.tbl drop column b", "scm", "tbl" },
		{ "alter table scm.`tbl` drop column b", "scm", "tbl" },
		{ "alter table scm.tbl drop column b", "scm", "tbl" },
		{ "ALTER TABLE Scm.Tbl drop column b", "Scm", "Tbl" },
		{ "Alter\tTable\n`we``ird`.`t` drop column b", "we`ird", "t" },
	};
	struct alter	*a;
	size_t		 i;

	for (i = 0; i < nitems(cases); i++) {
		a = parse(cases[i].statement);
		if (cases[i].schema == NULL)
			assert_null(a->schema);
		else
			assert_string_equal(a->schema, cases[i].schema);
		if (cases[i].table == NULL)
			assert_null(a->table);
		else
			assert_string_equal(a->table, cases[i].table);
		assert_string_equal(a->clauses, "drop column b");
		assert_tokens(a, 1, "drop column b");
		assert_int_equal(a->ndropped, 1);
		assert_string_equal(a->dropped[0], "b");
		alter_free(a);
	}

	a = parse("alter table scm.tbl drop column b, add index idx(i)");
	assert_string_equal(a->schema, "scm");
	assert_string_equal(a->table, "tbl");
	assert_string_equal(a->clauses, "drop column b, add index idx(i)");
	assert_tokens(a, 2, "drop column b", "add index idx(i)");
	alter_free(a);
}

/* A statement over several lines keeps all its clauses. */
static void
test_multiline_statement(void **state)
{
	struct alter	*a;

	a = parse("ALTER TABLE `db`.`t`\n  ADD COLUMN a INT,\n"
	    "  CHANGE b c INT,\n  DROP d");
	assert_string_equal(a->schema, "db");
	assert_string_equal(a->table, "t");
	assert_string_equal(a->clauses,
	    "ADD COLUMN a INT,\n  CHANGE b c INT,\n  DROP d");
	assert_tokens(a, 3, "ADD COLUMN a INT", "CHANGE b c INT", "DROP d");
	assert_renames(a, "map[b:c]");
	assert_true(alter_drops(a, "d"));
	alter_free(a);
}

/* Surrounding whitespace and trailing semicolons are trimmed. */
static void
test_trailing_semicolon(void **state)
{
	struct alter	*a;

	a = parse("  \n alter table t drop b ;  \n");
	assert_string_equal(a->table, "t");
	assert_string_equal(a->clauses, "drop b");
	assert_string_equal(a->dropped[0], "b");
	alter_free(a);

	a = parse("add x int;; ;\n");
	assert_null(a->table);
	assert_string_equal(a->clauses, "add x int");
	alter_free(a);

	a = parse("add x int default ';'");
	assert_string_equal(a->clauses, "add x int default ';'");
	alter_free(a);
}

/* An empty --alter is refused with gh-ost's message. */
static void
test_empty(void **state)
{
	static const char *want =
	    "--alter must be provided and statement must not be empty";

	parse_fails("", want);
	parse_fails("   \n\t ", want);
	parse_fails(" ; ", want);
	parse_fails(NULL, want);
	assert_null(alter_parse("", NULL));
}

/* ALTER TABLE without a readable table or without clauses is refused. */
static void
test_statement_errors(void **state)
{
	parse_fails("alter table t", "--alter has no clauses after the "
	    "table name");
	parse_fails("ALTER TABLE `db`.`t`;", "--alter has no clauses after "
	    "the table name");
	parse_fails("alter table", "cannot read the table name in --alter");
	parse_fails("alter table `unterminated drop b",
	    "cannot read the table name in --alter");
	assert_null(alter_parse("alter table t", NULL));
}

/* The rename map prints with keys in byte order, like Go's %v. */
static void
test_format_renames(void **state)
{
	struct alter	*a;

	a = parse("change c d int, change a b int");
	assert_renames(a, "map[a:b c:d]");
	assert_string_equal(a->renames[0].from, "c");
	alter_free(a);

	a = parse("change b x int, change B y int, change `a b` z int");
	assert_renames(a, "map[B:y a b:z b:x]");
	alter_free(a);

	a = parse("add column c int");
	assert_renames(a, "map[]");
	alter_free(a);
}

/* Lookups through the renames, both ways, ignoring case. */
static void
test_renamed_to_from(void **state)
{
	struct alter	*a = parse("change a b int, rename column C to d");
	const char	*name = "zz";

	assert_string_equal(alter_renamed_to(a, "a"), "b");
	assert_string_equal(alter_renamed_to(a, "A"), "b");
	assert_string_equal(alter_renamed_to(a, "c"), "d");
	assert_ptr_equal(alter_renamed_to(a, name), name);
	assert_string_equal(alter_renamed_to(a, "b"), "b");
	assert_string_equal(alter_renamed_from(a, "b"), "a");
	assert_string_equal(alter_renamed_from(a, "D"), "C");
	assert_null(alter_renamed_from(a, "a"));
	assert_null(alter_renamed_from(a, "zz"));
	alter_free(a);
}

/* alter_drops answers for dropped columns only, ignoring case. */
static void
test_drops_lookup(void **state)
{
	struct alter	*a = parse("DROP COLUMN B, drop key k, drop `c d`");

	assert_true(alter_drops(a, "B"));
	assert_true(alter_drops(a, "b"));
	assert_true(alter_drops(a, "C D"));
	assert_false(alter_drops(a, "k"));
	assert_false(alter_drops(a, "key"));
	assert_false(alter_drops(a, "c"));
	alter_free(a);
}

/* Renames, drops and a table rename together in one statement. */
static void
test_combined(void **state)
{
	struct alter	*a;

	a = parse("alter table `d`.`t` change `a` `b` varchar(10) "
	    "comment 'x, drop y', drop column c, add key k(b, e), "
	    "rename column e to f, rename to t2, auto_increment=100;");
	assert_string_equal(a->schema, "d");
	assert_string_equal(a->table, "t");
	assert_int_equal(a->ntokens, 6);
	assert_renames(a, "map[a:b e:f]");
	assert_int_equal(a->ndropped, 1);
	assert_string_equal(a->dropped[0], "c");
	assert_true(a->renames_table);
	assert_true(a->sets_auto_increment);
	alter_free(a);
}

/* gh-ost's ParseEnumValues cases, plus a value holding ')'. */
static void
test_enum_values(void **state)
{
	static const struct {
		const char	*type;
		const char	*want;
	} cases[] = {
		{ "enum('red','green','blue','orange')",
		    "'red','green','blue','orange'" },
		{ "('red','green','blue','orange')",
		    "('red','green','blue','orange')" },
		{ "zzz", "zzz" },
		{ "enum('a)','b')", "'a)','b'" },
		{ "enum('x\ny')", "'x\ny'" },
		{ "set('a','b')", "set('a','b')" },
		{ "", "" },
	};
	char	*got;
	size_t	 i;

	for (i = 0; i < nitems(cases); i++) {
		got = alter_enum_values(cases[i].type);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
}

/* Run the tests. */
int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bare_clauses),
		cmocka_unit_test(test_trivial_rename),
		cmocka_unit_test(test_trivial_renames_backquoted),
		cmocka_unit_test(test_nontrivial_renames),
		cmocka_unit_test(test_rename_case_change),
		cmocka_unit_test(test_rename_replaced),
		cmocka_unit_test(test_rename_quoted_identifiers),
		cmocka_unit_test(test_rename_if_exists),
		cmocka_unit_test(test_rename_column),
		cmocka_unit_test(test_auto_increment),
		cmocka_unit_test(test_auto_increment_column),
		cmocka_unit_test(test_tokenize_ghost_cases),
		cmocka_unit_test(test_tokenize_parentheses),
		cmocka_unit_test(test_tokenize_quotes),
		cmocka_unit_test(test_tokenize_empty_clauses),
		cmocka_unit_test(test_quoted_text_ignored),
		cmocka_unit_test(test_dropped_columns),
		cmocka_unit_test(test_drop_not_column),
		cmocka_unit_test(test_drop_quoted_keyword),
		cmocka_unit_test(test_drop_variants),
		cmocka_unit_test(test_rename_table),
		cmocka_unit_test(test_rename_not_table),
		cmocka_unit_test(test_explicit_table),
		cmocka_unit_test(test_multiline_statement),
		cmocka_unit_test(test_trailing_semicolon),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_statement_errors),
		cmocka_unit_test(test_format_renames),
		cmocka_unit_test(test_renamed_to_from),
		cmocka_unit_test(test_drops_lookup),
		cmocka_unit_test(test_combined),
		cmocka_unit_test(test_enum_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
